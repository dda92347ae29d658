"""Read a delivered file as Dutch offices produce it into text columns with canonical numbers.

Accepts .xlsx and .csv (comma, semicolon or tab separated; decimal comma or point; thousands separators;
UTF-8 with or without BOM, or Windows-1252; trailing empty rows and trailing separators). Refuses anything
else with a Dutch message before parsing more than it must. Validation itself is the pandera schemas' job.
"""

import copy
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import polars as pl

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024  # an .xlsx is compressed: 5 MB can unpack to gigabytes
MAX_ROWS = 10_000  # a year's figures of one region are hundreds of rows
XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip archive
SEPARATORS = [";", ",", "\t"]


class UploadError(Exception):
    """The file cannot be read at all; the message says why, in Dutch."""


@dataclass(frozen=True)
class Upload:
    frame: pl.DataFrame  # every column text, numbers in canonical form ("1234.5")
    rows: list[int]  # for each frame row, its row number as the user sees it (header = row 1)
    dialect: str  # e.g. "csv; decimaalkomma, Windows-1252" — shown to the user


def read_upload(name: str, data: bytes, numeric_columns: set[str]) -> Upload:
    """Read `data` (the bytes of file `name`); numbers in `numeric_columns` are made canonical."""
    if len(data) > MAX_BYTES:
        raise UploadError(f"Het bestand is te groot ({len(data) / 1024 / 1024:.1f} MB; maximaal "
                          f"{MAX_BYTES // 1024 // 1024} MB).".replace(".", ",", 1))
    if not data.strip():
        raise UploadError("Het bestand is leeg.")
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xlsx":
        frame, dialect, decimal_comma = _read_xlsx(data), "Excel", None
    elif suffix in (".csv", ".txt"):
        frame, dialect, decimal_comma = _read_csv(data)
    else:
        raise UploadError(f"Bestandstype '{suffix or name}' wordt niet ondersteund: lever een .xlsx- of .csv-bestand aan.")
    frame = frame.rename({c: c.strip().lower() for c in frame.columns})
    frame = frame.select([c for c in frame.columns if c and not c.startswith("_duplicated_")])
    frame = frame.with_row_index("_row", offset=2).filter(
        ~pl.all_horizontal(pl.exclude("_row").cast(pl.String).str.strip_chars().fill_null("").eq(""))
    )
    if frame.is_empty():
        raise UploadError("Het bestand bevat alleen een kopregel en geen gegevens.")
    if frame.height > MAX_ROWS:
        raise UploadError(f"Het bestand heeft {frame.height:,} rijen; een aanlevering heeft er hoogstens {MAX_ROWS:,}. "
                          "Lever het in delen aan.".replace(",", "."))
    # A cell of spaces or an empty quoted "" is an empty cell, as in Excel; text loses stray outer spaces.
    text = pl.exclude("_row").cast(pl.String).str.strip_chars()
    frame = frame.with_columns(pl.when(text != "").then(text).name.keep())
    numbers = [c for c in frame.columns if c in numeric_columns]
    frame = frame.with_columns(_canonical_number(c, decimal_comma) for c in numbers)
    return Upload(frame.drop("_row"), frame["_row"].to_list(), dialect)


def _read_xlsx(data: bytes) -> pl.DataFrame:
    """The sheet `gegevens` of the template, or else the first sheet."""
    if not data.startswith(XLSX_MAGIC):
        raise UploadError("Het bestand heet .xlsx maar is geen echt Excel-bestand. Sla het op als Excel-werkmap (.xlsx).")
    damaged = UploadError("Het Excel-bestand kan niet worden gelezen: het is beschadigd of geen Excel-werkmap (.xlsx).")
    try:
        data = _honest_archive(data)
    except (zipfile.BadZipFile, EOFError, NotImplementedError) as error:  # NotImplementedError: an unknown packing
        raise damaged from error
    try:
        sheets = pl.read_excel(io.BytesIO(data), sheet_id=0, infer_schema_length=0)
    except pl.exceptions.NoDataError as error:
        raise UploadError("Het Excel-bestand heeft geen werkblad met gegevens.") from error
    except Exception as error:  # fastexcel raises its own CalamineError family for damaged files
        raise damaged from error
    return sheets.get("gegevens", next(iter(sheets.values())))


def _honest_archive(data: bytes) -> bytes:
    """Unpack the archive ourselves, counting what really comes out, and pack it again as read.

    A zip names its members' unpacked sizes itself, and a bomb lies about them: so no stated size is trusted.
    Each member is unpacked as if it could be as large as the whole budget; past the budget the file is
    refused. Excel's reader then gets an archive whose sizes are the true ones.
    """
    honest = io.BytesIO()
    left = MAX_UNPACKED
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(honest, "w", zipfile.ZIP_STORED) as out:
        for item in archive.infolist():
            unbounded = copy.copy(item)
            unbounded.file_size = 2 * MAX_UNPACKED  # well past the budget, so a lie shows as too large, not as damage
            content = bytearray()
            with archive.open(unbounded) as member:
                while chunk := member.read(1024 * 1024):
                    content += chunk
                    if len(content) > left:
                        raise UploadError(f"Het Excel-bestand is te groot na uitpakken (meer dan "
                                          f"{MAX_UNPACKED // 1024 // 1024} MB). Lever alleen het werkblad met de "
                                          "gegevens aan.")
            left -= len(content)
            out.writestr(item.filename, bytes(content))
    return honest.getvalue()


def _read_csv(data: bytes) -> tuple[pl.DataFrame, str, bool]:
    if data.startswith(XLSX_MAGIC):
        raise UploadError("Dit is een Excel-werkmap met de naam .csv. Geef het bestand de naam .xlsx, of sla het "
                          "in Excel op als 'CSV (gescheiden door lijstscheidingsteken)'.")
    text, encoding = _decode(data)
    header = next((line for line in text.splitlines() if line.strip()), "")
    separator = max(SEPARATORS, key=header.count)
    try:
        frame = pl.read_csv(io.StringIO(text), separator=separator, infer_schema=False, truncate_ragged_lines=True)
    except pl.exceptions.PolarsError as error:
        raise UploadError(f"Het CSV-bestand kan niet worden gelezen: {str(error).splitlines()[0]}") from error
    # A semicolon file comes from Dutch Excel and writes decimal commas; a comma file cannot.
    decimal_comma = separator == ";"
    names = {";": "puntkomma", ",": "komma", "\t": "tab"}
    mark = "decimaalkomma" if decimal_comma else "decimaalpunt"
    return frame, f"CSV ({names[separator]}-gescheiden, {mark}, {encoding})", decimal_comma


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode-tekst"
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise UploadError("Het bestand bevat tekens die niet als tekst te lezen zijn. Sla het in Excel op als "
                          "'CSV UTF-8 (gescheiden door komma's)' of als Excel-werkmap (.xlsx).") from error


def _canonical_number(column: str, decimal_comma: bool | None) -> pl.Expr:
    """"1.234,5" → "1234.5" (or "1,234.5" → "1234.5"); what is no number stays as it is, for validation."""
    text = pl.col(column).str.replace_all(r"[\s\u00a0€]", "")
    if decimal_comma is None:  # Excel: a text cell with a comma was typed the Dutch way
        dutch = text.str.contains(",")
    else:
        dutch = pl.lit(decimal_comma)
    as_dutch = text.str.replace_all(r"\.(\d{3})", "$1").str.replace(",", ".", literal=True)
    as_english = text.str.replace_all(r",(\d{3})", "$1")
    return pl.when(dutch).then(as_dutch).otherwise(as_english).alias(column)

