"""End to end, seven regions (the `many_regions` fixture): a page opens on the first few, and a choice of regions
goes into the link and comes back from it."""

import re

import pytest

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, require_chromium, running_app

require_chromium()

from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser


def test_a_choice_of_regions_goes_into_the_link_and_comes_back(many_regions):
    data_dir, db = many_regions
    with running_app({"ZVH_DATA": str(data_dir), "ZVH_DB": str(db)}) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
        page.goto(f"{url}/mensenhandel")
        sidebar, main = page.get_by_test_id("stSidebar"), page.get_by_test_id("stMain")
        expect(sidebar).to_contain_text("3 van de 7 regio's gekozen", timeout=20_000)
        expect(main.get_by_text("Signalen Testland 2024")).to_be_visible(timeout=20_000)  # a tile per chosen region
        expect(main.get_by_text("Signalen Testland 4 2024")).to_have_count(0)
        page.get_by_role("combobox", name="Regio's").click()
        page.get_by_role("option", name="Testland 5", exact=True).click()
        expect(page).to_have_url(re.compile(r"regios=.*Testland\+5|regios=.*Testland%205"), timeout=15_000)
        expect(sidebar).to_contain_text("4 van de 7 regio's gekozen")
        mailed = page.url
        fresh = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
        fresh.goto(mailed)
        expect(fresh.get_by_test_id("stSidebar")).to_contain_text("4 van de 7 regio's gekozen", timeout=20_000)
        expect(fresh.get_by_test_id("stMain").get_by_text("Signalen Testland 5 2024")).to_be_visible(timeout=20_000)
        browser.close()
