"""End to end: the app started with the README's command, opened in a real headless Chromium."""

import os
import re
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, WCAG_21_AA, require_chromium, running_app, settled

require_chromium()

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(built_db):
    with running_app({"ZVH_DB": str(built_db)}) as url:
        yield url


@pytest.fixture(scope="module")
def page(app_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser.new_page(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
        browser.close()


PAGES = {"": "Overzicht", "signalen": "Signalen", "trends": "Trends", "vergelijking": "Regio's vergelijken", "gemeenten": "Gemeenten",
         "mensenhandel": "Mensenhandel", "financien": "Financiën", "bronnen": "Bronnen & kwaliteit",
         "werkbank": "SQL-werkbank", "aanleveren": "Gegevens aanleveren"}


@pytest.fixture(scope="module")
def shots() -> Path | None:
    """The folder ZVH_SCREENSHOTS names (outside the repository), for a person to look at each page; None: none."""
    folder = os.environ.get("ZVH_SCREENSHOTS")
    return Path(folder) if folder else None


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_opens_without_an_error(page, app_url, shots, path):
    page.goto(f"{app_url}/{path}")
    # A deep link runs through app.py: its navigation labels and sidebar text are there.
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text(PAGES[path], timeout=20_000)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Elk cijfer verwijst naar het document")
    expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=20_000)
    settled(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    if shots:
        page.screenshot(path=str(shots / f"{path or 'overzicht'}.png"), full_page=True)
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert not violations, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_overzicht_shows_groningen_2024_trafficking_signals(page, app_url):
    page.goto(f"{app_url}/?regio=Groningen&jaar=2024")
    metric = page.get_by_test_id("stMetric").filter(has_text="Signalen mensenhandel")
    expect(metric).to_contain_text("160", timeout=20_000)
    # The tile's small trend survives st.html's sanitiser and is named by its figures (years without data too).
    trend = page.get_by_role("img", name=re.compile(r"^Signalen mensenhandel, verloop 2020–2024: .*2021–2022: geen cijfer"))
    expect(trend).to_be_visible()
    assert trend.evaluate("img => img.naturalWidth") > 0  # the SVG itself loaded, not just its alt text
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_overzicht_says_what_stands_out_and_opens_its_source(page, app_url):
    page.goto(f"{app_url}/?regio=Groningen&jaar=2024")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Wat valt op")).to_be_visible(timeout=20_000)
    expect(main).to_contain_text("Signalen mensenhandel: 160 in 2024, +24 (+17,6%) t.o.v. 136 in 2023: signaal")
    settled(page)
    signal = main.get_by_test_id("stVerticalBlock").filter(has_text=re.compile("^Signaal · Signalen mensenhandel")).last
    signal.get_by_role("link", name="Vindplaats 2024 (ZVHG Jaarverslag 2024)").click()
    expect(page).to_have_url(re.compile(r"/bronnen\?.*onderdeel=Vindplaats"), timeout=20_000)
    expect(page.get_by_role("tab", name="Vindplaats van een cijfer")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("textbox", name="Zoek een cijfer of begrip")).to_have_value(
        re.compile("In 2024 werden 160 meldingen"))
    # one figure found: the one the signal is about, in the grid
    expect(page.get_by_test_id("stMain")).to_contain_text(re.compile(r"(?<!\d)1 van [\d.]+ cijfers"), timeout=20_000)
    grid = page.get_by_test_id("stDataFrame")  # the answer first (Waarde, Cijfer, Jaar, Vindplaats), the region after
    expect(grid).to_contain_text("160Signalen mensenhandel2024Significante stijging in meldingen")
    expect(grid).to_contain_text("ZVHG Jaarverslag 2024Groningen")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_changing_the_year_in_the_browser_changes_the_figures(page, app_url):
    page.goto(f"{app_url}/?regio=Groningen&jaar=2024")
    metric = page.get_by_test_id("stMetric").filter(has_text="Signalen mensenhandel")
    expect(metric).to_contain_text("160", timeout=20_000)
    settled(page)  # the page must have finished its run before a choice counts
    year = page.get_by_role("combobox", name="Jaar")
    year.click()
    page.get_by_role("option", name="2023", exact=True).click()
    expect(year).to_have_value("2023")
    # While Streamlit reruns, the old tile can linger beside the new one: wait for the tile with 2023's figure.
    expect(metric.filter(has_text="136")).to_have_count(1, timeout=15_000)
    expect(metric).to_have_count(1)
    expect(page).to_have_url(re.compile(r"jaar=2023"))  # the link a stuurgroep member mails reproduces it
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_link_after_a_region_change_reproduces_the_screen(page, app_url):
    page.goto(f"{app_url}/?regio=Groningen&jaar=2020")
    expect(page.locator("h1")).to_have_text("Overzicht Groningen 2020", timeout=20_000)
    settled(page)
    page.get_by_role("combobox", name="Regio").click()
    page.get_by_role("option", name="Fryslân", exact=True).click()
    # Fryslân has no 2020: the page shows its newest year, and the URL no longer asks for 2020.
    expect(page.locator("h1")).to_have_text("Overzicht Fryslân 2024", timeout=15_000)
    expect(page).not_to_have_url(re.compile(r"jaar=2020"))
    expect(page.get_by_text("De link vraagt om")).to_have_count(0)  # the user chose this; no link was wrong
    mailed = page.url
    page.goto(mailed)
    expect(page.locator("h1")).to_have_text("Overzicht Fryslân 2024", timeout=20_000)
    expect(page.get_by_text("De link vraagt om")).to_have_count(0)


def test_the_gemeenten_link_after_a_figure_and_a_region_change_reproduces_the_screen(page, app_url):
    page.goto(f"{app_url}/gemeenten?regio=Groningen&cijfer=Nazorg%3A+Instroom+DJI&jaar=2017")
    expect(page.locator("h1")).to_have_text("Gemeenten Groningen", timeout=20_000)
    expect(page.get_by_test_id("stMain").locator("h3").first).to_contain_text("Nazorg: Instroom DJI 2017", timeout=20_000)
    settled(page)
    page.get_by_role("combobox", name="Regio").click()
    page.get_by_role("option", name="Fryslân", exact=True).click()  # Fryslân has no Instroom DJI per municipality
    expect(page.locator("h1")).to_have_text("Gemeenten Fryslân", timeout=15_000)
    expect(page.get_by_test_id("stMain").locator("h3").first).not_to_contain_text("Instroom", timeout=15_000)
    shown = page.get_by_test_id("stMain").locator("h3").first.inner_text()
    expect(page).not_to_have_url(re.compile(r"Instroom"))
    mailed = page.url
    page.goto(mailed)
    expect(page.get_by_test_id("stMain").locator("h3").first).to_have_text(shown, timeout=20_000)
    expect(page.get_by_text("De link vraagt om")).to_have_count(0)


def test_a_charts_table_appears_when_opened_and_stays_open_when_a_filter_changes(page, app_url):
    page.goto(f"{app_url}/trends")
    main = page.get_by_test_id("stMain")
    expect(main.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible(timeout=20_000)
    settled(page)
    expect(main.get_by_test_id("stDataFrame")).to_have_count(0)  # closed: the grid is not even sent
    main.get_by_text("Tabel bij deze grafiek").first.click()
    expect(main.get_by_test_id("stDataFrame")).to_have_count(1, timeout=15_000)
    settled(page)
    page.get_by_test_id("stSidebar").get_by_text("Staven", exact=True).click()
    expect(page).to_have_url(re.compile(r"grafiek=Staven"), timeout=15_000)
    expect(main.get_by_test_id("stDataFrame")).to_have_count(1)
    assert "tabel" not in page.url  # the reader's own state, not part of a mailed link


def test_a_link_to_a_page_that_does_not_exist_says_so(page, app_url):
    page.goto(f"{app_url}/bestaat-niet")
    expect(page.get_by_text("De link vraagt om pagina ‘bestaat-niet’, maar die keuze bestaat hier niet")).to_be_visible(
        timeout=20_000)
    expect(page.locator("h1")).to_contain_text("Overzicht")
    for path, title in [("trends", "Trends"), ("overzicht", "Overzicht")]:  # the default page by its own name too
        page.goto(f"{app_url}/{path}")
        expect(page.locator("h1")).to_contain_text(title, timeout=20_000)
        settled(page)
        expect(page.get_by_text("De link vraagt om")).to_have_count(0)


def test_analyst_runs_an_example_query_and_downloads_the_same_rows(page, app_url, built_db):
    import polars as pl

    from zvh.query import sql
    from zvh.store.db import open_readonly

    page.goto(f"{app_url}/werkbank")
    example = page.get_by_text(re.compile("signalen mensenhandel, zoals gedrukt en met vindplaats"))
    expect(example).to_be_visible()  # the whole description, not cut off
    example.click()
    page.get_by_role("button", name="Laad in editor").click()
    editor = page.get_by_role("textbox", name="Query")
    expect(editor).to_have_value(re.compile("metric = 'signalen'"), timeout=20_000)
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_text(re.compile(r"\d+ rijen in"))).to_be_visible(timeout=20_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV", exact=True).click()
    downloaded = pl.read_csv(download.value.path(), separator=";", decimal_comma=True)
    con = open_readonly(built_db)
    expected = sql.run(con, "voorbeeld_signalen_mensenhandel")
    con.close()
    assert downloaded.columns == expected.columns
    assert downloaded["signalen"].to_list() == expected["signalen"].to_list()
    assert downloaded["source_locator"].to_list() == expected["source_locator"].to_list()


def test_the_stuurgroeprapportage_downloads_as_a_pdf_with_the_figures_on_screen(page, app_url):
    import subprocess

    page.goto(f"{app_url}/?regio=Fryslân&jaar=2024")
    expect(page.locator("h1")).to_contain_text("Overzicht Fryslân 2024", timeout=20_000)
    values = page.get_by_test_id("stMetricValue")
    expect(values.nth(2)).to_be_visible()  # CI once read the tiles while only two were drawn
    settled(page)
    shown = [v.strip() for v in values.all_inner_texts()]
    with page.expect_download(timeout=30_000) as download:  # made by the server when clicked
        page.get_by_role("button", name="Stuurgroeprapportage (PDF)").click()
    assert download.value.suggested_filename == "stuurgroeprapportage_fryslan_2024.pdf"
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                                   check=True).stdout.decode().split())
    assert len(shown) >= 3 and all(value in text for value in shown)


@pytest.mark.parametrize("width", [1024, 1440])
def test_financien_shows_its_key_figures_on_a_laptop_and_a_wide_screen(page, app_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.goto(f"{app_url}/financien?regio=Groningen&boekjaar=2024")
        grid = page.get_by_test_id("stDataFrame").first
        expect(grid).to_be_visible(timeout=20_000)
        # The grid draws on a canvas; its accessibility table holds only the columns in view (it scrolls sideways).
        headers = grid.locator("th[role=columnheader]")
        expect(headers.nth(3)).to_have_text("Realisatie − begroting", timeout=20_000)
        assert headers.all_text_contents()[:4] == ["Regel", "Begroting", "Realisatie", "Realisatie − begroting"]
        total = grid.locator("tr[role=row]").filter(has_text="Σ Totaal lasten").first.locator("td").all_text_contents()
        assert total[:4] == ["Σ Totaal lasten", "€ 1.955.000", "€ 1.958.682", "€ 3.682"]
        assert grid.bounding_box()["x"] + grid.bounding_box()["width"] <= width  # the grid itself fits the screen
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


def test_the_keyboard_focus_is_clearly_visible(page, app_url):
    page.goto(f"{app_url}/trends")
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=20_000)
    settled(page)
    seen = []
    for _ in range(4):  # skip link, then the navigation's links
        page.keyboard.press("Tab")
        seen.append(page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                                  "return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)] }"))
    assert all(style == "solid" and width >= 2 for _, style, width in seen), seen
    for _ in range(40):  # on to the chart kind: a radio, whose own input is hidden, shows focus on its option
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "radio":
            break
    option = page.evaluate("() => getComputedStyle(document.activeElement.closest('[data-testid=stRadioOption]'))"
                           ".outlineStyle")
    assert option == "solid"


