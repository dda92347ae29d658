"""Signalen: every change of a headline figure with its judgement and reason; filters restored from the URL."""

import polars as pl
import pytest

from tests.apptest import frame_with, open_page
from zvh.query import sql
from zvh.web.signalen import EXPLAINED

pytestmark = pytest.mark.usefixtures("app_db")  # the app reads the test database


def shown(at) -> pl.DataFrame:
    return pl.from_pandas(frame_with(at, "Toelichting"))


def test_all_regions_and_years_by_default_with_every_row_explained(con):
    at = open_page("signalen")
    table, everything = shown(at), sql.run(con, "signalen")
    assert table.height == everything.height and set(table["Regio"]) == {"Groningen", "Fryslân"}
    assert sorted(table["Toelichting"]) == sorted(everything["description"])
    # newest year first, signals first, then in the Overzicht's order (Maatwerk before money)
    first = table.head(5).select("Regio", "Jaar", "Cijfer", "Status").rows()
    assert first == [("Groningen", 2024, "Signalen mensenhandel", "Signaal"),
                     ("Groningen", 2024, "Lasten (begroting)", "Signaal"),
                     ("Groningen", 2024, "Resultaat", "Signaal"),
                     ("Groningen", 2024, "Vrije reserves (stand eind jaar)", "Signaal"),
                     ("Groningen", 2024, "Maatwerk: Actieve zaken", "Niet vergelijkbaar")]
    assert not [m for m in at.markdown if m.value.startswith("**Groningen")]  # folded: not drawn until opened
    at.session_state[EXPLAINED] = True
    at.run()
    explained = [m.value for m in at.markdown if m.value.startswith("**Groningen") or m.value.startswith("**Fryslân")]
    assert len(explained) == table.height and all("Bron: " in e and "vorig cijfer: " in e for e in explained)
    assert {d.proto.label for d in at.get("download_button")} >= {"CSV", "Excel"}


def test_the_url_restores_regions_years_status_and_theme():
    at = open_page("signalen", regios="Groningen", jaartallen=["2023", "2024"], status="Niet vergelijkbaar",
                   themas="Mensenhandel")
    table = shown(at)
    assert table.select("Regio", "Jaar", "Cijfer", "Status").rows() == [
        ("Groningen", 2023, "Signalen mensenhandel", "Niet vergelijkbaar")]
    assert "‘meldingen ontvangen’" in table["Toelichting"][0] and "t.o.v." not in table["Toelichting"][0]
    assert at.multiselect(key="status").value == ["niet_vergelijkbaar"]


def test_a_signal_with_a_good_direction_shows_its_assessment():
    table = shown(open_page("signalen", regios="Groningen", status="Signaal", themas="Financiën"))
    assessed = dict(zip(zip(table["Cijfer"], table["Jaar"]), table["Beoordeling"]))
    assert assessed[("Resultaat", 2024)] == "gunstig" and assessed[("Resultaat", 2023)] == "ongunstig"
    assert assessed[("Lasten (realisatie)", 2023)] == ""  # no good direction: no judgement (an empty cell)
    assert set(table["Status"]) == {"Signaal"}


def test_a_choice_without_signals_and_an_unknown_status_say_so():
    at = open_page("signalen", regios="Fryslân", themas="Maatwerk", status=["Signaal", "Onbekend"])
    assert any("De link vraagt om soort ‘Onbekend’" in i.value for i in at.info)
    assert any("Geen signalen voor deze keuze" in i.value for i in at.info)


def test_the_table_names_the_reports_of_both_years_it_compares():
    # the compact table shows no Bron column: its caption names every report, the earlier year's too
    at = open_page("signalen", regios="Groningen", jaartallen="2024")
    caption = next(c.value for c in at.caption if c.value.startswith("Bron: "))
    assert "ZVHG Jaarverslag 2024" in caption and "ZVHG Jaarverslag 2023" in caption
