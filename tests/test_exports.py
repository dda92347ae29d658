"""A delivered text that looks like a formula stays text in every download (CSV and Excel)."""

import datetime as dt
import io
import shutil
import zipfile

import openpyxl
import polars as pl
import pytest

from tests.conftest import NEXT_YEAR, copy_of_data
from zvh.aanlevering import ledger
from zvh.present import exports, financien
from zvh.query import sql
from zvh.store.db import open_readonly

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture(scope="module")
def delivered(built_db, tmp_path_factory):
    """A database with a committed delivery whose categories and notes are formula-like texts (read only)."""
    data_copy = copy_of_data(tmp_path_factory.mktemp("exports") / "data")
    db = data_copy / "zvh.duckdb"
    shutil.copy(built_db, db)  # the session's database: built from the same sources
    lines = [f"groningen;{NEXT_YEAR};mensenhandel;signalen;;{text};{i};aantal;{text}" for i, text in enumerate(HOSTILE)]
    data = ("region;year;theme;metric;gemeente;categorie;value;unit;note\n" + "\n".join(lines) + "\n").encode()
    ledger.commit("kerncijfers", "formules.csv", data, "Jan", "", data_copy, db)
    con = open_readonly(db)
    frame = con.sql(f"select categorie, note, value from facts where year = {NEXT_YEAR} and categorie is not null order by value").pl()
    con.close()
    return frame


def test_the_delivery_is_stored_as_delivered(delivered):
    assert delivered["categorie"].to_list() == HOSTILE  # the data keeps what was delivered


def test_csv_downloads_prefix_formula_like_texts(delivered):
    text = exports.csv_bytes(delivered).decode("utf-8-sig")
    shown = pl.read_csv(io.StringIO(text), separator=";", decimal_comma=True)
    assert shown["categorie"].to_list() == [f"'{t}" for t in HOSTILE]
    assert shown["note"].to_list() == [f"'{t}" for t in HOSTILE]
    assert shown["value"].to_list() == [0.0, 1.0, 2.0, 3.0]  # numbers are numbers, not prefixed


def test_excel_downloads_keep_text_as_written_and_never_make_it_a_formula_or_a_link(delivered):
    data = exports.excel_bytes(delivered)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "hyperlink" not in sheet  # no cell is a formula or a link
    cells = openpyxl.load_workbook(io.BytesIO(data)).active
    column = [c.value for c in cells[1]].index("categorie") + 1
    texts = [cells.cell(row, column) for row in range(2, 2 + len(HOSTILE))]
    assert [c.value for c in texts] == HOSTILE and {c.data_type for c in texts} == {"s"}  # no visible apostrophe


def test_excel_numbers_are_numbers_years_plain_and_the_header_frozen():
    frame = pl.DataFrame({"year": [2024], "value": [12.42], "aantal": [1234], "tekst": ["136"]})
    sheet = openpyxl.load_workbook(io.BytesIO(exports.excel_bytes(frame))).active
    year, value, count, text = sheet[2]
    assert (year.value, year.number_format) == (2024, "0")  # not "2.024"
    assert (value.value, value.data_type, value.number_format) == (12.42, "n", "General")  # not "12,420"
    assert (count.value, count.number_format) == (1234, "#,##0")
    assert (text.value, text.data_type) == ("136", "s")  # text that looks like a number stays text
    assert sheet.freeze_panes == "A2" and list(sheet.tables.values())[0].autoFilter is not None


def test_excel_columns_stop_at_a_readable_width_and_long_text_wraps_on_both_sheets():
    quote = "Het exploitatieresultaat in de jaarrekening 2024 bedraagt 82.000 euro positief. " * 3
    frame = pl.DataFrame({"Regio": ["Groningen"], "Citaat": [quote]})
    book = openpyxl.load_workbook(io.BytesIO(exports.excel_bytes(frame, about=[("Inhoud", quote)])))
    data, about = book["gegevens"], book["Toelichting"]
    assert data.column_dimensions["B"].width <= exports.MAX_WIDTH + 1 and data["B2"].alignment.wrap_text
    assert data.column_dimensions["A"].width < 20 and not data["A2"].alignment.wrap_text  # short text as it was
    assert about.column_dimensions["B"].width <= exports.MAX_WIDTH + 1 and about["B2"].alignment.wrap_text


def test_a_formula_in_a_header_is_neutralised_like_one_in_a_cell():
    text = exports.csv_bytes(pl.DataFrame({"=HYPERLINK(\"http://x\")": [1], "gewoon": ["=1+1"]})).decode("utf-8-sig")
    assert text.splitlines() == ['"\'=HYPERLINK(""http://x"")";gewoon', "1;'=1+1"]
    clash = exports.csv_bytes(pl.DataFrame({"=a": [1], "'=a": [2]})).decode("utf-8-sig")
    assert clash.splitlines()[0] == "'=a;'=a (2)"  # neutralised, they would share a name


def test_lists_and_structs_are_written_as_json_text_in_csv_and_excel():
    frame = pl.DataFrame({"lijst": [[1, 2], None], "paar": [{"a": "x"}, {"a": "=y"}]})
    assert exports.csv_bytes(frame).decode("utf-8-sig").splitlines() == [
        "lijst;paar", "[1, 2];\"{\"\"a\"\": \"\"x\"\"}\"", ";\"{\"\"a\"\": \"\"=y\"\"}\""]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.excel_bytes(frame))).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["[1, 2]", None]


def test_excel_takes_nan_zoned_times_and_dates_before_1900():
    utc = dt.datetime(2024, 6, 1, 10, 0, tzinfo=dt.timezone.utc)
    frame = pl.DataFrame({"x": [float("nan")], "t": [utc], "oud": [dt.date(1800, 1, 1)], "nieuw": [dt.date(2024, 5, 1)]})
    x, t, old, new = openpyxl.load_workbook(io.BytesIO(exports.excel_bytes(frame))).active[2]
    assert x.value == "=#NUM!"  # Excel shows its own #GETAL!, and the file can still be written
    assert t.value == dt.datetime(2024, 6, 1, 12, 0)  # Dutch summer time: Excel has no time zones
    assert (old.value, old.data_type) == ("1800-01-01", "s") and new.value == dt.datetime(2024, 5, 1)


def test_a_figure_that_is_not_exact_keeps_its_words_beside_its_number(con):
    # Groningen's 2023 result is printed as 'ongeveer 64.000 euro negatief': a bare -64000 would read as exact
    lines = financien.line_table(sql.run(con, "financien_regels", region="groningen", year=2023))
    shown, _ = exports.for_download(lines)
    result = shown.filter(pl.col("Regel").str.starts_with("Resultaat")).row(0, named=True)
    assert (result["Realisatie (euro)"], result["Realisatie (benadering of onzeker)"]) == (-64_000, "ongeveer € -64.000")
    lasten = shown.filter(pl.col("Regel") == "Σ Totaal lasten").row(0, named=True)  # exact: its number says it all
    assert (lasten["Begroting (euro)"], lasten["Begroting (benadering of onzeker)"]) == (1_767_622, None)
    assert "Realisatie" not in shown.columns
    # where the frame states qualifier and certainty in columns of their own, the number alone takes the text's place
    stated = pl.DataFrame({"cijfer": ["ruim 500"], "value": [500.0], "qualifier": ["ruim"], "certainty": ["zeker"]})
    assert exports.for_download(stated)[0].columns == ["Getal", "Nauwkeurigheid", "Zekerheid"]
