"""SQL-werkbank page: an analyst loads an example, runs it and sees the right rows; refusals are in Dutch."""

import pytest

from tests.apptest import open_page
from zvh import sql

pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def test_loading_and_running_an_example_shows_its_rows(con):
    at = open_page("werkbank")
    at.selectbox(key="voorbeeld").set_value("één rij per regio en jaar met het aantal signalen mensenhandel, "
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
