"""The tables the page Gegevens aanleveren shows, in the office's words: problems, preview, history.

No Streamlit here, so the wording and formatting are tested without running the page.
"""

import polars as pl

from validation.problems import Problem
from zvh.aanlevering.ledger import BOOKKEEPING
from zvh.aanlevering.staging import FIGURE, KEYS, Check, differences
from zvh.aanlevering.templates import TABLES
from zvh.present.formatting import nl_number

MAX_PROBLEMS_SHOWN = 200  # a file full of mistakes needs its first ones fixed, not a list of thousands
ACTIONS = {"aanlevering": "vastgelegd", "teruggedraaid": "teruggedraaid", "afgebroken": "afgebroken, niets veranderd"}


def count(n: int, one: str, more: str) -> str:
    return f"{nl_number(n)} {one if n == 1 else more}"


def shown_value(value) -> str | None:
    """A value as the user typed it: `-2`, not `-2.0`; `1.712.345,5`, not `1712345.5`."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
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
    key = [c for c in KEYS[table] if check.rows[c].is_not_null().any()]
    figure = [c for c in FIGURE[table] if check.rows[c].is_not_null().any()]

    def typed(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.select(*key, *[pl.col(c).map_elements(shown_value, return_dtype=pl.String) for c in figure])

    changes = [[(c, shown_value(old) or "leeg", shown_value(new) or "leeg") for c, old, new in differences(table, row)]
               for row in check.changed.iter_rows(named=True)]
    return {
        "toegevoegd": typed(check.added),
        "gewijzigd": check.changed.select(
            *key,
            pl.Series("wat verandert", [", ".join(c for c, _, _ in row) for row in changes], dtype=pl.String),
            pl.Series("oud", ["; ".join(str(old) for _, old, _ in row) for row in changes], dtype=pl.String),
            pl.Series("nieuw", ["; ".join(str(new) for _, _, new in row) for row in changes], dtype=pl.String),
            pl.col("oud_document").replace_strict(titles, default=pl.col("oud_document")).alias("oud cijfer uit"),
        ),
        "ongewijzigd": typed(check.unchanged),
    }


def history_frame(history: pl.DataFrame) -> pl.DataFrame:
    """Newest first, with Dutch labels; the marks of actions under way are bookkeeping, not events."""
    return history.filter(~pl.col("actie").is_in(BOOKKEEPING)).reverse().select(
        pl.col("tijdstip").str.slice(0, 16).str.replace("T", " ").alias("Tijdstip"),
        pl.col("actie").replace_strict(ACTIONS, default=pl.col("actie")).alias("Actie"),
        pl.col("bestand").alias("Bestand"),
        pl.col("tabel").replace_strict(TABLES, default=pl.col("tabel")).alias("Soort"),
        pl.col("wie").alias("Wie"), pl.col("rol").alias("Rol"), pl.col("toegevoegd").alias("Toegevoegd"), pl.col("gewijzigd").alias("Gewijzigd"),
        pl.col("reden").alias("Reden"), pl.col("sha256").alias("SHA-256"), pl.col("aanlevering").alias("Opgeslagen als"),
    )
