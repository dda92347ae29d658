"""A delivery is judged by the same schemas as the build, reported by the user's rows, and compared."""

import hashlib

import polars as pl
import pytest

from tests.conftest import NEXT_YEAR, sha256
from zvh.aanlevering.staging import FIGURE, KEYS, check, differences, document_name, numeric_columns
from zvh.aanlevering.upload import read_upload
from zvh.paths import DATA
from zvh.store.build import FACT_TABLES

HEADER = "region;year;theme;metric;gemeente;categorie;value;unit"


def deliver(data_copy, lines: list[str], name: str = f"cijfers_{NEXT_YEAR}.csv"):
    raw = ("\n".join([HEADER, *lines]) + "\n").encode("utf-8")
    upload = read_upload(name, raw, numeric_columns("kerncijfers"))
    return check("kerncijfers", upload, name, hashlib.sha256(raw).hexdigest(), data_copy)


def test_a_good_delivery_of_next_year_has_no_problems_and_is_all_new(data_copy):
    result = deliver(data_copy, [f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal",
                                 f"groningen;{NEXT_YEAR};mensenhandel;slachtoffers;;;1.234;aantal"])
    assert result.problems == []
    assert result.added["value"].to_list() == [171.0, 1234.0]
    assert result.changed.is_empty() and result.unchanged.is_empty()


def test_a_correction_shows_old_and_new_and_a_repeat_is_unchanged(data_copy):
    result = deliver(data_copy, ["groningen;2024;mensenhandel;signalen;;;161;aantal",
                                 "groningen;2023;mensenhandel;signalen;;;136;aantal"])
    assert result.problems == []
    assert result.changed.select("year", "oud_value", "value").rows() == [(2024, 160.0, 161.0)]
    assert result.unchanged["year"].to_list() == [2023]


