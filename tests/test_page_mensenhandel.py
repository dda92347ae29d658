"""Mensenhandel: renders for every region choice and year; shows the reports' figures; restores its URL state."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import REGION_LABELS, assert_no_error, chart_spec, chart_traces, metric_values, open_page, open_tables
from zvh.present.formatting import year_span

pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def open_url(**params) -> AppTest:
    """Open the page as a fresh visit to its URL, through app.py."""
    return open_page("mensenhandel", **params)


def signals_table(at: AppTest):
    open_tables(at)
    return next(d.value for d in at.dataframe if set(d.value["onderdeel"]) == {"Signalen mensenhandel"})


def signal(at: AppTest, region: str, year: int) -> str:
    rows = signals_table(at)
    return rows.loc[(rows["region_name"] == region) & (rows["year"] == year), "cijfer"].item()


@pytest.mark.parametrize("regions", [["groningen"], ["fryslan"], ["groningen", "fryslan"]])
def test_renders_for_every_region_choice_and_year(regions):
    at = open_tables(open_url())  # they stay open while the choices change
    at.multiselect(key="regios").set_value(regions).run()
    slider = at.slider(key="jaren")  # the years with a trafficking figure in the reports
    first, last = int(slider.min), int(slider.max)  # AppTest gives a slider's ends as floats
    for years in [(first, last)] + [(y, y) for y in range(first, last + 1)]:
        at.slider(key="jaren").set_value(years).run()
        assert_no_error(at)
        # a chart or tile, or the Dutch word that these years have none for this choice; the chosen regions only
        assert at.get("plotly_chart") or at.metric or f" in {year_span(*years)} " in at.info[0].value
        shown = {r for d in at.dataframe if "region_name" in d.value.columns for r in d.value["region_name"]}
        assert shown <= {REGION_LABELS[r] for r in regions}


def test_signals_per_region_and_year_are_the_reports_figures():
    at = open_url()
    assert signal(at, "Groningen", 2024) == "160"
    assert signal(at, "Groningen", 2023) == "136"
    assert signal(at, "Groningen", 2020) == "ruim 60"
    assert signal(at, "Fryslân", 2024) == "48"
    assert signal(at, "Fryslân", 2023) == "43"
    values = metric_values(at)
    assert values["Signalen Groningen 2024"] == "160" and values["Signalen Fryslân 2024"] == "48"
    deltas = {m.label: m.proto.delta for m in at.metric}
    assert deltas["Signalen Groningen 2024"] == "+24 t.o.v. 2023"
    assert deltas["Signalen Fryslân 2024"] == "+5 t.o.v. 2023"


def test_changing_the_years_changes_the_headline_and_marks_the_approximate_comparison():
    at = open_url()
    at.slider(key="jaren").set_value((2020, 2023)).run()
    assert metric_values(at)["Signalen Groningen 2023"] == "136"
    assert {m.label: m.proto.delta for m in at.metric}["Signalen Groningen 2023"] == "+76 t.o.v. 2020 (3 jaar eerder, bij benadering)"  # ruim 60
    assert metric_values(at)["Signalen Fryslân 2023"] == "43"


def test_years_without_figures_are_gaps_and_approximate_points_hollow():
    at = open_url()
    groningen = chart_traces(at)["Groningen"]
    points = dict(zip(groningen["x"], groningen["y"]))
    assert points[2021] is None and points[2022] is None and points[2020] == 60
    symbols = dict(zip(groningen["x"], groningen["marker"]["symbol"]))
    assert symbols[2020].endswith("-open") and not symbols[2024].endswith("-open")


def test_comparability_of_the_regions_is_stated():
    at = open_url()
    warning = at.warning[0].value
    assert warning.startswith("**Groningen en Fryslân tellen dit niet op dezelfde manier.**")
    assert "Drieluikoverleg" in warning and "Niet één-op-één vergelijkbaar" in warning


def breakdown_shown(at) -> dict[str, str]:
    """The breakdown chart's table as {"Groningen 2020 Slachtoffers": "18"}."""
    parts = next(d.value for d in open_tables(at).dataframe if "Signalen (totaal)" in set(d.value["onderdeel"]))
    return dict(zip(parts["region_name"] + " " + parts["year"].astype(str) + " " + parts["onderdeel"], parts["cijfer"]))


