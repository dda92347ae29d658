"""Signalen: which changes of the headline figures stand out, and why a change is or is not a signal.

No Streamlit here: the functions take the frame of the `signalen` query (the view `signalen`, one row per region,
year, figure and rule) and give back what Overzicht's "Wat valt op" and the page Signalen show (`options` and `shown`
run the query through the `query` they are given).
"""

import os
from collections.abc import Callable

import polars as pl

from zvh.present.formatting import theme_label
from zvh.present.overzicht import TABLE_ORDER

STATUSES = {"signaal": "Signaal", "niet_vergelijkbaar": "Niet vergelijkbaar", "geen_signaal": "Geen signaal"}
# What each status means: the page's explanation and its download's Toelichting.
MEANINGS = [
    ("Signaal", "De verandering t.o.v. het vorige jaar mét dit cijfer haalt elke drempel van de signaalregel "
                "(procent en aantal of bedrag), vanaf een basis die groot genoeg is. Bij een cijfer bij benadering telt "
                "alleen wat de benadering niet kan verklaren (een benadering kan de marge van de regel ernaast liggen)."),
    ("Niet vergelijkbaar", "De twee jaren tellen het cijfer anders (een andere telwijze in het verslag), of een van "
                           "beide cijfers is onzeker of geraakt door een kwaliteitsbevinding: de verandering is dan "
                           "geen stijging of daling om op te sturen."),
    ("Geen signaal", "De verandering blijft onder de drempel van de regel, de basis is te klein of de benadering kan "
                     "de verandering verklaren."),
    ("Beoordeling", "Gunstig of ongunstig alleen bij een signaal en als de regel een goede richting heeft "
                    "(data/reference/signaalregels.csv)."),
]
WORTH_KNOWING = ["signaal", "niet_vergelijkbaar"]  # Overzicht shows these; geen_signaal only on the page Signalen
# Within a status, figures in the order the Overzicht's tiles and table have (a figure it lacks comes last).
READING_ORDER = pl.concat_str("theme", "metric", "staat", separator=".", ignore_nulls=True).replace_strict(
    {kpi: i for i, kpi in enumerate(TABLE_ORDER)}, default=len(TABLE_ORDER), return_dtype=pl.Int64)


def noteworthy(signals: pl.DataFrame, region: str, year: int) -> pl.DataFrame:
    """The signals of one region and year worth a reader's attention: signals first, then changes that cannot be
    compared (so that nobody reads them as a rise or fall)."""
    return (signals.filter((pl.col("region") == region) & (pl.col("year") == year)
                           & pl.col("status").is_in(WORTH_KNOWING))
            .sort(pl.col("status").cast(pl.Enum(WORTH_KNOWING)), READING_ORDER, maintain_order=True))


def heading(row: dict) -> str:
    """A signal's short heading: "Signaal, gunstig", "Niet vergelijkbaar"."""
    return STATUSES[row["status"]] + (f", {row['assessment']}" if row["assessment"] else "")


def vindplaats_link(row: dict, previous: bool = False) -> dict[str, str | list[str]]:
    """URL parameters of Bronnen & kwaliteit › Vindplaats showing this figure (or the earlier one): its region, year
    and place in the report as the search; a summed reserve: what its posts' places share ("… › Saldo
    restantbudget"), so that every post it adds up shows."""
    prefix = "previous_" if previous else ""
    places = row[f"{prefix}source_locator"].split("; ")
    shared = os.path.commonprefix(places).rsplit(" ", 1)[0].removesuffix(" ›") if len(places) > 1 else places[0]
    return {"onderdeel": "Vindplaats van een cijfer", "regios": [row["region_name"]],
            "jaartallen": [str(row[f"{prefix}year"])], "zoek": shared}


def link_label(row: dict, previous: bool = False) -> str:
    """A source link's short label: "Vindplaats 2024 (ZVHG Jaarverslag 2024)"; the place in the report is its help."""
    prefix = "previous_" if previous else ""
    return f"Vindplaats {row[f'{prefix}year']} ({row[f'{prefix}source_title']})"


