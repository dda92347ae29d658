"""The Gemeenten page's map: one square tile per municipality, laid out to resemble each province.

No boundaries are downloaded or shipped: the layout (`kolom`, `rij`) is reference data the project writes itself
(`gemeente_tegels`, `gemeente_tegels_2017`). A plotly scatter of square markers draws it.
"""

import plotly.graph_objects as go
import polars as pl
from plotly.colors import sample_colorscale

from zvh.present import charts

# A colour-blind-safe sequential scale, light for low and dark for high values; every tile also prints its value.
SCALE = "cividis_r"
NO_DATA = "#d9d9d9"
TILE = 78  # pixels per tile; the map's height follows from it


def _wrap(name: str, width: int = 11) -> str:
    """Break a long municipality name at a hyphen or space so it fits on a tile."""
    if len(name) <= width:
        return name
    for sep in ("-", " "):
        if sep in name:
            head, tail = name.split(sep, 1)
            return f"{head}{sep if sep == '-' else ''}<br>{_wrap(tail, width)}"
    return name


def _font_sizes(names: pl.Series) -> list[int]:
    """A smaller font for a long name that cannot be broken (Tytsjerksteradiel), so it stays on its tile."""
    return [8 if max(len(part) for part in _wrap(n).split("<br>")) > 12 else 10 for n in names]


def _text_colour(rgb: str) -> str:
    """Black or white, whichever contrasts more with the tile colour (WCAG relative luminance)."""
    r, g, b = (float(v) / 255 for v in rgb[rgb.index("(") + 1:-1].split(","))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def tile_map(frame: pl.DataFrame, *, selected: str | None, legend_title: str, key: str = "gemeente_huidig") -> go.Figure:
    """One square per municipality at (kolom, rij): colour and value for a figure, grey "geen gegevens" without.

    `customdata` starts with the tile's municipality as the Gemeente choice names it (column `key`: today's
    municipality, or the one as printed), so a click selects it; `selected` is such a name.
    """
    # selected tiles last, so their thick border is drawn over their neighbours
    tiles = frame.filter(pl.col("kolom").is_not_null()).sort(pl.col(key) == (selected or ""))
    has = tiles.filter(pl.col("waarde").is_not_null())
    empty = tiles.filter(pl.col("waarde").is_null())
    # An empty tile whose municipality has figures under former names (a later merger) says so, not "geen gegevens".
    elsewhere = set(frame.filter(pl.col("kolom").is_null() & pl.col("waarde").is_not_null())["gemeente_huidig"])
    traces = []

    def border(names: list[str]) -> dict:
        return dict(width=[4 if n == selected else 1 for n in names],
                    color=["#000000" if n == selected else "#6b6b6b" for n in names])

    if empty.height:
        notes = ["zie<br>voorgangers" if h in elsewhere else "geen<br>gegevens" for h in empty["gemeente_huidig"]]
        traces.append(dict(
            type="scatter", x=empty["kolom"].to_list(), y=empty["rij"].to_list(), mode="markers+text",
            name="geen gegevens",
            marker=dict(symbol="square", size=TILE - 4, color=NO_DATA, line=border(empty[key].to_list())),
            text=[f"{_wrap(n)}<br>{t}" for n, t in zip(empty["gemeente"], notes)],
            textfont=dict(size=_font_sizes(empty["gemeente"]), color=charts.INK),
            customdata=[[h, n] for h, n in zip(empty[key], empty["gemeente"])], showlegend=False,
            hovertemplate="<b>%{customdata[1]}</b><br>geen gegevens<extra></extra>",
        ))
    if has.height:
        values = has["waarde"].to_list()
        top = max(values) or 1
        colours = sample_colorscale(SCALE, [v / top for v in values])
        traces.append(dict(
            type="scatter", x=has["kolom"].to_list(), y=has["rij"].to_list(), mode="markers+text",
            name=legend_title,
            marker=dict(symbol="square", size=TILE - 4, color=values, colorscale=SCALE, cmin=0, cmax=top,
                        showscale=True,
                        # a horizontal colour bar under the tiles leaves the width to the tiles
                        colorbar=dict(title=dict(text=legend_title, side="top"), orientation="h", thickness=12,
                                      tickformat=",.0f" if top >= 10 else ",.1f", len=0.7, x=0, xanchor="left",
                                      y=-0.02, yanchor="top"),
                        line=border(has[key].to_list())),
            text=[f"<b>{t}</b><br>{_wrap(n)}" for t, n in zip(has["tekst"], has["gemeente"])],
            textfont=dict(size=_font_sizes(has["gemeente"]), color=[_text_colour(c) for c in colours]),
            customdata=[[h, n, t] for h, n, t in zip(has[key], has["gemeente"], has["tekst"])],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>", showlegend=False,
        ))
    columns, rows = tiles["kolom"], tiles["rij"]
    layout = dict(paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", separators=",.",
                  margin=dict(l=0, r=0, t=10, b=90),
                  height=TILE * (rows.max() - rows.min() + 1) + 120 if tiles.height else 200,
                  font=dict(size=13, color=charts.INK), dragmode=False, clickmode="event+select",
                  xaxis=dict(visible=False, fixedrange=True), yaxis=dict(visible=False, fixedrange=True))
    if tiles.height:
        layout["xaxis"]["range"] = [columns.min() - 0.55, columns.max() + 0.55]
        # rij grows downwards: the y axis runs from the largest row at the bottom to the smallest at the top
        layout["yaxis"].update(range=[rows.max() + 0.55, rows.min() - 0.55], scaleanchor="x", scaleratio=1)
    return go.Figure(data=traces, layout=layout)
