"""Run the real app (app.py with its navigation) in AppTest against the test database."""

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from zvh.paths import DATA
from zvh.source import regions
from zvh.web.guard import MESSAGE

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = sorted(p.stem for p in (ROOT / "views").glob("*.py"))  # every page (test_app: all registered in app.py)
REGION_LABELS = regions.read(DATA).names  # the URL carries the label a user sees


def open_page(page: str | None = None, **query_params) -> AppTest:
    """Open `views/<page>.py` (default page when None) with the given URL parameters, and check it ran."""
    at = AppTest.from_file(APP, default_timeout=30)
    if page is not None:
        # Straight to the page, as a deep link does: running another page first would carry its widget
        # values (same keys) over and hide whether the URL restores the state.
        at.switch_page(f"views/{page}.py")
    for key, value in query_params.items():
        at.query_params[key] = value
    at.run()
    assert_no_error(at)
    return at


def assert_no_error(at: AppTest) -> None:
    """Neither a traceback nor the Dutch message that stands in for one (`zvh.web.guard`)."""
    assert not at.exception, at.exception
    assert not [e.value for e in at.error if MESSAGE in e.value]


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def chart_spec(at: AppTest, index: int = 0) -> dict:
    """The plotly figure (data and layout) of the `index`-th chart on screen."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def chart_traces(at: AppTest, index: int = 0) -> dict[str, dict]:
    """The traces of the `index`-th plotly chart on screen, by name ("" for one without, e.g. written text)."""
    return {t.get("name", ""): t for t in chart_spec(at, index)["data"]}


def frame_with(at: AppTest, column: str):
    """The first table on screen that has `column` (a chart's table counts too)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def open_tables(at: AppTest) -> AppTest:
    """Open every chart's "Tabel bij deze grafiek" on screen, as a reader does: its grid is drawn only when open."""
    for box in at.expander:
        if box.key and box.key.startswith("tabel_"):
            at.session_state[box.key] = True
    at.run()
    assert_no_error(at)
    return at


def show_tab(at: AppTest, key: str, tab: str) -> AppTest:
    """Open tab `tab` of the tabs bound to `key` (only the open tab's content runs)."""
    at.session_state[key] = tab
    at.run()
    assert_no_error(at)
    return at
