"""Trends: renders for every region, year and chart kind, shows the reports' figures, marks approximate and
uncertain ones, leaves gaps for missing years and restores its URL state."""

import pytest

from tests.apptest import assert_no_error, chart_traces, open_page, open_tables, show_tab

SIGNALEN = "Signalen mensenhandel"
AANMELDINGEN = "Maatwerk: Nieuwe aanmeldingen"
SCREENINGS = "Screenings nazorg detentie"
CASUSSEN = "In behandeling genomen casussen mensenhandel"


pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def figures(at) -> list[str]:
    """The chosen figures, a tab each."""
    return [t.label for t in at.tabs]


def tab(at, figure: str | None = None):
    """The page with the tab of `figure` open (None: the first); only the open tab is drawn."""
    return show_tab(at, "cijfer", figure or figures(at)[0])


def printed(at, figure: str | None = None) -> dict[tuple[str, int], str]:
    """The table under a figure's chart as {(region, year): Dutch value text}."""
    [frame] = [d.value for d in open_tables(tab(at, figure)).dataframe]
    return {(r, int(y)): v for r, y, v in zip(frame["region_name"], frame["year"], frame["cijfer"])}


def drawn(at) -> tuple[int, int]:
    """Charts and messages over every tab: a chart or a message per figure."""
    counts = [(len(t.get("plotly_chart")), len(t.info)) for t in (tab(at, f) for f in figures(at))]
    return sum(c for c, _ in counts), sum(m for _, m in counts)


def all_years(at) -> tuple[int, int]:
    """The first and the newest year with a figure: the ends of the page's year slider."""
    slider = at.slider(key="jaren")
    return int(slider.min), int(slider.max)  # AppTest gives a slider's ends as floats


@pytest.mark.parametrize("regios, grafiek", [(["Groningen"], "Lijnen"), (["Fryslân"], "Staven"),
                                             (["Groningen", "Fryslân"], "Lijnen"), (["Groningen", "Fryslân"], "Staven")])
def test_every_figure_renders_for_each_region_and_chart_kind(regios, grafiek):
    every_label = open_page("trends").multiselect(key="cijfers").options
    assert len(every_label) > 50
    for start in range(0, len(every_label), 8):  # at most 8 figures at once
        batch = every_label[start:start + 8]
        at = open_page("trends", cijfers=batch, regios=regios, grafiek=grafiek)
        assert len(at.multiselect(key="cijfers").value) == len(batch)
        if not at.tabs:  # one message that the whole choice has no figures
            assert not at.get("plotly_chart") and len(at.info) == 1
            continue
        charts, messages = drawn(at)
        assert charts == len(batch) - messages and len(at.get("plotly_chart")) <= 1  # only the open tab is drawn


def test_each_single_year_renders():
    at = open_page("trends")
    first, newest = all_years(at)
    for year in range(first, newest + 1):
        at.slider(key="jaren").set_value((year, year)).run()
        assert_no_error(at)
        if not at.tabs:  # one message that neither of the two default figures has a figure
            assert not at.get("plotly_chart") and len(at.info) == 1
            continue
        charts, messages = drawn(at)  # a chart or a message for each
        assert charts + messages == 2


def test_default_shows_the_reports_mensenhandel_signals_and_new_registrations():
    at = open_page("trends")
    assert figures(at) == [SIGNALEN, AANMELDINGEN]
    signalen = printed(at, SIGNALEN)
    assert signalen[("Groningen", 2024)] == "160"
    assert signalen[("Groningen", 2023)] == "136"
    assert signalen[("Groningen", 2020)] == "ruim 60"
    assert signalen[("Fryslân", 2024)] == "48"
    assert signalen[("Fryslân", 2023)] == "43"
    aanmeldingen = printed(at, AANMELDINGEN)
    assert aanmeldingen == {("Groningen", 2020): "125 (onzeker)", ("Fryslân", 2023): "187",
                            ("Groningen", 2024): "135", ("Fryslân", 2024): "208"}


def test_years_without_figures_are_gaps_and_approximate_points_hollow():
    lines = chart_traces(open_page("trends"))
    groningen = dict(zip(lines["Groningen"]["x"], lines["Groningen"]["y"]))
    assert groningen[2021] is None and groningen[2022] is None  # a gap, never a zero
    assert groningen[2023] == 136 and groningen[2024] == 160
    points = dict(zip(lines["Groningen"]["x"], zip(lines["Groningen"]["marker"]["symbol"], lines["Groningen"]["text"])))
    assert points[2020] == ("circle-open", "ruim 60")
    assert points[2024] == ("circle", "160")
    assert "Bij benadering (open symbool)" in lines


def test_uncertain_figures_are_marked_with_their_reason():
    at = open_tables(open_page("trends", cijfers=CASUSSEN))
    frame = at.dataframe[0].value
    row = frame[frame["year"] == 2016].iloc[0]
    assert (row["cijfer"], row["certainty"]) == ("40 (onzeker)", "onzeker")
    assert "40 naar 50" in row["uncertainty_reason"]
    ring = chart_traces(at)["Onzeker cijfer"]
    assert ring["x"] == [2016] and ring["y"] == [40]
    assert "40 (onzeker)" in chart_traces(at)["Groningen"]["text"]


def test_changing_the_region_shows_only_that_regions_figures():
    at = open_page("trends")
    at.multiselect(key="regios").set_value(["fryslan"]).run()
    assert printed(at) == {("Fryslân", 2023): "43", ("Fryslân", 2024): "48"}
    shown = [m.value for figure in figures(at) for m in [*tab(at, figure).markdown, *tab(at, figure).warning]]
    assert not any("Let op bij vergelijken" in m for m in shown)  # one region: nothing to compare


