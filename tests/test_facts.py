"""The analyst contract: `facts` and `data_quality` give back what the reports print, traceably."""

import re

import polars as pl
import pytest

from tests.conftest import needs_seeds
from zvh.paths import ROOT, SEEDS
from zvh.present.formatting import figure_text_column, theme_label

D2017, D2020, D2023, D2024, F2024 = (
    "003_7cfaa36206fe355e.txt", "001_f5a7822fd5ba57db.txt", "002_efccba5749857692.txt",
    "000_cb3dced61b54968c.txt", "004_6b7191bc53de9cd3.txt",
)
CONTRACT_COLUMNS = [
    "region", "organisation", "year", "theme", "metric", "municipality", "municipality_current", "value",
    "unit", "qualifier", "source_document", "source_locator", "categorie", "staat", "certainty",
    "uncertainty_reason", "is_preferred",
]

# (document, year, theme, metric, municipality, categorie, staat, value as printed, qualifier)
PRINTED = [
    (D2017, 2017, "nazorg", "instroom_dji", "Groningen", None, None, 470, "exact"),
    (D2017, 2017, "nazorg", "procesregie_instroomoverleg", "Groote gast", None, None, 6, "exact"),
    (D2017, 2017, "maatwerk", "zaken_procesregie", None, None, None, 189, "exact"),
    (D2017, 2017, "maatwerk", "meldingen_procesregie", None, "Nazorg", None, 374, "exact"),
    (D2017, 2017, "jeugd", "procesregie_casussen", None, None, None, 121, "exact"),
    (D2017, 2017, "huiselijk_geweld", "screenings", None, None, None, 21, "exact"),
    (D2017, 2017, "mensenhandel", "casussen_in_behandeling", None, None, None, 50, "exact"),
    (D2017, 2016, "financien", "totaal_lasten", None, None, "begroting", 885_000, "exact"),
    (D2017, 2017, "financien", "personeel", None, None, "realisatie", 781_000, "exact"),
    (D2017, 2017, "personeel", "fte", None, "Procesregisseurs", None, 4.48, "exact"),
    (D2020, 2020, "maatwerk", "actieve_zaken", "Groningen", None, None, 127, "exact"),
    (D2020, 2020, "maatwerk", "nieuwe_aanmeldingen", None, None, None, 125, "exact"),
    (D2020, 2020, "mensenhandel", "signalen", None, None, None, 60, "ruim"),
    (D2020, 2020, "mensenhandel", "slachtoffers", None, None, None, 18, "exact"),
    (D2020, 2020, "mensenhandel", "potentiele_slachtoffers", None, None, None, 44, "exact"),
    (D2020, 2020, "nazorg", "screenings", None, None, None, 500, "ongeveer"),
    (D2020, 2020, "financien", "totaal_lasten", None, None, "realisatie", 1_147_818, "exact"),
    (D2020, 2020, "financien", "resultaat", None, None, "realisatie", 81_066, "exact"),
    (D2020, 2020, "personeel", "fte", None, "Totaal", None, 15.9, "exact"),
    (D2023, 2023, "mensenhandel", "signalen", None, None, None, 136, "exact"),
    (D2023, 2023, "levensloop", "inclusies", None, None, None, 12, "exact"),
    (D2023, 2023, "levensloop", "geincludeerden", None, None, None, 23, "exact"),
    (D2023, 2023, "nazorg", "screenings", None, None, None, 600, "ongeveer"),
    (D2023, 2023, "financien", "personeel", None, None, "realisatie", 1_509_552, "exact"),
    (D2023, 2023, "financien", "reserve", None, None, "stand", 146_000, "ongeveer"),
    (D2024, 2024, "mensenhandel", "signalen", None, None, None, 160, "exact"),
    (D2024, 2024, "maatwerk", "nieuwe_aanmeldingen", None, None, None, 135, "exact"),
    (D2024, 2024, "maatwerk", "actieve_zaken", None, None, None, 278, "exact"),
    (D2024, 2024, "maatwerk", "afgesloten_zaken", None, None, None, 54, "exact"),
    (D2024, 2024, "levensloop", "geincludeerden", None, None, None, 22, "exact"),
    (D2024, 2022, "levensloop", "inclusies", None, None, None, 9, "exact"),
    (D2024, 2024, "nazorg", "bij_meldingen", None, None, None, 110, "exact"),
    (D2024, 2024, "jeugd", "ipga_doorgroeiers", None, None, None, 17, "exact"),
    (D2024, 2024, "financien", "totaal_lasten", None, None, "realisatie", 1_958_682, "exact"),
    (D2024, 2024, "financien", "totaal_lasten", None, None, "begroting", 1_955_000, "exact"),
    (D2024, 2024, "financien", "reserve", None, None, "stand", 228_000, "ongeveer"),
    (F2024, 2024, "maatwerk", "nieuwe_aanmeldingen", None, None, None, 208, "exact"),
    (F2024, 2023, "maatwerk", "nieuwe_aanmeldingen", None, None, None, 187, "exact"),
    (F2024, 2024, "maatwerk", "zaken_procesregie", None, None, None, 146, "exact"),
    (F2024, 2024, "maatwerk", "afgesloten_zaken", None, None, None, 111, "exact"),
    (F2024, 2024, "preventie_met_gezag", "nieuwe_zaken", None, None, None, 42, "exact"),
    (F2024, 2024, "huiselijk_geweld", "fahg_zaken_per_week", None, None, None, 10, "ongeveer"),
    (F2024, 2024, "maatwerk", "verdeling_leeftijdsgroep", None, "< 18", None, 22, "exact"),
    (F2024, 2023, "maatwerk", "verdeling_verwijzer", None, "Politie", None, 7, "exact"),
    (F2024, 2024, "financien", "totaal_baten", None, None, "begroting", 1_683_170, "exact"),
    (F2024, 2024, "financien", "reserve_restantbudget", None, None, "stand", 335_528, "exact"),
]


