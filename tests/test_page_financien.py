"""Financiën: renders for every region, year and tab; shows the reports' amounts; restores its URL state."""

import pytest
from streamlit.testing.v1 import AppTest

from tests import apptest
from tests.apptest import REGION_LABELS, chart_traces, frame_with, open_page, open_tables
from zvh.present import financien as fin

TABS = ["Begroting en realisatie", "Samenstelling", "Financiers", "Resultaat en reserves", "Regio's naast elkaar"]


pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def budget_years(con, region):
    years = [r[0] for r in con.sql("select distinct year from financien where region = $r", params={"r": region}).fetchall()]
    return sorted(years)


def open_url(**params) -> AppTest:
    """Open the page as a fresh visit to its URL, through app.py."""
    return open_page("financien", **params)


def show_tab(at: AppTest, tab: str) -> AppTest:
    return apptest.show_tab(at, "tabblad", tab)


def line(at: AppTest, label: str, financier: str = "") -> dict:
    lines = frame_with(at, "Verschil zoals gedrukt")
    rows = lines[(lines["Regel"] == label) & (lines["Financier"] == financier)]
    assert len(rows) == 1, (label, lines["Regel"].tolist())
    return rows.iloc[0].to_dict()


@pytest.mark.parametrize("region", ["groningen", "fryslan"])
def test_renders_every_year_and_tab_of_each_region(con, region):
    at = open_page("financien")
    at.selectbox(key="regio").set_value(region).run()
    for year in budget_years(con, region):
        at.selectbox(key="boekjaar").set_value(year).run()
        assert at.title[0].value == f"Financiën {REGION_LABELS[region]} {year}"
        for tab in TABS:
            offered = {"Realisatie": "realisatie", "Begroting": "begroting"}
            for label in at.radio(key="staat").options:  # Fryslân 2024: a begroting only
                at.radio(key="staat").set_value(offered[label])
                show_tab(at, tab)


def test_fryslan_offers_only_the_begroting_it_reports():
    at = open_page("financien", regio="Fryslân")
    assert at.radio(key="staat").options == ["Begroting"]


def test_groningen_2024_lines_in_report_order_with_totals_marked():
    at = open_page("financien")
    lines = frame_with(at, "Verschil zoals gedrukt")
    assert lines["Regel"].tolist()[:4] == ["Personeel", "Bedrijfsvoeringkosten (PIJOFACH)", "Overige lasten", "Σ Totaal lasten"]
    total = line(at, "Σ Totaal lasten")
    assert total["Soort regel"] == "Totaal"
    assert (total["Begroting"], total["Realisatie"]) == ("€ 1.955.000", "€ 1.958.682")
    assert total["Realisatie − begroting"] == "€ 3.682"
    assert total["Verschil zoals gedrukt"] == "€ -3.682"  # the report prints begroting − realisatie for lasten
    assert line(at, "Σ Totaal bijdrage Ommelanden", "Ommelanden")["Soort regel"] == "Subtotaal"
    assert line(at, "Repressieve aanpak", "Gemeente Groningen")["Realisatie"] == "€ 80.000"
    assert line(at, "Resultaat (saldo)")["Realisatie"] == "€ 82.003"


def test_a_contradiction_a_reader_recorded_is_shown_with_the_years_lines_and_how_sure_it_is():
    warnings = [w.value for w in open_page("financien", regio="Groningen", boekjaar="2017").warning]
    assert any(w.startswith("**Het verslag spreekt zichzelf tegen:** Het verslag zegt dat de uitgaven binnen de "
                            "begroting bleven") for w in warnings), warnings
    assert any(w.startswith("**Het verslag spreekt zichzelf waarschijnlijk tegen:** Volgens de tekst was de begroting")
               for w in warnings), warnings
    assert not any("binnen de begroting" in w for w in open_page("financien", regio="Groningen", boekjaar="2024").warning)


def test_contradiction_in_the_report_is_shown_next_to_the_table():
    at = open_page("financien")
    algemeen = line(at, "Algemeen", "Ommelanden")
    assert (algemeen["Begroting"], algemeen["Realisatie"]) == ("€ 204.784", "€ 177.143")
    assert algemeen["Realisatie − begroting"] == "€ -27.641"
    assert algemeen["Verschil zoals gedrukt"] == "€ 0"
    warnings = " ".join(w.value for w in at.warning)
    assert "Totaal bijdrage Ommelanden / Rekening 2024' is 653.325" in warnings
    assert "Bij 'Algemeen' (2024) is het gedrukte verschil 0" in warnings
    assert any("Afrondingsverschillen" in c.value for c in at.caption)


