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
from dashboard.view_state import ViewState
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
    fields = map_view.popup_fields(row)
    assert fields == {
        "type": "Battles", "sub": "Armed clash", "date": "2024-03-01",
        "actors": "Military Forces of Ukraine vs Military Forces of Russia", "casualties": "3 killed, 5 injured",
        "place": "Kharkiv, Kharkivska, Ukraine", "precision": "named place",
        "evidence": "Troops clashed near Kharkiv; three died.", "source": "Clashes near Kharkiv",
        "url": "https://news.example/kharkiv", "published": "2024-03-02",
    }


def test_popup_texts_keep_article_markup_as_text_and_drop_unsafe_links(frame):
    fields = map_view.popup_fields(_hostile_row(frame))
    # plain text, written by the browser as text nodes: the markup is shown, never parsed
    assert HOSTILE_ACTOR in fields["actors"] and fields["evidence"] == HOSTILE_EVIDENCE
    assert fields["source"] == HOSTILE_TITLE
    assert fields["url"] is None  # no link for a javascript: URL
    assert fields["precision"] == "province or region" and "within the month" in fields["date"]


def test_popups_and_tooltips_are_built_from_text_nodes_only(frame):
    """The layer's script never hands article text to innerHTML: popups and tooltips are
    DOM nodes made with createTextNode, and links only for http(s)."""
    js, css = assets.map_js_css()
    page = map_view.build_map("incidents", map_view.compact_markers(frame), None, tiles=None, js=js,
                              css=css).get_root().render()
    script = page.split("var mode = ")[1]
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "document.createTextNode(text)" in script
    assert ".setContent(popup(r))" in script and 'bindTooltip(el("span", null,' in script
    assert r"/^https?:\/\//i.test(url)" in script


def test_popup_survives_missing_values(frame):
    fields = map_view.popup_fields({key: None for key in frame.columns})
    assert fields["date"] == "unknown date" and fields["actors"] == "not named"
    assert fields["casualties"] == "fatalities not reported, injuries not reported"
    assert fields["evidence"] is None and fields["source"] is None


def test_marker_styles_tell_precision_apart():
    village = map_view.marker_style("Battles", 1)
    near = map_view.marker_style("Battles", 2)
    province = map_view.marker_style("Battles", 3)
    assert province["radius"] >= 2 * village["radius"]
    assert province["fillOpacity"] < 0.3 and "dashArray" in province
    assert "dashArray" not in village and village["fillColor"] == map_view.EVENT_TYPE_COLORS["Battles"]
    assert "dashArray" in near
    assert map_view.marker_style("Not a type", None)["fillColor"] == map_view.UNKNOWN_COLOR


def test_each_event_type_has_its_own_glyph_in_markers_and_legend():
    assert set(map_view.EVENT_TYPE_GLYPHS) == set(map_view.EVENT_TYPE_COLORS)
    assert len(set(map_view.EVENT_TYPE_GLYPHS.values())) == len(map_view.EVENT_TYPE_GLYPHS)
    for event_type, glyph in map_view.EVENT_TYPE_GLYPHS.items():
        assert f'glyph === "{glyph}"' in map_view.GLYPH_JS  # the browser knows how to draw it
        for precision in (1, 2, 3):
            assert map_view.marker_style(event_type, precision)["glyph"] == glyph
    assert map_view.marker_style("Battles", 1)["glyphColor"] == "#ffffff"  # white on a solid dot
    assert map_view.marker_style("Battles", 3)["glyphColor"] == map_view.EVENT_TYPE_COLORS["Battles"]
    assert "glyph" not in map_view.marker_style("Not a type", 1)
    fmap = map_view.build_map("incidents", {"rows": [], "styles": [], "text": []}, None, tiles=None, js=[], css=[])
    (legend,) = [p for p in _payloads(fmap.get_root().render()) if isinstance(p, dict) and "types" in p]
    assert {t["label"]: t["glyph"] for t in legend["types"]} == map_view.EVENT_TYPE_GLYPHS


def _payloads(script: str) -> list:
    return [json.loads(base64.b64decode(m).decode("utf-8")) for m in re.findall(r'atob\("([A-Za-z0-9+/=]*)"\)', script)]


