"""The incident map: a Folium map with one small builder per layer.

Text from articles and URLs reaches the browser only html-escaped, inside a
base64 JSON payload that Leaflet reads (never spliced into JavaScript source:
folium's own Popup/Tooltip put their HTML into JS template literals, where a
backtick or ``${`` in an article would run as code).
"""
from __future__ import annotations

import base64
import json
import os
from html import escape
from typing import Any, Mapping
from urllib.parse import urlsplit

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from dashboard.data import mappable, safe_link
from incidents.record import DATE_PRECISION, GEO_PRECISION

# One colour per ACLED event type (Okabe-Ito based, readable for most colour vision).
EVENT_TYPE_COLORS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#7B3294",
    "Violence against civilians": "#E69F00",
    "Protests": "#0072B2",
    "Riots": "#56B4E9",
    "Strategic developments": "#009E73",
}
UNKNOWN_COLOR = "#777777"

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

DEFAULT_CENTER = (15.0, 20.0)
DEFAULT_ZOOM = 2


# -- tiles -----------------------------------------------------------------------
def tiles_setting(environ: Mapping[str, str] = os.environ) -> str | None:
    """The tile URL template from $MAP_TILES: unset -> OpenStreetMap, ``none`` -> no tiles."""
    value = (environ.get("MAP_TILES") or "").strip()
    if not value:
        return OSM_TILES
    if value.lower() == "none":
        return None
    return value


def tile_layer(url: str | None, attribution: str | None = None) -> folium.TileLayer | None:
    """The base layer for a tile URL template, or None for no tiles."""
    if url is None:
        return None
    if attribution is None:
        if url == OSM_TILES:
            attribution = OSM_ATTRIBUTION
        else:
            attribution = "Map tiles: " + escape(urlsplit(url).netloc or url)
    return folium.TileLayer(tiles=url, attr=attribution, name="Base map", max_zoom=19)


# -- one incident's marker -------------------------------------------------------
def _text(value: Any) -> str | None:
    """A display string, or None for missing values (None, NaN, NA, blank)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def marker_style(event_type: str, geo_precision: int | None) -> dict[str, Any]:
    """Leaflet CircleMarker options: a solid dot for a named place, a dashed dot
    for "near / part of a region", a large translucent ring for province-only."""
    color = EVENT_TYPE_COLORS.get(event_type, UNKNOWN_COLOR)
    if geo_precision == 3:
        return {"radius": 18, "color": color, "weight": 2, "dashArray": "5 4",
                "fillColor": color, "fillOpacity": 0.12, "opacity": 0.9}
    if geo_precision == 1:
        return {"radius": 7, "color": "#ffffff", "weight": 1.5,
                "fillColor": color, "fillOpacity": 0.9, "opacity": 1}
    return {"radius": 8, "color": color, "weight": 2, "dashArray": "3 3",
            "fillColor": color, "fillOpacity": 0.45, "opacity": 1}


def _place(row: Mapping[str, Any]) -> str:
    parts = [_text(row.get(k)) for k in ("location", "admin1", "country")]
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return ", ".join(seen) or "unknown place"


def _casualties(row: Mapping[str, Any]) -> str:
    fatalities, injuries = _int(row.get("fatalities")), _int(row.get("injuries"))
    killed = "fatalities not reported" if fatalities is None else f"{fatalities} killed"
    hurt = "injuries not reported" if injuries is None else f"{injuries} injured"
    return f"{killed}, {hurt}"


def popup_html(row: Mapping[str, Any]) -> str:
    """The popup of one incident; every value from the article or its URL escaped."""
    event_type = _text(row.get("event_type")) or "Unknown type"
    sub_type = _text(row.get("sub_event_type")) or ""
    color = EVENT_TYPE_COLORS.get(event_type, UNKNOWN_COLOR)
    date = _text(row.get("event_date")) or "unknown date"
    date_precision = _int(row.get("date_precision"))
    if date_precision in (2, 3):
        date += f" (within the {DATE_PRECISION[date_precision]})"
    actors = " vs ".join(a for a in (_text(row.get("actor1")), _text(row.get("actor2"))) if a)
    geo_precision = _int(row.get("geo_precision"))
    precision = GEO_PRECISION.get(geo_precision, "precision unknown")
    evidence = _text(row.get("evidence"))
    url = safe_link(row.get("source_url"))
    title = _text(row.get("source_title"))
    published = _text(row.get("published"))

    lines = [
        f'<div style="font-weight:600;color:{color}">{escape(event_type)}</div>',
        f'<div style="margin-bottom:4px">{escape(sub_type)}</div>',
        f"<div><b>Date:</b> {escape(date)}</div>",
        f"<div><b>Actors:</b> {escape(actors or 'not named')}</div>",
        f"<div><b>Casualties:</b> {escape(_casualties(row))}</div>",
        f"<div><b>Location:</b> {escape(_place(row))} <i>({escape(precision)})</i></div>",
    ]
    if evidence:
        lines.append(
            '<blockquote style="margin:6px 0;padding-left:6px;border-left:3px solid #ccc;'
            f'font-style:italic">{escape(evidence)}</blockquote>'
        )
    source = escape(title or (url or "source"))
    if url:
        source = f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{source}</a>'
    if title or url:
        when = f" ({escape(published)})" if published else ""
        lines.append(f"<div><b>Source:</b> {source}{when}</div>")
    return '<div class="incident-popup" style="font-size:12px;line-height:1.35">' + "".join(lines) + "</div>"


def tooltip_html(row: Mapping[str, Any]) -> str:
    """A one-line hover label, escaped."""
    parts = [_text(row.get("event_date")), _text(row.get("sub_event_type")) or _text(row.get("event_type")),
             _text(row.get("location")) or _text(row.get("admin1"))]
    return escape(" · ".join(p for p in parts if p))


def marker_features(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One entry per mappable incident: position, style, popup and tooltip HTML.

    Province-wide rings come first so the precise dots are drawn on top of them.
    """
    features = []
    for row in mappable(frame).to_dict("records"):
        precision = _int(row.get("geo_precision"))
        features.append({
            "id": _int(row.get("id")),
            "lat": float(row["latitude"]),
            "lon": float(row["longitude"]),
            "precision": precision,
            "style": marker_style(_text(row.get("event_type")) or "", precision),
            "popup": popup_html(row),
            "tooltip": tooltip_html(row),
        })
    features.sort(key=lambda f: -(f["precision"] or 2))
    return features


