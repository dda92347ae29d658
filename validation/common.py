"""What every table shares: the Dutch rules of pandera's built-in checks; for facts provenance, qualifiers,
certainty, sum groups and the reference look-ups."""

import copy
import datetime
from dataclasses import dataclass

import pandera.polars as pa
import polars as pl


# Field arguments for pandera's built-in checks: `pa.Field(ge=at_least(0))` hands the dict to `Check.ge` as keywords,
# so the check's `error` is the Dutch rule a data steward reads when it fails (pandera's own is "greater_than(0)").
def at_least(bound: int) -> dict:
    return {"min_value": bound, "error": "mag niet negatief zijn" if bound == 0 else f"moet minstens {bound} zijn"}


def at_most(bound: int) -> dict:
    return {"max_value": bound, "error": f"mag hoogstens {bound} zijn"}


def above(bound: int) -> dict:
    return {"min_value": bound, "error": f"moet groter dan {bound} zijn"}


def one_of(values: list[str]) -> dict:
    """Allow only `values`, listed in the rule when few enough to read."""
    shown = ", ".join(values) if len(values) <= 12 else f"{len(values)} waarden uit de referentietabel"
    return {"allowed_values": values, "error": f"is geen toegestane waarde (toegestaan: {shown})"}


def pattern(regex: str, hint: str) -> dict:
    """Require `regex`; `hint` says in Dutch what a matching value looks like."""
    return {"pattern": regex, "error": f"heeft niet de juiste vorm: {hint}"}


QUALIFIERS = ["exact", "ongeveer", "ruim"]
CERTAINTIES = ["zeker", "onzeker"]
FIRST_YEAR = 2010
SNAKE_CASE = pattern(
    r"^[a-z][a-z0-9_]*$", "gebruik alleen kleine letters, cijfers en _ (bijvoorbeeld nieuwe_aanmeldingen)"
)


def last_year() -> int:
    """Return the latest year a figure may be about: figures describe the past, never the future."""
    return datetime.date.today().year


class FactModel(pa.DataFrameModel):
    """Columns and rules shared by kerncijfers, verdelingen, financien and personeel."""

    region: str
    year: int = pa.Field(ge=at_least(FIRST_YEAR), le=at_most(last_year()))
    qualifier: str = pa.Field(isin=one_of(QUALIFIERS))
    certainty: str = pa.Field(isin=one_of(CERTAINTIES))
    uncertainty_reason: str = pa.Field(nullable=True)
    source_document: str
    source_section: str
    source_label: str
    source_column: str = pa.Field(nullable=True)
    note: str = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="onzeker vraagt een uncertainty_reason; zeker mag er geen hebben")
    def reason_iff_uncertain(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("certainty") == "onzeker") == pl.col("uncertainty_reason").is_not_null()
        )


class SumGroupModel(FactModel):
    """A fact table whose rows can be detail lines (`part_of`) or printed totals (`total_of`)."""

    part_of: str = pa.Field(nullable=True, str_matches=pattern(
        r"^[a-z0-9_]+(;[a-z0-9_]+)*$",
        "gebruik voor een somgroep alleen kleine letters, cijfers en _; meer somgroepen met ; ertussen "
        "(bijvoorbeeld t5_totaal;t5_gemeenten)",
    ))
    total_of: str = pa.Field(nullable=True, str_matches=pattern(
        r"^[a-z0-9_]+$", "gebruik voor een somgroep alleen kleine letters, cijfers en _ (bijvoorbeeld t5_totaal)"
    ))


# Columns that say where a figure was printed or how it is explained, not what it is.
DESCRIPTIVE = ["source_document", "source_section", "source_label", "source_column", "note", "uncertainty_reason",
               "part_of", "total_of"]


def figure_key(model: type[pa.DataFrameModel]) -> list[str]:
    """The columns that name one figure, whichever document gives it: the model's unique key without the document.

    The one definition of "the same figure" for the build (unique per document), the newest-report rule
    (`is_preferred`), the comparison of reports and the comparison of a delivery with what is shown.
    """
    return [c for c in model.to_schema().unique if c != "source_document"]


def figure_columns(model: type[pa.DataFrameModel]) -> list[str]:
    """The columns that make up the figure itself: a change in any of them changes what the dashboard shows."""
    key = figure_key(model)
    columns = [c for c in model.to_schema().columns if c not in key and c not in DESCRIPTIVE]
    return sorted(columns, key=lambda c: c in FactModel.to_schema().columns)  # the table's own columns first


@dataclass(frozen=True)
class References:
    """The allowed values that live in reference CSVs rather than in code."""

    documents: frozenset[str]
    regions: frozenset[str]
    gemeente_namen: frozenset[str]
    metric_pairs: frozenset[tuple[str, str]]
    organisations: frozenset[str]
    financiers: frozenset[str] = frozenset()
    metric_units: frozenset[tuple[str, str, str]] = frozenset()  # (theme, metric, unit) from metrics.csv


def bind_references(schema: pa.DataFrameSchema, refs: References) -> pa.DataFrameSchema:
    """Add the checks against reference data (documents, municipalities, metrics) to a table schema."""
    columns = schema.columns
    updates = {"source_document": (refs.documents, "bronnen.csv"), "region": (refs.regions, "regio.csv")}
    if "gemeente" in columns:
        updates["gemeente"] = (refs.gemeente_namen, "gemeente_namen.csv (onbekende gemeente)")
    if "organisation" in columns:
        updates["organisation"] = (refs.organisations, "organisatie.csv")
    if "financier" in columns:
        updates["financier"] = (refs.financiers, "financiers.csv")
    for column, (allowed, table) in updates.items():
        check = pa.Check.isin(sorted(allowed), error=f"staat niet in reference/{table}")
        schema = schema.update_column(column, checks=[*columns[column].checks, check])
    if "metric" in columns:
        pairs = sorted(f"{t}.{m}" for t, m in refs.metric_pairs)
        schema = copy.deepcopy(schema)
        schema.checks.append(pa.Check(
            lambda data: data.lazyframe.select(pl.concat_str("theme", pl.lit("."), "metric").is_in(pairs)),
            error="combinatie theme/metric staat niet in reference/metrics.csv",
        ))
    if "unit" in columns and refs.metric_units:
        units = sorted(f"{t}.{m}.{u}" for t, m, u in refs.metric_units)
        pairs = sorted(f"{t}.{m}" for t, m, _ in refs.metric_units)
        schema.checks.append(pa.Check(
            lambda data: data.lazyframe.select(
                pl.concat_str("theme", pl.lit("."), "metric", pl.lit("."), "unit").is_in(units)
                | ~pl.concat_str("theme", pl.lit("."), "metric").is_in(pairs)  # an unknown metric is named already
            ),
            error="de eenheid (unit) past niet bij deze metric: zie de kolom unit in reference/metrics.csv",
        ))
    return schema
