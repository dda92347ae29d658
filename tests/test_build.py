"""`zvh build`: a complete database from data/, swapped in atomically, never half-written."""

import subprocess
import sys

import duckdb
import polars as pl
import pytest

from tests.conftest import sha256
from zvh.paths import REFERENCE
from zvh.query import sql
from zvh.source.problems import SourceError
from zvh.store.build import build
from zvh.store.db import open_readonly

TABLES = ["kerncijfers", "verdelingen", "financien", "personeel", "gemeente", "herindeling",
          "gemeente_namen", "gemeente_harmonisatie", "bevolking", "metrics", "bronnen", "findings"]


def test_build_creates_every_table_and_view(built_db):
    con = open_readonly(built_db)
    names = {r[0] for r in con.sql("select table_name from information_schema.tables").fetchall()}
    assert set(TABLES) | {"facts", "data_quality"} <= names
    for table in ["kerncijfers", "financien", "personeel", "verdelingen", "bronnen"]:
        assert con.sql(f"select count(*) from {table}").fetchall()[0][0] > 0, table
    documents = {r[0] for r in con.sql("select distinct source_document from facts").fetchall()}
    listed = set(pl.read_csv(REFERENCE / "bronnen.csv", infer_schema=False)["source_document"])
    assert documents == listed  # every document's figures, and none from a document it does not list
    con.close()


def test_broken_source_leaves_previous_database_byte_identical(data_copy, tmp_path):
    db = tmp_path / "zvh.duckdb"
    build(db, data_copy)
    before = sha256(db)
    path = sorted((data_copy / "kerncijfers").glob("*.csv"))[0]
    path.write_text(path.read_text(encoding="utf-8").replace(",exact,", ",bijna,", 1), encoding="utf-8")
    with pytest.raises(SourceError):
        build(db, data_copy)
    assert sha256(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "zvh.duckdb"]  # no temporary file left


def test_failure_while_writing_leaves_previous_database(data_copy, tmp_path, monkeypatch):
    db = tmp_path / "zvh.duckdb"
    build(db, data_copy)
    before = sha256(db)

    def crash(*_):
        raise RuntimeError("disk full")

    monkeypatch.setattr("zvh.store.build._write", crash)
    with pytest.raises(RuntimeError):
        build(db, data_copy)
    assert sha256(db) == before


def test_rebuild_replaces_database_with_new_figures(data_copy, tmp_path):
    db = tmp_path / "zvh.duckdb"
    build(db, data_copy)
    path = data_copy / "kerncijfers" / "zvhg_jaarverslag_2024.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("mensenhandel,signalen,,,160,", "mensenhandel,signalen,,,161,"), encoding="utf-8")
    build(db, data_copy)
    con = duckdb.connect(str(db), read_only=True)
    value = con.sql("select value from facts where region='groningen' and year=2024 and metric='signalen' "
                    "and theme='mensenhandel' and municipality is null and categorie is null").fetchall()
    con.close()
    assert value == [(161.0,)]


def test_cli_exits_nonzero_naming_file_row_column_and_rule(data_copy, tmp_path):
    path = data_copy / "personeel" / "zvhg_jaarverslag_2020.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("year")] = "twintig"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "cli.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "zvh.cli", "build", "--db", str(db), "--data", str(data_copy)],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "zvhg_jaarverslag_2020.csv, rij 2, kolom 'year': is geen geheel getal" in result.stderr
    assert not db.exists()


