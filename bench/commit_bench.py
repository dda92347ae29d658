"""Measure an aanlevering: the check behind the preview, the commit (check, rebuild, swap) and the rollback.

Run by hand: `uv run python bench/commit_bench.py [runs]`. Works on a private copy of data/; the user waits
for the check after each upload and for the commit, so both should stay a few seconds at most.
"""

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from zvh.aanlevering import ledger
from zvh.paths import DATA
from zvh.store.build import build

AANLEVERING = ("region;year;theme;metric;gemeente;categorie;value;unit\n"
            + "".join(f"groningen;2025;maatwerk;nieuwe_aanmeldingen;{g};;{i};aantal\n"
                      for i, g in enumerate(["Groningen", "Midden-Groningen", "Het Hogeland", "Westerkwartier", "Oldambt"]))
            ).encode()


def main(runs: int = 5) -> int:
    timings = {"check (preview)": [], "commit": [], "rollback": []}
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        shutil.copytree(DATA, data_dir, ignore=shutil.ignore_patterns("*.duckdb*", ".*"))
        db = data_dir / "zvh.duckdb"
        build(db, data_dir)
        for _ in range(runs):
            started = time.perf_counter()
            ledger.preview("kerncijfers", "bench.csv", AANLEVERING, data_dir)
            timings["check (preview)"].append(time.perf_counter() - started)
            started = time.perf_counter()
            entry = ledger.commit("kerncijfers", "bench.csv", AANLEVERING, "bench", "", data_dir, db)
            timings["commit"].append(time.perf_counter() - started)
            started = time.perf_counter()
            ledger.rollback(entry["aanlevering"], "bench", data_dir, db)
            timings["rollback"].append(time.perf_counter() - started)
    for step, times in timings.items():
        print(f"{step:16} median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s ({runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
