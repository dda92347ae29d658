"""Bronnen & kwaliteit: renders every tab, shows coverage, finds any figure's source, lists findings, restores its URL."""

import io

import openpyxl
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from tests import apptest
from tests.apptest import REGION_LABELS, frame_with, open_page
from tests.test_downloads import clicked
from validation import crosschecks
from zvh.paths import REFERENCE
from zvh.present import bronnen

TABS = ["Dekking", "Vindplaats van een cijfer", "Kwaliteitsbevindingen", "Documenten", "Begrippen"]
AFKORTINGENLIJST_2017 = ["ABC", "AFPN", "AV&Z", "AVIM", "BIJ", "DJI", "GGZ", "IBS", "ISZW", "MDA", "OGGZ", "OM", "OOV",
                         "PGA", "PI", "PP", "RM", "TB", "TVO", "VHG", "VNN", "VPO", "VT", "WMO", "Z&V"]


pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def open_url(**params) -> AppTest:
    """Open the page as a fresh visit to its URL, through app.py."""
    return open_page("bronnen", **params)


def show_tab(at: AppTest, tab: str) -> AppTest:
    return apptest.show_tab(at, "onderdeel", tab)


@pytest.mark.parametrize("regions", [["groningen", "fryslan"], ["groningen"], ["fryslan"]])
def test_every_tab_renders_for_each_choice_of_regions(regions):
    at = open_page("bronnen")
    at.multiselect(key="regios").set_value(regions).run()
    for tab in TABS:
        show_tab(at, tab)
        assert at.dataframe or at.info, tab  # a table, or a Dutch word why there is none
        shown = {r for d in at.dataframe if "Regio" in d.value.columns for r in d.value["Regio"]}
        assert shown <= {REGION_LABELS[r] for r in regions}, tab  # of the chosen regions only


def test_coverage_marks_reported_approximate_uncertain_and_missing():
    at = open_page("bronnen")
    matrix = frame_with(at, "Cijfer")
    signalen = matrix[(matrix["Regio"] == "Groningen") & (matrix["Cijfer"] == "Signalen mensenhandel")].iloc[0]
    assert signalen["2024"] == "✓"
    assert signalen["2020"] == "≈"  # "ruim 60"
    assert signalen["2017"] == "–" and "2018" not in matrix.columns  # no report about 2018
    assert any("Over 2018, 2019 is voor deze regio's geen enkel cijfer geladen" in c.value for c in at.caption)
    begroting = matrix[(matrix["Regio"] == "Groningen") & (matrix["Cijfer"] == "Lasten – begroting")].iloc[0]
    assert begroting["2020"] == "? 1/4"  # Totaal lasten, OCR '1213.000'
    fryslan = matrix[(matrix["Regio"] == "Fryslân") & (matrix["Thema"] == "Financiën")].set_index("Cijfer")
    assert fryslan.loc["Lasten – begroting", "2024"] == "✓"
    assert "Lasten – realisatie" not in fryslan.index  # no report of Fryslân gives it: left out, and said so
    assert any("zijn weggelaten; ‘Ook cijfers zonder getal’ toont ze" in c.value for c in at.caption)
    at.toggle(key="lege_rijen").set_value(True).run()
    everything = frame_with(at, "Cijfer")
    fryslan = everything[(everything["Regio"] == "Fryslân") & (everything["Thema"] == "Financiën")].set_index("Cijfer")
    assert fryslan.loc["Lasten – realisatie", "2024"] == "–" and len(everything) > len(matrix)
    linked = frame_with(open_url(lege_rijen="true"), "Cijfer")  # a link restores it
    assert len(linked) == len(everything)


def test_theme_and_region_filters_narrow_the_coverage():
    at = open_page("bronnen")
    at.multiselect(key="themas").set_value(["mensenhandel"]).run()
    at.multiselect(key="regios").set_value(["fryslan"]).run()
    matrix = frame_with(at, "Cijfer")
    assert set(matrix["Thema"]) == {"Mensenhandel"} and set(matrix["Regio"]) == {"Fryslân"}
    signalen = matrix[matrix["Cijfer"] == "Signalen mensenhandel"].iloc[0]
    assert (signalen["2023"], signalen["2024"]) == ("✓", "✓")


def headline(found, label: str) -> dict:
    rows = found[(found["Cijfer"] == label) & (found["Uitsplitsing"] == "")]
    return {r["Jaar"]: r for r in rows.to_dict("records")}


