"""End to end: the real Streamlit server, a headless Debian chromium, no network.

Opens a link carrying start/end/types and checks the markers drawn by Leaflet
inside the streamlit-folium iframe, the country borders drawn under them without
tiles, the Incidents metric, the download buttons, that popups show article text
as text, and that every request stayed on 127.0.0.1 (no CDN, no tiles). Share links
round-trip the filters, the map's centre and zoom and the selected incident; the
details panel shows article markup as text; brushing the timeline narrows the dates.
"""
from __future__ import annotations

import contextlib
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from dashboard_fixtures import (
    HOSTILE_ACTOR,
    HOSTILE_EVIDENCE,
    make_store,
)
from dashboard.view_state import coordinate_decimals
from e2e_server import PAGE_TIMEOUT_MS, dashboard_server, free_port, launch, needs_chromium, offsite

pytestmark = needs_chromium


@contextlib.contextmanager
def _dashboard(tmp_path: Path, tiles: str, incidents=None):
    """A dashboard on a free port over a temp store, with MAP_TILES=`tiles`; yields its base URL."""
    env = {"DATABASE_URL": make_store(tmp_path / "incidents.sqlite", incidents), "MAP_TILES": tiles}
    with dashboard_server(tmp_path / "streamlit.log", env) as base:
        yield base


@pytest.fixture()
def server(tmp_path):
    with _dashboard(tmp_path, "none") as base:
        yield base


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


def _pixel_at(map_frame, lat: float, lon: float) -> list[int]:
    """The RGBA of the markers' canvas at (lat, lon)."""
    return map_frame.locator(".leaflet-container").evaluate("""(c, ll) => {
        let map = null;
        for (const k of Object.keys(window)) {
            try { if (window[k] instanceof L.Map && window[k].getContainer() === c) { map = window[k]; } } catch (e) {}
        }
        const p = map.latLngToContainerPoint(ll);
        const canvas = c.querySelector(".leaflet-overlay-pane canvas");
        const box = canvas.getBoundingClientRect(), outer = c.getBoundingClientRect();
        const scale = canvas.width / box.width;
        const x = Math.round((p.x - (box.left - outer.left)) * scale), y = Math.round((p.y - (box.top - outer.top)) * scale);
        return Array.from(canvas.getContext("2d").getImageData(x, y, 1, 1).data);
    }""", [lat, lon])


def test_linked_view_draws_markers_offline(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    query = "start=2024-03-01&end=2024-04-30&types=" + quote("Battles,Explosions/Remote violence,Violence against civilians")
    requests: list[str] = []
    sockets: list[str] = []
    failed: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
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
            # one glyph per event type, in the legend and in the markers: the white cross of a battle
            # and the white burst of a strike cross their marker's centre, over the type's colour
            glyphs = map_frame.locator(".incident-legend canvas.legend-glyph")
            expect(glyphs).to_have_count(6)
            assert len({glyphs.nth(i).get_attribute("data-glyph") for i in range(6)}) == 6
            for lat, lon in ((49.99, 36.23), (46.48, 30.72)):  # the Kharkiv battle, the Odesa drone strike
                red, green, blue, alpha = _pixel_at(map_frame, lat, lon)
                assert min(red, green, blue) > 200 and alpha > 200, (lat, lon, red, green, blue, alpha)

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
    left = offsite(requests + sockets)
    assert left == [], f"requests left 127.0.0.1: {left}"
    assert [url for url in failed if "/app/static/" in url] == []


def test_borders_take_over_when_tiles_cannot_load(tmp_path):
    """Tiles configured but unreachable (a closed local port): the borders switch to the offline look."""
    dead_tiles = f"http://127.0.0.1:{free_port()}/{{z}}/{{x}}/{{y}}.png"
    from playwright.sync_api import expect, sync_playwright

    requests: list[str] = []
    with _dashboard(tmp_path, dead_tiles) as base, sync_playwright() as p:
        browser = launch(p)
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
    assert offsite(requests) == []


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
        browser = launch(p)
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
                link = page.locator('[data-testid="stSidebar"] .share-link').inner_text().strip()
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


def test_tiles_from_the_config_file(tmp_path):
    """map_tiles and map_attribution in the [dashboard] table of .streamlit/config.toml (no
    MAP_TILES): the map loads its tiles from that server, credits it, and the server log has no
    warning about our table."""
    import http.server
    import threading

    from playwright.sync_api import expect, sync_playwright

    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1d2b80000000049454e44ae426082")
    asked: list[str] = []

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (http.server's name)
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    tile_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=tile_server.serve_forever, daemon=True).start()
    site = tmp_path / "site"
    (site / ".streamlit").mkdir(parents=True)
    (site / ".streamlit" / "config.toml").write_text(
        "[server]\nenableStaticServing = true\n\n[dashboard]\n"
        f'map_tiles = "http://127.0.0.1:{tile_server.server_port}/{{z}}/{{x}}/{{y}}.png"\n'
        'map_attribution = "Tiles <b>of the team</b>"\n', encoding="utf-8")
    log = tmp_path / "streamlit.log"
    env = {"DATABASE_URL": make_store(tmp_path / "incidents.sqlite"), "MAP_TILES": None}
    try:
        with dashboard_server(log, env, cwd=site) as base, sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1100})
                page.set_default_timeout(PAGE_TIMEOUT_MS)
                page.goto(base, wait_until="domcontentloaded")
                map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
                expect(map_frame.locator(".leaflet-container")).to_have_attribute("data-drawn", "5")
                expect(map_frame.locator(".leaflet-tile-loaded").first).to_be_attached()
                expect(map_frame.locator(".leaflet-control-attribution")).to_contain_text("Tiles <b>of the team</b>")
            finally:
                browser.close()
    finally:
        tile_server.shutdown()
    assert asked and all(path.endswith(".png") for path in asked)
    assert "not a valid config option" not in log.read_text(errors="replace")


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
        browser = launch(p)
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
            page.locator('[data-testid="stSidebar"]').get_by_text("Density grid").click()
            # while Streamlit swaps the map, the old frame may linger for a moment: read the newest
            new_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').last
            expect(new_frame.locator(".leaflet-container")).to_have_attribute("data-layer", "density",
                                                                              timeout=PAGE_TIMEOUT_MS)
            assert "layer=density" in page.url
            # and to the heat map: Leaflet.heat from the local copy draws its canvas
            page.locator('[data-testid="stSidebar"]').get_by_text("Heat map").click()
            new_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').last
            expect(new_frame.locator(".leaflet-container")).to_have_attribute("data-layer", "heat",
                                                                              timeout=PAGE_TIMEOUT_MS)
            expect(new_frame.locator("canvas.leaflet-heatmap-layer")).to_have_count(1)
            assert "layer=heat" in page.url
            assert errors == []
        finally:
            browser.close()
    assert any(url.endswith("/app/static/vendor/leaflet.markercluster/leaflet.markercluster.js") for url in requests)
    assert any(url.endswith("/app/static/vendor/leaflet.heat/leaflet-heat.js") for url in requests)
    assert offsite(requests) == []


