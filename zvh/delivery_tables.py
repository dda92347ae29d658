"""The tables the page Gegevens aanleveren shows, in the office's words: problems, preview, history.

No Streamlit here, so the wording and formatting are tested without running the page.
"""

import polars as pl

from zvh.aanlevering import KEYS, VALUE, Check
from zvh.formatting import nl_number
from zvh.problems import Problem
from zvh.templates import TABLES

MAX_PROBLEMS_SHOWN = 200  # a file full of mistakes needs its first ones fixed, not a list of thousands
ACTIONS = {"aanlevering": "vastgelegd", "teruggedraaid": "teruggedraaid", "afgebroken": "afgebroken, niets veranderd"}


def count(n: int, one: str, more: str) -> str:
    return f"{nl_number(n)} {one if n == 1 else more}"


def shown_value(value) -> str | None:
    """A value as the user typed it: `-2`, not `-2.0`; `1.712.345,5`, not `1712345.5`."""
    if isinstance(value, float):
        return nl_number(value, 0 if value.is_integer() else 2)
    return None if value is None else str(value)


def problems_frame(problems: list[Problem]) -> pl.DataFrame:
    """The first problems, one row each; a problem of the whole file has no row number."""
    return pl.DataFrame(
        [{"Rij": "" if p.line is None else str(p.line), "Kolom": p.column or "", "Waarde": shown_value(p.value),
          "Wat is er mis": p.rule} for p in problems[:MAX_PROBLEMS_SHOWN]],
        schema={"Rij": pl.String, "Kolom": pl.String, "Waarde": pl.String, "Wat is er mis": pl.String},
    )


def preview_frames(table: str, check: Check, titles: dict[str, str]) -> dict[str, pl.DataFrame]:
    """Added, changed (old → new, and from which report) and unchanged rows, numbers the Dutch way."""
    key, value = KEYS[table], VALUE[table]
    shown = [c for c in key if check.rows[c].is_not_null().any()]

    def dutch(column: str, alias: str) -> pl.Expr:
        return pl.col(column).map_elements(shown_value, return_dtype=pl.String).alias(alias)

    return {
        "toegevoegd": check.added.select(*shown, dutch(value, value)),
        "gewijzigd": check.changed.select(
            *shown, dutch("oud", "oud"), dutch(value, "nieuw"),
            pl.col("oud_document").replace_strict(titles, default=pl.col("oud_document")).alias("oud cijfer uit"),
        ),
        "ongewijzigd": check.unchanged.select(*shown, dutch(value, value)),
    }


def history_frame(history: pl.DataFrame) -> pl.DataFrame:
    """Newest first, with Dutch labels; the "bezig" marks of finished commits are bookkeeping, not events."""
    return history.filter(pl.col("actie") != "bezig").reverse().select(
        pl.col("tijdstip").str.slice(0, 16).str.replace("T", " ").alias("Tijdstip"),
        pl.col("actie").replace_strict(ACTIONS, default=pl.col("actie")).alias("Actie"),
        pl.col("bestand").alias("Bestand"),
        pl.col("tabel").replace_strict(TABLES, default=pl.col("tabel")).alias("Soort"),
        pl.col("wie").alias("Wie"), pl.col("toegevoegd").alias("Toegevoegd"), pl.col("gewijzigd").alias("Gewijzigd"),
        pl.col("reden").alias("Reden"), pl.col("sha256").alias("SHA-256"), pl.col("aanlevering").alias("Opgeslagen als"),
    )
