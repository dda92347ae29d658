"""One plotly look for every chart: colour-blind-safe colours, shapes and dashes, Dutch numbers.

Figures are built with `plotly.graph_objects` (a few ms) rather than plotly express (tens of ms).
Meaning is never carried by colour alone: every series also has its own marker symbol and dash.
The Overzicht tiles' small trends are plain SVG (`sparkline`): no chart library for the browser to load.
"""

import base64
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl

from zvh.present.formatting import markdown_text

# Okabe–Ito colours with at least 3:1 contrast on white (WCAG 1.4.11), in order of use.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#8C6D1F", "#5D3A9B", "#A6761D"]
COLOUR_NAMES = ["blauw", "oranje", "groen", "roze", "zwart", "bruin", "paars", "okergeel"]  # PALETTE in Dutch
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross", "pentagon"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash"]
INK = "#1f1f1f"  # text and the marks that explain symbols
SPARK_WIDTH, SPARK_HEIGHT = 280, 62  # the Overzicht tiles' small trends, in CSS pixels
# The house template is the process's default: one assigned per figure is validated each time (~30 ms a
# figure, most of a page's rerun), the default is applied to every new figure without that. Only simple_white's
# layout and the trace types the dashboard draws: the whole template is 8 kB of every figure's JSON, and the
# browser works through all of it on each redraw (bench/interaction_bench.py).
_WHITE = pio.templates["simple_white"]
_UNUSED = {"geo", "ternary", "scene", "polar", "mapbox", "colorscale", "coloraxis"}  # no maps, 3-D or colour scales
pio.templates["zvh"] = go.layout.Template(
    layout={k: v for k, v in _WHITE.layout.to_plotly_json().items() if k not in _UNUSED},
    data={kind: _WHITE.data[kind] for kind in ("bar", "scatter")})
pio.templates.default = "zvh"


def style(fig: go.Figure, *, y_title: str = "", x_title: str = "", height: int = 380) -> go.Figure:
    """Apply the house style: Dutch separators, whole numbers on the axis, legend on top."""
    fig.update_layout(
        separators=",.", height=height, margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""),
        font=dict(size=14, color=INK), hovermode="closest",
    )
    fig.update_yaxes(title_text=y_title, tickformat=",.0f", rangemode="tozero", gridcolor="#e5e5e5", showgrid=True)
    fig.update_xaxes(title_text=x_title)
    return fig


def _series_style(i: int) -> dict:
    return dict(color=PALETTE[i % len(PALETTE)], symbol=SYMBOLS[i % len(SYMBOLS)], dash=DASHES[i % len(DASHES)])


def lines(frame: pl.DataFrame, *, x: str, y: str, series: str, hover: str | None = None,
          approximate: str | None = None, years: list[int] | None = None, regions: Sequence[str] = ()) -> go.Figure:
    """One line per series; missing years are gaps (never zeros); approximate points are hollow.

    `approximate` names a boolean column; `hover` a text column shown on hover (e.g. "ruim 60"); a series named
    after one of `regions` (their names, in the pages' order) has that region's own style.
    """
    fig = go.Figure()
    for i, name, part in _groups(frame, series, regions):
        if years:
            part = pl.DataFrame({x: years}, schema={x: frame.schema[x]}).join(part, on=x, how="left")
        part = part.sort(x)
        look = _series_style(i)
        hollow = part[approximate].fill_null(False).to_list() if approximate else [False] * part.height
        fig.add_trace(go.Scatter(
            x=part[x].to_list(), y=part[y].to_list(), name=str(name), mode="lines+markers", connectgaps=False,
            line=dict(color=look["color"], dash=look["dash"], width=2.5),
            marker=dict(size=10, color=look["color"],
                        symbol=[f"{look['symbol']}-open" if h else look["symbol"] for h in hollow],
                        line=dict(width=2, color=look["color"])),
            text=part[hover].to_list() if hover else None,
            hovertemplate=f"<b>{name}</b><br>%{{x}}: %{{text}}<extra></extra>" if hover else None,
        ))
    return fig