def test_changing_years_and_figures_shows_the_right_values():
    at = open_page("trends")
    at.slider(key="jaren").set_value((2023, 2024)).run()
    assert ("Groningen", 2020) not in printed(at)
    at.slider(key="jaren").set_value((2016, 2024)).run()
    at.multiselect(key="cijfers").set_value(["nazorg.screenings"]).run()
    assert printed(at) == {("Groningen", 2017): "759", ("Groningen", 2020): "ongeveer 500",
                              ("Groningen", 2023): "ongeveer 600", ("Groningen", 2024): "ruim 500"}
    assert any("Fryslân noemt dit cijfer niet" in c.value for c in at.caption)


def test_bars_print_the_dutch_value_on_each_bar():
    at = open_page("trends", grafiek="Staven")
    bars = chart_traces(at)
    assert bars["Groningen"]["type"] == "bar"
    assert dict(zip(bars["Groningen"]["x"], bars["Groningen"]["text"]))["2020"] == "ruim 60"
    assert bars["Groningen"]["textposition"] == "outside"


def test_definition_and_comparability_note_are_shown_for_both_regions():
    at = tab(open_page("trends"), SIGNALEN)
    assert any("Signalen/meldingen van mensenhandel" in c.value for c in at.caption)
    notes = " ".join(e.value for figure in (SIGNALEN, AANMELDINGEN) for shown in [tab(at, figure)]
                     for e in [*shown.markdown, *shown.warning])
    assert "Alleen de signalen die in het tweewekelijkse Drieluikoverleg" in notes  # Fryslân's, reference/definities.csv
    assert "Niet één-op-één vergelijkbaar" in notes
    assert "die waarin ondersteuning en/of advies is gegeven" in notes
    only_groningen = open_page("trends", regios="Groningen")
    # one region: its reports' own definitions, but no note about comparing regions
    warned = " ".join(w.value for figure in figures(only_groningen) for w in tab(only_groningen, figure).warning)
    assert "Niet één-op-één" not in warned
    assert "tellen dit niet elk jaar op dezelfde manier" in warned


def test_url_query_parameters_restore_the_view():
    at = open_page("trends", cijfers=[SCREENINGS, SIGNALEN], regios="Groningen", jaren=["2020", "2024"],
                   grafiek="Staven")
    assert at.multiselect(key="cijfers").value == ["nazorg.screenings", "mensenhandel.signalen"]
    assert at.multiselect(key="regios").value == ["groningen"]
    assert at.slider(key="jaren").value == (2020, 2024)
    assert at.radio(key="grafiek").value == "staaf"
    assert figures(at) == [SCREENINGS, SIGNALEN]
    assert printed(at, SIGNALEN) == {("Groningen", 2020): "ruim 60", ("Groningen", 2023): "136", ("Groningen", 2024): "160"}


@pytest.mark.parametrize("params, message", [
    ({"cijfers": ""}, "Kies links ten minste één cijfer"),
    ({"regios": ""}, "Kies links ten minste één regio"),
    ({"cijfers": SIGNALEN, "jaren": ["2018", "2019"]}, "geen cijfers in de jaarverslagen"),
])
def test_empty_selection_says_so_in_dutch(params, message):
    at = open_page("trends", **params)
    assert message in at.info[0].value
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("grafiek", ["Lijnen", "Staven"])
def test_a_region_keeps_its_colour_alone_and_every_year_keeps_its_place(grafiek):
    at = open_page("trends", regios="Fryslân", grafiek=grafiek)
    shown = chart_traces(at)  # Fryslân reports 2023 and 2024 only
    assert shown["Fryslân"]["marker"]["color"] == "#D55E00"  # its own colour, also without Groningen beside it
    first, newest = all_years(at)
    assert [str(x) for x in shown["Fryslân"]["x"]] == [str(y) for y in range(first, newest + 1)]
    assert shown["Fryslân"]["y"][:7] == [None] * 7  # 2016–2022: empty places, never zeros
    assert "Groningen" not in shown  # a region not chosen is not drawn, not even as an empty series


def test_a_link_with_a_figure_or_region_the_page_does_not_know_says_so():
    at = open_page("trends", cijfers=["Maatwerk: Oude naam", SIGNALEN], regios="Drenthe")
    messages = " ".join(i.value for i in at.info)
    assert "cijfer ‘Maatwerk: Oude naam’" in messages and "regio ‘Drenthe’" in messages
    assert "Signalen" not in messages  # the known figure is not named as missing


def test_a_link_names_the_year_range_even_when_it_is_all_years():
    at = open_page("trends")
    assert at.query_params["jaren"] == [str(y) for y in all_years(at)]
    at.slider(key="jaren").set_value((2020, 2023)).run()
    assert at.query_params["jaren"] == ["2020", "2023"]


def test_a_link_with_years_outside_the_reports_says_so():
    at = open_page("trends", jaren=["2031", "2032"])
    assert at.slider(key="jaren").value == all_years(at)
    assert any("De link vraagt om jaren ‘2031’ en ‘2032’" in i.value for i in at.info)


def test_more_than_eight_figures_shows_the_first_eight_and_says_so_in_dutch():
    # Streamlit's own max_selections would say "You can only select up to 8 options" in English
    chosen = list(open_page("trends").multiselect(key="cijfers").options)[:10]
    at = open_page("trends", cijfers=chosen)
    assert figures(at) == chosen[:8]  # a tab each
    assert any("Er zijn 10 cijfers gekozen; de eerste 8 staan hieronder als tabblad" in i.value for i in at.info)
