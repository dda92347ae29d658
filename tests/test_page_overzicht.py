"""Overzicht: renders for every region and year, shows the database's figures, restores its URL state."""

import base64
import re
from urllib.parse import parse_qs, unquote_plus
import xml.etree.ElementTree as ET

import polars as pl
import pytest

from tests.apptest import REGION_LABELS, assert_no_error, frame_with, metric_values, open_page
from zvh.present import charts
from zvh.present import overzicht as kpis
from zvh.query import sql
from zvh.web.signalen import INCOMPARABLE

SVG = "{http://www.w3.org/2000/svg}"

pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def years_of(con, region):
    years = [r[0] for r in con.sql("select distinct year from facts where region = $r", params={"r": region}).fetchall()]
    return sorted(years)


@pytest.mark.parametrize("region", list(REGION_LABELS))
def test_overzicht_offers_every_year_with_headline_figures_and_no_other(con, region):
    at = open_page(regio=REGION_LABELS[region])
    offered = [int(y) for y in at.selectbox(key="jaar").options]
    headline = sql.run(con, "overzicht_reeks", region=region, kpis=kpis.COUNTED)["year"].unique().to_list()
    assert sorted(offered) == sorted(headline) and set(offered) <= set(years_of(con, region))
    for year in offered:
        at.selectbox(key="jaar").set_value(year).run()
        assert_no_error(at)
        assert at.title[0].value.endswith(str(year))
        assert at.metric and table_rows(at)


def test_groningen_2024_headline_figures_come_from_the_database():
    values = metric_values(open_page(regio="Groningen", jaar="2024"))
    assert values["Signalen mensenhandel"] == "160"
    assert values["Maatwerk: Nieuwe aanmeldingen"] == "135"
    assert values["Lasten (realisatie)"] == "€ 1.958.682"
    assert values["Resultaat"] == "€ 82.003"


def test_change_is_against_the_previous_year_with_data():
    at = open_page(regio="Groningen", jaar="2024")
    deltas = {m.label: m.proto.delta for m in at.metric}
    assert deltas["Signalen mensenhandel"] == "+24 t.o.v. 2023"
    # 2021–2023 reported none; the 2020 table is "een indruk … met een onzekerheidsmarge", and counted otherwise: a
    # change the view signalen calls niet_vergelijkbaar is no rise or fall, so the tile gives no number and no arrow
    assert deltas["Maatwerk: Nieuwe aanmeldingen"] == "niet te vergelijken met 2020 (andere telwijze, onzeker cijfer)"
    assert deltas["Maatwerk: Actieve zaken"] == "niet te vergelijken met 2020 (onzeker cijfer)"
    # "ruim 500" in 2024 after 2023's "jaarlijks ongeveer 600" (a typical year, not a count)
    assert deltas["Screenings nazorg detentie (benadering)"] == "niet te vergelijken met 2023 (andere telwijze)"
    arrows = {m.label: m.proto.direction for m in at.metric}
    none, up = at.metric[0].proto.MetricDirection.NONE, at.metric[0].proto.MetricDirection.UP
    assert (arrows["Maatwerk: Actieve zaken"], arrows["Signalen mensenhandel"]) == (none, up)
    first = next(m.proto for m in open_page(regio="Fryslân", jaar="2024").metric if m.label == "Maatwerk: Afgesloten zaken")
    assert (first.delta, first.direction) == ("geen eerder jaar met dit cijfer", first.MetricDirection.NONE)  # no arrow


def table_rows(at) -> list[dict[str, str]]:
    """The rows of the page's table (Markdown text on screen) as {column: text as shown}."""
    text = next(m.value for m in at.markdown if m.value.startswith("| Cijfer |"))
    lines = [re.split(r"(?<!\\)\|", line.strip())[1:-1] for line in text.splitlines()]
    cells = [[re.sub(r"\\(.)", r"\1", c.strip()) for c in line] for line in lines]
    return [dict(zip(cells[0], row)) for row in cells[2:]]