@pytest.mark.parametrize(("line", "column", "rule"), [
    (f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;-3;aantal", "value", "mag niet negatief zijn"),
    (f"groningen;{NEXT_YEAR};mensenhandel;signalen;Atlantis;;3;aantal", "gemeente", "onbekende gemeente"),
    ("groningen;2199;mensenhandel;signalen;;;3;aantal", "year", "mag hoogstens"),
    (f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;drie;aantal", "value", "is geen getal"),
    (f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;2,5;aantal", None, "een aantal is een geheel getal"),
    (f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;25;procent", None, "de eenheid (unit) past niet bij deze metric"),
])
def test_bad_rows_are_named_by_the_users_row_and_nothing_changes(data_copy, line, column, rule):
    before = {p: sha256(p) for p in data_copy.rglob("*.csv")}
    result = deliver(data_copy, [f"groningen;{NEXT_YEAR};mensenhandel;slachtoffers;;;5;aantal", "", line])
    assert [(p.file, p.line, p.column) for p in result.problems if rule in p.rule] == [(f"cijfers_{NEXT_YEAR}.csv", 4, column)]
    assert {p: sha256(p) for p in data_copy.rglob("*.csv")} == before


def test_one_delivery_comes_from_one_region(data_copy):
    result = deliver(data_copy, [f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal",
                                 f"fryslan;{NEXT_YEAR};mensenhandel;signalen;;;52;aantal"])
    assert [(p.column, p.value) for p in result.problems] == [("region", "groningen, fryslan")]
    assert "lever Groningen en Fryslân apart aan" in result.problems[0].rule


def test_an_unknown_region_is_named_in_office_words(data_copy):
    result = deliver(data_copy, [f"drenthe;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal"])
    assert [(p.line, p.column, p.value) for p in result.problems] == [(2, "region", "drenthe")]
    assert result.problems[0].rule.startswith("onbekende region: kies er een uit de keuzelijst")


def test_a_file_name_becomes_a_safe_document_name():
    assert document_name(f"../../etc/cijfers, {NEXT_YEAR} (def).csv", "ab" * 32).endswith(f"_abababab_cijfers_{NEXT_YEAR}_def.csv")
    assert document_name("....csv", "ab" * 32).endswith("_abababab_bestand.csv")


def test_the_same_key_twice_in_one_delivery_is_refused(data_copy):
    result = deliver(data_copy, [f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;1;aantal"] * 2)
    assert {p.line for p in result.problems if "staat meer dan eens in het bestand" in p.rule} == {2, 3}


def test_the_real_data_folder_is_never_written(data_copy):
    before = {p: sha256(p) for p in DATA.rglob("*.csv")}
    deliver(data_copy, [f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal"])
    assert {p: sha256(p) for p in DATA.rglob("*.csv")} == before


def test_percentages_that_do_not_add_up_to_100_are_refused(data_copy):
    raw = ("region;year;theme;verdeling;categorie;percentage\n"
           f"fryslan;{NEXT_YEAR};maatwerk;leeftijdsgroep;< 18;60\n"
           f"fryslan;{NEXT_YEAR};maatwerk;leeftijdsgroep;18 t/m 23;30\n").encode("utf-8")
    upload = read_upload("leeftijd.csv", raw, numeric_columns("verdelingen"))
    result = check("verdelingen", upload, "leeftijd.csv", hashlib.sha256(raw).hexdigest(), data_copy)
    assert [p.rule for p in result.problems] == [
        f"klopt niet: De percentages van 'leeftijdsgroep' ({NEXT_YEAR}) tellen op tot 90 in plaats van 100."]


def test_dutch_headers_and_region_names_as_typed_are_understood(data_copy):
    raw = f"Regio;Jaar;Thema;Metric;Waarde;Unit\nFryslân;{NEXT_YEAR};mensenhandel;signalen;52;aantal\n".encode("cp1252")
    upload = read_upload("friesland.csv", raw, numeric_columns("kerncijfers"))
    result = check("kerncijfers", upload, "friesland.csv", hashlib.sha256(raw).hexdigest(), data_copy)
    assert result.problems == []
    assert result.added.select("region", "value").rows() == [("fryslan", 52.0)]


def test_every_kind_of_mistake_is_reported_at_once(data_copy):
    result = deliver(data_copy, [f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;veel;aantal",
                                 f"groningen;{NEXT_YEAR};mensenhandel;slachtoffers;Atlantis;;3;aantal",
                                 f"groningen;{NEXT_YEAR};mensenhandel;nieuw_verzonnen;;;3;aantal",
                                 f"groningen;{NEXT_YEAR};mensenhandel;potentiele_slachtoffers;;;-1;aantal"])
    assert sorted((p.line, p.column, p.rule.split(":")[0]) for p in result.problems) == [
        (2, "value", "is geen getal"),
        (3, "gemeente", "onbekende gemeente"),
        (4, None, "onbekende combinatie van theme en metric"),
        (5, "value", "mag niet negatief zijn"),
    ]


def test_an_unknown_column_is_named(data_copy):
    raw = f"{HEADER};aantal\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;1;aantal;1\n".encode()
    upload = read_upload("x.csv", raw, numeric_columns("kerncijfers"))
    result = check("kerncijfers", upload, "x.csv", hashlib.sha256(raw).hexdigest(), data_copy)
    assert [(p.line, p.column, p.rule) for p in result.problems] == [
        (1, "aantal", "onbekende kolom: gebruik de kolomnamen van het sjabloon")]


def deliver_table(data_copy, table: str, text: str, name: str = "correctie.csv"):
    raw = text.encode("utf-8")
    upload = read_upload(name, raw, numeric_columns(table))
    return check(table, upload, name, hashlib.sha256(raw).hexdigest(), data_copy)


def staffing_2020(personen: dict[str, int]) -> str:
    """The whole 2020 staffing table as an office would deliver it, with some persons counted anew."""
    source = pl.read_csv(DATA / "personeel" / "zvhg_jaarverslag_2020.csv", infer_schema=False)
    rows = source.select("region", "year", "functie", "functiegroep", "personen", "fte", "in_natura", "part_of", "total_of")
    rows = rows.with_columns(pl.col("functiegroep").replace_strict(personen, default=pl.col("personen")).alias("personen"))
    return rows.write_csv(separator=";")


def test_a_staffing_delivery_that_changes_only_persons_shows_those_changes(data_copy):
    result = deliver_table(data_copy, "personeel", staffing_2020({"procesregisseur": "7", "totaal": "22"}))
    assert result.problems == []
    assert sorted(result.changed.select("functiegroep", "oud_personen", "personen").rows()) == [
        ("procesregisseur", 6.0, 7.0), ("totaal", 21.0, 22.0)]
    assert (result.added.height, result.unchanged.height) == (0, 6)
    assert [d[0] for d in differences("personeel", result.changed.row(0, named=True))] == ["personen"]


@pytest.mark.parametrize(("line", "column", "old", "new"), [
    ("groningen;2024;mensenhandel;signalen;;;160;aantal;ruim;zeker", "qualifier", "exact", "ruim"),
    ("groningen;2024;mensenhandel;signalen;;;160;aantal;exact;onzeker", "certainty", "zeker", "onzeker"),
])
def test_a_changed_qualifier_or_certainty_is_a_change(data_copy, line, column, old, new):
    reason = ";Telling onzeker" if column == "certainty" else ";"
    text = f"{HEADER};qualifier;certainty;uncertainty_reason\n{line}{reason}\n"
    result = deliver_table(data_copy, "kerncijfers", text)
    assert result.problems == []
    assert result.changed.select(f"oud_{column}", column).rows() == [(old, new)]
    assert [d[0] for d in differences("kerncijfers", result.changed.row(0, named=True))] == [column]


def test_the_same_figure_is_defined_once_by_the_schemas_unique_key():
    for table, model in FACT_TABLES.items():
        assert KEYS[table] == [c for c in model.to_schema().unique if c != "source_document"]
        assert not set(KEYS[table]) & set(FIGURE[table])


def test_a_delivery_cannot_claim_its_own_provenance_but_keeps_its_notes_as_given(data_copy):
    header = HEADER + ";source_section;source_label;note"
    raw = (f"{header}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal;Jaarverslag 2024, tabel 3;"
           "officieel;=HYPERLINK(\"http://x\")\n").encode()
    upload = read_upload("x.csv", raw, numeric_columns("kerncijfers"))
    result = check("kerncijfers", upload, "x.csv", hashlib.sha256(raw).hexdigest(), data_copy)
    assert result.problems == []
    row = result.rows.row(0, named=True)
    assert (row["source_section"], row["source_label"]) == ("Aanlevering", "rij 2")
    assert row["note"] == '=HYPERLINK("http://x")'  # stored as given; exports neutralise it
