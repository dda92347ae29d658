"""Every page's downloads as a user gets them by clicking: opened with real readers (openpyxl, polars), Dutch
headers, the same in CSV and Excel, numbers as numbers with Dutch Excel formats."""

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import openpyxl
import polars as pl
import pytest
import streamlit.delta_generator as dg

from tests.apptest import open_page
from zvh.present import exports
from zvh.query import sql
from zvh.store.build import build

# Regio's vergelijken draws one figure's tab at a time.
VERGELIJKING = ["Maatwerk: Afgesloten zaken", "Maatwerk: Lopende zaken bij begin jaar", "Maatwerk: Nieuwe aanmeldingen",
                "Maatwerk: Zaken in procesregie", "Signalen mensenhandel"]
PAGES = [
    ("overzicht", {"regio": "Groningen", "jaar": "2024"}), ("trends", {}),
    ("trends", {"cijfer": "Maatwerk: Nieuwe aanmeldingen"}), ("mensenhandel", {}),
    ("gemeenten", {"regio": "Groningen", "jaar": "2017"}),
    ("gemeenten", {"regio": "Groningen", "jaar": "2024", "maat": "Per 100.000 inwoners"}),
    ("gemeenten", {"regio": "Groningen", "jaar": "2017", "tabblad": "Tabel"}),
    ("gemeenten", {"regio": "Groningen", "jaar": "2024", "maat": "Per 100.000 inwoners", "tabblad": "Tabel"}),
    ("gemeenten", {"regio": "Groningen", "jaar": "2024", "maat": "Per 100.000 inwoners", "tabblad": "Staafdiagram"}),
    ("financien", {"regio": "Groningen", "boekjaar": "2024"}), ("financien", {"tabblad": "Regio's naast elkaar"}),
    ("financien", {"tabblad": "Resultaat en reserves"}),
    ("financien", {"regio": "Groningen", "boekjaar": "2024", "tabblad": "Samenstelling"}),
    ("financien", {"regio": "Groningen", "boekjaar": "2024", "tabblad": "Financiers"}),
    ("bronnen", {}), ("bronnen", {"onderdeel": "Vindplaats van een cijfer"}), ("bronnen", {"onderdeel": "Documenten"}),
    ("signalen", {}),
] + [("vergelijking", {"cijfer": figure, **per}) for figure in VERGELIJKING for per in ({}, {"per_inwoners": "true"})]
RAW = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")  # a column name as the code knows it: source_title, region_name


@contextmanager
def offered() -> Iterator[dict]:
    """The files the page's download buttons offer while the block runs, by file name (data or its callable)."""
    files = {}
    original = dg.DeltaGenerator.download_button

    def keep(self, label, data, file_name=None, **kwargs):
        files[file_name] = data
        return original(self, label, data, file_name=file_name, **kwargs)

    with mock.patch.object(dg.DeltaGenerator, "download_button", keep):
        yield files


def clicked(page: str, **params) -> dict[str, bytes]:
    """Every file the page offers, by file name, as a click on its button delivers it (outside the page's run)."""
    with offered() as files:
        open_page(page, **params)
    return {name: data() if callable(data) else data for name, data in files.items()}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, bytes]:
    # A database of this module's own: the app keeps its connection open after the pages ran, and DuckDB allows one
    # configuration per file and process (the werkbank's tests open the session's database read-only their way).
    db = tmp_path_factory.mktemp("downloads") / "zvh.duckdb"
    build(db)
    with pytest.MonkeyPatch.context() as env:  # once per module: the pages take seconds each
        env.setenv("ZVH_DB", str(db))
        return {name: data for page, params in PAGES for name, data in clicked(page, **params).items()}


def sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_every_page_offers_csv_and_excel_of_each_table(files):
    stems = {name.rsplit(".", 1)[0] for name in files if not name.endswith(".pdf")}  # the PDF: tests/test_report.py
    assert len(stems) >= 10
    assert all(f"{stem}.csv" in files and f"{stem}.xlsx" in files for stem in stems)
    assert len({s for s in stems if s.startswith("vergelijking_")}) == 2 * len(VERGELIJKING)  # each tab, both ways


def test_headers_are_dutch_and_the_same_in_csv_and_excel(files):
    for name, data in files.items():
        if not name.endswith(".xlsx"):
            continue
        excel = [c.value for c in sheet(data)[1]]
        csv = pl.read_csv(io.BytesIO(files[name.replace(".xlsx", ".csv")]), separator=";", decimal_comma=True,
                          infer_schema_length=0).columns
        assert excel == csv, name
        assert not [h for h in excel if RAW.match(h) or h in exports.HEADERS], (name, excel)


def test_years_are_plain_integers_and_figures_numbers(files):
    for name, data in files.items():
        if not name.endswith(".xlsx"):
            continue
        rows = sheet(data)
        header = [c.value for c in rows[1]]
        for cell in rows[2]:
            column = header[cell.column - 1]
            if column == "Jaar" or column.startswith("Vorig jaar met"):
                assert isinstance(cell.value, int) and cell.number_format == "0", (name, column, cell.value)
            if column in ("Getal", "Aantal", "Bedrag (euro)", "Bedrag") and cell.value is not None:
                assert isinstance(cell.value, int | float), (name, column, cell.value)


