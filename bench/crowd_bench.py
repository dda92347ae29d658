"""A meeting room's worth of people on one server while a delivery is committed and rolled back.

Run by hand: `uv run python bench/crowd_bench.py [sessions] [seconds]` (default 25 sessions, phases of 20–60 s).
Starts the app with the README's command on loopback against a private copy of data/, then drives that many
Chromium sessions at once, each in its own browser context (one joins every half second): Overzicht Groningen
2024, change the year, open Trends, back to Overzicht, again and again. Once every session shows the old figure
(Groningen 2024 signalen 160), a correction to 161 is committed through the same `ledger.commit` as the page;
once every session shows 161 it is rolled back; the run ends when every session shows 160 again (each phase at
least a third of `seconds`, at most `seconds`). Reported: errors and wrong figures (target 0), waits over 60 s,
filter change → redrawn figures and page switch → chart (p50/p95), how long until every session showed each
phase's figure, and the CPU the server used against the whole machine's (the browsers run here too).
The load is bounded: N sessions, a capped time, loopback only. With `ZVH_DATA` (e.g. the field data of
bench/field_bench.py --keep) that folder's sources are copied instead of data/, for the same run at the field's scale.
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright, expect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.conftest import copy_of_data  # noqa: E402
from zvh.paths import DATA  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, app_command, free_port, serving  # noqa: E402
from zvh.aanlevering import ledger  # noqa: E402
from zvh.store.build import build  # noqa: E402

CORRECTION = b"region;year;theme;metric;gemeente;categorie;value;unit\ngroningen;2024;mensenhandel;signalen;;;161;aantal\n"
RAMP_S = 0.5  # one person joins every half second
SHOWN = {"voor": "160", "na aanlevering": "161", "na terugdraaien": "160"}  # Signalen mensenhandel, Groningen 2024


class Run:
    def __init__(self):
        self.started = time.monotonic()
        self.end = float("inf")  # until the rollback has been seen by every session (or its time is up)
        self.all_seen_s: dict[str, float] = {}  # phase → seconds until every session showed its figure
        self.phase = "voor"
        self.errors: list[str] = []
        self.filter_s: list[float] = []
        self.switch_s: list[float] = []
        self.seen: dict[str, set[int]] = {phase: set() for phase in SHOWN}


async def session(number: int, browser, url: str, run: Run) -> None:
    """One person: opens the dashboard once (people join a meeting one by one), then works in it."""
    await asyncio.sleep(number * RAMP_S)
    context = await browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    phase = run.phase  # taken before the action that loads the figures: a swap during the load is skipped
    try:
        await page.goto(f"{url}/?regio=Groningen&jaar=2024", wait_until="commit", timeout=60_000)
    except Exception as error:
        run.errors.append(f"sessie {number}: openen: {type(error).__name__}")
        return
    nav = page.get_by_test_id("stSidebarNav")
    while time.monotonic() < run.end:
        try:
            tile = page.get_by_test_id("stMetric").filter(has_text="Signalen mensenhandel")
            value = tile.get_by_test_id("stMetricValue")
            await expect(value).to_be_visible(timeout=60_000)
            shown = (await value.inner_text()).strip()
            if phase == run.phase:  # not when a commit or rollback happened during the load
                if shown == SHOWN[phase]:
                    run.seen[phase].add(number)
                else:
                    run.errors.append(f"sessie {number}: {phase} toont {shown}, verwacht {SHOWN[phase]}")
            await page.wait_for_load_state("networkidle")
            year = page.get_by_role("combobox", name="Jaar")
            started = time.perf_counter()
            await year.click()
            await page.get_by_role("option", name="2023", exact=True).click()
            await expect(tile.filter(has_text="136")).to_have_count(1, timeout=60_000)
            run.filter_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            await nav.get_by_role("link", name="Trends").click()
            await page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
            run.switch_s.append(time.perf_counter() - started)
            errors = await page.get_by_test_id("stException").count()
            errors += await page.locator('[data-testid="stAlertContentError"]').count()
            if errors:
                run.errors.append(f"sessie {number}: foutmelding op de pagina")
            phase = run.phase
            await nav.get_by_role("link", name="Overzicht").click()  # opens on Groningen's newest year again
        except Exception as error:  # a timeout or a broken page is what this bench counts
            run.errors.append(f"sessie {number}: {type(error).__name__}: {str(error).splitlines()[0][:160]}")
            phase = run.phase
            await page.goto(f"{url}/?regio=Groningen&jaar=2024", wait_until="commit", timeout=60_000)
    await context.close()


async def aanleveringen(run: Run, data: Path, db: Path, sessions: int, seconds: float) -> None:
    """Commit once every session shows the old figure, roll back once every session shows the new one.

    Each phase lasts at least a third of the run and at most `seconds`; how long it took until every session
    showed the phase's figure is recorded.
    """
    async def phase_seen_by_all(phase: str) -> None:
        started = time.monotonic()
        while time.monotonic() - started < seconds and (len(run.seen[phase]) < sessions
                                                         or time.monotonic() - started < seconds / 3):
            await asyncio.sleep(0.2)
            if len(run.seen[phase]) == sessions and phase not in run.all_seen_s:
                run.all_seen_s[phase] = time.monotonic() - started

    await phase_seen_by_all("voor")
    await asyncio.to_thread(ledger.commit, "kerncijfers", "correctie.csv", CORRECTION, "bench", "Bench: telfout",
                            data, db)
    run.phase = "na aanlevering"
    await phase_seen_by_all("na aanlevering")
    [load] = ledger.active_aanleveringen(data)
    await asyncio.to_thread(ledger.rollback, load["aanlevering"], "bench", data, db)
    run.phase = "na terugdraaien"
    await phase_seen_by_all("na terugdraaien")
    run.end = time.monotonic()


async def drive(url: str, data: Path, db: Path, sessions: int, seconds: float) -> Run:
    run = Run()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(aanleveringen(run, data, db, sessions, seconds),
                             *(session(i, browser, url, run) for i in range(sessions)))
        await browser.close()
    return run


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time used so far by one process, or (pid None) by the whole machine (busy time of all cores)."""
    if pid is None:
        user, nice, system, _idle, _iowait, irq, softirq, *_ = map(int, Path("/proc/stat").read_text().split()[1:11])
        return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def spread(values: list[float], target_s: float | None = None) -> str:
    if len(values) < 2:
        return "te weinig metingen"
    p95 = statistics.quantiles(values, n=20)[-1]
    verdict = "" if target_s is None else f" (doel p95 < {target_s:g} s: {'OK' if p95 < target_s else 'TE TRAAG'})"
    return f"p50 {statistics.median(values):.2f} s, p95 {p95:.2f} s ({len(values)} metingen){verdict}"


