"""Financiën: begroting and realisatie per line, composition, funding by source, result and reserves, all regions."""

import polars as pl
import streamlit as st

from zvh.present import bronnen
from zvh.present import financien as fin
from zvh.present import financien_tabs as shapes
from zvh.present.formatting import listed, markdown_text
from zvh.web import ui

TABS = ["Begroting en realisatie", "Samenstelling", "Financiers", "Resultaat en reserves", "Regio's naast elkaar"]

names = ui.regions()
region = ui.region_filter()
name = names[region]
years = ui.query("financien_jaren", region=region)["year"].to_list()
if not years:
    ui.empty(f"Voor {name} zijn nog geen financiële cijfers geladen.")
year = ui.year_choice("Jaar", years, "boekjaar")
st.title(f"Financiën {name} {year}")

lines = ui.query("financien_regels", region=region, year=year)
# Offer realisatie only where the report gives it per line (ZVH Fryslân 2024 gives a begroting only).
lasten_baten = lines.filter(pl.col("onderdeel").is_in(["lasten", "baten"]))
staten = ["realisatie", "begroting"] if lasten_baten["realisatie"].is_not_null().any() else ["begroting"]
staat = ui.choice(st.sidebar.radio, "Samenstelling en financiers volgens", {s: fin.STATEN[s] for s in staten},
                  "staat", "staat")
money = ui.query("financien_reserves", region=region)
if lasten_baten["begroting"].is_not_null().any() and not lasten_baten["realisatie"].is_not_null().any():
    result = lines.filter((pl.col("post") == "resultaat") & pl.col("realisatie").is_not_null())
    reserves = money.filter((pl.col("year") == year) & (pl.col("staat") == "stand")).height
    st.warning(
        f"Het {markdown_text(lines['source_title'][0])} geeft over {year} alleen een begroting"
        + (" en de stand van de reserves" if reserves else "") + ", geen realisatie per regel. "
        "Begroting en realisatie zijn voor dit jaar dus niet te vergelijken."
        + (f" Het verslag noemt wel het resultaat: {fin.money(result['realisatie'][0], result['realisatie_qualifier'][0])}."
           if result.height else "")
    )
tabs = ui.tabs(TABS, "tabblad")

with tabs[0]:
    if tabs[0].open:
        if lines.is_empty():
            st.info(f"De verslagen geven voor {name} over {year} geen begroting of realisatie per regel; "
                    "zie het tabblad Resultaat en reserves.")
        else:
            if note := fin.thousands_note(lines.with_columns(year=pl.lit(year))):
                st.info(markdown_text(note))
            st.caption("Regels in de volgorde van het verslag; Σ = totaal of subtotaal zoals gedrukt. ‘Verschil zoals "
                       "gedrukt’ heeft het teken van het verslag (bij lasten vaak begroting − realisatie).")
            shaped = ui.shaped(shapes.lines, region, year)
            ui.table(shaped["table"], f"financien_{region}_{year}_regels", column_config=fin.LINE_COLUMNS,
                     compact=fin.LINE_COMPACT, height=len(lines),
                     what=f"Begroting en realisatie per regel van {name} over {year}, in de volgorde van het verslag",
                     meanings=shaped["meanings"])
            findings = ui.query("financien_bevindingen", region=region, year=year)
            for f in findings.filter(~pl.col("within_rounding")).iter_rows(named=True):
                st.warning(bronnen.contradiction_text(f))
            if (rounded := findings.filter(pl.col("within_rounding"))).height:
                st.caption("Afrondingsverschillen in het verslag: " + markdown_text(" ".join(rounded["description"])))
            if shaped["figure"] is not None:
                ui.chart(shaped["figure"], shaped["bars"],
                         f"financien_{region}_{year}_begroting_realisatie", key="begroting_realisatie",
                         alt=f"Staafdiagram: begroting en realisatie per regel van {name} in {year}, zonder totalen.")

