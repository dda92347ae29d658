"""Overzicht: the stuurgroep's headline figures for one region and year, each with its trend and source."""

import polars as pl
import streamlit as st

from zvh.present import charts
from zvh.present.formatting import change_text, markdown_table, markdown_text, nl_number, nl_value, source_markdown
from zvh.web import ui

# Headline figures in the order the stuurgroep reads them; labels of financial figures live here because
# the metric dictionary describes counted figures.
KPIS = {
    "maatwerk.zaken_procesregie": None,
    "maatwerk.actieve_zaken": None,
    "maatwerk.nieuwe_aanmeldingen": None,
    "maatwerk.afgesloten_zaken": None,
    "mensenhandel.signalen": None,
    "nazorg.screenings": None,
    "levensloop.geincludeerden": None,
    "financien.totaal_lasten.realisatie": ("Lasten (realisatie)", "Totale lasten volgens de jaarrekening."),
    "financien.resultaat.realisatie": ("Resultaat", "Totaal baten min totaal lasten volgens de jaarrekening."),
    "financien.reserve.stand": ("Reserves (stand eind jaar)", "Som van de gerapporteerde reserves en restantbudgetten op 31 december."),
}

names = ui.regions()
region = ui.region_filter()
year = ui.year_filter(region)
st.title(f"Overzicht {names[region]}" + (f" {year}" if year else ""))
if year is None:
    ui.empty(f"Voor {names[region]} zijn nog geen cijfers geladen.")

series = ui.query("overzicht_reeks", region=region, kpis=[k for k in KPIS if not k.startswith("financien")])
labels = ui.query("metric_labels")
budget = series.filter((pl.col("kpi") == "financien.totaal_lasten.begroting") & (pl.col("year") == year))


# The 2016 and 2017 reports print amounts in thousands ("Bedragen x €1000,-"); the database holds them in euros.
THOUSANDS = "gedrukt in duizenden euro's; afgerond op € 1.000"

# Shown in the table (and the tile's help) but not as tiles of their own.
BUDGETED = {
    "financien.totaal_lasten.begroting": ("Lasten (begroting)", "Totale lasten volgens de begroting."),
    "financien.resultaat.begroting": ("Resultaat (begroting)", "Begroot resultaat."),
}


def label_of(kpi: str) -> tuple[str, str]:
    if named := KPIS.get(kpi) or BUDGETED.get(kpi):
        return named
    theme, metric = kpi.split(".")
    row = labels.filter((pl.col("theme") == theme) & (pl.col("metric") == metric)).row(0, named=True)
    return row["label"], row["definitie"]


def trend_points(rows: pl.DataFrame) -> list[tuple[int, float, str, bool]]:
    """Each year's figure as shown, and whether it is approximate or uncertain (a hollow point)."""
    return [(r["year"], r["value"],
             nl_value(r["value"], r["unit"], r["qualifier"]) + (" (onzeker)" if r["certainty"] == "onzeker" else "")
             + (" (afgerond op € 1.000)" if r["in_thousands"] else ""),
             r["qualifier"] != "exact" or r["certainty"] == "onzeker") for r in rows.iter_rows(named=True)]


# A report that gives the lasten only as begroting (Fryslân 2024) gets that as its tile, saying so.
REALISED, BUDGET = "financien.totaal_lasten.realisatie", "financien.totaal_lasten.begroting"
budget_only = budget.height > 0 and series.filter((pl.col("kpi") == REALISED) & (pl.col("year") == year)).is_empty()
ONLY_BUDGET = f"Het verslag over {year} noemt alleen de begroting van de lasten, geen realisatie."

