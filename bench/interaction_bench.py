"""What a stuurgroep member waits for in Chromium: a filter change, a page switch, a fresh session.

Run by hand: `uv run python bench/interaction_bench.py [repeats] [page ...]` (default 20 per page; with pages, e.g.
`gemeenten trends`, only their filter changes). Starts the app with the README's command on loopback against a
freshly built database (or `ZVH_DB`/`ZVH_DATA` as given, e.g. the field data of bench/field_bench.py --keep) and
drives one headless Chromium. Prints median and p95 per page, judged against the issue's targets:
- filter change → redrawn chart (the last chart drawn after the click; a page without charts: its last table or
  tile change): target p95 < 300 ms;
- page switch (a click in the navigation) → first chart, table or tile drawn: target p95 < 500 ms;
- fresh session (new browser context) → the Overzicht figures visible: target median < 1,5 s.
Beside them, "settled": until the last change anywhere on the page (tables and text below the charts too).

Beside the wall time, each row gives what the browser did for it (median per interaction): its main thread's busy
time (Chrome's TaskDuration, which waiting for a shared CPU inflates far less than the wall time) and the websocket
messages and kilobytes the server sent.

"Settled" is read in the page itself: a MutationObserver on the main area and plotly's `plotly_afterplot` event
stamp the time of the last change (performance.now()); the bench waits until the script run is over and nothing
changed for `QUIET_MS`, and reports the last stamp minus the click's, so the waiting itself is not counted. Changes
inside a <canvas> are not counted: the data grid keeps an accessible copy of its cells there, rewritten ~300 ms after
the grid itself is drawn, and a canvas never paints its contents.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as Timeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

FILTER_P95_MS, SWITCH_P95_MS, FRESH_MEDIAN_S = 300, 500, 1.5
QUIET_MS = 400  # no change for this long after the run ended: the screen has settled
WATCH = """() => {
  window.__last = performance.now();
  window.__charts = []; window.__figures = [];  // when a chart was drawn; when a table or tile changed on screen
  const stamp = () => { window.__last = performance.now(); };
  const drawn = () => { stamp(); window.__charts.push(window.__last); };
  const hook = (gd) => { if (!gd.__benched && gd.on) { gd.on('plotly_afterplot', drawn); gd.__benched = true; } };
  const FIGURES = '[data-testid=stDataFrame], [data-testid=stTable], [data-testid=stMetric]';
  const inFigure = (m) => (m.target.nodeType === 1 ? m.target : m.target.parentElement)?.closest(FIGURES);
  // A data grid's cells are also kept as an accessible table inside its <canvas>, updated ~300 ms after the grid is
  // drawn; a canvas never paints its contents, so those changes are not something anyone waits for.
  const painted = (m) => {
    const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    return !node || !(node.parentElement?.closest('canvas') || (node.tagName === 'CANVAS' && m.type !== 'attributes'));
  };
  new MutationObserver((changes) => {
    const seen = changes.filter(painted);
    if (seen.length) stamp();
    if (seen.some(inFigure)) window.__figures.push(window.__last);
    document.querySelectorAll('.js-plotly-plot').forEach(hook);
  })
    .observe(document.querySelector('[data-testid=stMain]'), {subtree: true, childList: true, attributes: true,
                                                               characterData: true});
  document.querySelectorAll('.js-plotly-plot').forEach(hook);
}"""
FIRST_FIGURE = ".js-plotly-plot, [data-testid=stDataFrame], [data-testid=stMetric], table"
RUNNING = "[data-testid=stStatusWidget]"  # shown while the script runs


# Each filter: `act(page, i)` prepares the i-th change (opens a list, focuses a field) and returns the user's last
# step (the click or key that changes the filter), which the bench times.

def select(label: str, values: list[str]):
    def act(page: Page, i: int):
        page.get_by_role("combobox", name=label).click()
        return page.get_by_role("option", name=values[i % 2], exact=True).click
    return act


def radio(values: list[str]):
    def act(page: Page, i: int):
        return page.get_by_test_id("stSidebar").get_by_text(values[i % 2], exact=True).click
    return act


def toggle(label: str):
    def act(page: Page, i: int):
        return page.get_by_test_id("stCheckbox").get_by_text(label, exact=True).click
    return act


def slider_step(page: Page, i: int):
    thumb = page.get_by_test_id("stSidebar").get_by_role("slider").first
    thumb.focus()
    return lambda: thumb.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")


def search(values: list[str]):
    def act(page: Page, i: int):
        box = page.get_by_test_id("stSidebar").get_by_role("textbox").first
        box.fill(values[i % 2])
        return lambda: box.press("Enter")
    return act


# page path (with the query that opens it) → the filter a user changes there, back and forth
FILTERS = {
    "?regio=Groningen&jaar=2024": select("Regio", ["Fryslân", "Groningen"]),
    "trends": radio(["Staven", "Lijnen"]),
    "vergelijking": toggle("Per 100.000 inwoners"),
    "gemeenten": select("Regio", ["Fryslân", "Groningen"]),
    "mensenhandel": slider_step,
    "financien": select("Regio", ["Fryslân", "Groningen"]),
    "bronnen?onderdeel=Vindplaats+van+een+cijfer": search(["signalen", "Ommelanden"]),
}
NAVIGATION = ["Overzicht", "Trends", "Regio's vergelijken", "Gemeenten", "Mensenhandel", "Financiën",
              "Bronnen & kwaliteit"]


class Cost:
    """What one page's browser spends: main-thread busy time (CDP Performance metrics) and messages received."""

    def __init__(self, page: Page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Performance.enable")
        self.messages, self.bytes = 0, 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._count))
        self.rows: dict[str, list[tuple[float, int, int]]] = {}

    def _count(self, payload) -> None:
        self.messages += 1
        self.bytes += len(payload)

    def _now(self) -> tuple[float, int, int]:
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        return metrics["TaskDuration"] * 1000, self.messages, self.bytes

    def start(self) -> None:
        self._started = self._now()

    def stop(self, what: str) -> None:
        self.rows.setdefault(what, []).append(tuple(b - a for a, b in zip(self._started, self._now())))

    def of(self, what: str) -> str:
        busy, messages, size = (statistics.median(column) for column in zip(*self.rows[what]))
        return f"{busy:>8.0f} {messages:>6.0f} {size / 1000:>7.0f}"