def explain_hollow(fig: go.Figure) -> go.Figure:
    """Explain hollow symbols (approximate figures) in the legend itself."""
    return fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="Bij benadering (open symbool)",
                                    marker=dict(symbol="circle-open", size=10, color=INK, line=dict(width=2))))


def ring_uncertain(fig: go.Figure, frame: pl.DataFrame, *, x: str, y: str) -> go.Figure:
    """A black ring around each uncertain point of `frame` (`certainty`), with its reason on hover and a legend entry."""
    unsure = frame.filter(pl.col("certainty") == "onzeker")
    if unsure.height:
        fig.add_trace(go.Scatter(
            x=unsure[x].to_list(), y=unsure[y].to_list(), mode="markers", name="Onzeker cijfer",
            marker=dict(symbol="circle-open", size=24, color=INK, line=dict(width=2)),
            text=unsure["uncertainty_reason"].to_list(), hovertemplate="Onzeker: %{text}<extra></extra>",
        ))
    return fig


def bars(frame: pl.DataFrame, *, x: str, y: str, series: str | None = None, hover: str | None = None,
         horizontal: bool = False, years: list | None = None, regions: Sequence[str] = ()) -> go.Figure:
    """Grouped bars, one colour and hatch pattern per series; every value of `years` (on `x`) keeps its place."""
    fig = go.Figure()
    patterns = ["", "/", ".", "x", "\\", "+", "-", "|"]
    for i, name, part in _groups(frame, series, regions):
        if years:
            part = pl.DataFrame({x: years}, schema={x: frame.schema[x]}).join(part, on=x, how="left",
                                                                              maintain_order="left")
        look = _series_style(i)
        xs, ys = part[x].to_list(), part[y].to_list()
        fig.add_trace(go.Bar(
            x=ys if horizontal else xs, y=xs if horizontal else ys, name=str(name),
            orientation="h" if horizontal else "v",
            marker=dict(color=look["color"], pattern=dict(shape=patterns[i % len(patterns)], fgcolor="white")),
            text=part[hover].to_list() if hover else None, textposition="none",
            hovertemplate=(f"<b>{name}</b><br>%{{{'y' if horizontal else 'x'}}}: %{{text}}<extra></extra>") if hover else None,
        ))
    fig.update_layout(barmode="group")
    return fig


def region_bars(frame: pl.DataFrame, *, x: str, y: str, region: str, kind: str, kinds: list[str],
                regions: Sequence[str], hover: str | None = None) -> go.Figure:
    """Grouped bars coloured by region (its fixed colour) and told apart by `kind` through a pattern.

    The first of `kinds` is drawn as a hatched outline, the second solid, further ones with other hatches,
    so that begroting and realisatie differ in more than colour, and a region keeps its colour on every page.
    """
    fig = go.Figure()
    patterns = ["/", "", "x", "."]
    names = frame[region].unique().to_list()
    for name in [n for n in regions if n in names] + sorted(n for n in names if n not in regions):
        colour = region_colour(name, regions)
        for i, what in enumerate(kinds):
            part = frame.filter((pl.col(region) == name) & (pl.col(kind) == what)).sort(x)
            if part.is_empty():
                continue
            pattern = patterns[i % len(patterns)]
            fig.add_trace(go.Bar(
                x=part[x].to_list(), y=part[y].to_list(), name=f"{name} – {what}", legendgroup=name,
                marker=dict(color=colour, line=dict(color=colour, width=1.5),
                            pattern=dict(shape=pattern, fillmode="replace", solidity=0.3)),
                text=part[hover].to_list() if hover else None, textposition="none",
                hovertemplate=f"<b>{name} – {what}</b><br>%{{x}}: %{{text}}<extra></extra>" if hover else None,
            ))
    fig.update_layout(barmode="group")
    return fig


def _groups(frame: pl.DataFrame, series: str | None, regions: Sequence[str]) -> list[tuple[int, str, pl.DataFrame]]:
    """Split into series with their style index; a region keeps its own style (its place in `regions`)."""
    if series is None:
        return [(0, "", frame)]
    names = frame[series].unique(maintain_order=True).to_list()
    shown = [n for n in regions if n in names]
    others = sorted(n for n in names if n not in regions)
    offset = len(regions) if shown else 0
    styled = [(list(regions).index(n), n) for n in shown] + [(offset + i, n) for i, n in enumerate(others)]
    return [(i, n, frame.filter(pl.col(series) == n)) for i, n in styled]


