"""Mensenhandel: trafficking signals over the years for both regions, what they consist of, and trainings and reach."""

import polars as pl
import streamlit as st

from zvh.present import mensenhandel as mh
from zvh.present.formatting import listed, markdown_text, year_span
from zvh.web import ui

COLUMNS = {
    "region_name": "Regio", "year": st.column_config.NumberColumn("Jaar", format="%d"), "onderdeel": "Cijfer over",
    "cijfer": "Cijfer", "qualifier": "Benadering", "certainty": "Zekerheid", "uncertainty_reason": "Waarom onzeker",
    "note": "Opmerking", "source_title": "Bron", "source_document": "Document",
    "source_locator": "Vindplaats in het verslag",
    "value": None, "unit": None,  # plain numbers for the downloads; the table shows them as Dutch text
}

names = ui.regions()
regions = ui.regions_filter()
bounds = ui.query("mensenhandel_jaren")
st.title("Mensenhandel")
if bounds.is_empty():
    ui.empty("Er zijn nog geen cijfers over mensenhandel geladen.")
year_from, year_to = ui.year_range_filter(bounds["first_year"][0], bounds["last_year"][0])
if not regions:
    ui.empty("Kies links ten minste één regio.")
shaped = ui.shaped(mh.sections, tuple(regions), year_from, year_to)
if shaped is None:
    ui.empty(f"De jaarverslagen noemen voor {listed(names[r] for r in regions)} in {year_span(year_from, year_to)} "
             "geen cijfers over mensenhandel. Kies andere jaren of een andere regio.")
st.caption("Cijfers zoals de jaarverslagen ze noemen. ‘Ruim’ of ‘ongeveer’ en een open symbool: het verslag "
           "noemt het cijfer bij benadering. ‘(onzeker)’: het verslag is niet eenduidig; de reden staat bij het "
           "cijfer.")

st.header("Signalen per jaar")
if shaped["signals"].is_empty():
    st.info(f"Geen aantallen signalen in {year_span(year_from, year_to)} voor deze keuze.")
else:
    tiles = st.columns(len(regions))
    for column, tile in zip(tiles, shaped["tiles"]):
        if tile:
            label, value, delta, hint = tile
            column.metric(label, value, delta=delta, delta_color="off", help=hint, border=True)
    for text in shaped["signal_contradictions"]:
        st.warning(text)
    ui.notes(*shaped["signal_notes"])
    ui.chart(shaped["signal_figure"], shaped["signal_table"], f"mensenhandel_signalen_{year_from}_{year_to}",
             key="signalen", column_config=COLUMNS, meanings=shaped["signal_meanings"],
             alt="Lijndiagram: signalen mensenhandel per jaar per regio; jaren zonder cijfer zijn onderbroken, een "
             "open symbool is een benadering.")

st.header("Waar de signalen over gaan")
if shaped["parts"].is_empty():
    st.info(f"De jaarverslagen splitsen de signalen in {year_span(year_from, year_to)} niet uit voor deze keuze.")
else:
    st.caption("Uitsplitsingen zoals gedrukt, met het totaal van dat jaar erboven. De onderdelen tellen in het verslag "
               "niet altijd op tot het totaal; de kolom Opmerking zegt waar.")
    if years := shaped["count_years"]:
        year = years[0] if len(years) == 1 else ui.choice(
            st.radio, "Jaar van de uitsplitsing", {y: str(y) for y in years}, "jaar_uitsplitsing", "jaar",
            horizontal=True)
        part = ui.shaped(mh.breakdown, tuple(regions), year)
        st.subheader(f"Uitsplitsing {year}")
        for text in part["contradictions"]:
            st.warning(text)
        ui.chart(part["figure"], part["table"], f"mensenhandel_uitsplitsing_{year}", key="uitsplitsing",
                 column_config=COLUMNS, alt=f"Staafdiagram: signalen mensenhandel in {year} uitgesplitst (slachtoffers, "
                 "potentiële slachtoffers, locaties en bedrijven, verrijkt, doorverwezen) per regio.")
    if not shaped["shares"].is_empty():
        st.subheader("Kenmerken van de vermoedelijke slachtoffers")
        for text in shaped["share_contradictions"]:
            st.warning(text)
        ui.table(shaped["shares"], f"mensenhandel_percentages_{year_from}_{year_to}", column_config=COLUMNS,
                 what=f"Kenmerken van de vermoedelijke slachtoffers van mensenhandel in procenten, "
                      f"{year_span(year_from, year_to)}")

st.header("Trainingen en bereik")
reach = shaped["reach"]
if reach.is_empty():
    st.info(f"Geen cijfers over trainingen of behandelde casussen in {year_span(year_from, year_to)} voor deze keuze.")
else:
    newest = shaped["reach_tiles"]
    tiles = st.columns(min(3, newest.height))
    several = newest["region"].n_unique() > 1
    for i, row in enumerate(newest.iter_rows(named=True)):
        where = f" {row['region_name']}" if several else ""
        tiles[i % len(tiles)].metric(f"{mh.REACH[row['metric']]}{where} {row['year']}", row["cijfer"],
                                     help=mh.help_text(row), border=True)
    for row in newest.filter(pl.col("certainty") == "onzeker").iter_rows(named=True):
        st.caption(f"Onzeker – {markdown_text(row['label'])} {row['year']}: {markdown_text(row['uncertainty_reason'])}")
    if newest.height < reach.height:
        st.caption("De tegels tonen het nieuwste jaar van elk cijfer; de tabel hieronder heeft ook de eerdere jaren.")
    ui.table(shaped["reach_table"], f"mensenhandel_bereik_{year_from}_{year_to}", column_config=COLUMNS,
             what=f"Trainingen en bereik van de aanpak van mensenhandel, {year_span(year_from, year_to)}")
