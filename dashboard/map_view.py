"""The incident map: a Folium map with one small builder per layer.

Text from articles and URLs reaches the browser only as plain strings inside a
base64 JSON payload that Leaflet reads, and is written into popups and tooltips
as text nodes (never parsed as HTML, never spliced into JavaScript source:
folium's own Popup/Tooltip put their HTML into JS template literals, where a
backtick or ``${`` in an article would run as code). The payloads are small:
texts shared by many markers are sent once, coordinates are rounded, and the
evidence sentence travels only for the newest markers (EVIDENCE_LIMIT).
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

from dashboard.data import mappable, md_escape, md_link, safe_link
from dashboard import view_state
from dashboard.view_state import MAX_ZOOM, MIN_ZOOM
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
# ... and one pictogram, drawn inside the marker (GLYPH_JS): crossed lines for fighting, a
# burst for explosions, a figure for violence against civilians, a flag for protests, a flame
# for riots, a diamond for strategic developments.
EVENT_TYPE_GLYPHS: dict[str, str] = {
    "Battles": "cross",
    "Explosions/Remote violence": "burst",
    "Violence against civilians": "figure",
    "Protests": "flag",
    "Riots": "flame",
    "Strategic developments": "diamond",
}

# Draws a glyph named in EVENT_TYPE_GLYPHS on a 2D canvas context, centred at (x, y), for a
# marker of radius r; shared by the markers (on Leaflet's canvas) and the legend's swatches.
GLYPH_JS = """
window.drawIncidentGlyph = window.drawIncidentGlyph || function (ctx, glyph, x, y, r, color) {
    var s = Math.min(r * 0.58, 6.5);
    ctx.save();
    ctx.strokeStyle = color; ctx.fillStyle = color; ctx.setLineDash([]); ctx.globalAlpha = 1;
    ctx.lineWidth = Math.max(1.3, s / 3); ctx.lineCap = "round"; ctx.lineJoin = "round";
    ctx.beginPath();
    if (glyph === "cross") {
        ctx.moveTo(x - s, y - s); ctx.lineTo(x + s, y + s); ctx.moveTo(x + s, y - s); ctx.lineTo(x - s, y + s);
        ctx.stroke();
    } else if (glyph === "burst") {
        for (var k = 0; k < 4; k++) {
            var a = k * Math.PI / 4, d = k % 2 ? s * 0.8 : s;
            ctx.moveTo(x - d * Math.cos(a), y - d * Math.sin(a)); ctx.lineTo(x + d * Math.cos(a), y + d * Math.sin(a));
        }
        ctx.stroke();
    } else if (glyph === "figure") {
        ctx.arc(x, y - s * 0.55, s * 0.38, 0, 2 * Math.PI); ctx.fill();
        ctx.beginPath(); ctx.moveTo(x - s * 0.7, y + s); ctx.lineTo(x, y - s * 0.1); ctx.lineTo(x + s * 0.7, y + s);
        ctx.closePath(); ctx.fill();
    } else if (glyph === "flag") {
        ctx.moveTo(x - s * 0.6, y + s); ctx.lineTo(x - s * 0.6, y - s); ctx.stroke();
        ctx.beginPath(); ctx.moveTo(x - s * 0.6, y - s); ctx.lineTo(x + s * 0.9, y - s * 0.45);
        ctx.lineTo(x - s * 0.6, y + s * 0.1); ctx.closePath(); ctx.fill();
    } else if (glyph === "flame") {
        ctx.moveTo(x, y - s * 1.05);
        ctx.quadraticCurveTo(x + s * 0.95, y + s * 0.1, x + s * 0.55, y + s * 0.8);
        ctx.quadraticCurveTo(x, y + s * 1.2, x - s * 0.55, y + s * 0.8);
        ctx.quadraticCurveTo(x - s * 0.95, y + s * 0.1, x, y - s * 1.05);
        ctx.fill();
    } else if (glyph === "diamond") {
        ctx.moveTo(x, y - s); ctx.lineTo(x + s * 0.8, y); ctx.lineTo(x, y + s); ctx.lineTo(x - s * 0.8, y);
        ctx.closePath(); ctx.fill();
    }
    ctx.restore();
};
"""

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

DEFAULT_CENTER = (15.0, 20.0)
DEFAULT_ZOOM = 2


# -- tiles -----------------------------------------------------------------------
CONFIG_TABLE = "dashboard"  # the [dashboard] table of .streamlit/config.toml: map_tiles, map_attribution


def dashboard_config(files: list[str] | None = None) -> dict[str, Any]:
    """The [dashboard] table of Streamlit's config files (~/.streamlit/config.toml, then the
    project's .streamlit/config.toml: later files win), {} when there is none. A file that
    does not parse is skipped here (Streamlit itself reports it)."""
    import tomllib

    if files is None:
        from streamlit import config as st_config

        files = st_config.get_config_files("config.toml")
    merged: dict[str, Any] = {}
    for name in files:
        try:
            with open(name, "rb") as handle:
                table = tomllib.load(handle).get(CONFIG_TABLE)
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if isinstance(table, dict):
            merged.update(table)
    return merged


def tiles_setting(environ: Mapping[str, str] = os.environ, config: Mapping[str, Any] | None = None) -> str | None:
    """The tile URL template: $MAP_TILES, else ``map_tiles`` in the [dashboard] table of
    .streamlit/config.toml, else OpenStreetMap; ``none`` means no tiles."""
    value = (environ.get("MAP_TILES") or "").strip()
    if not value:
        value = str((dashboard_config() if config is None else config).get("map_tiles") or "").strip()
    if not value:
        return OSM_TILES
    if value.lower() == "none":
        return None
    return value


def tiles_attribution(environ: Mapping[str, str] = os.environ, config: Mapping[str, Any] | None = None) -> str | None:
    """The tiles' credit line (plain text): $MAP_ATTRIBUTION, else ``map_attribution`` in the
    [dashboard] table; None lets tile_layer name OpenStreetMap or the tile server's host."""
    value = (environ.get("MAP_ATTRIBUTION") or "").strip()
    if not value:
        value = str((dashboard_config() if config is None else config).get("map_attribution") or "").strip()
    return value or None