def test_changing_the_year_changes_the_amounts():
    at = open_page("financien")
    at.selectbox(key="boekjaar").set_value(2020).run()
    total = line(at, "Σ Totaal lasten")
    assert total["Realisatie"] == "€ 1.147.818"
    assert total["Begroting"] == "€ 1.213.090 (onzeker)"  # OCR printed '1213.000'; the reason is given
    assert total["Realisatie − begroting"] == "€ -65.272 (onzeker)"
    assert total["Verschil zoals gedrukt"] == "€ 65.272"
    assert "1.213.090" in total["Toelichting"]
    at.selectbox(key="boekjaar").set_value(2023).run()
    assert line(at, "Resultaat (saldo)")["Realisatie"] == "ongeveer € -64.000"
    assert line(at, "Σ Totaal lasten")["Realisatie"] == "€ 1.827.320"


def test_2017_amounts_printed_in_thousands_are_said_so():
    at = open_page("financien")
    at.selectbox(key="boekjaar").set_value(2017).run()
    assert any("duizenden euro's" in i.value for i in at.info)
    personeel = line(at, "Personeel")
    assert (personeel["Begroting"], personeel["Realisatie"]) == ("€ 753.000", "€ 781.000")
    assert personeel["Verschil zoals gedrukt"] == "ongeveer € -30.000"
    assert "gedrukt in duizenden euro's" in personeel["Toelichting"]


def test_fryslan_2024_says_plainly_there_is_no_realisatie():
    at = open_page("financien")
    at.selectbox(key="regio").set_value("fryslan").run()
    warning = at.warning[0].value
    assert "alleen een begroting" in warning and "geen realisatie per regel" in warning and "€ 98.471" in warning
    total = line(at, "Σ Totaal lasten")
    assert (total["Begroting"], total["Realisatie"]) == ("€ 1.683.170", "")
    assert line(at, "Regionale gemeentelijke OGGZ-middelen (via SDF)", "OGGZ")["Begroting"] == "€ 467.034"


def test_year_with_only_reserves_says_so():
    at = open_page("financien")
    at.selectbox(key="regio").set_value("fryslan").run()
    at.selectbox(key="boekjaar").set_value(2023).run()
    assert "geen begroting of realisatie per regel" in at.info[0].value


def test_composition_shows_detail_lines_only():
    at = open_tables(show_tab(open_page("financien"), "Samenstelling"))
    lasten = next(d.value for d in at.dataframe if "aandeel_procent" in d.value.columns)
    assert lasten["regel"].tolist() == ["Personeel", "Bedrijfsvoeringkosten (PIJOFACH)", "Overige lasten"]
    assert lasten["cijfer"].tolist()[0] == "€ 1.569.016"
    assert lasten["aandeel_procent"].tolist()[0] == pytest.approx(80.1)
    assert lasten["aandeel"].tolist()[0] == "80,1%"
    baten = [d.value for d in at.dataframe if "aandeel_procent" in d.value.columns][1]
    assert not baten["regel"].str.contains("Totaal").any()
    at.selectbox(key="regio").set_value("fryslan").run()
    at.radio(key="staat").set_value("begroting").run()
    assert "alleen het totaal: € 1.683.170" in at.info[0].value


def test_funding_by_financier_in_dutch_with_the_printed_subtotal():
    at = open_tables(show_tab(open_page("financien"), "Financiers"))  # they stay open for another region
    funding = frame_with(at, "financier")
    in_2024 = dict(funding[funding["jaar"] == 2024][["financier", "cijfer"]].values)
    assert in_2024 == {"Rijk": "€ 610.650", "Ommelanden": "€ 653.325", "Gemeente Groningen": "€ 771.092", "Overig": "€ 5.617"}
    assert "tellen op tot € 625.685" in " ".join(w.value for w in at.warning)
    assert any("duizenden euro's" in c.value for c in at.caption)  # 2016 and 2017
    at.selectbox(key="regio").set_value("fryslan").run()  # only a begroting: shown without asking
    funding = frame_with(at, "financier")
    assert dict(funding[["financier", "cijfer"]].values) == {"Gemeenten": "€ 593.136", "OGGZ": "€ 467.034", "Rijk": "€ 623.000"}


