"""Text from data or a link is shown as text on every page: never an external image, never a fake link.

Every free text of the data (notes, reasons for uncertainty, sections, definitions, titles, sources) and the
file name of a committed delivery carry Markdown that would fetch an image from elsewhere and show a link
"Sessie verlopen"; every page and tab is opened and everything it shows as Markdown is read.
"""

import re

import polars as pl
import pytest

from tests.apptest import PAGES, REGION_LABELS, assert_no_error, open_page, show_tab
from tests.conftest import NEXT_YEAR, copy_of_data
from zvh.aanlevering import ledger
from zvh.store.build import build

HOSTILE = (" ![x](http://aanval.invalid/x.png) [Sessie verlopen: log hier opnieuw in](http://aanval.invalid/login)"
           " www.aanval.invalid/login beheer@aanval.invalid :material/lock: :warning:")
# A link or image whose `]` is not escaped; a bare address Streamlit would link; a shortcode it would draw.
RENDERED = re.compile(r"(?<!\\)\]\(http|https?://aanval|www\.aanval|@aanval|:material/|:warning:")
FREE_TEXT = {"note", "uncertainty_reason", "source_section", "source_label",
             "bron", "betekenis", "definitie", "vergelijkbaarheid", "titel", "label", "term"}
MARKDOWN_ELEMENTS = ("markdown", "alert", "heading", "metric", "expandable", "tab", "selectbox", "multiselect",
                     "radio", "button", "download_button", "segmented_control", "pills", "slider", "text_input",
                     "toggle", "checkbox", "page_link")
TABS = {"financien": {"tabblad": ["Begroting en realisatie", "Samenstelling", "Financiers", "Resultaat en reserves",
                                  "Regio's naast elkaar"]},
        "bronnen": {"onderdeel": ["Dekking", "Vindplaats van een cijfer", "Kwaliteitsbevindingen", "Documenten",
                                  "Begrippen"]},
        "gemeenten": {"tabblad": ["Kaart", "Staafdiagram", "Tabel"]}}
FIGURE_TABS = {"trends": "cijfer", "vergelijking": "cijfer"}  # a tab per figure, named as the data names it


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    data_dir = copy_of_data(tmp_path_factory.mktemp("hostile") / "data")
    for path in data_dir.rglob("*.csv"):
        frame = pl.read_csv(path, infer_schema=False)
        poisoned = [c for c in frame.columns if c in FREE_TEXT]
        if poisoned:
            frame.with_columns((pl.col(c) + HOSTILE).alias(c) for c in poisoned).write_csv(path)
    db = data_dir / "zvh.duckdb"
    build(db, data_dir)
    aanlevering = ("region;year;theme;metric;gemeente;categorie;value;unit;note;uncertainty_reason;certainty\n"
                f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal;{HOSTILE};{HOSTILE};onzeker\n").encode()
    ledger.commit("kerncijfers", f"{HOSTILE}.csv", aanlevering, f"Jan{HOSTILE}", f"reden{HOSTILE}", data_dir, db)
    return data_dir, db


# Only label and help are Markdown: options are shown as plain text, a page link's URL parameters are no text at all.
PLAIN_OPTIONS = ("selectbox", "multiselect", "page_link")


def unescaped(at) -> list[str]:
    shown = [f"{e.proto.label} {e.proto.help}" if kind in PLAIN_OPTIONS else str(e.proto)
             for kind in MARKDOWN_ELEMENTS for e in at.get(kind)]
    return [text[:160] for text in shown if RENDERED.search(text)]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_renders_hostile_text_from_data_as_markdown(hostile_app, monkeypatch, page):
    data_dir, db = hostile_app
    monkeypatch.setenv("ZVH_DATA", str(data_dir))
    monkeypatch.setenv("ZVH_DB", str(db))
    for region in REGION_LABELS.values():
        at = open_page(page, regio=region)
        found = unescaped(at)
        for key, tabs in TABS.get(page, {}).items():
            for tab in tabs:
                found += unescaped(show_tab(at, key, tab))
        if key := FIGURE_TABS.get(page):
            assert len(at.tabs) > 1
            for tab in [t.label for t in at.tabs]:
                found += unescaped(show_tab(at, key, tab))
        if page == "mensenhandel":  # the breakdown of each year
            for year in at.radio(key="jaar_uitsplitsing").options:
                found += unescaped(at.radio(key="jaar_uitsplitsing").set_value(int(year)).run())
        assert_no_error(at)
        assert not found, "\n".join(found)
