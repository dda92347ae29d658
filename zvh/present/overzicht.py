"""Overzicht's headline figures: which ones, how each is labelled and explained, its change, trend and table.

No Streamlit here: `tiles` and `table` take the frames of the `overzicht_reeks`, `metric_labels` and `definities`
queries; `headline` runs them through the `query` it is given.
"""

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from zvh.present import charts, definities
from zvh.present.bronnen import contradiction_texts
from zvh.present.formatting import (
    FIGURE_TEXT,
    change_text,
    figure_text,
    figure_text_column,
    kpi_label,
    markdown_text,
    nl_number,
    nl_value,
    source_markdown,
)

# Headline figures in the order the stuurgroep reads them; labels of financial figures live here because
# the metric dictionary describes counted figures.
KPIS = {
    "maatwerk.zaken_procesregie": None,
    "maatwerk.actieve_zaken": None,
    "maatwerk.nieuwe_aanmeldingen": None,
    "maatwerk.afgesloten_zaken": None,
    "mensenhandel.signalen": None,
    "nazorg.screenings": None,
    "levensloop.geincludeerden": None,
    # Defined without a word one report lacks ("jaarrekening"); the help quotes the report's own words (a "restant").
    "financien.totaal_lasten.realisatie": ("Lasten (realisatie)", "Totale lasten over het jaar, zoals gerealiseerd."),
    # Groningen's is a jaarrekening's baten − lasten, Fryslân's the restant of its budget: reference/definities.csv
    "financien.resultaat.realisatie": ("Resultaat", "Wat het jaar financieel overhield of tekortkwam, zoals gerealiseerd; "
                                       "hoe het verslag dat berekent staat hieronder."),
    "financien.reserve.stand": ("Vrije reserves (stand eind jaar)",
                                "Reserves en restantbudgetten op 31 december die het verslag aan geen besteding bindt."),
    "financien.reserve_bestemd.stand": ("Bestemde reserves (stand eind jaar)",
                                        "Reserves op 31 december die het verslag voor een besteding bestemt (bijvoorbeeld "
                                        "met een bestedingsplan): niet vrij te besteden, dus niet op te tellen bij de "
                                        "vrije reserves."),
}
COUNTED = [k for k in KPIS if not k.startswith("financien")]  # the query's `kpis`; money comes by its own rules
# Shown in the table (and the tile's help) but not as tiles of their own.
BUDGETED = {
    "financien.totaal_lasten.begroting": ("Lasten (begroting)", "Totale lasten volgens de begroting."),
    "financien.resultaat.begroting": ("Resultaat (begroting)", "Begroot resultaat."),
}
REALISED, BUDGET = "financien.totaal_lasten.realisatie", "financien.totaal_lasten.begroting"
# The 2016 and 2017 reports print amounts in thousands ("Bedragen x €1000,-"); the database holds them in euros.
THOUSANDS = "gedrukt in duizenden euro's; afgerond op € 1.000"
# The table follows the tiles, each begroting beside its realisatie.
# The figure as a number, for the download (the screen shows `Waarde`: "ruim 500", "€ 82.003"): counts and
# amounts apart, so that each column has one format in Excel.
COUNT, AMOUNT = "Aantal", "Bedrag (euro)"
TABLE_ORDER = [k for kpi in KPIS for k in (kpi, kpi.replace(".realisatie", ".begroting")) if k in KPIS or k in BUDGETED]


@dataclass(frozen=True)
class Tile:
    """One headline figure as a metric tile: Markdown-escaped label and help, its change and trend points."""

    kpi: str
    name: str  # plain text, e.g. for the trend's alt text
    label: str
    value: str
    delta: str | None  # None: no earlier year has this figure
    help: str
    captions: tuple[str, ...]
    trend: list[tuple[int, float, str, bool]]  # (year, value, text, is_approximate) for `charts.sparkline`
    meanings: tuple[tuple[str, str], ...] = ()  # its definitions as plain text, for a download's Toelichting
    is_comparable: bool = True  # False: `delta` says why the change is no rise or fall (the view `signalen`)


def only_budget(year: int) -> str:
    return f"Het verslag over {year} noemt alleen de begroting van de lasten, geen realisatie."


def label_of(kpi: str, labels: pl.DataFrame) -> tuple[str, str]:
    """A headline figure's label and definition: financial ones (the whole organisation's) from `KPIS`, counted ones
    from the metric dictionary, named with their theme: 278 actieve zaken are Maatwerk's, not all of the ZVH's work."""
    if named := KPIS.get(kpi) or BUDGETED.get(kpi):
        return named
    theme, metric = kpi.split(".")
    row = labels.filter((pl.col("theme") == theme) & (pl.col("metric") == metric)).row(0, named=True)
    return kpi_label(theme, row["label"]), row["definitie"]


