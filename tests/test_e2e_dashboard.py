"""End to end: the real Streamlit server, a headless Debian chromium, no network.

Opens a link carrying start/end/types and checks the markers drawn by Leaflet
inside the streamlit-folium iframe, the country borders drawn under them without
tiles, the Incidents metric, the download buttons, that popups show article text
as text, and that every request stayed on 127.0.0.1 (no CDN, no tiles).
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from dashboard_fixtures import (
    HOSTILE_ACTOR,
    HOSTILE_EVIDENCE,
    REPO_ROOT,
    make_store,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SERVER_START_TIMEOUT = 90  # seconds
PAGE_TIMEOUT_MS = 60_000

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no browser: {CHROMIUM} is not installed")


def _free_port() -> int:
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
def _dashboard(tmp_path: Path, tiles: str, incidents=None):
    """A dashboard on a free port over a temp store, with MAP_TILES=`tiles`; yields its base URL."""
    port = _free_port()
    env = dict(os.environ, DATABASE_URL=make_store(tmp_path / "incidents.sqlite", incidents), MAP_TILES=tiles,
               PYTHONUNBUFFERED="1")
    log = tmp_path / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
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


@pytest.fixture()
def server(tmp_path):
    with _dashboard(tmp_path, "none") as base:
        yield base


def _offsite(urls: list[str]) -> list[str]:
    return [url for url in urls
            if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).hostname != "127.0.0.1"]


def _click_marker(map_frame, lat: float, lon: float) -> None:
    """Click the map where a canvas-drawn marker at (lat, lon) is."""
    container = map_frame.locator(".leaflet-container")
    point = container.evaluate("""(c, ll) => {
        let map = null;
        for (const k of Object.keys(window)) {
            try { if (window[k] instanceof L.Map && window[k].getContainer() === c) { map = window[k]; } } catch (e) {}
        }
        const p = map.latLngToContainerPoint(ll);
        return {x: p.x, y: p.y};
    }""", [lat, lon])
    container.click(position=point)


def _launch(p):
    from playwright.sync_api import expect

    # the page's first run imports and caches a lot; on a busy 2-core machine that takes more than
    # Playwright's default 5 s for an expectation, which is not what these tests are about
    expect.set_options(timeout=PAGE_TIMEOUT_MS)
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=PAGE_TIMEOUT_MS)


def test_linked_view_draws_markers_offline(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    query = "start=2024-03-01&end=2024-04-30&types=" + quote("Battles,Explosions/Remote violence,Violence against civilians")
    requests: list[str] = []
    sockets: list[str] = []
    failed: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.on("request", lambda request: requests.append(request.url))
            page.on("requestfailed", lambda request: failed.append(request.url))
            page.on("websocket", lambda ws: sockets.append(ws.url))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

            page.goto(f"{server}/?{query}", wait_until="domcontentloaded")

            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
            expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text("3")

            map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            container = map_frame.locator(".leaflet-container")
            expect(container).to_have_attribute("data-drawn", "3")  # canvas markers: no element each
            expect(container).to_have_attribute("data-layer", "incidents")
            expect(map_frame.locator("canvas.leaflet-zoom-animated").first).to_be_attached()
            expect(map_frame.locator(".leaflet-tile")).to_have_count(0)  # MAP_TILES=none
            expect(map_frame.locator(".incident-legend")).to_contain_text("Battles")

            # country borders instead of tiles: grey on white, in a pane under the markers, not clickable
            country_borders = map_frame.locator(".leaflet-countryBorders-pane path.country-border")
            expect(country_borders.first).to_be_attached()
            assert country_borders.count() > 200
            assert country_borders.first.evaluate("p => getComputedStyle(p).pointerEvents") == "none"
            assert map_frame.locator(".leaflet-container").evaluate(
                "c => getComputedStyle(c).backgroundColor") == "rgb(255, 255, 255)"
            assert int(map_frame.locator(".leaflet-countryBorders-pane").evaluate(
                "p => getComputedStyle(p).zIndex")) < int(map_frame.locator(".leaflet-overlay-pane").evaluate(
                "p => getComputedStyle(p).zIndex"))
            expect(map_frame.locator(".leaflet-control-attribution")).to_contain_text("thematicmapping.org")

            # the province-only ring (drawn first) opens a popup that shows the article's markup as text
            _click_marker(map_frame, 48.0, 37.8)
            popup = map_frame.locator(".leaflet-popup-content")
            expect(popup).to_contain_text(HOSTILE_ACTOR)
            expect(popup.locator("blockquote")).to_have_text(HOSTILE_EVIDENCE)  # the evidence, as text
            expect(popup).to_contain_text("province or region")
            expect(popup.locator("img, script, a")).to_have_count(0)

            # the filters show the link's view, and the URL keeps it
            expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Violence against civilians")
            assert "types=" in page.url and "end=2024-04-30" in page.url
            for label in ("CSV (ACLED columns)", "GeoJSON"):
                expect(page.get_by_role("button", name=label)).to_be_visible()
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        finally:
            browser.close()

    assert dialogs == [], f"article text ran as script: {dialogs}"
    assert any(url.endswith("/app/static/vendor/leaflet/leaflet.js") for url in requests)
    assert any(url.endswith("/app/static/vendor/borders/countries.json") for url in requests)
    offsite = _offsite(requests + sockets)
    assert offsite == [], f"requests left 127.0.0.1: {offsite}"
    assert [url for url in failed if "/app/static/" in url] == []


def test_borders_take_over_when_tiles_cannot_load(tmp_path):
    """Tiles configured but unreachable (a closed local port): the borders switch to the offline look."""
    dead_tiles = f"http://127.0.0.1:{_free_port()}/{{z}}/{{x}}/{{y}}.png"
    from playwright.sync_api import expect, sync_playwright

    requests: list[str] = []
    with _dashboard(tmp_path, dead_tiles) as base, sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.on("request", lambda request: requests.append(request.url))
            page.goto(f"{base}/", wait_until="domcontentloaded")
            map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            expect(map_frame.locator(".leaflet-container")).to_have_attribute("data-drawn", "5")
            country_borders = map_frame.locator("path.country-border")
            expect(country_borders.first).to_be_attached()
            # the land fill of the offline look once the tiles have failed
            expect(country_borders.first).to_have_attribute("fill", "#f1f1ef")
            assert map_frame.locator(".leaflet-container").evaluate(
                "c => getComputedStyle(c).backgroundColor") == "rgb(255, 255, 255)"
        finally:
            browser.close()
    assert any(urlsplit(url).port == urlsplit(dead_tiles).port for url in requests)  # the tiles were tried
    assert _offsite(requests) == []


SHARED_FILTERS = {
    "end": "2024-04-30",
    "types": "Battles,Explosions/Remote violence,Violence against civilians",
    "subs": "Armed clash,Air/drone strike",
    "actors": "Military Forces of Russia",
    "country": "UA",
    "min_confidence": "0.75",
    "q": "o",
}


def _sidebar_state(page) -> dict[str, object]:
    """What the sidebar's filter widgets show, by label."""
    return page.locator('[data-testid="stSidebar"]').evaluate("""sidebar => {
        const out = {};
        const label = el => (el.querySelector('[data-testid="stWidgetLabel"]') || {}).innerText;
        sidebar.querySelectorAll('[data-testid="stMultiSelect"]').forEach(el => {
            out[label(el)] = Array.from(el.querySelectorAll('[data-tag]')).map(t => t.getAttribute('aria-label'));
        });
        sidebar.querySelectorAll('[data-testid="stDateInput"], [data-testid="stNumberInput"], [data-testid="stTextInput"]')
            .forEach(el => { out[label(el)] = Array.from(el.querySelectorAll('input')).map(i => i.value).join(' | '); });
        sidebar.querySelectorAll('[data-testid="stSlider"]').forEach(el => {
            const input = el.querySelector('input');
            out[label(el)] = input ? input.value : null;
        });
        return out;
    }""")


