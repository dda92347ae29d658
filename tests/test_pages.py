"""Every page of views/ opens for every region, without an error and without calling the region unknown.

The pages come from views/ (test_app checks app.py registers exactly those) and the regions from
reference/regio.csv, of data/ and of the fictitious third region (tests/fixtures/testland): a new page or a
new region is covered without touching this file.
"""

import re

import pytest

from tests.apptest import PAGES, open_page
from tests.conftest import TESTLAND
from zvh.paths import DATA
from zvh.source import regions

REGIONS = [(label, "data") for label in regions.read(DATA).names.values()] + [
    (label, "testland") for label in regions.read(TESTLAND).names.values()]


@pytest.mark.parametrize(("region", "data"), REGIONS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_for_every_region(page, region, data, request):
    request.getfixturevalue("app_db" if data == "data" else "on_testland")
    # A page with one region reads `regio`, one with several `regios`; each ignores the other.
    at = open_page(page, regio=region, regios=region)  # asserts: no traceback and no Dutch stand-in for one
    assert not [i.value for i in at.info if "De link vraagt om" in i.value]  # the region's own label is known
    # the data every figure comes from, as every download's Toelichting names it (the werkbank's workers too)
    version = request.getfixturevalue("con").sql("select data_version from build_info").fetchall()[0][0] \
        if data == "data" else ""
    assert any(c.value.startswith(f"Gegevensversie {version}") for c in at.sidebar.caption)
    # a source is named by its title (Bronnen › Documenten gives each title's file), never by a file hash
    prose = [e.value for kind in ("caption", "markdown", "info", "warning") for e in getattr(at, kind)]
    prose += [m.help or "" for m in at.metric]
    assert not [t for t in prose if re.search(r"\d{3}_[0-9a-f]{16}\.txt", t)]


def test_figures_per_inhabitant_have_one_unit_on_every_page(app_db):
    gemeenten = open_page("gemeenten", regio="Groningen", cijfer="Maatwerk: Nieuwe aanmeldingen", jaar="2024")
    assert "Per 100.000 inwoners" in gemeenten.radio(key="maat").options  # was per 10.000 beside per 100.000
    assert open_page("vergelijking").toggle(key="per_inwoners").label == "Per 100.000 inwoners"
