"""Each schema rejects representative bad rows with a message naming the file, row, column and rule."""

import ast
import csv
from pathlib import Path

import pytest

from validation.common import References, bind_references
from zvh.source.problems import SourceError
from zvh.store.build import FACT_TABLES, REFERENCE_TABLES, load_sources

VALIDATION = Path(__file__).resolve().parents[1] / "validation"


def first_file(data: Path, table: str) -> Path:
    return sorted((data / table).glob("*.csv"))[0]


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)


def append_variant(data: Path, table: str, **changes) -> tuple[str, int]:
    """Append a copy of the first row with `changes`; return the file name and its spreadsheet row."""
    path = first_file(data, table)
    records = rows(path)
    records.append(records[0] | changes)
    write(path, records)
    return path.name, len(records) + 1


def problems_of(data: Path) -> list:
    with pytest.raises(SourceError) as raised:
        load_sources(data)
    return raised.value.problems


BAD_ROWS = [
    ("kerncijfers", {"value": "-5", "categorie": "x1"}, "value", "mag niet negatief zijn"),
    ("kerncijfers", {"value": "12,5", "categorie": "x2"}, "value", "is geen getal"),
    ("kerncijfers", {"year": "1999"}, "year", "moet minstens 2010 zijn"),
    ("kerncijfers", {"year": "2199"}, "year", "mag hoogstens"),
    ("kerncijfers", {"gemeente": "Atlantis"}, "gemeente", "onbekende gemeente"),
    ("kerncijfers", {"unit": "stuks", "categorie": "x3"}, "unit", "geen toegestane waarde"),
    ("kerncijfers", {"theme": "Mensenhandel"}, "theme", "juiste vorm: gebruik alleen kleine letters, cijfers en _"),
    ("kerncijfers", {"metric": "verzonnen_metric"}, None, "theme/metric staat niet in reference/metrics.csv"),
    ("kerncijfers", {"region": "drenthe"}, "region", "staat niet in reference/regio.csv"),
    ("kerncijfers", {"certainty": "onzeker", "uncertainty_reason": "", "categorie": "x4"}, None, "uncertainty_reason"),
    ("kerncijfers", {"source_document": "onbekend.txt"}, "source_document", "bronnen.csv"),
    ("kerncijfers", {}, None, "dubbele sleutel"),
    ("verdelingen", {"percentage": "120", "categorie": "x5"}, "percentage", "mag hoogstens 100"),
    ("financien", {"eenheid": "dollar", "post": "x_post"}, "eenheid", "geen toegestane waarde"),
    ("financien", {"staat": "prognose", "post": "y_post"}, "staat", "geen toegestane waarde"),
    ("financien", {"bedrag": "1.234,5", "post": "z_post"}, "bedrag", "is geen getal"),
    ("personeel", {"fte": "-1", "functie": "Nieuwe functie"}, "fte", "mag niet negatief zijn"),
    ("personeel", {"fte": "", "personen": "", "functie": "Lege functie"}, None, "vul personen of fte in"),
    ("personeel", {"in_natura": "misschien", "functie": "Andere functie"}, "in_natura", "true of false"),
]


@pytest.mark.parametrize(("table", "changes", "column", "rule"), BAD_ROWS)
def test_bad_row_is_rejected_with_file_row_column_and_rule(data_copy, table, changes, column, rule):
    if table != "verdelingen":
        changes = {"part_of": "", "total_of": ""} | changes
    name, line = append_variant(data_copy, table, **changes)
    found = [p for p in problems_of(data_copy) if p.file == name and p.line == line and rule in p.rule]
    assert found, f"no problem '{rule}' for {name} row {line}"
    if column:
        assert found[0].column == column


def test_missing_and_unknown_columns_are_named(data_copy):
    path = first_file(data_copy, "kerncijfers")
    records = [{k: v for k, v in r.items() if k != "unit"} | {"extra": "1"} for r in rows(path)]
    write(path, records)
    problems = {(p.file, p.column, p.rule) for p in problems_of(data_copy)}
    assert (path.name, "unit", "deze kolom ontbreekt") in problems
    assert (path.name, "extra", "onbekende kolom") in problems


