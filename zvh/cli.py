"""The `zvh` command line: build the database, and query it read-only."""

import argparse
import sys
from pathlib import Path

import polars as pl

from zvh import werkbank
from zvh.build import build
from zvh.db import ensure_database, open_readonly
from zvh.paths import DATA, default_db
from zvh.problems import SourceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zvh", description="ZVH dashboard data tools")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="validate data/ and build the DuckDB database")
    build_cmd.add_argument("--db", type=Path, default=None, help="database path (default: data/zvh.duckdb)")
    build_cmd.add_argument("--data", type=Path, default=DATA, help="source data folder (default: data/)")
    sql_cmd = commands.add_parser("sql", help="run one read-only SQL query against the database")
    sql_cmd.add_argument("query", help='e.g. "select * from facts limit 5"')
    sql_cmd.add_argument("--db", type=Path, default=None, help="database path (default: data/zvh.duckdb)")
    sql_cmd.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql_cmd.add_argument("--max-rows", type=int, default=werkbank.SCREEN_ROWS, help="cap on rows returned")
    args = parser.parse_args(argv)
    return {"build": _build, "sql": _sql}[args.command](args)


def _build(args) -> int:
    target = args.db or default_db()
    try:
        report = build(target, args.data)
    except SourceError as error:
        print(f"Build failed; {target} is unchanged.\n{error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {n}" for name, n in report.rows.items())
    print(f"Built {target} in {report.seconds:.2f} s: {counts}. Data-quality findings: {report.findings}.")
    return 0


def _sql(args) -> int:
    target = args.db or default_db()
    try:
        con = open_readonly(ensure_database(target))
    except SourceError as error:
        print(f"No database at {target} and building it failed:\n{error}", file=sys.stderr)
        return 1
    try:
        result = werkbank.run(con, args.query, max_rows=args.max_rows)
    except werkbank.Refused as refusal:
        print(f"Refused: {refusal}", file=sys.stderr)
        return 1
    finally:
        con.close()
    frame = result.frame
    if args.format == "csv":
        sys.stdout.write(frame.write_csv())
    elif args.format == "json":
        sys.stdout.write(frame.write_json() + "\n")
    else:
        with pl.Config(tbl_rows=frame.height, tbl_cols=-1, fmt_str_lengths=80, fmt_float="full", tbl_hide_dataframe_shape=True):
            print(frame)
        print(f"{frame.height} rows in {result.seconds:.3f} s")
    if result.truncated:
        print(f"Stopped at {args.max_rows} rows; more rows exist (use --max-rows or a LIMIT).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