def main(sessions: int = 25, seconds: float = 60) -> int:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(os.environ.get("ZVH_DATA", DATA))
        data = copy_of_data(Path(folder) / "data", source)
        db = data / "zvh.duckdb"
        build(db, data)
        with serving(app_command(port), ROOT, {"ZVH_DATA": str(data)}, f"{url}/_stcore/health", "streamlit") as server:
            server_before, machine_before = cpu_seconds(server.pid), cpu_seconds()
            run = asyncio.run(drive(url, data, db, sessions, seconds))
            server_cpu, machine_cpu = cpu_seconds(server.pid) - server_before, cpu_seconds() - machine_before
    print(f"{sessions} sessies; elke fase (voor, na aanlevering, na terugdraaien) minstens {seconds / 3:.0f} s en "
          f"hoogstens {seconds:.0f} s: tot elke sessie het cijfer van die fase toont")
    timeouts = [e for e in run.errors if "Timeout" in e or "to be visible" in e or "to have count" in e]
    wrong = [e for e in run.errors if e not in timeouts]
    print(f"Fouten: {len(wrong)} foutmeldingen of verkeerde cijfers (doel 0), {len(timeouts)} keer langer dan 60 s gewacht")
    for error in (wrong + timeouts)[:10]:
        print(f"  {error}")
    print(f"CPU: de server {server_cpu:.0f} s, de hele machine {machine_cpu:.0f} s van {2 * (run.end - run.started):.0f} s op 2 kernen "
          "(de rest: de Chromium-sessies zelf)")
    print(f"Filter → nieuwe cijfers: {spread(run.filter_s, 1)}")
    print(f"Pagina wisselen → grafiek: {spread(run.switch_s)}")
    for phase, shown in SHOWN.items():
        took = f", alle sessies na {run.all_seen_s[phase]:.0f} s" if phase in run.all_seen_s else ""
        print(f"Sessies die {phase} {shown} zagen: {len(run.seen[phase])} van {sessions}{took}")
    complete = all(len(run.seen[phase]) == sessions for phase in SHOWN)
    return 0 if not wrong and complete else 1


if __name__ == "__main__":
    sys.exit(main(*(float(a) if i else int(a) for i, a in enumerate(sys.argv[1:]))))
