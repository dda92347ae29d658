"""Read source CSVs as text, convert them to the schema's types and validate them, naming every bad cell."""

from collections.abc import Iterable
from pathlib import Path

import pandera.polars as pa
import polars as pl
from pandera.errors import SchemaErrors

from validation.problems import Problem

META = ["_file", "_line"]


def read_csv(path: Path, schema: pa.DataFrameSchema) -> tuple[pl.DataFrame, list[Problem]]:
    """Read one CSV and convert it to the column types of `schema`; problems instead of exceptions."""
    name = str(path.name)
    if not path.is_file():
        return pl.DataFrame(), [Problem(name, None, None, None, f"het bestand ontbreekt ({path})")]
    try:
        raw = pl.read_csv(path, infer_schema=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError, OSError) as error:
        return pl.DataFrame(), [Problem(name, None, None, None, f"het CSV-bestand is onleesbaar: {error}")]
    expected = list(schema.columns)
    missing = [c for c in expected if c not in raw.columns]
    extra = [c for c in raw.columns if c not in expected]
    problems = [Problem(name, 1, c, None, "deze kolom ontbreekt") for c in missing]
    problems += [Problem(name, 1, c, None, "onbekende kolom") for c in extra]
    if problems:
        return pl.DataFrame(), problems
    raw = raw.select(expected).with_columns(
        pl.lit(name).alias("_file"), (pl.int_range(pl.len()) + 2).alias("_line")
    )
    typed = raw.with_columns(_convert(c, schema.columns[c].dtype.type) for c in expected)
    # A cell that was filled but did not convert; one pass over the file, since almost every file has none.
    lost = pl.DataFrame({c: raw[c].is_not_null() & typed[c].is_null() for c in expected})
    if lost.select(pl.any_horizontal(pl.all()).any()).item():
        for column in expected:
            rule = _type_rule(schema.columns[column].dtype.type)
            failed = raw.filter(lost[column])
            problems += [Problem(name, r["_line"], column, r[column], rule) for r in failed.iter_rows(named=True)]
    return typed, problems


def _convert(column: str, dtype: pl.DataType) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    if dtype == pl.Boolean:
        return text.str.to_lowercase().replace_strict({"true": True, "false": False}, default=None).alias(column)
    if dtype == pl.String:
        return pl.col(column)
    return text.cast(dtype, strict=False).alias(column)


def _type_rule(dtype: pl.DataType) -> str:
    if dtype == pl.Boolean:
        return "moet true of false zijn"
    if dtype.is_integer():
        return "is geen geheel getal"
    return "is geen getal (gebruik een punt als decimaalteken, zonder duizendtallen)"


def validate(frame: pl.DataFrame, schema: pa.DataFrameSchema, table: str) -> list[Problem]:
    """Validate a typed frame (with `_file`/`_line`) against `schema`; one problem per failing cell or row."""
    try:
        schema.validate(frame.drop(META), lazy=True)
    except SchemaErrors as errors:
        return _problems(errors.failure_cases, frame, schema, table)
    return []


def _problems(cases: pl.DataFrame, frame: pl.DataFrame, schema, table: str) -> list[Problem]:
    unique = list(schema.unique or [])
    problems = []
    for case in cases.iter_rows(named=True):
        index = case["index"]
        column = case["column"] if case["column"] in schema.columns else None
        rule = _rule(case["check"], unique)
        if index is None:
            problems.append(Problem(table, None, column, case["failure_case"], rule))
        else:
            row = frame.row(index, named=True)
            value = row[column] if column else None
            problems.append(Problem(row["_file"], row["_line"], column, value, rule))
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.rule))


def _rule(check: str, unique: list[str]) -> str:
    """Return the Dutch rule of one failure: a Check's own `error` (see validation.common), or words for the rest.

    Nullability, uniqueness and dtype are no Check objects and pandera offers no `error=` for them.
    """
    if check == "not_nullable":
        return "mag niet leeg zijn"
    if check == "field_uniqueness":
        return "dubbele waarde: deze waarde komt meer dan eens voor"
    if check == "multiple_fields_uniqueness":
        return f"dubbele sleutel: deze combinatie van {', '.join(unique)} komt meer dan eens voor"
    if check.startswith("dtype("):
        return f"heeft het verkeerde type: {check}"
    return check


def load_table(paths: Iterable[Path], schema: pa.DataFrameSchema, table: str) -> tuple[pl.DataFrame, list[Problem]]:
    """Read, convert and validate every CSV of one table together (keys are unique across files)."""
    frames, problems = [], []
    for path in sorted(paths):
        frame, found = read_csv(path, schema)
        problems += found
        if frame.height:  # a cell of the wrong type is empty here: the other rules still get to speak
            frames.append(frame)
    if not frames:
        return pl.DataFrame(schema=_empty_schema(schema)) if not problems else pl.DataFrame(), problems
    frame = pl.concat(frames, how="vertical")
    # A cell that is not of its type was named already; its emptiness is no second problem.
    named = {(p.file, p.line, p.column) for p in problems} | {(p.file, p.line, None) for p in problems}
    problems += [p for p in validate(frame, schema, table) if (p.file, p.line, p.column) not in named]
    return (pl.DataFrame(), problems) if problems else (frame, [])


def _empty_schema(schema: pa.DataFrameSchema) -> dict:
    return {c: schema.columns[c].dtype.type for c in schema.columns} | {"_file": pl.String, "_line": pl.Int64}