def test_breakdowns_show_victims_locations_and_follow_up():
    at = open_url()
    assert at.radio(key="jaar_uitsplitsing").options == ["2023", "2020"]  # the newest year first, and open
    newest = breakdown_shown(at)
    assert newest["Groningen 2023 Signalen: locaties/bedrijven"] == "21"
    assert newest["Groningen 2023 Signalen: vermoedelijk slachtoffers"] == "115"
    assert not [line for line in newest if " 2020 " in line]  # one year at a time
    assert "Uitsplitsing 2023" in [s.value for s in at.subheader]
    lines = [y for trace in chart_spec(at, 1)["data"] for y in trace["y"]]  # the year is the heading, not each line's
    assert "Groningen · Signalen: locaties/bedrijven" in lines and not [line for line in lines if "2023" in line]
    at.radio(key="jaar_uitsplitsing").set_value(2020).run()
    shown = breakdown_shown(at)
    assert shown["Groningen 2020 Signalen (totaal)"] == "ruim 60"
    assert shown["Groningen 2020 Slachtoffers"] == "18"
    assert shown["Groningen 2020 Potentiële slachtoffers"] == "44"
    assert shown["Groningen 2020 Signalen opgepakt om te verrijken"] == "28"
    assert shown["Groningen 2020 Signalen doorverwezen"] == "14"
    assert breakdown_shown(open_url(jaar_uitsplitsing="2020")) == shown  # the link restores it
    at.slider(key="jaren").set_value((2021, 2024)).run()  # the chosen year falls outside: the newest left
    assert_no_error(at)
    assert [s.value for s in at.subheader if s.value.startswith("Uitsplitsing")] == ["Uitsplitsing 2023"]
    shares = next(d.value for d in open_url().dataframe if "Aandeel meerderjarig" in set(d.value["onderdeel"]))
    assert dict(zip(shares["onderdeel"], shares["cijfer"])) == {"Aandeel meerderjarig": "100%",
                                                                  "Aandeel met Nederlandse nationaliteit": "50%"}


def test_trainings_and_reach_mark_the_uncertain_participants_with_their_reason():
    values = metric_values(open_url())
    assert values["Deelnemers trainingen 2024"] == "330 (onzeker)"
    assert values["Online basistrainingen 2024"] == "2"
    assert values["Casussen in behandeling 2017"] == "50"
    # a tile for the newest year of each figure; the earlier ones in the table, as uncertain as printed
    assert "Casussen in behandeling 2016" not in values
    at = open_url()
    reach = next(d.value for d in at.dataframe if any("casussen" in str(v) for v in d.value["onderdeel"]))
    assert set(reach.loc[reach["year"] == 2016, "cijfer"]) == {"40 (onzeker)"}
    assert "De tegels tonen het nieuwste jaar van elk cijfer; de tabel hieronder heeft ook de eerdere jaren." in [
        c.value for c in at.caption]
    reasons = " ".join(c.value for c in at.caption)
    assert "Onzeker – Deelnemers trainingen mensenhandel 2024: Niet eenduidig of 'deze trainingen'" in reasons
    help_text = next(m.proto.help for m in at.metric if m.label == "Deelnemers trainingen 2024")
    assert "Onzeker:" in help_text and "ZVHG Jaarverslag 2024" in help_text


def test_every_table_names_its_source():
    at = open_tables(open_url())
    for frame in at.dataframe:
        assert frame.value["source_title"].str.len().min() > 0 and frame.value["source_locator"].str.len().min() > 0
    assert any(c.value.startswith("Bron: ") and "ZVHF Jaarverslag 2024" in c.value for c in at.caption)


def test_url_query_parameters_restore_regions_and_years():
    at = open_url(regios=["Fryslân"], jaren=["2023", "2024"])
    assert at.multiselect(key="regios").value == ["fryslan"]
    assert at.slider(key="jaren").value == (2023, 2024)
    assert metric_values(at) == {"Signalen Fryslân 2024": "48"}
    assert set(signals_table(at)["cijfer"]) == {"43", "48"}


def test_empty_choices_give_a_dutch_message():
    at = open_url()
    at.multiselect(key="regios").set_value([]).run()
    assert at.info[0].value == "Kies links ten minste één regio."
    at = open_url(regios=["Fryslân"], jaren=["2016", "2022"])
    assert "noemen voor Fryslân in 2016–2022 geen cijfers over mensenhandel" in at.info[0].value


def test_a_breakdown_that_does_not_add_up_says_so_beside_the_chart():
    assert "Het verslag spreekt zichzelf tegen" not in " ".join(w.value for w in open_url().warning)  # 2023 adds up
    warnings = " ".join(w.value for w in open_url(jaar_uitsplitsing="2020").warning)
    # 2020: 'Van deze 44 zijn 28 signalen … opgepakt om te verrijken. Hierbij ging het om 23 vrouwen en 3 mannen.'
    assert "Het verslag spreekt zichzelf tegen" in warnings and "tellen op tot 26" in warnings


def test_a_charts_table_is_drawn_only_once_opened_and_stays_open_when_the_years_change():
    at = open_url()
    assert not [d for d in at.dataframe if "Signalen mensenhandel" in set(d.value["onderdeel"])]  # closed: not sent
    open_tables(at)
    at.slider(key="jaren").set_value((2023, 2024)).run()
    shown = next(d.value for d in at.dataframe if set(d.value["onderdeel"]) == {"Signalen mensenhandel"})
    assert set(shown["cijfer"]) == {"136", "43", "160", "48"}
    assert "tabel_signalen" not in at.query_params  # the reader's own state, not part of a mailed link


def test_one_chosen_year_is_named_once():
    at = open_url(regios=["Fryslân"], jaren=["2024", "2024"])
    assert "De jaarverslagen splitsen de signalen in 2024 niet uit voor deze keuze." in [i.value for i in at.info]
    assert "2024–2024" not in " ".join(e.value for kind in ("info", "caption", "markdown") for e in getattr(at, kind))
