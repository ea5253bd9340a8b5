"""dashboard.map_view: markers, escaping, local assets only, tiles setting."""
from __future__ import annotations

import base64
import json
import re

import pytest

from dashboard_fixtures import (
    HOSTILE_ACTOR,
    HOSTILE_EVIDENCE,
    HOSTILE_TITLE,
    HOSTILE_URL,
    SAMPLE_MAPPED,
    make_store,
)
from dashboard import assets, borders, data, map_view
from incidents.record import EVENT_TYPES
from incidents.store import Store


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    store = Store(make_store(tmp_path_factory.mktemp("store") / "incidents.sqlite"))
    try:
        yield data.load_incidents(store)
    finally:
        store.dispose()


def _hostile_row(frame):
    return frame[frame["event_type"] == "Violence against civilians"].iloc[0].to_dict()


def test_one_distinct_colour_per_event_type():
    assert list(map_view.EVENT_TYPE_COLORS) == list(EVENT_TYPES)
    assert len(set(map_view.EVENT_TYPE_COLORS.values())) == len(EVENT_TYPES)


def test_popup_shows_the_incident(frame):
    row = frame[frame["event_type"] == "Battles"].iloc[0].to_dict()
    html = map_view.popup_html(row)
    for text in ("2024-03-01", "Battles", "Armed clash", "Military Forces of Ukraine vs Military Forces of Russia",
                 "3 killed, 5 injured", "Kharkiv, Kharkivska, Ukraine", "named place",
                 "Troops clashed near Kharkiv; three died.",
                 '<a href="https://news.example/kharkiv" target="_blank" rel="noopener noreferrer">'
                 "Clashes near Kharkiv</a>"):
        assert text in html


def test_popup_and_tooltip_escape_article_text(frame):
    row = _hostile_row(frame)
    html = map_view.popup_html(row)
    assert "<img" not in html and "<script" not in html and "</script" not in html
    assert "<b>bold" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "javascript:" not in html.lower() and "href" not in html  # no link for a javascript: URL
    assert "province or region" in html and "within the month" in html
    row_with_markup = dict(row, location="<b>Town</b>", event_date="2024-04-02")
    assert "&lt;b&gt;Town&lt;/b&gt;" in map_view.tooltip_html(row_with_markup)


def test_popup_survives_missing_values(frame):
    row = {key: None for key in frame.columns}
    html = map_view.popup_html(row)
    assert "unknown date" in html and "fatalities not reported" in html and "not named" in html


def test_marker_styles_tell_precision_apart():
    village = map_view.marker_style("Battles", 1)
    near = map_view.marker_style("Battles", 2)
    province = map_view.marker_style("Battles", 3)
    assert province["radius"] >= 2 * village["radius"]
    assert province["fillOpacity"] < 0.3 and "dashArray" in province
    assert "dashArray" not in village and village["fillColor"] == map_view.EVENT_TYPE_COLORS["Battles"]
    assert "dashArray" in near
    assert map_view.marker_style("Not a type", None)["fillColor"] == map_view.UNKNOWN_COLOR


def test_marker_features(frame):
    features = map_view.marker_features(frame)
    assert len(features) == SAMPLE_MAPPED
    assert features[0]["precision"] == 3  # province rings first, dots drawn on top
    assert all(-90 <= f["lat"] <= 90 and -180 <= f["lon"] <= 180 for f in features)


def _payloads(script: str) -> list:
    return [json.loads(base64.b64decode(m).decode("utf-8")) for m in re.findall(r'atob\("([A-Za-z0-9+/=]*)"\)', script)]


@pytest.mark.parametrize("tiles", [None, map_view.OSM_TILES])
def test_rendered_map_uses_local_leaflet_only(frame, tiles):
    js, css = assets.map_js_css()
    fmap = map_view.build_map(frame, tiles=tiles, js=js, css=css)
    page = fmap.get_root().render()
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sorted(loaded) == sorted(url for _, url in js + css)
    assert "cdn" not in page.lower() and "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert ("tile.openstreetmap.org" in page) is (tiles is not None)
    # article text reaches the page only inside the base64 payload
    for text in (HOSTILE_ACTOR, HOSTILE_EVIDENCE, HOSTILE_TITLE, "alert(", "${"):
        assert text not in page
    rows = _payloads(page)[0]["rows"]
    assert len(rows) == SAMPLE_MAPPED
    assert any("&lt;img src=x" in r[3] for r in rows)
    assert not any(HOSTILE_URL in r[3] for r in rows)
    assert "L.canvas(" in page


def test_streamlit_folium_keeps_the_payload_intact(frame):
    """streamlit-folium rewrites variable names in the script; the data must survive it."""
    from streamlit_folium import _get_map_string

    fmap = map_view.build_map(frame, tiles=None, js=[], css=[])
    fmap.get_root().render()
    script = _get_map_string(fmap)
    assert "map_div" in script
    rows = _payloads(script)[0]["rows"]
    assert [r[3] for r in rows] == [f["popup"] for f in map_view.marker_features(frame)]


BORDERS_URL = assets.static_url(borders.BORDERS_FILE)


def _border_spec(page: str) -> dict:
    (spec,) = re.findall(r"var spec = (\{.*?\});\n", page)
    return json.loads(spec)


