"""Downloads of exactly the data shown: CSV for Dutch Excel, and .xlsx, with formula injection neutralised."""

import io

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    text_columns = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text_columns
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV as Dutch Excel opens it: semicolon-separated, decimal comma, UTF-8 with BOM."""
    text = neutralise(frame).write_csv(separator=";", decimal_comma=True)
    return ("\ufeff" + text).encode("utf-8")


def excel_bytes(frame: pl.DataFrame, sheet: str = "gegevens") -> bytes:
    buffer = io.BytesIO()
    neutralise(frame).write_excel(buffer, worksheet=sheet[:31], autofit=True)
    return buffer.getvalue()