def test_the_table_gives_every_figure_its_source_and_can_be_downloaded():
    at = open_page(regio="Groningen", jaar="2024")
    rows = {r["Cijfer"]: r for r in table_rows(at)}
    assert list(rows) == ["Maatwerk: Actieve zaken", "Maatwerk: Nieuwe aanmeldingen", "Maatwerk: Afgesloten zaken", "Signalen mensenhandel",
                          "Screenings nazorg detentie", "Levensloop: Geïncludeerde personen (stand)", "Lasten (realisatie)",
                          "Lasten (begroting)", "Resultaat", "Resultaat (begroting)", "Vrije reserves (stand eind jaar)"]
    assert rows["Signalen mensenhandel"]["Waarde"] == "160"
    assert (rows["Screenings nazorg detentie"]["Waarde"], rows["Screenings nazorg detentie"]["Toelichting"]) == (
        "ruim 500", "bij benadering (ruim)")
    assert rows["Lasten (begroting)"]["Waarde"] == "€ 1.955.000"  # in the table, not as a tile of its own
    assert rows["Lasten (realisatie)"]["Bron"] == "ZVHG Jaarverslag 2024"
    assert rows["Lasten (realisatie)"]["Vindplaats"].endswith("› Totaal lasten › Rekening 2024")
    assert all(r["Vindplaats"] and r["Bron"] for r in rows.values())
    assert any(c.value.startswith("Bron: ZVHG Jaarverslag 2024") for c in at.caption)
    assert [b.proto.label for b in at.get("download_button")] == ["Stuurgroeprapportage (PDF)", "CSV", "Excel"]