def test_the_overzicht_download_holds_each_figure_as_a_number_with_its_format(files):
    rows = list(sheet(files["overzicht_groningen_2024.xlsx"]).iter_rows(values_only=False))
    header = [c.value for c in rows[0]]
    by_label = {r[0].value: {h: c for h, c in zip(header, r)} for r in rows[1:]}
    assert by_label["Maatwerk: Actieve zaken"]["Aantal"].value == 278
    assert by_label["Maatwerk: Actieve zaken"]["Aantal"].number_format == "#,##0"
    lasten = by_label["Lasten (realisatie)"]["Bedrag (euro)"]
    assert lasten.value == 1_958_682 and lasten.number_format == "€ #,##0"  # Dutch Excel: € 1.958.682
    # the number, its qualifier in a column of its own; the screen's "ruim 500" is no cell of the file
    assert header[:5] == ["Cijfer", "Jaar", "Aantal", "Bedrag (euro)", "Toelichting"]
    assert by_label["Screenings nazorg detentie"]["Aantal"].value == 500
    assert by_label["Screenings nazorg detentie"]["Toelichting"].value == "bij benadering (ruim)"


def test_financien_lines_download_amounts_as_euros(files):
    rows = list(sheet(files["financien_groningen_2024_regels.xlsx"]).iter_rows())
    header = [c.value for c in rows[0]]
    lines = {r[0].value: {h: c for h, c in zip(header, r)} for r in rows[1:]}
    total = lines["Σ Totaal lasten"]
    # the amounts where the screen has them, as numbers: the screen's "€ 1.955.000" is no cell of the file
    assert header[:5] == ["Regel", "Begroting (euro)", "Realisatie (euro)", "Realisatie − begroting (euro)",
                          "Verschil zoals gedrukt (euro)"]
    assert total["Begroting (euro)"].value == 1_955_000
    assert total["Realisatie (euro)"].value == 1_958_682 and total["Realisatie (euro)"].number_format == "€ #,##0"


FIGURE_AS_TEXT = re.compile(r"^(ruim |ongeveer |ca\. )?(€ ?)?-?\d{1,3}(\.\d{3})*(,\d+)?( fte| %)?$")


PLAIN_NUMBER = re.compile(r"-?\d+(,\d+)?")  # how the CSV writes a number: 1958682, 12,42


def test_no_file_holds_a_figure_as_text(files):
    # "€ 1.955.000", "ruim 500", "12,42 fte" are how the screen shows figures; a file holds them as numbers, with their
    # qualifier and unit in columns of their own (Vindplaats: Getal and Eenheid)
    for name, data in files.items():
        if name.endswith(".pdf"):
            continue
        rows = (sheet(data).iter_rows(min_row=2, values_only=True) if name.endswith(".xlsx")
                else pl.read_csv(io.BytesIO(data), separator=";", infer_schema=False).iter_rows())
        # only a figure that is not exact or not sure keeps its words, beside its number (exports.numbers_for_text)
        as_text = [v for r in rows for v in r if isinstance(v, str) and FIGURE_AS_TEXT.match(v)
                   and not re.search(exports.FIRMNESS, v)
                   and not (name.endswith(".csv") and PLAIN_NUMBER.fullmatch(v))]  # CSV writes numbers as text
        assert not as_text, (name, as_text[:5])


def test_the_regions_totals_download_holds_the_totals_as_euros(files):
    rows = list(sheet(files["financien_totalen_regios.xlsx"]).iter_rows())
    header = [c.value for c in rows[0]]
    by_year = {(r[0].value, r[1].value, r[2].value): {h: c for h, c in zip(header, r)} for r in rows[1:]}
    lasten = by_year[("Groningen", 2024, "Totaal lasten")]["Realisatie (euro)"]
    assert lasten.value == 1_958_682 and lasten.number_format == exports.EURO_FORMAT
    assert by_year[("Fryslân", 2024, "Totaal lasten")]["Realisatie (euro)"].value is None  # not printed: empty, not "–"
    assert "Realisatie" not in header  # the screen's "–" and "€ 1.958.682" are no cells of the file


def test_the_toelichting_gives_the_definitions_of_its_figures_per_report(files):
    about = lambda name: dict(openpyxl.load_workbook(io.BytesIO(files[name]))["Toelichting"]  # noqa: E731
                              .iter_rows(min_row=2, values_only=True))
    overzicht = about("overzicht_groningen_2024.xlsx")
    assert overzicht["Definitie: Maatwerk: Actieve zaken"].startswith("Alle casussen waaraan in het jaar is gewerkt")
    own = overzicht["Definitie: Maatwerk: Actieve zaken, volgens ZVHG Jaarverslag 2024"]
    assert own.startswith("Casussen binnen Maatwerk") and "In de woorden van het verslag: ‘" in own
    signalen = about("trends_mensenhandel_signalen_2016_2024.xlsx")  # both regions: each report's own way of counting
    assert {"Definitie: Signalen mensenhandel, volgens ZVHF Jaarverslag 2024",
            "Definitie: Signalen mensenhandel, volgens ZVHG Jaarverslag 2020"} <= set(signalen)