@pytest.mark.parametrize("tiles", [None, map_view.OSM_TILES])
def test_rendered_map_uses_local_leaflet_only(frame, tiles):
    js, css = assets.map_js_css()
    fmap = map_view.build_map("incidents", map_view.compact_markers(frame), BOUNDS, tiles=tiles, js=js, css=css)
    page = fmap.get_root().render()
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sorted(loaded) == sorted(url for _, url in js + css)
    assert "cdn" not in page.lower() and "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert ("tile.openstreetmap.org" in page) is (tiles is not None)
    # article text reaches the page only inside the base64 payload
    for text in (HOSTILE_ACTOR, HOSTILE_EVIDENCE, HOSTILE_TITLE, "alert(", "${"):
        assert text not in page
    payload = _payloads(page)[0]
    assert len(payload["rows"]) == SAMPLE_MAPPED
    assert any(map_view.row_fields(payload, r)["actors"] == HOSTILE_ACTOR for r in payload["rows"])
    assert HOSTILE_URL not in payload["text"]
    assert "L.canvas(" in page


def test_streamlit_folium_keeps_the_payload_intact(frame):
    """streamlit-folium rewrites variable names in the script; the data must survive it."""
    from streamlit_folium import _get_map_string

    payload = map_view.compact_markers(frame)
    fmap = map_view.build_map("incidents", payload, BOUNDS, tiles=None, js=[], css=[])
    fmap.get_root().render()
    script = _get_map_string(fmap)
    assert "map_div" in script
    assert _payloads(script)[0] == dict(payload, fields=list(map_view.ROW_FIELDS))


BORDERS_URL = assets.static_url(borders.BORDERS_FILE)
BOUNDS = [[46.48, 24.03], [50.45, 37.8]]


def _border_spec(page: str) -> dict:
    (spec,) = re.findall(r"var spec = (\{.*?\});\n", page)
    return json.loads(spec)


@pytest.mark.parametrize("tiles", [None, map_view.OSM_TILES])
def test_border_layer_is_fetched_from_the_local_file(frame, tiles):
    js, css = assets.map_js_css()
    page = map_view.build_map("incidents", map_view.compact_markers(frame), BOUNDS, tiles=tiles, js=js, css=css,
                              borders_url=BORDERS_URL, borders_attribution=borders.ATTRIBUTION).get_root().render()
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
    page = map_view.build_map("incidents", map_view.compact_markers(frame), BOUNDS, tiles=None).get_root().render()
    assert "countryBorders" not in page


def test_streamlit_folium_keeps_the_border_layer(frame):
    from streamlit_folium import _get_map_string

    fmap = map_view.build_map("incidents", map_view.compact_markers(frame), BOUNDS, tiles=None, js=[], css=[],
                              borders_url=BORDERS_URL)
    fmap.get_root().render()
    assert _border_spec(_get_map_string(fmap))["url"] == BORDERS_URL


def test_empty_map_still_builds(frame):
    fmap = map_view.build_map("incidents", map_view.compact_markers(frame.iloc[0:0]), None, tiles=None)
    assert fmap.location == list(map_view.DEFAULT_CENTER)
    fmap.get_root().render()


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
    assert map_view.tiles_setting(env, {}) == expected


def test_tiles_from_the_config_files(tmp_path):
    home, project, broken = tmp_path / "home.toml", tmp_path / "project.toml", tmp_path / "broken.toml"
    home.write_text('[dashboard]\nmap_tiles = "http://home/{z}/{x}/{y}.png"\nmap_attribution = "Home"\n')
    project.write_text('[server]\nport = 1\n[dashboard]\nmap_tiles = "none"\n')
    broken.write_text("[dashboard\nmap_tiles = ")
    config = map_view.dashboard_config([str(home), str(project), str(broken), str(tmp_path / "absent.toml")])
    assert config == {"map_tiles": "none", "map_attribution": "Home"}  # the project's file wins
    assert map_view.tiles_setting({}, config) is None
    assert map_view.tiles_setting({"MAP_TILES": "http://env/{z}/{x}/{y}.png"}, config) == "http://env/{z}/{x}/{y}.png"
    assert map_view.tiles_setting({}, map_view.dashboard_config([str(home)])) == "http://home/{z}/{x}/{y}.png"
    assert map_view.tiles_setting({}, {}) == map_view.OSM_TILES
    assert map_view.tiles_attribution({}, config) == "Home"
    assert map_view.tiles_attribution({"MAP_ATTRIBUTION": "Env"}, config) == "Env"
    assert map_view.tiles_attribution({}, {}) is None


