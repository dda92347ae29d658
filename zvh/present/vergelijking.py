"""Regio's vergelijken: Dutch texts per figure and per 100.000 inhabitants, and the side-by-side bar chart.

No Streamlit here: these take the frame of the `vergelijking_reeks` query.
"""

import plotly.graph_objects as go
import polars as pl

from zvh.present import charts
from zvh.present.formatting import figure_text_column, listed, nl_number, rate_text

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
