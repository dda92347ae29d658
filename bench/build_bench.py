"""Measure `zvh build` from scratch: median and spread over repeated runs in fresh processes.

Run by hand: `uv run python bench/build_bench.py [runs]`. Target: median under 5 s on the 2-core machine.
Each run is a new process (`zvh build --db <new file>`), so imports and the cold build are included.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 5.0


def main(runs: int = 7) -> int:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for i in range(runs):
            db = Path(folder) / f"bench{i}.duckdb"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "zvh.cli", "build", "--db", str(db)], check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"zvh build from scratch, {runs} runs: median {median:.2f} s, min {min(times):.2f} s, "
          f"max {max(times):.2f} s (target < {TARGET_SECONDS:.0f} s): {'OK' if median < TARGET_SECONDS else 'TOO SLOW'}")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