# -- layers ------------------------------------------------------------------------
def _payload(value: Any) -> str:
    """JSON as base64: no character of it can end a string or a script."""
    return base64.b64encode(json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")).decode("ascii")


class IncidentLayer(MacroElement):
    """All incidents as Leaflet CircleMarkers in one feature group."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var bytes = Uint8Array.from(atob("{{ this.payload }}"), function (c) { return c.charCodeAt(0); });
    var features = JSON.parse(new TextDecoder("utf-8").decode(bytes));
    var group = L.featureGroup();
    features.forEach(function (f) {
        var marker = L.circleMarker([f.lat, f.lon], f.style);
        marker.bindPopup(f.popup, {maxWidth: 360});
        marker.bindTooltip(f.tooltip);
        group.addLayer(marker);
    });
    group.addTo(map);
    return group;
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, features: list[dict[str, Any]]) -> None:
        super().__init__()
        self._name = "IncidentLayer"
        self.payload = _payload(features)


class Legend(MacroElement):
    """A small legend control: one colour per event type, and the precision shapes."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
    var bytes = Uint8Array.from(atob("{{ this.payload }}"), function (c) { return c.charCodeAt(0); });
    var spec = JSON.parse(new TextDecoder("utf-8").decode(bytes));
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
        var box = L.DomUtil.create("div", "incident-legend");
        box.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;"
            + "box-shadow:0 1px 4px rgba(0,0,0,0.3);font:12px/1.5 sans-serif;color:#222";
        function row(swatchCss, label) {
            var line = document.createElement("div");
            var swatch = document.createElement("span");
            swatch.style.cssText = "display:inline-block;width:12px;height:12px;margin-right:6px;"
                + "vertical-align:-2px;border-radius:50%;box-sizing:border-box;" + swatchCss;
            line.appendChild(swatch);
            line.appendChild(document.createTextNode(label));
            box.appendChild(line);
        }
        spec.types.forEach(function (t) { row("background:" + t.color, t.label); });
        spec.shapes.forEach(function (s) { row(s.css, s.label); });
        L.DomEvent.disableClickPropagation(box);
        return box;
    };
    legend.addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, colors: Mapping[str, str] = EVENT_TYPE_COLORS) -> None:
        super().__init__()
        self._name = "Legend"
        self.payload = _payload({
            "types": [{"label": name, "color": color} for name, color in colors.items()],
            "shapes": [
                {"label": "named place", "css": "background:#555;border:1.5px solid #fff;box-shadow:0 0 0 1px #555"},
                {"label": "near a place / in a region", "css": "background:rgba(85,85,85,0.45);border:2px dashed #555"},
                {"label": "province only", "css": "width:16px;height:16px;background:rgba(85,85,85,0.12);border:2px dashed #555"},
            ],
        })


# Border styles: grey on white when there are no tiles (or none load), faint lines over tiles.
BORDER_STYLE_OFFLINE: dict[str, Any] = {"color": "#9e9e9e", "weight": 0.8, "opacity": 1,
                                        "fill": True, "fillColor": "#f1f1ef", "fillOpacity": 1}
