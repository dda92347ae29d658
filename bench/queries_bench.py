"""Run time of each example query of the SQL werkbank and of a typical aggregate over `facts` (median).

Run by hand: `uv run python bench/queries_bench.py [runs]`. Queries run as an analyst's do: through
`zvh.query.werkbank.run`, in its worker process.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from zvh.query import (
    sql,  # noqa: E402
    werkbank,  # noqa: E402
)
from zvh.store.build import build  # noqa: E402

AGGREGATE = "select region, year, theme, count(*) as cijfers, sum(value) as totaal from facts where is_preferred group by all"


def main(runs: int = 25) -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        build(db)
        queries = {q.name: q.text for q in sql.examples()} | {"aggregaat_over_facts": AGGREGATE}
        for name, text in queries.items():
            werkbank.run(db, text)  # warm
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                werkbank.run(db, text)
                times.append((time.perf_counter() - started) * 1000)
            print(f"{name:<40} median {statistics.median(times):6.1f} ms  ({runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
