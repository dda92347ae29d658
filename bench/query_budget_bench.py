"""The ad-hoc SQL budget: how long each hostile query runs and how much memory it takes before it is stopped.

Run by hand: `uv run python bench/query_budget_bench.py`. Each query runs as `zvh sql` does, in a process of
its own; the bench samples the resident memory of that process and all its children every 10 ms and stops
the run itself at a safety cap (so a query without a working budget cannot take the machine down).
It then runs a runaway query in one thread of one process and measures, meanwhile, the page queries of
another session in the same process: the app must keep serving.
"""

import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from zvh.query import werkbank  # noqa: E402
from zvh.store.build import build  # noqa: E402

HOSTILE = [
    "select range(0, 2000000000)",
    "select len(range(0, 400000000))",
    "select len(range(0, 100000000)) as n",
    "select count(*) from range(100000000) a, range(100000000) b",
    "select count(distinct x::varchar) from range(300000000) t(x)",
    "select repeat('x', 100000) from range(100000)",
]
SAFETY_SECONDS, SAFETY_BYTES = 60, 8 << 30
PAGE_QUERY = "select region, year, count(*) from facts group by all"


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and every process below it."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * 4096
        except OSError:
            pass
    return total


def run_cli(db: Path, query: str) -> tuple[float, int, str]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "zvh.cli", "sql", query, "--db", str(db)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, outcome = 0, None
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        if peak > SAFETY_BYTES or time.perf_counter() - started > SAFETY_SECONDS:
            subprocess.run(["pkill", "-9", "-P", str(process.pid)])
            process.kill()
            outcome = "STOPPED BY THE BENCH (no budget held)"
        time.sleep(0.01)
    seconds = time.perf_counter() - started
    message = process.stderr.read().strip().splitlines()
    return seconds, peak, outcome or (message[0][:90] if message else f"exit {process.returncode}")


def stop_delays(db: Path) -> None:
    """How long after its time limit a runaway query is stopped, with the workers already started (as in the app)."""
    for query in (HOSTILE[3], HOSTILE[4]):
        werkbank.run(db, "select 1")
        started = time.perf_counter()
        _swallow(db, query)
        print(f"stopped {time.perf_counter() - started - werkbank.TIME_LIMIT_S:+.2f} s after the "
              f"{werkbank.TIME_LIMIT_S:g} s limit: {query}")


def stop_delays_when_queued(db: Path) -> None:
    """One more runaway than there are workers, at once: the time limit counts the wait for a worker."""
    def one(_) -> float:
        started = time.perf_counter()
        _swallow(db, HOSTILE[3])
        return time.perf_counter() - started

    with ThreadPoolExecutor(werkbank.WORKERS + 1) as pool:
        ended = list(pool.map(one, range(werkbank.WORKERS + 1)))
    print(f"{len(ended)} runaways at once on {werkbank.WORKERS} workers: ended "
          + ", ".join(f"{s - werkbank.TIME_LIMIT_S:+.2f} s" for s in sorted(ended)) + " after the limit")


def serving_while_a_runaway_runs(db: Path) -> None:
    # Warm the worker and the page connection first, as a running app has them.
    werkbank.run(db, "select 1")
    con = __import__("zvh.store.db", fromlist=["open_readonly"]).open_readonly(db)
    runaway = threading.Thread(target=lambda: _swallow(db, HOSTILE[3]))
    runaway.start()
    time.sleep(0.5)
    latencies = []
    while runaway.is_alive():
        started = time.perf_counter()
        cursor = con.cursor()
        cursor.sql(PAGE_QUERY).pl()
        cursor.close()
        latencies.append((time.perf_counter() - started) * 1000)
        time.sleep(0.05)
    latencies.sort()
    print(f"page queries of another session during a runaway query: {len(latencies)} served, "
          f"median {latencies[len(latencies) // 2]:.1f} ms, max {latencies[-1]:.1f} ms")


def _swallow(db: Path, query: str) -> None:
    try:
        werkbank.run(db, query)
    except werkbank.Refused:
        pass


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        build(db)
        print(f"{'query':<62} {'seconds':>8} {'peak MB':>8}  outcome")
        for query in HOSTILE:
            seconds, peak, outcome = run_cli(db, query)
            print(f"{query:<62} {seconds:8.2f} {peak / 2**20:8.0f}  {outcome}")
        stop_delays(db)
        stop_delays_when_queued(db)
        serving_while_a_runaway_runs(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
