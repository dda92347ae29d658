"""End to end: a fresh deployment opened by six people at once builds its database once and shows everyone the figures."""

import pytest

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, require_chromium, running_app

require_chromium()

from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser


def test_six_sessions_opening_a_fresh_deployment_at_once_all_see_the_figures(data_copy):
    db = data_copy / "zvh.duckdb"
    assert not db.exists()
    with running_app({"ZVH_DATA": str(data_copy)}) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = [browser.new_context(locale="nl-NL").new_page() for _ in range(6)]
        for page in pages:  # each returns as soon as the page starts loading: the six runs overlap
            page.goto(f"{url}/?regio=Groningen&jaar=2024", wait_until="commit")
        for page in pages:
            metric = page.get_by_test_id("stMetric").filter(has_text="Signalen mensenhandel")
            expect(metric).to_contain_text("160", timeout=60_000)
            expect(page.get_by_test_id("stException")).to_have_count(0)
            expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
        browser.close()
    assert db.exists()
    assert sorted(p.name for p in data_copy.glob(".zvh.duckdb.*")) == [".zvh.duckdb.lock"]