def settled(page: Page, since: float, first: bool = False, warm_up: bool = False) -> tuple[float, float] | None:
    """Milliseconds from `since` (performance.now()) until the charts were drawn (the last one; `first`: the first
    chart, table or tile; a page without charts: its tables and tiles) and until the last change, once the run is
    over and quiet. A click must change the page within 30 s; a `warm_up` click may change nothing (the value was
    already chosen): then None."""
    try:  # the server may take a while to answer: the quiet before its first change is no settled page
        page.wait_for_function(f"window.__last > {since} || !!document.querySelector('{RUNNING}')",
                               timeout=2_000 if warm_up else 30_000)
    except Timeout:
        if warm_up:
            return None
        raise Timeout("the click changed nothing on the page") from None
    while True:
        page.wait_for_selector(RUNNING, state="detached", timeout=30_000)
        last = page.evaluate("window.__last")
        if page.evaluate("performance.now()") - last >= QUIET_MS and not page.locator(RUNNING).count():
            break
        page.wait_for_timeout(50)
    charts, figures = (page.evaluate(f"window.__{what}.filter(t => t > {since})") for what in ("charts", "figures"))
    shown = min(charts + figures, default=last) if first else max(charts or figures, default=last)
    return shown - since, last - since


def open_watched(page: Page, url: str) -> None:
    page.goto(url)
    page.locator(FIRST_FIGURE).first.wait_for(timeout=30_000)
    page.wait_for_selector(RUNNING, state="detached", timeout=30_000)
    page.evaluate(WATCH)


def filter_changes(page: Page, url: str, act, repeats: int, cost: Cost, what: str) -> list[tuple[float, float]]:
    open_watched(page, url)
    times = []
    for i in range(repeats + 1):
        change = act(page, i)
        since = page.evaluate("performance.now()")
        cost.start()
        change()
        elapsed = settled(page, since, warm_up=not i)  # the first also fills the server's caches for the other value
        if i:
            times.append(elapsed)
            cost.stop(what)
    return times