@pytest.mark.parametrize(("document", "year", "theme", "metric", "municipality", "categorie", "staat", "value", "qualifier"), PRINTED)
def test_facts_give_back_the_printed_figure(con, document, year, theme, metric, municipality, categorie, staat, value, qualifier):
    rows = con.sql(
        """
        select value, qualifier, unit, source_locator from facts
        where source_document = $document and year = $year and theme = $theme and metric = $metric
          and municipality is not distinct from $municipality and categorie is not distinct from $categorie
          and staat is not distinct from $staat
        """,
        params={"document": document, "year": year, "theme": theme, "metric": metric,
                "municipality": municipality, "categorie": categorie, "staat": staat},
    ).fetchall()
    assert len(rows) == 1, rows
    assert rows[0][0] == pytest.approx(value)
    assert rows[0][1] == qualifier
    assert rows[0][3]


def test_facts_has_the_documented_columns(con):
    columns = [r[0] for r in con.sql("describe facts").fetchall()]
    assert set(CONTRACT_COLUMNS) <= set(columns)


def test_every_fact_has_provenance_and_uncertain_ones_say_why(con):
    missing = con.sql("""
        select count(*) from facts
        where source_document is null or source_locator is null or source_label is null
           or (certainty = 'onzeker' and uncertainty_reason is null)
    """).fetchall()[0][0]
    assert missing == 0


def test_amounts_in_thousands_are_stored_in_euros(con):
    row = con.sql("select bedrag, eenheid, bedrag_eur from financien where source_document = $d "
                  "and year = 2017 and staat = 'realisatie' and post = 'totaal_lasten'", params={"d": D2017}).fetchall()
    assert row == [(936.0, "duizend_euro", 936_000.0)]


