"""Signalen: the rules are refused when they name no figure, and the view `signalen` tells a signal from a change
between figures that cannot be compared, against the real reports."""

import polars as pl
import pytest

from tests.conftest import copy_of_data
from zvh.present import overzicht as kpis
from zvh.present import signalen
from zvh.query import sql
from zvh.source.problems import SourceError
from zvh.store.build import build
from zvh.store.db import open_readonly

RULES = "signaalregels.csv"


def signal(con, region: str, year: int, rule_id: str) -> dict:
    rows = con.sql("select * from signalen where region = $r and year = $y and rule_id = $rule",
                   params={"r": region, "y": year, "rule": rule_id}).pl()
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def write_rules(data_dir, replace: dict[str, str] | None = None, add: tuple[str, ...] = ()) -> None:
    path = data_dir / "reference" / RULES
    text = path.read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text + "".join(f"{line}\n" for line in add), encoding="utf-8")


def refused(data_copy, tmp_path, line: str) -> list:
    """The problems the build names in the rules file once `line` is added to it; the build writes nothing."""
    write_rules(data_copy, add=(line,))
    with pytest.raises(SourceError) as error:
        build(tmp_path / "zvh.duckdb", data_copy)
    assert not (tmp_path / "zvh.duckdb").exists()
    return [p for p in error.value.problems if p.file.endswith(RULES)]


@pytest.mark.parametrize(("line", "value", "rule"), [
    ("typo,mensenhandel,signalen_gemeld,,15,10,20,,10,x", "mensenhandel.signalen_gemeld", "onbekend cijfer"),
    # the post exists, but no report prints it as a mutatie
    ("typo,financien,totaal_lasten,mutatie,15,10,20,,10,x", "financien.totaal_lasten", "als mutatie"),
])
def test_a_rule_for_a_figure_that_does_not_exist_is_refused(data_copy, tmp_path, line, value, rule):
    found = refused(data_copy, tmp_path, line)
    assert [(p.line, p.column, p.value) for p in found] == [(15, "metric", value)], found
    assert rule in found[0].rule and "geen verslag drukt" in found[0].rule


@pytest.mark.parametrize(("line", "column", "rule"), [
    ("geen_drempel,mensenhandel,slachtoffers,,,,20,,10,x", None, "geef een minimale verandering"),
    ("richting,mensenhandel,slachtoffers,,15,10,20,beter,10,x", "good_direction", "toegestaan: hoger, lager"),
    ("staat,mensenhandel,slachtoffers,realisatie,15,10,20,,10,x", None, "een geteld cijfer heeft er geen"),
    ("signalen_mensenhandel,mensenhandel,slachtoffers,,15,10,20,,10,x", "rule_id", "dubbele waarde"),
])
def test_a_malformed_rule_is_refused_with_a_dutch_rule(data_copy, tmp_path, line, column, rule):
    found = refused(data_copy, tmp_path, line)
    assert found and all(p.column == column or column is None for p in found), found
    assert any(rule in p.rule for p in found), found


def test_a_comparable_rise_past_the_rule_is_a_signal(con):
    row = signal(con, "groningen", 2024, "signalen_mensenhandel")
    assert (row["previous_year"], row["previous_value"], row["value"], row["change"]) == (2023, 136, 160, 24)
    assert row["change_pct"] == pytest.approx(100 * 24 / 136)
    assert (row["status"], row["direction"], row["assessment"]) == ("signaal", "stijging", None)  # no good direction
    assert row["description"] == (
        "Signalen mensenhandel: 160 in 2024, +24 (+17,6%) t.o.v. 136 in 2023: signaal (de regel vraagt ten minste 15% "
        "en 10 verschil).")
    # Fryslân counts only what reaches the Drieluik: a column to read, not a remark on a change within Groningen
    assert row["is_counted_differently"]
    assert (row["source_title"], row["previous_source_title"]) == ("ZVHG Jaarverslag 2024", "ZVHG Jaarverslag 2023")
    assert row["source_locator"] and row["previous_source_locator"]