def test_a_chosen_figure_shows_its_whole_name(page, app_url):
    page.goto(f"{app_url}/trends")
    chip = page.get_by_test_id("stSidebar").locator("[data-tag] span[title='Maatwerk: Nieuwe aanmeldingen']")
    expect(chip).to_be_visible(timeout=20_000)
    assert chip.evaluate("e => e.scrollWidth <= e.clientWidth")  # not cut to "Maatwerk: Nieuwe …"


def visible_headers(page, url: str, column: str) -> list[str]:
    """The headers of the first grid that has `column`, as the grid draws them at this width: its accessibility table
    holds only the columns in view (the grid scrolls sideways)."""
    page.goto(url)
    grid = page.get_by_test_id("stDataFrame").filter(has=page.locator("th[role=columnheader]", has_text=column)).first
    expect(grid).to_be_visible(timeout=20_000)
    settled(page)
    assert grid.bounding_box()["x"] + grid.bounding_box()["width"] <= 1024  # the grid itself fits the screen
    return grid.locator("th[role=columnheader]").all_text_contents()


LAPTOP_TABLES = {  # page → the columns a 1024 px screen shows without scrolling sideways
    "bronnen?onderdeel=Vindplaats+van+een+cijfer": ["Waarde", "Cijfer", "Jaar", "Vindplaats (sectie › regel › kolom)"],
    "bronnen": ["Cijfer", "2024", "2023", "2022", "2021", "2020", "2017", "2016"],
    "bronnen?onderdeel=Documenten": ["Titel", "Cijfers", "Onzeker", "Bij benadering", "Kwaliteitsbevindingen"],
    "financien?tabblad=Regio%27s+naast+elkaar": ["Regio", "Jaar", "Totaal", "Begroting", "Realisatie"],
}


