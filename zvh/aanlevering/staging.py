"""Check a delivered file against the same schemas as `zvh build`, without touching data/ or the database.

The rows are staged in a private copy of data/ as they would be committed, and the whole copy is
validated: so a delivery is judged exactly as the next build would judge it. Problems are reported with
the row numbers the user sees in the delivered file.
"""

import csv
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path, PurePath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import polars as pl

from validation.common import figure_columns, figure_key
from validation.problems import Problem
from zvh.aanlevering.upload import Upload
from zvh.paths import DATA
from zvh.present.formatting import listed
from zvh.source.problems import SourceError
from zvh.source.regions import Regions
from zvh.source.regions import read as read_regions
from zvh.store.build import FACT_TABLES, load_sources, mark_preferred

# Provenance a delivery may leave out: it is the delivery itself.
DEFAULTS = {"qualifier": "exact", "certainty": "zeker"}
KEYS = {table: figure_key(model) for table, model in FACT_TABLES.items()}  # the same figure, whichever document
FIGURE = {table: figure_columns(model) for table, model in FACT_TABLES.items()}  # what the figure is
# Columns a delivery must have; the others may be left out (empty) and provenance is filled in.
REQUIRED = {
    "kerncijfers": ["region", "year", "theme", "metric", "value", "unit"],
    "verdelingen": ["region", "year", "theme", "verdeling", "categorie", "percentage"],
    "financien": ["region", "year", "organisation", "staat", "onderdeel", "post", "bedrag", "eenheid"],
    "personeel": ["region", "year", "functie", "functiegroep", "in_natura"],
}
# What offices type instead of the template's words: Dutch headers, region names as written.
COLUMN_ALIASES = {"regio": "region", "jaar": "year", "thema": "theme", "waarde": "value", "eenheid_cijfer": "unit",
                  "organisatie": "organisation", "toelichting": "note", "opmerking": "note"}
YES_NO = {"ja": "true", "nee": "false", "waar": "true", "onwaar": "false", "1": "true", "0": "false"}
EXAMPLE_NOTE = "VOORBEELD - vervang of verwijder deze regel"


@dataclass(frozen=True)
class Check:
    problems: list[Problem]  # empty when the delivery can be committed
    rows: pl.DataFrame  # the delivery as it would be stored
    added: pl.DataFrame
    changed: pl.DataFrame  # with old and new value and the document of the old one
    unchanged: pl.DataFrame
    # The validated tables and findings of the staged data: what the commit builds the database from.
    sources: tuple[dict[str, pl.DataFrame], pl.DataFrame] | None = None


def numeric_columns(table: str) -> set[str]:
    schema = FACT_TABLES[table].to_schema()
    return {c for c, col in schema.columns.items() if col.dtype.type.is_numeric()}


def _booleans(table: str) -> list[str]:
    schema = FACT_TABLES[table].to_schema()
    return [c for c, col in schema.columns.items() if col.dtype.type == pl.Boolean]


def now() -> datetime:
    """Dutch time, whatever the server's clock zone: deliveries and their history are Dutch office matters."""
    try:
        return datetime.now(ZoneInfo("Europe/Amsterdam"))
    except ZoneInfoNotFoundError:  # no time zone data on this machine
        return datetime.now().astimezone()


