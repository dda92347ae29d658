"""The `zvh` command line: build the database, query it read-only, commit an aanlevering and roll it back, make the
stuurgroeprapportage."""

import argparse
import getpass
import sys
from pathlib import Path

import polars as pl

from zvh.aanlevering import ledger
from zvh.aanlevering.staging import KEYS, differences
from zvh.aanlevering.upload import UploadError
from zvh.paths import default_data, default_db
from zvh.present import exports
from zvh.query import werkbank
from zvh.source.problems import SourceError
from zvh.store.build import FACT_TABLES, build
from zvh.store.db import ensure_database
from zvh.store.locks import exclusive

SHELL_ROLE = "opdrachtregel"  # shell users hold the files already; the history names their login


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zvh", description="ZVH dashboard data tools")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="validate data/ and build the DuckDB database")
    build_cmd.add_argument("--db", type=Path, default=None, help="database path (default: data/zvh.duckdb)")
    build_cmd.add_argument("--data", type=Path, default=None, help="source data folder (default: data/)")
    sql_cmd = commands.add_parser("sql", help="run one read-only SQL query against the database")
    sql_cmd.add_argument("query", help='e.g. "select * from facts limit 5"')
    sql_cmd.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql_cmd.add_argument("--max-rows", type=int, default=werkbank.SCREEN_ROWS, help="cap on rows returned")
    commit_cmd = commands.add_parser("commit", help="validate a delivered .xlsx/.csv and add it to data/ and the database")
    commit_cmd.add_argument("file", type=Path)
    commit_cmd.add_argument("--table", required=True, choices=list(FACT_TABLES))
    commit_cmd.add_argument("--dry-run", action="store_true", help="only check and show the effect; change nothing")
    commit_cmd.add_argument("--who", default=None, help="name recorded in the history (default: your login)")
    commit_cmd.add_argument("--reason", default="", help="required when the delivery changes published figures")
    rollback_cmd = commands.add_parser("rollback", help="undo the latest aanlevering (data/ and the database)")
    rollback_cmd.add_argument("--who", default=None, help="name recorded in the history (default: your login)")
    report_cmd = commands.add_parser("rapport", help="make the stuurgroeprapportage (PDF) of one region and year")
    report_cmd.add_argument("--regio", required=True, help="region code, e.g. groningen")
    report_cmd.add_argument("--jaar", required=True, type=int, help="the year reported on, e.g. 2024")
    report_cmd.add_argument("--uit", required=True, type=Path, help="the PDF file to write")
    for command in (sql_cmd, commit_cmd, rollback_cmd, report_cmd):
        command.add_argument("--db", type=Path, default=None, help="database path (default: data/zvh.duckdb)")
        command.add_argument("--data", type=Path, default=None, help="source data folder (default: data/)")
    args = parser.parse_args(argv)
    return {"build": _build, "sql": _sql, "commit": _commit, "rollback": _rollback,
            "rapport": _report}[args.command](args)


def _build(args) -> int:
    target, data_dir = args.db or default_db(), args.data or default_data()
    try:
        with exclusive(data_dir):  # a build replaces the database as a commit does: never during one
            ledger.recover(data_dir, target)
            report = build(target, data_dir)
    except SourceError as error:
        print(f"Build failed; {target} is unchanged.\n{error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {n}" for name, n in report.rows.items())
    print(f"Built {target} in {report.seconds:.2f} s: {counts}. Data-quality findings: {report.findings}.")
    return 0


