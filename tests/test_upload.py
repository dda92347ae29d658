"""Delivered files in every dialect Dutch offices produce are read to the same canonical text."""

import io
import zipfile

import polars as pl
import pytest
import xlsxwriter

from zvh.aanlevering.upload import MAX_BYTES, MAX_ROWS, UploadError, read_upload

NUMERIC = {"value"}
EXPECTED = {"gemeente": ["Súdwest-Fryslân", "Groningen"], "value": ["1234.5", "7"]}


def csv_bytes(separator: str, numbers: list[str], encoding: str = "utf-8", bom: bool = False, tail: str = "") -> bytes:
    lines = [f"gemeente{separator}value"] + [f"{g}{separator}{n}" for g, n in zip(EXPECTED["gemeente"], numbers)]
    text = "\n".join(lines) + "\n" + tail
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


DIALECTS = {
    "komma, decimaalpunt": csv_bytes(",", ["1234.5", "7"]),
    "komma, duizendtallen": csv_bytes(",", ['"1,234.5"', "7"]),
    "puntkomma, decimaalkomma": csv_bytes(";", ["1234,5", "7"]),
    "puntkomma, duizendtallen": csv_bytes(";", ["1.234,5", "7"]),
    "puntkomma, spaties en euroteken": csv_bytes(";", ["€ 1.234,5", " 7 "]),
    "UTF-8 met BOM": csv_bytes(";", ["1234,5", "7"], bom=True),
    "Windows-1252": csv_bytes(";", ["1234,5", "7"], encoding="cp1252"),
    "lege regels aan het eind": csv_bytes(";", ["1234,5", "7"], tail=";\n;\n\n"),
    "tab-gescheiden": csv_bytes("\t", ["1234.5", "7"]),
}


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_every_csv_dialect_gives_the_same_canonical_frame(dialect):
    upload = read_upload("cijfers.csv", DIALECTS[dialect], NUMERIC)
    assert upload.frame.to_dict(as_series=False) == EXPECTED
    assert upload.rows == [2, 3]  # the rows as the user sees them in Excel


def test_a_trailing_separator_on_every_line_adds_no_column():
    data = b"gemeente;value;\nGroningen;7;\n"
    assert read_upload("x.csv", data, NUMERIC).frame.columns == ["gemeente", "value"]


def test_excel_with_numbers_and_dutch_text_numbers():
    buffer = io.BytesIO()
    pl.DataFrame({"gemeente": EXPECTED["gemeente"], "value": ["1.234,5", "7"]}).write_excel(buffer)
    upload = read_upload("cijfers.xlsx", buffer.getvalue(), NUMERIC)
    assert upload.frame.to_dict(as_series=False) == EXPECTED
    buffer = io.BytesIO()
    pl.DataFrame({"gemeente": EXPECTED["gemeente"], "value": [1234.5, 7]}).write_excel(buffer)
    assert read_upload("cijfers.xlsx", buffer.getvalue(), NUMERIC).frame["value"].to_list() == ["1234.5", "7"]


def test_empty_rows_between_keep_the_users_row_numbers():
    upload = read_upload("x.csv", b"gemeente;value\nGroningen;7\n;\nLeek;8\n", NUMERIC)
    assert upload.rows == [2, 4]


def test_a_number_that_cannot_be_read_is_left_for_validation_to_name():
    upload = read_upload("x.csv", b"gemeente,value\nGroningen,zeven\n", NUMERIC)
    assert upload.frame["value"].to_list() == ["zeven"]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("leeg.csv", b"", "leeg"),
    ("alleen_kop.csv", b"gemeente;value\n", "alleen een kopregel"),
    ("nep.xlsx", b"gemeente;value\nGroningen;7\n", "geen echt Excel-bestand"),
    ("kapot.xlsx", b"PK\x03\x04 not really a zip", "kan niet worden gelezen"),
    ("cijfers.pdf", b"%PDF-1.4", "wordt niet ondersteund"),
    ("groot.csv", b"x" * (MAX_BYTES + 1), "te groot"),
    ("excel_als.csv", b"PK\x03\x04\x14\x00rest of a workbook", "Excel-werkmap met de naam .csv"),
    ("onleesbaar.csv", b"gemeente;value\nGroningen;\x81\x8d\x8f\n", "niet als tekst te lezen"),
    ("veel.csv", b"gemeente;value\n" + b"Groningen;1\n" * (MAX_ROWS + 1), "hoogstens 10.000"),
])
def test_files_that_cannot_be_read_get_a_dutch_message(name, data, message):
    with pytest.raises(UploadError, match=message):
        read_upload(name, data, NUMERIC)


def test_utf16_unicode_text_from_excel_is_read():
    data = "gemeente\tvalue\nSúdwest-Fryslân\t1234.5\nGroningen\t7\n".encode("utf-16")
    assert read_upload("unicode.txt", data, NUMERIC).frame.to_dict(as_series=False) == EXPECTED


def test_headers_are_matched_whatever_their_case_and_spaces():
    assert read_upload("x.csv", b" Gemeente ;VALUE\nGroningen;7\n", NUMERIC).frame.columns == ["gemeente", "value"]


def test_the_sheet_named_gegevens_is_read_wherever_it_is():
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        pl.DataFrame({"uitleg": ["lees mij"]}).write_excel(workbook, worksheet="toelichting")
        pl.DataFrame({"gemeente": EXPECTED["gemeente"], "value": ["1234,5", "7"]}).write_excel(workbook, worksheet="gegevens")
    assert read_upload("x.xlsx", buffer.getvalue(), NUMERIC).frame.to_dict(as_series=False) == EXPECTED


def test_an_xlsx_that_unpacks_to_more_than_the_limit_is_refused_before_reading():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < MAX_BYTES
    with pytest.raises(UploadError, match="te groot na uitpakken"):
        read_upload("bom.xlsx", buffer.getvalue(), NUMERIC)


def lying_archive(unpacked: int, claimed: int) -> bytes:
    """An .xlsx whose sheet unpacks to `unpacked` bytes while its headers claim `claimed`: a zip bomb."""
    buffer = io.BytesIO()
    name = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(name.decode(), b"0" * unpacked)
    data = bytearray(buffer.getvalue())
    for signature, name_length_at, name_at, size_at in [(b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)]:
        at = data.find(signature)
        while at >= 0:  # the local header and the central directory both state the size
            length = int.from_bytes(data[at + name_length_at:at + name_length_at + 2], "little")
            if data[at + name_at:at + name_at + length] == name:
                data[at + size_at:at + size_at + 4] = claimed.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    return bytes(data)


def test_a_zip_bomb_that_lies_about_its_size_is_refused_by_what_it_unpacks_to():
    bomb = lying_archive(unpacked=300 * 1024 * 1024, claimed=2048)
    assert len(bomb) < MAX_BYTES
    assert [i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()] == [8, 2048]
    with pytest.raises(UploadError, match="te groot na uitpakken"):
        read_upload("bom.xlsx", bomb, NUMERIC)
