"""Every template, filled in the obvious way, passes the check; left as it is, its example row is refused."""

import io

import openpyxl
import polars as pl
import pytest

from tests.conftest import NEXT_YEAR
from zvh.aanlevering import ledger, templates
from zvh.aanlevering.staging import EXAMPLE_NOTE, REQUIRED
from zvh.aanlevering.upload import read_upload
from zvh.present import exports


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
def test_the_excel_template_as_downloaded_reads_back_and_is_refused_only_for_its_example_row(workspace, table):
    data_dir, _ = workspace  # its header notes and formats change nothing the check reads
    problems = ledger.preview(table, "sjabloon.xlsx", templates.excel_template(table, data_dir), data_dir).check.problems
    assert [(p.line, p.column) for p in problems] == [(2, "note")]


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


@pytest.mark.parametrize("table", list(templates.TABLES))
def test_the_excel_template_shows_years_plain_freezes_its_header_and_describes_each_column(data_copy, table):
    book = openpyxl.load_workbook(io.BytesIO(templates.excel_template(table, data_copy)))
    sheet = book["gegevens"]
    header = [c.value for c in sheet[1]]
    year = sheet.cell(row=2, column=header.index("year") + 1)
    assert isinstance(year.value, int) and year.number_format in ("0", "General")  # Dutch Excel: 2025, not 2.025
    assert sheet.freeze_panes == "A2"
    meanings = {c.name: c.meaning for c in templates.columns(table, data_copy)}
    assert {c.value: c.comment.text if c.comment else None for c in sheet[1]} == meanings  # the contract's names stay
    for ws in book.worksheets:  # no column as wide as its longest definition: that text wraps
        assert all(d.width <= exports.MAX_WIDTH + 1 for d in ws.column_dimensions.values()), ws.title
        assert all(c.alignment.wrap_text for r in ws.iter_rows(min_row=2) for c in r
                   if isinstance(c.value, str) and len(c.value) > exports.MAX_WIDTH), ws.title
