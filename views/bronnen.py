"""Bronnen & kwaliteit: what the reports cover, where every figure is printed, contradictions, documents, glossary."""

import polars as pl
import streamlit as st

from zvh.present import bronnen
from zvh.present.formatting import markdown_text, nl_number, theme_label
from zvh.web import ui

TABS = ["Dekking", "Vindplaats van een cijfer", "Kwaliteitsbevindingen", "Documenten", "Begrippen"]
EMPTY_ROWS = "Ook cijfers zonder getal"
COVERAGE_WIDTHS, YEAR_WIDTH = {"Cijfer": 190}, 46  # pixels: a long name is cut, a mark ("≈ 3/7") is not

kinds = ui.query("bronnen_soorten")  # the filters' choices: every region's figures are only read where they are shown
regions = ui.regions_filter(drawn=False)
ui.check_link("themas", [theme_label(t) for t in kinds["theme"].unique()], "thema")
ui.check_link("jaartallen", [str(y) for y in kinds["year"].unique()], "jaar")
themes = st.sidebar.multiselect("Thema's", sorted(kinds["theme"].unique()), format_func=theme_label,
                                key="themas", bind="query-params", placeholder="Alle thema's", select_all=False)
years = st.sidebar.multiselect("Jaren", sorted(kinds["year"].unique(), reverse=True), key="jaartallen",
                               bind="query-params", placeholder="Alle jaren", select_all=False)
text = st.sidebar.text_input("Zoek een cijfer of begrip", key="zoek", bind="query-params",
                             placeholder="bijv. signalen, Ommelanden, POK")
st.sidebar.caption("Regio's, thema's en jaren gelden voor Dekking en Vindplaats; de zoekterm voor Vindplaats. "
                   "De zoekterm filtert ook de Begrippen en de definities.")
st.title("Bronnen & kwaliteit")
if not regions:
    ui.empty("Kies in de zijbalk ten minste één regio.")
tabs = ui.tabs(TABS, "onderdeel")

with tabs[0]:
    if tabs[0].open:
        st.caption(f"Per cijfer en jaar, het nieuwste jaar eerst: {markdown_text(bronnen.legend())}. Financiën per "
                   "onderdeel en staat; de afzonderlijke regels staan onder Vindplaats en op de pagina Financiën.")
        dekking = ui.shaped(bronnen.coverage_tab, tuple(regions), tuple(themes), tuple(years))
        matrix = dekking["matrix"]
        if matrix.is_empty():
            ui.empty("Voor deze keuze van regio's, thema's en jaren staan er geen cijfers in de verslagen.")
        ui.check_link("lege_rijen", ["true", "false"], f"waarde voor ‘{EMPTY_ROWS}’")
        if not st.toggle(EMPTY_ROWS, key="lege_rijen", bind="query-params",
                         help="Cijfers die voor een regio in geen enkel gekozen jaar in een verslag staan (alleen –)."):
            shown = dekking["reported"]  # half the rows are only '–': the other region's figures
            if left_out := matrix.height - shown.height:
                one = left_out == 1
                st.caption(f"{nl_number(left_out)} {'cijfer staat' if one else 'cijfers staan'} in geen enkel gekozen "
                           f"jaar in een verslag van hun regio en {'is' if one else 'zijn'} weggelaten; ‘{EMPTY_ROWS}’ "
                           f"toont {'het' if one else 'ze'}.")
            matrix = shown
        narrow = {c: st.column_config.TextColumn(c, width=COVERAGE_WIDTHS.get(c, YEAR_WIDTH)) for c in matrix.columns
                  if c in COVERAGE_WIDTHS or c.isdigit()}  # every year in view at 1024 px
        ui.table(matrix, "dekking", sources=dekking["documents"], height=20,
                 column_config=narrow,
                 what=f"Welke cijfers de verslagen per jaar geven: {bronnen.legend()}")
        if gaps := dekking["gaps"]:
            st.caption(f"Over {', '.join(map(str, gaps))} is voor deze regio's geen enkel cijfer geladen "
                       "(geen jaarverslag); die jaren staan niet in de tabel.")