def test_a_changed_definition_is_never_a_rise_or_fall(con):
    # 2020 counts the signals brought into the Drieluik ("ruim 60"), 2023 every melding received (136)
    row = signal(con, "groningen", 2023, "signalen_mensenhandel")
    assert (row["previous_year"], row["status"], row["assessment"]) == (2020, "niet_vergelijkbaar", None)
    assert row["is_definition_changed"] and row["is_approximate"] and not row["is_uncertain"]
    assert "niet vergelijkbaar, want het verslag over 2023 telt ‘meldingen ontvangen’, dat over 2020 ‘ingebracht in " \
           "het drieluik’" in row["description"]
    assert "t.o.v." not in row["description"] and "+76" not in row["description"]


def test_the_previous_year_is_the_previous_one_with_the_figure_and_uncertain_ones_do_not_compare(con):
    # Groningen printed no caseload in 2021-2023; its 2020 table is "een indruk … met een onzekerheidsmarge"
    row = signal(con, "groningen", 2024, "nieuwe_aanmeldingen")
    assert (row["previous_year"], row["previous_certainty"], row["status"]) == (2020, "onzeker", "niet_vergelijkbaar")
    assert row["is_uncertain"] and row["is_definition_changed"]
    assert "(4 jaar eerder)" in row["description"] and "het cijfer over 2020 is onzeker" in row["description"]
    assert signal(con, "groningen", 2024, "actieve_zaken")["status"] == "niet_vergelijkbaar"


def test_a_figure_a_data_quality_finding_puts_in_doubt_does_not_compare(con):
    # 2017's text has 50 zaken mensenhandel, its Tabel 3 40 (tegenstrijdigheden.csv); 2016's table is onzeker as well
    row = signal(con, "groningen", 2017, "casussen_mensenhandel")
    assert row["is_uncertain"] and row["status"] == "niet_vergelijkbaar" and row["certainty"] == "zeker"
    assert "een kwaliteitsbevinding zet het cijfer over 2017 in twijfel" in row["description"]


def test_a_finding_that_leaves_the_figure_standing_does_not_block_a_signal(con):
    # the 2017 claim 'binnen de begroting' is refuted by Tabel 2: the table's € 936.000 is the figure, and it stands
    lasten = signal(con, "groningen", 2020, "lasten_realisatie")
    assert (lasten["previous_year"], lasten["is_uncertain"], lasten["status"]) == (2017, False, "signaal")
    # Fryslân's restantbudget has two period labels for the same € 335.528 (confidence laag): the amounts agree
    reserve = signal(con, "fryslan", 2024, "vrije_reserves")
    assert (reserve["is_uncertain"], reserve["status"]) == (False, "signaal")


def test_approximate_figures_signal_only_beyond_what_the_approximation_explains(con):
    within = signal(con, "groningen", 2023, "screenings_nazorg")  # "ongeveer 600" after "ongeveer 500"
    assert (within["change"], within["is_approximate"], within["status"]) == (100, True, "geen_signaal")
    assert within["firm_change"] == 0 and "kunnen de hele verandering verklaren" in within["description"]
    beyond = signal(con, "groningen", 2024, "vrije_reserves")  # "ongeveer € 228.000" after "ongeveer € 146.000"
    assert (beyond["status"], beyond["firm_change"]) == ("signaal", pytest.approx(228_000 * 0.9 - 146_000 * 1.1))
    assert "ook als de benaderingen 10% afwijken" in beyond["description"]


def test_a_typical_year_is_not_compared_with_a_count(con):
    # 2020 and 2023: 'jaarlijks ongeveer 500/600' (an impression); 2017: DJI's inflow of 759; 2024: 'in 2024 ruim 500'
    for year, previous in ((2020, 2017), (2024, 2023)):
        row = signal(con, "groningen", year, "screenings_nazorg")
        assert (row["previous_year"], row["status"], row["is_definition_changed"]) == (previous, "niet_vergelijkbaar", True)


