"""What the browser tests share: Debian's chromium, and the dashboard served by a real
`streamlit run` on 127.0.0.1 over a store and settings the test chooses."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from dashboard_fixtures import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SERVER_START_TIMEOUT = 90  # seconds
PAGE_TIMEOUT_MS = 60_000

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no browser: {CHROMIUM} is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(base: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"streamlit did not answer within {SERVER_START_TIMEOUT}s:\n{log.read_text(errors='replace')}")


@contextlib.contextmanager
def dashboard_server(log: Path, env: dict[str, str], *, port: int | None = None,
                     extra_args: tuple[str, ...] = (), streamlit_run: bool = False,
                     cwd: Path | None = None) -> Iterator[str]:
    """`python -m dashboard` (or, with `streamlit_run`, `streamlit run dashboard/app.py`: the README
    gives both) on 127.0.0.1 (a free port, or `port`) with `env` added to this process's
    environment (a value of None removes the variable); its output goes to `log`.
    It runs in the repository root, or in `cwd` (whose .streamlit/config.toml Streamlit then
    reads; the repository is put on PYTHONPATH). Yields the base URL once the server answers
    its health check; stops it afterwards."""
    port = port or free_port()
    full_env = dict(os.environ, PYTHONUNBUFFERED="1")
    if cwd is not None:
        full_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), full_env.get("PYTHONPATH")) if p)
    for name, value in env.items():
        if value is None:
            full_env.pop(name, None)
        else:
            full_env[name] = value
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", *(("streamlit", "run", str(REPO_ROOT / "dashboard" / "app.py")) if streamlit_run else ("dashboard",)),
             "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *extra_args],
            cwd=cwd or REPO_ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def launch(p):
    """Debian's chromium, headless, through Playwright (no `playwright install`)."""
    from playwright.sync_api import expect

    # the page's first run imports and caches a lot; on a busy 2-core machine that takes more than
    # Playwright's default 5 s for an expectation, which is not what these tests are about
    expect.set_options(timeout=PAGE_TIMEOUT_MS)
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=PAGE_TIMEOUT_MS)


def offsite(urls: list[str]) -> list[str]:
    """The URLs that left 127.0.0.1 (data:, blob: and about: stay in the page)."""
    return [url for url in urls
            if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).hostname != "127.0.0.1"]


# Streamlit's toolbar shows one of these while a script run is in progress.
_RUNNING = '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]'


def wait_until_idle(page) -> None:
    """Wait until the page's script run has finished, so a test moves on only from a page that is
    done (a click on another page's link while the map page still draws stops that run midway)."""
    from playwright.sync_api import expect

    expect(page.locator(_RUNNING)).to_have_count(0, timeout=PAGE_TIMEOUT_MS)


# True in the map's frame once streamlit-folium has sent its first position (centre and zoom).
_MAP_HAS_REPORTED = ("() => Boolean(window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.previous_data"
                     " && window.__GLOBAL_DATA__.previous_data.center)")


def wait_until_map_reported(page) -> None:
    """Wait until the map has sent the page its first position, and the run that report starts is over.

    Headless chromium draws a frame only when something asks for one, so the map's first report
    (sent from a drawing callback) can wait for the test's next click. When that click is on another
    page's link, the report and the page switch race: the report is sent for the page the browser
    still shows, reruns the map page after the switch, and the app goes back to the map. (A browser
    on screen draws at once, so the report comes a fraction of a second after the map.) Asking the
    frames whether the map has reported makes them draw."""
    import time

    deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(_MAP_HAS_REPORTED):
                    time.sleep(0.5)  # the report's rerun starts on the server within this
                    wait_until_idle(page)
                    return
            except Exception:  # noqa: BLE001  a frame that went away meanwhile
                continue
        time.sleep(0.1)
    raise AssertionError(f"the map sent no position within {PAGE_TIMEOUT_MS / 1000:.0f} s")