def test_a_shared_link_reopens_the_same_view(server):
    """Open a link with several filters, take the link the page offers, open it in a fresh
    browser context: same widgets, same Incidents count."""
    from playwright.sync_api import expect, sync_playwright

    query = "&".join(f"{name}={quote(value)}" for name, value in SHARED_FILTERS.items())
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            states, counts, links = [], [], []
            url = f"{server}/?{query}"
            for _ in range(2):
                context = browser.new_context(viewport={"width": 1400, "height": 1100})
                page = context.new_page()
                page.set_default_timeout(PAGE_TIMEOUT_MS)
                page.goto(url, wait_until="domcontentloaded")
                metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
                value = metric.locator('[data-testid="stMetricValue"]')
                expect(value).to_have_text("2")  # the Kharkiv battle and the Odesa strike
                expect(page.locator('[data-testid="stSidebar"] [data-tag][aria-label="Air/drone strike"]'
                                    )).to_have_count(1)
                expect(page.locator('[data-testid="stAlert"]')).to_have_count(0)  # nothing was ignored
                map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
                expect(map_frame.locator(".leaflet-container")).to_have_attribute("data-drawn", "2")
                counts.append(value.inner_text())
                states.append(_sidebar_state(page))
                link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"] code').inner_text().strip()
                links.append(link)
                url = link  # the second visit opens the link the page offered
                context.close()
        finally:
            browser.close()

    assert counts == ["2", "2"]
    assert states[0] == states[1]
    state = states[0]
    assert state["Sub-event types"] == ["Armed clash", "Air/drone strike"]
    assert state["Actors"] == ["Military Forces of Russia"]
    assert state["Minimum confidence"] == "0.75"
    assert state["Search evidence and source titles"] == "o"
    assert "2024-03-01" in state["Date range"] and "2024-04-30" in state["Date range"], state["Date range"]
    assert links[0] == links[1] and links[0].startswith(f"{server}/?")
    # the link holds every filter, with what equals the default (start = first incident) left out
    from urllib.parse import parse_qs
    assert {k: v[0] for k, v in parse_qs(urlsplit(links[0]).query).items()} == SHARED_FILTERS