def test_tile_layer_attribution_is_escaped():
    layer = map_view.tile_layer("https://tiles.example/<x>/{z}/{x}/{y}.png")
    assert "<x>" not in layer.options["attribution"]
    assert map_view.tile_layer(None) is None
    assert map_view.tile_layer(map_view.OSM_TILES, "<b>ours</b>").options["attribution"] == "&lt;b&gt;ours&lt;/b&gt;"


def test_compact_markers_round_and_share_texts_and_styles(frame):
    payload = map_view.compact_markers(frame)
    assert len(payload["rows"]) == SAMPLE_MAPPED
    first = map_view.row_fields(payload, payload["rows"][0])
    assert first["precision"] == "province or region"  # province rings first, dots drawn on top
    for row in payload["rows"]:
        lat, lon, style = row[:3]
        assert round(lat, map_view.COORD_DECIMALS) == lat and round(lon, map_view.COORD_DECIMALS) == lon
        assert 0 <= style < len(payload["styles"])
        assert len(row) == map_view.ROW_TEXTS_AT + len(map_view.ROW_FIELDS)
    assert len(payload["text"]) == len(set(payload["text"]))  # each text sent once
    assert payload["text"].count("Ukraine") <= 1 and payload["evidenceLeftOut"] == 0


def test_evidence_travels_only_for_the_newest_markers(frame):
    newest_first = frame.sort_values(["event_date", "id"], ascending=False)
    payload = map_view.compact_markers(newest_first, evidence_limit=2)
    with_evidence = {map_view.row_fields(payload, r)["date"][:10]: map_view.row_fields(payload, r)["evidence"]
                     for r in payload["rows"]}
    assert with_evidence["2024-05-20"] and with_evidence["2024-04-02"]  # the two newest mapped
    assert with_evidence["2024-03-10"] is None and with_evidence["2024-03-01"] is None
    assert payload["evidenceLeftOut"] == 3 and payload["evidenceLimit"] == 2
    assert map_view.row_fields(payload, payload["rows"][-1])["source"]  # sources travel for every marker


def test_layer_notes():
    assert map_view.layer_note("incidents", 5, limit=2, evidence_limit=10).startswith("5 incidents in view")
    assert "density" in map_view.layer_note("incidents", 5, limit=2, evidence_limit=10)
    assert map_view.layer_note("incidents", 2, limit=2, evidence_limit=10) is None
    assert map_view.layer_note("density", 10**6) is None
    assert map_view.layer_note("provinces", 10**6) is None
    assert "evidence of the 3 newest" in map_view.layer_note("clusters", 5, limit=10, evidence_limit=3)
    auto = map_view.layer_note("auto", 100_000)
    assert auto.startswith("100,000 incidents in view: drawn as a density grid")
    assert map_view.layer_note("auto", 10) is None


@pytest.mark.parametrize(
    ("layer", "mapped", "drawn"),
    [("auto", 0, "incidents"), ("auto", 5_000, "incidents"), ("auto", 5_001, "density"),
     ("incidents", 10**6, "incidents"), ("clusters", 10**6, "clusters"), ("provinces", 1, "provinces")],
)
def test_auto_layer(layer, mapped, drawn):
    assert map_view.auto_layer(layer, mapped, limit=5_000) == drawn


def _layer_payload(frame, layer, directory):
    from dashboard import query

    if layer in ("incidents", "clusters"):
        return map_view.compact_markers(frame)
    store = Store(make_store(directory / "incidents.sqlite"))
    try:
        if layer == "density":
            return map_view.density_cells(*query.density_grid(store.engine, ViewState()))
        if layer == "heat":
            return map_view.heat_points(*query.density_grid(store.engine, ViewState(), max_cells=query.MAX_HEAT_CELLS))
        return map_view.province_circles(query.province_counts(store.engine, ViewState()))
    finally:
        store.dispose()