def source_text(row: dict, previous: bool = False) -> str:
    """Where a figure is printed: "ZVHG Jaarverslag 2024, Mensenhandel › … (2024)"."""
    prefix = "previous_" if previous else ""
    return f"{row[f'{prefix}source_title']}, {row[f'{prefix}source_locator']} ({row[f'{prefix}year']})"


def choose(signals: pl.DataFrame, regions: list[str], years: list[int], statuses: list[str],
           themes: list[str]) -> pl.DataFrame:
    """The signals of the chosen regions (in their order), newest year first, signals first, each year's figures in
    the Overzicht's order; no years, statuses or themes chosen means all."""
    chosen = signals.filter(pl.col("region").is_in(regions))
    for column, values in (("year", years), ("status", statuses), ("theme", themes)):
        if values:
            chosen = chosen.filter(pl.col(column).is_in(values))
    return chosen.sort(pl.col("region").cast(pl.Enum(regions)), pl.col("year"),
                       pl.col("status").cast(pl.Enum(list(STATUSES))), READING_ORDER,
                       descending=[False, True, False, False], maintain_order=True)


NUMBERS = [("value", "Waarde"), ("previous_value", "Vorige waarde"), ("change", "Verandering")]


def table(signals: pl.DataFrame) -> pl.DataFrame:
    """The signals as the page shows and downloads them: Dutch words first, the numbers and both sources after."""
    yes_no = {True: "ja", False: "nee"}
    return signals.select(
        pl.col("region_name").alias("Regio"), pl.col("year").alias("Jaar"),
        pl.col("theme").map_elements(theme_label, return_dtype=pl.String).alias("Thema"),
        pl.col("label").alias("Cijfer"),
        pl.col("status").replace_strict(STATUSES).alias("Status"),
        pl.col("assessment").alias("Beoordeling"),
        pl.col("description").alias("Toelichting"),
        # counts and amounts apart, so that each column has one format in Excel (amounts as euros)
        *[pl.when(pl.col("unit") != "euro").then(pl.col(c)).alias(name) for c, name in NUMBERS],
        *[pl.when(pl.col("unit") == "euro").then(pl.col(c)).alias(f"{name} (euro)") for c, name in NUMBERS],
        pl.col("unit").alias("Eenheid"), pl.col("previous_year").alias("Vorig jaar met dit cijfer"),
        pl.col("change_pct").round(1).alias("Verandering (%)"),  # as the sentence prints it: +17,6
        *[pl.col(c).replace_strict(yes_no, return_dtype=pl.String).alias(name) for c, name in (
            ("is_approximate", "Bij benadering"), ("is_uncertain", "Onzeker of bevinding"),
            ("is_definition_changed", "Telwijze veranderd"), ("is_merger_between", "Herindeling tussendoor"),
            ("is_counted_differently", "Andere regio telt anders"))],
        pl.col("source_title").alias("Bron"), pl.col("source_locator").alias("Vindplaats"),
        pl.col("previous_source_title").alias("Bron vorig jaar"),
        pl.col("previous_source_locator").alias("Vindplaats vorig jaar"),
        pl.col("rule_id").alias("Regel"),
    )


def options(query: Callable[..., pl.DataFrame]) -> tuple[list[int], list[str]]:
    """The page's choices: every year with a change, newest first, and every theme."""
    signals = query("signalen")
    return sorted(signals["year"].unique(), reverse=True), sorted(signals["theme"].unique())


def shown(query: Callable[..., pl.DataFrame], regions: tuple[str, ...], years: tuple[int, ...],
          statuses: tuple[str, ...], themes: tuple[str, ...]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The chosen signals (`choose`), their table, and the documents of both years' figures (for the caption)."""
    chosen = choose(query("signalen"), list(regions), list(years), list(statuses), list(themes))
    documents = pl.concat([chosen.select("source_title", "source_document"),
                           chosen.select(source_title="previous_source_title",
                                         source_document="previous_source_document")]).unique()
    return chosen, table(chosen), documents
