"""Downloads of exactly the data shown: CSV for Dutch Excel, and .xlsx, with formula injection neutralised."""

import io
import json
import re

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells and headers that a spreadsheet would run as a formula with an apostrophe."""
    frame = flat(frame).rename(lambda c: "'" + c if re.match(FORMULA_START, c) else c)
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


def excel_bytes(frame: pl.DataFrame, sheet: str = "gegevens") -> bytes:
    buffer = io.BytesIO()
    neutralise(frame).write_excel(buffer, worksheet=sheet[:31], autofit=True)
    return buffer.getvalue()