def trend_points(rows: pl.DataFrame) -> list[tuple[int, float, str, bool]]:
    """Each year's figure as shown, and whether it is approximate or uncertain (a hollow point)."""
    return [(r["year"], r["value"],
             figure_text(r["value"], r["unit"], r["qualifier"], r["certainty"])
             + (" (afgerond op € 1.000)" if r["is_in_thousands"] else ""),
             r["qualifier"] != "exact" or r["certainty"] == "onzeker") for r in rows.iter_rows(named=True)]


def years(series: pl.DataFrame) -> list[int]:
    """The years with a headline figure, newest first: a year whose report gives only other figures (Groningen
    2021 and 2022) would be an empty Overzicht."""
    return sorted(set(series["year"].to_list()), reverse=True)


def tiles(series: pl.DataFrame, labels: pl.DataFrame, year: int, definitions: pl.DataFrame,
          contradictions: pl.DataFrame, signals: pl.DataFrame) -> list[Tile]:
    """The tiles of `year` in reading order; a figure the year lacks has no tile. Where the region's report defines
    a figure its own way (`definitions`), the help says how; where it contradicts the figure elsewhere
    (`contradictions`: the region's, query `bronnen_bevindingen`), a caption says so. Where the change cannot be
    read as a rise or fall (`signals`: the region's rows of the view `signalen`, status niet_vergelijkbaar), the
    change says why instead of giving a number.

    A report that gives the lasten only as begroting (Fryslân 2024) gets that as its tile, saying so.
    """
    of_year = series.filter(pl.col("year") == year)
    budget = of_year.filter(pl.col("kpi") == BUDGET)
    budget_only = budget.height > 0 and of_year.filter(pl.col("kpi") == REALISED).is_empty()
    shown = []
    for kpi in [BUDGET if kpi == REALISED and budget_only else kpi for kpi in KPIS]:
        rows = series.filter(pl.col("kpi") == kpi).sort("year")
        current = rows.filter(pl.col("year") == year)
        if current.is_empty():
            continue
        now = current.row(0, named=True)
        earlier = rows.filter(pl.col("year") < year)
        before = earlier.row(-1, named=True) if earlier.height else None
        label, definition = label_of(kpi, labels)
        if kpi.startswith("financien.reserve") and (posts := now["source_locator"].count("; ") + 1) > 1:
            label = f"{label.removesuffix(' (stand eind jaar)')} eind jaar (berekend: som van {posts} posten)"
        flags = [w for w, on in (("onzeker", now["certainty"] == "onzeker"), ("benadering", now["qualifier"] != "exact"))
                 if on]
        captions = ([f"Bedrag {THOUSANDS}."] if now["is_in_thousands"] else []) + ([only_budget(year)] if kpi == BUDGET else [])
        theme, metric, *staat = kpi.split(".")
        figure = current.with_columns(theme=pl.lit(theme), metric=pl.lit(metric), staat=pl.lit(staat[0] if staat else None))
        captions += contradiction_texts(contradictions, figure)
        own = definities.of_figures(definitions, current, theme, metric)
        incomparable = _incomparable(signals, year, theme, metric, staat[0] if staat else None)
        shown.append(Tile(
            kpi=kpi, name=label, label=markdown_text(label) + (f" ({', '.join(flags)})" if flags else ""),
            value=nl_value(now["value"], now["unit"], now["qualifier"]),
            delta=incomparable or (change_text(now, before) if before else None), is_comparable=incomparable is None,
            help=_help(kpi, now, definition, budget if kpi == REALISED else None, own),
            captions=tuple(captions), trend=trend_points(rows), meanings=tuple(definities.about(label, definition, own)),
        ))
    return shown


def _incomparable(signals: pl.DataFrame, year: int, theme: str, metric: str, staat: str | None) -> str | None:
    """Why the figure's change is no rise or fall, as a tile says it; None when it is comparable."""
    found = signals.filter((pl.col("year") == year) & (pl.col("theme") == theme) & (pl.col("metric") == metric)
                           & (pl.col("staat").eq_missing(staat)) & (pl.col("status") == "niet_vergelijkbaar"))
    if found.is_empty():
        return None
    row = found.row(0, named=True)
    uncertain = "onzeker" in (row["certainty"], row["previous_certainty"])
    why = ", ".join(w for w, on in (("andere telwijze", row["is_definition_changed"]), ("onzeker cijfer", uncertain),
                                     ("kwaliteitsbevinding", row["is_uncertain"] and not uncertain)) if on)
    return f"niet te vergelijken met {row['previous_year']} ({why})"


