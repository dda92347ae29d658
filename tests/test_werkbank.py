"""The SQL werkbank runs anything read-only and refuses everything else, whatever is typed."""

import json
import subprocess
import sys

import pytest

from tests.conftest import sha256
from zvh import werkbank
from zvh.db import open_readonly

HOSTILE = [
    ("", "De query is leeg"),
    ("   \n  ", "De query is leeg"),
    ("insert into regio values ('x', 'y', 'PV99')", "wijzigt gegevens"),
    ("update kerncijfers set value = 0", "wijzigt gegevens"),
    ("delete from facts", "wijzigt gegevens"),
    ("drop view facts", "verwijdert objecten"),
    ("create table x as select 1", "maakt objecten aan"),
    ("attach '/tmp/other.duckdb' as other", "ATTACH"),
    ("copy (select * from facts) to '/tmp/leak.csv'", "COPY"),
    ("export database '/tmp/export'", "exporteert"),
    ("install httpfs", "extensies"),
    ("load httpfs", "extensies"),
    ("select * from read_csv('/etc/passwd')", "bestanden"),
    ("select * from read_text('/etc/hostname')", "bestanden"),
    ("select * from glob('/*')", "bestanden"),
    ("set memory_limit = '100GB'", "wijzigt instellingen"),
    ("reset threads", "wijzigt instellingen"),
    ("pragma enable_external_access", "PRAGMA"),
    ("select 1; drop table kerncijfers", "Eén query tegelijk"),
    ("select 1; select 2", "Eén query tegelijk"),
    ("selec * form facts", "geen geldige SQL"),
    ("select * from bestaat_niet", "kon niet worden uitgevoerd"),
    ("select " + "1 + " * 250_000 + "1", "te lang"),
]


@pytest.fixture
def con(built_db):
    connection = open_readonly(built_db)
    yield connection
    connection.close()


@pytest.mark.parametrize(("query", "message"), HOSTILE, ids=[h[0][:40] or "leeg" for h in HOSTILE])
def test_hostile_input_is_refused_with_a_clear_message_and_changes_nothing(built_db, con, query, message):
    before = sha256(built_db)
    with pytest.raises(werkbank.Refused, match=message):
        werkbank.run(con, query)
    assert sha256(built_db) == before
    assert werkbank.run(con, "select count(*) as n from facts").frame["n"][0] > 0  # still usable


def test_a_runaway_cross_join_is_interrupted_and_the_connection_keeps_working(con):
    with pytest.raises(werkbank.Refused, match="afgebroken"):
        werkbank.run(con, "select count(*) from range(100000000) a, range(100000000) b", time_limit=1)
    assert werkbank.run(con, "select 42 as x").frame["x"].to_list() == [42]


def test_a_result_far_over_the_cap_is_truncated_with_a_flag(con):
    result = werkbank.run(con, "select * from range(2000000)")
    assert result.frame.height == werkbank.SCREEN_ROWS and result.truncated
    bigger = werkbank.run(con, "select * from range(20000)", max_rows=werkbank.DOWNLOAD_ROWS)
    assert bigger.frame.height == 20000 and not bigger.truncated


def test_read_only_queries_of_every_kind_run(con):
    assert werkbank.run(con, "with x as (select 1 as a) select * from x").frame.height == 1
    assert werkbank.run(con, "from facts limit 3").frame.height == 3
    assert werkbank.run(con, "describe facts").frame.height > 10
    assert werkbank.run(con, "select 1;").frame.height == 1  # one statement with a trailing semicolon


def test_cli_prints_a_table_csv_and_json(built_db):
    query = ("select year, value from facts where region = 'groningen' and theme = 'mensenhandel' "
             "and metric = 'signalen' and categorie is null and is_preferred order by year")
    base = [sys.executable, "-m", "zvh.cli", "sql", query, "--db", str(built_db)]
    table = subprocess.run(base, capture_output=True, text=True, check=True).stdout
    assert "160" in table and "3 rows" in table
    csv = subprocess.run([*base, "--format", "csv"], capture_output=True, text=True, check=True).stdout
    assert csv.splitlines() == ["year,value", "2020,60.0", "2023,136.0", "2024,160.0"]
    rows = json.loads(subprocess.run([*base, "--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert rows[-1] == {"year": 2024, "value": 160.0}


def test_cli_refuses_writes_and_leaves_the_file_unchanged(built_db):
    before = sha256(built_db)
    result = subprocess.run([sys.executable, "-m", "zvh.cli", "sql", "drop table kerncijfers", "--db", str(built_db)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Alleen lezen" in result.stderr
    assert sha256(built_db) == before


def test_database_file_opens_in_a_plain_duckdb_client(built_db):
    # Another process with default settings, as an analyst's own DuckDB client would be.
    code = f"import duckdb; print(duckdb.connect({str(built_db)!r}, read_only=True).sql('select count(*) from facts').fetchall()[0][0])"
    count = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(count) > 0
