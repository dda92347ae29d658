"""Regio's vergelijken: the figures the chosen regions report, as printed and per 100.000 inhabitants; a missing
population leaves the per-inhabitant figure missing and says so; the URL restores the view."""

import polars as pl
import pytest

from tests.apptest import assert_no_error, chart_traces, open_page, open_tables, show_tab
from zvh.present import definities
from zvh.query import sql
from zvh.store.build import build

SHARED = ["Maatwerk: Afgesloten zaken", "Maatwerk: Lopende zaken bij begin jaar", "Maatwerk: Nieuwe aanmeldingen", "Maatwerk: Zaken in procesregie",
          "Signalen mensenhandel"]


pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def figures(at) -> list[str]:
    """The figures the page offers, a tab each."""
    return [t.label for t in at.tabs]


def in_every_tab(at, kind: str) -> list[str]:
    """The texts of every element of `kind` ("info", "caption", …) over all the figures' tabs."""
    return [e.value for label in figures(at) for e in getattr(show_tab(at, "cijfer", label), kind)]


def table_of(at, label: str, column: str = "cijfer") -> dict[tuple[str, int], str | None]:
    """The table under the chart of one figure as {(region, year): text in `column`}."""
    open_tables(show_tab(at, "cijfer", label))
    [frame] = [d.value for d in at.dataframe]  # only the open tab is drawn
    return {(r, int(y)): (v if isinstance(v, str) else None)
            for r, y, v in zip(frame["region_name"], frame["year"], frame[column])}


def bars_of(at, label: str) -> dict[str, dict]:
    return chart_traces(show_tab(at, "cijfer", label))


def test_renders_for_each_year_as_printed_and_per_inhabitant():
    at = open_page("vergelijking")
    slider = at.slider(key="jaren")
    for year in range(int(slider.min), int(slider.max) + 1):  # every year with a figure, whatever the newest is
        for per_inhabitant in (False, True):
            at.slider(key="jaren").set_value((year, year))
            at.toggle(key="per_inwoners").set_value(per_inhabitant).run()
            assert_no_error(at)
            if not at.get("plotly_chart"):
                assert "Kies andere jaren" in at.info[0].value
                continue
            for label in figures(at):  # every figure's tab, not only the open one
                assert len(show_tab(at, "cijfer", label).get("plotly_chart")) == 1


def test_shows_exactly_the_figures_both_regions_report():
    at = open_page("vergelijking")
    assert figures(at) == SHARED
    assert table_of(at, "Signalen mensenhandel") == {
        ("Groningen", 2020): "ruim 60", ("Groningen", 2023): "136", ("Fryslân", 2023): "43",
        ("Groningen", 2024): "160", ("Fryslân", 2024): "48"}
    assert table_of(at, "Maatwerk: Nieuwe aanmeldingen") == {
        ("Groningen", 2020): "125 (onzeker)", ("Fryslân", 2023): "187", ("Groningen", 2024): "135", ("Fryslân", 2024): "208"}


def test_per_inhabitant_values_use_the_population_on_1_january():
    at = open_page("vergelijking")
    at.toggle(key="per_inwoners").set_value(True).run()
    signalen = table_of(at, "Signalen mensenhandel", "per_100000_tekst")
    # 160 / 601.510 and 48 / 661.956 (CBS, 1 January 2024); 136 / 596.075 and 43 / 659.551 (2023)
    assert signalen[("Groningen", 2024)] == "26,6"
    assert signalen[("Fryslân", 2024)] == "7,3"
    assert signalen[("Groningen", 2023)] == "22,8"
    assert signalen[("Fryslân", 2023)] == "6,5"
    aanmeldingen = table_of(at, "Maatwerk: Nieuwe aanmeldingen", "per_100000_tekst")
    assert (aanmeldingen[("Groningen", 2024)], aanmeldingen[("Fryslân", 2024)]) == ("22,4", "31,4")
    assert table_of(at, "Maatwerk: Nieuwe aanmeldingen", "inwoners_tekst")[("Fryslân", 2024)] == "661.956"
    bars = bars_of(at, "Signalen mensenhandel")
    assert dict(zip(bars["Fryslân"]["x"], bars["Fryslân"]["text"]))["2024"] == "7,3"


