"""What the browser tests share: the Chromium to drive, and the app started with the README's command."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def require_chromium() -> None:
    """Skip the module without Chromium, except in CI, where a missing browser fails the run."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("ZVH_REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing; .ci/run installs it (apt-get install -y chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(command: list[str], cwd: Path, env: dict[str, str], ready_url: str,
            what: str) -> Iterator[subprocess.Popen]:
    """Run a server until the block ends, entering the block (with its process) once `ready_url` answers."""
    log = tempfile.TemporaryFile()  # a file, not a pipe: a pipe nobody reads stalls a chatty server
    server = subprocess.Popen(command, cwd=cwd, env=os.environ | env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(ready_url, timeout=1).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            server.kill()
            log.seek(0)
            pytest.fail(f"{what} did not start: {log.read().decode()[-2000:]}")
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # sessions still closing under load
            server.kill()
            server.wait()
        log.close()


@contextmanager
def running_app(env: dict[str, str], flags: tuple[str, ...] = (), port: int | None = None) -> Iterator[str]:
    """Run `streamlit run app.py` with `env` added (and more `flags`); yield its URL once it is healthy."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with serving(app_command(port, flags), ROOT, env, f"{url}/_stcore/health", "streamlit"):
        yield url


def app_command(port: int, flags: tuple[str, ...] = ()) -> list[str]:
    """The README's run command, plus the flags a server without a screen needs."""
    return [shutil.which("streamlit"), "run", "app.py", "--server.port", str(port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false", *flags]


def settled(page) -> None:
    """Wait until the page's script run is over and its files are in: `networkidle` alone does not see the
    websocket, so a test could act while the run still drew (CI once pressed Tab before the app's stylesheet)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", state="attached",
                           timeout=20_000)