def test_raw_column_names_get_their_dutch_header_and_years_stay_plain():
    frame = pl.DataFrame({"region_name": ["Groningen"], "year": [2024]})
    shown, formats = exports.for_download(frame)
    assert shown.columns == ["Regio", "Jaar"] and formats == {"Jaar": "0"}


def test_every_excel_file_explains_itself_on_a_toelichting_sheet(files, con):
    version = con.sql("select data_version from build_info").fetchall()[0][0]  # the same data: the same version
    for name, data in files.items():
        if name.endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(data))
            assert book.sheetnames == ["gegevens", "Toelichting"], name
            about = dict(book["Toelichting"].iter_rows(min_row=2, values_only=True))
            assert about["Gegevens"].startswith(f"Gegevensversie {version}, opgebouwd "), name
            assert about["Inhoud"] and about["Bronnen"], name
    overzicht = dict(openpyxl.load_workbook(io.BytesIO(files["overzicht_groningen_2024.xlsx"]))["Toelichting"]
                     .iter_rows(min_row=2, values_only=True))
    assert overzicht["Keuzes (anders dan de standaard)"] == "jaar = 2024"  # Groningen is the default region
    assert overzicht["Link naar dit scherm"].endswith("?jaar=2024")
    assert overzicht["Bronnen"] == "ZVHG Jaarverslag 2024"


def test_csv_writes_whole_numbers_whole_and_keeps_decimals_as_printed():
    frame = pl.DataFrame({"Bedrag (euro)": [1_566_000.0, None], "fte": [12.42, 0.05], "Getal": [float("nan"), 1.0]})
    text = exports.csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines()[1:] == ["1566000;12,42;NaN", ";0,05;1,0"]  # a NaN keeps its column a float


def test_the_werkbank_excel_keeps_the_analysts_names_and_explains_itself(files, con):
    at = open_page("werkbank")
    example = next(q.text for q in sql.examples() if q.name == "voorbeeld_begroting_realisatie")
    at.text_area(key="sql_tekst").set_value(example)
    with offered() as files:
        at.button(key="uitvoeren").click().run()
    book = openpyxl.load_workbook(io.BytesIO(files["query.xlsx"]()))
    assert book.sheetnames == ["gegevens", "Toelichting"]
    rows = list(book["gegevens"].iter_rows())
    header = [c.value for c in rows[0]]
    assert {"region", "year", "begroting", "realisatie"} <= set(header)  # as the analyst wrote them
    assert rows[1][header.index("year")].number_format == "0"
    assert rows[1][header.index("begroting")].number_format == exports.EURO_FORMAT
    about = dict(book["Toelichting"].iter_rows(min_row=2, values_only=True))
    assert "begroting" in about["Inhoud"] and about["Gegevens"].startswith("Gegevensversie ")


def toelichting(data: bytes) -> dict[str, str]:
    return dict(openpyxl.load_workbook(io.BytesIO(data))["Toelichting"].iter_rows(min_row=2, values_only=True))


def test_every_download_says_in_words_what_it_holds(files):
    for name, data in files.items():
        if name.endswith(".xlsx"):
            what = toelichting(data)["Inhoud"]
            assert what != name.removesuffix(".xlsx") and " " in what, (name, what)


def test_financien_and_gemeenten_downloads_give_the_definitions_of_their_figures(files):
    lasten = toelichting(files["financien_groningen_2024_lasten_realisatie.xlsx"])
    assert lasten["Definitie: Totale lasten"] and lasten["Definitie: Aandeel"]
    assert lasten["Definitie: Totale lasten, volgens ZVHG Jaarverslag 2024"].startswith("Totaal lasten in de jaarrekening")
    baten = toelichting(files["financien_groningen_2024_baten_realisatie.xlsx"])
    assert "Definitie: Totale baten, volgens ZVHG Jaarverslag 2024" in baten
    financiers = toelichting(files["financien_groningen_financiers_realisatie.xlsx"])
    assert financiers["Financier: Rijk"].startswith("Rijksbijdragen") and financiers["Definitie: Baten per financier"]
    totals = toelichting(files["financien_totalen_regios.xlsx"])
    assert {"Definitie: Totale lasten, volgens ZVHF Jaarverslag 2024", "Definitie: Totale baten"} <= set(totals)
    gemeenten = [toelichting(d) for n, d in files.items() if n.startswith("gemeenten_groningen_") and n.endswith(".xlsx")]
    assert len(gemeenten) >= 3 and all(any(k.startswith("Definitie: ") for k in g) for g in gemeenten)


def test_coverage_and_documents_name_the_reports_they_list(files, con):
    titles = {t for (t,) in con.sql("select source_title from source_documents").fetchall()}
    for name in ("dekking.xlsx", "documenten.xlsx"):
        listed = set(toelichting(files[name])["Bronnen"].split("; "))
        assert listed == titles, name  # both regions by default: every report, by its title