@pytest.mark.parametrize("path", list(LAPTOP_TABLES))
def test_a_laptop_shows_each_tables_answer_columns_without_scrolling_sideways(page, app_url, path):
    page.set_viewport_size({"width": 1024, "height": 900})
    try:
        wanted = LAPTOP_TABLES[path]
        headers = visible_headers(page, f"{app_url}/{path}", wanted[-1])
        assert headers[:len(wanted)] == wanted
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


@pytest.mark.parametrize("path", ["", "mensenhandel"])
def test_a_laptop_shows_each_tiles_whole_label_value_and_change(page, app_url, path):
    page.set_viewport_size({"width": 1024, "height": 900})
    try:
        page.goto(f"{app_url}/{path}")
        tiles = page.get_by_test_id("stMetric")
        expect(tiles.first).to_be_visible(timeout=20_000)
        settled(page)
        # A tile can be drawn before its value (CI saw 6 tiles with 6 texts): wait until each has label and value.
        page.wait_for_function("""() => {
            const tiles = [...document.querySelectorAll('[data-testid=stMetric]')];
            return tiles.length > 0 && tiles.every(t => t.querySelectorAll('[data-testid=stMarkdownContainer]').length >= 2);
        }""", timeout=20_000)
        texts = tiles.locator("[data-testid=stMarkdownContainer]")  # the label, the value and the change
        cut = texts.evaluate_all("es => es.filter(e => e.scrollWidth > e.clientWidth).map(e => e.innerText)")
        assert not cut  # e.g. "ongeveer € 22…", "Screenings nazorg detentie (benad…"
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