with tabs[1]:
    if tabs[1].open:
        found = ui.query("bronnen_vindplaats", regions=regions, themes=themes, years=years,
                         zoek=(text or "").strip(), limit=bronnen.LOOKUP_ROWS)
        count = found["found_count"].first() or 0
        shown = (f"De eerste {nl_number(found.height)} staan in de tabel en de downloads; maak de zoekterm langer of "
                 "kies minder regio's, thema's of jaren voor de rest. " if found.height < count else "")
        st.caption(f"{nl_number(count)} van {nl_number(kinds['figure_count'].sum())} cijfers. {shown}Zoek op een "
                   "woord, getal, gemeente of documentnaam. Vindplaats: sectie › regel › kolom zoals gedrukt; "
                   "Databestand en Regel: waar het cijfer in de beheerde CSV-bestanden staat.")
        found = bronnen.lookup(found, ui.query("bronnen_bevindingen"))
        if found.is_empty():
            ui.empty("Geen cijfers gevonden met deze zoekterm en filters. Maak de zoekterm korter of kies meer jaren, "
                     "thema's of regio's.")
        ui.table(found, "vindplaats", sources=found.select(source_title="Bron", source_document="Document"), height=20,
                 compact=bronnen.LOOKUP_COMPACT,
                 what="Vindplaats van elk cijfer: het cijfer zoals gedrukt, waar het in het verslag staat (sectie › "
                      "regel › kolom) en in welk databestand en welke regel het is vastgelegd"
                      + (f"; alleen de eerste {nl_number(found.height)} van de {nl_number(count)} gevonden cijfers"
                         if found.height < count else ""))

with tabs[2]:
    if tabs[2].open:
        found = bronnen.findings(ui.query("bronnen_bevindingen"), regions)
        st.caption("Plaatsen waar een verslag zichzelf (of een ander verslag) tegenspreekt. ‘Afrondingsverschil’: het "
                   "verschil is te verklaren doordat de regels afgerond zijn gedrukt; ‘zeker tegenstrijdig’: dat kan niet; "
                   "‘waarschijnlijk’ of ‘mogelijk tegenstrijdig’: het verslag laat ook een andere lezing toe. "
                   "Het dashboard toont de cijfers zoals gedrukt.")
        if found.is_empty():
            ui.empty("In de verslagen van deze regio's zijn geen tegenstrijdigheden gevonden.")
        for row in found.filter(pl.col("Beoordeling") != "afrondingsverschil").iter_rows(named=True):
            st.warning(f"{row['Beoordeling'].capitalize()} — {markdown_text(row['Bron'])}: "
                       f"{markdown_text(row['Omschrijving'])}")
        ui.table(found, "kwaliteitsbevindingen", sources=found.select(source_title="Bron", source_document="Document"),
                 what="Kwaliteitsbevindingen: plaatsen waar een verslag zichzelf of een ander verslag tegenspreekt, "
                      "met de beoordeling hoe zeker die tegenspraak is")

with tabs[3]:
    if tabs[3].open:
        docs = bronnen.documents(ui.query("bronnen_documenten"), regions)
        st.caption("De jaarverslagen waaruit de cijfers zijn overgenomen; het bestand is de tekst van het verslag.")
        ui.table(docs, "documenten", compact=bronnen.DOCUMENTS_COMPACT,
                 sources=docs.select(source_title="Titel", source_document="Bestand (tekst van het verslag)"),
                 what="De jaarverslagen waaruit de cijfers zijn overgenomen, met het bestand met hun tekst en het "
                      "aantal cijfers per verslag")

with tabs[4]:
    if tabs[4].open:
        terms = ui.query("bronnen_begrippen").with_columns(
            bron=bronnen.titled(pl.col("bron"), ui.query("bronnen_documenten")))
        if (text or "").strip():
            needle = text.strip().lower()
            terms = terms.filter(pl.concat_str("term", "betekenis", separator=" ").str.to_lowercase()
                                 .str.contains(needle, literal=True))
        st.caption("Afkortingen en begrippen uit de verslagen (de meeste uit de afkortingenlijst van het jaarverslag "
                   "2017) en van dit dashboard. ‘Bron’ zegt waar de betekenis vandaan komt.")
        if terms.is_empty():
            st.info("Geen begrip gevonden met deze zoekterm.")
        else:
            ui.table(terms.rename({"term": "Begrip", "betekenis": "Betekenis", "bron": "Bron"}), "begrippen",
                     what="Afkortingen en begrippen uit de verslagen en van dit dashboard, met hun betekenis en bron")
        st.subheader("Definities per regio en verslag")
        st.caption("Waar de regio's of hun verslagen een cijfer op een eigen manier tellen, staat hier hoe, met de "
                   "woorden van het verslag. Een cijfer dat hier niet staat, heeft alleen de algemene definitie.")
        own = bronnen.definitions(ui.query("definities"), regions, text)
        if own.is_empty():
            st.info("Geen definitie gevonden met deze zoekterm in de gekozen regio's.")
        else:
            ui.table(own, "definities", sources=own.select(source_title="Bron", source_document="Document"),
                     what="Definities per regio en verslag: waar een verslag een cijfer op een eigen manier telt, "
                          "hoe, met de woorden van het verslag")