def test_lookup_leads_from_a_figure_to_its_document_and_csv_line():
    at = show_tab(open_page("bronnen"), "Vindplaats van een cijfer")
    at.text_input(key="zoek").set_value("signalen mensenhandel").run()
    at.multiselect(key="regios").set_value(["groningen"]).run()
    found = headline(frame_with(at, "Vindplaats (sectie › regel › kolom)"), "Signalen mensenhandel")
    assert found[2024]["Waarde"] == "160" and found[2023]["Waarde"] == "136" and found[2020]["Waarde"] == "ruim 60"
    assert found[2020]["Nauwkeurigheid"] == "ruim (benadering)"
    assert found[2024]["Bron"] == "ZVHG Jaarverslag 2024"
    assert found[2024]["Document"] == "000_cb3dced61b54968c.txt"
    assert found[2024]["Databestand"] == "data/kerncijfers/zvhg_jaarverslag_2024.csv"
    assert found[2024]["Regel in databestand"] == 28
    assert found[2024]["Definitie"]
    at.multiselect(key="regios").set_value(["fryslan"]).run()
    found = headline(frame_with(at, "Vindplaats (sectie › regel › kolom)"), "Signalen mensenhandel")
    assert (found[2024]["Waarde"], found[2023]["Waarde"]) == ("48", "43")


def test_lookup_shows_money_in_dutch_and_uncertain_figures_with_their_reason():
    at = show_tab(open_page("bronnen"), "Vindplaats van een cijfer")
    at.multiselect(key="jaartallen").set_value([2020]).run()
    at.text_input(key="zoek").set_value("totaal lasten").run()
    found = frame_with(at, "Waarde")
    onzeker = found[found["Zekerheid"] == "onzeker"].iloc[0]
    assert onzeker["Waarde"] == "€ 1.213.090 (onzeker)"
    assert "1213.000" in onzeker["Waarom onzeker"]
    assert "€ 1.147.818" in found["Waarde"].tolist()


def test_lookup_without_matches_says_so_in_dutch():
    at = show_tab(open_page("bronnen"), "Vindplaats van een cijfer")
    at.text_input(key="zoek").set_value("xyzzy").run()
    assert "Geen cijfers gevonden" in at.info[0].value


def test_findings_separate_rounding_from_contradictions():
    at = show_tab(open_page("bronnen"), "Kwaliteitsbevindingen")
    found = frame_with(at, "Beoordeling").set_index("Onderwerp")
    assert found.loc["Algemeen 2024", "Beoordeling"] == "zeker tegenstrijdig"
    assert found.loc["Algemeen 2024", "Bron"] == "ZVHG Jaarverslag 2024"
    assert found.loc["Totaal baten / Begroting 2024", "Beoordeling"] == "afrondingsverschil"
    assert found.loc["Totaal / fte (fte)", "Gedrukt"] == 12.42  # a number: the grid writes it the reader's way, the download as a number
    assert any("653.325" in w.value for w in at.warning)
    at.multiselect(key="regios").set_value(["fryslan"]).run()
    fryslan = frame_with(at, "Beoordeling").set_index("Onderwerp")
    assert set(fryslan["Bron"]) == {"ZVHF Jaarverslag 2024"}


def test_a_contradiction_no_sum_shows_is_listed_with_both_places_and_beside_the_figure():
    at = show_tab(open_page("bronnen"), "Kwaliteitsbevindingen")
    found = frame_with(at, "Beoordeling").set_index("Onderwerp")
    row = found.loc["Verwerkte meldingen 2017"]
    assert row["Soort"] == "Tekst en tabel verschillen" and row["Beoordeling"] == "zeker tegenstrijdig"
    assert found.loc["Periode van het restantbudget eind 2024", "Beoordeling"] == "mogelijk tegenstrijdig"
    assert any(w.value.startswith("Mogelijk tegenstrijdig — ZVHF Jaarverslag 2024: Dezelfde € 335.528") for w in at.warning)
    assert row["Vindplaats"] == "4.1 MELDINGEN › In 2017 zijn er in totaal 1178 meldingen verwerkt in het VHG"
    assert row["Andere vindplaats"] == "Tabel 3: Maatwerk 2017 › Totaal"
    assert (row["Gedrukt"], row["Berekend of elders gedrukt"]) == (1178, 1133)
    # a breakdown in the prose is held to the same rule as a table's: 23 vrouwen + 3 mannen of 28 signalen
    assert found.loc["Van deze 44 zijn 28 signalen na bespreking in de Drieluik opgepakt om te verrijken", "Berekend"
                     " of elders gedrukt"] == 26
    lookup = show_tab(open_page("bronnen", zoek="1178"), "Vindplaats van een cijfer")
    figure = frame_with(lookup, "Waarde").set_index("Waarde")
    assert "de tabel eronder" in figure.loc["1.178", "Tegenstrijdig in het verslag"]


