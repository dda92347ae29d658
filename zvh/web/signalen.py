"""Overzicht's "Wat valt op": the signals of one region and year, each with its sources one click away."""

import polars as pl
import streamlit as st

from zvh.present import signalen
from zvh.present.formatting import markdown_text

BRONNEN, SIGNALEN = "views/bronnen.py", "views/signalen.py"


def wat_valt_op(signals: pl.DataFrame, region: str, region_name: str, year: int) -> None:
    """Signals first, then changes that cannot be compared; each with links to where both figures are printed."""
    st.subheader("Wat valt op")
    shown = signalen.noteworthy(signals, region, year)
    if shown.is_empty():
        compared = signals.filter((pl.col("region") == region) & (pl.col("year") == year)).height
        st.caption("Geen signalen: geen kerncijfer veranderde meer dan de signaalregels vragen." if compared else
                   f"Geen signalen: over {year} is er geen kerncijfer met een eerder jaar om mee te vergelijken.")
    for row in shown.iter_rows(named=True):
        box = st.container(border=True)
        box.markdown(f"**{signalen.heading(row)}** · {markdown_text(row['description'])}")
        links = box.container(horizontal=True)
        for previous in (False, True):
            links.page_link(BRONNEN, label=f"Vindplaats: {markdown_text(signalen.source_text(row, previous))}",
                            query_params=signalen.vindplaats_link(row, previous))
    st.page_link(SIGNALEN, label="Alle signalen en hoe ze zijn bepaald",
                 query_params={"regios": [region_name], "jaartallen": [str(year)]})
