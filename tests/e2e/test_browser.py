"""End to end: the app started with the README's command, opened in a real headless Chromium."""

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not Path(CHROMIUM).exists():
    if os.environ.get("ZVH_REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing; .ci/run installs it (apt-get install -y chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(built_db):
    port = free_port()
    env = os.environ | {"ZVH_DB": str(built_db)}
    # The README's run command, plus the flags a server without a screen needs.
    command = [shutil.which("streamlit"), "run", "app.py", "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail(f"streamlit did not start: {server.stdout.read().decode()[-2000:]}")
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def page(app_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def test_overzicht_shows_groningen_2024_trafficking_signals(page, app_url, tmp_path):
    page.goto(f"{app_url}/?regio=Groningen&jaar=2024")
    metric = page.get_by_test_id("stMetric").filter(has_text="Signalen mensenhandel")
    expect(metric).to_contain_text("160", timeout=20_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=str(tmp_path / "overzicht.png"), full_page=True)


def test_changing_the_year_in_the_browser_changes_the_figures(page, app_url):
    page.goto(f"{app_url}/?regio=Groningen&jaar=2024")
    metric = page.get_by_test_id("stMetric").filter(has_text="Signalen mensenhandel")
    expect(metric).to_contain_text("160", timeout=20_000)
    page.get_by_role("combobox", name="Jaar").click()
    page.get_by_role("option", name="2023", exact=True).click()
    expect(metric).to_contain_text("136")
    expect(page).to_have_url(re.compile(r"jaar=2023"))  # the link a stuurgroep member mails reproduces it
    expect(page.get_by_test_id("stException")).to_have_count(0)
