"""Overzicht: the headline figures of one region and year, each with its definition and source."""

import streamlit as st

from zvh import ui
from zvh.formatting import nl_value

region = ui.region_filter()
year = ui.year_filter(region)
st.title(f"Kerncijfers {ui.REGIONS[region]}" + (f" {year}" if year else ""))

if year is None:
    st.info("Voor deze regio zijn nog geen cijfers geladen.")
    st.stop()

figures = ui.query("kerncijfers_jaar", region=region, year=year)
if figures.is_empty():
    st.info(f"Voor {ui.REGIONS[region]} zijn over {year} geen kerncijfers zonder uitsplitsing gerapporteerd.")
    st.stop()

columns = st.columns(4)
for i, row in enumerate(figures.iter_rows(named=True)):
    marker = " ⚠︎ onzeker" if row["certainty"] == "onzeker" else ""
    help_text = (
        f"{row['definitie']}\n\nBron: {row['source_title']} ({row['source_document']}), {row['source_locator']}"
        + (f"\n\nOnzeker: {row['uncertainty_reason']}" if row["uncertainty_reason"] else "")
    )
    columns[i % 4].metric(
        f"{row['label']}{marker}", nl_value(row["value"], row["unit"], row["qualifier"]), help=help_text, border=True
    )
st.caption("Bron: jaarverslagen van de Zorg- en Veiligheidshuizen; beweeg over een cijfer voor definitie en vindplaats.")
