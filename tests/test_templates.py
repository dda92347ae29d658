"""Every template, filled in the obvious way, passes the check; left as it is, its example row is refused."""

import io

import polars as pl
import pytest

from tests.conftest import NEXT_YEAR
from zvh.aanlevering import ledger, templates
from zvh.aanlevering.staging import EXAMPLE_NOTE, REQUIRED
from zvh.aanlevering.upload import read_upload


def fill_excel(data: bytes, **cells) -> bytes:
    """What a user does in Excel: overwrite cells of the example row and save (the other sheets stay)."""
    frame = pl.read_excel(io.BytesIO(data), sheet_name="gegevens", infer_schema_length=0)
    frame = frame.with_columns(pl.lit(v).alias(k) for k, v in cells.items())
    buffer = io.BytesIO()
    frame.write_excel(buffer, worksheet="gegevens")
    return buffer.getvalue()


FILLED = {  # a plausible delivery of next year for each table, as the note the user writes instead of the example's
    "kerncijfers": {"value": "171", "note": f"Jaarcijfer {NEXT_YEAR}"},
    "verdelingen": {"note": f"Alle aanmeldingen {NEXT_YEAR}"},
    "financien": {"note": f"Jaarrekening {NEXT_YEAR}"},
    "personeel": {"note": f"Formatie {NEXT_YEAR}"},
}


@pytest.mark.parametrize("table", list(templates.TABLES))
def test_a_filled_excel_template_is_accepted_and_committed(workspace, table):
    data_dir, db = workspace
    data = fill_excel(templates.excel_template(table, data_dir), **FILLED[table])
    aanlevering = ledger.preview(table, f"{table}_{NEXT_YEAR}.xlsx", data, data_dir)
    assert aanlevering.check.problems == []
    assert aanlevering.check.added.height == 1
    entry = ledger.commit(table, f"{table}_{NEXT_YEAR}.xlsx", data, "Jan", "", data_dir, db)
    assert entry["toegevoegd"] == 1


@pytest.mark.parametrize("table", list(templates.TABLES))
def test_the_csv_template_as_downloaded_is_refused_for_its_example_row(workspace, table):
    data_dir, _ = workspace
    data = templates.csv_template(table, data_dir)
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data.splitlines()[0]
    problems = ledger.preview(table, "sjabloon.csv", data, data_dir).check.problems
    assert [(p.line, p.column) for p in problems if "voorbeeldregel" in p.rule] == [(2, "note")]


@pytest.mark.parametrize("table", list(templates.TABLES))
def test_the_template_has_every_required_column_and_explains_each(data_copy, table):
    header = read_upload("t.csv", templates.csv_template(table, data_copy), set()).frame.columns
    assert set(REQUIRED[table]) <= set(header)
    guide = templates.guide(table, data_copy)
    assert guide["Kolom"].to_list() == header
    assert guide.filter(pl.col("Verplicht") == "ja")["Kolom"].to_list() == [c for c in header if c in REQUIRED[table]]


def test_the_excel_template_offers_allowed_values_and_lookup_sheets(data_copy):
    data = templates.excel_template("kerncijfers", data_copy)
    sheets = pl.read_excel(io.BytesIO(data), sheet_id=0)
    assert list(sheets) == ["gegevens", "toelichting", "thema_metric", "gemeenten"]
    assert ("mensenhandel", "signalen") in sheets["thema_metric"].select("theme", "metric").rows()
    assert "Súdwest-Fryslân" in sheets["gemeenten"]["gemeente"].to_list()
    assert sheets["gegevens"]["note"].to_list() == [EXAMPLE_NOTE]
