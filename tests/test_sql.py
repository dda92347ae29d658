"""Every named query runs against the real database, returns rows and the columns its callers read; parameters are
bound and must match the file."""

import duckdb
import pytest

from zvh.paths import QUERIES
from zvh.query import sql

QUERY_NAMES = sorted(p.stem for p in QUERIES.glob("*.sql"))

# Per query, the columns its callers read (views/*.py and the zvh.present / zvh.web helpers they pass the frame to).
# A new query must say here what its callers need.
FIGURE = {"value", "unit", "qualifier", "certainty", "uncertainty_reason"}
SOURCE = {"source_title", "source_document", "source_locator"}
CALLER_COLUMNS = {
    # zvh.web.ui.year_filter (Overzicht)
    # views/bronnen.py, Begrippen tab
    "bronnen_begrippen": {"term", "betekenis", "bron"},
    # zvh.present.bronnen.findings
    "bronnen_bevindingen": {"region", "within_rounding", "description", "kind", "source_title", "source_document",
                            "table_name", "source_section", "subject", "printed", "computed", "difference"},
    # views/bronnen.py, Dekking tab; zvh.present.bronnen.coverage, years_without_figures
    "bronnen_cijfers": FIGURE | SOURCE | {"region", "region_name", "year", "theme", "is_preferred", "coverage_label"},
    # views/bronnen.py filters and counts; zvh.present.bronnen.coverage
    "bronnen_soorten": {"theme", "coverage_label", "year", "figure_count"},
    # views/bronnen.py, Vindplaats tab; zvh.present.bronnen.lookup, touching
    "bronnen_vindplaats": FIGURE | SOURCE | {
        "region", "region_name", "year", "theme", "metric", "categorie", "municipality", "staat", "is_preferred",
        "label", "uitsplitsing", "definitie", "vergelijkbaarheid", "note", "data_file", "data_line", "cijfer",
        "found_count"},
    # zvh.present.bronnen.documents
    "bronnen_documenten": {"region", "source_title", "organisatie", "region_name", "verslagjaar", "jaren",
                           "source_document", "figure_count", "approximate_count", "uncertain_count", "finding_count"},
    # views/financien.py, Begroting en realisatie tab
    "financien_bevindingen": {"within_rounding", "description"},
    # zvh.present.financien.financier_frame, thousands_note
    "financien_financiers": {"year", "staat", "financier_naam", "value", "qualifier", "is_uncertain",
                             "printed_subtotal", "detail_sum", "is_in_thousands", "source_title", "source_document"},
    # views/financien.py year choice
    "financien_jaren": {"year"},
    # views/financien.py; zvh.present.financien.line_table, comparison_bars, composition, thousands_note
    "financien_regels": {
        "onderdeel", "post", "label", "financier_naam", "is_total", "is_subtotal", "is_detail", "begroting",
        "realisatie", "verschil_gedrukt", "begroting_qualifier", "realisatie_qualifier", "verschil_qualifier",
        "is_begroting_uncertain", "is_realisatie_uncertain", "is_verschil_uncertain", "uncertainty_reason", "is_in_thousands",
        "data_lines", "source_title", "source_document"},
    # views/financien.py; zvh.present.financien.reserve_frame (with_money)
    "financien_reserves": {"soort", "year", "onderdeel", "post", "staat", "value", "qualifier", "certainty", "source_label",
                           "source_title", "source_document", "source_locator"},
    # views/financien.py, Regio's naast elkaar tab; zvh.present.financien.with_money, totals_table, thousands_note
    "financien_totalen": {"region_name", "year", "post", "staat", "value", "qualifier", "certainty", "is_in_thousands",
                          "source_title", "source_document"},
    # views/gemeenten.py; zvh.present.gemeenten (with_measure, notes, municipality_table with printed names, tables);
    # zvh.present.tilemap
    "gemeenten_gedrukt": FIGURE | SOURCE | {
        "gemeente", "gemeente_huidig", "gemeente_cbs", "is_municipality_exact", "kolom", "rij", "note", "inwoners", "inwoners_zekerheid",
        "inwoners_bron"},
    # views/gemeenten.py, one municipality's figures; zvh.present.gemeenten.detail_table
    "gemeenten_gemeente": FIGURE | SOURCE | {"year", "theme", "label", "gedrukt_als", "is_municipality_exact", "note"},
    # views/gemeenten.py; zvh.present.gemeenten (with_measure on both populations, split_note, municipality_table,
    # tables); zvh.present.tilemap
    "gemeenten_huidig": FIGURE | SOURCE | {
        "gemeente", "gemeente_huidig", "kolom", "rij", "gedrukt_als", "wholly_attributed", "note",
        "inwoners", "inwoners_zekerheid", "inwoners_bron"},
    # views/gemeenten.py municipality choice
    "gemeenten_lijst": {"gemeente"},
    # views/gemeenten.py figure and year choice
    "gemeenten_metrieken": {"theme", "metric", "label", "unit", "vergelijkbaarheid", "year", "is_broken_down"},
    # zvh.present.gemeenten.reconciliation, others_table
    "gemeenten_overig": FIGURE | SOURCE | {"regel", "rol", "note"},
    # zvh.web.ui.data_version: the sidebar and every download's Toelichting
    "build_info": {"data_version", "built_at"},
    # zvh.present.definities (Overzicht, Trends, Regio's vergelijken, Mensenhandel, Financiën), zvh.present.bronnen
    "definities": {"region", "region_name", "theme", "metric", "label", "source_document", "source_title",
                   "definitie", "citaat"},
    # views/mensenhandel.py; zvh.present.mensenhandel; zvh.present.formatting.change_text, source_markdown
    "mensenhandel_cijfers": FIGURE | SOURCE | {
        "region", "region_name", "year", "metric", "categorie", "label", "definitie", "vergelijkbaarheid", "note"},
    # views/mensenhandel.py year range
    "mensenhandel_jaren": {"first_year", "last_year"},
    # views/overzicht.py label_of
    "metric_labels": {"theme", "metric", "label", "definitie"},
    # views/overzicht.py tiles and table; zvh.present.formatting.change_text, source_markdown; ui.sources_caption
    "overzicht_reeks": FIGURE | SOURCE | {"kpi", "year", "is_in_thousands", "soort_toelichting"},
    # zvh.web.ui.regions
    "regios": {"region", "naam"},
    # views/trends.py figure choice and captions
    "trends_cijfers": {"kpi", "theme", "label", "definitie", "unit", "vergelijkbaarheid", "first_year", "last_year"},
    # zvh.present.signalen (Overzicht's Wat valt op via zvh.web.signalen, views/signalen.py)
    "signalen": SOURCE | {
        "region", "region_name", "year", "theme", "metric", "staat", "label", "rule_id", "status", "assessment",
        "description", "value", "unit", "previous_year", "previous_value", "change", "change_pct", "is_approximate",
        "is_uncertain", "is_definition_changed", "is_merger_between", "is_counted_differently",
        "previous_source_title", "previous_source_locator"},
    # views/trends.py charts and tables
    "trends_reeks": FIGURE | SOURCE | {"kpi", "region", "region_name", "year"},
    # views/vergelijking.py charts, notes and tables
    "vergelijking_reeks": FIGURE | SOURCE | {
        "kpi", "label", "definitie", "vergelijkbaarheid", "region", "region_name", "year", "per_100000", "inwoners",
        "inwoners_zekerheid", "inwoners_bron"},
    # The examples are shown whole in the SQL werkbank: the columns their description promises.
    "voorbeeld_begroting_realisatie": {"region", "year", "begroting", "realisatie"},
    "voorbeeld_datakwaliteit": {"source_document", "kind", "description"},
    "voorbeeld_nazorg_huidige_gemeenten": {"gemeente", "instroom_dji"},
    "voorbeeld_onzekere_cijfers": {"value", "uncertainty_reason", "source_locator"},
    "voorbeeld_signalen": {"region_name", "year", "label", "status", "description", "source_locator"},
    "voorbeeld_signalen_mensenhandel": {"region", "year", "signalen", "source_locator"},
    # views/werkbank.py schema browser
    "werkbank_schema": {"object", "kind", "object_comment", "column_name", "data_type", "column_comment"},
}