shown = 0
columns = st.columns(2)  # two wide tiles: "ongeveer € 228.000" and its "(benadering)" label stay whole
for kpi in [BUDGET if kpi == REALISED and budget_only else kpi for kpi in KPIS]:
    rows = series.filter(pl.col("kpi") == kpi).sort("year")
    current = rows.filter(pl.col("year") == year)
    if current.is_empty():
        continue
    now = current.row(0, named=True)
    earlier = rows.filter(pl.col("year") < year)
    before = earlier.row(-1, named=True) if earlier.height else None
    label, definition = label_of(kpi)
    if kpi == "financien.reserve.stand" and (posts := now["source_locator"].count("; ") + 1) > 1:
        label = f"Reserves eind jaar (berekend: som van {posts} posten)"
    flags = [w for w, on in (("onzeker", now["certainty"] == "onzeker"), ("benadering", now["qualifier"] != "exact")) if on]
    extra = ""
    if kpi == REALISED and budget.height:
        planned = budget.row(0, named=True)
        remarks = [w for w, on in (("onzeker", planned["certainty"] == "onzeker"), (THOUSANDS, planned["in_thousands"])) if on]
        extra = (f"\n\nBegroting: {nl_value(planned['value'], 'euro', planned['qualifier'])}"
                 + (f" ({'; '.join(remarks)})" if remarks else "")
                 + f"; realisatie {nl_number(100 * now['value'] / planned['value'], 1)}% van de begroting.")
    help_text = (  # Markdown: every text from the data escaped, so that it shows as written
        f"{markdown_text(definition)}{extra}"
        + (f"\n\n{ONLY_BUDGET}" if kpi == BUDGET else "")
        + f"\n\n{source_markdown(now)}"
        + ("\n\nHet verslag drukt dit bedrag in duizenden euro's (‘Bedragen x €1000,-’); het is dus afgerond op "
           "€ 1.000." if now["in_thousands"] else "")
        + (f"\n\nOnzeker: {markdown_text(now['uncertainty_reason'])}" if now["uncertainty_reason"] else "")
    )
    tile = columns[shown % 2].container(border=True)
    tile.metric(
        markdown_text(label) + (f" ({', '.join(flags)})" if flags else ""),
        nl_value(now["value"], now["unit"], now["qualifier"]),
        delta=change_text(now, before) if before else "geen eerder jaar met dit cijfer", delta_color="off",
        delta_arrow="auto" if before else "off", help=help_text,
    )
    if now["in_thousands"]:
        tile.caption(f"Bedrag {THOUSANDS}.")  # visible, not only behind the help icon
    if kpi == BUDGET:
        tile.caption(ONLY_BUDGET)
    # The trend up to the chosen year on a real year axis (st.metric's own sparkline spaces points evenly).
    trend = charts.sparkline(trend_points(rows), last_year=year, label=label,
                             colour=charts.region_colour(names[region], list(names.values())))
    if trend:
        tile.markdown(trend)
    shown += 1

if shown == 0:
    ui.empty(f"{names[region]} rapporteerde over {year} geen van de kerncijfers van dit overzicht. "
             "Kies een ander jaar of bekijk de pagina Bronnen & kwaliteit.")

st.caption(
    "Veranderingen zijn berekend ten opzichte van het vorige jaar mét gegevens; ligt dat jaar verder terug, dan "
    "staat erbij hoeveel. Het lijntje loopt over de jaren tot en met dit jaar: een onderbreking betekent dat "
    "er over die jaren geen cijfer is; een open rondje is een benadering of onzeker cijfer. ‘Benadering’: het "
    "verslag noemt het cijfer bij benadering (bijvoorbeeld ‘ruim 500’). ‘Onzeker’: de tabel in het verslag was niet "
    "eenduidig. Klik of beweeg over het vraagteken bij een cijfer voor definitie en vindplaats; de tabel hieronder "
    "geeft de vindplaats van elk cijfer."
)
# The table follows the tiles, each begroting beside its realisatie.
TABLE_ORDER = [k for kpi in KPIS for k in (kpi, kpi.replace(".realisatie", ".begroting")) if k in KPIS or k in BUDGETED]
shown_rows = ui.with_display_value(series.filter(pl.col("year") == year)).with_columns(
    pl.col("kpi").map_elements(lambda k: label_of(k)[0], return_dtype=pl.String).alias("label"),
).sort(pl.col("kpi").replace_strict({k: i for i, k in enumerate(TABLE_ORDER)}, default=len(TABLE_ORDER)), "kpi")
table = shown_rows.select(
    pl.col("label").alias("Cijfer"), pl.col("year").alias("Jaar"), pl.col("weergave").alias("Waarde"),
    pl.concat_str([
        pl.when(pl.col("qualifier") != "exact").then(pl.lit("bij benadering")),
        pl.when(pl.col("certainty") == "onzeker").then(pl.format("onzeker: {}", pl.col("uncertainty_reason"))),
        pl.when(pl.col("in_thousands")).then(pl.lit(THOUSANDS)),
    ], separator="; ", ignore_nulls=True).alias("Toelichting"),
    pl.col("source_locator").alias("Vindplaats"),
    pl.format("{} ({})", "source_title", "source_document").alias("Bron"),
)
# A plain table, not st.dataframe: the data grid is 1,2 MB of script that the browser would parse before it paints
# the tiles above (bench/browser_bench.py); a dozen rows need no sorting or scrolling.
st.markdown(markdown_table(table))
st.caption(ui.sources_caption(shown_rows))
ui.downloads(table, f"overzicht_{region}_{year}")