def test_cli_build_succeeds_and_reports(tmp_path):
    db = tmp_path / "ok.duckdb"
    result = subprocess.run([sys.executable, "-m", "zvh.cli", "build", "--db", str(db)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Data-quality findings" in result.stdout and db.exists()


def test_database_is_written_for_duckdb_1_4_and_later_clients(built_db):
    con = open_readonly(built_db)
    version = con.sql("select tags['storage_version'] from duckdb_databases() where database_name = current_database()").fetchall()
    con.close()
    assert version == [("v1.4.0+",)]


def test_a_reserve_not_named_free_or_earmarked_is_refused(data_copy, tmp_path):
    reserves = data_copy / "reference" / "reserves.csv"
    lines = reserves.read_text(encoding="utf-8").splitlines()
    reserves.write_text("\n".join(line for line in lines if "reserve_pok_2021" not in line) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build(tmp_path / "zvh.duckdb", data_copy)
    assert any(p.column == "post" and p.value == "reserve_pok_2021" and "reserves.csv" in p.rule
               for p in error.value.problems)
    assert not (tmp_path / "zvh.duckdb").exists()


@pytest.mark.parametrize(("old", "new", "column", "rule"), [
    ("fryslan,maatwerk,afgesloten_zaken,", "fryslan,maatwerk,afgesloten_zakn,", "metric", "niet in metrics.csv"),
    ("fryslan,financien,resultaat,", "fryslan,financien,resultat,", "metric", "onbekende begrotingspost"),
    ("fryslan,mensenhandel,signalen,004_6b7191bc53de9cd3.txt", "fryslan,mensenhandel,signalen,000_cb3dced61b54968c.txt",
     "source_document", "van een andere regio"),
    ("fryslan,maatwerk,zaken_procesregie,", "friesland,maatwerk,zaken_procesregie,", "region", "onbekende regio"),
    # a figure that exists, but not in this report: the definition would never reach a screen
    ("groningen,maatwerk,afgesloten_zaken,000_cb3dced61b54968c.txt",
     "groningen,maatwerk,afgesloten_zaken,001_f5a7822fd5ba57db.txt", "source_document", "drukt geen maatwerk.afgesloten"),
])
def test_a_definition_of_a_figure_that_does_not_exist_is_refused(data_copy, tmp_path, old, new, column, rule):
    definitions = data_copy / "reference" / "definities.csv"
    text = definitions.read_text(encoding="utf-8")
    assert old in text
    definitions.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build(tmp_path / "zvh.duckdb", data_copy)
    assert any(p.column == column and rule in p.rule and p.line > 1 for p in error.value.problems), error.value.problems
    assert not (tmp_path / "zvh.duckdb").exists()


def test_a_recorded_contradiction_of_an_unknown_figure_or_kind_is_refused(data_copy, tmp_path):
    recorded = data_copy / "reference" / "tegenstrijdigheden.csv"
    text = recorded.read_text(encoding="utf-8")
    text = text.replace(",maatwerk,meldingen_verwerkt,2017,", ",maatwerk,meldingen_verwerk,2017,", 1)
    text = text.replace("003_7cfaa36206fe355e.txt,twee_tellingen,", "003_7cfaa36206fe355e.txt,twee_telingen,", 1)
    recorded.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build(tmp_path / "zvh.duckdb", data_copy)
    problems = error.value.problems
    assert any(p.column == "kind" and p.value == "twee_telingen" for p in problems), problems
    assert not (tmp_path / "zvh.duckdb").exists()
    recorded.write_text(text.replace("twee_telingen", "twee_tellingen"), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build(tmp_path / "zvh.duckdb", data_copy)
    assert any(p.column == "metric" and p.value == "maatwerk.meldingen_verwerk" for p in error.value.problems)


@pytest.mark.parametrize(("old", "new", "rule"), [
    (",maatwerk,meldingen_verwerkt,2017,,", ",maatwerk,meldingen_verwerkt,2019,,", "niet voor dit jaar"),
    (",financien,totaal_lasten,2017,realisatie,", ",financien,totaal_lasten,2017,stand,", "niet voor dit jaar als stand"),
])
def test_a_recorded_contradiction_of_a_figure_its_report_does_not_print_is_refused(data_copy, tmp_path, old, new, rule):
    recorded = data_copy / "reference" / "tegenstrijdigheden.csv"
    text = recorded.read_text(encoding="utf-8")
    assert old in text
    recorded.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build(tmp_path / "zvh.duckdb", data_copy)
    assert any(p.column == "year" and rule in p.rule for p in error.value.problems), error.value.problems
    assert not (tmp_path / "zvh.duckdb").exists()


def test_the_data_version_follows_the_data_and_nothing_else(data_copy, tmp_path):
    first, again = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    build(first, data_copy)
    build(again, data_copy)  # another moment, another file: the same data
    def version(path):
        con = open_readonly(path)
        try:
            return con.sql("select data_version from build_info").fetchall()[0][0]
        finally:
            con.close()

    assert version(first) == version(again) and len(version(first)) == 12
    figures = data_copy / "kerncijfers" / "zvhg_jaarverslag_2024.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace(",278,", ",279,", 1), encoding="utf-8")
    changed = tmp_path / "c.duckdb"
    build(changed, data_copy)
    assert version(changed) != version(first)


def test_every_table_view_and_column_an_analyst_can_query_says_what_it_holds(built_db):
    con = open_readonly(built_db)
    try:  # the werkbank's schema browser shows these (query werkbank_schema): none may be empty
        schema = sql.run(con, "werkbank_schema")
    finally:
        con.close()
    assert schema.filter(pl.col("object_comment").is_null())["object"].unique().to_list() == []
    assert schema.filter(pl.col("column_comment").is_null()).select("object", "column_name").rows() == []
    meaning = {(o, c): m for o, c, m in schema.select("object", "column_name", "column_comment").iter_rows()}
    assert meaning[("gemeente", "region")] == meaning[("facts", "region")]  # one name, one idea, one description
    assert "1 januari" in meaning[("bevolking", "year")]  # its own where the same name needs more words