def test_2017_figures_sum_under_todays_municipalities(con):
    # Tabel 5 "Procesregie instroom-overleg": Appingedam 3 + Delfzijl 16 + Loppersum 4 are Eemsdelta now;
    # Groote gast 6 + Leek 7 + Marum 3 + Zuidhorn 0 are Westerkwartier; Groningen 166 + Haren 4 + Ten Boer 1.
    rows = dict(con.sql("""
        select municipality_current, sum(value) from facts
        where source_document = $d and metric = 'procesregie_instroomoverleg' and municipality is not null
        group by all
    """, params={"d": D2017}).fetchall())
    assert rows["Eemsdelta"] == 23
    assert rows["Westerkwartier"] == 16
    assert rows["Groningen"] == 171
    assert rows["Midden-Groningen"] == 18 + 2 + 10  # Hoogezand, Menterwolde, Slochteren


def test_a_years_municipalities_add_up_to_their_province_from_one_cbs_table(con):
    # Every year with all municipalities of a province (valid on 1 January) sums exactly to the province's figure:
    # one CBS table per year, or a per-inhabitant figure would change with the level it is computed at.
    rows = con.sql("""
        with municipal as (
            select g.region, b.year, sum(b.inwoners) as inwoners, count(*) as municipalities,
                   (select count(*) from gemeente as v where v.region = g.region
                      and coalesce(v.geldig_van, '0000') <= b.year || '-01-01'
                      and coalesce(v.geldig_tot, '9999') >= b.year || '-01-01') as valid
            from bevolking as b join gemeente as g on g.gemeentecode = b.gemeentecode_of_provincie
            where b.gebied_type = 'gemeente' group by all
        )
        select m.region, m.year, m.inwoners, p.inwoners from municipal as m
        join regio as r using (region)
        join bevolking as p on p.gebied_type = 'provincie' and p.naam = r.naam and p.year = m.year
        where m.municipalities = m.valid
    """).fetchall()
    assert {(region, year) for region, year, *_ in rows} >= {("groningen", 2017), ("groningen", 2020),
                                                            ("groningen", 2023), ("groningen", 2024), ("fryslan", 2023)}
    assert [r for r in rows if r[2] != r[3]] == []


def test_spelling_variants_map_to_cbs_names(con):
    mapped = dict(con.sql("select naam_zoals_gedrukt, naam from gemeente_harmonisatie").fetchall())
    assert mapped["Groote gast"] == "Grootegast"
    assert mapped["Hoogezand"] == "Hoogezand-Sappemeer"


def test_split_municipality_is_attributed_to_its_primary_successor_and_flagged(con):
    rows = con.sql("select gemeentecode_huidig, exact from gemeente_harmonisatie where naam_zoals_gedrukt = 'Winsum'").fetchall()
    assert rows == [("GM1966", False)]


def test_figure_reported_in_two_reports_is_preferred_from_the_newest(con):
    rows = con.sql("""
        select source_document, is_preferred from facts
        where region = 'groningen' and year = 2023 and theme = 'levensloop' and metric = 'inclusies'
        order by source_document
    """).fetchall()
    assert rows == [(D2024, True), (D2023, False)]


def test_data_quality_records_the_reports_own_contradictions(con):
    findings = con.sql("select source_document, kind, printed, computed, within_rounding from data_quality").fetchall()
    # Formatie 2017: the printed Totaal 12,42 fte is 0,20 short of its lines (12,62).
    assert (D2017, "som_klopt_niet", 12.42, pytest.approx(12.62), False) in findings
    # Jaarrekening 2024: Ommelanden Rekening lines add up to 625.685, the printed total is 653.325.
    assert (D2024, "som_klopt_niet", 653_325, 625_685, False) in findings
    assert all(f[0] in {D2017, D2020, D2023, D2024, F2024} for f in findings)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@needs_seeds
