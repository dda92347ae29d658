"""Shape trafficking figures for the Mensenhandel page: Dutch texts, the three sections, headline changes.

No Streamlit here: these functions take the frame of the `mensenhandel_cijfers` query and return frames or text
(`sections` and `breakdown` run it through the `query` they are given).
"""

from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl

from zvh.present import charts, definities
from zvh.present.bronnen import contradiction_texts
from zvh.present.formatting import FIGURE_TEXT, change_text, figure_text_column, markdown_text, source_markdown

# Trainings and reach, with a short label for a metric tile; every other figure is (a breakdown of) the signals.
REACH = {"casussen_in_behandeling": "Casussen in behandeling", "online_basistrainingen": "Online basistrainingen",
         "trainingsdeelnemers": "Deelnemers trainingen"}
# Breakdowns in reading order: who the signals are about, then what happened to them; others after these.
ORDER = ["signalen", "slachtoffers", "potentiele_slachtoffers", "signalen_verrijkt", "signalen_doorverwezen"]
TOTAL = "Signalen (totaal)"  # the year's total above its breakdown


def with_text(rows: pl.DataFrame) -> pl.DataFrame:
    """Add `cijfer` ("ruim 60", "330 (onzeker)"), `is_approximate`, and `onderdeel` (label plus breakdown as printed)."""
    return rows.with_columns(
        figure_text_column(),
        is_approximate=pl.col("qualifier") != "exact",
        onderdeel=pl.when(pl.col("categorie").is_null()).then(pl.col("label"))
        .when(pl.col("metric") == "signalen").then("Signalen: " + pl.col("categorie"))
        .otherwise(pl.col("label") + ": " + pl.col("categorie")),
    )


def signals(rows: pl.DataFrame) -> pl.DataFrame:
    """The number of signals per region and year (the figure itself, not its breakdowns)."""
    return rows.filter((pl.col("metric") == "signalen") & pl.col("categorie").is_null())


def breakdowns(rows: pl.DataFrame) -> pl.DataFrame:
    """What the signals consist of, per region and year: parts, victims, follow-up, percentages; with the total."""
    is_total = (pl.col("metric") == "signalen") & pl.col("categorie").is_null()
    part = rows.filter(~pl.col("metric").is_in(list(REACH)) & ~is_total)
    # the total of a year with breakdowns goes first, so a part can be read against it
    totals = signals(rows).join(part.select("region", "year").unique(), on=["region", "year"])
    chosen = pl.concat([totals.with_columns(volgorde=pl.lit(0)), part.with_columns(volgorde=pl.lit(1))])
    return chosen.with_columns(
        onderdeel=pl.when(is_total).then(pl.lit(TOTAL)).otherwise(pl.col("onderdeel")),
        rang=pl.col("metric").replace_strict({m: i for i, m in enumerate(ORDER)}, default=len(ORDER),
                                             return_dtype=pl.Int64),
    ).sort("region", "year", "volgorde", "rang", "metric", "categorie", nulls_last=False).drop("volgorde", "rang")


def reach(rows: pl.DataFrame) -> pl.DataFrame:
    """Trainings, participants and cases taken on."""
    return rows.filter(pl.col("metric").is_in(list(REACH))).sort("metric", "region", "year")


def help_text(row: dict) -> str:
    """Definition, comparability, source and (when uncertain) the reason, for a metric tile's ⓘ (Markdown, every
    text from the data escaped)."""
    t = markdown_text
    parts = [t(row["definitie"]), t(row["vergelijkbaarheid"]), source_markdown(row)]
    if row["note"]:
        parts.append(f"Opmerking: {t(row['note'])}")
    if row["certainty"] == "onzeker":
        parts.append(f"Onzeker: {t(row['uncertainty_reason'])}")
    return "\n\n".join(p for p in parts if p)


def table(rows: pl.DataFrame) -> pl.DataFrame:
    """Rows to show and download: what, where, when, the figure as Dutch text, firmness, note and source."""
    return rows.select("region_name", "year", "onderdeel", "cijfer", "qualifier", "certainty", "uncertainty_reason",
                       "note", "source_title", "source_document", "source_locator", "value", "unit"
                       ).with_columns(pl.col(pl.String).fill_null(""))