@pytest.mark.parametrize("layer", ["incidents", "clusters", "heat", "density", "provinces"])
def test_each_layer_renders_with_local_assets(frame, layer, tmp_path):
    js, css = assets.map_js_css(layer=layer)
    page = map_view.build_map(layer, _layer_payload(frame, layer, tmp_path), BOUNDS, tiles=None, js=js,
                              css=css).get_root().render()
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sorted(loaded) == sorted(url for _, url in js + css)
    assert any("markercluster" in url for url in loaded) is (layer == "clusters")  # its CSS; the JS after Leaflet
    assert f'var mode = "{layer}";' in page
    for text in (HOSTILE_ACTOR, HOSTILE_EVIDENCE, HOSTILE_TITLE):
        assert text not in page
    payload = _payloads(page)[0]
    if layer == "density":
        assert sum(c[4] for c in payload["cells"]) == SAMPLE_MAPPED
    elif layer == "heat":
        assert sum(p[2] for p in payload["points"]) == SAMPLE_MAPPED and payload["max"] >= 1
        assert '"/app/static/vendor/leaflet.heat/leaflet-heat.js"' in page  # loaded after Leaflet, locally
    elif layer == "provinces":
        assert sum(p[2] for p in payload["provinces"]) == 5 == len(payload["provinces"])  # one per province
    else:
        assert len(payload["rows"]) == SAMPLE_MAPPED
    assert (".incident-legend" in page or "incident-legend" in page) is (layer in ("incidents", "clusters"))


def test_heat_points_sit_at_cell_centres():
    import pandas as pd

    cells = pd.DataFrame({"south": [10.0, 12.0], "west": [20.0, 22.0], "north": [10.5, 12.5],
                          "east": [20.5, 22.5], "incidents": [7, 1]})
    payload = map_view.heat_points(0.5, cells)
    assert payload == {"size": 0.5, "max": 7, "points": [[10.25, 20.25, 7], [12.25, 22.25, 1]]}
    assert map_view.heat_points(0.5, cells.iloc[0:0])["points"] == []


def test_province_tooltips_are_plain_text():
    import pandas as pd

    counts = pd.DataFrame({"country": ["<b>X</b>"], "admin1": ["<i>P</i>"], "incidents": [2], "fatalities": [1],
                           "latitude": [1.1], "longitude": [2.1]})
    (row,) = map_view.province_circles(counts)["provinces"]
    assert row[2] == 2 and row[3] == "<i>P</i>, <b>X</b>: 2 incidents, 1 killed"  # shown as text by the script


# -- what a click sends back, the selected incident, where the map opens -------------------
def test_marker_rows_carry_the_incident_id(frame):
    payload = map_view.compact_markers(frame)
    ids = {row[map_view.ROW_ID_AT]: map_view.row_fields(payload, row)["place"] for row in payload["rows"]}
    expected = {int(r["id"]): map_view.popup_fields(r)["place"]
                for r in data.mappable(frame).to_dict("records")}
    assert ids == expected and len(ids) == SAMPLE_MAPPED


def test_a_clicked_marker_returns_its_incident_as_its_feature(frame):
    """streamlit-folium returns the clicked layer's GeoJSON (last_active_drawing): each marker
    carries its incident id there, and the layer sits in a group on the map from the start,
    so the component's click hook sees markers drawn later (the clusters layer)."""
    page = map_view.build_map("clusters", map_view.compact_markers(frame), BOUNDS, tiles=None, js=[],
                              css=[]).get_root().render()
    script = page.split("var mode = ")[1]
    assert 'marker.feature = {type: "Feature", properties: {incident: r[3]}};' in script
    assert "var holder = L.featureGroup().addTo(map);" in script
    assert script.index("var holder") < script.index("draw();")
    assert "group.addTo(holder);" in script and "group.addTo(map)" not in script
    assert "r[4 + data.fields.indexOf(name)]" in script


def test_the_map_opens_at_a_position_or_fitted_without_animation(frame):
    payload = map_view.compact_markers(frame)
    fitted = map_view.build_map("incidents", payload, BOUNDS, tiles=None, js=[], css=[]).get_root().render()
    assert ".fitBounds([[46.48, 24.03], [50.45, 37.8]], {padding: [48, 48], maxZoom: 9, animate: false});" in fitted
    placed = map_view.build_map("incidents", payload, BOUNDS, tiles=None, js=[], css=[],
                                position=(35.7081, 36.8049, 12)).get_root().render()
    assert "fitBounds" not in placed
    assert re.search(r"center: \[35\.7081, 36\.8049\]", placed) and '"zoom": 12' in placed
    assert '"maxZoom": 19' in placed and '"minZoom": 2' in placed


