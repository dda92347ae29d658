"""Regio's vergelijken: Dutch texts per figure and per 100.000 inhabitants, and the side-by-side bar chart.

No Streamlit here: these take the frame of the `vergelijking_reeks` query (`panels` runs it through the `query` it
is given).
"""

from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl

from zvh.present import charts, definities
from zvh.present.formatting import FIGURE_TEXT, figure_text_column, kpi_label, listed, nl_number, rate_text

FIRMNESS = {"vast": "definitief CBS-cijfer", "secundair": "CBS-cijfer via een secundaire bron",
            "afgeleid": "afgeleid uit CBS-cijfers", "bereik": "bronnen noemen verschillende aantallen"}
PER_CAPITA_TEXT = "per_100000_tekst"


def with_text(rows: pl.DataFrame) -> pl.DataFrame:
    """Add the figure's Dutch text (`cijfer`), the same per 100.000 inhabitants, and the population as text."""
    return rows.with_columns(
        figure_text_column(),
        pl.struct("per_100000", "qualifier", "certainty").map_elements(lambda r: rate_text(*r.values()), return_dtype=pl.String)
        .alias(PER_CAPITA_TEXT),
        inwoners_tekst=pl.col("inwoners").map_elements(nl_number, return_dtype=pl.String),
        inwoners_zekerheid=pl.col("inwoners_zekerheid").replace_strict(FIRMNESS, default=pl.col("inwoners_zekerheid")),
    )


def _hide_empty_series(fig: go.Figure) -> None:
    """Keep a region without figures out of the legend (its empty series only holds its colour's place)."""
    for trace in fig.data:
        if all(v is None for v in trace.y):
            trace.showlegend = False


def figure(part: pl.DataFrame, y: str, text: str, chosen: tuple[str, ...], everyone: tuple[str, ...]) -> go.Figure:
    """Bars per year, the chosen regions side by side, each labelled with its Dutch value and in its own colour (its
    place among `everyone`); a missing population is written in."""
    # A row for every chosen region in every year with a figure (null when not reported): each keeps its place,
    # and the years are categories, so two far-apart years do not make the bars years wide.
    years = pl.DataFrame({"year": sorted(part["year"].unique().to_list())}, schema={"year": pl.Int32})
    grid = pl.DataFrame({"region_name": list(chosen)}).join(years, how="cross")
    part = grid.join(part, on=["region_name", "year"], how="left").with_columns(pl.col("year").cast(pl.String))
    fig = charts.bars(part, x="year", y=y, series="region_name", hover=text, regions=everyone)  # a null: no bar
    fig.update_traces(textposition="outside", cliponaxis=False, constraintext="none")
    _hide_empty_series(fig)
    gaps = (part.filter(pl.col(y).is_null() & pl.col("value").is_not_null())
            .group_by("year", maintain_order=True).agg(pl.col("region_name")))
    if gaps.height:
        fig.add_trace(go.Scatter(
            x=gaps["year"].to_list(), y=[0] * gaps.height, mode="text", showlegend=False, hoverinfo="skip",
            text=["geen inwonertal<br>" + listed(lacking) for lacking in gaps["region_name"].to_list()],
            textposition="top center", textfont=dict(color=charts.INK, size=12),
        ))
    charts.style(fig, y_title="Per 100.000 inwoners" if y == "per_100000" else "Aantal")
    fig.update_layout(showlegend=True)
    if y == "per_100000":
        fig.update_yaxes(tickformat=",.1~f")
    return fig


def panels(query: Callable[..., pl.DataFrame], regions: tuple[str, ...], kpis: tuple[str, ...], year_from: int,
           year_to: int, per_capita: bool) -> list[dict]:
    """Each of `kpis`' chart, table and notes for the chosen regions and years; none when none of the regions has one
    of them in these years."""
    names = dict(query("regios").select("region", "naam").iter_rows())
    rows = query("vergelijking_reeks", regions=list(regions)).filter(
        pl.col("kpi").is_in(kpis) & pl.col("year").is_between(year_from, year_to))
    rows, definitions, shaped = with_text(rows), query("definities"), []
    y, text = ("per_100000", PER_CAPITA_TEXT) if per_capita else ("value", FIGURE_TEXT)
    order = tuple(names[r] for r in regions)
    for (kpi,), part in rows.group_by("kpi", maintain_order=True):
        part = part.sort("year", pl.col("region").cast(pl.Enum(list(names))))
        info = part.row(0, named=True)
        label = kpi_label(info["theme"], info["label"])  # with its theme: the figure covers that part of the work
        own = definities.of_figures(definitions, part, info["theme"], info["metric"])
        lacking = part.filter(pl.col("inwoners").is_null()).group_by("region_name", maintain_order=True).agg("year")
        used = part.filter(pl.col("inwoners").is_not_null()).select("inwoners_bron", "inwoners_zekerheid").unique()
        extra = [PER_CAPITA_TEXT, "inwoners_tekst", "inwoners_zekerheid", "inwoners_bron", "per_100000",
                 "inwoners"] if per_capita else []
        summary = "; ".join(f"{n} {v}: {t or 'geen cijfer'}"
                            for n, v, t in part.select("region_name", "year", text).iter_rows())
        shaped.append({
            "kpi": kpi, "label": label, "definitie": info["definitie"],
            "notes": definities.notes(own, info["vergelijkbaarheid"]),
            "lacking": [(name, sorted(missing)) for name, missing in lacking.iter_rows()],
            "used": used.sort("inwoners_bron").rows(),
            "shown": part.select("year", "region_name", FIGURE_TEXT, *extra, "qualifier", "certainty",
                                 "uncertainty_reason", "value", "source_title", "source_document", "source_locator"),
            "figure": figure(part, y, text, order, tuple(names.values())),
            "alt": f"Staafdiagram {label}{' per 100.000 inwoners' if per_capita else ''}, "
                   f"{listed(order)} naast elkaar. {summary}.",
            "meanings": definities.about(label, info["definitie"], own),
        })
    return shaped
