"""Trends: how chosen headline figures of the regions develop over the years; a year without a figure is a gap."""

import polars as pl
import streamlit as st

from zvh.present import definities, trends
from zvh.present.formatting import FIGURE_TEXT, kpi_label, listed, markdown_text
from zvh.web import ui

DEFAULT_KPIS = ["mensenhandel.signalen", "maatwerk.nieuwe_aanmeldingen"]
MAX_KPIS = 8
COLUMNS = {
    "year": st.column_config.NumberColumn("Jaar", format="%d"), "region_name": "Regio", FIGURE_TEXT: "Cijfer",
    "qualifier": "Benadering", "certainty": "Zekerheid", "uncertainty_reason": "Waarom onzeker", "unit": "Eenheid",
    "source_title": "Bron", "source_document": "Document", "source_locator": "Vindplaats in het verslag",
    "value": None,  # the plain number, for the downloads; the table shows it as Dutch text
}

catalogue = ui.query("trends_cijfers")
if catalogue.is_empty():
    ui.empty("Er zijn nog geen kerncijfers geladen.")
meta = {row["kpi"]: row for row in catalogue.iter_rows(named=True)}
labels = {kpi: kpi_label(row["theme"], row["label"]) for kpi, row in meta.items()}
ui.check_link("cijfers", list(labels.values()), "cijfer")
kpis = st.sidebar.multiselect("Cijfers", list(meta), default=[k for k in DEFAULT_KPIS if k in meta],
                              format_func=labels.get, key="cijfers", bind="query-params",
                              placeholder="Kies een of meer cijfers", select_all=False)
names = ui.regions()
regions = ui.regions_filter()
year_from, year_to = ui.year_range_filter(int(catalogue["first_year"].min()), int(catalogue["last_year"].max()))
# A horizontal radio rather than st.segmented_control: its selected button fails WCAG contrast (axe, 1.67).
kind = ui.choice(st.sidebar.radio, "Grafiek", trends.CHART_KINDS, "grafiek", "grafiek", horizontal=True)

st.title("Trends")
st.caption("Kerncijfers per jaar zoals de jaarverslagen ze noemen, voor de hele regio. Een jaar zonder cijfer is een "
           "onderbreking, geen nul. Open symbool of ‘ruim’/‘ongeveer’: het verslag noemt het cijfer bij benadering. "
           "Omcirkeld of ‘(onzeker)’: de tabel in het verslag was niet eenduidig; de reden staat in de tabel.")
if not kpis:
    ui.empty("Kies links ten minste één cijfer om de ontwikkeling te zien.")
# Each figure is a chart: keep the page quick and readable (Streamlit's own max_selections says so in English).
if len(kpis) > MAX_KPIS:
    st.info(f"Er zijn {len(kpis)} cijfers gekozen; hieronder staan de eerste {MAX_KPIS}. Haal links cijfers weg om "
            "de andere te zien.")
    kpis = kpis[:MAX_KPIS]
if not regions:
    ui.empty("Kies links ten minste één regio.")


@st.cache_resource(show_spinner=False, max_entries=64)  # plotly and polars: ~10 ms a chart on every rerun otherwise
def panels(version: tuple[str, int], kpis: tuple[str, ...], regions: tuple[str, ...], year_from: int, year_to: int,
           kind: str) -> list[dict] | None:
    """Each chosen figure's chart, table and notes, shaped once per choice (never changed afterwards); None when the
    reports have none of them in these years."""
    rows = ui.query("trends_reeks", metrics=list(kpis), regions=list(regions), year_from=year_from, year_to=year_to)
    if rows.is_empty():
        return None
    rows, definitions, shaped = trends.with_text(rows), ui.query("definities"), []
    for kpi in kpis:
        info = meta[kpi]
        part = rows.filter(pl.col("kpi") == kpi).sort("year", pl.col("region").cast(pl.Enum(list(names))))
        if part.is_empty():
            shaped.append({"kpi": kpi, "part": None})
            continue
        own = definities.of_figures(definitions, part, info["theme"], info["metric"])
        shown = part.select("year", "region_name", FIGURE_TEXT, "qualifier", "certainty", "uncertainty_reason",
                            "value", "unit", "source_title", "source_document", "source_locator")
        fig = trends.figure(part, info["unit"] or part["unit"][0], kind, year_from, year_to, tuple(names.values()))
        shaped.append({
            "kpi": kpi, "part": part, "shown": shown, "fig": fig,
            "notes": definities.notes(own, info["vergelijkbaarheid"] if len(regions) > 1 else None),
            "contradictions": ui.contradiction_texts(
                part.with_columns(theme=pl.lit(info["theme"]), metric=pl.lit(info["metric"]))),
            "silent": [names[r] for r in regions if r not in part["region"].to_list()],
            "alt": trends.alt_text(labels[kpi], part, kind, year_from, year_to),
            "meanings": definities.about(labels[kpi], info["definitie"], own),
        })
    return shaped


shaped = panels(ui.version(), tuple(kpis), tuple(regions), year_from, year_to, kind)
if shaped is None:
    ui.empty(f"Voor deze keuze staan in {year_from}–{year_to} geen cijfers in de jaarverslagen. "
             "Kies andere jaren of andere cijfers.")

for panel in shaped:
    kpi, info = panel["kpi"], meta[panel["kpi"]]
    st.subheader(markdown_text(labels[kpi]))
    if info["definitie"]:
        st.caption(markdown_text(info["definitie"]))
    if panel["part"] is None:
        st.info(f"Geen cijfer voor ‘{markdown_text(labels[kpi])}’ in {year_from}–{year_to} in de gekozen regio's.")
        continue
    ui.notes(*panel["notes"])
    for text in panel["contradictions"]:
        st.warning(text)
    if silent := panel["silent"]:
        st.caption(f"{listed(silent)} {'noemen' if len(silent) > 1 else 'noemt'} dit cijfer niet in "
                   f"{year_from}–{year_to}.")
    ui.chart(panel["fig"], panel["shown"], f"trends_{kpi.replace('.', '_')}_{year_from}_{year_to}", alt=panel["alt"],
             key=f"grafiek_{kpi}", column_config=COLUMNS, meanings=panel["meanings"])
