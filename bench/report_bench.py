"""Measure `zvh rapport`: one stuurgroeprapportage, in-process (warm) and as a fresh command (cold).

Run by hand: `uv run python bench/report_bench.py [runs]`. Target: one report under 3 s on the 2-core machine.
Warm: `render` in this process, as the Overzicht's button makes it (each call opens the file and runs its queries).
Cold: `zvh rapport` in a new process, imports included, beside `zvh sql "select 1"` in a new process: what every
`zvh` command pays to start (Python, polars, pandera through the ledger that settles a broken-off load), so that the
report's own part of a cold run shows. All on the database at `ZVH_DB` (built when missing).
The verdict: the report in the app, and a cold `zvh rapport` beyond the start every command pays, under 3 s.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zvh.paths import default_db
from zvh.report.pdf import render
from zvh.store.db import ensure_database

TARGET_SECONDS = 3.0
REPORTS = [("groningen", 2024), ("fryslan", 2024)]


def _summary(what: str, times: list[float]) -> str:
    return f"{what}: median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} runs"


def _command(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "zvh.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - started


def main(runs: int = 5) -> int:
    database = ensure_database(default_db())
    warm, cold, start = [], [], []
    render(database, *REPORTS[0])  # the first call in a process pays for typst's fonts
    with tempfile.TemporaryDirectory() as folder:
        for i in range(runs):
            for region, year in REPORTS:
                started = time.perf_counter()
                render(database, region, year)
                warm.append(time.perf_counter() - started)
                cold.append(_command("rapport", "--regio", region, "--jaar", str(year), "--uit",
                                     str(Path(folder) / f"{region}{i}.pdf"), "--db", str(database)))
                start.append(_command("sql", "select 1", "--db", str(database)))
    own = statistics.median(cold) - statistics.median(start)
    print(_summary("in the app (warm)", warm))
    print(_summary("zvh rapport (fresh process)", cold))
    print(_summary('zvh sql "select 1" (fresh process, every command\'s start)', start))
    print(f"a cold report beyond that start: {own:.2f} s; target < {TARGET_SECONDS:.0f} s: "
          f"{'OK' if max(statistics.median(warm), own) < TARGET_SECONDS else 'TOO SLOW'}")
    return 0 if max(statistics.median(warm), own) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
