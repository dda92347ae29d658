"""What the page Gegevens aanleveren shows, worded and formatted for the office."""

import polars as pl

from validation.problems import Problem
from zvh.aanlevering.tables import MAX_PROBLEMS_SHOWN, history_frame, problems_frame
from zvh.present.formatting import WORD_JOINER, markdown_table, markdown_text


def test_a_name_is_shown_literally_not_as_markdown():
    assert markdown_text("[klik](http://x) **vet**") == r"\[klik\](http:" + WORD_JOINER + r"//x) \*\*vet\*\*"
    assert markdown_text("1. niet als lijst: 653.325") == r"1\. niet als lijst: 653.325"
    assert markdown_text("# geen kop") == r"\# geen kop"
    assert markdown_text("Groningen\r# kop\r\n- item") == r"Groningen # kop - item"  # one line: no heading, no list


def test_bare_addresses_shortcodes_and_icons_are_not_drawn_as_links_or_pictures():
    # Streamlit turns these into links, emoji and icons after Markdown is parsed; a word joiner breaks them.
    for hostile in ("http://x.invalid", "HTTPS://x.invalid", "www.x.invalid", "iemand@x.invalid", ":smile:",
                    ":material/warning:", ":red[rood]"):
        shown = markdown_text(f"zie {hostile} nu")
        assert WORD_JOINER in shown and shown.replace(WORD_JOINER, "").replace("\\", "") == f"zie {hostile} nu"
    for hostile in ("https&#58;//x.invalid", "www&#46;x.invalid", "a&commat;x.invalid"):  # decoded after escaping
        assert markdown_text(hostile) == hostile.replace("&", "\\&")  # shown as typed, never decoded
    assert markdown_text("Bron: jaarverslag") == "Bron: jaarverslag"  # prose keeps its colon untouched


def test_a_markdown_table_keeps_cells_apart_and_shows_them_literally():
    table = markdown_table(pl.DataFrame({"Cijfer": ["a | b", None], "Waarde": ["€ 1.000\n*", "$5"]}))
    assert table.splitlines() == [
        "| Cijfer | Waarde |", "|---|---|", r"| a \| b | € 1.000 \* |", r"|  | \$5 |"]


def test_problems_have_a_blank_row_for_the_whole_file_and_are_capped():
    problems = [Problem("x.csv", None, None, None, "dit bestand is al aangeleverd")]
    problems += [Problem("x.csv", i, "value", -2.0, "mag niet negatief zijn") for i in range(2, 400)]
    frame = problems_frame(problems)
    assert frame.height == MAX_PROBLEMS_SHOWN
    assert frame.row(0) == ("", "", None, "dit bestand is al aangeleverd")
    assert frame.row(1) == ("2", "value", "-2", "mag niet negatief zijn")


def test_history_is_newest_first_in_dutch_without_bookkeeping_rows():
    history = pl.DataFrame({
        "tijdstip": ["2026-11-23T10:00:00+01:00", "2026-11-23T10:00:01+01:00", "2026-11-23T11:00:00+01:00"],
        "actie": ["bezig", "aanlevering", "teruggedraaid"], "aanlevering": ["a.csv"] * 3,
        "tabel": ["financien"] * 3, "bestand": ["begroting.xlsx"] * 3, "sha256": ["ab"] * 3, "wie": ["Jan", "Jan", "Piet"],
        "rol": ["aanleveraar:groningen"] * 2 + ["beheerder"],
        "toegevoegd": ["3", "3", ""], "gewijzigd": ["0", "0", ""], "ongewijzigd": ["0", "0", ""], "reden": ["", "", ""],
        "database_sha256": ["x"] * 3,
    })
    frame = history_frame(history)
    assert frame.select("Tijdstip", "Actie", "Soort", "Wie", "Rol").rows() == [
        ("2026-11-23 11:00", "teruggedraaid", "Financiën", "Piet", "beheerder"),
        ("2026-11-23 10:00", "vastgelegd", "Financiën", "Jan", "aanleveraar:groningen")]
