"""Delivery templates: the columns a ZVH office fills in, what each may hold, and an example row.

Allowed values come from the same places the validation reads them (the schemas and the reference CSVs),
so a template never promises what the check refuses.
"""

import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import xlsxwriter

from validation.common import FIRST_YEAR, QUALIFIERS, last_year
from validation.financien import EENHEDEN, ONDERDELEN, STATEN
from validation.kerncijfers import UNITS
from zvh.aanlevering.staging import EXAMPLE_NOTE, REQUIRED
from zvh.present import exports
from zvh.source.regions import Regions
from zvh.source.regions import read as read_regions

TABLES = {"kerncijfers": "Kerncijfers", "verdelingen": "Verdelingen", "financien": "Financiën", "personeel": "Personeel"}
DESCRIPTIONS = {  # what a ZVH office delivers, in its own words
    "kerncijfers": "Aantallen per thema: casussen, aanmeldingen, signalen mensenhandel, …",
    "verdelingen": "Percentages die samen 100 zijn: verwijzers, leeftijdsgroepen, …",
    "financien": "Begroting, realisatie, resultaat en reserve",
    "personeel": "Formatie in personen en fte",
}


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    allowed: str
    example: object
    choices: tuple[str, ...] = ()  # a short fixed list: offered as a drop-down in the Excel template


def _common(example_year: int, regions: Regions) -> list[Column]:
    codes = tuple(regions.names)
    return [
        Column("region", "Regio van het Zorg- en Veiligheidshuis", " of ".join(codes), codes[0], codes),
        Column("year", "Jaar waarover het cijfer gaat", f"{FIRST_YEAR} t/m {last_year()}", example_year),
    ]


def _tail() -> list[Column]:
    return [
        Column("qualifier", "Is het cijfer exact of een benadering? (leeg = exact)", ", ".join(QUALIFIERS), "exact",
               tuple(QUALIFIERS)),
        Column("note", "Toelichting (vrije tekst, mag leeg)", "tekst", EXAMPLE_NOTE),
    ]


def columns(table: str, data_dir: Path) -> list[Column]:
    """The template's columns for `table`, with allowed values read from the reference data in `data_dir`."""
    year = last_year() - 1
    reference = data_dir / "reference"
    regions = read_regions(data_dir)
    if table == "kerncijfers":
        metrics = pl.read_csv(reference / "metrics.csv", infer_schema=False)
        return [*_common(year, regions),
                Column("theme", "Thema", "zie werkblad thema_metric", "mensenhandel",
                       tuple(sorted(set(metrics["theme"])))),
                Column("metric", "Wat er geteld is", "zie werkblad thema_metric (bij het thema)", "signalen"),
                Column("gemeente", "Gemeente (leeg = de hele regio)", "zie werkblad gemeenten", ""),
                Column("categorie", "Uitsplitsing, bijvoorbeeld leeftijdsgroep (leeg = geen)", "tekst", ""),
                Column("value", "Het cijfer", "getal, 0 of meer (bij procent hoogstens 100)", 171),
                Column("unit", "Eenheid", " of ".join(UNITS), "aantal", tuple(UNITS)),
                *_tail()]
    if table == "verdelingen":
        return [*_common(year, regions),
                Column("theme", "Thema", "kleine letters, cijfers en _", "maatwerk"),
                Column("verdeling", "Naam van de verdeling", "kleine letters, cijfers en _ (bijv. verwijzer)", "verwijzer"),
                Column("categorie", "Categorie binnen de verdeling", "tekst", "Gemeenten"),
                Column("percentage", "Percentage; de categorieën van één verdeling tellen op tot 100",
                       "getal van 0 t/m 100", 100),
                *_tail()]
    if table == "financien":
        organisations = pl.read_csv(reference / "organisatie.csv", infer_schema=False)["organisation"].to_list()
        financiers = pl.read_csv(reference / "financiers.csv", infer_schema=False)["financier"].to_list()
        return [*_common(year, regions),
                Column("organisation", "Organisatie", ", ".join(organisations),
                       regions.organisations.get(next(iter(regions.names)), organisations[0]), tuple(organisations)),
                Column("staat", "Begroting, realisatie of verschil; stand of mutatie bij een reserve",
                       ", ".join(STATEN), "realisatie", tuple(STATEN)),
                Column("onderdeel", "Lasten, baten, resultaat of reserve", ", ".join(ONDERDELEN), "lasten",
                       tuple(ONDERDELEN)),
                Column("post", "Begrotingspost", "kleine letters, cijfers en _ (bijv. personeel)", "personeel"),
                Column("financier", "Wie betaalt (bij baten; mag leeg)", ", ".join(financiers), "", tuple(financiers)),
                Column("bedrag", "Bedrag (lasten positief; een tekort negatief)", "getal", 1566000),
                Column("eenheid", "Eenheid van het bedrag", ", ".join(EENHEDEN), "euro", tuple(EENHEDEN)),
                Column("part_of", "Groepscode van het totaal waar deze regel onder valt (mag leeg)", "kleine letters, cijfers en _", ""),
                Column("total_of", "Groepscode als deze regel een totaal is (mag leeg)", "kleine letters, cijfers en _", ""),
                *_tail()]
    if table == "personeel":
        return [*_common(year, regions),
                Column("functie", "Functie zoals in de formatie", "tekst", "Procesregisseur"),
                Column("functiegroep", "Groep van de functie", "kleine letters, cijfers en _ (bijv. procesregie)", "procesregie"),
                Column("personen", "Aantal personen (mag leeg als fte is ingevuld)", "getal, 0 of meer", ""),
                Column("fte", "Formatie in fte (mag leeg als personen is ingevuld)", "getal, 0 of meer", 4.5),
                Column("in_natura", "Door een partner beschikbaar gesteld (in natura)?", "ja of nee", "nee", ("ja", "nee")),
                *_tail()]
    raise ValueError(f"unknown table {table!r}")


