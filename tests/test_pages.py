"""Every page renders through the real app (AppTest) against a real database, for each region and year."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from zvh.db import open_readonly

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(autouse=True)
def app_db(built_db, monkeypatch):
    monkeypatch.setenv("ZVH_DB", str(built_db))


def years_of(built_db, region):
    con = open_readonly(built_db)  # the app's own configuration: DuckDB refuses a second one in-process
    years = [r[0] for r in con.sql("select distinct year from facts where region = $r", params={"r": region}).fetchall()]
    con.close()
    return sorted(years)


REGION_LABELS = {"groningen": "Groningen", "fryslan": "Fryslân"}  # the URL carries the label a user sees


def run_app(**query_params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query_params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("region", ["groningen", "fryslan"])
def test_overzicht_renders_every_year_of_each_region(built_db, region):
    at = run_app(regio=REGION_LABELS[region])
    for year in years_of(built_db, region):
        at.selectbox(key="jaar").set_value(year).run()
        assert not at.exception, (region, year)
        assert at.title[0].value.endswith(str(year))


def test_overzicht_shows_groningen_2024_figures_from_the_database():
    at = run_app(regio="Groningen", jaar="2024")
    values = metric_values(at)
    assert values["Signalen mensenhandel"] == "160"
    assert values["Nieuwe aanmeldingen"] == "135"


def test_changing_the_year_changes_the_figures():
    at = run_app(regio="Groningen", jaar="2024")
    at.selectbox(key="jaar").set_value(2023).run()
    assert metric_values(at)["Signalen mensenhandel"] == "136"


def test_approximate_figures_are_marked():
    at = run_app(regio="Groningen", jaar="2020")
    assert metric_values(at)["Signalen mensenhandel"] == "ruim 60"


def test_url_query_parameters_restore_region_and_year():
    at = run_app(regio="Fryslân", jaar="2023")
    assert at.selectbox(key="regio").value == "fryslan"
    assert at.selectbox(key="jaar").value == 2023
    assert at.title[0].value == "Kerncijfers Fryslân 2023"


def test_first_start_builds_the_missing_database(tmp_path, monkeypatch):
    db = tmp_path / "new" / "zvh.duckdb"
    monkeypatch.setenv("ZVH_DB", str(db))
    at = run_app(regio="Groningen", jaar="2024")
    assert db.exists()
    assert metric_values(at)["Signalen mensenhandel"] == "160"
