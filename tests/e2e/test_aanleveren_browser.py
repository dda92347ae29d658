"""End to end: a ZVH office downloads the template, fills it, uploads it, sees the preview and commits."""

import pytest

from tests.conftest import NEXT_YEAR
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, require_chromium, running_app, settled
from zvh.aanlevering import ledger
from zvh.aanlevering.staging import EXAMPLE_NOTE

require_chromium()

from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser


def test_template_fill_upload_preview_commit_and_see_it_on_trends(workspace, tmp_path):
    data_dir, db = workspace
    with running_app({"ZVH_DATA": str(data_dir), "ZVH_DB": str(db)}) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
        page.goto(f"{url}/aanleveren")
        expect(page.get_by_role("heading", name="Gegevens aanleveren")).to_be_visible(timeout=20_000)
        settled(page)

        with page.expect_download() as download:
            page.get_by_role("button", name="Sjabloon (CSV)").click()
        template = download.value.path().read_bytes().decode("utf-8-sig")
        header, example = template.splitlines()[:2]
        # What the office does in Excel: overwrite the example row with the real figure and a note.
        filled = example.replace(";171;", ";175;").replace(EXAMPLE_NOTE, f"Jaarcijfer {NEXT_YEAR}")
        aanlevering = tmp_path / f"signalen {NEXT_YEAR}.csv"
        aanlevering.write_bytes(f"{header}\n{filled}\n".encode("cp1252"))  # as Excel on Windows saves it

        # the label gives the limit in Dutch; Streamlit's own "64MB per file" beside it is not shown
        expect(page.get_by_text("hoogstens 5 MB")).to_be_visible()
        expect(page.get_by_text("per file")).to_be_hidden()
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(aanlevering))
        expect(page.get_by_text("Het bestand is in orde")).to_be_visible(timeout=30_000)
        added = page.get_by_test_id("stMetric").filter(has_text="Toegevoegd")
        expect(added.get_by_test_id("stMetricValue")).to_have_text("1")
        page.get_by_role("textbox", name="Uw naam").first.fill("Jan de Vries")
        page.get_by_role("button", name="Aanlevering vastleggen").click()
        expect(page.get_by_text(f"signalen {NEXT_YEAR}.csv is vastgelegd")).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)

        page.goto(f"{url}/trends")
        # The signals chart now names the delivery among its sources (its table is drawn on a canvas).
        expect(page.get_by_text(f"Aanlevering signalen {NEXT_YEAR}.csv").first).to_be_visible(timeout=20_000)
        browser.close()
    [entry] = ledger.active_aanleveringen(data_dir)
    assert (entry["bestand"], entry["wie"], entry["toegevoegd"]) == (f"signalen {NEXT_YEAR}.csv", "Jan de Vries", "1")
