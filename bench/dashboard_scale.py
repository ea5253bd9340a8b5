"""The dashboard at scale: 1,000 / 10,000 / 100,000 incidents, in a real browser.

    python bench/dashboard_scale.py [N ...] [--layer LAYER]     (default: 1000 10000 100000)

For each size: a temporary SQLite store filled by bench/synthetic_incidents.py,
`streamlit run dashboard/app.py` on 127.0.0.1 (MAP_TILES=none), and Debian's
chromium through Playwright. Prints, per size: time to the first complete map,
time from a filter change (choosing an event type in the sidebar) to the
updated map, bytes the page received (HTTP bodies plus websocket frames), and
the server's resident memory. Skips cleanly when chromium or playwright is absent.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from incidents.store import Store  # noqa: E402
from synthetic_incidents import fill  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # main() says so and skips
    PlaywrightError = Exception
LIMIT_S = 180.0  # a measurement that takes longer is reported as "> 180s"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", MAP_TILES="none", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=REPO, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not start; see {log}")


def newest_map(page):
    """The map container of the newest map frame (Streamlit may briefly keep the old one)."""
    return page.frame_locator(MAP_FRAME).last.locator(".leaflet-container")


def drawn_attribute(page) -> str | None:
    """The newest map's count of drawn items (set by the map layer script), or None before it drew."""
    try:
        if page.locator(MAP_FRAME).count() == 0 or newest_map(page).count() == 0:
            return None
        return newest_map(page).get_attribute("data-drawn", timeout=1000)
    except PlaywrightError:  # Streamlit was swapping the map's frame: look again
        return None


def redrawn(page) -> bool:
    """A map drawn after `mark_old_map`: its container does not carry the mark."""
    try:
        if page.locator(MAP_FRAME).count() == 0 or newest_map(page).count() == 0:
            return False
        container = newest_map(page)
        return container.get_attribute("data-bench-old", timeout=1000) is None and \
            container.get_attribute("data-drawn", timeout=1000) is not None
    except PlaywrightError:  # Streamlit was swapping the map's frame: look again
        return False


def mark_old_map(page) -> None:
    """Mark the map now shown, so `redrawn` can tell the next one from it (waits while Streamlit swaps frames)."""
    wait_for(lambda: _try_mark(page), 30)


def _try_mark(page) -> bool:
    try:
        newest_map(page).evaluate("element => element.setAttribute('data-bench-old', '1')", timeout=2000)
        return True
    except Exception:  # the frame was being replaced; try again
        return False


def wait_for(predicate, timeout: float) -> float | None:
    """Seconds until `predicate()` held, or None when it did not within `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def measure(size: int, playwright, workdir: Path, layer: str | None = None) -> dict:
    db = workdir / f"store-{size}.sqlite"
    started = time.monotonic()
    fill(Store(f"sqlite:///{db}"), size)
    generated = time.monotonic() - started
    port = free_port()
    server = start_server(db, port, workdir / f"streamlit-{size}.log")
    received = {"bytes": 0}
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("requestfinished", lambda r: received.__setitem__("bytes", received["bytes"] + r.sizes()["responseBodySize"]))
        page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.__setitem__(
            "bytes", received["bytes"] + len(f if isinstance(f, (bytes, str)) else b""))))
        t0 = time.monotonic()
        page.goto(f"http://127.0.0.1:{port}/" + (f"?layer={layer}" if layer else ""), wait_until="domcontentloaded")
        first_map = wait_for(lambda: (drawn_attribute(page) or "0") != "0", LIMIT_S)
        first_map = None if first_map is None else time.monotonic() - t0
        first_bytes = received["bytes"]
        if first_map is None:
            browser.close()
            return {"size": size, "generate_s": generated, "first_map_s": None, "filter_s": None,
                    "first_page_mb": first_bytes / 1e6, "server_rss_mb": rss_mb(server.pid)}
        mark_old_map(page)
        t1 = time.monotonic()
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.locator('[data-testid="stMultiSelect"]').first.click()
        page.get_by_role("option", name="Battles", exact=True).click()
        page.keyboard.press("Escape")
        changed = wait_for(lambda: redrawn(page), LIMIT_S)
        filter_change = None if changed is None else time.monotonic() - t1
        memory = rss_mb(server.pid)
        browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {"size": size, "generate_s": generated, "first_map_s": first_map, "filter_s": filter_change,
            "first_page_mb": first_bytes / 1e6, "server_rss_mb": memory}


def seconds(value: float | None) -> str:
    return f"> {LIMIT_S:.0f}s" if value is None else f"{value:.2f}s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The dashboard at 1,000 / 10,000 / 100,000 incidents in chromium.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000], metavar="N",
                        help="store sizes to measure (default: 1000 10000 100000)")
    parser.add_argument("--layer", choices=("auto", "incidents", "clusters", "density", "provinces"),
                        default=None, help="open the page with ?layer=LAYER (default: none, the page's default)")
    args = parser.parse_args(argv)
    sizes = args.sizes
    if not Path(CHROMIUM).exists():
        print(f"skipped: no chromium at {CHROMIUM}")
        return 0
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("skipped: playwright is not installed (pip install -r requirements-dev.txt)")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="dashboard-scale-"))
    print(f"{'incidents':>10} {'store fill':>11} {'first map':>10} {'filter->map':>12} {'page bytes':>11} {'server RSS':>11}")
    try:
        with sync_playwright() as p:
            for size in sizes:
                row = measure(size, p, workdir, layer=args.layer)
                print(f"{row['size']:>10,} {row['generate_s']:>10.1f}s {seconds(row['first_map_s']):>10} "
                      f"{seconds(row['filter_s']):>12} {row['first_page_mb']:>9.2f}MB {row['server_rss_mb']:>9.0f}MB",
                      flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("targets at 100,000: first page < 4 s, filter change < 1.5 s, payload < 6 MB, server < 500 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