def _sql(args) -> int:
    target = args.db or default_db()
    try:
        database = ensure_database(target)
        ledger.settle(args.data or default_data(), database)
    except SourceError as error:
        print(f"No database at {target} and building it failed:\n{error}", file=sys.stderr)
        return 1
    try:
        result = werkbank.run(database, args.query, max_rows=args.max_rows)
    except werkbank.Refused as refusal:
        print(f"Refused: {refusal}", file=sys.stderr)
        return 1
    frame = result.frame
    if args.format == "csv":
        sys.stdout.write(exports.flat(frame).write_csv())
    elif args.format == "json":
        sys.stdout.write(frame.write_json() + "\n")
    else:
        with pl.Config(tbl_rows=frame.height, tbl_cols=-1, fmt_str_lengths=80, fmt_float="full", tbl_hide_dataframe_shape=True):
            print(frame)
        print(f"{frame.height} rows in {result.seconds:.3f} s")
    if result.text_columns:
        print(f"Given as text (a type or value the output formats cannot hold): {', '.join(result.text_columns)}.",
              file=sys.stderr)
    if result.truncated:
        print(f"Stopped at {args.max_rows} rows; more rows exist (use --max-rows or a LIMIT).", file=sys.stderr)
    return 0


def _commit(args) -> int:
    data_dir, target = args.data or default_data(), args.db or default_db()
    try:
        raw = args.file.read_bytes()
        aanlevering = ledger.preview(args.table, args.file.name, raw, data_dir)
    except (OSError, UploadError) as error:
        print(f"Cannot read {args.file}: {error}", file=sys.stderr)
        return 1
    result = aanlevering.check
    if result.problems:
        print(f"Refused ({aanlevering.dialect}); nothing was committed:", file=sys.stderr)
        for problem in result.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{args.file.name} ({aanlevering.dialect}): {result.added.height} added, "
          f"{result.changed.height} changed, {result.unchanged.height} unchanged.")
    for row in result.changed.iter_rows(named=True):
        changes = ", ".join(f"{c} {old} -> {new}" for c, old, new in differences(args.table, row))
        print(f"  changed {' '.join(str(row[k]) for k in KEYS[args.table] if row[k] is not None)}: "
              f"{changes} (was {row['oud_document']})")
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 0
    try:
        entry = ledger.commit(args.table, args.file.name, raw, args.who or getpass.getuser(), args.reason,
                             data_dir, target, role=SHELL_ROLE)
    except ledger.Refused as refusal:
        print(f"Refused: {refusal}", file=sys.stderr)
        for problem in refusal.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"Committed as data/{args.table}/{entry['aanlevering']}; {target} rebuilt. Undo with `zvh rollback`.")
    return 0


def _rollback(args) -> int:
    data_dir, target = args.data or default_data(), args.db or default_db()
    active = ledger.active_aanleveringen(data_dir)
    if not active:
        print("Nothing to roll back: no aanlevering is in effect.", file=sys.stderr)
        return 1
    try:
        entry = ledger.rollback(active[-1]["aanlevering"], args.who or getpass.getuser(), data_dir, target,
                               role=SHELL_ROLE)
    except ledger.Refused as refusal:
        print(f"Refused: {refusal}", file=sys.stderr)
        return 1
    print(f"Rolled back {entry['bestand']} ({entry['aanlevering']}); {target} restored.")
    return 0


def _report(args) -> int:
    from zvh.report.content import NoFigures  # typst and the report's modules only for this command
    from zvh.report.pdf import render

    target = args.db or default_db()
    try:
        database = ensure_database(target)
        ledger.settle(args.data or default_data(), database)
        pdf = render(database, args.regio, args.jaar)
    except SourceError as error:
        print(f"No database at {target} and building it failed:\n{error}", file=sys.stderr)
        return 1
    except NoFigures as refusal:
        print(f"Refused: {refusal}", file=sys.stderr)
        return 1
    partial = args.uit.with_name(f".{args.uit.name}.deel")  # a failed write never leaves half a PDF under its name
    try:
        partial.write_bytes(pdf)
        partial.replace(args.uit)
    except OSError as error:
        partial.unlink(missing_ok=True)
        print(f"Cannot write {args.uit}: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {args.uit} ({len(pdf) // 1024} kB): stuurgroeprapportage {args.regio} {args.jaar}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
