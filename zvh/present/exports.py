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
# A whole-number column with one of these words in its name is a year ("Vorig jaar met dit cijfer", previous_year):
# "2024", not Excel's "2.024"
YEAR_COLUMNS = {"year", "jaar", "verslagjaar", "boekjaar"}
# Amounts in euros: these columns (financien's own too), a header ending in "(euro)", and `value` when every unit is euro
EURO_COLUMNS = {"bedrag_eur", "bedrag", "begroting", "realisatie", "verschil", "verschil_gedrukt"}
# The numeric twins of a figure column the screen shows as text (besides its "<name> (euro)")
FIRMNESS = r"\b(ongeveer|ruim|onzeker)\b"  # what formatting.figure_text adds to a number that is not exact and sure
TEXT_TWINS = {"Waarde": ("Aantal", "Bedrag (euro)", "Getal"), "cijfer": ("value", "bedrag_eur"),
              "per_100000_tekst": ("per_100000",), "inwoners_tekst": ("inwoners",)}
EURO_FORMAT, COUNT_FORMAT = "€ #,##0", "#,##0"  # Excel's codes; Dutch Excel shows € 1.958.682 and 1.133
MAX_WIDTH = 60  # characters: a longer text wraps within its column instead of running a screen wide
PIXELS_PER_CHARACTER = 7  # Excel's default font (Calibri 11): the unit of xlsxwriter's autofit
# Dutch headers for the raw columns a page's download carries without a screen label (column_config): the same
# words in CSV and Excel, as close to the screen's as the page allows.
HEADERS = {
    "year": "Jaar", "region": "Regiocode", "region_name": "Regio", "value": "Getal", "unit": "Eenheid",
    "cijfer": "Cijfer zoals getoond", "qualifier": "Nauwkeurigheid", "certainty": "Zekerheid",
    "uncertainty_reason": "Waarom onzeker", "source_title": "Bron", "source_document": "Brondocument",
    "source_locator": "Vindplaats in het verslag", "source_label": "Regel zoals gedrukt", "note": "Opmerking",
    "gemeente": "Gemeente", "gedrukt_als": "Gedrukt als", "wholly_attributed": "Geheel toegerekend", "regel": "Regel",
    "rol": "Rol", "staat": "Staat", "onderdeel": "Onderdeel", "bedrag_eur": "Bedrag (euro)", "reeks": "Reeks",
    "per_100000": "Per 100.000 inwoners", "inwoners": "Inwoners op 1 januari", "label": "Cijfer", "theme": "Thema",
    "metric": "Soort cijfer", "categorie": "Uitsplitsing", "municipality": "Gemeente zoals gedrukt",
    "jaar": "Jaar", "financier": "Financier", "toelichting": "Toelichting", "aandeel": "Aandeel",
    "aandeel_procent": "Aandeel (%)", "bedrag": "Bedrag",
}


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
    """CSV as Dutch Excel opens it: semicolon-separated, decimal comma, UTF-8 with BOM; whole numbers held as floats
    written whole (1566000, not 1566000,0)."""
    text = neutralise(whole(frame)).write_csv(separator=";", decimal_comma=True)
    return ("\ufeff" + text).encode("utf-8")


def whole(frame: pl.DataFrame) -> pl.DataFrame:
    """Float columns whose every value is whole as integers (a NaN or infinity keeps the column a float)."""
    def is_whole(s: pl.Series) -> bool:
        values = s.drop_nulls()
        return bool(values.len()) and values.is_finite().all() and (values % 1 == 0).all() and values.abs().max() < 2**53
    return frame.with_columns(pl.col(c).cast(pl.Int64) for c, t in frame.schema.items()
                              if t.is_float() and is_whole(frame[c]))


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def numbers_for_text(frame: pl.DataFrame) -> pl.DataFrame:
    """A download holds figures as numbers: a column of figures as the screen writes them ("€ 1.566.000") makes way
    for its numeric twin(s), which take its place ("Begroting" → "Begroting (euro)"; "Waarde" → "Aantal", "Bedrag
    (euro)" or "Getal"). Never at the cost of a figure's firmness: unless the frame states `qualifier` and `certainty`
    in columns of their own, a figure the text calls "ongeveer", "ruim" or "onzeker" keeps those words in a column
    beside its number ("Begroting (benadering of onzeker)"), empty for the exact and sure ones."""
    states_firmness = {"qualifier", "certainty"} <= set(frame.columns)

    def twins(column: str) -> list[pl.Expr]:
        found = [pl.col(t) for t in (f"{column} (euro)", *TEXT_TWINS.get(column, ())) if t in frame.columns]
        if frame.schema[column] != pl.String or not found:
            return []
        if states_firmness or not frame[column].str.contains(FIRMNESS).any():
            return found
        firm = pl.when(pl.col(column).str.contains(FIRMNESS)).then(pl.col(column))
        return [*found, firm.alias(f"{column} (benadering of onzeker)")]

    order: dict[str, pl.Expr] = {}
    for column in frame.columns:
        for expr in twins(column) or [pl.col(column)]:
            order.setdefault(expr.meta.output_name(), expr)
    return frame.select(order.values())


