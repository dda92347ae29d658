"""The report's charts as small SVG drawings in the dashboard's palette, readable when printed in black and white.

Hand-drawn SVG like the Overzicht's sparklines (`charts.sparkline_svg`): typst places SVG as vector graphics, and
plotly's own export would start a browser (kaleido) for every report.
"""

from zvh.present.charts import INK
from zvh.present.formatting import nl_number

FONT = 'font-family="Liberation Sans, DejaVu Sans, sans-serif" font-size="11" fill="#333333"'


def amount_tick(value: float) -> str:
    """An axis label for an amount: "€ 0", "€ 500.000", "€ 1,5 mln"."""
    if value >= 1_000_000:
        return f"€ {nl_number(value / 1_000_000, 0 if value % 1_000_000 == 0 else 1)} mln"
    return f"€ {nl_number(value)}"


def _ticks(high: float) -> list[float]:
    """Four or five round steps from 0 to at least `high`."""
    step = 10 ** (len(str(int(max(high, 1)))) - 1)
    while high / step > 5:
        step *= 2 if str(step)[0] == "1" else 2.5 if str(step)[0] == "2" else 2
    while high / step < 2:
        step /= 2
    return [step * i for i in range(int(high // step) + 2)]


def budget_bars_svg(points: list[dict], *, colour: str, width: int = 440, height: int = 160) -> str:
    """Begroting and realisatie of the totale lasten per year: `points` are {year, begroting, realisatie,
    begroting_rough, realisatie_rough} (an amount may be None; `_rough`: approximate or uncertain).

    The begroting is a hatched outline, the realisatie solid (as on Financiën); a rough amount has a dashed outline
    and lighter fill, so neither colour nor fill alone carries the meaning. A year without an amount keeps its place.
    """
    left, right, top, bottom = 78, 10, 26, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    years = [p["year"] for p in points]
    first, last = min(years), max(years)
    slots = last - first + 1
    ticks = _ticks(max(v for p in points for v in (p["begroting"], p["realisatie"]) if v is not None))

    def y(value: float) -> float:
        return top + plot_h * (1 - value / ticks[-1])

    parts = [f'<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="{colour}" stroke-width="2"/>'
             "</pattern></defs>"]
    for tick in ticks:
        parts.append(f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" '
                     f'stroke="#dddddd" stroke-width="0.8"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" {FONT}>{amount_tick(tick)}</text>')
    slot = plot_w / slots
    bar = min(slot * 0.34, 26)
    for p in points:
        centre = left + (p["year"] - first + 0.5) * slot
        for offset, staat in ((-bar, "begroting"), (0.0, "realisatie")):
            if p[staat] is None:
                continue
            fill = "url(#hatch)" if staat == "begroting" else colour
            rough = p[f"{staat}_rough"]
            parts.append(f'<rect x="{centre + offset:.1f}" y="{y(p[staat]):.1f}" width="{bar:.1f}" '
                         f'height="{y(0) - y(p[staat]):.1f}" fill="{fill}" fill-opacity="{0.45 if rough else 1}" '
                         f'stroke="{colour}" stroke-width="1.5"{" stroke-dasharray=" + chr(34) + "3 2" + chr(34) if rough else ""}/>')
        parts.append(f'<text x="{centre:.1f}" y="{height - 6}" text-anchor="middle" {FONT}>{p["year"]}</text>')
    parts.append(f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="{INK}"/>')
    legend = [("url(#hatch)", "Begroting", ""), (colour, "Realisatie", ""),
              ("#ffffff", "bij benadering of onzeker", ' stroke-dasharray="3 2"')]
    x = left
    for fill, text, dash in legend:
        parts.append(f'<rect x="{x}" y="4" width="14" height="12" fill="{fill}" stroke="{colour}" stroke-width="1.5"{dash}/>')
        parts.append(f'<text x="{x + 19}" y="14" {FONT}>{text}</text>')
        x += 30 + 6.2 * len(text)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg>')
