"""Gemeenten: one figure per municipality on a tile map, in bars and a table; a click shows all figures of one."""

import polars as pl
import streamlit as st

from zvh.present import gemeenten as gm
from zvh.present import gemeenten_page
from zvh.present.formatting import markdown_text
from zvh.web import ui

COLUMNS = {
    "gemeente": "Gemeente", "gedrukt_als": "Gedrukt als", "gemeente_huidig": "Nu onderdeel van", "cijfer": "Cijfer",
    "per_100000_tekst": "Per 100.000 inwoners", "inwoners_zekerheid_gebruikt": "Inwonertal: zekerheid",
    "inwoners_gebruikt": st.column_config.NumberColumn("Inwoners", format="localized"),
    "wholly_attributed": "Bij benadering toegerekend", "certainty": "Zekerheid",
    "uncertainty_reason": "Waarom onzeker", "note": "Opmerking", "source_title": "Bron", "source_document": "Document",
    "source_locator": "Vindplaats in het verslag", "year": st.column_config.NumberColumn("Jaar", format="%d"),
    "label": "Cijfer over", "regel": "Regel in het verslag", "rol": "Soort regel",
    "value": None, "per_100000": None,  # plain numbers for the downloads; the table shows them as Dutch text
}


def select_clicked(chart_key: str):
    """A callback that makes a clicked tile or bar the selected municipality (before the widgets are drawn)."""
    def select() -> None:
        if name := gm.clicked(st.session_state[chart_key].selection.points):
            st.session_state["gemeente"] = name
    return select


def show_all() -> None:
    st.session_state["gemeente"] = None


region = ui.region_filter()
name = ui.regions()[region]
st.title(f"Gemeenten {name}")
figures = ui.shaped(gemeenten_page.figures_of, region)
if not figures:
    ui.empty(f"De jaarverslagen van {name} geven nog geen cijfers per gemeente.")
labels = {kpi: figure["label"] for kpi, figure in figures.items()}
# A radio shows whole names where a select cuts the longer ones ("Jeugd: Jeugdgroepen met…") in the sidebar, but the
# browser draws each option anew on every change: with many figures (74 at the field's scale) a select, which can be
# searched. A radio draws its options as Markdown: a name from the data shows as written.
if len(labels) <= ui.FEW_FIGURES:
    kpi = ui.choice(st.sidebar.radio, "Cijfer", {k: markdown_text(v) for k, v in labels.items()}, "cijfer", "cijfer")
else:
    kpi = ui.choice(st.sidebar.selectbox, "Cijfer", labels, "cijfer", "cijfer")
theme, metric = kpi.split(".")
years = figures[kpi]["years"]
year = ui.year_choice("Jaar", years, "jaar", figures[kpi]["first_year"], what=f"jaar bij {labels[kpi].lower()}")
printed = ui.switch("Gemeenten zoals gedrukt", "gedrukt",
                   help="Uit: opgeteld naar de huidige gemeenten. Aan: de gemeenten zoals het verslag ze noemt.")
current = ui.query("gemeenten_huidig", region=region, theme=theme, metric=metric, year=year)
options = gm.measures(current["inwoners"].is_not_null().any(), figures[kpi]["unit"])
measure = ui.choice(st.sidebar.radio, "Weergave", options, "maat", "weergave")
# As printed, a municipality is one the report names (Delfzijl), else today's, under which its figures are added up.
municipalities = ui.query("gemeenten_lijst", region=region, gedrukt=printed)["gemeente"].to_list()
gemeente = ui.choice(st.sidebar.selectbox, "Gemeente", {m: m for m in municipalities}, "gemeente", "gemeente",
                     index=None, placeholder="Alle gemeenten", help="Of klik op een gemeente in de kaart of het staafdiagram.")

frames = ui.shaped(gemeenten_page.page, region, kpi, year, printed, measure)
shown, meanings = frames["shown"], frames["meanings"]
label = labels[kpi]  # with its theme: the figure covers that part of the work
unit_title = options[measure] if measure != "aantal" else label
tile_map, bar_figure = ui.shaped(gemeenten_page.figures, region, kpi, year, printed, measure, gemeente, unit_title)
st.subheader(f"{markdown_text(label)} {year}, " + ("gemeenten zoals gedrukt" if printed else "opgeteld naar de huidige gemeenten"))
for about in frames["notes"]:
    st.caption(markdown_text(about))
if frames["missing"]:
    st.info(markdown_text(frames["missing"]))
