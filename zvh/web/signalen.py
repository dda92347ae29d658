"""Overzicht's "Wat valt op": the signals of one region and year, each with its sources one click away."""

import polars as pl
import streamlit as st

from zvh.present import signalen
from zvh.present.formatting import markdown_text

BRONNEN, SIGNALEN = "views/bronnen.py", "views/signalen.py"
# keys of expanders drawn only once opened; opened, they stay open for another region, year or filter
INCOMPARABLE = "wat_valt_op_niet_vergelijkbaar"  # Overzicht's incomparable changes
EXPLAINED = "signalen_toelichting"  # the page Signalen's explanation per row


def wat_valt_op(signals: pl.DataFrame, region: str, region_name: str, year: int) -> None:
    """Signals first; changes that cannot be compared folded away below them (kept short: the tiles follow)."""
    st.subheader("Wat valt op")
    shown = signalen.noteworthy(signals, region, year)
    if shown.is_empty():
        compared = signals.filter((pl.col("region") == region) & (pl.col("year") == year)).height
        st.caption("Geen signalen: geen kerncijfer veranderde meer dan de signaalregels vragen." if compared else
                   f"Geen signalen: over {year} is er geen kerncijfer met een eerder jaar om mee te vergelijken.")
    found = shown.filter(pl.col("status") == "signaal")
    if found.is_empty() and shown.height:
        st.caption("Geen signalen: geen vergelijkbaar kerncijfer veranderde meer dan de signaalregels vragen.")
    for row in found.iter_rows(named=True):
        _signal(st.container(border=True), row)
    if (incomparable := shown.filter(pl.col("status") == "niet_vergelijkbaar")).height:
        # drawn only once opened, like a chart's table: each change is five elements the browser would lay out
        # while the tiles wait (bench/interaction_bench.py)
        with st.expander(f"Niet vergelijkbaar met een eerder jaar: {incomparable.height} "
                         f"{'cijfer' if incomparable.height == 1 else 'cijfers'} (waarom)", key=INCOMPARABLE,
                         on_change="rerun") as box:
            if box.open:
                for row in incomparable.iter_rows(named=True):
                    _signal(st.container(border=True), row)
    st.page_link(SIGNALEN, label="Alle signalen en hoe ze zijn bepaald",
                 query_params={"regios": [region_name], "jaartallen": [str(year)]})


def _signal(box, row: dict) -> None:
    """One signal: its heading and sentence, and a link to where each of its two figures is printed."""
    box.markdown(f"**{signalen.heading(row)}** · {markdown_text(row['description'])}")
    links = box.container(horizontal=True, gap="small")
    for previous in (False, True):
        links.page_link(BRONNEN, label=markdown_text(signalen.link_label(row, previous)),
                        help=markdown_text(signalen.source_text(row, previous)),
                        query_params=signalen.vindplaats_link(row, previous))
