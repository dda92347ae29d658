"""End to end: people sign in at a real OpenID Connect provider and each role sees and may do its own part."""

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import NEXT_YEAR, copy_of_data
from tests.e2e.oidc import require_provider, running_provider, secrets_toml
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, free_port, require_chromium, running_app
from zvh.aanlevering import ledger
from zvh.present.formatting import WORD_JOINER

require_chromium()
require_provider()

from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser

USERS = {
    "lezer": {"email": "lezer@zvh.example", "name": "Lies Lezer", "roles": []},
    "ana": {"email": "ana@zvh.example", "name": "Ana Analist", "roles": ["analist"]},
    "fenna": {"email": "fenna@zvhf.example", "name": "Fenna Aanlevert", "roles": ["aanleveraar:fryslan"]},
    "bert": {"email": "bert@zvh.example", "name": "Bert Beheer", "roles": ["beheerder"]},
}
READING = ["Overzicht", "Signalen", "Trends", "Regio's vergelijken", "Gemeenten", "Mensenhandel", "Financiën", "Bronnen & kwaliteit"]
HEADER = "region;year;theme;metric;gemeente;categorie;value;unit"


@pytest.fixture(scope="module")
def service(tmp_path_factory, built_db):
    """The dashboard with sign-in on, a private data/ to deliver into, and the provider it trusts."""
    data = copy_of_data(tmp_path_factory.mktemp("service") / "data")
    shutil.copy(built_db, data / "zvh.duckdb")  # the session's database: built from the same sources
    app_port, provider_port = free_port(), free_port()
    redirect = f"http://127.0.0.1:{app_port}/oauth2callback"
    secrets = data.parent / "secrets.toml"
    with running_provider(provider_port, redirect, USERS) as issuer:
        secrets.write_text(secrets_toml(issuer, redirect), encoding="utf-8")
        with running_app({"ZVH_DATA": str(data)}, ("--secrets.files", str(secrets)), port=app_port) as url:
            yield url, data


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_page(browser):
    return browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL").new_page()


def sign_in(browser, url: str, login: str):
    """Open the dashboard in a fresh browser and sign in at the provider's own login form."""
    page = new_page(browser)
    page.goto(url)
    page.get_by_test_id("stMain").get_by_role("button", name="Inloggen").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("wat-dan-ook")
    page.get_by_role("button", name="Sign-in").click()
    shown = re.escape(f"Ingelogd als {USERS[login]['email']}").replace("@", "@" + WORD_JOINER)  # no mailto: link
    expect(page.get_by_test_id("stSidebar")).to_contain_text(re.compile(shown), timeout=20_000)
    return page


def navigation(page) -> list[str]:
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav).to_contain_text("Overzicht", timeout=20_000)
    return [link.inner_text().strip() for link in nav.get_by_role("link").all()]


def no_traceback(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_signed_out_every_page_asks_to_sign_in(service, browser):
    url, _ = service
    page = new_page(browser)
    for path, title in [("", "Overzicht"), ("trends", "Trends"), ("werkbank", "SQL-werkbank")]:
        page.goto(f"{url}/{path}")
        expect(page.get_by_text(f"Log in om de pagina ‘{title}’ te openen.")).to_be_visible(timeout=20_000)
        expect(page.get_by_test_id("stMetric")).to_have_count(0)
        no_traceback(page)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_a_reader_sees_the_figures_but_not_the_werkbank_or_aanleveren(service, browser):
    url, _ = service
    page = sign_in(browser, url, "lezer")
    assert navigation(page) == READING
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=20_000)
    for path, role in [("werkbank", "‘analist’"), ("aanleveren", "‘aanleveraar:<regio>’ of ‘beheerder’")]:
        page.goto(f"{url}/{path}")
        title = "SQL-werkbank" if path == "werkbank" else "Gegevens aanleveren"
        expect(page.get_by_text(f"maar voor de pagina ‘{title}’ is de rol {role} nodig")).to_be_visible(timeout=20_000)
        no_traceback(page)


