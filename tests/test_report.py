"""The stuurgroeprapportage read back as its reader gets it: the PDF through poppler's pdftotext, its figures compared
with the Overzicht's own tiles (zvh.present.overzicht), the data version with build_info's, the refusal, the CLI and
the Overzicht's download button."""

import re
import subprocess
import sys
from unittest import mock

import duckdb
import polars as pl
import pytest
import streamlit as st

from tests.apptest import open_page
from zvh.present import financien as fin
from zvh.present import signalen
from zvh.present import overzicht as kpis
from zvh.present.formatting import version_text
from zvh.query import sql
from zvh.report.content import NoFigures
from zvh.report.figures import budget_bars_svg
from zvh.report.pdf import render

# Both regions, two years each: the newest and the one before with headline figures.
REPORTS = [("groningen", 2024), ("groningen", 2023), ("fryslan", 2024), ("fryslan", 2023)]


def pdf_text(pdf: bytes, *mode: str) -> str:
    """What pdftotext reads from the PDF (`-layout`: as placed on the page; `-raw`: in the order it was written,
    which keeps a table cell's wrapped lines together)."""
    return subprocess.run(["pdftotext", *mode, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def overzicht_tiles(con, region: str, year: int) -> list[kpis.Tile]:
    """The tiles the Overzicht shows for the region and year, made as its page makes them."""
    series = sql.run(con, "overzicht_reeks", region=region, kpis=kpis.COUNTED)
    return kpis.tiles(series, sql.run(con, "metric_labels"), year,
                      sql.run(con, "definities").filter(pl.col("region") == region),
                      sql.run(con, "bronnen_bevindingen").filter(pl.col("region") == region),
                      sql.run(con, "signalen").filter(pl.col("region") == region))


@pytest.fixture(scope="module")
def reports(built_db) -> dict[tuple[str, int], bytes]:
    """Each report of `REPORTS`, made from the session's database as the app and the CLI make it."""
    return {(region, year): render(built_db, region, year) for region, year in REPORTS}


@pytest.mark.parametrize(("region", "year"), REPORTS)
def test_the_pdf_gives_the_overzichts_figures_with_their_changes_in_its_order(reports, con, region, year):
    tiles = overzicht_tiles(con, region, year)
    assert len(tiles) >= 3
    text = flat(pdf_text(reports[region, year], "-raw"))
    places = []
    for tile in tiles:
        # The value cell, then the change cell: as the tile shows them, the change's words included.
        row = f"{tile.value} {tile.delta or 'geen eerder jaar met dit cijfer'}"
        assert row in text, f"{tile.name}: {row!r} not in the PDF"
        places.append(text.index(f"{tile.name}"))
    assert places == sorted(places), "the figures are not in the Overzicht's order"


@pytest.mark.parametrize(("region", "year"), REPORTS)
def test_every_page_prints_the_data_version_and_build_date_of_the_database(reports, con, region, year):
    version = version_text(sql.run(con, "build_info").row(0, named=True))
    pages = pdf_text(reports[region, year], "-layout").split("\f")[:-1]  # a form feed ends each page
    assert 1 <= len(pages) <= 3  # A4: figures, signals, budget
    for number, page in enumerate(pages, 1):
        assert version in flat(page), f"page {number} lacks {version!r}"
        assert f"pagina {number} van {len(pages)}" in page


def test_the_pdf_names_the_source_of_each_figure_and_its_title(reports, con):
    text = flat(pdf_text(reports["groningen", 2024], "-raw"))
    series = sql.run(con, "overzicht_reeks", region="groningen", kpis=kpis.COUNTED).filter(pl.col("year") == 2024)
    assert "Zorg- en Veiligheidshuis Groningen · 2024" in text
    for row in series.iter_rows(named=True):
        assert f"Bron: {row['source_title']}, {row['source_locator']}" in text or row["kpi"].endswith("begroting")


def test_begroting_and_realisatie_are_the_financien_lines_and_a_chart_of_vector_marks(reports, con):
    pdf = reports["groningen", 2024]
    text = flat(pdf_text(pdf, "-raw"))
    lines = fin.line_table(sql.run(con, "financien_regels", region="groningen", year=2024))
    as_planned = (pl.col("Soort regel") == "Regel") & (pl.col("Realisatie − begroting (euro)") == 0)
    for line in lines.filter(~as_planned).iter_rows(named=True):  # as Financiën's table shows each line
        assert " ".join(line[c] for c in ("Regel", "Begroting", "Realisatie", "Realisatie − begroting")) in text
    assert "Σ Totaal lasten € 1.955.000 € 1.958.682 € 3.682" in text
    assert (f"{lines.filter(as_planned).height} regels onder een (sub)totaal zijn gerealiseerd zoals begroot en "
            "staan hier niet") in text
    images = subprocess.run(["pdfimages", "-list", "-", ], input=pdf, capture_output=True, check=True).stdout.decode()
    assert len(images.strip().splitlines()) == 2, "a raster image in the PDF (only its header is expected)"
    assert "bij benadering of onzeker" in text and "€ 1,5 mln" in text  # the chart's legend and axis, drawn as text


def test_a_region_year_without_figures_is_refused(built_db):
    with pytest.raises(NoFigures, match=r"No headline figures for Fryslân \(fryslan\) in 2019; years with figures: "
                                        r"2024, 2023"):
        render(built_db, "fryslan", 2019)
    with pytest.raises(NoFigures, match="Unknown region 'atlantis'; the regions are groningen, fryslan"):
        render(built_db, "atlantis", 2024)


def test_the_cli_writes_the_report_and_refuses_a_year_without_figures(built_db, tmp_path):
    out = tmp_path / "rapport.pdf"
    made = subprocess.run([sys.executable, "-m", "zvh.cli", "rapport", "--regio", "groningen", "--jaar", "2024",
                           "--uit", str(out), "--db", str(built_db)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "Maatwerk: Actieve zaken" in pdf_text(out.read_bytes(), "-layout")
    refused = subprocess.run([sys.executable, "-m", "zvh.cli", "rapport", "--regio", "fryslan", "--jaar", "2019",
                              "--uit", str(tmp_path / "niet.pdf"), "--db", str(built_db)],
                             capture_output=True, text=True)
    assert refused.returncode == 1
    assert "Refused: No headline figures for Fryslân (fryslan) in 2019" in refused.stderr
    assert not (tmp_path / "niet.pdf").exists()
    # a PDF that cannot take its name (a folder stands there) is refused, and no part of it is left behind
    (tmp_path / "map").mkdir()
    blocked = subprocess.run([sys.executable, "-m", "zvh.cli", "rapport", "--regio", "groningen", "--jaar", "2024",
                              "--uit", str(tmp_path / "map"), "--db", str(built_db)], capture_output=True, text=True)
    assert blocked.returncode == 1 and "Cannot write" in blocked.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map", "rapport.pdf"]


def test_the_overzicht_offers_the_report_of_its_region_and_year_made_when_clicked(app_db, con):
    offered, original = {}, st.download_button

    def keep(label, data, **kwargs):
        offered[label, kwargs["file_name"]] = data
        return original(label, data, **kwargs)

    with mock.patch("streamlit.download_button", keep):
        at = open_page("overzicht", regio="Fryslân", jaar="2023")
    make = offered["Stuurgroeprapportage (PDF)", "stuurgroeprapportage_fryslan_2023.pdf"]
    assert callable(make), "the PDF must be made only when clicked"
    pdf = make()
    assert pdf.startswith(b"%PDF")
    shown = {m.label: m.value for m in at.metric}
    text = flat(pdf_text(pdf, "-raw"))
    assert shown and all(value in text for value in shown.values())


@pytest.mark.parametrize(("region", "year"), REPORTS)
def test_the_signals_section_lists_overzichts_signals_in_its_order_with_both_sources(reports, con, region, year):
    """The PDF's "Signalen" are Overzicht's "Wat valt op": the same rows of the view `signalen`, in the same order."""
    shown = signalen.noteworthy(sql.run(con, "signalen"), region, year)
    text = flat(pdf_text(reports[region, year], "-raw"))
    start = text.index("Signalen", text.index("was niet eenduidig"))  # the heading after the figures' footnote
    section = text[start:text.index("Begroting en realisatie")]
    places = [section.index(flat(f"{signalen.heading(row)} · {row['description']}")) for row in shown.iter_rows(named=True)]
    assert places == sorted(places)
    for row in shown.iter_rows(named=True):
        assert flat(f"Bron: {row['source_title']}, {row['source_locator']}; eerder: {row['previous_source_title']}, "
                    f"{row['previous_source_locator']}") in section
    if shown.is_empty():
        assert "geen verandering is onvergelijkbaar" in section


def test_the_groningen_2024_report_has_its_signals_and_none_that_is_no_signal(reports, con):
    shown = signalen.noteworthy(sql.run(con, "signalen"), "groningen", 2024)
    assert {"signaal", "niet_vergelijkbaar"} <= set(shown["status"])  # the case the test above must cover
    quiet = sql.run(con, "signalen").filter((pl.col("region") == "groningen") & (pl.col("year") == 2024)
                                            & (pl.col("status") == "geen_signaal"))
    text = flat(pdf_text(reports["groningen", 2024], "-raw"))
    assert quiet.height and not any(flat(row["description"]) in text for row in quiet.iter_rows(named=True))


def test_a_signals_text_full_of_typst_markup_prints_as_written(workspace):
    """Content reaches typst as JSON, never as markup: typst's special characters show as written."""
    _, db = workspace
    hostile = "Stijging #1 van $5 *sterk* _echt_ [zie] @ref <label> // geen commentaar"
    with duckdb.connect(str(db)) as writer:
        writer.execute("update signalen_rows set description = $text where region = 'groningen' and year = 2024 "
                       "and status = 'signaal'", {"text": hostile})
    text = flat(pdf_text(render(db, "groningen", 2024), "-raw"))
    assert hostile in text


def test_the_budget_chart_tells_begroting_from_realisatie_without_colour():
    svg = budget_bars_svg([
        {"year": 2023, "begroting": 100.0, "realisatie": 120.0, "begroting_rough": False, "realisatie_rough": True},
        {"year": 2024, "begroting": 130.0, "realisatie": None, "begroting_rough": False, "realisatie_rough": False},
    ], colour="#0072B2")
    bars = re.findall(r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+"[^>]*>', svg)
    fills = [re.search(r'fill="([^"]+)"', b)[1] for b in bars]
    assert fills[:3] == ["url(#hatch)", "#0072B2", "url(#hatch)"]  # 2024 has no realisatie bar, not a zero one
    assert 'stroke-dasharray="3 2"' in bars[1] and "stroke-dasharray" not in bars[0]  # the rough amount: dashed
    assert ">2023<" in svg and ">2024<" in svg


def test_a_signals_figures_bring_their_reports_and_findings(reports, built_db):
    # Groningen 2024's 'Afgesloten zaken' is set beside 2017's Tabel 4: the VHG report is a source of this PDF too
    text = flat(pdf_text(reports["groningen", 2024], "-raw"))
    sources = text[text.rindex("Bronnen", 0, text.index("Elk cijfer noemt hierboven")):]
    assert "VHG Jaarverslag 2017 / Jaarplan 2018" in sources and "ZVHG Jaarverslag 2024" in sources
    # 2017's zaken mensenhandel is no headline tile but a signal's figure: its contradiction (50 in the text, 40 in
    # Tabel 3) is under Datakwaliteit
    text = flat(pdf_text(render(built_db, "groningen", 2017), "-raw"))
    quality = text[text.index("Datakwaliteit"):text.index("Bronnen", text.index("Datakwaliteit"))]
    assert "stijging naar 50 zaken mensenhandel" in quality


def test_the_charts_earlier_years_name_their_reports(reports):
    # Groningen 2023: the totale lasten chart and the trends reach back to 2016 and 2017 (VHG's report), which no
    # figure of 2023 and none of its signals cites
    text = flat(pdf_text(reports["groningen", 2023], "-raw"))
    sources = text[text.rindex("Bronnen", 0, text.index("Elk cijfer noemt hierboven")):]
    assert "VHG Jaarverslag 2017 / Jaarplan 2018" in sources and "ZVHG Jaarverslag 2020" in sources
    budget = text[text.index("Begroting en realisatie 2023"):text.index("Datakwaliteit")]
    assert "VHG Jaarverslag 2017 / Jaarplan 2018" in budget.split("Bron:")[-1]
