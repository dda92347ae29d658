"""Server-side rerun time of every page: median and p95 over repeated AppTest reruns, warm cache.

Run by hand: `uv run python bench/pages_bench.py [reruns]`. Target: each page's p95 under 50 ms, warm.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from zvh.store.build import build  # noqa: E402

PAGES = ["overzicht", "signalen", "trends", "vergelijking", "gemeenten", "mensenhandel", "financien", "bronnen"]
TARGET_MS = 50


def measure(page: str, reruns: int) -> list[float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"views/{page}.py")  # straight to the page, as a deep link does
    at.run()
    at.run()  # warm: connection and query caches filled
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception}")
    times = []
    for _ in range(reruns):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(reruns: int = 30) -> int:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ZVH_DB"] = str(Path(folder) / "bench.duckdb")
        build(Path(os.environ["ZVH_DB"]))
        worst = 0.0
        for page in PAGES:
            times = sorted(measure(page, reruns))
            median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
            worst = max(worst, p95)
            print(f"{page:<13} median {median:6.1f} ms   p95 {p95:6.1f} ms   ({reruns} reruns)")
    print(f"target: every page's p95 under {TARGET_MS} ms: {'OK' if worst < TARGET_MS else 'TOO SLOW'}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