def test_every_report_year_has_its_own_population():
    at = open_page("vergelijking", per_inwoners="true")
    # 136 / 596.075 (1 januari 2023, CBS 37259eng, like its municipalities) and 60 / 585.866 (2020) × 100.000
    assert table_of(at, "Signalen mensenhandel", "per_100000_tekst")[("Groningen", 2023)] == "22,8"
    assert table_of(at, "Signalen mensenhandel", "per_100000_tekst")[("Groningen", 2020)] == "ruim 10,2"
    assert not [i for i in in_every_tab(at, "info") if "Geen inwonertal" in i]


def test_missing_population_leaves_the_figure_missing_and_says_which_years(app_db_without):
    app_db_without(lambda row: row["gemeentecode_of_provincie"] == "PV20" and row["year"] in ("2017", "2020"))
    at = open_page("vergelijking", per_inwoners="true")
    assert table_of(at, "Signalen mensenhandel", "per_100000_tekst")[("Groningen", 2020)] == ""  # an empty cell, not a number
    messages = in_every_tab(at, "info")
    assert "Geen inwonertal van Groningen voor 2020: daar staat geen cijfer per 100.000 inwoners." in messages
    assert "Geen inwonertal van Groningen voor 2017: daar staat geen cijfer per 100.000 inwoners." in messages
    bars = bars_of(at, "Signalen mensenhandel")
    assert dict(zip(bars["Groningen"]["x"], bars["Groningen"]["y"]))["2020"] is None  # no bar, not a zero
    written = [text for trace in bars.values() if trace.get("mode") == "text" for text in trace["text"]]
    assert written == ["geen inwonertal<br>Groningen"]  # written into the chart where the bar would be


def test_population_source_is_named_when_per_inhabitant_values_are_shown():
    captions = " ".join(in_every_tab(open_page("vergelijking", per_inwoners="true"), "caption"))
    assert "Inwoners op 1 januari: CBS StatLine 70072ned, Regionale kerncijfers" in captions
    assert "Inwoners op 1 januari" not in " ".join(in_every_tab(open_page("vergelijking"), "caption"))


def test_different_counting_is_said_plainly_next_to_the_chart_with_each_regions_definition():
    at = open_page("vergelijking")
    warnings = in_every_tab(at, "warning")
    assert len(warnings) == len(SHARED)  # one box per figure: definitions and comparability note together
    assert all(w.startswith("**Groningen en Fryslân tellen dit niet op dezelfde manier.**") for w in warnings)
    aanmeldingen = next(w for w in warnings if "Maatwerk-casuïstiek" in w)
    # each region's definition from reference/definities.csv, with the report's own words and the report
    assert "**Fryslân** (ZVHF Jaarverslag 2024): Alle aangemelde zaken" in aanmeldingen
    assert "‘Het Zorg- en Veiligheidshuis heeft in 208 aangemelde zaken procesregie gevoerd of ondersteuning" in aanmeldingen
    assert "**Let op bij vergelijken:** Fryslâns getal is ruimer" in aanmeldingen


def test_changing_the_years_changes_the_figures():
    at = open_page("vergelijking")
    at.slider(key="jaren").set_value((2023, 2024)).run()
    assert "Maatwerk: Afgesloten zaken" in figures(at)
    assert table_of(at, "Signalen mensenhandel") == {
        ("Groningen", 2023): "136", ("Fryslân", 2023): "43", ("Groningen", 2024): "160", ("Fryslân", 2024): "48"}
    assert table_of(at, "Maatwerk: Afgesloten zaken") == {("Groningen", 2024): "54", ("Fryslân", 2024): "111"}


def test_url_query_parameters_restore_the_view():
    at = open_page("vergelijking", per_inwoners="true", jaren=["2024", "2024"])
    assert at.toggle(key="per_inwoners").value is True
    assert at.slider(key="jaren").value == (2024, 2024)
    assert table_of(at, "Maatwerk: Lopende zaken bij begin jaar", "per_100000_tekst") == {
        ("Groningen", 2024): "23,8", ("Fryslân", 2024): "14,7"}  # 143 / 601.510 and 97 / 661.956


