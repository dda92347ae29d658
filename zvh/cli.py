"""The `zvh` command line: build the database (and, later, query it)."""

import argparse
import sys
from pathlib import Path

from zvh.build import build
from zvh.paths import DATA, default_db
from zvh.problems import SourceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zvh", description="ZVH dashboard data tools")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="validate data/ and build the DuckDB database")
    build_cmd.add_argument("--db", type=Path, default=None, help="database path (default: data/zvh.duckdb)")
    build_cmd.add_argument("--data", type=Path, default=DATA, help="source data folder (default: data/)")
    args = parser.parse_args(argv)

    if args.command == "build":
        target = args.db or default_db()
        try:
            report = build(target, args.data)
        except SourceError as error:
            print(f"Build failed; {target} is unchanged.\n{error}", file=sys.stderr)
            return 1
        counts = ", ".join(f"{name} {n}" for name, n in report.rows.items())
        print(f"Built {target} in {report.seconds:.2f} s: {counts}. Data-quality findings: {report.findings}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
