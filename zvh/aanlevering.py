"""Check a delivered file against the same schemas as `zvh build`, without touching data/ or the database.

The rows are staged in a private copy of data/ as they would be committed, and the whole copy is
validated: so a delivery is judged exactly as the next build would judge it. Problems are reported with
the row numbers the user sees in the delivered file.
"""

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from zvh.build import FACT_TABLES, load_sources
from zvh.paths import DATA
from zvh.problems import Problem, SourceError
from zvh.upload import Upload

ORGANISATION = {"groningen": "zvhg", "fryslan": "zvhf"}
# Provenance a delivery may leave out: it is the delivery itself.
DEFAULTS = {"qualifier": "exact", "certainty": "zeker"}
KEYS = {  # business keys: the same figure, whichever document gives it
    "kerncijfers": ["region", "year", "theme", "metric", "gemeente", "categorie"],
    "verdelingen": ["region", "year", "theme", "verdeling", "categorie"],
    "financien": ["region", "year", "staat", "onderdeel", "post"],
    "personeel": ["region", "year", "functie"],
}
VALUE = {"kerncijfers": "value", "verdelingen": "percentage", "financien": "bedrag", "personeel": "fte"}


@dataclass(frozen=True)
class Check:
    problems: list[Problem]  # empty when the delivery can be committed
    rows: pl.DataFrame  # the delivery as it would be stored
    added: pl.DataFrame
    changed: pl.DataFrame  # with old and new value and the document of the old one
    unchanged: pl.DataFrame


def numeric_columns(table: str) -> set[str]:
    schema = FACT_TABLES[table].to_schema()
    return {c for c, col in schema.columns.items() if col.dtype.type.is_numeric()}


def document_name(upload_name: str, sha: str) -> str:
    return f"aanlevering_{date.today():%Y%m%d}_{sha[:8]}_{Path(upload_name).stem}.csv"


def complete(table: str, upload: Upload, document: str) -> pl.DataFrame:
    """Fill the provenance a delivery may leave out, in the column order of the table's schema."""
    columns = list(FACT_TABLES[table].to_schema().columns)
    frame = upload.frame
    fills = {
        "source_document": pl.lit(document),
        "source_section": pl.lit("Aanlevering"),
        "source_label": pl.Series([f"rij {r}" for r in upload.rows]),
        **{c: pl.lit(v) for c, v in DEFAULTS.items()},
    }
    for column in columns:
        if column not in frame.columns:
            frame = frame.with_columns((fills.get(column, pl.lit(None, pl.String))).cast(pl.String).alias(column))
        elif column in fills and column != "source_document":
            frame = frame.with_columns(pl.col(column).fill_null(fills[column]).cast(pl.String))
    unknown = [c for c in frame.columns if c not in columns]
    return frame.with_columns(pl.lit(document).alias("source_document")).select(columns + unknown)


def check(table: str, upload: Upload, upload_name: str, sha: str, data_dir: Path = DATA) -> Check:
    """Validate the delivery together with all existing data; compare it with what is already there."""
    document = document_name(upload_name, sha)
    rows = complete(table, upload, document)
    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder) / "data"
        shutil.copytree(data_dir, staged, ignore=shutil.ignore_patterns("*.duckdb*"))
        rows.write_csv(staged / table / document)
        _register(staged, document, rows, upload_name)
        try:
            tables, findings = load_sources(staged)
        except SourceError as error:
            return Check(_map(error.problems, document, upload, upload_name), rows, *[pl.DataFrame()] * 3)
    own = findings.filter(pl.col("source_document") == document)
    problems = [Problem(upload_name, None, None, None, f"tegenstrijdig: {d}") for d in own["description"]]
    return Check(problems, rows, *_compare(table, tables[table], document))


def _register(staged: Path, document: str, rows: pl.DataFrame, upload_name: str) -> None:
    regions = rows["region"].drop_nulls().unique().to_list()
    organisation = ORGANISATION.get(regions[0], "zvhg") if len(regions) == 1 else "zvhg"
    years = rows["year"].drop_nulls().unique().sort().to_list()
    year = max((int(y) for y in years if str(y).isdigit()), default=date.today().year)
    with (staged / "reference" / "bronnen.csv").open("a", encoding="utf-8") as f:
        title = f"Aanlevering {upload_name}".replace('"', "'")
        f.write(f'{document},{organisation},"{title}",{year},"{", ".join(map(str, years))}"\n')


def _map(problems: list[Problem], document: str, upload: Upload, upload_name: str) -> list[Problem]:
    """Keep the problems of the delivered rows, named by the delivered file and its row numbers."""
    mapped = []
    for p in problems:
        if p.file == document:
            line = upload.rows[p.line - 2] if p.line and p.line >= 2 else p.line
            mapped.append(Problem(upload_name, line, p.column, p.value, p.rule))
        else:  # e.g. a key that clashes with an existing row elsewhere
            mapped.append(Problem(upload_name, None, p.column, p.value, f"in combinatie met de bestaande gegevens ({p.file}): {p.rule}"))
    return mapped


def _compare(table: str, all_rows: pl.DataFrame, document: str):
    key, value = KEYS[table], VALUE[table]
    new = all_rows.filter(pl.col("source_document") == document)
    old = (all_rows.filter(pl.col("source_document") != document)
           .select(*key, pl.col(value).alias("oud"), pl.col("source_document").alias("oud_document"))
           .unique(key, keep="last"))
    joined = new.join(old, on=key, how="left", nulls_equal=True)
    added = joined.filter(pl.col("oud_document").is_null())
    known = joined.filter(pl.col("oud_document").is_not_null())
    changed = known.filter(pl.col("oud") != pl.col(value))
    unchanged = known.filter(pl.col("oud") == pl.col(value))
    return added, changed, unchanged
