"""More regions than a page opens on (the whole field has 25): pages that draw each chosen region start on the first
`ui.FEW_REGIONS`, say how many of how many are shown and how to choose more, and keep a choice in the URL. Seven
regions: data/ joined by Testland and four clones of it (the `many_regions` fixture)."""

import pytest

from tests.apptest import chart_traces, frame_with, metric_values, open_page, show_tab
from zvh.present import charts
from zvh.web import ui

FIRST = ["groningen", "fryslan", "testland"]
SAID = "3 van de 7 regio's gekozen. Kies er meer of andere bij ‘Regio's’; de link naar deze pagina bewaart uw keuze."
PAGES = ["mensenhandel", "vergelijking", "trends"]  # every page that draws each chosen region
TABLES = ["signalen", "bronnen"]  # tables and a search: a figure of the fourth region must not seem missing

pytestmark = pytest.mark.usefixtures("on_many_regions")


def captions(at) -> list[str]:
    return [c.value for c in at.sidebar.caption] + [c.value for c in at.caption]


@pytest.mark.parametrize("page", PAGES)
def test_a_page_of_regions_opens_on_the_first_few_and_says_how_to_choose_more(page):
    assert ui.FEW_REGIONS == 3
    at = open_page(page)
    assert at.multiselect(key="regios").value == FIRST
    assert len(at.multiselect(key="regios").options) == 7
    assert SAID in captions(at)


@pytest.mark.parametrize("page", TABLES)
def test_a_page_of_tables_opens_on_every_region(page):
    at = open_page(page)
    assert len(at.multiselect(key="regios").value) == 7
    assert not [c for c in captions(at) if "regio's gekozen" in c]


def test_mensenhandel_draws_a_tile_and_a_line_for_each_chosen_region_only():
    at = open_page("mensenhandel")
    assert {t for t in metric_values(at) if t.startswith("Signalen ")} == {
        "Signalen Groningen 2024", "Signalen Fryslân 2024", "Signalen Testland 2024"}
    assert "Testland 4" not in chart_traces(at)
    at.multiselect(key="regios").set_value(["groningen", "testland5", "testland7"]).run()
    assert "Signalen Testland 7 2024" in metric_values(at) and "Signalen Fryslân 2024" not in metric_values(at)
    assert "3 van de 7 regio's gekozen" in " ".join(captions(at))


def test_a_link_restores_another_choice_of_regions_and_counts_it():
    at = open_page("vergelijking", regios=["Fryslân", "Testland 4", "Testland 5", "Testland 6", "Testland 7"])
    assert at.multiselect(key="regios").value == ["fryslan", "testland4", "testland5", "testland6", "testland7"]
    assert any(c.startswith("5 van de 7 regio's gekozen.") for c in captions(at))
    bars = chart_traces(at)
    assert "Testland 7" in bars and "Groningen" not in {n for n, t in bars.items() if t.get("showlegend", True)}


def test_financien_sets_the_first_few_regions_side_by_side_and_lets_one_choose():
    at = show_tab(open_page("financien", regio="Testland 6"), "tabblad", "Regio's naast elkaar")
    assert at.multiselect(key="regios").value == FIRST
    assert SAID in captions(at)
    assert set(frame_with(at, "Regio")["Regio"]) == {"Groningen", "Fryslân", "Testland"}
    at.multiselect(key="regios").set_value(["testland", "testland6"]).run()
    assert set(frame_with(at, "Regio")["Regio"]) == {"Testland", "Testland 6"}
    # each keeps the colour it has on every page (its place among all seven), not that of its place in the choice
    bars = chart_traces(at)
    everyone = [r["naam"] for r in ui.query("regios").iter_rows(named=True)]
    for name in ("Testland", "Testland 6"):
        assert bars[f"{name} – realisatie"]["marker"]["color"] == charts.region_colour(name, everyone)
    assert charts.region_colour("Testland 6", everyone) != charts.region_colour("Fryslân", everyone)
    assert any(c.startswith("2 van de 7 regio's gekozen.") for c in captions(at))
    linked = show_tab(open_page("financien", regio="Testland 6", regios=["Testland 6"]), "tabblad", "Regio's naast elkaar")
    assert set(frame_with(linked, "Regio")["Regio"]) == {"Testland 6"}
    at.multiselect(key="regios").set_value([]).run()
    assert "Kies ten minste één regio om naast elkaar te zetten." in [i.value for i in at.info]