def guide(table: str, data_dir: Path) -> pl.DataFrame:
    """One row per column: what it means, whether it is required, what it may hold (Dutch, for the page)."""
    return pl.DataFrame([
        {"Kolom": c.name, "Verplicht": "ja" if c.name in REQUIRED[table] else "nee", "Betekenis": c.meaning,
         "Toegestaan": c.allowed}
        for c in columns(table, data_dir)
    ])


def example(table: str, data_dir: Path) -> pl.DataFrame:
    """The header and one example row."""
    cols = columns(table, data_dir)
    # Numbers stay numbers: written as text, Dutch Excel would read the CSV's 4.5 fte as the date 4 May.
    types = {int: pl.Int64, float: pl.Float64}
    return pl.DataFrame({c.name: [c.example if c.example != "" else None] for c in cols},
                        schema={c.name: types.get(type(c.example), pl.String) for c in cols})


def csv_template(table: str, data_dir: Path) -> bytes:
    """The template as Dutch Excel opens a CSV: semicolons, decimal comma, BOM."""
    return exports.csv_bytes(example(table, data_dir))


def excel_template(table: str, data_dir: Path) -> bytes:
    """Sheet `gegevens` (first: the one read back) with drop-downs, then `toelichting` and look-up sheets."""
    cols = columns(table, data_dir)
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        frame = exports.neutralise(example(table, data_dir))
        exports.write_sheet(workbook, frame, "gegevens", column_formats=exports.number_formats(frame))
        sheet = workbook.get_worksheet_by_name("gegevens")
        for index, column in enumerate(cols):
            # The header keeps the delivery contract's name (what the check reads); its note says it in Dutch.
            sheet.write_comment(0, index, column.meaning, {"x_scale": 2})
            if column.choices:
                sheet.data_validation(1, index, 1000, index, {
                    "validate": "list", "source": list(column.choices), "ignore_blank": True,
                    "error_title": "Ongeldige waarde", "error_message": f"Toegestaan: {column.allowed}",
                })
        exports.write_sheet(workbook, guide(table, data_dir), "toelichting")
        for name, lookup in _lookups(table, data_dir).items():
            exports.write_sheet(workbook, lookup, name)
    return buffer.getvalue()


def _lookups(table: str, data_dir: Path) -> dict[str, pl.DataFrame]:
    if table != "kerncijfers":
        return {}
    reference = data_dir / "reference"
    metrics = pl.read_csv(reference / "metrics.csv", infer_schema=False).select("theme", "metric", "label", "definitie", "unit")
    names = pl.read_csv(reference / "gemeente_namen.csv", infer_schema=False).select(pl.col("naam_zoals_gedrukt").alias("gemeente"))
    return {"thema_metric": metrics, "gemeenten": names.unique().sort("gemeente")}