def trend_of(at, label: str) -> tuple[str, ET.Element]:
    """The alt text and the SVG of the small trend (a Markdown image) in the tile `label`."""
    images = [m.value for m in at.markdown if m.value.startswith("![")]
    alts = [re.sub(r"\\(.)", r"\1", re.match(r"!\[((?:\\.|[^\]])*)\]", image).group(1)) for image in images]
    alt, image = next((alt, image) for alt, image in zip(alts, images) if alt.startswith(f"{label}, verloop"))
    svg = base64.b64decode(re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", image).group(1))
    return alt, ET.fromstring(svg)


def test_trend_spaces_the_points_by_their_real_years_and_leaves_missing_years_as_gaps():
    at = open_page(regio="Groningen", jaar="2024")
    alt, svg = trend_of(at, "Signalen mensenhandel")  # 2020 (ruim 60), 2023, 2024
    assert alt == "Signalen mensenhandel, verloop 2020–2024: 2020: ruim 60; 2021–2022: geen cijfer; 2023: 136; 2024: 160."
    x = [float(c.get("cx")) for c in svg.iter(f"{SVG}circle")]
    assert x[1] - x[0] == pytest.approx(3 * (x[2] - x[1]))  # three years, not one step
    assert len(list(svg.iter(f"{SVG}line"))) == 5  # a tick for every year 2020–2024
    lines = [[float(p.split(",")[0]) for p in line.get("points").split()] for line in svg.iter(f"{SVG}polyline")]
    assert lines == [pytest.approx([x[1], x[2]])]  # 2023–2024 joined; nothing joins 2020 across the gap
    assert [c.get("fill") for c in svg.iter(f"{SVG}circle")][0] == "#ffffff"  # "ruim 60": a hollow point
    _, svg = trend_of(at, "Maatwerk: Nieuwe aanmeldingen")  # 2020 and 2024 only: two points, no line between them
    assert not list(svg.iter(f"{SVG}polyline")) and len(list(svg.iter(f"{SVG}circle"))) == 2


def test_trend_ends_at_the_chosen_year_and_needs_two_figures():
    points = [(2020, 5.0, "5", False), (2021, 6.0, "6", False), (2024, 9.0, "9", False)]
    assert "2024: 9" not in charts.sparkline(points, last_year=2021, label="x")
    assert charts.sparkline(points[:1], last_year=2021, label="x") == ""


def test_changing_the_year_changes_the_figures():
    at = open_page(regio="Groningen", jaar="2024")
    at.selectbox(key="jaar").set_value(2023).run()
    assert metric_values(at)["Signalen mensenhandel"] == "136"


def test_approximate_and_uncertain_figures_are_marked():
    values = metric_values(open_page(regio="Groningen", jaar="2024"))
    assert values["Screenings nazorg detentie (benadering)"] == "ruim 500"
    assert metric_values(open_page(regio="Groningen", jaar="2020"))["Signalen mensenhandel (benadering)"] == "ruim 60"


def test_amounts_printed_in_thousands_say_so_on_their_tile():
    at = open_page(regio="Groningen", jaar="2017")  # "Bedragen x €1000,-": the database holds 936.000 euros
    assert metric_values(at)["Lasten (realisatie)"] == "€ 936.000"
    assert "Bedrag gedrukt in duizenden euro's; afgerond op € 1.000." in [c.value for c in at.caption]
    lasten = next(m.proto for m in at.metric if m.label == "Lasten (realisatie)")
    assert "in duizenden euro's" in lasten.help and "afgerond op € 1.000" in lasten.help
    assert "Begroting: € 919.000 (gedrukt in duizenden euro's; afgerond op € 1.000)" in lasten.help
    assert lasten.delta == "+€ 41.000 t.o.v. 2016 (2016 en 2017 afgerond op € 1.000)"
    rows = {r["Cijfer"]: r for r in table_rows(at)}
    assert rows["Lasten (realisatie)"]["Toelichting"] == "gedrukt in duizenden euro's; afgerond op € 1.000"
    assert rows["Maatwerk: Actieve zaken"]["Toelichting"] == ""


def test_a_change_from_an_amount_printed_in_thousands_says_that_year_was_rounded():
    at = open_page(regio="Groningen", jaar="2020")
    lasten = next(m.proto for m in at.metric if m.label == "Lasten (realisatie)")
    assert lasten.delta == "+€ 211.818 t.o.v. 2017 (3 jaar eerder, 2017 afgerond op € 1.000)"
    assert "duizenden" not in lasten.help  # 2020 itself is printed in euros
    assert "Begroting: € 1.213.090 (onzeker)" in lasten.help  # the OCR'd begroting is marked too
    assert "onzeker: " in {r["Cijfer"]: r for r in table_rows(at)}["Lasten (begroting)"]["Toelichting"]  # with its reason
    assert not any("duizenden" in c.value for c in at.caption)
    alt, _ = trend_of(open_page(regio="Groningen", jaar="2024"), "Lasten (realisatie)")
    assert "2016: € 895.000 (afgerond op € 1.000); 2017: € 936.000 (afgerond op € 1.000); 2018–2019: geen cijfer" in alt


def test_a_report_with_only_the_begroting_of_the_lasten_shows_that_as_its_tile():
    at = open_page(regio="Fryslân", jaar="2024")  # "De reguliere begroting 2024 bedroeg € 1.683.170,-", no realisatie
    values = metric_values(at)
    assert values["Lasten (begroting)"] == "€ 1.683.170" and "Lasten (realisatie)" not in values
    assert "Het verslag over 2024 noemt alleen de begroting van de lasten, geen realisatie." in [c.value for c in at.caption]
    help_text = next(m.help for m in at.metric if m.label.startswith("Lasten (begroting)"))
    assert "geen realisatie" not in help_text  # the caption says it; the help gives the report's own words once
    assert help_text.count("het verslag noemt geen gerealiseerde lasten") == 1
    assert [r["Cijfer"] for r in table_rows(at)].count("Lasten (begroting)") == 1
    assert "Lasten (begroting)" not in metric_values(open_page(regio="Groningen", jaar="2024"))  # beside its realisatie


def test_a_year_without_headline_figures_is_not_offered_and_a_link_to_it_is_named():
    at = open_page(regio="Groningen", jaar="2021")  # the 2021 and 2022 reports give none of the headline figures
    assert not {"2021", "2022"} & set(at.selectbox(key="jaar").options)
    assert "jaar ‘2021’" in " ".join(i.value for i in at.info)


def test_url_query_parameters_restore_region_and_year():
    at = open_page(regio="Fryslân", jaar="2023")
    assert at.selectbox(key="regio").value == "fryslan"
    assert at.selectbox(key="jaar").value == 2023
    assert at.title[0].value == "Overzicht Fryslân 2023"
    assert metric_values(at)["Maatwerk: Nieuwe aanmeldingen"] == "187"


def test_first_start_builds_the_missing_database(tmp_path, monkeypatch):
    db = tmp_path / "new" / "zvh.duckdb"
    monkeypatch.setenv("ZVH_DB", str(db))
    at = open_page(regio="Groningen", jaar="2024")
    assert db.exists()
    assert metric_values(at)["Signalen mensenhandel"] == "160"


def test_a_link_with_a_value_the_page_cannot_show_says_so(con):
    at = open_page(regio="Drenthe", jaar="2019")
    messages = " ".join(i.value for i in at.info)
    assert "regio ‘Drenthe’" in messages and "jaar ‘2019’" in messages
    assert at.title[0].value == f"Overzicht Groningen {years_of(con, 'groningen')[-1]}"  # the first region's newest


def test_a_region_without_the_chosen_year_shows_its_newest_year_without_blaming_the_link(con):
    at = open_page(regio="Groningen", jaar="2020")
    at.selectbox(key="regio").set_value("fryslan").run()
    newest = years_of(con, "fryslan")[-1]
    assert at.title[0].value == f"Overzicht Fryslân {newest}"
    assert at.selectbox(key="jaar").value == newest
    assert not any("De link vraagt om" in i.value for i in at.info)


def test_a_link_names_the_year_even_when_it_is_the_newest(con):
    """Streamlit leaves defaults out of the URL: a link to 'the newest year' would move once a newer one is loaded."""
    *_, earlier, newest = years_of(con, "groningen")
    at = open_page()
    assert at.query_params["jaar"] == str(newest)
    at.selectbox(key="jaar").set_value(earlier).run()
    assert at.query_params["jaar"] == str(earlier)


def test_a_figure_of_one_part_of_the_work_names_that_part_on_its_tile_and_in_its_source():
    at = open_page(regio="Groningen", jaar="2024")  # "278 actieve casussen binnen Maatwerk", not all of ZVHG's work
    tiles = {m.label: m for m in at.metric}
    assert {"Maatwerk: Actieve zaken", "Maatwerk: Nieuwe aanmeldingen", "Maatwerk: Afgesloten zaken"} <= set(tiles)
    assert "Signalen mensenhandel" in tiles and "Lasten (realisatie)" in tiles  # named by their part already; all
    assert "278 actieve casussen binnen Maatwerk" in tiles["Maatwerk: Actieve zaken"].help


def test_a_ratio_of_an_uncertain_amount_is_uncertain_too():
    at = open_page(regio="Groningen", jaar="2020")  # the 2020 lasten: € 1.213.090 (onzeker)
    tile = next(m for m in at.metric if m.label.startswith("Lasten (realisatie)"))
    assert re.search(r"realisatie [\d,]+% \(onzeker\) van de begroting", tile.help), tile.help


def test_earmarked_reserves_stand_apart_and_a_result_is_not_called_a_jaarrekening_the_report_lacks():
    values = metric_values(open_page(regio="Fryslân", jaar="2024"))
    # "Rijksbijdrage 2021 POK (incidenteel te besteden) € 323.200": "als incidentele reserve bestemd"
    assert values["Bestemde reserves (stand eind jaar)"] == "€ 323.200"
    assert values["Vrije reserves eind jaar (berekend: som van 2 posten)"] == "€ 378.370"  # 335.528 + 42.842
    assert "€ 701.570" not in values.values()
    earmarked = next(m for m in open_page(regio="Fryslân", jaar="2024").metric if m.label.startswith("Bestemde"))
    assert "als incidentele reserve bestemd" in earmarked.help  # why, in the report's words (reference/reserves.csv)
    tile = next(m for m in open_page(regio="Fryslân", jaar="2024").metric if m.label == "Resultaat")
    assert "jaarrekening met baten en lasten" in tile.help and "restant van € 98.471" in tile.help
    assert "baten min" not in tile.help.lower()  # Fryslân's result is the restant of its budget (definities.csv)
    groningen = next(m for m in open_page(regio="Groningen", jaar="2024").metric if m.label == "Resultaat")
    assert "totaal baten min totaal lasten" in groningen.help and "exploitatieresultaat in de jaarrekening" in groningen.help
    assert metric_values(open_page(regio="Groningen", jaar="2024"))["Vrije reserves (stand eind jaar) (benadering)"] == (
        "ongeveer € 228.000")


def test_a_figure_its_report_contradicts_says_so_on_its_tile(con):
    at = open_page(regio="Groningen", jaar="2017")
    captions = " ".join(c.value for c in at.caption)
    # 'De uitgaven bleven in 2017 binnen de begroting', while Tabel 2 has 936 against 919 (reference/tegenstrijdigheden.csv)
    assert "**Het verslag spreekt zichzelf tegen:** Het verslag zegt dat de uitgaven binnen" in captions
    assert "spreekt zichzelf" not in " ".join(c.value for c in open_page(regio="Groningen", jaar="2024").caption)
    # on the tile of the staat it is about: the claim on the spending, not 'begroting gelijk aan 2016' (Financiën)
    tiles = {t.kpi: " ".join(t.captions) for t in kpis.tiles(
        sql.run(con, "overzicht_reeks", region="groningen", kpis=kpis.COUNTED), sql.run(con, "metric_labels"), 2017,
        sql.run(con, "definities"), sql.run(con, "bronnen_bevindingen").filter(pl.col("region") == "groningen"),
        sql.run(con, "signalen").filter(pl.col("region") == "groningen"))}
    assert "binnen de begroting" in tiles[kpis.REALISED] and "gelijk aan" not in tiles[kpis.REALISED]




def wat_valt_op(at) -> list[str]:
    """The texts of the section 'Wat valt op', in the order shown, its incomparable changes opened as a reader does."""
    if INCOMPARABLE in [box.key for box in at.expander]:
        at.session_state[INCOMPARABLE] = True
        at.run()
    return [m.value for m in at.markdown if m.value.startswith("**Signaal") or m.value.startswith("**Niet vergelijkbaar")]


def test_wat_valt_op_shows_the_years_signals_first_with_both_sources_one_click_away(con):
    at = open_page(regio="Groningen", jaar="2024")
    assert at.subheader[0].value == "Wat valt op"
    shown = wat_valt_op(at)
    expected = sql.run(con, "signalen").filter((pl.col("region") == "groningen") & (pl.col("year") == 2024)
                                               & (pl.col("status") != "geen_signaal"))
    assert len(shown) == expected.height and expected.height > 1
    statuses = [s.split("**")[1].split(",")[0] for s in shown]
    assert statuses == sorted(statuses, key=["Signaal", "Niet vergelijkbaar"].index)  # signals first
    assert any(s.startswith("**Signaal** · Signalen mensenhandel: 160 in 2024, +24 (+17,6%) t.o.v. 136 in 2023") for s in shown)
    assert any(s.startswith("**Signaal, gunstig** · Resultaat:") for s in shown)
    assert not [s for s in shown if s.startswith("**Niet vergelijkbaar") and "t.o.v." in s]
    links = [link.proto for link in at.get("page_link")]
    to_sources = [link for link in links if link.page == "bronnen"]
    assert len(to_sources) == 2 * len(shown)  # the figure's and the earlier one's
    mensenhandel = [link for link in to_sources if "In 2024 werden 160 meldingen" in unquote_plus(link.query_string)]
    assert [link.label for link in mensenhandel] == ["Vindplaats 2024 (ZVHG Jaarverslag 2024)"]
    assert "jaartallen=2024" in mensenhandel[0].query_string
    assert "In 2024 werden 160 meldingen" in mensenhandel[0].help  # the place in the report, on hovering
    assert any(link.page == "signalen" for link in links)


def test_the_source_link_of_a_signal_opens_its_figure_in_bronnen():
    overzicht = open_page(regio="Groningen", jaar="2024")
    link = next(link.proto for link in overzicht.get("page_link")
                if link.page == "bronnen" and "In 2024 werden 160 meldingen" in unquote_plus(link.query_string))
    params = parse_qs(link.query_string)
    at = open_page("bronnen", **{k: v if len(v) > 1 else v[0] for k, v in params.items()})
    found = frame_with(at, "Waarde")  # the tab Vindplaats, searched for the figure's place in its report
    assert [tuple(r) for r in found[["Waarde", "Jaar", "Regio", "Bron"]].itertuples(index=False)] == [
        ("160", 2024, "Groningen", "ZVHG Jaarverslag 2024")]


def test_the_source_link_of_a_summed_reserve_opens_every_post_it_adds_up():
    # Fryslân's free reserves 2024, € 378.370: the OGGZ restantbudget € 42.842 and the restantbudget € 335.528
    overzicht = open_page(regio="Fryslân", jaar="2024")
    link = next(link.proto for link in overzicht.get("page_link")
                if link.page == "bronnen" and "jaartallen=2024" in link.query_string
                and "restantbudget" in unquote_plus(link.query_string))
    params = parse_qs(link.query_string)
    found = frame_with(open_page("bronnen", **{k: v if len(v) > 1 else v[0] for k, v in params.items()}), "Waarde")
    assert {"€ 42.842", "€ 335.528"} <= set(found["Waarde"])


def test_wat_valt_op_says_so_when_a_year_has_nothing_to_compare_with():
    at = open_page(regio="Fryslân", jaar="2023")  # the first report of Fryslân: no earlier year
    assert not wat_valt_op(at)
    assert any("geen kerncijfer met een eerder jaar" in c.value for c in at.caption)
    shown = wat_valt_op(open_page(regio="Fryslân", jaar="2024"))
    # changes below the rules are not listed: of Fryslân's 2024 changes only its free reserves' +35,2 % is one
    assert [s.split(":")[0] for s in shown] == ["**Signaal** · Vrije reserves (stand eind jaar)"]