def page_switches(page: Page, url: str, repeats: int, cost: Cost) -> dict[str, list[tuple[float, float]]]:
    """Click through the navigation `repeats` times; per page the time until its first chart, table or tile was
    drawn, and until it settled."""
    open_watched(page, url)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in NAVIGATION}
    nav = page.get_by_test_id("stSidebarNav")
    for round_ in range(repeats + 1):
        for name in NAVIGATION[1:] + NAVIGATION[:1]:
            since = page.evaluate("performance.now()")
            cost.start()
            nav.get_by_role("link", name=name, exact=True).click()
            elapsed = settled(page, since, first=True, warm_up=not round_)
            if round_:
                times[name].append(elapsed)
                cost.stop(f"page switch, {name}")
    return times


def fresh_sessions(browser, url: str, repeats: int) -> list[float]:
    times = []
    for i in range(repeats + 1):
        context = browser.new_context(locale="nl-NL")
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"{url}/?regio=Groningen&jaar=2024")
        page.get_by_test_id("stMetric").first.wait_for(timeout=30_000)
        if i:
            times.append(time.perf_counter() - started)
        context.close()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def row(what: str, values: list[float], target: float, stat=p95, cost: str = "",
        whole: tuple[float, ...] = ()) -> bool:
    """One line: median and p95 against the target; then until settled (`whole`) and what the browser did."""
    ok = stat(values) < target
    after = f"{statistics.median(whole):>8.0f} {p95(whole):>8.0f}" if whole else f"{'':>17}"
    print(f"{what:<40} {statistics.median(values):>8.0f} {p95(values):>8.0f} {'< ' + format(target, 'g'):>8} "
          f"{'OK' if ok else 'TOO SLOW':<8} {after} {cost}")
    return ok


def main(repeats: int = 20, *only: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        env = {"ZVH_DB": os.environ.get("ZVH_DB") or str(Path(folder) / "bench.duckdb")}
        if "ZVH_DATA" in os.environ:
            env["ZVH_DATA"] = os.environ["ZVH_DATA"]
        if not Path(env["ZVH_DB"]).exists():
            subprocess.run([sys.executable, "-m", "zvh.cli", "build", "--db", env["ZVH_DB"]], check=True,
                           env=os.environ | env, capture_output=True)
        with running_app(env) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(locale="nl-NL", viewport={"width": 1440, "height": 900}).new_page()
            cost = Cost(page)
            print(f"{'ms':<40} {'median':>8} {'p95':>8} {'target':>8} {'':<8} {'settled':>8} {'p95':>8} "
                  f"{'busy ms':>8} {'msgs':>6} {'kB':>7}")
            ok = True
            for path, act in FILTERS.items():
                what = f"filter change, {path.split('?')[0] or 'overzicht'}"
                if only and what.removeprefix("filter change, ") not in only:
                    continue
                try:
                    times = filter_changes(page, f"{url}/{path}", act, repeats, cost, what)
                except Timeout as error:  # e.g. too many charts at the field's scale: say so, measure the rest
                    print(f"{what:<40} {'failed: ' + str(error).splitlines()[0]:>30}")
                    ok = False
                    continue
                shown, whole = zip(*times)
                ok &= row(what, shown, FILTER_P95_MS, cost=cost.of(what), whole=whole)
            if only:
                browser.close()
                return 0 if ok else 1
            try:
                switched = page_switches(page, f"{url}/", max(3, repeats // 4), cost)
            except Timeout as error:
                print(f"{'page switches':<40} {'failed: ' + str(error).splitlines()[0]:>30}")
                switched, ok = {}, False
            for name, times in switched.items():
                shown, whole = zip(*times)
                ok &= row(f"page switch, {name}", shown, SWITCH_P95_MS, cost=cost.of(f"page switch, {name}"), whole=whole)
            fresh = fresh_sessions(browser, url, max(5, repeats // 2))
            ok &= row("fresh session → Overzicht figures", [t * 1000 for t in fresh], FRESH_MEDIAN_S * 1000,
                      stat=statistics.median)
            browser.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*([int(sys.argv[1])] if sys.argv[1:] else []), *sys.argv[2:]))