if shown["waarde"].is_null().all() and shown["value"].is_not_null().any():
    st.caption("De kaart en het staafdiagram tonen daarom niets; het tabblad Tabel geeft de cijfers zoals gedrukt.")

# One chart drawn at a time: each costs the browser ~75 ms a change (bench/interaction_bench.py).
kaart, staven, tabel = ui.tabs(["Kaart", "Staafdiagram", "Tabel"], "tabblad")
with kaart:
    if kaart.open:
        st.caption("Eén vlak per gemeente; klik om te kiezen.")
        ui.chart(tile_map, frames["map_table"],
                 f"gemeenten_{region}_{kpi}_{year}_kaart", key="kaart", on_select=select_clicked("kaart"),
                 column_config=COLUMNS, meanings=meanings,
                 alt=f"Tegelkaart van {name}: {label} {year} per gemeente; grijze vlakken hebben geen gegevens.")
        untiled = shown.filter(pl.col("kolom").is_null() & pl.col("value").is_not_null())["gemeente"].to_list()
        if untiled:
            st.caption(f"Niet op deze kaart (geen vlak in deze indeling): {markdown_text(', '.join(untiled))}. Ze staan wel "
                       "op de tabbladen Staafdiagram en Tabel; zet ‘Gemeenten zoals gedrukt’ uit om ze bij hun huidige gemeente "
                       "te zien.")
with staven:
    if staven.open:
        st.caption(f"{markdown_text(unit_title)} per gemeente, van hoog naar laag; klik om te kiezen.")
        if bar_figure is None:
            st.info("Geen waarden om te tonen.")
        else:
            ui.chart(bar_figure, frames["bar_table"],
                     f"gemeenten_{region}_{kpi}_{year}_staven", key="staven", on_select=select_clicked("staven"),
                     column_config=COLUMNS, meanings=meanings,
                     alt=f"Staafdiagram: {label} {year} per gemeente in {name}, van hoog naar laag.")
with tabel:
    if tabel.open:
        ui.table(frames["table"], f"gemeenten_{region}_{kpi}_{year}",
                 column_config=COLUMNS, what=f"{label} {year} per gemeente in {name}", meanings=meanings)
        if without := shown.filter(pl.col("value").is_null() & pl.col("kolom").is_not_null())["gemeente"].to_list():
            st.caption(f"Geen cijfer in het verslag voor: {markdown_text(', '.join(sorted(without)))}.")
        if measure != "aantal" and (sources := sorted(set(shown["inwoners_bron_gebruikt"].drop_nulls()))):
            st.caption("Inwoners op 1 januari: " + markdown_text("; ".join(sources)) + ". Zekerheid ‘secundair’: CBS-cijfer "
                       "via een andere bron; ‘afgeleid’: berekend uit CBS-cijfers; ‘bereik’: bronnen verschillen iets.")

if gemeente:
    st.header(f"Alle cijfers van {markdown_text(gemeente)}")
    st.button("Toon weer alle gemeenten", on_click=show_all, key="alle_gemeenten")
    detail = ui.query("gemeenten_gemeente", region=region, gemeente=gemeente, gedrukt=printed)
    if detail.is_empty():
        st.info(f"De jaarverslagen van {name} geven geen cijfers voor {markdown_text(gemeente)}"
                + ("." if printed else " of de gemeenten die erin opgingen."))
    else:
        st.caption(f"Elk cijfer dat de verslagen bij {markdown_text(gemeente)} zelf drukken." if printed else
                   "Elk cijfer zoals gedrukt, ook onder de naam van een gemeente die later in deze gemeente opging.")
        ui.table(gm.detail_table(detail), f"gemeente_{gemeente}", column_config=COLUMNS,
                 what=f"Alle cijfers die de jaarverslagen van {name} over de gemeente {gemeente} geven")

st.header("Regels zonder gemeente")
st.caption("Regels uit hetzelfde overzicht zonder gemeente: het totaal zoals gedrukt, ‘Geen adres’, ‘Geheim’, "
           "andere provincies.")
if frames["reconciled"]:
    st.markdown(markdown_text(frames["reconciled"]))
if frames["others"].is_empty():
    st.caption("Het verslag geeft bij dit cijfer geen regels zonder gemeente.")
else:
    ui.table(frames["others_table"], f"gemeenten_{region}_{kpi}_{year}_zonder_gemeente", column_config=COLUMNS,
             what=f"{label} {year}: de regels zonder gemeente (totaal, geen adres, andere provincies)",
             meanings=meanings)

