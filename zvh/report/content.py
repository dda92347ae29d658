"""What the stuurgroeprapportage of one region and year shows, as plain data for the template (JSON).

The figures are the Overzicht's own tiles (`zvh.present.overzicht.tiles`), the begroting the Financiën page's lines
(`zvh.present.financien.line_table`): the paper says what the screen says. Text stays plain; the template never reads
it as markup.
"""

import datetime as dt
from collections.abc import Callable

import polars as pl

from zvh.present import bronnen, charts, definities, signalen
from zvh.present import financien as fin
from zvh.present import overzicht as kpis
from zvh.present.formatting import nl_date, version_text
from zvh.report.figures import budget_bars_svg

TREND_WIDTH = 150  # the Overzicht's trend (280 px) narrowed for a 3,2 cm column: its years stay readable on paper
Run = Callable[..., pl.DataFrame]  # a named query with its parameters: run("regios"), run("x", region=...)


class NoFigures(Exception):
    """The region has no headline figures for the year (or is no region at all): there is nothing to report. The
    command line says so; the Overzicht offers only years with figures, so its button never meets this."""

    def __init__(self, region: str, name: str, year: int, years: list[int], regions: list[str] = ()):
        if regions:
            super().__init__(f"Unknown region '{region}'; the regions are {', '.join(regions)}.")
            return
        offered = ", ".join(map(str, years)) or "none"
        super().__init__(f"No headline figures for {name} ({region}) in {year}; years with figures: {offered}.")


def gather(run: Run, region: str, year: int, made: dt.date) -> dict:
    """Everything the report prints, for `region` and `year`; `NoFigures` when the year has none."""
    names = dict(run("regios").select("region", "naam").iter_rows())
    if region not in names:
        raise NoFigures(region, region, year, [], regions=list(names))
    series = run("overzicht_reeks", region=region, kpis=kpis.COUNTED)
    if year not in (years := kpis.years(series)):
        raise NoFigures(region, names[region], year, years)
    colour = charts.region_colour(names[region], list(names.values()))
    labels, definitions = run("metric_labels"), run("definities").filter(pl.col("region") == region)
    findings = run("bronnen_bevindingen").filter(pl.col("region") == region)
    signals = run("signalen").filter(pl.col("region") == region)
    tiles = kpis.tiles(series, labels, year, definitions, findings, signals)
    of_year = series.filter(pl.col("year") == year)
    lines = run("financien_regels", region=region, year=year)
    noteworthy = signalen.noteworthy(signals, region, year)
    totals = run("financien_totalen", regions=[region]).filter(pl.col("post") == "totaal_lasten")
    return {
        "region": names[region], "year": year, "made": nl_date(made),
        "version": version_text(run("build_info").row(0, named=True)),
        "figures": [_figure(tile, of_year, definitions, year, colour) for tile in tiles],
        "signals": _signals(noteworthy),
        "budget": _budget(lines, totals, year, colour),
        "findings": _findings(findings, of_year, run("financien_bevindingen", region=region, year=year), noteworthy),
        # every report a figure on the page comes from, the earlier years' of the signals too
        # every report a figure on the paper comes from: the year's, the trends' and the chart's earlier years', and
        # those the signals cite
        "sources": sorted(set(pl.concat([series.filter(pl.col("year") <= year)["source_title"],
                                         noteworthy["source_title"], noteworthy["previous_source_title"],
                                         totals.filter(pl.col("year") <= year)["source_title"],
                                         lines["source_title"]]).drop_nulls().str.split("; ").explode().to_list())),
    }


def _figure(tile: kpis.Tile, of_year: pl.DataFrame, definitions: pl.DataFrame, year: int, colour: str) -> dict:
    """One headline figure: its tile's value and change, what it covers (the report's own definition where it has
    one), its trend and where it is printed."""
    now = of_year.filter(pl.col("kpi") == tile.kpi).row(0, named=True)
    theme, metric, *_ = tile.kpi.split(".")
    own = definities.of_figures(definitions, of_year.filter(pl.col("kpi") == tile.kpi), theme, metric)
    flags = [w for w, on in (("onzeker", now["certainty"] == "onzeker"), ("benadering", now["qualifier"] != "exact")) if on]
    trend = [p for p in tile.trend if p[0] <= year]
    return {
        "label": tile.name, "flags": ", ".join(flags), "value": tile.value,
        "change": tile.delta or "geen eerder jaar met dit cijfer",
        "scope": own["definitie"][0] if own.height else dict(tile.meanings).get(f"Definitie: {tile.name}", ""),
        "notes": ([f"Bedrag {kpis.THOUSANDS}."] if now["is_in_thousands"] else [])
        + ([kpis.only_budget(year)] if tile.kpi == kpis.BUDGET else []),
        "trend": charts.sparkline_svg(trend, last_year=year, colour=colour, width=TREND_WIDTH) if len(trend) > 1 else None,
        "source": f"{now['source_title']}, {now['source_locator']}",
    }


