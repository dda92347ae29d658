"""The Gemeenten page shaped from its queries for one choice: its figures, tables, notes, tile map and bars.

No Streamlit here: each function runs the named queries through the `query` it is given (`zvh.web.ui.shaped` caches
the result per database version and choice).
"""

from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl

from zvh.present import definities, tilemap
from zvh.present.formatting import kpi_label
from zvh.present.gemeenten import (
    bar_chart,
    chart_table,
    meanings,
    missing_population,
    municipality_table,
    notes,
    others_table,
    reconciliation,
    split_note,
    with_measure,
)


def figures_of(query: Callable[..., pl.DataFrame], region: str) -> dict[str, dict]:
    """The region's figures per municipality (theme.metric) with their label, unit and years, newest first, and the
    year to open on: the newest with a real breakdown (a later report may name only the city: Groningen 2024)."""
    catalogue = query("gemeenten_metrieken", region=region)
    shown = {}
    for (theme, metric), rows in catalogue.group_by("theme", "metric", maintain_order=True):
        first = rows.row(0, named=True)
        years, broken_down = rows["year"].to_list(), rows.filter(pl.col("is_broken_down"))["year"].to_list()
        shown[f"{theme}.{metric}"] = {"label": kpi_label(theme, first["label"]), "unit": first["unit"], "years": years,
                                      "first_year": broken_down[0] if broken_down else years[0]}
    return shown

def _frames(query: Callable[..., pl.DataFrame], region: str, kpi: str, year: int, printed: bool, measure: str
            ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The municipalities as printed; those shown (as printed or added up to today's) in `measure`; those with a
    value, in the bars' order."""
    theme, metric = kpi.split(".")
    params = dict(region=region, theme=theme, metric=metric, year=year)
    as_printed = query("gemeenten_gedrukt", **params)
    shown = with_measure(as_printed if printed else query("gemeenten_huidig", **params), measure)
    return as_printed, shown, shown.filter(pl.col("waarde").is_not_null()).sort("waarde", "gemeente",
                                                                                  descending=[False, True])


def page(query: Callable[..., pl.DataFrame], region: str, kpi: str, year: int, printed: bool, measure: str) -> dict:
    """One figure of every municipality in one year: its tables, notes and definitions."""
    theme, metric = kpi.split(".")
    meta = query("gemeenten_metrieken", region=region).filter(
        (pl.col("theme") == theme) & (pl.col("metric") == metric)).row(0, named=True)
    label = kpi_label(theme, meta["label"])  # with its theme: the figure covers that part of the work
    as_printed, shown, bars = _frames(query, region, kpi, year, printed, measure)
    others = query("gemeenten_overig", region=region, theme=theme, metric=metric, year=year)
    return {
        "shown": shown, "others": others, "map_table": chart_table(shown, measure), "bar_table": chart_table(bars, measure),
        "others_table": others_table(others), "table": municipality_table(shown, measure, printed),
        "notes": [note for note in [meta["vergelijkbaarheid"], None if printed else split_note(shown), notes(as_printed)]
                  if note],
        "missing": missing_population(shown, measure, year), "reconciled": reconciliation(shown, others),
        "meanings": meanings(label, meta["definitie"], definities.of_figures(query("definities"), as_printed, theme,
                                                                             metric), measure),
    }


def figures(query: Callable[..., pl.DataFrame], region: str, kpi: str, year: int, printed: bool, measure: str,
            selected: str | None, legend_title: str) -> tuple[go.Figure, go.Figure | None]:
    """The tile map and the bars (None: no values) of `page`'s figure, the `selected` municipality marked."""
    _, shown, bars = _frames(query, region, kpi, year, printed, measure)
    key = "gemeente_cbs" if printed else "gemeente_huidig"  # the name a tile or bar carries for the Gemeente choice
    return (tilemap.tile_map(shown, selected=selected, legend_title=legend_title, key=key),
            None if bars.is_empty() else bar_chart(bars, measure=measure, selected=selected, key=key))