def test_a_signal_of_a_figure_with_a_good_direction_is_assessed(con):
    better = signal(con, "groningen", 2024, "resultaat_realisatie")  # € 82.003 after about € -64.000
    worse = signal(con, "groningen", 2023, "resultaat_realisatie")
    assert (better["status"], better["direction"], better["assessment"]) == ("signaal", "stijging", "gunstig")
    assert (worse["status"], worse["direction"], worse["assessment"]) == ("signaal", "daling", "ongunstig")
    assert "gunstig: hoger is beter" in better["description"]
    # from a deficit to a surplus a percentage says nothing (it was "+228,1%"): none is given, none is written
    assert better["change_pct"] is None and worse["change_pct"] is None  # and € 81.066 → about € -64.000
    assert "+€ 146.003 t.o.v." in better["description"]


def test_a_count_of_maatwerk_and_pga_together_is_not_compared_with_maatwerk_alone(con):
    # 2017's Tabel 4 counts "Afgerond Maatwerk/ PGA" (85); 2024 counts Maatwerk's own afgesloten casussen (54)
    closed = signal(con, "groningen", 2024, "afgesloten_zaken")
    assert (closed["previous_year"], closed["status"], closed["is_definition_changed"]) == (2017, "niet_vergelijkbaar", True)
    assert "daling" not in closed["description"] and "-31" not in closed["description"]


def test_mergers_in_between_are_context(con):
    assert signal(con, "groningen", 2023, "resultaat_realisatie")["is_merger_between"]  # Eemsdelta, 2021
    assert not signal(con, "groningen", 2024, "resultaat_realisatie")["is_merger_between"]


def test_no_signal_between_incomparable_figures_and_an_assessment_only_for_signals(con):
    rows = con.sql("select * from signalen").pl()
    assert rows.height and set(rows["status"]) == set(signalen.STATUSES)
    incomparable = rows.filter(pl.col("is_definition_changed") | pl.col("is_uncertain"))
    assert incomparable.height and set(incomparable["status"]) == {"niet_vergelijkbaar"}
    assert not incomparable["description"].str.contains("t.o.v.").any()
    assert rows.filter(pl.col("assessment").is_not_null())["status"].unique().to_list() == ["signaal"]


def test_the_labels_are_the_overzicht_s(con):
    rows = con.sql("select distinct theme, metric, staat, label from signalen").pl()
    labels = sql.run(con, "metric_labels")
    for row in rows.iter_rows(named=True):
        kpi = ".".join(filter(None, (row["theme"], row["metric"], row["staat"])))
        assert row["label"] == kpis.label_of(kpi, labels)[0], kpi


def test_min_base_good_direction_and_a_zero_base_come_from_the_rule_file(tmp_path):
    data = copy_of_data(tmp_path / "data")
    write_rules(data, replace={
        "signalen_mensenhandel,mensenhandel,signalen,,15,10,20,": "signalen_mensenhandel,mensenhandel,signalen,,15,10,140,",
        "lasten_begroting,financien,totaal_lasten,begroting,10,50000,,,": "lasten_begroting,financien,totaal_lasten,begroting,10,50000,,lager,",
    }, add=("resultaat_begroting,financien,resultaat,begroting,,1000,,,10,Een begroot resultaat.",))
    build(tmp_path / "zvh.duckdb", data)
    con = open_readonly(tmp_path / "zvh.duckdb")
    try:
        small = signal(con, "groningen", 2024, "signalen_mensenhandel")  # 136 is below the base of 140
        assert (small["change"], small["status"]) == (24, "geen_signaal")
        assert "want 136 is te weinig om een verandering op te wegen (de regel vraagt ten minste 140)" in small["description"]
        planned = signal(con, "groningen", 2024, "lasten_begroting")
        assert (planned["status"], planned["direction"], planned["assessment"]) == ("signaal", "stijging", "ongunstig")
        from_zero = signal(con, "groningen", 2023, "resultaat_begroting")  # 2020's begroot resultaat: € 0
        assert (from_zero["previous_value"], from_zero["change_pct"], from_zero["status"]) == (0, None, "signaal")
    finally:
        con.close()