def _signals(noteworthy: pl.DataFrame) -> list[dict]:
    """The year's signals with their sources, as Overzicht's "Wat valt op" lists them (`signalen.noteworthy`: signals
    first, then changes that cannot be compared), in its order."""
    return [{"heading": signalen.heading(r), "text": r["description"], "status": r["status"],
             "source": f"{r['source_title']}, {r['source_locator']}",
             "previous": f"{r['previous_source_title']}, {r['previous_source_locator']}"}
            for r in noteworthy.iter_rows(named=True)]


def _budget(lines: pl.DataFrame, totals: pl.DataFrame, year: int, colour: str) -> dict:
    """Begroting versus realisatie: the year's lines as the Financiën page shows them, and the totale lasten
    (`totals`) of the years up to this one as a chart, with the reports of both as its source."""
    table = fin.line_table(lines) if lines.height else pl.DataFrame({"Soort regel": [], "Realisatie − begroting (euro)": []})
    # A stuurgroep reads where the year went otherwise than planned: a line under a total that was realised exactly as
    # budgeted is left out (and counted); every total, subtotal and the result stays.
    as_planned = (pl.col("Soort regel") == "Regel") & (pl.col("Realisatie − begroting (euro)") == 0)
    omitted = table.filter(as_planned).height
    table = table.filter(~as_planned)
    lasten = totals.filter(pl.col("year") <= year)
    points = []
    for (y,), rows in lasten.group_by("year", maintain_order=True):
        point = {"year": y}
        for staat in ("begroting", "realisatie"):
            row = rows.filter(pl.col("staat") == staat)
            point[staat] = row["value"][0] if row.height else None
            point[f"{staat}_rough"] = bool(row.height and (row["qualifier"][0] != "exact" or row["certainty"][0] == "onzeker"))
        points.append(point)
    return {
        "lines": [{"label": r["Regel"], "kind": r["Soort regel"], "begroting": r["Begroting"],
                   "realisatie": r["Realisatie"], "verschil": r["Realisatie − begroting"], "note": r["Toelichting"]}
                  for r in table.iter_rows(named=True)],
        "omitted": omitted,
        "source": "; ".join(sorted(set(lines["source_title"].drop_nulls()) | set(lasten["source_title"].drop_nulls()))),
        "note": fin.thousands_note(lines.with_columns(year=pl.lit(year))) if lines.height else None,
        "chart": budget_bars_svg(points, colour=colour) if points else None,
        "chart_years": "–".join(dict.fromkeys(str(p["year"]) for p in (points[0], points[-1]))) if points else "",
    }


def _findings(findings: pl.DataFrame, of_year: pl.DataFrame, budget: pl.DataFrame,
              noteworthy: pl.DataFrame) -> list[dict]:
    """The data-quality findings touching the figures shown: contradictions of a headline figure or of either figure of
    a signal, and those on the year's budget lines (rounding differences left out)."""
    keys = ["region", "theme", "metric", "year", "staat", "source_document"]
    headline = of_year.with_columns(
        theme=pl.col("kpi").str.split(".").list.get(0), metric=pl.col("kpi").str.split(".").list.get(1),
        staat=pl.col("kpi").str.split(".").list.get(2, null_on_oob=True)).select(keys)
    earlier = noteworthy.select("region", "theme", "metric", pl.col("previous_year").alias("year"), "staat",
                                pl.col("previous_source_document").alias("source_document"))
    figures = pl.concat([headline, noteworthy.select(keys), earlier], how="vertical_relaxed")
    rows = [*bronnen.contradictions_of(findings, figures).iter_rows(named=True),
            *budget.filter(~pl.col("within_rounding")).iter_rows(named=True)]
    seen, shown = set(), []
    for r in rows:
        if r["finding_id"] not in seen:
            seen.add(r["finding_id"])
            shown.append({"head": bronnen.contradiction_head(r), "text": r["description"], "source": r["source_title"]})
    return shown