BORDER_STYLE_OVER_TILES: dict[str, Any] = {"color": "#555555", "weight": 0.7, "opacity": 0.35, "fill": False}
OFFLINE_BACKGROUND = "#ffffff"
BORDER_CLASS = "country-border"  # the class of each border's SVG path
BORDER_PANE_Z_INDEX = 250  # above tiles (200), under the markers' overlay pane (400)


class BorderLayer(MacroElement):
    """Country outlines fetched from a local URL (see dashboard.borders), under the markers.

    With no tile layer the map gets a white background and light grey land; over
    tiles the outlines are faint, and turn into the offline look when tiles fail
    to load before any has loaded (no network). The file is fetched once per map
    frame; if it cannot be, the map simply has no borders.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
    var spec = {{ this.spec }};
    var pane = map.getPane("countryBorders") || map.createPane("countryBorders");
    pane.style.zIndex = spec.zIndex;
    pane.style.pointerEvents = "none";
    var tiles = [];
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) { tiles.push(layer); } });
    var offline = tiles.length === 0;
    function look() {
        map.getContainer().style.background = offline ? spec.background : "";
        return L.extend({}, offline ? spec.offline : spec.overTiles,
                        {pane: "countryBorders", interactive: false, className: spec.className});
    }
    look();
    var group = L.layerGroup();
    var loaded = 0;
    tiles.forEach(function (layer) {
        layer.on("tileload", function () {
            loaded += 1;
            if (offline) { offline = false; group.eachLayer(function (p) { p.setStyle(look()); }); }
        });
        layer.on("tileerror", function () {
            if (!offline && loaded === 0) { offline = true; group.eachLayer(function (p) { p.setStyle(look()); }); }
        });
    });
    var cache = window.__countryBorders = window.__countryBorders || {};
    var request = cache[spec.url] = cache[spec.url] || fetch(spec.url).then(function (response) {
        if (!response.ok) { throw new Error("borders: HTTP " + response.status); }
        return response.json();
    });
    request.then(function (data) {
        var style = look();
        function ring(flat) {
            var points = [], x = 0, y = 0;
            for (var i = 0; i + 1 < flat.length; i += 2) {
                x += flat[i]; y += flat[i + 1];
                points.push([y / data.scale, x / data.scale]);
            }
            return points;
        }
        data.countries.forEach(function (country) {
            group.addLayer(L.polygon(country.polygons.map(function (polygon) { return polygon.map(ring); }), style));
        });
        group.addTo(map);
        if (map.attributionControl) { map.attributionControl.addAttribution(spec.attribution); }
    }).catch(function (err) {
        delete cache[spec.url];
        if (window.console) { console.warn("Country borders not drawn:", err); }
    });
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, url: str, attribution: str = "") -> None:
        super().__init__()
        self._name = "BorderLayer"
        self.spec = json.dumps({
            "url": url,
            "attribution": attribution,
            "offline": BORDER_STYLE_OFFLINE,
            "overTiles": BORDER_STYLE_OVER_TILES,
            "background": OFFLINE_BACKGROUND,
            "className": BORDER_CLASS,
            "zIndex": BORDER_PANE_Z_INDEX,
        }).replace("<", "\\u003c")  # constants of ours, but never able to close the script


def _bounds(features: list[dict[str, Any]]) -> list[list[float]] | None:
    if not features:
        return None
    lats = [f["lat"] for f in features]
    lons = [f["lon"] for f in features]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def build_map(
    frame: pd.DataFrame,
    *,
    tiles: str | None = OSM_TILES,
    js: list[tuple[str, str]] | None = None,
    css: list[tuple[str, str]] | None = None,
    borders_url: str | None = None,
    borders_attribution: str = "",
) -> folium.Map:
    """The incident map for a (filtered) frame.

    `js`/`css` replace folium's CDN defaults (see dashboard.assets.map_js_css);
    the map uses nothing but Leaflet itself. `borders_url` is the local URL of
    the country borders file (dashboard.borders); None draws no borders.
    """
    features = marker_features(frame)
    bounds = _bounds(features)
    if bounds is None:
        center, zoom = DEFAULT_CENTER, DEFAULT_ZOOM
    else:
        center = ((bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2)
        zoom = 6
    fmap = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                      min_zoom=2, world_copy_jump=True)
    if js is not None:
        fmap.default_js = list(js)
    if css is not None:
        fmap.default_css = list(css)
    base = tile_layer(tiles)
    if base is not None:
        base.add_to(fmap)
    if borders_url:
        BorderLayer(borders_url, borders_attribution).add_to(fmap)
    IncidentLayer(features).add_to(fmap)
    Legend().add_to(fmap)
    if bounds is not None:
        fmap.fit_bounds(bounds, padding=(48, 48), max_zoom=9)
    return fmap