def test_every_provenance_label_occurs_in_its_seed_text(con):
    seeds = {p.name: _normalise(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    rows = con.sql("select distinct source_document, source_section, source_label, source_column from facts").fetchall()
    missing = [
        (document, part) for document, *parts in rows for part in parts
        if part and _normalise(part) not in seeds[document]
    ]
    assert not missing, missing[:10]


def test_the_analyst_joins_facts_and_populations_as_documented(con):
    # docs/data-dictionary.md: one name for one idea, so the join an analyst writes first works (it failed on year/jaar)
    assert con.sql("select count(*) from duckdb_columns() where column_name = 'jaar'").fetchall() == [(0,)]
    rows = dict(con.sql("""
        select facts.year, round(facts.value / b.inwoners * 100000, 1) from facts
        join regio using (region)
        join bevolking as b on b.gemeentecode_of_provincie = regio.provincie_code and b.year = facts.year
        where facts.region = 'groningen' and facts.metric = 'signalen' and facts.municipality is null
          and facts.categorie is null and facts.is_preferred and facts.year in (2023, 2024)
    """).fetchall())
    assert rows == {2023: 22.8, 2024: 26.6}  # 136 / 596.075 and 160 / 601.510
    municipal = con.sql("""
        select b.inwoners from facts
        join bevolking as b on b.gemeentecode_of_provincie = facts.municipality_current_code and b.year = facts.year
        where facts.year = 2017 and facts.municipality_current = 'Groningen' limit 1
    """).fetchall()
    assert municipal == [(202636,)]  # data/reference/bevolking.csv: GM0014 on 1 January 2017


def documented_columns(view: str) -> dict[str, str]:
    """The columns and types docs/data-dictionary.md gives `view` in its table (`name` | type | meaning)."""
    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    section = text.split(f"## `{view}`", 1)[1].split("\n## ", 1)[0]
    columns = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            for name in re.findall(r"`(\w+)`", cells[0]):
                columns[name] = cells[1].removesuffix(", null").upper()
    return columns


def test_signalen_has_the_documented_columns_and_types(con):
    actual = {name: kind for name, kind, *_ in con.sql("describe signalen").fetchall()}
    documented = documented_columns("signalen")
    assert documented == actual
    # the contract the printed report (zvh/report) reads
    assert {"region", "region_name", "year", "theme", "metric", "label", "rule_id", "value", "unit", "qualifier",
            "certainty", "previous_year", "previous_value", "previous_qualifier", "previous_certainty", "change",
            "change_pct", "direction", "status", "assessment", "is_approximate", "is_uncertain",
            "is_definition_changed", "is_merger_between", "is_counted_differently", "description", "source_document",
            "source_title", "source_locator", "previous_source_document", "previous_source_title",
            "previous_source_locator"} <= set(actual)


def test_vindplaats_has_the_documented_columns_and_types(con):
    actual = {name: kind for name, kind, *_ in con.sql("describe vindplaats").fetchall()}
    assert documented_columns("vindplaats") == actual


def test_vindplaats_holds_every_figure_written_as_the_pages_write_it(con):
    rows = con.sql("select * from vindplaats").pl()
    assert rows.height == con.sql("select count(*) from facts").fetchall()[0][0]
    written = rows.select(figure_text_column(alias="expected"), "cijfer")
    assert written.filter(pl.col("expected") != pl.col("cijfer")).is_empty()
    assert set(rows.filter(pl.col("metric") == "fte", pl.col("categorie") == "Totaal", pl.col("year") == 2017)["cijfer"]) \
        == {"12,42 fte"}


def test_vindplaats_searches_everything_the_lookup_shows_in_lower_case(con):
    rows = con.sql("select * from vindplaats").pl()
    # the search text, put together the way the page did before the build did it
    expected = pl.concat_str(
        "cijfer", pl.col("theme").map_elements(theme_label, return_dtype=pl.String), "label", "coverage_label", "metric",
        pl.concat_str("categorie", "municipality", "staat", separator=" · ", ignore_nulls=True), "source_locator",
        "source_title", "source_document", "data_file", "definitie", "note", "region_name",
        pl.col("year").cast(pl.String), separator=" ", ignore_nulls=True).str.to_lowercase()
    assert rows.filter(expected != pl.col("search_text")).is_empty()
    ommelanden = con.sql("select count(*) from vindplaats where contains(search_text, lower('Ommelanden'))").fetchall()
    assert ommelanden[0][0] > 0
