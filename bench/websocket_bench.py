"""Many websocket clients opening pages at once, and what a real browser waits meanwhile.

Run by hand: `uv run python bench/websocket_bench.py [clients] [seconds]` (default 25 clients for 60 s). Starts
the app with the README's command on loopback against the repository's data, then runs that many clients that
speak Streamlit's own protocol (what a browser tab sends, without the browser): each connects, asks for a page
(every page in turn), waits for its first figure (a chart, a table or a metric tile) and for the end of the
run, disconnects and starts again. Meanwhile one Chromium opens Overzicht every few seconds. Reported: page
opens, errors (a traceback, the page guard's message, a lost connection), time to first figure p50/p95 for
the clients, and for the browser the time until the Overzicht figures are visible.
"""

import asyncio
import statistics
import sys
import time
from pathlib import Path

import websockets
from playwright.async_api import async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.server import running_app  # noqa: E402
from zvh.web.guard import MESSAGE  # noqa: E402

PAGES = ["overzicht", "trends", "vergelijking", "gemeenten", "mensenhandel", "financien", "bronnen"]
FIGURES = {"plotly_chart", "arrow_data_frame", "metric"}
BROWSER_EVERY_S = 5


class Tally:
    def __init__(self):
        self.first_figure_s: list[float] = []
        self.browser_s: list[float] = []
        self.errors: list[str] = []
        self.opens = 0


async def open_page(url: str, page: str) -> tuple[float | None, str | None]:
    """Seconds from asking for `page` until its first figure, and an error if the page showed one."""
    host = url.removeprefix("http://")
    async with websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                                  origin=url, max_size=None, open_timeout=60, ping_interval=None) as ws:
        ask = BackMsg()
        ask.rerun_script.page_name = page
        ask.rerun_script.query_string = ""
        started = time.perf_counter()
        await ws.send(ask.SerializeToString())
        first, error = None, None
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                which = element.WhichOneof("type")
                if which in FIGURES and first is None:
                    first = time.perf_counter() - started
                if which == "exception" or (which == "alert" and MESSAGE in element.alert.body):
                    error = f"{page}: {which}"
            elif kind == "script_finished":
                return first, error


async def client(url: str, tally: Tally, end: float, number: int) -> None:
    await asyncio.sleep(number * 0.2)  # not all in the same millisecond
    pages = PAGES[number % len(PAGES):] + PAGES[:number % len(PAGES)]
    while time.monotonic() < end:
        page = pages[tally.opens % len(pages)]
        try:
            first, error = await open_page(url, page)
        except Exception as problem:  # a lost or refused connection is an error of the service
            tally.errors.append(f"{page}: {type(problem).__name__} {problem}")
            continue
        tally.opens += 1
        if error:
            tally.errors.append(error)
        elif first is not None:
            tally.first_figure_s.append(first)


async def browser(url: str, tally: Tally, end: float) -> None:
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        while time.monotonic() < end:
            context = await chromium.new_context(locale="nl-NL")
            page = await context.new_page()
            started = time.perf_counter()
            try:
                await page.goto(f"{url}/?regio=Groningen&jaar=2024", wait_until="commit", timeout=60_000)
                await page.get_by_text("Signalen mensenhandel").first.wait_for(timeout=60_000)
                tally.browser_s.append(time.perf_counter() - started)
            except Exception as problem:
                tally.errors.append(f"browser: {type(problem).__name__}")
            await context.close()
            await asyncio.sleep(BROWSER_EVERY_S)
        await chromium.close()


def quantiles(values: list[float]) -> str:
    if len(values) < 2:
        return f"{values[0]:.2f} s (1)" if values else "none"
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    return f"p50 {statistics.median(values):.2f} s, p95 {cuts[18]:.2f} s, max {max(values):.2f} s ({len(values)})"


async def run(url: str, clients: int, seconds: float) -> Tally:
    tally = Tally()
    end = time.monotonic() + seconds
    await asyncio.gather(browser(url, tally, end), *(client(url, tally, end, n) for n in range(clients)))
    return tally


def main(clients: int = 25, seconds: float = 60) -> int:
    with running_app({}) as url:  # the README's command, on the repository's data
        asyncio.run(open_page(url, "overzicht"))  # warm: the first start builds the database if it is missing
        tally = asyncio.run(run(url, int(clients), seconds))
    print(f"{int(clients)} websocket clients for {seconds:g} s: {tally.opens} pages opened, {len(tally.errors)} errors")
    print(f"  clients, page asked → first figure: {quantiles(tally.first_figure_s)}")
    print(f"  a browser meanwhile, Overzicht → figures visible: {quantiles(tally.browser_s)}")
    for error in tally.errors[:10]:
        print(f"  error: {error}")
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main(*(float(a) for a in sys.argv[1:])))
