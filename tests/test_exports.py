"""A delivered text that looks like a formula stays text in every download (CSV and Excel)."""

import io
import zipfile

import polars as pl
import pytest

from zvh import exports, loads
from zvh.build import build
from zvh.db import open_readonly

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def delivered(data_copy):
    """A database with a committed delivery whose categories and notes are formula-like texts."""
    db = data_copy / "zvh.duckdb"
    build(db, data_copy)
    lines = [f"groningen;2025;mensenhandel;signalen;;{text};{i};aantal;{text}" for i, text in enumerate(HOSTILE)]
    data = ("region;year;theme;metric;gemeente;categorie;value;unit;note\n" + "\n".join(lines) + "\n").encode()
    loads.commit("kerncijfers", "formules.csv", data, "Jan", "", data_copy, db)
    con = open_readonly(db)
    frame = con.sql("select categorie, note, value from facts where year = 2025 and categorie is not null order by value").pl()
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


def test_excel_downloads_hold_no_formula(delivered):
    data = exports.excel_bytes(delivered)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no cell is a formula
    shown = pl.read_excel(io.BytesIO(data))
    assert shown["categorie"].to_list() == [f"'{t}" for t in HOSTILE]


def test_a_formula_in_a_header_is_neutralised_like_one_in_a_cell():
    text = exports.csv_bytes(pl.DataFrame({"=HYPERLINK(\"http://x\")": [1], "gewoon": ["=1+1"]})).decode("utf-8-sig")
    assert text.splitlines() == ['"\'=HYPERLINK(""http://x"")";gewoon', "1;'=1+1"]


def test_lists_and_structs_are_written_as_json_text_in_csv_and_excel():
    frame = pl.DataFrame({"lijst": [[1, 2], None], "paar": [{"a": "x"}, {"a": "=y"}]})
    assert exports.csv_bytes(frame).decode("utf-8-sig").splitlines() == [
        "lijst;paar", "[1, 2];\"{\"\"a\"\": \"\"x\"\"}\"", ";\"{\"\"a\"\": \"\"=y\"\"}\""]
    sheet = pl.read_excel(io.BytesIO(exports.excel_bytes(frame)))
    assert sheet["lijst"].to_list() == ["[1, 2]", None]