def one(con: duckdb.DuckDBPyConnection, query: str, **params):
    """The single value of a one-row, one-column query."""
    return con.sql(query, params=params or None).fetchall()[0][0]


def sample_params(con: duckdb.DuckDBPyConnection, name: str) -> dict:
    """Parameters for which `name` has rows, taken from the database: the first region, its newest year, a figure it
    breaks down per municipality next to a printed total. A new parameter name needs a sample here."""
    region = one(con, "select region from regio order by volgorde limit 1")
    year = one(con, "select max(year)::integer from facts where region = $region", region=region)
    theme, metric, municipal_year = con.sql("""
        select theme, metric, year::integer from facts
        where is_preferred and region = $region
        group by theme, metric, year
        having count(*) filter (where municipality is not null) > 0 and count(*) filter (where municipality is null) > 0
        order by year desc, theme, metric
        limit 1
    """, params={"region": region}).fetchall()[0]
    kpis = [k for (k,) in con.sql("select distinct theme || '.' || metric from headline_facts where region = $region "
                                  "order by 1", params={"region": region}).fetchall()]
    samples = {
        "region": region,
        "regions": [r for (r,) in con.sql("select region from regio order by volgorde").fetchall()],
        "year": municipal_year if "theme" in sql.load(name).params else year,
        "year_from": one(con, "select min(year)::integer from facts"),
        "year_to": one(con, "select max(year)::integer from facts"),
        "kpis": kpis, "metrics": kpis, "theme": theme, "metric": metric, "gedrukt": False,
        "themes": [theme], "years": [year], "zoek": "", "limit": 10,
        "gemeente": one(con, "select municipality_current from facts where is_preferred and region = $region "
                             "and municipality_current is not null group by 1 order by count(*) desc, 1 limit 1",
                        region=region),
    }
    query = sql.load(name)
    assert query.params <= set(samples), f"queries/{name}.sql: no sample for {sorted(query.params - set(samples))}"
    return {p: samples[p] for p in query.params}


