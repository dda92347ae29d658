"""Regio's vergelijken: the figures every chosen region reports, side by side, as printed or per 100.000 inhabitants."""

import polars as pl
import streamlit as st

from zvh.present import vergelijking
from zvh.present.formatting import FIGURE_TEXT, kpi_label, listed, markdown_text, year_span
from zvh.web import ui

COLUMNS = {
    "year": st.column_config.NumberColumn("Jaar", format="%d"), "region_name": "Regio",
    FIGURE_TEXT: "Cijfer (zoals gedrukt)", vergelijking.PER_CAPITA_TEXT: "Per 100.000 inwoners",
    "inwoners_tekst": "Inwoners 1 januari", "inwoners_zekerheid": "Zekerheid inwonertal",
    "inwoners_bron": "Bron inwonertal", "qualifier": "Benadering", "certainty": "Zekerheid",
    "uncertainty_reason": "Waarom onzeker", "source_title": "Bron", "source_document": "Document",
    "source_locator": "Vindplaats in het verslag",
    # Plain numbers for the downloads only; the table shows them as Dutch text.
    "value": None, "per_100000": None, "inwoners": None,
}

MAX_FIGURES = 8  # to choose from at the field's scale, where the regions share dozens


def show(panel: dict, per_capita: bool) -> None:
    """One figure: its chart, and beside it what counts and how the regions differ."""
    chart_column, note_column = st.columns([3, 2])
    with note_column:
        if panel["definitie"]:
            st.markdown(f"**Wat telt mee:** {markdown_text(panel['definitie'])}")
        ui.notes(*panel["notes"])
        if per_capita:
            for name, missing in panel["lacking"]:
                st.info(f"Geen inwonertal van {name} voor {listed(missing)}: daar staat geen cijfer per "
                        "100.000 inwoners.")
            if panel["used"]:
                st.caption("Inwoners op 1 januari: "
                           + "; ".join(f"{markdown_text(b)} ({markdown_text(z)})" for b, z in panel["used"]) + ".")
    with chart_column:
        ui.chart(panel["figure"], panel["shown"],
                 f"vergelijking_{panel['kpi'].replace('.', '_')}_{'per_100000' if per_capita else 'absoluut'}",
                 alt=panel["alt"], key=f"grafiek_{panel['kpi']}", column_config=COLUMNS, meanings=panel["meanings"])


names = ui.regions()
regions = ui.regions_filter()
if len(regions) < 2:
    ui.empty("Kies links ten minste twee regio's om te vergelijken.")
chosen, every = listed(names[r] for r in regions), "allebei" if len(regions) == 2 else "alle"
facts = ui.query("vergelijking_reeks", regions=regions)
if facts.is_empty():
    ui.empty(f"Er is nog geen cijfer dat {markdown_text(chosen)} {every} rapporteren.")
figures = facts.unique("kpi", maintain_order=True)
labels = {k: kpi_label(t, n) for k, t, n in figures.select("kpi", "theme", "label").iter_rows()}
if len(labels) > MAX_FIGURES:
    ui.check_link("cijfers", list(labels.values()), "cijfer")
    picked = st.sidebar.multiselect("Cijfers", list(labels), default=list(labels)[:MAX_FIGURES], format_func=labels.get,
                                    key="cijfers", bind="query-params", placeholder="Kies een of meer cijfers",
                                    select_all=False)
    if not picked:
        ui.empty("Kies links ten minste één cijfer om te vergelijken.")
    if len(picked) > MAX_FIGURES:  # Streamlit's own max_selections would say so in English
        st.info(f"Er zijn {len(picked)} cijfers gekozen; de eerste {MAX_FIGURES} staan hieronder als tabblad. Haal "
                "links cijfers weg om de andere te zien.")
    facts = facts.filter(pl.col("kpi").is_in(picked[:MAX_FIGURES]))
year_from, year_to = ui.year_range_filter(int(facts["year"].min()), int(facts["year"].max()))
per_capita = ui.switch("Per 100.000 inwoners", "per_inwoners",
                       help="Deel elk cijfer door het aantal inwoners van de provincie op 1 januari van dat jaar.")

st.title("Regio's vergelijken")
st.caption(f"Alleen de kerncijfers die {markdown_text(chosen)} {every} in hun jaarverslagen noemen (in welk jaar dan ook). "
           "Een ontbrekende "
           "staaf betekent: dat jaar staat het cijfer niet in het verslag. ‘Ruim’/‘ongeveer’: het verslag noemt het "
           "cijfer bij benadering; ‘(onzeker)’: de tabel in het verslag was niet eenduidig.")
if per_capita:
    st.caption("Per 100.000 inwoners = cijfer ÷ inwoners van de provincie op 1 januari van dat jaar × 100.000. "
               "Waar het inwonertal van een jaar ontbreekt, ontbreekt ook het cijfer per inwoner: er wordt niets "
               "geschat.")

shaped = ui.shaped(vergelijking.panels, tuple(regions), tuple(facts["kpi"].unique(maintain_order=True)), year_from,
                   year_to, per_capita)
if not shaped:
    which = "beide" if len(regions) == 2 else "de gekozen"
    ui.empty(f"In {year_span(year_from, year_to)} noemt geen van {which} regio's een van deze cijfers. Kies andere jaren.")

for panel in ui.open_tab(shaped, [markdown_text(panel["label"]) for panel in shaped], "cijfer"):
    show(panel, per_capita)