def signal_figure(part: pl.DataFrame, year_from: int, year_to: int, regions: tuple[str, ...]) -> go.Figure:
    """The signals per year, a line per region; approximate figures hollow, as on the Trends page."""
    fig = charts.lines(part, x="year", y="value", series="region_name", hover=FIGURE_TEXT, approximate="is_approximate",
                       years=list(range(year_from, year_to + 1)), regions=regions)
    if part["is_approximate"].any():
        charts.explain_hollow(fig)
    return charts.style(fig, y_title="Signalen", x_title="Jaar").update_xaxes(dtick=1, tickformat="d")


def breakdown_figure(part: pl.DataFrame, regions: tuple[str, ...]) -> go.Figure:
    """One horizontal bar per printed breakdown line of one year, in its region's colour, its value written beside
    it; the year is the chart's heading, so a line names only its region."""
    labelled = part.with_columns(rij=pl.col("region_name") + " · " + pl.col("onderdeel"))
    fig = charts.bars(labelled, x="rij", y="value", series="region_name", hover=FIGURE_TEXT, horizontal=True,
                      regions=regions)
    fig.update_traces(texttemplate="%{text}", textposition="outside", cliponaxis=False)
    fig.update_layout(barmode="overlay")  # each row belongs to one region: no room kept for the other
    fig = charts.style(fig, x_title="Aantal", height=110 + 30 * part.height)
    return fig.update_yaxes(autorange="reversed").update_xaxes(range=[0, part["value"].max() * 1.2])


def sections(query: Callable[..., pl.DataFrame], regions: tuple[str, ...], year_from: int, year_to: int) -> dict | None:
    """The page's three sections for the chosen regions and years: signals (a tile per region, None without a count;
    notes, chart), what they consist of, trainings and reach. None when the reports name no trafficking figure."""
    rows = query("mensenhandel_cijfers", regions=list(regions), year_from=year_from, year_to=year_to)
    if rows.is_empty():
        return None
    names = dict(query("regios").select("region", "naam").iter_rows())
    rows, order, findings = with_text(rows), tuple(names.values()), query("bronnen_bevindingen")
    counted, parts, reached = signals(rows), breakdowns(rows), reach(rows)
    tiles = []
    for region in [r for r in names if r in regions]:
        series = counted.filter(pl.col("region") == region).sort("year").to_dicts()
        now, before = (series[-1], series[-2] if len(series) > 1 else None) if series else (None, None)
        tiles.append(now and (f"Signalen {names[region]} {now['year']}", now["cijfer"],
                              change_text(now, before) if before else None, help_text(now)))
    own = definities.of_figures(query("definities"), counted, "mensenhandel", "signalen")
    shares = parts.filter(pl.col("unit") == "procent")
    return {
        "signals": counted, "tiles": tiles, "signal_table": table(counted),
        "signal_contradictions": contradiction_texts(findings, counted),
        "signal_notes": definities.notes(own, counted["vergelijkbaarheid"].drop_nulls().first()
                                         if len(regions) > 1 else None),
        "signal_figure": None if counted.is_empty() else signal_figure(counted, year_from, year_to, order),
        "signal_meanings": definities.about("Signalen mensenhandel", counted["definitie"].drop_nulls().first(), own),
        "parts": parts, "count_years": counted_years(parts), "share_contradictions": contradiction_texts(findings, shares),
        "shares": table(shares), "reach": reached, "reach_table": table(reached), "reach_tiles": newest(reached),
    }


def counted_years(parts: pl.DataFrame) -> list[int]:
    """The years whose signals are broken down in numbers (not only in percentages beside their total), newest
    first."""
    counted = parts.filter((pl.col("unit") == "aantal") & (pl.col("onderdeel") != TOTAL))
    return sorted(set(counted["year"]), reverse=True)


def breakdown(query: Callable[..., pl.DataFrame], regions: tuple[str, ...], year: int) -> dict:
    """What the signals of one year consist of, in numbers, for the chosen regions: a chart, its table and what the
    report contradicts. One year at a time: all years of the whole field's regions would be a bar per line, hundreds."""
    rows = with_text(query("mensenhandel_cijfers", regions=list(regions), year_from=year, year_to=year))
    counts = breakdowns(rows).filter(pl.col("unit") == "aantal")
    order = tuple(query("regios")["naam"])
    return {"figure": breakdown_figure(counts, order), "table": table(counts),
            "contradictions": contradiction_texts(query("bronnen_bevindingen"), counts)}


def newest(reached: pl.DataFrame) -> pl.DataFrame:
    """The newest year of each reach figure and region, for the tiles: the table has every year (three regions over
    sixteen years would be a wall of tiles)."""
    return reached.sort("year").group_by("metric", "region", maintain_order=True).last().sort("metric", "region")