def test_streamlit_folium_keeps_the_same_script_while_the_map_is_panned(frame):
    """The component's key is a hash of the script: the same contents and opening position give
    the same script, so reruns while the analyst pans never rebuild the map in the browser."""
    from streamlit_folium import _get_map_string, generate_js_hash

    def key(**kwargs):
        fmap = map_view.build_map("incidents", map_view.compact_markers(frame), BOUNDS, tiles=None, js=[], css=[],
                                  **kwargs)
        fmap.get_root().render()
        return generate_js_hash(_get_map_string(fmap), "incident_map_1")

    assert key() == key()
    assert key(position=(35.7, 36.8, 9)) == key(position=(35.7, 36.8, 9)) != key()


@pytest.mark.parametrize(("precision", "radius"), [(1, 13), (2, 13), (3, 26), (None, 13)])
def test_selected_ring(precision, radius):
    group = map_view.selected_ring(49.99, 36.23, precision)
    fmap = map_view.build_map("incidents", {"rows": [], "styles": [], "text": []}, None, tiles=None, js=[], css=[])
    group.add_to(fmap)
    page = fmap.get_root().render()
    assert f'"radius": {radius}' in page and '"className": "selected-incident"' in page
    assert "[49.99, 36.23]" in page
    assert "path.selected-incident{pointer-events:none!important}" in map_view.POPUP_CSS  # clicks reach the marker


@pytest.mark.parametrize(("lat", "lon"), [(None, 30.0), (float("nan"), 30.0), (91.0, 30.0), ("x", 1.0)])
def test_no_ring_without_coordinates(lat, lon):
    assert map_view.selected_ring(lat, lon, 1) is None


def test_details_panel_escapes_article_text(frame):
    """The panel is Markdown: every text from an article or link is escaped, so markup,
    links and code in it are shown as written (st.markdown never renders raw HTML either)."""
    text = map_view.details_markdown(_hostile_row(frame))
    assert "<" not in text.replace("\\<", "")  # every < escaped
    assert "](" not in text  # no link: the source URL is javascript:
    assert "\\<img src\\=x onerror\\=\\\"alert\\(1\\)\\\"\\>" in text
    assert "\\$\\{alert" in text and "\\`" in text
    assert "Known only to its province (Donetska)" in text
    assert "province or region" in text


def test_details_panel_shows_the_incident(frame):
    row = frame[frame["event_type"] == "Battles"].iloc[0].to_dict()
    text = map_view.details_markdown(row)
    for part in ("**Battles** · Armed clash · incident 1", "3 killed, 5 injured", "Kharkiv, Kharkivska, Ukraine",
                 "Military Forces of Ukraine vs Military Forces of Russia", "named place",
                 "[Clashes near Kharkiv](<https://news.example/kharkiv>)", "> Troops clashed near Kharkiv; three died\\.",
                 "2024\\-03\\-01", "**Confidence:** 0.90"):
        assert part in text, part
    unmapped = frame[frame["event_type"] == "Riots"].iloc[0].to_dict()
    assert "No coordinates" in map_view.details_markdown(unmapped)


def test_event_details_list_every_report_escaped():
    from dashboard_fixtures import HOSTILE_EVIDENCE, HOSTILE_TITLE, HOSTILE_URL

    from dashboard.map_view import event_details_markdown

    reports = [
        {"id": 7, "event_date": "2024-03-01", "date_precision": 1, "event_type": "Battles",
         "source_title": "Clashes near Kharkiv", "source_url": "https://news.example/kharkiv",
         "evidence": "Troops clashed.", "reason": "starts event 7", "decided_by": "auto"},
        {"id": 9, "event_date": "2024-03-02", "date_precision": 1, "event_type": "Battles",
         "source_title": HOSTILE_TITLE, "source_url": HOSTILE_URL, "evidence": HOSTILE_EVIDENCE,
         "reason": "joined event 7: same type family <b>x</b>", "decided_by": "auto"},
    ]
    record = dict(reports[0], location="Kharkiv", fatalities=2, evidence="Troops clashed. | " + HOSTILE_EVIDENCE)
    text = event_details_markdown(record, reports)
    assert "event 7" in text and "2 merged into this event, from 2 sources" in text
    assert "[Clashes near Kharkiv](<https://news.example/kharkiv>)" in text
    assert "javascript" not in text.replace("javascript\\:", "")  # no link made of a javascript: URL
    assert "<script>" not in text and "<b>" not in text  # markup escaped
    assert "joined event 7" in text and "incident 9" in text
    # an event of one report reads as that incident
    assert "Reports of this event" not in event_details_markdown(reports[0], reports[:1])