def region_colour(name: str, regions: Sequence[str]) -> str:
    """The fixed colour of a region on every chart (by its place in `regions`); the first colour otherwise."""
    return PALETTE[_region_index(name, regions)]


def colour_name(name: str, regions: Sequence[str]) -> str:
    """The region's colour as a word, for a caption that explains the chart ("blauw")."""
    return COLOUR_NAMES[_region_index(name, regions)]


def _region_index(name: str, regions: Sequence[str]) -> int:
    return list(regions).index(name) % len(PALETTE) if name in regions else 0


def sparkline(points: list[tuple[int, float, str, bool]], *, last_year: int, label: str,
              colour: str = PALETTE[0]) -> str:
    """A small trend on a real year axis up to `last_year`, as a Markdown image with its text; "" under two points.

    `points` are (year, value, text as shown, is_approximate). A year without a figure breaks the line (a gap,
    never a zero); approximate or uncertain points are hollow. The SVG is a data URI in Markdown: `st.markdown`
    is in Streamlit's main script bundle, where `st.html` (which also removes inline SVG) loads two more. The
    alt text, also the hover title, names every year's figure and every gap.
    """
    points = sorted(p for p in points if p[0] <= last_year)
    if len(points) < 2:
        return ""
    said = []
    for before, (year, _, text, _) in zip([None, *points], points):
        if before is not None and year > before[0] + 1:
            said.append(f"{before[0] + 1}{f'–{year - 1}' if year - 1 > before[0] + 1 else ''}: geen cijfer")
        said.append(f"{year}: {text}")
    alt = markdown_text(f"{label}, verloop {points[0][0]}–{last_year}: " + "; ".join(said) + ".")
    svg = base64.b64encode(sparkline_svg(points, last_year=last_year, colour=colour).encode()).decode()
    return f'![{alt}](data:image/svg+xml;base64,{svg} "{alt.replace(chr(34), chr(39))}")'


def sparkline_svg(points: list[tuple[int, float, str, bool]], *, last_year: int, colour: str,
                  width: int = SPARK_WIDTH) -> str:
    """The SVG of `sparkline`: a tick per year, a line per run of consecutive years, a point per figure. A narrower
    `width` keeps marks and text their size where the drawing is placed smaller (the stuurgroeprapportage)."""
    height, pad, top, plot_height = SPARK_HEIGHT, 8, 6, 32
    first = points[0][0]
    low, high = min(p[1] for p in points), max(p[1] for p in points)

    def x(year: int) -> float:
        return pad + (year - first) / max(last_year - first, 1) * (width - 2 * pad)

    def y(value: float) -> float:
        return top + plot_height * (0.5 if high == low else (high - value) / (high - low))

    runs: list[list[tuple]] = []  # a missing year starts a new run: the line breaks there
    for p in points:
        if runs and p[0] == runs[-1][-1][0] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    axis = top + plot_height + 6
    parts = [f'<line x1="{x(year):.1f}" y1="{axis}" x2="{x(year):.1f}" y2="{axis + 4}" stroke="#767676"/>'
             for year in range(first, last_year + 1)]
    parts += [f'<polyline points="{" ".join(f"{x(p[0]):.1f},{y(p[1]):.1f}" for p in run)}" fill="none" '
              f'stroke="{colour}" stroke-width="2" stroke-linejoin="round"/>' for run in runs if len(run) > 1]
    parts += [f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="{4.5 if year == last_year else 3.5}" '
              f'fill="{"#ffffff" if approximate else colour}" stroke="{colour}" stroke-width="2"/>'
              for year, value, _, approximate in points]
    font = 'font-family="Source Sans, Arial, sans-serif" font-size="12" fill="#333333"'
    parts += [f'<text x="{pad}" y="{height - 2}" {font}>{first}</text>',
              f'<text x="{width - pad}" y="{height - 2}" {font} text-anchor="end">{last_year}</text>']
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg>')