def test_an_analist_queries(service, browser):
    url, _ = service
    page = sign_in(browser, url, "ana")
    assert navigation(page) == [*READING, "SQL-werkbank"]
    page.goto(f"{url}/werkbank")
    page.get_by_role("textbox", name="Query").fill("select count(*) as n from facts")
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_text(re.compile(r"\d+ rij(en)? in"))).to_be_visible(timeout=20_000)
    no_traceback(page)


def upload(page, name: str, text: str, tmp_path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))


def test_a_fryslan_deliverer_delivers_fryslan_only_and_a_beheerder_rolls_back(service, browser, tmp_path):
    url, data = service
    page = sign_in(browser, url, "fenna")
    assert navigation(page) == [*READING, "Gegevens aanleveren"]
    page.goto(f"{url}/aanleveren")
    expect(page.get_by_text("U levert cijfers aan van Fryslân.")).to_be_visible(timeout=20_000)
    upload(page, "groningen.csv", f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal\n", tmp_path)
    expect(page.get_by_text("groningen.csv: 1 probleem gevonden; er is niets geladen.")).to_be_visible(timeout=20_000)
    with page.expect_download() as download:  # the problem list, as the office can keep it
        page.get_by_role("button", name="CSV", exact=True).click()
    assert "u mag alleen cijfers van Fryslân aanleveren" in Path(download.value.path()).read_text(encoding="utf-8")
    expect(page.get_by_role("button", name="Aanlevering vastleggen")).to_have_count(0)
    assert ledger.history(data).is_empty()

    page.goto(f"{url}/aanleveren")
    upload(page, "fryslan.csv", f"{HEADER}\nfryslan;{NEXT_YEAR};mensenhandel;signalen;;;52;aantal\n", tmp_path)
    expect(page.get_by_text(f"Wordt vastgelegd op naam van fenna@{WORD_JOINER}zvhf.example")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Aanlevering vastleggen").click()
    expect(page.get_by_text("fryslan.csv is vastgelegd")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Terugdraaien")).to_have_count(0)
    expect(page.get_by_text("alleen een beheerder")).to_be_visible()
    [entry] = ledger.active_aanleveringen(data)
    assert (entry["wie"], entry["rol"]) == ("fenna@zvhf.example", "aanleveraar:fryslan")

    beheer = sign_in(browser, url, "bert")
    assert navigation(beheer) == [*READING, "Gegevens aanleveren"]
    beheer.goto(f"{url}/aanleveren")
    expect(beheer.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)
    beheer.get_by_role("button", name="Terugdraaien").click()
    expect(beheer.get_by_text("fryslan.csv is teruggedraaid.")).to_be_visible(timeout=30_000)
    last = ledger.history(data).to_dicts()[-1]
    assert (last["actie"], last["wie"], last["rol"]) == ("teruggedraaid", "bert@zvh.example", "beheerder")
    no_traceback(beheer)


def test_sign_out_ends_the_session_at_the_provider_too(service, browser):
    url, _ = service
    page = sign_in(browser, url, "ana")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider's own confirmation
    page.goto(url)
    expect(page.get_by_text("Log in om de pagina ‘Overzicht’ te openen.")).to_be_visible(timeout=20_000)
    # Signing in again asks for the login once more: the provider's session ended as well.
    page.get_by_test_id("stMain").get_by_role("button", name="Inloggen").click()
    expect(page.locator("input[name=login]")).to_be_visible(timeout=20_000)


def test_a_broken_secrets_file_closes_the_dashboard_instead_of_opening_it_to_all(browser, built_db, tmp_path):
    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth]\nredirect_uri = "http://127.0.0.1/oauth2callback\n', encoding="utf-8")  # quote left open
    with running_app({"ZVH_DB": str(built_db)}, ("--secrets.files", str(broken))) as url:
        page = new_page(browser)
        for path in ["", "aanleveren", "werkbank"]:
            page.goto(f"{url}/{path}")
            expect(page.get_by_text("De inlogconfiguratie (secrets.toml) kan niet worden gelezen")).to_be_visible(
                timeout=20_000)
            expect(page.get_by_test_id("stMetric")).to_have_count(0)
            expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)
            expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
