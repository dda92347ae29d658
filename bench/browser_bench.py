"""Browser time until the Overzicht figures are visible, in headless Chromium, fresh browser context each run.

Run by hand: `uv run python bench/browser_bench.py [runs]`. Target: first meaningful render (the first tile's
figure) under 3 s. Also reported: until the whole page is there (every tile, the table and its downloads).
Starts the app with the README's command on a free port against a freshly built database.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

TARGET_S = 3.0


def main(runs: int = 7) -> int:
    with tempfile.TemporaryDirectory() as folder:
        env = {"ZVH_DB": str(Path(folder) / "bench.duckdb")}
        subprocess.run([sys.executable, "-m", "zvh.cli", "build", "--db", env["ZVH_DB"]], check=True,
                       env=os.environ | env)
        with running_app(env) as url, sync_playwright() as p:
            times, complete = [], []
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for i in range(runs + 1):
                page = browser.new_context(locale="nl-NL").new_page()
                started = time.perf_counter()
                page.goto(f"{url}/?regio=Groningen&jaar=2024")
                page.get_by_test_id("stMetric").first.wait_for(timeout=30_000)
                first = time.perf_counter() - started
                page.get_by_role("button", name="Excel").wait_for(timeout=30_000)
                if i:  # the first run also starts the server's caches: not a user's first render
                    times.append(first)
                    complete.append(time.perf_counter() - started)
                page.context.close()
            browser.close()
    median = statistics.median(times)
    print(f"Overzicht figures visible: median {median:.2f} s, min {min(times):.2f} s, max {max(times):.2f} s "
          f"over {runs} fresh browser contexts (target < {TARGET_S:.0f} s): {'OK' if median < TARGET_S else 'TOO SLOW'}")
    print(f"Whole page (tiles, table, downloads): median {statistics.median(complete):.2f} s, "
          f"min {min(complete):.2f} s, max {max(complete):.2f} s")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