with tabs[1]:
    if tabs[1].open:
        st.subheader(f"Samenstelling van lasten en baten {year} ({fin.STATEN[staat].lower()})")
        st.caption("Alleen de onderliggende regels, zonder totalen en subtotalen; het aandeel is berekend op de som "
                   "van die regels.")
        for onderdeel in ["lasten", "baten"]:
            shaped = ui.shaped(shapes.composition, region, year, onderdeel, staat)
            parts, total = shaped["parts"], shaped["total"]
            if parts.is_empty():
                st.info(f"Geen uitsplitsing van de {onderdeel} ({fin.STATEN[staat].lower()}) over {year}"
                        + (f"; alleen het totaal: {fin.money(total[0])}." if total.len() else "."))
                continue
            ui.chart(shaped["figure"], parts.drop("hover"), f"financien_{region}_{year}_{onderdeel}_{staat}", key=onderdeel,
                     alt=f"Staafdiagram: {onderdeel} van {name} in {year} per regel ({staat}), met het aandeel.",
                     meanings=shaped["meanings"])

with tabs[2]:
    if tabs[2].open:
        st.subheader(f"Baten per financier ({fin.STATEN[staat].lower()})")
        shaped = ui.shaped(shapes.funding, region, staat)
        funding = shaped["funding"]
        if funding.is_empty():
            ui.empty(f"De verslagen geven voor {name} geen {staat} van de baten per financier. "
                     + ("Kies ‘Begroting’ in de zijbalk." if staat == "realisatie" else ""))
        if note := fin.thousands_note(funding, year="jaar"):
            st.caption(markdown_text(note))
        for remark in funding.filter(pl.col("toelichting") != "").iter_rows(named=True):
            st.warning(f"{markdown_text(remark['financier'])} {remark['jaar']}: {markdown_text(remark['toelichting'])} "
                       "Getoond is het gedrukte totaal.")
        ui.chart(shaped["figure"], funding.drop("is_in_thousands"), f"financien_{region}_financiers_{staat}",
                 key="financiers", alt=f"Staafdiagram: baten van {name} per financier en jaar ({staat}).",
                 meanings=shaped["meanings"])

with tabs[3]:
    if tabs[3].open:
        st.subheader("Resultaat en reserves over de jaren")
        if (shaped := ui.shaped(shapes.reserves, region)) is None:
            ui.empty(f"De verslagen noemen voor {name} geen resultaat of reserves.")
        ui.chart(shaped["figure"], shaped["shown"], f"financien_{region}_resultaat_reserves", key="reserves",
                 alt=f"Lijndiagram: resultaat (realisatie) en stand van de reserves van {name} per jaar.",
                 meanings=shaped["meanings"])
        st.caption("Open markers: het verslag noemt het bedrag bij benadering (‘ongeveer’). Mutaties en begrote "
                   "resultaten staan in de tabel bij de grafiek.")

with tabs[4]:
    if tabs[4].open:
        st.subheader("Totale lasten en baten van de regio's")
        shown = ui.regions_filter(where=st) if len(names) > ui.FEW_REGIONS else list(names)
        if not shown:
            ui.empty("Kies ten minste één regio om naast elkaar te zetten.")
        shaped = ui.shaped(shapes.totals, tuple(shown))
        order = shaped["order"]
        st.caption(f"Elke regio houdt haar eigen kleur ({markdown_text(shaped['colours'])}); gearceerde staven zijn de "
                   "begroting, volle staven de realisatie.")
        ui.chart(shaped["figure"], shaped["lasten"], "financien_totale_lasten_regios",
                 alt=f"Staafdiagram: totale lasten per jaar van {listed(order)}, begroting en realisatie.",
                 meanings=shaped["lasten_meanings"])
        ui.table(shaped["table"], "financien_totalen_regios", column_config=fin.TOTALS_COLUMNS,
                 what=f"Totale lasten en baten per jaar van {listed(order)}, begroting en realisatie",
                 meanings=shaped["meanings"])
        for what, warning in shaped["warnings"]:
            st.warning(f"Totale {what}: {warning}")
        if shaped["note"]:
            st.caption(markdown_text(shaped["note"]))
        st.caption("De regio's delen hun begroting elk op hun eigen manier in: vergelijk de totalen, niet de regels. "
                   "Een streepje (–): het verslag geeft dat bedrag niet.")
