"""Trends: figure labels, Dutch texts and the line or bar chart of one figure over the years for the regions.

No Streamlit here: these take the frames of the `trends_cijfers` and `trends_reeks` queries (`panels` runs them
through the `query` it is given).
"""

from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl

from zvh.present import charts, definities
from zvh.present.bronnen import contradiction_texts
from zvh.present.formatting import FIGURE_TEXT, figure_text_column, kpi_label

CHART_KINDS = {"lijn": "Lijnen", "staaf": "Staven"}
UNIT_TITLES = {"aantal": "Aantal", "procent": "Procent"}


def with_text(rows: pl.DataFrame) -> pl.DataFrame:
    """Add the figure's Dutch text (`cijfer`) and whether it `is_approximate` (a hollow symbol)."""
    return rows.with_columns(figure_text_column(), is_approximate=pl.col("qualifier") != "exact")


def figure(part: pl.DataFrame, unit: str, kind: str, year_from: int, year_to: int,
           regions: tuple[str, ...]) -> go.Figure:
    """Lines (gaps for missing years) or grouped bars with their value printed on top, one series per region.

    Every year of the range keeps its place on the axis; `charts` gives each region its own style by name.
    """
    years = list(range(year_from, year_to + 1))
    if kind == "staaf":
        fig = charts.bars(part.with_columns(pl.col("year").cast(pl.String)), x="year", y="value",
                          series="region_name", hover=FIGURE_TEXT, years=[str(y) for y in years], regions=regions)
        fig.update_traces(textposition="outside", cliponaxis=False, constraintext="none")
    else:
        fig = charts.lines(part, x="year", y="value", series="region_name", hover=FIGURE_TEXT,
                           approximate="is_approximate", years=years, regions=regions)
        if part["is_approximate"].any():
            charts.explain_hollow(fig)
        charts.ring_uncertain(fig, part, x="year", y="value")
        fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years],
                         range=[year_from - 0.5, year_to + 0.5])
    charts.style(fig, y_title=UNIT_TITLES.get(unit, unit))
    fig.update_layout(showlegend=True)
    if unit == "procent":
        fig.update_yaxes(ticksuffix="%")
    return fig


def alt_text(label: str, part: pl.DataFrame, kind: str, year_from: int, year_to: int) -> str:
    """The chart in words: every region's figure in every year it has one."""
    series = "; ".join(
        f"{name}: " + ", ".join(f"{y} {t}" for y, t in zip(p["year"], p[FIGURE_TEXT]))
        for (name,), p in part.group_by("region_name", maintain_order=True)
    )
    return f"{CHART_KINDS[kind]} van {label} per jaar, {year_from}–{year_to}. {series}."


def panels(query: Callable[..., pl.DataFrame], kpis: tuple[str, ...], regions: tuple[str, ...], year_from: int,
           year_to: int, kind: str) -> list[dict] | None:
    """Each chosen figure's chart, table and notes (`part` None: the regions lack it in these years); None when the
    reports have none of them."""
    rows = query("trends_reeks", metrics=list(kpis), regions=list(regions), year_from=year_from, year_to=year_to)
    if rows.is_empty():
        return None
    meta = {row["kpi"]: row for row in query("trends_cijfers").iter_rows(named=True)}
    names = dict(query("regios").select("region", "naam").iter_rows())
    rows, definitions, findings, shaped = with_text(rows), query("definities"), query("bronnen_bevindingen"), []
    for kpi in kpis:
        info, label = meta[kpi], kpi_label(meta[kpi]["theme"], meta[kpi]["label"])
        part = rows.filter(pl.col("kpi") == kpi).sort("year", pl.col("region").cast(pl.Enum(list(names))))
        if part.is_empty():
            shaped.append({"kpi": kpi, "part": None})
            continue
        own = definities.of_figures(definitions, part, info["theme"], info["metric"])
        figures = part.with_columns(theme=pl.lit(info["theme"]), metric=pl.lit(info["metric"]))
        shaped.append({
            "kpi": kpi, "part": part,
            "shown": part.select("year", "region_name", FIGURE_TEXT, "qualifier", "certainty", "uncertainty_reason",
                                 "value", "unit", "source_title", "source_document", "source_locator"),
            "figure": figure(part, info["unit"] or part["unit"][0], kind, year_from, year_to, tuple(names.values())),
            "notes": definities.notes(own, info["vergelijkbaarheid"] if len(regions) > 1 else None),
            "contradictions": contradiction_texts(findings, figures),
            "silent": [names[r] for r in regions if r not in part["region"].to_list()],
            "alt": alt_text(label, part, kind, year_from, year_to),
            "meanings": definities.about(label, info["definitie"], own),
        })
    return shaped
