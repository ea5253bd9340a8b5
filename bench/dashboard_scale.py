"""The dashboard at scale: 1,000 / 10,000 / 100,000 incidents, in a real browser.

    python bench/dashboard_scale.py [N ...] [--layer LAYER]     (default: 1000 10000 100000)

For each size: a temporary SQLite store filled by bench/synthetic_incidents.py,
`python -m dashboard` (the README's way to serve it) on 127.0.0.1 (MAP_TILES=none), and Debian's
chromium through Playwright. Prints, per size: for the first visitor after
the server starts, the time to the drawn map and to the whole page (map, metrics,
timeline and table drawn); the same whole-page time for the next visitor; the
time from a filter change (choosing an event type in the sidebar) to the updated
map; bytes the first page received (HTTP responses as transferred plus websocket
frames, as chromium counts them); and the
server's resident memory. Skips cleanly when chromium or playwright is absent.
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


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used (a figure the machine's other load does not inflate much)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", MAP_TILES="none", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--server.port", str(port),
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


COMPLETE_JS = """() => {
  const metric = document.querySelector('[data-testid="stMetricValue"]');
  // the timeline is an inline component in a shadow root: look inside those
  const chart = Array.from(document.querySelectorAll("*")).some(
    (e) => e.shadowRoot && e.shadowRoot.querySelector(".timeline[data-days]"));
  const table = document.querySelector('[data-testid="stDataFrame"] canvas');
  return Boolean(metric && chart && table);
}"""


def page_complete(page) -> bool:
    """Everything the page shows has drawn: the map (with its items), the metrics, the timeline and the table."""
    try:
        return (drawn_attribute(page) or "0") != "0" and page.evaluate(COMPLETE_JS)
    except PlaywrightError:  # a frame was being swapped: look again
        return False


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


def open_page(browser, url: str) -> tuple:
    """A new visitor opens `url`: (page, seconds to the drawn map, seconds to the whole page, bytes received).

    Bytes are what crossed the network, counted by chromium itself (DevTools' Network
    domain): every HTTP response as transferred (headers included, compressed where the
    server compressed it) plus the websocket frames' payloads, up to the whole page."""
    received = {"bytes": 0}
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")

    def frame_bytes(event) -> int:
        response = event["response"]
        data = response.get("payloadData", "")
        return len(data) * 3 // 4 if response.get("opcode") == 2 else len(data.encode("utf-8"))  # binary: base64

    devtools.on("Network.loadingFinished", lambda event: received.__setitem__(
        "bytes", received["bytes"] + int(event.get("encodedDataLength", 0))))
    devtools.on("Network.webSocketFrameReceived", lambda event: received.__setitem__(
        "bytes", received["bytes"] + frame_bytes(event)))
    t0 = time.monotonic()
    page.goto(url, wait_until="domcontentloaded")
    first_map = wait_for(lambda: (drawn_attribute(page) or "0") != "0", LIMIT_S)
    first_map = None if first_map is None else time.monotonic() - t0
    complete = None if first_map is None else wait_for(lambda: page_complete(page), LIMIT_S)
    complete = None if complete is None else time.monotonic() - t0
    return page, first_map, complete, received["bytes"]


def measure(size: int, playwright, workdir: Path, layer: str | None = None) -> dict:
    """One store size: the first visitor after the server starts, then a second visitor, who changes a filter."""
    db = workdir / f"store-{size}.sqlite"
    started = time.monotonic()
    fill(Store(f"sqlite:///{db}"), size)
    generated = time.monotonic() - started
    port = free_port()
    server = start_server(db, port, workdir / f"streamlit-{size}.log")
    url = f"http://127.0.0.1:{port}/" + (f"?layer={layer}" if layer else "")
    row = {"size": size, "generate_s": generated, "filter_s": None}
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        cpu_before = cpu_seconds(server.pid)
        page, row["first_map_s"], row["complete_s"], first_bytes = open_page(browser, url)
        row["first_cpu_s"] = cpu_seconds(server.pid) - cpu_before
        row["first_page_mb"] = first_bytes / 1e6
        page.context.close()
        cpu_before = cpu_seconds(server.pid)
        page, _, row["next_complete_s"], _ = open_page(browser, url)
        row["next_cpu_s"] = cpu_seconds(server.pid) - cpu_before
        if row["next_complete_s"] is not None:
            mark_old_map(page)
            t1 = time.monotonic()
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.locator('[data-testid="stMultiSelect"]').first.click()
            page.get_by_role("option", name="Battles", exact=True).click()
            page.keyboard.press("Escape")
            cpu_before = cpu_seconds(server.pid)
            changed = wait_for(lambda: redrawn(page), LIMIT_S)
            row["filter_s"] = None if changed is None else time.monotonic() - t1
            row["filter_cpu_s"] = cpu_seconds(server.pid) - cpu_before
        row["server_rss_mb"] = rss_mb(server.pid)
        browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return row


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
    rows: list[dict] = []
    print("first visitor: the first page after the server started (its imports and queries run then);")
    print("next visitor: a new browser context once the server runs; the filter change is made on that page")
    print(f"{'incidents':>10} {'store fill':>11} {'first: map':>11} {'first: page':>12} {'next: page':>11} "
          f"{'filter->map':>12} {'page bytes':>11} {'server RSS':>11}")
    try:
        with sync_playwright() as p:
            for size in sizes:
                row = measure(size, p, workdir, layer=args.layer)
                rows.append(row)
                print(f"{row['size']:>10,} {row['generate_s']:>10.1f}s {seconds(row['first_map_s']):>11} "
                      f"{seconds(row['complete_s']):>12} {seconds(row['next_complete_s']):>11} "
                      f"{seconds(row['filter_s']):>12} {row['first_page_mb']:>9.2f}MB {row['server_rss_mb']:>9.0f}MB",
                      flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("server CPU seconds (user+sys) spent on: " + "; ".join(
        f"{row['size']:,}: first page {row.get('first_cpu_s', 0):.2f}, next page {row.get('next_cpu_s', 0):.2f}, "
        f"filter change {row.get('filter_cpu_s', 0):.2f}" for row in rows))
    print("targets at 100,000: first page < 4 s, filter change < 1.5 s, payload < 6 MB, server < 500 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