def test_result_and_reserves_over_the_years():
    at = open_tables(show_tab(open_page("financien"), "Resultaat en reserves"))
    money = frame_with(at, "reeks")
    shown = {(r["year"], r["reeks"]): r["cijfer"] for r in money.to_dict("records")}
    assert shown[(2024, "Reserve: stand 31 december")] == "ongeveer € 228.000"
    assert shown[(2023, "Reserve: stand 31 december")] == "ongeveer € 146.000"
    assert shown[(2024, "Resultaat (realisatie)")] == "€ 82.003"
    assert shown[(2020, "Reserve: mutatie")] == "€ 81.066"
    at.selectbox(key="regio").set_value("fryslan").run()
    money = frame_with(at, "reeks")
    shown = {(r["year"], r["reeks"]): r["cijfer"] for r in money.to_dict("records")}
    assert shown[(2024, "Restantbudget: stand 31 december")] == "€ 335.528"
    assert shown[(2024, "Resultaat (realisatie)")] == "€ 98.471"


def test_both_regions_budgets_side_by_side():
    at = show_tab(open_page("financien"), "Regio's naast elkaar")
    totals = frame_with(at, "Totaal")
    rows = {(r["Regio"], r["Jaar"], r["Totaal"]): r for r in totals.to_dict("records")}
    assert rows[("Fryslân", 2024, "Totaal lasten")]["Begroting"] == "€ 1.683.170"
    assert rows[("Fryslân", 2024, "Totaal lasten")]["Realisatie"] == "–"
    assert rows[("Groningen", 2024, "Totaal lasten")]["Realisatie"] == "€ 1.958.682"
    assert rows[("Groningen", 2016, "Totaal baten")]["Realisatie"] == "€ 909.000"
    assert totals["Totaal"].tolist()[:2] == ["Totaal lasten", "Totaal baten"]  # each year's lasten first
    warnings = [w.value for w in at.warning]  # the two regions' totals are not alike (reference/definities.csv)
    assert any(w.startswith("Totale lasten: **Groningen en Fryslân tellen dit niet op dezelfde manier.**")
               and "het verslag noemt geen gerealiseerde lasten" in w for w in warnings)


def test_url_query_parameters_restore_the_view():
    at = open_url(regio="Fryslân", boekjaar="2023", staat="Begroting", tabblad="Resultaat en reserves")
    assert at.selectbox(key="regio").value == "fryslan"
    assert at.selectbox(key="boekjaar").value == 2023
    assert at.radio(key="staat").value == "begroting"
    assert at.title[0].value == "Financiën Fryslân 2023"
    assert at.subheader[0].value == "Resultaat en reserves over de jaren"


def test_page_parameters_survive_opening_through_the_app():
    at = open_page("financien", boekjaar="2020", tabblad="Financiers", staat="Begroting")
    assert at.title[0].value == "Financiën Groningen 2020"
    assert at.subheader[0].value == "Baten per financier (begroting)"


def test_amounts_are_written_the_dutch_way_with_their_qualifier():
    assert fin.money(1958682) == "€ 1.958.682"
    assert fin.money(-64000, "ongeveer") == "ongeveer € -64.000"
    assert fin.money(1213090, "exact", True) == "€ 1.213.090 (onzeker)"
    assert fin.money(None) == ""


def test_both_regions_budgets_keep_their_region_colours_and_differ_by_pattern():
    at = show_tab(open_page("financien"), "Regio's naast elkaar")
    traces = {name: t["marker"] for name, t in chart_traces(at).items()}
    # Fryslân prints a begroting only (2024): with a shared palette it took Groningen's blue.
    assert list(traces) == ["Groningen – begroting", "Groningen – realisatie", "Fryslân – begroting"]
    for name, marker in traces.items():
        region, staat = name.split(" – ")
        assert marker["color"] == {"Groningen": "#0072B2", "Fryslân": "#D55E00"}[region], name  # as on every page
        assert marker["pattern"]["shape"] == {"begroting": "/", "realisatie": ""}[staat], name  # not colour alone


def test_the_lines_show_their_amounts_first_and_the_technical_columns_on_request():
    at = open_page("financien", regio="Groningen", boekjaar="2024")
    grid = next(d for d in at.dataframe if "Regel" in d.value.columns)
    assert list(grid.proto.column_order) == fin.LINE_COMPACT  # a 1024 px screen shows the amounts, not the kind of line
    assert list(grid.value.columns[:4]) == ["Regel", "Begroting", "Realisatie", "Realisatie − begroting"]  # downloads
    at.toggle(key="kolommen").set_value(True).run()
    assert not next(d for d in at.dataframe if "Regel" in d.value.columns).proto.column_order
