"""Every named query runs against the real database; parameters are bound and must match the file."""

import pytest

from zvh.paths import QUERIES
from zvh.query import sql

# Sample values for every parameter name the queries use; a new parameter name needs a sample here.
SAMPLE_PARAMS = {
    "region": "groningen", "regions": ["groningen", "fryslan"], "year": 2024, "year_from": 2016, "year_to": 2024,
    "kpis": ["mensenhandel.signalen"], "metrics": ["mensenhandel.signalen", "maatwerk.nieuwe_aanmeldingen"],
    "theme": "nazorg", "metric": "instroom_dji", "gemeente": "Groningen", "document": "000_cb3dced61b54968c.txt",
}


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES.glob("*.sql")))
def test_every_query_runs_and_describes_its_rows(con, name):
    query = sql.load(name)
    assert query.description, f"queries/{name}.sql needs a first comment line saying what one row is"
    result = sql.run(con, name, **{p: SAMPLE_PARAMS[p] for p in query.params})
    assert result.width > 0


def test_missing_parameter_is_refused_naming_the_file(con):
    with pytest.raises(sql.QueryError, match=r"queries/overzicht_reeks\.sql: missing parameters \['kpis'\]"):
        sql.run(con, "overzicht_reeks", region="groningen")


def test_unexpected_parameter_is_refused(con):
    with pytest.raises(sql.QueryError, match=r"unexpected \['extra'\]"):
        sql.run(con, "beschikbare_jaren", region="groningen", extra=1)


@pytest.mark.parametrize("name", ["../etc/passwd", "onbekend"])
def test_unknown_query_names_are_refused(name):
    with pytest.raises(sql.QueryError, match="unknown query"):
        sql.load(name)


def test_values_are_bound_not_pasted(con):
    hostile = "groningen' or '1'='1"
    assert sql.run(con, "beschikbare_jaren", region=hostile).is_empty()