def test_total_without_detail_lines_is_a_load_error(data_copy):
    name, line = append_variant(data_copy, "kerncijfers", categorie="x6", part_of="", total_of="losse_groep")
    problems = problems_of(data_copy)
    assert any(p.file == name and "losse_groep" in p.rule and "geen deelregels" in p.rule for p in problems)


def test_detail_line_of_a_group_without_total_is_a_load_error(data_copy):
    name, line = append_variant(data_copy, "kerncijfers", categorie="x7", part_of="groep_zonder_totaal", total_of="")
    problems = problems_of(data_copy)
    assert any(p.file == name and "groep_zonder_totaal" in p.rule and "0 totaalregels" in p.rule for p in problems)


def test_unparseable_csv_is_named(data_copy):
    path = first_file(data_copy, "verdelingen")
    path.write_bytes(b"\xff\xfe\x00garbage\x00\n\x00")
    assert any(p.file == path.name for p in problems_of(data_copy))


def test_unknown_municipality_code_in_reference_is_named(data_copy):
    path = data_copy / "reference" / "gemeente_namen.csv"
    records = rows(path)
    records.append({"naam_zoals_gedrukt": "Atlantis", "gemeentecode": "GM9999", "note": ""})
    write(path, records)
    problems = problems_of(data_copy)
    assert any(p.file == "gemeente_namen.csv" and p.line == len(records) + 1 and p.column == "gemeentecode" for p in problems)


def test_reserve_that_does_not_roll_forward_is_a_finding_not_an_error(data_copy):
    path = data_copy / "financien" / "zvhg_jaarverslag_2024.csv"
    text = path.read_text(encoding="utf-8")
    assert ",stand,reserve,reserve,,228000," in text
    path.write_text(text.replace(",stand,reserve,reserve,,228000,", ",stand,reserve,reserve,,229000,"), encoding="utf-8")
    _, findings = load_sources(data_copy)
    rolled = findings.filter(findings["kind"] == "reserve_rolt_niet_door")
    assert rolled.select("printed", "computed", "difference").rows() == [(229000.0, 228000.0, 1000.0)]


def test_real_sources_load_with_findings_but_no_errors():
    tables, findings = load_sources()
    assert tables["kerncijfers"].height > 250
    assert "reserve_rolt_niet_door" not in findings["kind"].to_list()


@pytest.mark.parametrize("path", sorted(VALIDATION.rglob("*.py")), ids=lambda p: p.name)
def test_validation_imports_nothing_from_zvh(path):
    """The contracts stand alone: zvh uses them, never the other way round."""
    imported = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:  # a relative import stays inside validation
            imported.append(node.module)
    assert not [m for m in imported if m == "zvh" or m.startswith("zvh.")], imported


def _schema(table: str):
    if table in FACT_TABLES:
        refs = References(documents=frozenset({"d"}), regions=frozenset({"r"}), gemeente_namen=frozenset({"g"}),
                          metric_pairs=frozenset({("t", "m")}), organisations=frozenset({"o"}),
                          financiers=frozenset({"f"}), metric_units=frozenset({("t", "m", "aantal")}))
        return bind_references(FACT_TABLES[table].to_schema(), refs)
    return REFERENCE_TABLES[table].to_schema()


@pytest.mark.parametrize("table", [*FACT_TABLES, *REFERENCE_TABLES])
def test_every_check_says_its_rule_in_dutch(table):
    schema = _schema(table)
    checks = [*schema.checks, *(check for column in schema.columns.values() for check in column.checks)]
    for check in checks:
        # Without `error` pandera reports the check's English name, e.g. "greater_than_or_equal_to(0)".
        assert check.error and check.error != check.name and not check.error.startswith(f"{check.name}("), check


def test_two_figures_of_one_theme_with_the_same_label_are_named(data_copy):
    # a label names its figure on Trends' and Regio's vergelijken's tabs and in their links
    path = data_copy / "reference" / "metrics.csv"
    records = rows(path)
    twin = next(r for r in records if r["theme"] == "maatwerk" and r["metric"] == "afgesloten_zaken")
    records.append({**twin, "metric": "afgesloten_zaken_bis"})
    write(path, records)
    problems = [p for p in problems_of(data_copy) if p.file == "metrics.csv"]
    assert {p.line for p in problems} == {records.index(twin) + 2, len(records) + 1}  # both rows, by their line
    assert all(p.rule == "dubbel label: een ander cijfer van dit thema heeft hetzelfde label" for p in problems)
