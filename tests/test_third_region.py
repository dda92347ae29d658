"""A third Zorg- en Veiligheidshuis joins by data alone: the fictitious Testland (tests/fixtures/testland, the
`testland` fixture) is added to a copy of data/ as rows and files, and every filter, colour, comparison, upload
and role handles it (that every page opens for it: tests/test_pages.py)."""

import json

import polars as pl

from tests.apptest import chart_spec, chart_traces, metric_values, open_page, show_tab
from tests.conftest import NEXT_YEAR
from zvh.aanlevering import staging, templates
from zvh.aanlevering.upload import Upload
from zvh.present import charts
from zvh.source import regions
from zvh.web.access import signed_in

ALL = ["Groningen", "Fryslân", "Testland"]


def test_overzicht_shows_testlands_figures_with_their_source(on_testland):
    at = open_page(regio="Testland")
    assert at.title[0].value == "Overzicht Testland 2024"
    tiles = metric_values(at)
    assert tiles["Signalen mensenhandel"] == "37" and tiles["Lasten (realisatie)"] == "€ 876.543"
    assert "Jaarverslag 2024 (fictief)" in str(at.metric[0].proto.help)


def test_trends_and_mensenhandel_draw_three_regions_in_three_colours(on_testland):
    at = open_page("trends", cijfers=["Maatwerk: Nieuwe aanmeldingen"])
    lines = chart_traces(at)
    assert [lines[n]["line"]["color"] for n in ALL] == charts.PALETTE[:3]  # each its place in regio.csv
    at = open_page("mensenhandel")
    assert {"Signalen Groningen 2024", "Signalen Fryslân 2024", "Signalen Testland 2024"} <= set(metric_values(at))
    assert chart_traces(at)["Testland"]["line"]["color"] == charts.PALETTE[2]


def test_vergelijking_compares_any_two_or_more_regions(on_testland):
    two = open_page("vergelijking", regios=["Groningen", "Testland"])
    assert two.title[0].value == "Regio's vergelijken" and "Groningen en Testland allebei" in two.caption[0].value
    bars = chart_traces(two)
    assert "Testland" in bars and "Fryslân" not in {n for n, t in bars.items() if t.get("showlegend", True)}
    assert bars["Testland"]["marker"]["color"] == charts.PALETTE[2]  # its own colour, not Fryslân's left free
    three = open_page("vergelijking", regios=ALL)
    assert "Groningen, Fryslân en Testland alle" in three.caption[0].value
    one = open_page("vergelijking", regios=["Testland"])
    assert "ten minste twee regio's" in one.info[0].value


def test_gemeenten_shows_testlands_own_municipalities(on_testland):
    at = open_page("gemeenten", regio="Testland")
    shown = json.dumps([chart_spec(at, i) for i in range(len(at.get("plotly_chart")))])
    assert "Fictiefdorp" in shown and "Verzinstad" in shown and "Leeuwarden" not in shown


def test_financien_puts_testland_beside_the_others_in_its_own_colour(on_testland):
    at = open_page("financien", regio="Testland")
    assert at.title[0].value == "Financiën Testland 2024"
    at = show_tab(at, "tabblad", "Regio's naast elkaar")
    bars = chart_traces(at)
    assert bars["Testland – realisatie"]["marker"]["color"] == charts.PALETTE[2]
    assert any("Testland groen" in c.value for c in at.caption)


def test_bronnen_covers_testland(on_testland):
    at = open_page("bronnen")
    assert "Testland" in next(d.value for d in at.dataframe if "Regio" in d.value.columns)["Regio"].tolist()


def test_a_testland_delivery_and_a_testland_deliverer_need_no_code(testland):
    data_dir, _ = testland
    known = regions.read(data_dir)
    assert list(known.names) == ["groningen", "fryslan", "testland"]
    assert signed_in({"email": "t@x", "roles": ["aanleveraar:Testland (fictief)"]}, "roles").aanlevering_regions(known) \
        == ["testland"]
    region = next(c for c in templates.columns("kerncijfers", data_dir) if c.name == "region")
    assert "testland" in region.choices
    frame = pl.DataFrame({"regio": ["Testland"], "year": [f"{NEXT_YEAR}"], "theme": ["mensenhandel"], "metric": ["signalen"],
                          "value": ["40"], "unit": ["aantal"]})
    result = staging.check("kerncijfers", Upload(frame, [2], "csv"), "testland.csv", "ab" * 32, data_dir)
    assert result.problems == [] and result.added["region"].to_list() == ["testland"]


def test_three_regions_are_few_enough_to_open_on_all_without_a_word_about_it(on_testland):
    for page in ("mensenhandel", "vergelijking", "trends", "signalen", "bronnen"):
        at = open_page(page)
        assert at.multiselect(key="regios").value == ["groningen", "fryslan", "testland"], page
        assert not [c.value for c in at.sidebar.caption if "regio's gekozen" in c.value], page
    tab = show_tab(open_page("financien", regio="Testland"), "tabblad", "Regio's naast elkaar")
    assert not tab.multiselect  # side by side are all three, without a choice to make