def document_name(upload_name: str, sha: str) -> str:
    """The file name the delivery is stored under: dated, by content, and only safe characters of its name."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", PurePath(upload_name).stem).strip("_")[:60] or "bestand"
    # Date and time first: documents of the same year rank by name, so a later correction wins (facts.is_preferred).
    moment = now()
    return f"aanlevering_{moment:%Y%m%d_%H%M%S}{moment.microsecond // 1000:03d}_{sha[:8]}_{stem}.csv"


def complete(table: str, upload: Upload, document: str) -> pl.DataFrame:
    """Set the provenance (the system's, whatever the file says) and fill the defaults a delivery may leave out,
    in the column order of the table's schema."""
    columns = list(FACT_TABLES[table].to_schema().columns)
    frame = upload.frame
    provenance = {
        "source_document": pl.lit(document),
        "source_section": pl.lit("Aanlevering"),
        "source_label": pl.Series([f"rij {r}" for r in upload.rows]),
    }
    defaults = {c: pl.lit(v) for c, v in DEFAULTS.items()}
    for column in columns:
        if column in provenance:
            frame = frame.with_columns(provenance[column].cast(pl.String).alias(column))
        elif column not in frame.columns:
            frame = frame.with_columns((defaults.get(column, pl.lit(None, pl.String))).cast(pl.String).alias(column))
        elif column in defaults:
            frame = frame.with_columns(pl.col(column).fill_null(defaults[column]).cast(pl.String))
    frame = frame.with_columns(
        pl.col(c).str.strip_chars().str.to_lowercase().replace(YES_NO) for c in _booleans(table) if c in frame.columns
    )
    unknown = [c for c in frame.columns if c not in columns]
    return frame.select(columns + unknown)


def check(table: str, upload: Upload, upload_name: str, sha: str, data_dir: Path = DATA,
          regions: list[str] | None = None) -> Check:
    """Validate the delivery together with all existing data; compare it with what is already there.

    `regions`: the regions the person delivering may deliver for (None: any).
    """
    with staged_copy(data_dir) as staged:
        return check_staged(staged, table, upload, upload_name, sha, regions)


@contextmanager
def staged_copy(data_dir: Path) -> Iterator[Path]:
    """A private copy of `data_dir` (without databases) to stage a delivery in; removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder) / "data"
        shutil.copytree(data_dir, staged, ignore=shutil.ignore_patterns("*.duckdb*", ".*"))
        yield staged


def check_staged(staged: Path, table: str, upload: Upload, upload_name: str, sha: str,
                 regions: list[str] | None = None) -> Check:
    """Write the delivery into the staged copy as it would be committed, and validate the whole copy."""
    document = document_name(upload_name, sha)
    known = read_regions(staged)
    upload = _as_template(upload, known)
    rows = complete(table, upload, document)
    missing = [c for c in REQUIRED[table] if c not in upload.frame.columns]
    unknown = [c for c in upload.frame.columns if c not in FACT_TABLES[table].to_schema().columns]
    if missing or unknown:
        problems = [Problem(upload_name, 1, c, None, "deze kolom ontbreekt") for c in missing]
        problems += [Problem(upload_name, 1, c, None, "onbekende kolom: gebruik de kolomnamen van het sjabloon")
                     for c in unknown]
        return Check(problems, rows, *[pl.DataFrame()] * 3)
    examples = _example_rows(rows, upload, upload_name) + _one_region(rows, upload_name, known)
    if regions is not None:
        examples += _own_regions(rows, upload, upload_name, regions, known.names)
    rows.write_csv(staged / table / document)
    bronnen = staged / "reference" / "bronnen.csv"
    bronnen.write_bytes(with_bronnen_line(bronnen.read_bytes(), document, rows, upload_name, known))
    try:
        tables, findings = load_sources(staged)
    except SourceError as error:
        return Check(_map(error.problems, table, document, upload, upload_name) + examples, rows, *[pl.DataFrame()] * 3)
    # A correction disagrees with the report it corrects by nature: that is shown as "changed", not refused.
    own = findings.filter((pl.col("source_document") == document) & (pl.col("kind") != "documenten_verschillen"))
    problems = [Problem(upload_name, None, None, None, f"klopt niet: {d}") for d in own["description"]]
    problems += examples
    return Check(problems, rows, *_compare(table, tables[table], tables["bronnen"], document), sources=(tables, findings))


def _one_region(rows: pl.DataFrame, upload_name: str, known: Regions) -> list[Problem]:
    """A delivery is a source document of one organisation, as each annual report is."""
    regions = [r for r in known.names if r in set(rows["region"].drop_nulls())]
    if len(regions) < 2:
        return []
    names = [known.names[r] for r in regions]
    return [Problem(upload_name, None, "region", ", ".join(regions),
                    f"een aanlevering komt van één Zorg- en Veiligheidshuis: lever {listed(names)} apart aan")]


def _own_regions(rows: pl.DataFrame, upload: Upload, upload_name: str, regions: list[str],
                 names: dict[str, str]) -> list[Problem]:
    """A deliverer delivers only their own region's figures (the role `aanleveraar:<regio>`)."""
    allowed = listed((names.get(r, r) for r in regions), "of") or "geen enkele regio"
    foreign = rows.with_columns(pl.Series("_row", upload.rows)).filter(  # an unknown region is the schema's to name
        pl.col("region").is_in(list(names)) & ~pl.col("region").is_in(regions))
    return [Problem(upload_name, r["_row"], "region", names.get(r["region"], r["region"]),
                    f"u mag alleen cijfers van {allowed} aanleveren") for r in foreign.iter_rows(named=True)]


def _example_rows(rows: pl.DataFrame, upload: Upload, upload_name: str) -> list[Problem]:
    examples = rows.with_columns(pl.Series("_row", upload.rows)).filter(pl.col("note") == EXAMPLE_NOTE)
    return [Problem(upload_name, r, "note", EXAMPLE_NOTE, "dit is de voorbeeldregel uit het sjabloon: vervang of verwijder deze regel")
            for r in examples["_row"]]


def document_titles(data_dir: Path) -> dict[str, str]:
    """Source document → the title users know it by ("ZVHG Jaarverslag 2024")."""
    bronnen = pl.read_csv(data_dir / "reference" / "bronnen.csv", infer_schema=False)
    organisaties = pl.read_csv(data_dir / "reference" / "organisatie.csv", infer_schema=False)
    titled = bronnen.join(organisaties.select("organisation", "afkorting"), on="organisation", how="left")
    return dict(zip(titled["source_document"], titled["afkorting"] + " " + titled["titel"]))


def with_bronnen_line(bronnen: bytes, document: str, rows: pl.DataFrame, upload_name: str, known: Regions) -> bytes:
    """`bronnen.csv`'s bytes with the delivery's document row added (on a line of its own)."""
    head = bronnen if not bronnen or bronnen.endswith(b"\n") else bronnen + b"\n"
    return head + bronnen_line(document, rows, upload_name, known).encode("utf-8")


def bronnen_line(document: str, rows: pl.DataFrame, upload_name: str, known: Regions) -> str:
    """The row in reference/bronnen.csv that makes the delivery a source document like a report."""
    region = next(iter(rows["region"].drop_nulls()), None)  # one region: `_one_region` refuses more
    # An unknown region is refused by the figures' own check; its staged row needs only some organisation.
    organisation = known.organisations.get(region, "onbekend")
    years = ", ".join(map(str, rows["year"].drop_nulls().unique().sort().to_list()))
    year = now().year  # the year it was published: a correction outranks the report it corrects
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([document, organisation, f"Aanlevering {upload_name}", year, years])
    return line.getvalue()


def _map(problems: list[Problem], table: str, document: str, upload: Upload, upload_name: str) -> list[Problem]:
    """Keep the problems of the delivered rows, named by the delivered file and its row numbers."""
    mapped = []
    for p in problems:
        rule = _in_office_words(p.rule, table)
        if p.file == document:
            line = upload.rows[p.line - 2] if p.line and p.line >= 2 else p.line
            mapped.append(Problem(upload_name, line, p.column, p.value, rule))
        else:  # e.g. a key that clashes with an existing row elsewhere
            mapped.append(Problem(upload_name, None, p.column, p.value, f"in combinatie met de bestaande gegevens ({p.file}): {rule}"))
    return mapped


def _in_office_words(rule: str, table: str) -> str:
    """The build's rules name reference files; a delivering office needs to know what to pick instead."""
    if "onbekende gemeente" in rule:
        return "onbekende gemeente: gebruik een naam uit het werkblad 'gemeenten' van het Excel-sjabloon"
    for column, reference in (("region", "regio.csv"), ("financier", "financiers.csv")):
        if reference in rule:
            return f"onbekende {column}: kies er een uit de keuzelijst van de kolom {column} in het Excel-sjabloon"
    if "past niet bij deze metric" in rule:
        return "de eenheid (unit) past niet bij deze metric: zie de kolom unit in het werkblad 'thema_metric'"
    if "theme/metric" in rule:
        return "onbekende combinatie van theme en metric: kies er een uit het werkblad 'thema_metric' van het Excel-sjabloon"
    if rule.startswith("dubbele sleutel"):
        return f"dezelfde combinatie van {', '.join(KEYS[table])} staat meer dan eens in het bestand"
    if rule.startswith("is geen getal"):
        return "is geen getal"
    return rule


def _as_template(upload: Upload, known: Regions) -> Upload:
    """Dutch headers and region names as typed ("Fryslân", "Friesland"), in the template's words."""
    frame = upload.frame
    frame = frame.rename({c: t for c, t in COLUMN_ALIASES.items() if c in frame.columns and t not in frame.columns})
    if "region" in frame.columns:
        frame = frame.with_columns(pl.col("region").map_elements(lambda typed: known.find(typed) or typed,
                                                                 return_dtype=pl.String))
    return replace(upload, frame=frame)


def _compare(table: str, all_rows: pl.DataFrame, bronnen: pl.DataFrame, document: str):
    """Split the delivered rows into added, changed and unchanged against the figures the dashboard shows now.

    A row is changed when any of its figure columns differs (a count, a unit, a qualifier, a certainty);
    `changed` carries each such column's old value as `oud_<column>`.
    """
    key, figure = KEYS[table], FIGURE[table]
    new = all_rows.filter(pl.col("source_document") == document)
    others = all_rows.filter(pl.col("source_document") != document)
    shown = (mark_preferred(others, key, bronnen).filter("is_preferred")
             .select(*key, *[pl.col(c).alias(f"oud_{c}") for c in figure], pl.col("source_document").alias("oud_document")))
    joined = new.join(shown, on=key, how="left", nulls_equal=True)
    added = joined.filter(pl.col("oud_document").is_null())
    known = joined.filter(pl.col("oud_document").is_not_null())
    differs = pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"oud_{c}")) for c in figure)
    return added, known.filter(differs), known.filter(~differs)


def differences(table: str, changed_row: dict) -> list[tuple[str, object, object]]:
    """The figure columns a changed row changes: (column, old, new)."""
    return [(c, changed_row[f"oud_{c}"], changed_row[c]) for c in FIGURE[table]
            if changed_row[c] != changed_row[f"oud_{c}"]]
