"""Gemeenten: renders every metric, year and view; shows the reports' municipal figures; restores its URL state."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import REGION_LABELS, assert_no_error, chart_spec, open_page, show_tab
from zvh.present import gemeenten as gm
from zvh.web import ui

pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def open_url(**params) -> AppTest:
    """Open the page as a fresh visit to its URL, through app.py."""
    return open_page("gemeenten", **params)


def municipal_metrics(con, region):
    rows = con.sql("select distinct theme || '.' || metric, year from facts where region = $r and municipality is not null"
                   " and is_preferred order by all", params={"r": region}).fetchall()
    return rows


def table(at: AppTest, column: str):
    """The last table on screen with `column` (the page's own one is on the tab Tabel; the lines without a
    municipality come after it)."""
    return [d.value for d in at.dataframe if column in d.value.columns][-1]


def cell(frame, key_column: str, key: str, column: str = "cijfer") -> str:
    return frame.loc[frame[key_column] == key, column].item()


def offered_measures(at) -> list[str]:
    """The measure values the page offers now (the radio shows their Dutch labels)."""
    labels = at.radio(key="maat").options
    return ["aantal"] + ["per_100000" for label in labels if label == "Per 100.000 inwoners"]


@pytest.mark.parametrize("region", ["groningen", "fryslan"])
def test_renders_every_metric_year_and_view_of_each_region(con, region):
    at = open_url(regio=REGION_LABELS[region])
    for kpi, year in municipal_metrics(con, region):
        at.radio(key="cijfer").set_value(kpi).run()
        at.selectbox(key="jaar").set_value(year).run()
        for printed in (False, True):
            at.toggle(key="gedrukt").set_value(printed).run()
            for measure in offered_measures(at):
                at.radio(key="maat").set_value(measure).run()
                assert_no_error(at)
                assert len(show_tab(at, "tabblad", "Kaart").get("plotly_chart")) == 1
                bars = show_tab(at, "tabblad", "Staafdiagram")
                assert len(bars.get("plotly_chart")) == 1 or "Geen waarden om te tonen." in [i.value for i in bars.info]
                assert table(show_tab(at, "tabblad", "Tabel"), "gemeente") is not None


def test_harmonised_figures_add_old_municipalities_under_their_successor():
    at = open_url(regio="Groningen", cijfer="Nazorg: Instroom DJI", jaar="2017", tabblad="Tabel")
    shown = table(at, "gedrukt_als")
    assert cell(shown, "gemeente", "Het Hogeland") == "24"  # Bedum 2 + De Marne 9 + Eemsmond 10 + Winsum 3
    assert cell(shown, "gemeente", "Het Hogeland", "gedrukt_als") == "Bedum, De Marne, Eemsmond, Winsum"
    assert cell(shown, "gemeente", "Groningen") == "475"  # Groningen 470 + Haren 4 + Ten Boer 1
    assert cell(shown, "gemeente", "Het Hogeland", "wholly_attributed") == "Winsum"
    assert "dat van Winsum bij Het Hogeland" in " ".join(c.value for c in at.caption)
    assert "De gemeenten samen (759): gelijk aan het totaal in het verslag (759)." in [m.value for m in at.markdown]


def test_the_switch_shows_municipalities_as_printed_on_the_2017_tiles():
    at = open_url(regio="Groningen", cijfer="Nazorg: Instroom DJI", jaar="2017")
    at.toggle(key="gedrukt").set_value(True).run()
    shown = table(show_tab(at, "tabblad", "Tabel"), "gemeente_huidig")
    assert cell(shown, "gemeente", "Groningen") == "470"
    assert cell(shown, "gemeente", "Hoogezand") == "48"
    assert cell(shown, "gemeente", "Groote gast") == "10"
    assert cell(shown, "gemeente", "Winsum", "gemeente_huidig").startswith("Het Hogeland (grootste deel")
    tiles = [t for trace in chart_spec(show_tab(at, "tabblad", "Kaart"))["data"] for t in trace["text"]]
    assert len(tiles) == 23 and "<b>3</b><br>Winsum" in tiles  # the 23 municipalities of 2017, each on a tile


def test_lines_without_municipality_are_shown_apart_and_reconcile_with_the_report():
    at = open_url(regio="Groningen", cijfer="Maatwerk: Actieve zaken", jaar="2020", tabblad="Tabel")
    apart = table(at, "regel")
    assert cell(apart, "regel", "Geen/geheim adres") == "39 (onzeker)"  # the whole 2020 table is uncertain
    assert cell(apart, "regel", "Andere provincies") == "7 (onzeker)"
    assert cell(apart, "regel", "Totaal") == "254 (onzeker)"
    assert ("De gemeenten samen (208) plus ‘Andere provincies’ (7), ‘Geen/geheim adres’ (39) = 254: gelijk aan het "
            "totaal in het verslag (254). Het verslag noemt deze cijfers onzeker; de som is dat dus ook."
            ) in [m.value for m in at.markdown]
    assert cell(table(at, "gedrukt_als"), "gemeente", "Groningen") == "127 (onzeker)"


def test_per_100000_inhabitants_only_where_that_years_population_is_loaded():
    at = open_url(regio="Groningen", cijfer="Maatwerk: Nieuwe aanmeldingen", jaar="2024",
                  maat="Per 100.000 inwoners", tabblad="Tabel")
    shown = table(at, "per_100000_tekst")
    assert cell(shown, "gemeente", "Groningen") == "76 (onzeker)"  # the report's pie chart is scrambled
    assert cell(shown, "gemeente", "Groningen", "per_100000_tekst") == "31,2 (onzeker)"  # 76 / 243.833 inwoners × 100.000: the unit of every page
    at.radio(key="cijfer").set_value("maatwerk.actieve_zaken").run()
    at.selectbox(key="jaar").set_value(2020).run()
    # 2020's own inhabitants: 127 / 232.874 (CBS, 1 januari 2020) × 100.000, never 2024's 243.833
    assert cell(table(at, "per_100000_tekst"), "gemeente", "Groningen", "per_100000_tekst") == "54,5 (onzeker)"


def test_a_year_without_municipal_population_offers_only_the_printed_count(app_db_without):
    app_db_without(lambda row: row["gebied_type"] == "gemeente" and row["year"] == "2020")
    at = open_url(regio="Groningen", cijfer="Maatwerk: Actieve zaken", jaar="2020")
    # a 2020 figure is never divided by another year's inhabitants
    assert at.radio(key="maat").options == ["Aantal zoals gedrukt"]
    assert "per_100000_tekst" not in table(at, "cijfer").columns or table(at, "cijfer")["per_100000_tekst"].isna().all()


def test_tile_map_writes_each_value_and_greys_municipalities_without_a_figure():
    at = open_url(regio="Fryslân")
    empty, filled = chart_spec(at)["data"]
    assert len(empty["text"]) == 17 and all(t.endswith("geen<br>gegevens") for t in empty["text"])
    assert filled["text"] == ["<b>48%</b><br>Leeuwarden"]
    assert filled["marker"]["symbol"] == "square" and filled["customdata"][0][0] == "Leeuwarden"
    layout = chart_spec(at)["layout"]
    assert layout["yaxis"]["range"][0] > layout["yaxis"]["range"][1]  # reversed: rij grows downwards
    assert cell(table(at, "regel"), "regel", "Rest van Fryslân") == "52%"


def test_a_printed_municipality_without_a_tile_is_named_and_its_successor_points_to_it():
    at = open_url(regio="Groningen", cijfer="Maatwerk: Actieve zaken", jaar="2020", gedrukt="true")
    assert any("Niet op deze kaart" in c.value and "Appingedam" in c.value for c in at.caption)
    empty = chart_spec(at)["data"][0]
    assert "Eemsdelta<br>zie<br>voorgangers" in empty["text"]


def test_choosing_a_municipality_shows_all_its_figures_and_can_be_reset():
    at = open_url(regio="Groningen")
    at.selectbox(key="gemeente").set_value("Westerkwartier").run()
    assert at.header[0].value == "Alle cijfers van Westerkwartier"
    detail = table(at, "label")
    assert set(detail.loc[detail["year"] == 2017, "gedrukt_als"]) == {"Groote gast", "Leek", "Marum", "Zuidhorn"}
    assert cell(detail[detail["label"] == "Maatwerk: Actieve zaken"], "year", 2020) == "4 (onzeker)"
    assert any("Westerkwartier" in str(t) for t in chart_spec(at)["data"][0]["customdata"])
    at.button(key="alle_gemeenten").click().run()
    assert at.selectbox(key="gemeente").value is None
    assert "Alle cijfers van" not in " ".join(h.value for h in at.header)


def test_a_click_on_a_tile_or_bar_names_todays_municipality():
    assert gm.clicked([{"curve_number": 1, "point_index": 4, "customdata": ["Het Hogeland", "Winsum", "3"]}]) == "Het Hogeland"
    assert gm.clicked([{"x": 24, "y": "Het Hogeland", "customdata": ["Het Hogeland"]}]) == "Het Hogeland"
    assert gm.clicked([]) is None


def test_url_query_parameters_restore_the_view():
    at = open_url(regio="Groningen", cijfer="Maatwerk: Actieve zaken", jaar="2020", gedrukt="true",
                  maat="Aantal zoals gedrukt", gemeente="Delfzijl")
    assert at.selectbox(key="regio").value == "groningen"
    assert at.radio(key="cijfer").value == "maatwerk.actieve_zaken"
    assert at.selectbox(key="jaar").value == 2020
    assert at.toggle(key="gedrukt").value is True
    assert at.selectbox(key="gemeente").value == "Delfzijl"
    assert at.subheader[0].value == "Maatwerk: Actieve zaken 2020, gemeenten zoals gedrukt"
    assert set(table(at, "label")["gedrukt_als"]) == {"Delfzijl"}
    # Today's Eemsdelta: every figure printed under the municipalities that merged into it.
    at = open_url(regio="Groningen", cijfer="Maatwerk: Actieve zaken", jaar="2020", gemeente="Eemsdelta")
    assert at.selectbox(key="gemeente").value == "Eemsdelta"
    assert set(table(at, "label")["gedrukt_als"]) >= {"Appingedam", "Delfzijl", "Loppersum"}


def test_a_municipality_without_figures_or_of_the_other_region_gets_a_dutch_message():
    at = open_url(regio="Fryslân", gemeente="Ameland")
    assert "geven geen cijfers voor Ameland" in at.info[-1].value
    at = open_url(regio="Fryslân", gemeente="Het Hogeland")  # a Groningen municipality in a Fryslân link
    assert at.selectbox(key="gemeente").value is None


def test_per_inhabitant_of_a_percentage_is_not_offered():
    at = open_url(regio="Fryslân")
    assert at.radio(key="maat").options == ["Aantal zoals gedrukt"]


def test_the_page_opens_on_the_newest_year_that_is_broken_down_by_municipality():
    at = open_url(regio="Groningen")  # 2024 names only the city of Groningen; 2020 gives twelve municipalities
    assert (at.radio(key="cijfer").value, at.selectbox(key="jaar").value) == ("maatwerk.nieuwe_aanmeldingen", 2020)
    assert at.selectbox(key="jaar").options[0] == "2024"  # still offered, newest first
    assert open_url(regio="Groningen", jaar="2024").subheader[0].value.startswith("Maatwerk: Nieuwe aanmeldingen 2024")


def test_the_value_beside_the_longest_bar_has_room_in_the_margin():
    at = open_url(regio="Groningen", jaar="2024", tabblad="Staafdiagram")  # the one bar reads "76 (onzeker)"
    bars = chart_spec(at)
    assert bars["data"][0]["text"] == ["76 (onzeker)"]
    assert bars["layout"]["margin"]["r"] >= 8 * len("76 (onzeker)")


def test_another_figure_without_the_chosen_year_opens_on_its_own_year():
    at = open_url(regio="Groningen", jaar="2020")
    at.radio(key="cijfer").set_value("nazorg.instroom_dji").run()  # reported for 2017 only
    assert at.selectbox(key="jaar").value == 2017
    assert at.subheader[0].value == "Nazorg: Instroom DJI 2017, opgeteld naar de huidige gemeenten"
    assert not any("De link vraagt om" in i.value for i in at.info)


def test_the_2020_caseload_table_is_uncertain_as_the_report_says_and_so_is_its_sum():
    at = open_url(regio="Groningen", cijfer="Maatwerk: Actieve zaken", jaar="2020", tabblad="Tabel")
    shown = table(at, "gedrukt_als")
    assert set(shown["certainty"]) == {"onzeker"}  # "een indruk … cijfers met een onzekerheidsmarge"
    assert all("onzekerheidsmarge" in reason for reason in shown["uncertainty_reason"])
    assert cell(shown, "gemeente", "Groningen") == "127 (onzeker)"
    assert any("de som is dat dus ook" in m.value for m in at.markdown)


def test_as_printed_the_former_municipalities_can_be_chosen_and_a_tile_selects_the_one_it_shows():
    at = open_url(regio="Groningen", cijfer="Nazorg: Instroom DJI", jaar="2017", gedrukt="true")  # Tabel 5 (2017)
    assert {"Delfzijl", "Hoogezand-Sappemeer"} <= set(at.selectbox(key="gemeente").options)
    tiles = {d[1]: d[0] for trace in chart_spec(at)["data"] for d in trace["customdata"]}
    assert tiles["Hoogezand"] == "Hoogezand-Sappemeer"  # the 2017 report prints the short name; not Midden-Groningen
    at.selectbox(key="gemeente").set_value("Delfzijl").run()
    detail = table(at, "gedrukt_als")
    assert set(detail["gedrukt_als"]) == {"Delfzijl"} and {2017, 2020} <= set(detail["year"])
    assert "Alle cijfers van Delfzijl" in [h.value for h in at.header]
    at.toggle(key="gedrukt").set_value(False).run()  # today's map has no Delfzijl: all municipalities again
    assert at.selectbox(key="gemeente").value is None and "Delfzijl" not in at.selectbox(key="gemeente").options


def test_many_figures_are_a_searchable_select_with_the_same_link(monkeypatch):
    # 74 figures per municipality at the field's scale: a radio of them would cost the browser each option anew
    monkeypatch.setattr(ui, "FEW_FIGURES", 3)  # Groningen has 9
    at = open_url(regio="Groningen", cijfer="Nazorg: Instroom DJI")
    assert "cijfer" not in [r.key for r in at.radio] and at.selectbox(key="cijfer").value == "nazorg.instroom_dji"
    assert at.selectbox(key="cijfer").options[0] == "Maatwerk: Nieuwe aanmeldingen"  # the names as the radio writes them
    assert at.subheader[0].value.startswith("Nazorg: Instroom DJI 2017")
    at.selectbox(key="cijfer").set_value("maatwerk.actieve_zaken").run()
    assert_no_error(at)
    assert at.subheader[0].value.startswith("Maatwerk: Actieve zaken")
    assert open_url(regio="Fryslân").radio(key="cijfer").value  # one figure: still a radio