def test_a_contradiction_stands_beside_the_figure_it_is_about_not_its_breakdown():
    # Tabel 5's total of 371 nazorg cases against Tabel 3's 374: the total, not its 28 municipalities and categories
    lookup = show_tab(open_page("bronnen", zoek="Procesregie instroom-overleg", jaren="2017"), "Vindplaats van een cijfer")
    rows = frame_with(lookup, "Waarde")
    flagged = rows[rows["Tegenstrijdig in het verslag"].fillna("") != ""]
    assert len(rows) > 20 and flagged["Waarde"].tolist() == ["371"], flagged[["Waarde", "Uitsplitsing"]]


def test_findings_by_rule_name_the_figure_they_touch():
    shares = pl.DataFrame({"source_document": ["d.txt"] * 2, "source_section": ["Leeftijd"] * 2, "region": ["r"] * 2,
                           "year": [2024] * 2, "theme": ["maatwerk"] * 2, "verdeling": ["leeftijdsgroep"] * 2,
                           "percentage": [60.0, 30.0]})
    finding = crosschecks.percentage_findings(shares).row(0, named=True)
    assert (finding["theme"], finding["metric"], finding["year"]) == ("maatwerk", "verdeling_leeftijdsgroep", 2024)


def test_documents_name_their_organisation(con):
    at = show_tab(open_page("bronnen"), "Documenten")
    docs = frame_with(at, "Titel").set_index("Titel")
    assert len(docs) == con.sql("select count(*) from bronnen").fetchall()[0][0]  # every document, each once
    assert docs.loc["ZVHF Jaarverslag 2024", "Organisatie"] == "Zorg- en Veiligheidshuis Fryslân"
    assert docs.loc["VHG Jaarverslag 2017 / Jaarplan 2018", "Organisatie"] == "Veiligheidshuis Groningen"


def test_glossary_holds_the_2017_abbreviations_and_is_searchable():
    at = show_tab(open_page("bronnen"), "Begrippen")
    terms = frame_with(at, "Begrip").set_index("Begrip")
    assert set(AFKORTINGENLIJST_2017) <= set(terms.index)
    assert terms.loc["OGGZ", "Betekenis"] == "Openbare Geestelijke Gezondheidszorg"
    assert {"ZVHG", "ZVHF", "PJG", "IPGA", "FAHG", "POK", "WGS", "ZSM", "Levensloopaanpak", "Procesregie", "Drieluik"} <= set(terms.index)
    at.text_input(key="zoek").set_value("kinderopvang").run()
    assert frame_with(at, "Begrip")["Begrip"].tolist() == ["POK"]


def test_each_regions_own_definitions_are_listed_with_the_reports_words_and_searchable():
    at = show_tab(open_page("bronnen"), "Begrippen")
    own = frame_with(at, "Zo telt dit verslag")
    result = own[own["Cijfer"] == "Financiën: Resultaat (saldo)"].set_index("Regio")
    assert result.loc["Fryslân", "Zo telt dit verslag"].startswith("Het restant")
    assert "restant van € 98.471" in result.loc["Fryslân", "In de woorden van het verslag"]
    assert (own["Cijfer"] == "Signalen mensenhandel").sum() == 4  # three Groningen reports and Fryslân's
    at.text_input(key="zoek").set_value("drieluik").run()
    assert frame_with(at, "Zo telt dit verslag")["Regio"].tolist() == ["Groningen", "Fryslân"]
    at.multiselect(key="regios").set_value(["groningen"]).run()
    assert frame_with(at, "Zo telt dit verslag")["Bron"].tolist() == ["ZVHG Jaarverslag 2020"]


def test_glossary_file_is_the_validated_reference():
    terms = pl.read_csv(REFERENCE / "begrippen.csv")
    assert terms.columns == ["term", "betekenis", "bron"]
    assert terms["term"].is_unique().all() and terms["bron"].null_count() == 0


def test_no_region_chosen_says_so_in_dutch():
    at = open_page("bronnen")
    at.multiselect(key="regios").set_value([]).run()
    assert "ten minste één regio" in at.info[0].value


def test_url_query_parameters_restore_the_view():
    at = open_url(regios=["Fryslân"], themas=["Mensenhandel"], jaartallen=["2024"], zoek="signalen",
                  onderdeel="Vindplaats van een cijfer")
    assert at.multiselect(key="regios").value == ["fryslan"]
    assert at.multiselect(key="themas").value == ["mensenhandel"]
    assert at.multiselect(key="jaartallen").value == [2024]
    assert at.text_input(key="zoek").value == "signalen"
    found = headline(frame_with(at, "Vindplaats (sectie › regel › kolom)"), "Signalen mensenhandel")
    assert list(found) == [2024] and found[2024]["Waarde"] == "48"


