"""Downloads of exactly the data shown: CSV for Dutch Excel, and .xlsx, with formula injection neutralised."""

import datetime as dt
import io
import json
import re

import polars as pl
import xlsxwriter

FORMULA_START = r"^[=+\-@\t\r]"
DUTCH_TIME = "Europe/Amsterdam"
EXCEL_COLUMNS = 16_384  # a worksheet's width
EXCEL_FIRST_DAY = dt.date(1900, 3, 1)  # earlier serial numbers are off by a day (Lotus' leap year) or invalid
YEAR_COLUMNS = {"year", "jaar", "verslagjaar", "boekjaar"}  # "2024", not Excel's "2.024"


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells and headers that a spreadsheet would run as a formula with an apostrophe."""
    frame = flat(frame)
    names = [("'" + c if re.match(FORMULA_START, c) else c) for c in frame.columns]
    frame.columns = [n if n not in names[:i] else f"{n} ({i + 1})" for i, n in enumerate(names)]  # "=a" and "'=a"
    text_columns = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text_columns
    )


def flat(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists, structs and maps as JSON text: a CSV or a spreadsheet cell holds one value."""
    return frame.with_columns(
        pl.Series(c, [None if v is None else json.dumps(v, default=str, ensure_ascii=False) for v in frame[c].to_list()],
                  dtype=pl.String)
        for c, t in frame.schema.items() if t.is_nested()
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV as Dutch Excel opens it: semicolon-separated, decimal comma, UTF-8 with BOM."""
    text = neutralise(frame).write_csv(separator=";", decimal_comma=True)
    return ("\ufeff" + text).encode("utf-8")


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def excel_bytes(frame: pl.DataFrame, sheet: str = "gegevens") -> bytes:
    """.xlsx for Dutch Excel: text stays text as written (never a formula or a link, so no apostrophe is needed),
    numbers are numbers, years plain; a frozen header row with a filter."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
               "nan_inf_to_errors": True}  # NaN as Excel's #GETAL!, not a refusal to write the file
    with xlsxwriter.Workbook(buffer, options) as workbook:
        _excel_dates(flat(frame)).write_excel(
            workbook, worksheet=sheet[:31], autofit=True, freeze_panes="A2", autofilter=True,
            column_formats={c: _number_format(c, t) for c, t in frame.schema.items() if t.is_numeric()},
        )
    return buffer.getvalue()


def _excel_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel has no time zones (show Dutch time) and no dates before 1 March 1900 (show those as text)."""
    zoned = [c for c, t in frame.schema.items() if isinstance(t, pl.Datetime) and t.time_zone]
    frame = frame.with_columns(pl.col(c).dt.convert_time_zone(DUTCH_TIME).dt.replace_time_zone(None) for c in zoned)
    early = [c for c, t in frame.schema.items() if t in (pl.Date, pl.Datetime) and (frame[c].cast(pl.Date) < EXCEL_FIRST_DAY).any()]
    return frame.with_columns(pl.col(c).cast(pl.String) for c in early)


def _number_format(column: str, dtype: pl.DataType) -> str:
    if dtype.is_integer():
        return "0" if column.lower() in YEAR_COLUMNS else "#,##0"
    return "General"  # as many decimals as the figure has: 12,42 stays 12,42 and 136 stays 136