# Regression: markercluster threw "Map has no maxZoom specified" on a map without tiles.
def test_clusters_layer_draws_cluster_icons(tmp_path):
    """?layer=clusters with many incidents around one city: Leaflet.markercluster from the local copy."""
    from playwright.sync_api import expect, sync_playwright

    from dashboard_fixtures import sample_incidents
    from dataclasses import replace as _replace

    base_incident = sample_incidents()[0]
    crowd = [_replace(base_incident, latitude=50.0 + i * 0.001, longitude=36.2 + i * 0.001,
                      source_url=f"https://news.example/crowd/{i}") for i in range(30)]
    requests: list[str] = []
    with _dashboard(tmp_path, "none", sample_incidents() + crowd) as base, sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.on("request", lambda request: requests.append(request.url))
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{base}/?layer=clusters", wait_until="domcontentloaded")
            map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            expect(map_frame.locator(".leaflet-container")).to_have_attribute("data-layer", "clusters",
                                                                              timeout=PAGE_TIMEOUT_MS)
            expect(map_frame.locator(".marker-cluster").first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
            expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Clusters")
            # switch to the density layer with the sidebar radio: the URL follows
            page.locator('[data-testid="stSidebar"]').get_by_text("Density (heat grid)").click()
            # while Streamlit swaps the map, the old frame may linger for a moment: read the newest
            new_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').last
            expect(new_frame.locator(".leaflet-container")).to_have_attribute("data-layer", "density",
                                                                              timeout=PAGE_TIMEOUT_MS)
            assert "layer=density" in page.url
        finally:
            browser.close()
    assert any(url.endswith("/app/static/vendor/leaflet.markercluster/leaflet.markercluster.js") for url in requests)
    assert _offsite(requests) == []
