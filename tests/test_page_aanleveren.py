"""Gegevens aanleveren in AppTest: template, per-row problems, preview, commit, the Trends page, rollback."""

import subprocess
import sys

import pytest

from tests.apptest import assert_no_error, open_page, open_tables
from tests.conftest import NEXT_YEAR, sha256
from zvh.aanlevering import ledger
from zvh.store.db import open_readonly

HEADER = "region;year;theme;metric;gemeente;categorie;value;unit"
NEW_SIGNALS = f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal\ngroningen;{NEXT_YEAR};mensenhandel;slachtoffers;;;52;aantal\n"


def upload(at, name: str, data: bytes):
    at.get("file_uploader")[0].set_value((name, data, "text/csv"))
    at.run()
    assert_no_error(at)
    return at


def table_with(at, column: str):
    """The one table on the page that has `column`."""
    [frame] = [d.value for d in at.dataframe if column in d.value.columns]
    return frame


def everything(db) -> dict[str, list]:
    con = open_readonly(db)  # the app's own configuration: the app may still hold this file open
    try:
        names = [n for (n,) in con.sql("select table_name from information_schema.tables order by 1").fetchall()]
        return {n: sorted(con.sql(f'select * from "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def signals(at) -> dict[tuple[str, int], str]:
    frame = open_tables(at).dataframe[0].value  # Trends' chart table, drawn once opened
    return {(r, int(y)): v for r, y, v in zip(frame["region_name"], frame["year"], frame["cijfer"])}


def test_the_page_offers_both_templates_and_explains_the_columns(workspace):
    at = open_page("aanleveren", tabel="Financiën")
    assert at.radio(key="tabel").value == "financien"
    assert {b.label for b in at.get("download_button")} >= {"Sjabloon (Excel)", "Sjabloon (CSV)"}
    assert "eenheid" in table_with(at, "Kolom")["Kolom"].to_list()
    assert "Er is nog niets aangeleverd via deze pagina." in [i.value for i in at.info]


def test_a_bad_file_lists_each_problem_by_row_and_column_and_nothing_changes(workspace):
    data_dir, db = workspace
    before = sha256(db), sha256(data_dir / "reference" / "bronnen.csv")
    bad = f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal\ngroningen;{NEXT_YEAR};mensenhandel;slachtoffers;Atlantis;;-2;aantal\n"
    at = upload(open_page("aanleveren"), "fout.csv", bad.encode())
    assert "er is niets geladen" in at.error[0].value
    problems = table_with(at, "Rij")
    assert sorted(zip(problems["Rij"], problems["Kolom"], problems["Waarde"])) == [("3", "gemeente", "Atlantis"), ("3", "value", "-2")]
    assert not at.get("form")  # no way to commit
    assert (sha256(db), sha256(data_dir / "reference" / "bronnen.csv")) == before


def test_an_unreadable_file_says_so_in_dutch(workspace):
    at = upload(open_page("aanleveren"), "cijfers.xlsx", b"region;year\n")
    assert "geen echt Excel-bestand" in at.error[0].value


def test_round_trip_upload_next_year_see_it_on_trends_roll_back_and_all_is_as_before(workspace):
    data_dir, db = workspace
    before_db, before_tables = sha256(db), everything(db)
    trends = open_page("trends")
    assert ("Groningen", NEXT_YEAR) not in signals(trends)

    at = upload(open_page("aanleveren"), f"signalen_{NEXT_YEAR}.csv", NEW_SIGNALS.encode())
    assert [m.value for m in at.metric] == ["2", "0", "0"]  # toegevoegd, gewijzigd, ongewijzigd
    at.text_input(key="wie").input("Jan de Vries")
    at.get("form_submit_button")[0].click()
    at.run()
    assert_no_error(at)
    assert "is vastgelegd: 2 rijen toegevoegd, 0 cijfers gewijzigd" in at.success[0].value
    assert table_with(at, "Wie")["Wie"].to_list() == ["Jan de Vries"]  # the history

    shown = signals(open_page("trends"))
    assert shown[("Groningen", NEXT_YEAR)] == "171" and ("Fryslân", NEXT_YEAR) not in shown
    assert shown[("Groningen", 2024)] == "160"

    at = open_page("aanleveren")
    at.text_input(key="wie_terugdraaien").input("Piet")
    at.get("form_submit_button")[-1].click()
    at.run()
    assert_no_error(at)
    assert at.success[0].value.endswith("is teruggedraaid.")
    assert sha256(db) == before_db
    assert everything(db) == before_tables
    assert ("Groningen", NEXT_YEAR) not in signals(open_page("trends"))


def test_a_correction_of_a_published_figure_shows_old_and_new_and_needs_a_reason(workspace):
    data_dir, db = workspace
    correction = f"{HEADER}\ngroningen;2024;mensenhandel;signalen;;;161;aantal\n"
    at = upload(open_page("aanleveren"), "correctie.csv", correction.encode())
    changed = table_with(at, "nieuw")
    assert (changed["oud"][0], changed["nieuw"][0], changed["oud cijfer uit"][0]) == ("160", "161", "ZVHG Jaarverslag 2024")
    at.text_input(key="wie").input("Jan")
    at.get("form_submit_button")[0].click()
    at.run()
    assert "geef een reden op" in at.error[0].value
    assert ledger.active_aanleveringen(data_dir) == []
    at.text_area(key="reden").input("Telfout hersteld")
    at.get("form_submit_button")[0].click()
    at.run()
    assert ledger.active_aanleveringen(data_dir)[0]["reden"] == "Telfout hersteld"


def test_the_page_can_be_switched_off_by_configuration(workspace, monkeypatch):
    monkeypatch.setenv("ZVH_AANLEVEREN", "uit")
    at = open_page()
    with pytest.raises(ValueError, match="aanleveren"):
        at.switch_page("views/aanleveren.py").run()


def test_a_database_swapped_by_another_process_is_read_without_restarting_the_app(workspace, tmp_path):
    data_dir, db = workspace
    assert ("Groningen", NEXT_YEAR) not in signals(open_page("trends"))
    aanlevering = tmp_path / f"signalen_{NEXT_YEAR}.csv"
    aanlevering.write_text(NEW_SIGNALS, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zvh.cli", "commit", str(aanlevering), "--table", "kerncijfers",
                             "--db", str(db), "--data", str(data_dir)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert signals(open_page("trends"))[("Groningen", NEXT_YEAR)] == "171"
