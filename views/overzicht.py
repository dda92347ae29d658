"""Overzicht: the stuurgroep's headline figures for one region and year, each with its trend and source."""

import polars as pl
import streamlit as st

from zvh import ui
from zvh.formatting import nl_number, nl_value

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

region = ui.region_filter()
year = ui.year_filter(region)
st.title(f"Overzicht {ui.REGIONS[region]}" + (f" {year}" if year else ""))
if year is None:
    ui.empty(f"Voor {ui.REGIONS[region]} zijn nog geen cijfers geladen.")

series = ui.query("overzicht_reeks", region=region, kpis=[k for k in KPIS if not k.startswith("financien")])
labels = ui.query("metric_labels")
budget = series.filter((pl.col("kpi") == "financien.totaal_lasten.begroting") & (pl.col("year") == year))


def label_of(kpi: str) -> tuple[str, str]:
    if KPIS[kpi]:
        return KPIS[kpi]
    theme, metric = kpi.split(".")
    row = labels.filter((pl.col("theme") == theme) & (pl.col("metric") == metric)).row(0, named=True)
    return row["label"], row["definitie"]


def delta_text(now: dict, before: dict | None) -> str | None:
    if before is None:
        return None
    change = now["value"] - before["value"]
    approx = "≈ " if now["qualifier"] != "exact" or before["qualifier"] != "exact" else ""
    sign = "+" if change > 0 else ""
    unit = "€ " if now["unit"] == "euro" else ""
    return f"{approx}{sign}{unit}{nl_number(change)} t.o.v. {before['year']}"


shown = 0
columns = st.columns(4)
for kpi in KPIS:
    rows = series.filter(pl.col("kpi") == kpi).sort("year")
    current = rows.filter(pl.col("year") == year)
    if current.is_empty():
        continue
    now = current.row(0, named=True)
    earlier = rows.filter(pl.col("year") < year)
    before = earlier.row(-1, named=True) if earlier.height else None
    label, definition = label_of(kpi)
    flags = [w for w, on in (("onzeker", now["certainty"] == "onzeker"), ("benadering", now["qualifier"] != "exact")) if on]
    extra = ""
    if kpi == "financien.totaal_lasten.realisatie" and budget.height:
        planned = budget.row(0, named=True)["value"]
        extra = f"\n\nBegroting: € {nl_number(planned)} (realisatie {nl_number(100 * now['value'] / planned, 1)}% van de begroting)."
    help_text = (
        f"{definition}{extra}\n\nBron: {now['source_title']} ({now['source_document']}), {now['source_locator']}."
        + (f"\n\nOnzeker: {now['uncertainty_reason']}" if now["uncertainty_reason"] else "")
    )
    columns[shown % 4].metric(
        label + (f" ({', '.join(flags)})" if flags else ""),
        nl_value(now["value"], now["unit"], now["qualifier"]),
        delta=delta_text(now, before), delta_color="off", help=help_text, border=True,
        chart_data=rows["value"].to_list() if rows.height > 1 else None, chart_type="line",
    )
    shown += 1

if shown == 0:
    ui.empty(f"{ui.REGIONS[region]} rapporteerde over {year} geen van de kerncijfers van dit overzicht. "
             "Kies een ander jaar of bekijk de pagina Bronnen & kwaliteit.")

st.caption(
    "Veranderingen zijn berekend ten opzichte van het vorige jaar mét gegevens. ‘Benadering’: het verslag noemt "
    "het cijfer bij benadering (bijvoorbeeld ‘ruim 500’). ‘Onzeker’: de tabel in het verslag was niet eenduidig. "
    "Beweeg over ⓘ voor definitie en vindplaats."
)
shown_rows = series.filter(pl.col("year") == year)
ui.table(
    ui.with_display_value(shown_rows).select("kpi", "year", "weergave", "value", "unit", "qualifier", "certainty",
                                             "source_title", "source_document", "source_locator"),
    f"overzicht_{region}_{year}",
)