MAP_VIEW_JS = """c => {
    for (const k of Object.keys(window)) {
        try {
            if (window[k] instanceof L.Map && window[k].getContainer() === c) {
                const m = window[k], center = m.getCenter();
                return {lat: center.lat, lng: center.lng, zoom: m.getZoom()};
            }
        } catch (e) {}
    }
    return null;
}"""


def _map_view(map_frame) -> dict:
    return map_frame.locator(".leaflet-container").evaluate(MAP_VIEW_JS)


def _params(url: str) -> dict[str, str]:
    from urllib.parse import parse_qs

    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _wait_for_url(page, check, what: str, timeout: float = PAGE_TIMEOUT_MS / 1000) -> dict[str, str]:
    """Poll the address bar until check(params) holds (the page writes it after a rerun)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        params = _params(page.url)
        if check(params):
            return params
        page.wait_for_timeout(200)
    pytest.fail(f"the URL never showed {what}: {page.url}")


def _close_to(params: dict[str, str], view: dict) -> bool:
    """The URL's lat/lon/zoom are the map's centre and zoom, rounded as the page rounds them."""
    if not {"lat", "lon", "zoom"} <= set(params) or int(params["zoom"]) != view["zoom"]:
        return False
    step = 10 ** -coordinate_decimals(view["zoom"])
    return abs(float(params["lat"]) - view["lat"]) <= step and abs(float(params["lon"]) - view["lng"]) <= step


def test_a_shared_link_keeps_the_map_position_and_the_selected_incident(server):
    """Zoom and pan the map, click a marker, copy the link the page offers and open it in a fresh
    browser context: the map opens at the same centre and zoom (within the URL's rounding), the
    same incident is in the details panel and ringed on the map, the same Incidents count."""
    from playwright.sync_api import expect, sync_playwright

    types = "Battles,Explosions/Remote violence,Violence against civilians"
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1100},
                                          permissions=["clipboard-read", "clipboard-write"])
            page = context.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(f"{server}/?types={quote(types)}", wait_until="domcontentloaded")
            map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            container = map_frame.locator(".leaflet-container")
            expect(container).to_have_attribute("data-drawn", "3")
            page.wait_for_timeout(1500)  # the map's first report (where it opened) comes and goes
            assert "lat" not in _params(page.url)  # a map the analyst has not moved leaves the URL alone
            opened = _map_view(map_frame)

            # zoom in, then drag the map a little: the URL follows
            map_frame.locator(".leaflet-control-zoom-in").click()
            _wait_for_url(page, lambda q: q.get("zoom") == str(opened["zoom"] + 1), "the new zoom")
            box = container.bounding_box()
            page.mouse.move(box["x"] + 500, box["y"] + 300)
            page.mouse.down()
            page.mouse.move(box["x"] + 440, box["y"] + 260, steps=6)
            page.mouse.up()
            moved = _map_view(map_frame)
            assert moved["zoom"] == opened["zoom"] + 1 and moved["lat"] != opened["lat"]
            _wait_for_url(page, lambda q: _close_to(q, _map_view(map_frame)), "the dragged position")

            # click the Odesa strike: the panel shows it, the map rings it, the URL names it
            _click_marker(map_frame, 46.48, 30.72)
            details = page.locator(".st-key-incident_details")
            expect(details).to_contain_text("Air/drone strike")
            expect(details).to_contain_text("A drone hit a port building near Odesa.")
            expect(map_frame.locator("path.selected-incident")).to_have_count(1)
            _wait_for_url(page, lambda q: q.get("incident") == "2" and _close_to(q, _map_view(map_frame)),
                          "the selected incident at the map's position")
            view = _map_view(map_frame)
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
            count = metric.locator('[data-testid="stMetricValue"]').inner_text()
            assert count == "3"
            code = page.locator('[data-testid="stSidebar"] .share-link')
            expect(code).to_contain_text("incident=2")
            page.locator('[data-testid="stSidebar"] .copy-button').click()  # one click: the link is copied
            expect(page.locator('[data-testid="stSidebar"] .copy-status')).to_have_text("Copied")
            link = page.evaluate("navigator.clipboard.readText()")
            assert link == code.inner_text().strip()
            assert _params(link) == _params(page.url)
            context.close()

            # the link in a fresh context: the same view
            context = browser.new_context(viewport={"width": 1400, "height": 1100})
            page = context.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(link, wait_until="domcontentloaded")
            map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            expect(map_frame.locator(".leaflet-container")).to_have_attribute("data-drawn", "3")
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
            expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(count)
            details = page.locator(".st-key-incident_details")
            expect(details).to_contain_text("Air/drone strike")
            expect(details).to_contain_text("Odesa")
            expect(map_frame.locator("path.selected-incident")).to_have_count(1)
            expect(page.locator('[data-testid="stAlert"]')).to_have_count(0)  # nothing was ignored
            reopened = _map_view(map_frame)
            assert reopened["zoom"] == view["zoom"]
            assert _close_to(_params(link), reopened)
            step = 10 ** -coordinate_decimals(view["zoom"])
            assert abs(reopened["lat"] - view["lat"]) <= step and abs(reopened["lng"] - view["lng"]) <= step
            page.wait_for_timeout(1500)  # the reopened map's first report: where it opened, written nowhere
            assert _params(page.url) == _params(link)
            context.close()
        finally:
            browser.close()
    assert dialogs == []


def test_the_details_panel_shows_article_markup_as_text(server):
    """A link selecting the incident whose actor, evidence and source title are markup: the panel
    shows them as text; nothing runs, no image, no link (its URL is javascript:)."""
    from playwright.sync_api import expect, sync_playwright

    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(f"{server}/?incident=4", wait_until="domcontentloaded")
            details = page.locator(".st-key-incident_details")
            expect(details).to_contain_text(HOSTILE_ACTOR)
            expect(details).to_contain_text(HOSTILE_EVIDENCE)
            expect(details).to_contain_text("Known only to its province (Donetska)")
            assert details.locator("img, script, a, b").count() == 0
            map_frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            expect(map_frame.locator("path.selected-incident")).to_have_count(1)
            page.wait_for_timeout(1000)
        finally:
            browser.close()
    assert dialogs == []


def test_brushing_the_timeline_narrows_the_dates(server):
    """Drag across the timeline: the date filter, the URL and the Incidents count follow."""
    import datetime as dt

    from playwright.sync_api import expect, sync_playwright

    from dashboard_fixtures import sample_incidents

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.goto(f"{server}/", wait_until="domcontentloaded")
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Incidents").first
            expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text("6")
            page.locator(".timeline[data-days]").first.wait_for()  # drawn: its script has taken the pointer
            chart = page.locator(".timeline canvas").first
            chart.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            box = chart.bounding_box()
            y = box["y"] + 70  # inside the plot, above the axis
            page.mouse.move(box["x"] + box["width"] * 0.25, y)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=8)
            page.mouse.up()
            params = _wait_for_url(page, lambda q: "start" in q and "end" in q, "the brushed dates")
            start, end = dt.date.fromisoformat(params["start"]), dt.date.fromisoformat(params["end"])
            assert dt.date(2024, 3, 1) < start <= end < dt.date(2024, 5, 20)
            inside = sum(1 for i in sample_incidents() if start <= dt.date.fromisoformat(i.event_date) <= end)
            expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(str(inside))
            dates = _sidebar_state(page)["Date range"]
            assert params["start"] in dates and params["end"] in dates, dates
        finally:
            browser.close()