def test_the_gemeenten_figure_choice_and_bars_show_whole_names_on_a_laptop(page, app_url):
    page.set_viewport_size({"width": 1024, "height": 900})
    try:
        page.goto(f"{app_url}/gemeenten?regio=Groningen")
        choice = page.get_by_test_id("stSidebar").get_by_text("Jeugd", exact=False).first
        expect(choice).to_be_visible(timeout=20_000)
        assert choice.evaluate("e => e.scrollWidth <= e.clientWidth")  # not "…aanmeldinger" in a select
        settled(page)
        page.get_by_role("tab", name="Staafdiagram").click()  # the map's tab opens first; one chart at a time
        expect(page).to_have_url(re.compile("tabblad=Staafdiagram"), timeout=15_000)
        bars = page.get_by_test_id("stPlotlyChart")
        expect(bars).to_have_count(1, timeout=15_000)
        expect(bars.locator(".main-svg .bartext").first).to_be_visible(timeout=20_000)
        settled(page)  # the map's chart has gone and the bars are whole
        box = bars.bounding_box()
        labels = bars.locator(".ytick text, .bartext").all()
        assert len(labels) >= 10  # names and values, each inside the chart's own box
        for label in labels:
            inner = label.bounding_box()
            assert box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"], label.text_content()
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


def test_regios_vergelijken_draws_the_figure_whose_tab_is_opened_and_links_it(page, app_url):
    page.goto(f"{app_url}/vergelijking")
    main = page.get_by_test_id("stMain")
    charts = main.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(1, timeout=20_000)  # one figure drawn at a time: the open tab's
    settled(page)
    page.get_by_role("tab", name="Signalen mensenhandel").click()
    expect(page).to_have_url(re.compile(r"cijfer=Signalen\+mensenhandel"), timeout=15_000)
    expect(main.get_by_role("tabpanel")).to_contain_text("Signalen mensenhandel", timeout=15_000)
    settled(page)
    expect(charts).to_have_count(1)
    expect(charts.locator(".main-svg").first).to_contain_text("160")  # Groningen 2024, written on its bar
