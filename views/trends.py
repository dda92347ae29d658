"""Trends: how chosen headline figures of the regions develop over the years; a year without a figure is a gap."""

import streamlit as st

from zvh.present import trends
from zvh.present.formatting import FIGURE_TEXT, kpi_label, listed, markdown_text, year_span
from zvh.web import ui

DEFAULT_KPIS = ["mensenhandel.signalen", "maatwerk.nieuwe_aanmeldingen"]
MAX_KPIS = 8
COLUMNS = {
    "year": st.column_config.NumberColumn("Jaar", format="%d"), "region_name": "Regio", FIGURE_TEXT: "Cijfer",
    "qualifier": "Benadering", "certainty": "Zekerheid", "uncertainty_reason": "Waarom onzeker", "unit": "Eenheid",
    "source_title": "Bron", "source_document": "Document", "source_locator": "Vindplaats in het verslag",
    "value": None,  # the plain number, for the downloads; the table shows it as Dutch text
}


def show(panel: dict, info: dict, label: str, year_from: int, year_to: int) -> None:
    """One figure: its chart over the chosen years, and beside it what it counts and its notes (which can be long:
    below the chart's title they pushed the chart off a laptop's screen)."""
    kpi = panel["kpi"]
    if panel["part"] is None:
        if info["definitie"]:
            st.caption(markdown_text(info["definitie"]))
        st.info(f"Geen cijfer voor ‘{markdown_text(label)}’ in {year_span(year_from, year_to)} in de gekozen regio's.")
        return
    chart_column, note_column = st.columns([3, 2])
    with note_column:
        if info["definitie"]:
            st.caption(markdown_text(info["definitie"]))
        ui.notes(*panel["notes"])
        for text in panel["contradictions"]:
            st.warning(text)
        if silent := panel["silent"]:
            st.caption(f"{listed(silent)} {'noemen' if len(silent) > 1 else 'noemt'} dit cijfer niet in "
                       f"{year_span(year_from, year_to)}.")
    with chart_column:
        ui.chart(panel["figure"], panel["shown"], f"trends_{kpi.replace('.', '_')}_{year_from}_{year_to}",
                 alt=panel["alt"], key=f"grafiek_{kpi}", column_config=COLUMNS, meanings=panel["meanings"])


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
# Each figure is a tab: keep the tab list readable (Streamlit's own max_selections says so in English).
if len(kpis) > MAX_KPIS:
    st.info(f"Er zijn {len(kpis)} cijfers gekozen; de eerste {MAX_KPIS} staan hieronder als tabblad. Haal links "
            "cijfers weg om de andere te zien.")
    kpis = kpis[:MAX_KPIS]
if not regions:
    ui.empty("Kies links ten minste één regio.")

shaped = ui.shaped(trends.panels, tuple(kpis), tuple(regions), year_from, year_to, kind)
if shaped is None:
    ui.empty(f"Voor deze keuze staan in {year_span(year_from, year_to)} geen cijfers in de jaarverslagen. "
             "Kies andere jaren of andere cijfers.")

for panel in ui.open_tab(shaped, [markdown_text(labels[panel["kpi"]]) for panel in shaped], "cijfer"):
    show(panel, meta[panel["kpi"]], labels[panel["kpi"]], year_from, year_to)