def tile_layer(url: str | None, attribution: str | None = None) -> folium.TileLayer | None:
    """The base layer for a tile URL template, or None for no tiles. `attribution` is plain
    text (escaped); None credits OpenStreetMap, or names the tile server's host."""
    if url is None:
        return None
    if attribution is not None:
        attribution = escape(attribution)  # configured as plain text
    elif url == OSM_TILES:
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
    for "near / part of a region", a large translucent ring for province-only; each with
    its type's glyph (`glyph`, drawn in `glyphColor`: white on a solid dot, else the type's colour)."""
    color = EVENT_TYPE_COLORS.get(event_type, UNKNOWN_COLOR)
    glyph = {"glyph": EVENT_TYPE_GLYPHS[event_type]} if event_type in EVENT_TYPE_GLYPHS else {}
    if geo_precision == 3:
        return {"radius": 18, "color": color, "weight": 2, "dashArray": "5 4",
                "fillColor": color, "fillOpacity": 0.12, "opacity": 0.9, **glyph, "glyphColor": color}
    if geo_precision == 1:
        return {"radius": 8, "color": "#ffffff", "weight": 1.5,
                "fillColor": color, "fillOpacity": 0.9, "opacity": 1, **glyph, "glyphColor": "#ffffff"}
    return {"radius": 9, "color": color, "weight": 2, "dashArray": "3 3",
            "fillColor": color, "fillOpacity": 0.45, "opacity": 1, **glyph, "glyphColor": "#ffffff"}


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


def popup_fields(row: Mapping[str, Any]) -> dict[str, str | None]:
    """What one incident's popup says, as plain text (the browser writes it with
    textContent, so nothing in it is ever read as markup): type, sub-type, date,
    actors, casualties, place and precision, evidence, source title, link, publication date."""
    event_type = _text(row.get("event_type")) or "Unknown type"
    date = _text(row.get("event_date")) or "unknown date"
    date_precision = _int(row.get("date_precision"))
    if date_precision in (2, 3):
        date += f" (within the {DATE_PRECISION[date_precision]})"
    actors = " vs ".join(a for a in (_text(row.get("actor1")), _text(row.get("actor2"))) if a)
    url = safe_link(row.get("source_url"))
    title = _text(row.get("source_title"))
    return {
        "type": event_type,
        "sub": _text(row.get("sub_event_type")) or "",
        "date": date,
        "actors": actors or "not named",
        "casualties": _casualties(row),
        "place": _place(row),
        "precision": GEO_PRECISION.get(_int(row.get("geo_precision")), "precision unknown"),
        "evidence": _text(row.get("evidence")),
        "source": (title or url) if (title or url) else None,
        "url": url,
        "published": _text(row.get("published")),
    }


def details_markdown(row: Mapping[str, Any]) -> str:
    """The details panel of the selected incident, as Markdown for st.markdown: the popup's
    fields (`popup_fields`), every text from an article or a link escaped (data.md_escape),
    the source a link only when it is http(s). An incident known only to its province,
    or without coordinates, says so."""
    fields = popup_fields(row)
    incident_id = _int(row.get("id"))
    lines = [f"**{md_escape(fields['type'])}**" + (f" · {md_escape(fields['sub'])}" if fields["sub"] else "")
             + (f" · incident {incident_id}" if incident_id is not None else ""),
             f"- **Date:** {md_escape(fields['date'])}",
             f"- **Actors:** {md_escape(fields['actors'])}",
             f"- **Casualties:** {md_escape(fields['casualties'])}",
             f"- **Place:** {md_escape(fields['place'])} ({md_escape(fields['precision'])})"]
    precision = _int(row.get("geo_precision"))
    mapped = not mappable(pd.DataFrame([{"latitude": row.get("latitude"), "longitude": row.get("longitude")}])).empty
    if not mapped:
        lines.append("- *No coordinates: this incident is in the table, not on the map.*")
    elif precision == 3:
        province = _text(row.get("admin1")) or "its province"
        lines.append(f"- *Known only to its province ({md_escape(province)}): the map rings the province, "
                     "it does not mark a place in it.*")
    if fields["source"]:
        source = md_link(fields["source"], fields["url"])
        published = f" (published {md_escape(fields['published'])})" if fields["published"] else ""
        lines.append(f"- **Source:** {source}{published}")
    confidence = _text(row.get("confidence"))
    if confidence is not None:
        try:
            lines.append(f"- **Confidence:** {float(confidence):.2f}")
        except ValueError:
            pass
    if fields["evidence"]:
        lines.append("")
        lines.append(f"> {md_escape(fields['evidence'])}")
    return "\n".join(lines)


def event_details_markdown(record: Mapping[str, Any], reports: list[Mapping[str, Any]]) -> str:
    """The details panel of an event merged from several reports: its combined record
    (`Store.events_by_id`: best place and date, lowest counts) as `details_markdown` shows
    it, then how many sources, and each report (`Store.event_incidents`: date, source
    title as a link when http(s), evidence, and the merge decision's reason), all escaped.
    An event of one report is shown as that incident."""
    if len(reports) <= 1:
        return details_markdown(record)
    event_id = _int(record.get("id"))
    head = details_markdown(dict(record, id=None, evidence=None, source_title=None, source_url=None))
    first, _, rest = head.partition("\n")
    sources = {(_text(r.get("source_title")), safe_link(r.get("source_url"))) for r in reports}
    lines = [first + (f" · event {event_id}" if event_id is not None else ""), rest,
             f"- **Reports:** {len(reports)} merged into this event, from {len(sources)} "
             f"source{'' if len(sources) == 1 else 's'} (the place and date are the most precise any "
             "report gives, the counts the lowest)", "", "**Reports of this event**", ""]
    for number, report in enumerate(reports, 1):
        fields = popup_fields(report)
        source = md_link(fields["source"], fields["url"]) if fields["source"] else "no source title"
        lines.append(f"{number}. {md_escape(fields['date'])} · {source} · incident {_int(report.get('id'))}")
        if fields["evidence"]:
            lines.append(f"    > {md_escape(fields['evidence'])}")
        reason = _text(report.get("reason"))
        if reason:
            who = _text(report.get("decided_by"))
            lines.append(f"    *Why: {md_escape(reason)}" + (f" ({md_escape(who)})" if who else "") + "*")
    return "\n".join(lines)


def part_of_event_note(incident_id: int, event_id: int) -> str:
    """The details panel's line for a single report that was merged into another's event."""
    return (f"Incident {int(incident_id)} is one report of event {int(event_id)}, which merges several reports; "
            "show events (not every report) to see the event.")


COORD_DECIMALS = 4  # about 11 m: finer than any geocoded place
MAX_MARKERS = view_state.MAX_MARKERS  # single markers (incidents and clusters layers) drawn at most: the newest
EVIDENCE_LIMIT = 2_000  # popups carry the evidence sentence for at most this many (the newest) markers
AUTO_MARKER_LIMIT = MAX_MARKERS  # the automatic layer draws single incidents up to this many, a density grid above
# The fields of a marker row after lat, lon, style and incident id: indexes into the payload's `text` table (-1: none).
ROW_FIELDS = ("type", "sub", "date", "actors", "casualties", "place", "precision", "evidence", "source", "url",
              "published", "label")


def compact_markers(frame: pd.DataFrame, evidence_limit: int | None = None) -> dict[str, Any]:
    """The incidents as the incidents and clusters layers read them: a table of
    distinct marker styles, a table of distinct texts, and one short row per
    incident, ``[lat, lon, style index, incident id, text index per ROW_FIELDS...]``
    (the id is what a click on the marker sends back to the page), coordinates
    rounded to COORD_DECIMALS. The frame is taken as newest first: only its first
    `evidence_limit` rows carry their evidence (``evidence_left_out`` counts the rest).
    Province-wide rings come first, so dots are drawn above them."""
    styles: list[dict[str, Any]] = []
    style_index: dict[tuple[str, int | None], int] = {}
    texts: list[str] = []
    text_index: dict[str, int] = {}

    def ref(value: str | None) -> int:
        if value is None:
            return -1
        if value not in text_index:
            text_index[value] = len(texts)
            texts.append(value)
        return text_index[value]

    evidence_limit = EVIDENCE_LIMIT if evidence_limit is None else evidence_limit
    rows: list[tuple[int, list[Any]]] = []
    left_out = 0
    for number, row in enumerate(mappable(frame).to_dict("records")):
        precision = _int(row.get("geo_precision"))
        event_type = _text(row.get("event_type")) or ""
        key = (event_type, precision)
        if key not in style_index:
            style_index[key] = len(styles)
            styles.append(marker_style(event_type, precision))
        fields = popup_fields(row) | {"label": _text(row.get("location")) or _text(row.get("admin1"))}
        if number >= evidence_limit and fields["evidence"] is not None:
            fields["evidence"] = None
            left_out += 1
        rows.append((-(precision or 2), [round(float(row["latitude"]), COORD_DECIMALS),
                                         round(float(row["longitude"]), COORD_DECIMALS),
                                         style_index[key], _int(row.get("id")),
                                         *(ref(fields[name]) for name in ROW_FIELDS)]))
    rows.sort(key=lambda item: item[0])
    return {"styles": styles, "colors": {**EVENT_TYPE_COLORS}, "unknownColor": UNKNOWN_COLOR, "text": texts,
            "rows": [r for _, r in rows], "evidenceLimit": evidence_limit, "evidenceLeftOut": left_out}


def row_fields(payload: Mapping[str, Any], row: list[Any]) -> dict[str, str | None]:
    """A marker row of a `compact_markers` payload read back as its texts (for tests and checks)."""
    texts = payload["text"]
    return {name: (texts[i] if i >= 0 else None) for name, i in zip(ROW_FIELDS, row[ROW_TEXTS_AT:])}


ROW_ID_AT = 3  # where a marker row holds the incident id
ROW_TEXTS_AT = 4  # where its text indexes start


def density_cells(size: float, cells: pd.DataFrame) -> dict[str, Any]:
    """The density layer's payload: grid cells ``[south, west, north, east, incidents]``."""
    rows = [[round(float(a), COORD_DECIMALS), round(float(b), COORD_DECIMALS), round(float(c), COORD_DECIMALS),
             round(float(d), COORD_DECIMALS), int(n)]
            for a, b, c, d, n in cells[["south", "west", "north", "east", "incidents"]].itertuples(index=False)]
    return {"size": size, "max": max((r[4] for r in rows), default=0), "cells": rows}


def heat_points(size: float, cells: pd.DataFrame) -> dict[str, Any]:
    """The heat map's payload: one weighted point ``[lat, lon, incidents]`` per non-empty cell
    of a fine grid (its centre), and the cell size in degrees (the heat's radius follows it)."""
    half = size / 2
    points = [[round(float(south) + half, COORD_DECIMALS), round(float(west) + half, COORD_DECIMALS), int(n)]
              for south, west, n in cells[["south", "west", "incidents"]].itertuples(index=False)]
    return {"size": size, "max": max((p[2] for p in points), default=0), "points": points}


def province_circles(counts: pd.DataFrame) -> dict[str, Any]:
    """The provinces layer's payload: ``[lat, lon, incidents, tooltip text]`` per (country, admin1)
    (see dashboard.query.province_counts); the text is plain, written with textContent."""
    rows = []
    for country, admin1, incidents, fatalities, lat, lon in counts[
            ["country", "admin1", "incidents", "fatalities", "latitude", "longitude"]].itertuples(index=False):
        name = ", ".join(p for p in (admin1, country) if p)
        label = f"{name}: {incidents} incident{'' if incidents == 1 else 's'}, {fatalities} killed"
        rows.append([round(float(lat), COORD_DECIMALS), round(float(lon), COORD_DECIMALS), int(incidents), label])
    return {"max": max((r[2] for r in rows), default=0), "provinces": rows}


def auto_layer(layer: str, mapped: int, limit: int | None = None) -> str:
    """The layer drawn for the view's `layer`: ``auto`` is single incidents up to `limit`
    (AUTO_MARKER_LIMIT), else density."""
    if layer != "auto":
        return layer
    return "incidents" if mapped <= (AUTO_MARKER_LIMIT if limit is None else limit) else "density"


def layer_note(layer: str, mapped: int, limit: int | None = None, *, drawn: str | None = None,
               evidence_limit: int | None = None) -> str | None:
    """The caption under the map when a layer shows less than everything, or was chosen
    automatically (None when it shows all as asked). `limit`: MAX_MARKERS, `evidence_limit`:
    EVIDENCE_LIMIT."""
    limit = MAX_MARKERS if limit is None else limit
    evidence_limit = EVIDENCE_LIMIT if evidence_limit is None else evidence_limit
    drawn = drawn or auto_layer(layer, mapped)
    notes = []
    if layer == "auto" and drawn == "density":
        notes.append(f"{mapped:,} incidents in view: drawn as a density grid, which keeps the page fast. "
                     "Choose the incidents or clusters layer to see single incidents, or narrow the filters.")
    if drawn in ("incidents", "clusters") and mapped > limit:
        notes.append(f"{mapped:,} incidents in view: the map draws only the {limit:,} newest as single markers, "
                     "to keep the browser responsive. Choose the density layer to see them all, "
                     "or narrow the filters.")
    if drawn in ("incidents", "clusters") and mapped > evidence_limit:
        notes.append(f"Popups quote the evidence of the {evidence_limit:,} newest incidents drawn; "
                     "the table and the CSV download have it for every incident.")
    return " ".join(notes) or None


# -- layers ------------------------------------------------------------------------
def _payload(value: Any) -> str:
    """JSON as base64: no character of it can end a string or a script."""
    return base64.b64encode(json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")).decode("ascii")


POPUP_CSS = (".incident-popup{font-size:12px;line-height:1.35}.incident-popup .ip-t{font-weight:600}"
             ".incident-popup .ip-s{margin-bottom:4px}.incident-popup .ip-n{margin:6px 0;color:#666}.incident-popup blockquote{margin:6px 0;padding-left:6px;"
             "border-left:3px solid #ccc;font-style:italic}"
             "path.selected-incident{pointer-events:none!important}")


class DataLayer(MacroElement):
    """One of the map's data layers, drawn from a single base64 JSON payload.

    ``incidents``: one CircleMarker per incident on a canvas renderer (no DOM
    element per marker), with popups and tooltips made on demand from the
    payload's plain texts (as text nodes: nothing from an article is parsed as HTML); ``clusters``: the same markers in Leaflet.markercluster, loaded in
    chunks; ``heat``: weighted points on Leaflet.heat's canvas (loaded on demand);
    ``density``: grid cells as translucent rectangles; ``provinces``:
    one circle per province sized by its count. The map container gets
    ``data-layer`` and ``data-drawn`` (how many markers, cells or circles) when done.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    var bytes = Uint8Array.from(atob("{{ this.payload }}"), function (c) { return c.charCodeAt(0); });
    var data = JSON.parse(new TextDecoder("utf-8").decode(bytes));
    var mode = {{ this.mode_json }};
    var container = map.getContainer();
    if (!document.getElementById("incident-popup-css")) {
        var css = document.createElement("style");
        css.id = "incident-popup-css";
        css.textContent = {{ this.css_json }};
        document.head.appendChild(css);
    }
    var renderer = L.canvas({padding: 0.5, tolerance: 3});
    {{ this.glyph_js }}
    // a circle marker with its event type's glyph drawn inside (on the canvas: no element each)
    var IncidentMarker = L.CircleMarker.extend({
        _updatePath: function () {
            L.CircleMarker.prototype._updatePath.call(this);
            var ctx = this._renderer && this._renderer._ctx;
            if (ctx && this.options.glyph && this._point) {
                window.drawIncidentGlyph(ctx, this.options.glyph, this._point.x, this._point.y,
                                         this._radius, this.options.glyphColor);
            }
        }
    });
    var group = L.featureGroup(), drawn = 0;
    // on the map before the page's component hooks its clicks (the clusters layer draws later):
    // a click on a marker bubbles up to it with the marker as e.layer
    var holder = L.featureGroup().addTo(map);
    var plugin = mode === "clusters" && !L.markerClusterGroup ? {{ this.cluster_js_json }}
        : mode === "heat" && !L.heatLayer ? {{ this.heat_js_json }} : null;
    if (plugin) {
        // loaded here, after Leaflet: the frame's own script tags may run in any order
        var script = document.createElement("script");
        script.src = plugin;
        script.onload = draw;
        document.head.appendChild(script);
    } else {
        draw();
    }
    function draw() {
    function heatRadius() {
        // pixels a grid cell spans at this zoom (at the map's centre), kept between 12 and 40
        var size = data.size || 0.1, centre = map.getCenter();
        var a = map.latLngToContainerPoint(centre), b = map.latLngToContainerPoint([centre.lat, centre.lng + size]);
        return Math.max(12, Math.min(40, Math.abs(b.x - a.x) * 1.5));
    }
    function done() {
        container.setAttribute("data-layer", mode);
        container.setAttribute("data-drawn", String(drawn));
    }
    function el(tag, className, text) {
        // article text goes in as text nodes only: never parsed as markup
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined && text !== null) { node.appendChild(document.createTextNode(text)); }
        return node;
    }
    function field(r, name) {
        var i = r[{{ this.texts_at }} + data.fields.indexOf(name)];
        return i >= 0 ? data.text[i] : null;
    }
    function line(label, value, extra) {
        var div = el("div");
        div.appendChild(el("b", null, label + " "));
        div.appendChild(document.createTextNode(value));
        if (extra) { div.appendChild(document.createTextNode(" ")); div.appendChild(extra); }
        return div;
    }
    function popup(r) {
        var box = el("div", "incident-popup"), type = field(r, "type");
        var title = el("div", "ip-t", type);
        title.style.color = data.colors[type] || data.unknownColor;
        box.appendChild(title);
        box.appendChild(el("div", "ip-s", field(r, "sub")));
        box.appendChild(line("Date:", field(r, "date")));
        box.appendChild(line("Actors:", field(r, "actors")));
        box.appendChild(line("Casualties:", field(r, "casualties")));
        box.appendChild(line("Location:", field(r, "place"), el("i", null, "(" + field(r, "precision") + ")")));
        var evidence = field(r, "evidence");
        if (evidence !== null) {
            box.appendChild(el("blockquote", null, evidence));
        } else if (data.evidenceLeftOut) {
            box.appendChild(el("div", "ip-n", "Evidence: in the table and the CSV (popups quote it for the "
                + data.evidenceLimit.toLocaleString("en") + " newest incidents drawn)."));
        }
        var source = field(r, "source"), url = field(r, "url"), published = field(r, "published");
        if (source !== null) {
            var name = el("span", null, source);
            if (url !== null && /^https?:\/\//i.test(url)) {
                name = el("a", null, source);
                name.href = url; name.target = "_blank"; name.rel = "noopener noreferrer";
            }
            var div = line("Source:", "", name);
            if (published !== null) { div.appendChild(document.createTextNode(" (" + published + ")")); }
            box.appendChild(div);
        }
        return box;
    }
    if (mode === "incidents" || mode === "clusters") {
        var markers = data.rows.map(function (r, i) {
            var marker = new IncidentMarker([r[0], r[1]], L.extend({renderer: renderer, row: i}, data.styles[r[2]]));
            // what streamlit-folium returns for the last clicked layer (its GeoJSON): the incident id
            marker.feature = {type: "Feature", properties: {incident: r[{{ this.id_at }}]}};
            return marker;
        });
        if (mode === "clusters" && !isFinite(map.getMaxZoom())) {
            // markercluster needs a maximum zoom, which a map without tiles does not have
            map.setMaxZoom(18);
        }
        group = mode === "clusters"
            ? L.markerClusterGroup({chunkedLoading: true, chunkInterval: 100, showCoverageOnHover: false})
            : L.featureGroup();
        group.on("click", function (e) {
            var r = data.rows[e.layer.options.row];
            L.popup({maxWidth: 360}).setLatLng(e.layer.getLatLng()).setContent(popup(r)).openOn(map);
        });
        group.on("mouseover", function (e) {
            var layer = e.layer;
            if (!layer.getTooltip()) {
                var r = data.rows[layer.options.row];
                var label = [field(r, "date"), field(r, "sub") || field(r, "type"), field(r, "label")];
                layer.bindTooltip(el("span", null, label.filter(function (t) { return t; }).join(" \u00b7 ")));
                layer.openTooltip();
            }
        });
        if (mode === "clusters") {
            group.addLayers(markers);
        } else {
            markers.forEach(function (m) { group.addLayer(m); });
        }
        drawn = markers.length;
    } else if (mode === "heat") {
        // weighted points (cells of a fine grid) on Leaflet.heat's canvas; the radius follows the
        // zoom so a cell's heat covers about its own ground
        // weights on a log scale, as the density grid's shading: one busy city does not hide the rest
        var top = Math.log(data.max + 1) || 1;
        var points = data.points.map(function (p) { return [p[0], p[1], Math.log(p[2] + 1) / top]; });
        var heat = L.heatLayer(points, {max: 1, minOpacity: 0.3, blur: 15, radius: heatRadius()});
        map.on("zoomend", function () { heat.setOptions({radius: heatRadius()}); });
        group = L.featureGroup([heat]);
        drawn = data.points.length;
    } else if (mode === "density") {
        group = L.featureGroup();
        var top = Math.log(data.max + 1) || 1;
        data.cells.forEach(function (c) {
            var share = Math.log(c[4] + 1) / top;
            L.rectangle([[c[0], c[1]], [c[2], c[3]]], {
                renderer: renderer, stroke: false, fillColor: {{ this.color_json }}, fillOpacity: 0.12 + 0.68 * share
            }).bindTooltip(el("span", null, c[4] + (c[4] === 1 ? " incident" : " incidents"))).addTo(group);
        });
        drawn = data.cells.length;
    } else {
        group = L.featureGroup();
        var most = data.max || 1;
        data.provinces.forEach(function (p) {
            L.circleMarker([p[0], p[1]], {
                renderer: renderer, radius: 5 + 25 * Math.sqrt(p[2] / most), color: "#08306b", weight: 1,
                fillColor: {{ this.color_json }}, fillOpacity: 0.45
            }).bindTooltip(el("span", null, p[3])).addTo(group);
        });
        drawn = data.provinces.length;
    }
    group.addTo(holder);
    done();
    }
    return holder;
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, mode: str, payload: Mapping[str, Any], color: str = "#b2182b",
                 cluster_js: str = "/app/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
                 heat_js: str = "/app/static/vendor/leaflet.heat/leaflet-heat.js") -> None:
        super().__init__()
        self.cluster_js_json = json.dumps(cluster_js).replace("<", "\\u003c")
        self.heat_js_json = json.dumps(heat_js).replace("<", "\\u003c")
        self._name = "DataLayer"
        self.mode_json = json.dumps(mode)
        self.css_json = json.dumps(POPUP_CSS).replace("<", "\\u003c")
        self.color_json = json.dumps(color)
        self.id_at, self.texts_at = ROW_ID_AT, ROW_TEXTS_AT
        self.glyph_js = GLYPH_JS
        self.payload = _payload(dict(payload, fields=list(ROW_FIELDS)) if mode in ("incidents", "clusters")
                                else payload)


class Legend(MacroElement):
    """A small legend control: one colour and glyph per event type, and the precision shapes."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
    var bytes = Uint8Array.from(atob("{{ this.payload }}"), function (c) { return c.charCodeAt(0); });
    var spec = JSON.parse(new TextDecoder("utf-8").decode(bytes));
    {{ this.glyph_js }}
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
        var box = L.DomUtil.create("div", "incident-legend");
        box.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;"
            + "box-shadow:0 1px 4px rgba(0,0,0,0.3);font:12px/1.5 sans-serif;color:#222";
        function row(swatchCss, label, glyph) {
            var line = document.createElement("div");
            var swatch = document.createElement("span");
            swatch.style.cssText = "display:inline-block;width:12px;height:12px;margin-right:6px;"
                + "vertical-align:-2px;border-radius:50%;box-sizing:border-box;" + swatchCss;
            line.appendChild(glyph || swatch);
            line.appendChild(document.createTextNode(label));
            box.appendChild(line);
        }
        function typeSwatch(t) {
            // the marker itself: a dot of the type's colour with its glyph
            var size = 16, scale = window.devicePixelRatio || 1, canvas = document.createElement("canvas");
            canvas.width = canvas.height = size * scale;
            canvas.className = "legend-glyph";
            canvas.setAttribute("data-glyph", t.glyph || "");
            canvas.style.cssText = "width:" + size + "px;height:" + size + "px;margin-right:4px;vertical-align:-3px";
            var ctx = canvas.getContext("2d");
            ctx.scale(scale, scale);
            ctx.beginPath(); ctx.arc(size / 2, size / 2, 7.5, 0, 2 * Math.PI);
            ctx.fillStyle = t.color; ctx.fill();
            if (t.glyph) { window.drawIncidentGlyph(ctx, t.glyph, size / 2, size / 2, 7.5, "#ffffff"); }
            return canvas;
        }
        spec.types.forEach(function (t) { row("", t.label, typeSwatch(t)); });
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
        self.glyph_js = GLYPH_JS
        self.payload = _payload({
            "types": [{"label": name, "color": color, "glyph": EVENT_TYPE_GLYPHS.get(name)}
                      for name, color in colors.items()],
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


def build_map(
    layer: str,
    payload: Mapping[str, Any],
    bounds: list[list[float]] | None,
    *,
    tiles: str | None = OSM_TILES,
    tiles_credit: str | None = None,
    js: list[tuple[str, str]] | None = None,
    css: list[tuple[str, str]] | None = None,
    borders_url: str | None = None,
    borders_attribution: str = "",
    cluster_js: str = "/app/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
    heat_js: str = "/app/static/vendor/leaflet.heat/leaflet-heat.js",
    position: tuple[float, float, int] | None = None,
) -> folium.Map:
    """The incident map: `layer` (incidents, clusters, heat, density or provinces) drawn from
    its `payload` (compact_markers, heat_points, density_cells or province_circles), fitted to
    `bounds` (``[[south, west], [north, east]]`` of the incidents in view, or None),
    or opened at `position` (lat, lon, zoom: a link's map position) when given.

    `js`/`css` replace folium's CDN defaults (see dashboard.assets.map_js_css;
    the clusters layer also needs Leaflet.markercluster, at `cluster_js`, and the heat layer
    Leaflet.heat, at `heat_js`). `borders_url` is the local URL of
    the country borders file (dashboard.borders); None draws no borders.
    """
    if position is not None:
        center, zoom = (position[0], position[1]), int(position[2])
    elif bounds is None:
        center, zoom = DEFAULT_CENTER, DEFAULT_ZOOM
    else:
        center = ((bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2)
        zoom = 6
    fmap = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True, world_copy_jump=True)
    # the map's own limits (folium gives min_zoom/max_zoom to its tile layer only): the URL's zoom
    # (view_state.MIN_ZOOM..MAX_ZOOM) is then always a zoom the map can show, tiles or not
    fmap.options.update(minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM)
    if js is not None:
        fmap.default_js = list(js)
    if css is not None:
        fmap.default_css = list(css)
    base = tile_layer(tiles, tiles_credit)
    if base is not None:
        base.add_to(fmap)
    if borders_url:
        BorderLayer(borders_url, borders_attribution).add_to(fmap)
    DataLayer(layer, payload, cluster_js=cluster_js, heat_js=heat_js).add_to(fmap)
    if layer in ("incidents", "clusters"):
        Legend().add_to(fmap)
    if bounds is not None and position is None:
        FitView(bounds).add_to(fmap)
    return fmap


class FitView(MacroElement):
    """Fit the map to `bounds` at once, not animated (folium's fit_bounds pans there in a
    quarter second): the map's first report to the page is then where it opened, which
    the page tells apart from where the analyst moves it (view_state.read_map_report)."""

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.fitBounds({{ this.bounds_json }}, {padding: [48, 48], maxZoom: 9, animate: false});
{% endmacro %}
""")

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()
        self._name = "FitView"
        self.bounds_json = json.dumps([[float(v) for v in corner] for corner in bounds], allow_nan=False)


SELECTED_CLASS = "selected-incident"  # the class of the ring around the selected incident


def selected_ring(latitude: Any, longitude: Any, geo_precision: Any = None) -> folium.FeatureGroup | None:
    """A ring around the selected incident, for st_folium's `feature_group_to_add` (added to
    the drawn map without rebuilding it, so the analyst's pan and zoom stay). Not clickable:
    clicks reach the marker under it. None when the incident has no usable coordinates."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also false for NaN
        return None
    radius = 26 if _int(geo_precision) == 3 else 13  # around a province ring, or around a dot
    group = folium.FeatureGroup(name="Selected incident", control=False)
    folium.CircleMarker(
        location=(round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS)), radius=radius, color="#111111",
        weight=3, opacity=0.95, fill=False, dash_array=None, class_name=SELECTED_CLASS, interactive=False,
    ).add_to(group)
    return group