def test_only_the_open_figure_is_drawn_and_the_link_names_it():
    at = open_page("vergelijking")
    assert len(at.get("plotly_chart")) == 1 and len(SHARED) > 1  # a chart costs the browser ~75 ms a change
    assert "Signalen mensenhandel" not in chart_traces(at)["Groningen"]["hovertemplate"]
    linked = open_page("vergelijking", cijfer="Signalen mensenhandel")
    assert linked.session_state["cijfer"] == "Signalen mensenhandel"
    assert bars_of(at, "Signalen mensenhandel") == chart_traces(linked)
    assert dict(zip(chart_traces(linked)["Groningen"]["x"], chart_traces(linked)["Groningen"]["text"]))["2024"] == "160"


def test_years_that_lose_the_open_figure_show_the_first_one():
    at = show_tab(open_page("vergelijking"), "cijfer", "Maatwerk: Afgesloten zaken")  # only 2024
    at.slider(key="jaren").set_value((2020, 2023)).run()
    assert_no_error(at)
    assert "Maatwerk: Afgesloten zaken" not in figures(at) and len(at.get("plotly_chart")) == 1
    assert chart_traces(at) == chart_traces(open_page("vergelijking", jaren=["2020", "2023"]))
    # said, not silently swapped
    assert "Voor deze keuze is er geen ‘Maatwerk: Afgesloten zaken’; nu open: ‘Maatwerk: Nieuwe aanmeldingen’." in [
        i.value for i in at.info]
    assert at.session_state["cijfer"] == figures(at)[0]


def test_years_without_shared_figures_say_so_in_dutch():
    at = open_page("vergelijking", jaren=["2018", "2019"])
    assert "noemt geen van beide regio's een van deze cijfers" in at.info[0].value
    assert not at.get("plotly_chart")


def test_reports_that_word_a_figure_differently_but_count_it_alike_get_no_warning(con):
    # Groningen's 2020, 2023 and 2024 reports each word their resultaat their own way; all are baten − lasten
    own = sql.run(con, "definities").filter((pl.col("metric") == "resultaat"))
    groningen = own.filter(pl.col("region") == "groningen")
    assert groningen.height == 3 and groningen["definitie"].n_unique() == 3
    assert definities.differ_warning(groningen) is None
    assert definities.differ_warning(own).startswith("**Groningen en Fryslân tellen dit niet op dezelfde manier.**")


@pytest.fixture
def many_shared(data_copy, tmp_path, monkeypatch):
    """A database in which Fryslân also reports, for 2024, every regional count Groningen reports for 2024 (fictitious
    rows beside its real report, as at the field's scale, where every region reports every figure)."""
    kerncijfers = pl.read_csv(data_copy / "kerncijfers" / "zvhg_jaarverslag_2024.csv", infer_schema=False)
    own = pl.read_csv(data_copy / "kerncijfers" / "zvhf_jaarverslag_2024.csv", infer_schema=False)
    extra = kerncijfers.filter(pl.col("year") == "2024", pl.col("gemeente").is_null(), pl.col("unit") == "aantal",
                               pl.col("part_of").is_null(), pl.col("total_of").is_null())
    extra = extra.join(own.select("theme", "metric").unique(), on=["theme", "metric"], how="anti").with_columns(
        region=pl.lit("fryslan"), source_document=pl.lit(own["source_document"][0]))
    extra.write_csv(data_copy / "kerncijfers" / "zvhf_test_gedeeld_2024.csv")
    build(tmp_path / "zvh.duckdb", data_copy)
    monkeypatch.setenv("ZVH_DB", str(tmp_path / "zvh.duckdb"))


def test_more_than_eight_shared_figures_show_eight_charts_and_offer_the_others(many_shared):
    at = open_page("vergelijking")
    offered = at.multiselect(key="cijfers").options
    assert len(offered) > 8 and len(at.multiselect(key="cijfers").value) == 8
    assert figures(at) == offered[:8]  # a tab each: the first eight
    linked = open_page("vergelijking", cijfers=[offered[8], offered[0]])  # the URL names figures as the list does
    assert set(figures(linked)) == {offered[0], offered[8]}
    every = open_page("vergelijking", cijfers=offered)
    assert len(figures(every)) == 8
    assert f"Er zijn {len(offered)} cijfers gekozen; de eerste 8 staan hieronder als tabblad." in every.info[0].value  # Dutch
    assert "Kies links ten minste één cijfer" in open_page("vergelijking", cijfers="").info[0].value