def for_download(frame: pl.DataFrame, labels: dict[str, str] | None = None,
                 rename: bool = True) -> tuple[pl.DataFrame, dict[str, str]]:
    """`frame` with Dutch headers (a screen label from `labels` first, else `HEADERS`; not when `rename` is false:
    an analyst's own query) and the Excel number format of each numeric column by its new name: amounts in euros,
    counts with a thousands point, years plain. Figures shown as text give way to their numbers (`numbers_for_text`)
    except in an analyst's own query."""
    frame = numbers_for_text(frame) if rename else frame
    euro = EURO_COLUMNS | ({"value"} if "unit" in frame.columns and frame["unit"].drop_nulls().eq("euro").all()
                           and frame["unit"].drop_nulls().len() else set())
    formats = {c: (EURO_FORMAT if c in euro or c.endswith("(euro)") else _number_format(c, t, frame[c]))
               for c, t in frame.schema.items() if t.is_numeric()}
    names = {c: ((labels or {}).get(c) or HEADERS.get(c, c)) if rename else c for c in frame.columns}
    taken: dict[str, int] = {}
    for c, n in names.items():  # two columns may not share a header: the second keeps its own name beside it
        taken[n] = taken.get(n, 0) + 1
        if taken[n] > 1:
            names[c] = f"{n} ({c})"
    return frame.rename(names), {names[c]: f for c, f in formats.items()}


def excel_bytes(frame: pl.DataFrame, sheet: str = "gegevens", formats: dict[str, str] | None = None,
                about: list[tuple[str, str]] | None = None) -> bytes:
    """.xlsx for Dutch Excel: text stays text as written (never a formula or a link, so no apostrophe is needed),
    numbers are numbers, years plain (or `formats` by column); a frozen header row with a filter. `about`: the
    rows of a second sheet, Toelichting (what the table shows, how to reproduce it, where it comes from)."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
               "nan_inf_to_errors": True}  # NaN as Excel's #GETAL!, not a refusal to write the file
    with xlsxwriter.Workbook(buffer, options) as workbook:
        write_sheet(workbook, _excel_dates(flat(frame)), sheet[:31], autofilter=True,
                    column_formats={c: (formats or {}).get(c) or _number_format(c, t)
                                    for c, t in frame.schema.items() if t.is_numeric()})
        if about:
            write_sheet(workbook, pl.DataFrame(about, schema=["Onderwerp", "Toelichting"], orient="row"), "Toelichting")
    return buffer.getvalue()


def write_sheet(workbook: xlsxwriter.Workbook, frame: pl.DataFrame, sheet: str, *,
                column_formats: dict | None = None, **options) -> None:
    """`frame` as worksheet `sheet` with a frozen header row; columns as wide as their text up to `MAX_WIDTH`
    characters, a longer text wrapped within its column (Excel then makes the row as high as it needs)."""
    long = {c: {"text_wrap": True, "valign": "top"} for c, t in frame.schema.items()
            if t == pl.String and (frame[c].str.len_chars().max() or 0) > MAX_WIDTH}
    frame.write_excel(workbook, worksheet=sheet, freeze_panes="A2",
                      column_formats={**long, **(column_formats or {})}, **options)
    workbook.get_worksheet_by_name(sheet).autofit(max_width=MAX_WIDTH * PIXELS_PER_CHARACTER)


def _excel_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel has no time zones (show Dutch time) and no dates before 1 March 1900 (show those as text)."""
    zoned = [c for c, t in frame.schema.items() if isinstance(t, pl.Datetime) and t.time_zone]
    frame = frame.with_columns(pl.col(c).dt.convert_time_zone(DUTCH_TIME).dt.replace_time_zone(None) for c in zoned)
    early = [c for c, t in frame.schema.items() if t in (pl.Date, pl.Datetime) and (frame[c].cast(pl.Date) < EXCEL_FIRST_DAY).any()]
    return frame.with_columns(pl.col(c).cast(pl.String) for c in early)


def number_formats(frame: pl.DataFrame) -> dict[str, str]:
    """The Excel format of each numeric column: counts with a thousands point, years plain, decimals as written."""
    return {c: _number_format(c, t, frame[c]) for c, t in frame.schema.items() if t.is_numeric()}


def _number_format(column: str, dtype: pl.DataType, values: pl.Series | None = None) -> str:
    if dtype.is_integer():
        return "0" if YEAR_COLUMNS & set(re.split(r"[\s_]+", column.lower())) else COUNT_FORMAT
    if values is not None and values.drop_nulls().drop_nans().len() and (values.drop_nulls().drop_nans() % 1 == 0).all():
        return COUNT_FORMAT  # whole counts held as floats: 1.133, not 1133
    return "General"  # as many decimals as the figure has: 12,42 stays 12,42