@pytest.mark.parametrize("tiles", [None, map_view.OSM_TILES])
def test_border_layer_is_fetched_from_the_local_file(frame, tiles):
    js, css = assets.map_js_css()
    page = map_view.build_map(frame, tiles=tiles, js=js, css=css, borders_url=BORDERS_URL,
                              borders_attribution=borders.ATTRIBUTION).get_root().render()
    spec = _border_spec(page)
    assert spec["url"] == "/app/static/vendor/borders/countries.json"
    assert spec["className"] == map_view.BORDER_CLASS == "country-border"
    assert spec["offline"]["fill"] is True and spec["overTiles"]["fill"] is False
    assert spec["overTiles"]["opacity"] < 0.5  # faint over tiles
    assert "thematicmapping.org" in spec["attribution"] and "<a" not in page.split("var spec = ")[1].split("\n")[0]
    # drawn in its own pane, under the markers, and never clickable
    assert 'createPane("countryBorders")' in page and "interactive: false" in page
    assert map_view.BORDER_PANE_Z_INDEX < 400
    # still nothing but Leaflet is loaded as a script or style
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sorted(loaded) == sorted(url for _, url in js + css)
    # the border script runs before the markers are added, so they are drawn above it
    assert page.index("countryBorders") < page.index("var mode = ")


def test_no_border_layer_without_a_url(frame):
    page = map_view.build_map(frame, tiles=None).get_root().render()
    assert "countryBorders" not in page


def test_streamlit_folium_keeps_the_border_layer(frame):
    from streamlit_folium import _get_map_string

    fmap = map_view.build_map(frame, tiles=None, js=[], css=[], borders_url=BORDERS_URL)
    fmap.get_root().render()
    assert _border_spec(_get_map_string(fmap))["url"] == BORDERS_URL


def test_empty_map_still_builds(frame):
    fmap = map_view.build_map(frame.iloc[0:0], tiles=None)
    assert fmap.location == list(map_view.DEFAULT_CENTER)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, map_view.OSM_TILES),
        ({"MAP_TILES": ""}, map_view.OSM_TILES),
        ({"MAP_TILES": "none"}, None),
        ({"MAP_TILES": " NONE "}, None),
        ({"MAP_TILES": "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png"}, "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png"),
    ],
)
def test_tiles_setting(env, expected):
    assert map_view.tiles_setting(env) == expected


def test_tile_layer_attribution_is_escaped():
    layer = map_view.tile_layer("https://tiles.example/<x>/{z}/{x}/{y}.png")
    assert "<x>" not in layer.options["attribution"]
    assert map_view.tile_layer(None) is None


def test_compact_markers_round_and_share_styles(frame):
    payload = map_view.compact_markers(frame)
    assert len(payload["rows"]) == SAMPLE_MAPPED
    assert payload["rows"][0][3].count("incident-popup") == 1 and "province or region" in payload["rows"][0][3]
    for lat, lon, style, popup, tooltip in payload["rows"]:
        assert round(lat, map_view.COORD_DECIMALS) == lat and round(lon, map_view.COORD_DECIMALS) == lon
        assert 0 <= style < len(payload["styles"])
    assert "style=" not in payload["rows"][1][3].replace('class="ip-t" style=', "")  # no inline styles but the colour


def test_incidents_layer_draws_at_most_the_limit(frame):
    payload = map_view.layer_payload(frame, "incidents", limit=2)
    assert len(payload["rows"]) == 2
    dates = sorted(frame.dropna(subset=["latitude"])["event_date"], reverse=True)[:2]
    assert all(any(d in r[3] for d in dates) for r in payload["rows"])  # the newest
    assert map_view.layer_note("incidents", 5, limit=2).startswith("5 incidents in view")
    assert "clusters" in map_view.layer_note("incidents", 5, limit=2)
    assert map_view.layer_note("incidents", 2, limit=2) is None
    assert map_view.layer_note("clusters", 10**6) is None


@pytest.mark.parametrize("layer", ["incidents", "clusters", "density", "provinces"])
def test_each_layer_renders_with_local_assets(frame, layer):
    js, css = assets.map_js_css(layer=layer)
    page = map_view.build_map(frame, layer=layer, tiles=None, js=js, css=css).get_root().render()
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sorted(loaded) == sorted(url for _, url in js + css)
    assert any("markercluster" in url for url in loaded) is (layer == "clusters")  # its CSS; the JS after Leaflet
    assert f'var mode = "{layer}";' in page
    for text in (HOSTILE_ACTOR, HOSTILE_EVIDENCE, HOSTILE_TITLE):
        assert text not in page
    payload = _payloads(page)[0]
    if layer == "density":
        assert sum(c[4] for c in payload["cells"]) == SAMPLE_MAPPED
    elif layer == "provinces":
        assert sum(p[2] for p in payload["provinces"]) == 5 == len(payload["provinces"])  # one per province
    else:
        assert len(payload["rows"]) == SAMPLE_MAPPED
    assert (".incident-legend" in page or "incident-legend" in page) is (layer in ("incidents", "clusters"))


def test_province_tooltips_are_escaped():
    import pandas as pd

    frame = pd.DataFrame({"latitude": [1.0, 1.2], "longitude": [2.0, 2.2], "country": ["<b>X</b>", "<b>X</b>"],
                          "admin1": ["<i>P</i>", "<i>p</i> "], "fatalities": [1, None]})
    (row,) = map_view.province_circles(frame)["provinces"]
    assert row[2] == 2 and "<i>" not in row[3] and "&lt;i&gt;P&lt;/i&gt;, &lt;b&gt;X&lt;/b&gt;: 2 incidents, 1 killed" == row[3]