def _help(kpi: str, now: dict, definition: str, budget: pl.DataFrame | None, own: pl.DataFrame) -> str:
    """A tile's help as Markdown: every text from the data escaped, so that it shows as written."""
    extra = "".join(f"\n\n{line}" for line in definities.markdown(own, with_region=False))
    if budget is not None and budget.height:
        planned = budget.row(0, named=True)
        remarks = [w for w, on in (("onzeker", planned["certainty"] == "onzeker"), (THOUSANDS, planned["is_in_thousands"])) if on]
        extra += (f"\n\nBegroting: {nl_value(planned['value'], 'euro', planned['qualifier'])}"
                 + (f" ({'; '.join(remarks)})" if remarks else "")
                 + f"; realisatie {_ratio_text(now, planned)} van de begroting.")
    return (
        f"{markdown_text(definition)}{extra}"  # a budget-only year says so in a visible caption, not here again
        + f"\n\n{source_markdown(now)}"
        + ("\n\nHet verslag drukt dit bedrag in duizenden euro's (‘Bedragen x €1000,-’); het is dus afgerond op "
           "€ 1.000." if now["is_in_thousands"] else "")
        + (f"\n\nOnzeker: {markdown_text(now['uncertainty_reason'])}" if now["uncertainty_reason"] else "")
        + (f"\n\nWaarom {'bestemd' if 'bestemd' in kpi else 'vrij'}, in de woorden van het verslag: "
           f"{markdown_text(now['soort_toelichting'])}" if now.get("soort_toelichting") else "")
    )


def _ratio_text(now: dict, planned: dict) -> str:
    """Realisatie as a percentage of the begroting, as approximate or uncertain as either amount."""
    about = "ongeveer " if "exact" != now["qualifier"] or "exact" != planned["qualifier"] else ""
    unsure = " (onzeker)" if "onzeker" in (now["certainty"], planned["certainty"]) else ""
    return f"{about}{nl_number(100 * now['value'] / planned['value'], 1)}%{unsure}"


def table(series: pl.DataFrame, labels: pl.DataFrame, year: int) -> pl.DataFrame:
    """Every headline figure of `year` with its remarks, place in the report and source, in the tiles' order."""
    rows = series.filter(pl.col("year") == year).with_columns(
        pl.col("kpi").map_elements(lambda k: label_of(k, labels)[0], return_dtype=pl.String).alias("label"),
        figure_text_column(),
    ).sort(pl.col("kpi").replace_strict({k: i for i, k in enumerate(TABLE_ORDER)}, default=len(TABLE_ORDER)), "kpi")
    return rows.select(
        pl.col("label").alias("Cijfer"), pl.col("year").alias("Jaar"), pl.col(FIGURE_TEXT).alias("Waarde"),
        pl.when(pl.col("unit") != "euro").then(pl.col("value")).alias(COUNT),
        pl.when(pl.col("unit") == "euro").then(pl.col("value")).alias(AMOUNT),
        pl.concat_str([
            pl.when(pl.col("qualifier") != "exact").then(pl.format("bij benadering ({})", pl.col("qualifier"))),
            pl.when(pl.col("certainty") == "onzeker").then(pl.format("onzeker: {}", pl.col("uncertainty_reason"))),
            pl.when(pl.col("is_in_thousands")).then(pl.lit(THOUSANDS)),
        ], separator="; ", ignore_nulls=True).alias("Toelichting"),
        pl.col("source_locator").alias("Vindplaats"),
        pl.col("source_title").alias("Bron"),
        "qualifier", "certainty",  # for the downloads, beside Aantal and Bedrag (euro); the screen says it in words
    )


def headline(query: Callable[..., pl.DataFrame], region: str, year: int
             ) -> tuple[list[Tile], list[str], pl.DataFrame, pl.DataFrame]:
    """The tiles of one region and year, each tile's trend line (`charts.sparkline`), the table below them, and the
    region's rows of the view `signalen` (for "Wat valt op")."""
    series = query("overzicht_reeks", region=region, kpis=COUNTED)
    labels = query("metric_labels")
    definitions, findings, signals = [query(name).filter(pl.col("region") == region)
                                      for name in ("definities", "bronnen_bevindingen", "signalen")]
    shown = tiles(series, labels, year, definitions, findings, signals)
    regions = query("regios")
    names = dict(zip(regions["region"], regions["naam"]))
    colour = charts.region_colour(names[region], list(names.values()))
    trends = [charts.sparkline(tile.trend, last_year=year, label=tile.name, colour=colour) for tile in shown]
    return shown, trends, table(series, labels, year), signals