def test_lookup_shows_figures_with_the_decimals_they_were_printed_with():
    at = show_tab(open_page("bronnen"), "Vindplaats van een cijfer")
    at.multiselect(key="jaartallen").set_value([2017]).run()
    at.multiselect(key="regios").set_value(["groningen"]).run()
    at.text_input(key="zoek").set_value("formatie").run()
    shown = frame_with(at, "Waarde")["Waarde"].tolist()
    # Tabel 1: Formatie 2017 prints "0,05" (Reclassering, WIJ team) and the total "12,42"
    assert "0,05 fte" in shown and "12,42 fte" in shown
    assert "0,1 fte" not in shown and "12,4 fte" not in shown


def test_coverage_shows_the_newest_year_first_and_narrows_to_the_chosen_years():
    at = open_page("bronnen")
    years = [c for c in frame_with(at, "Cijfer").columns if c.isdigit()]
    assert years == sorted(years, reverse=True) and years[0] == "2024"  # not off-screen at the right
    at = open_url(jaartallen=["2024", "2017"])
    assert [c for c in frame_with(at, "Cijfer").columns if c.isdigit()] == ["2024", "2017"]


def dataframe_with(at: AppTest, column: str):
    return next(d for d in at.dataframe if column in d.value.columns)


def test_the_lookup_shows_its_answer_columns_first_and_every_column_on_request():
    at = show_tab(open_page("bronnen"), "Vindplaats van een cijfer")
    grid = dataframe_with(at, "Waarde")
    assert list(grid.proto.column_order)[:7] == ["Waarde", "Cijfer", "Jaar", "Vindplaats (sectie › regel › kolom)",
                                                 "Bron", "Regio", "Uitsplitsing"]
    assert "Databestand" not in grid.proto.column_order and "Databestand" in grid.value.columns  # kept for download
    at.toggle(key="kolommen").set_value(True).run()
    assert not dataframe_with(at, "Waarde").proto.column_order  # every column
    assert at.query_params["kolommen"] == "alle"  # the link keeps it
    linked = open_url(onderdeel="Vindplaats van een cijfer", kolommen="alle")
    assert not dataframe_with(linked, "Waarde").proto.column_order
    wrong = open_url(onderdeel="Vindplaats van een cijfer", kolommen="allemaal")
    assert any("weergave ‘allemaal’" in i.value for i in wrong.info)


def test_documents_show_their_counts_first_and_every_column_on_request():
    at = show_tab(open_page("bronnen"), "Documenten")
    grid = dataframe_with(at, "Titel")
    assert list(grid.proto.column_order)[:5] == ["Titel", "Cijfers", "Onzeker", "Bij benadering", "Kwaliteitsbevindingen"]
    assert "Bestand (tekst van het verslag)" in grid.value.columns  # kept for the download and on request
    at.toggle(key="kolommen").set_value(True).run()
    assert not dataframe_with(at, "Titel").proto.column_order


def test_coverage_shows_every_year_beside_the_figures_name():
    columns = frame_with(open_page("bronnen"), "Cijfer").columns.tolist()
    assert columns[0] == "Cijfer" and all(c.isdigit() for c in columns[1:-2]) and columns[-2:] == ["Regio", "Thema"]


def test_a_search_that_finds_more_than_a_table_can_hold_shows_the_first_and_says_how_many(monkeypatch):
    all_found = frame_with(open_url(onderdeel="Vindplaats van een cijfer", zoek="signalen"), "Waarde")
    monkeypatch.setattr(bronnen, "LOOKUP_ROWS", 5)  # the field's 600.000 figures, in miniature
    at = open_url(onderdeel="Vindplaats van een cijfer", zoek="signalen")
    found = frame_with(at, "Waarde")
    assert found.to_dict("records") == all_found.head(5).to_dict("records")  # the first ones, in the same order
    caption = next(c.value for c in at.caption if "De eerste 5 staan in de tabel" in c.value)
    assert caption.startswith(f"{len(all_found)} van ")
    # the downloads say so too, in their Toelichting: a file of 5 rows is not taken for all that were found
    files = clicked("bronnen", onderdeel="Vindplaats van een cijfer", zoek="signalen")
    about = openpyxl.load_workbook(io.BytesIO(files["vindplaats.xlsx"]))["Toelichting"]
    said = " ".join(str(c) for row in about.iter_rows(values_only=True) for c in row if c)
    assert f"alleen de eerste 5 van de {len(all_found)} gevonden cijfers" in said
