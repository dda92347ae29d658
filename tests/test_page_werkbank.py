"""SQL-werkbank page: an analyst loads an example, runs it and sees the right rows; refusals are in Dutch."""

import json

import pytest

from tests.apptest import open_page
from zvh.query import sql

pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def test_loading_and_running_an_example_shows_its_rows(con):
    at = open_page("werkbank")
    at.radio(key="voorbeeld").set_value("één rij per regio en jaar met het aantal signalen mensenhandel, "
                                       "zoals gedrukt en met vindplaats.").run()
    at.button(key="laad_voorbeeld").click().run()
    assert "metric = 'signalen'" in at.text_area(key="sql_tekst").value
    at.button(key="uitvoeren").click().run()
    assert not at.exception and not at.error
    shown = at.dataframe[0].value
    expected = sql.run(con, "voorbeeld_signalen_mensenhandel")
    assert shown["signalen"].tolist() == expected["signalen"].to_list()
    assert dict(zip(shown.loc[shown["year"] == 2024, "region"], shown.loc[shown["year"] == 2024, "signalen"])) == {
        "groningen": 160.0, "fryslan": 48.0}
    assert "5 rijen" in at.markdown[1].value


def test_a_refused_query_shows_a_dutch_message_and_the_page_keeps_working():
    at = open_page("werkbank")
    at.text_area(key="sql_tekst").set_value("select 1; drop table kerncijfers").run()
    at.button(key="uitvoeren").click().run()
    assert "Eén query tegelijk" in at.error[0].value
    at.text_area(key="sql_tekst").set_value("select 7 as x").run()
    at.button(key="uitvoeren").click().run()
    assert not at.error and at.dataframe[0].value["x"].tolist() == [7]


def test_recent_queries_can_be_run_again():
    at = open_page("werkbank")
    for text in ("select 1 as a", "select 2 as b"):
        at.text_area(key="sql_tekst").set_value(text).run()
        at.button(key="uitvoeren").click().run()
    at.button(key="historie_1").click().run()  # newest first: historie_1 is the older query
    assert at.text_area(key="sql_tekst").value == "select 1 as a"


def test_the_page_can_be_switched_off_by_configuration(monkeypatch):
    monkeypatch.setenv("ZVH_WERKBANK", "uit")
    at = open_page()
    with pytest.raises(ValueError, match="werkbank"):
        at.switch_page("views/werkbank.py").run()


def test_a_result_too_large_for_the_screen_is_refused_in_dutch_and_the_page_keeps_working():
    at = open_page("werkbank")
    at.text_area(key="sql_tekst").set_value("select repeat('x', 100000) as tekst from range(1000)").run()
    at.button(key="uitvoeren").click().run()
    assert not at.exception and "te groot voor het scherm" in at.error[0].value
    assert not any("tekst" in table.value.columns for table in at.dataframe)  # nothing of it reached the page
    at.text_area(key="sql_tekst").set_value("select 7 as x").run()
    at.button(key="uitvoeren").click().run()
    assert not at.error and at.dataframe[0].value["x"].tolist() == [7]


def test_all_rows_of_a_truncated_result_are_fetched_for_download_only_when_asked_and_may_be_refused():
    at = open_page("werkbank")
    at.text_area(key="sql_tekst").set_value("select range as n from range(20000)").run()
    at.button(key="uitvoeren").click().run()
    assert len(at.dataframe[0].value) == 10_000 and "afgekapt" in at.markdown[1].value
    assert not at.get("download_button")  # the screen's rows are not offered as if they were all
    at.button(key="ophalen").click().run()
    assert not at.error and len(at.get("download_button")) == 3
    at.text_area(key="sql_tekst").set_value("select repeat('x', 1500) as tekst from range(40000)").run()
    at.button(key="uitvoeren").click().run()
    at.button(key="ophalen").click().run()
    assert "te groot voor een download" in at.error[0].value and not at.get("download_button")


def test_a_result_with_types_the_screen_cannot_hold_is_shown_as_text():
    at = open_page("werkbank")
    at.text_area(key="sql_tekst").set_value("select union_value(k := 1) as u, interval 1 day as i").run()
    at.button(key="uitvoeren").click().run()
    assert not at.exception and not at.error
    assert "als tekst" in at.info[0].value and "u, i" in at.info[0].value
    assert at.dataframe[0].value["u"].tolist() == ["1"]
    at.text_area(key="sql_tekst").set_value("select * from test_all_types()").run()
    at.button(key="uitvoeren").click().run()
    assert not at.exception and not at.error and "5881580-07-10" in at.dataframe[0].value["date"].tolist()


def test_the_quick_chart_never_adds_up_rows_and_missing_text_is_blank():
    at = open_page("werkbank")
    at.text_area(key="sql_tekst").set_value(
        "select * from (values (2023, 'groningen', 22.8, null), (2023, 'fryslan', 6.5, 'x'), (2024, 'groningen', 26.6,"
        " 'y')) as t(jaar, regio, per_100000, opmerking)").run()
    at.button(key="uitvoeren").click().run()
    assert at.dataframe[0].value["opmerking"].tolist() == ["", "x", "y"]  # not "None"
    assert at.selectbox(key="grafiek_x").value == "jaar" and at.selectbox(key="grafiek_y").value == "per_100000"
    assert at.selectbox(key="grafiek_kleur").value == "regio"  # the column that keeps each year's rows apart
    assert not any("meerdere rijen" in i.value for i in at.info)
    traces = {t["name"]: t["y"] for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}
    assert traces == {"groningen": [22.8, 26.6], "fryslan": [6.5]}
    at.selectbox(key="grafiek_kleur").select_index(0).run()  # (geen)
    assert any("meerdere rijen per waarde van ‘jaar’" in i.value for i in at.info) and not at.get("plotly_chart")


@pytest.mark.parametrize("example", ["voorbeeld_signalen_mensenhandel", "voorbeeld_begroting_realisatie"])
def test_an_example_opens_on_a_quick_chart_along_the_years(example):
    at = open_page("werkbank")
    at.text_area(key="sql_tekst").set_value(next(q.text for q in sql.examples() if q.name == example)).run()
    at.button(key="uitvoeren").click().run()
    assert at.selectbox(key="grafiek_x").value == "year" and at.selectbox(key="grafiek_kleur").value == "region"
    assert at.get("plotly_chart") and not any("meerdere rijen" in i.value for i in at.info)
    assert {t["name"] for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]} == {"groningen", "fryslan"}


def test_recent_queries_are_named_by_their_sql_not_their_comment():
    at = open_page("werkbank")
    example = next(q.text for q in sql.examples() if q.name == "voorbeeld_signalen_mensenhandel")
    at.text_area(key="sql_tekst").set_value(example).run()
    at.button(key="uitvoeren").click().run()
    name = at.button(key="historie_0").label
    assert name.startswith("select region, year, value as signalen") and name.endswith("…") and len(name) <= 60
    at.text_area(key="sql_tekst").set_value("-- alleen commentaar\nselect 1 as a").run()
    at.button(key="uitvoeren").click().run()
    assert at.button(key="historie_0").label == "select 1 as a"


def test_the_quick_chart_takes_the_colour_column_as_x_when_asked():
    at = open_page("werkbank")
    at.text_area(key="sql_tekst").set_value(next(q.text for q in sql.examples()
                                                 if q.name == "voorbeeld_signalen_mensenhandel")).run()
    at.button(key="uitvoeren").click().run()
    at.selectbox(key="grafiek_x").set_value("region").run()  # the default colour column is no colour choice now
    assert not at.exception and at.selectbox(key="grafiek_kleur").value is None
