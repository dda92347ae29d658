"""The Financiën page's tabs, each shaped from its queries for one choice: tables, figures and definitions.

No Streamlit here: each function runs the named queries through the `query` it is given (`zvh.web.ui.shaped` caches
the result per database version and choice).
"""

from collections.abc import Callable

import polars as pl

from zvh.present import charts, definities
from zvh.present import financien as fin
from zvh.present.formatting import listed

Query = Callable[..., pl.DataFrame]


def lines(query: Query, region: str, year: int) -> dict:
    """Begroting en realisatie: the lines as a table, their bars (`figure` None: none to compare) and definitions."""
    rows = query("financien_regels", region=region, year=year)
    bars = fin.comparison_bars(rows)
    return {"table": fin.line_table(rows), "bars": bars,
            "figure": None if bars.is_empty() else fin.line_bars(bars, series="staat", hover="cijfer"),
            "meanings": fin.meanings(query("definities"), rows, ["totaal_lasten", "totaal_baten"])}


def composition(query: Query, region: str, year: int, onderdeel: str, staat: str) -> dict:
    """Samenstelling: the lines under the lasten's or baten's total (`parts`, empty: none), its `total` as printed,
    their bars and definitions."""
    rows = query("financien_regels", region=region, year=year)
    parts = fin.composition(rows, onderdeel, staat)
    return {"parts": parts, "total": rows.filter(pl.col("post") == f"totaal_{onderdeel}")[staat].drop_nulls(),
            "figure": None if parts.is_empty() else fin.line_bars(parts, hover="hover").update_layout(
                showlegend=False, title_text=fin.ONDERDELEN[onderdeel]),
            "meanings": fin.composition_meanings(query("definities"), rows, onderdeel)}


def funding(query: Query, region: str, staat: str) -> dict:
    """Financiers: the baten per financier and year (`funding`, empty: none), their bars and definitions."""
    financiers = query("financien_financiers", region=region)
    frame = fin.financier_frame(financiers, staat)
    return {"funding": frame, "figure": None if frame.is_empty() else fin.funding_figure(frame),
            "meanings": fin.financier_meanings(query("definities"), frame, financiers)}


def reserves(query: Query, region: str) -> dict | None:
    """Resultaat en reserves over the years: the line chart, its table and definitions; None: the reports name none."""
    money = query("financien_reserves", region=region)
    if money.is_empty():
        return None
    money = fin.reserve_frame(money)
    years = query("financien_jaren", region=region)["year"].to_list()
    return {"shown": money.select("year", "reeks", "cijfer", pl.col("value").alias("bedrag_eur"), "qualifier",
                                  "certainty", "source_label", "source_title", "source_document", "source_locator"),
            "figure": fin.reserves_figure(money, years),
            "meanings": fin.meanings(query("definities"), money, ["resultaat", "reserve", "reserve_bestemd"])}


def totals(query: Query, regions: tuple[str, ...]) -> dict:
    """Regio's naast elkaar: the chosen regions' totale lasten as bars, the totals as a table, their definitions and
    where the regions count them differently."""
    names = dict(query("regios").select("region", "naam").iter_rows())
    order, everyone = [names[r] for r in regions], list(names.values())  # a region's colour is its place in all
    frame = fin.with_money(query("financien_totalen", regions=list(regions)))
    lasten = frame.filter(pl.col("post") == "totaal_lasten")
    definitions = query("definities")
    return {
        "order": order, "colours": listed(f"{n} {charts.colour_name(n, everyone)}" for n in order),
        "figure": fin.totals_figure(lasten, everyone),
        "lasten": lasten.select("region_name", "year", "staat", "cijfer", pl.col("value").alias("bedrag_eur"),
                                "qualifier", "certainty", "source_title", "source_document"),
        "lasten_meanings": fin.meanings(definitions, lasten, ["totaal_lasten"]),
        "table": fin.totals_table(frame, order),
        "meanings": fin.meanings(definitions, frame, ["totaal_lasten", "totaal_baten"]),
        "warnings": [(what, warning) for post, what in (("totaal_lasten", "lasten"), ("totaal_baten", "baten"))
                     if (warning := definities.differ_warning(definities.of_figures(definitions, frame, "financien", post)))],
        "note": fin.thousands_note(frame),
    }