def test_every_query_declares_the_columns_its_callers_read():
    assert set(CALLER_COLUMNS) == set(QUERY_NAMES), (
        f"CALLER_COLUMNS lacks {sorted(set(QUERY_NAMES) - set(CALLER_COLUMNS))}, "
        f"names no query {sorted(set(CALLER_COLUMNS) - set(QUERY_NAMES))}")


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_returns_rows_with_the_columns_its_callers_read(con, name):
    query = sql.load(name)
    assert query.description, f"queries/{name}.sql needs a first comment line saying what one row is"
    params = sample_params(con, name)
    result = sql.run(con, name, **params)
    assert result.height > 0, f"queries/{name}.sql returned no rows for {params}"
    missing = CALLER_COLUMNS[name] - set(result.columns)
    assert not missing, f"queries/{name}.sql lacks columns its callers read: {sorted(missing)}"


def test_missing_parameter_is_refused_naming_the_file(con):
    with pytest.raises(sql.QueryError, match=r"queries/overzicht_reeks\.sql: missing parameters \['kpis'\]"):
        sql.run(con, "overzicht_reeks", region="groningen")


def test_unexpected_parameter_is_refused(con):
    with pytest.raises(sql.QueryError, match=r"unexpected \['extra'\]"):
        sql.run(con, "financien_jaren", region="groningen", extra=1)


@pytest.mark.parametrize("name", ["../etc/passwd", "onbekend"])
def test_unknown_query_names_are_refused(name):
    with pytest.raises(sql.QueryError, match="unknown query"):
        sql.load(name)


def test_values_are_bound_not_pasted(con):
    hostile = "groningen' or '1'='1"
    assert sql.run(con, "financien_jaren", region=hostile).is_empty()
