"""The dashboard's filters and their URL form: a public contract.

A view is shared as a link, so its query parameters are stable:

* ``start``, ``end`` -- ISO dates (``YYYY-MM-DD``), both inclusive;
* ``types`` -- comma-separated ACLED event types, e.g.
  ``types=Battles,Explosions/Remote violence``;
* ``subs`` -- comma-separated ACLED sub-event types, of the selected types only;
* ``actors`` -- comma-separated actor names, matching actor1 or actor2;
* ``country`` -- comma-separated ISO 3166-1 alpha-2 codes, e.g. ``country=UA,SY``;
* ``admin1`` -- comma-separated provinces (first-level divisions);
* ``min_fatalities`` -- an integer, 0 or more;
* ``min_confidence`` -- a number from 0 to 1;
* ``q`` -- free text, found case-insensitively as a plain substring of the
  evidence or the source title (never read as a pattern);
* ``layer`` -- how the map draws them: ``auto`` (the default: single incidents
  when there are few enough, else a density grid), ``incidents``, ``clusters``,
  ``density`` or ``provinces``;
* ``lat``, ``lon``, ``zoom`` -- where the map looks: its centre (degrees, -90..90
  and -180..180) and zoom level (a whole number, MIN_ZOOM..MAX_ZOOM), always the
  three together. Without them the map fits the incidents in view; once the
  analyst pans or zooms, the URL follows (coordinates rounded to about a pixel:
  more decimals the closer the zoom, see `coordinate_decimals`);
* ``incident`` -- the id of the selected incident (a whole number), shown in the
  details panel and ringed on the map. It is looked up in the whole store, so a
  link keeps showing it even when it lies outside the link's filters. When events
  are shown, an incident merged into another's event opens that event;
* ``reports`` -- ``events`` (the default: the reports of one event, merged by
  incidents/merge.py, count and show once) or ``all`` (every report on its own).

A missing parameter means the default: from the first / to the last stored
incident, all event types, no other restriction. Defaults are left out of the
URL. Anything that cannot be read is ignored and reported as a notice, never
raised. Names in a list cannot contain a comma.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import quote, urlencode

from incidents.record import EVENT_TYPES, SUB_EVENT_TO_TYPE

KNOWN_PARAMS = ("start", "end", "types", "subs", "actors", "country", "admin1",
                "min_fatalities", "min_confidence", "q", "layer", "lat", "lon", "zoom", "incident", "reports")
MAP_PARAMS = ("lat", "lon", "zoom")
MIN_ZOOM = 2  # the map's limits (dashboard.map_view builds the map with them)
MAX_ZOOM = 19
# The map's layers, in the order the sidebar offers them; the first is the default.
LAYERS = ("auto", "incidents", "clusters", "heat", "density", "provinces")
DEFAULT_LAYER = LAYERS[0]
MAX_MARKERS = 5_000  # single markers (incidents and clusters layers) drawn at most: the newest; also where ``auto`` switches to the density grid (dashboard.map_view)
# What one row is: an event (its merged reports once; the default) or each report on its own.
REPORTS = ("events", "all")
DEFAULT_REPORTS = REPORTS[0]
_TYPE_BY_KEY = {name.casefold(): name for name in EVENT_TYPES}
_SUB_BY_KEY = {name.casefold(): name for name in SUB_EVENT_TO_TYPE}
ALL_SUBS = tuple(SUB_EVENT_TO_TYPE)  # in EVENT_TYPES order
_ISO2 = re.compile(r"[A-Za-z]{2}")
MAX_QUERY_LENGTH = 200
MAX_FATALITIES = 1_000_000


@dataclass(frozen=True)
class ViewState:
    """What the analyst is looking at. ``None`` / empty means the default."""

    start: dt.date | None = None
    end: dt.date | None = None
    types: tuple[str, ...] = ()  # ACLED event types in EVENT_TYPES order; () = all
    subs: tuple[str, ...] = ()  # ACLED sub-event types in EVENT_TYPES order; () = all
    actors: tuple[str, ...] = ()  # actor1 or actor2 is one of these; () = any
    countries: tuple[str, ...] = ()  # ISO alpha-2 codes, upper case, sorted; () = all
    admin1: tuple[str, ...] = ()  # provinces; () = all
    min_fatalities: int = 0
    min_confidence: float = 0.0
    q: str = ""  # a plain substring of evidence or source title; "" = no search
    layer: str = DEFAULT_LAYER  # one of LAYERS: how the map draws the incidents
    lat: float | None = None  # the map's centre and zoom: all three or none (None: fit the incidents)
    lon: float | None = None
    zoom: int | None = None
    incident: int | None = None  # the selected incident's id
    reports: str = DEFAULT_REPORTS  # one of REPORTS: one row per event, or every report

    @property
    def events(self) -> bool:
        """Whether rows are events (merged reports counted once) rather than single reports."""
        return self.reports != "all"

    @property
    def map_view(self) -> tuple[float, float, int] | None:
        """``(lat, lon, zoom)`` when the view places the map, else None."""
        if self.lat is None or self.lon is None or self.zoom is None:
            return None
        return self.lat, self.lon, self.zoom


def _values(raw: str | Sequence[str] | None) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(item) for item in raw]


def _parse_date(name: str, raw: str | Sequence[str] | None, notices: list[str]) -> dt.date | None:
    values = [v.strip() for v in _values(raw)]
    values = [v for v in values if v]
    if not values:
        return None
    if len(set(values)) > 1:
        notices.append(f"The link gives `{name}` more than once; using the last value, {values[-1]!r}.")
    text = values[-1]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        notices.append(f"Ignored `{name}={text}`: not a date of the form YYYY-MM-DD.")
        return None


def ordered_types(types: Iterable[str]) -> tuple[str, ...]:
    """Known ACLED event types, deduplicated, in EVENT_TYPES order."""
    wanted = set(types)
    return tuple(name for name in EVENT_TYPES if name in wanted)


def _parse_types(raw: str | Sequence[str] | None, notices: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    unknown: list[str] = []
    for value in _values(raw):
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            name = _TYPE_BY_KEY.get(part.casefold())
            if name is None:
                unknown.append(part)
            else:
                found.append(name)
    if unknown:
        listed = ", ".join(repr(u) for u in unknown)
        notices.append(f"Ignored unknown event type(s) in `types`: {listed}.")
    types = ordered_types(found)
    return () if len(types) == len(EVENT_TYPES) else types


def _split(raw: str | Sequence[str] | None) -> list[str]:
    """The non-blank comma-separated parts of every value, stripped."""
    return [part.strip() for value in _values(raw) for part in value.split(",") if part.strip()]


def _last(name: str, raw: str | Sequence[str] | None, notices: list[str]) -> str | None:
    values = [v.strip() for v in _values(raw)]
    values = [v for v in values if v]
    if not values:
        return None
    if len(set(values)) > 1:
        notices.append(f"The link gives `{name}` more than once; using the last value, {values[-1]!r}.")
    return values[-1]


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())


def ordered_subs(subs: Iterable[str]) -> tuple[str, ...]:
    """Known ACLED sub-event types, deduplicated, in EVENT_TYPES order."""
    wanted = set(subs)
    return tuple(name for name in ALL_SUBS if name in wanted)


def subs_of(types: Iterable[str]) -> tuple[str, ...]:
    """The sub-event types offered for the selected event types (all when none is selected)."""
    chosen = set(types)
    return tuple(sub for sub in ALL_SUBS if not chosen or SUB_EVENT_TO_TYPE[sub] in chosen)


def _parse_subs(raw, types: tuple[str, ...], notices: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    unknown: list[str] = []
    for part in _split(raw):
        name = _SUB_BY_KEY.get(part.casefold())
        if name is None:
            unknown.append(part)
        else:
            found.append(name)
    if unknown:
        notices.append("Ignored unknown sub-event type(s) in `subs`: " + ", ".join(map(repr, unknown)) + ".")
    offered = set(subs_of(types))
    other = [sub for sub in ordered_subs(found) if sub not in offered]
    if other:
        notices.append("Ignored sub-event type(s) in `subs` that are not of the selected event types: "
                       + ", ".join(map(repr, other)) + ".")
    return ordered_subs(sub for sub in found if sub in offered)


def _parse_countries(raw, notices: list[str]) -> tuple[str, ...]:
    good: list[str] = []
    bad: list[str] = []
    for part in _split(raw):
        (good if _ISO2.fullmatch(part) else bad).append(part)
    if bad:
        notices.append("Ignored `country` value(s) that are not two-letter ISO codes: "
                       + ", ".join(map(repr, bad)) + ".")
    return tuple(sorted({code.upper() for code in good}))


def _parse_bounded(name: str, raw, notices: list[str], convert, low, high, kind: str, bounds: str):
    """A number parameter within [low, high]; anything else is ignored with a notice (and gives `low`)."""
    text = _last(name, raw, notices)
    if text is None:
        return low
    try:
        value = convert(text)
    except ValueError:
        notices.append(f"Ignored `{name}={text}`: not {kind}.")
        return low
    if not math.isfinite(value) or not low <= value <= high:
        notices.append(f"Ignored `{name}={text}`: it must be {bounds}.")
        return low
    return value


def _parse_min_fatalities(raw, notices: list[str]) -> int:
    return _parse_bounded("min_fatalities", raw, notices, int, 0, MAX_FATALITIES,
                          "a whole number", f"from 0 to {MAX_FATALITIES}")


def _parse_min_confidence(raw, notices: list[str]) -> float:
    return _parse_bounded("min_confidence", raw, notices, float, 0.0, 1.0, "a number", "between 0 and 1")


def _parse_q(raw, notices: list[str]) -> str:
    text = _last("q", raw, notices) or ""
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        notices.append(f"The search text `q` was cut to its first {MAX_QUERY_LENGTH} characters.")
        text = text[:MAX_QUERY_LENGTH].rstrip()
    return text


def _parse_choice(name: str, raw, notices: list[str], choices, default: str) -> str:
    """One of `choices` (any case), else `default` with a notice naming the choices."""
    text = _last(name, raw, notices)
    if text is None:
        return default
    if text.casefold() in choices:
        return text.casefold()
    notices.append(f"Ignored `{name}={text}`: it must be one of " + ", ".join(choices) + ".")
    return default


def coordinate_decimals(zoom: int) -> int:
    """Decimals that place the map's centre to about a pixel at `zoom` (a tile is 256 px
    wide and covers 360 / 2**zoom degrees): 1 at zoom 2, 4 at zoom 12, 6 from zoom 16;
    so links stay short, and a reopened link is within a pixel of the original."""
    pixels_per_degree = 256 * 2 ** zoom / 360
    return min(max(math.ceil(math.log10(pixels_per_degree)), 1), 6)


def round_map_view(lat: float, lon: float, zoom: float) -> tuple[float, float, int] | None:
    """A map position as the URL keeps it: zoom a whole number within MIN_ZOOM..MAX_ZOOM,
    longitude wrapped into -180..180, latitude clamped, both rounded (`coordinate_decimals`).
    None when a value is not a finite number."""
    try:
        lat, lon, zoom = float(lat), float(lon), float(zoom)
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (lat, lon, zoom)):
        return None
    level = min(max(int(round(zoom)), MIN_ZOOM), MAX_ZOOM)
    decimals = coordinate_decimals(level)
    lon = ((lon + 180.0) % 360.0) - 180.0  # the map may be panned around the world more than once
    lat = min(max(lat, -90.0), 90.0)
    return round(lat, decimals) + 0.0, round(lon, decimals) + 0.0, level  # + 0.0: no "-0.0"


def _parse_map_view(params, notices: list[str]) -> tuple[float, float, int] | None:
    """``lat``, ``lon`` and ``zoom``, all three valid, or None (with a notice when some were given)."""
    given = [name for name in MAP_PARAMS if _last(name, params.get(name), notices) is not None]
    if not given:
        return None
    texts = {name: _last(name, params.get(name), []) for name in given}
    missing = [name for name in MAP_PARAMS if name not in texts]
    if missing:
        notices.append("Ignored the map position: `lat`, `lon` and `zoom` go together, and the link lacks "
                       + ", ".join(f"`{name}`" for name in missing) + ".")
        return None
    bounds = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0)}
    values: dict[str, float] = {}
    for name in ("lat", "lon"):
        text = texts[name]
        try:
            value = float(text)
        except ValueError:
            notices.append(f"Ignored the map position: `{name}={text}` is not a number.")
            return None
        low, high = bounds[name]
        if not math.isfinite(value) or not low <= value <= high:
            notices.append(f"Ignored the map position: `{name}={text}` must be between {low:g} and {high:g}.")
            return None
        values[name] = value
    text = texts["zoom"]
    try:
        zoom = int(text)
    except ValueError:
        notices.append(f"Ignored the map position: `zoom={text}` is not a whole number.")
        return None
    if not MIN_ZOOM <= zoom <= MAX_ZOOM:
        notices.append(f"Ignored the map position: `zoom={text}` must be from {MIN_ZOOM} to {MAX_ZOOM}.")
        return None
    return round_map_view(values["lat"], values["lon"], zoom)


MAX_INCIDENT_ID = 2**63 - 1  # the store's integer keys


def _parse_incident(raw, notices: list[str]) -> int | None:
    text = _last("incident", raw, notices)
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        notices.append(f"Ignored `incident={text}`: not an incident number.")
        return None
    if not 1 <= value <= MAX_INCIDENT_ID:
        notices.append(f"Ignored `incident={text}`: incident numbers start at 1.")
        return None
    return value


def parse_view(params: Mapping[str, str | Sequence[str]]) -> tuple[ViewState, list[str]]:
    """The view a link asks for, and notices about what in it was ignored or fixed."""
    notices: list[str] = []
    extra = sorted(name for name in params if name not in KNOWN_PARAMS)
    if extra:
        notices.append(
            "Ignored unknown link parameter(s): " + ", ".join(f"`{name}`" for name in extra) + "."
        )
    start = _parse_date("start", params.get("start"), notices)
    end = _parse_date("end", params.get("end"), notices)
    if start is not None and end is not None and start > end:
        notices.append(f"The link's start ({start}) is after its end ({end}); swapped them.")
        start, end = end, start
    types = _parse_types(params.get("types"), notices)
    position = _parse_map_view(params, notices)
    lat, lon, zoom = position if position is not None else (None, None, None)
    return ViewState(
        start=start, end=end, types=types,
        subs=_parse_subs(params.get("subs"), types, notices),
        actors=_dedupe(_split(params.get("actors"))),
        countries=_parse_countries(params.get("country"), notices),
        admin1=_dedupe(_split(params.get("admin1"))),
        min_fatalities=_parse_min_fatalities(params.get("min_fatalities"), notices),
        min_confidence=_parse_min_confidence(params.get("min_confidence"), notices),
        q=_parse_q(params.get("q"), notices),
        layer=_parse_choice("layer", params.get("layer"), notices, LAYERS, DEFAULT_LAYER),
        lat=lat, lon=lon, zoom=zoom,
        incident=_parse_incident(params.get("incident"), notices),
        reports=_parse_choice("reports", params.get("reports"), notices, REPORTS, DEFAULT_REPORTS),
    ), notices


def format_number(value: float) -> str:
    """A number as the URL writes it: ``0.5``, ``0.75``, ``1`` (at most 4 decimals)."""
    return f"{round(value, 4):g}"


def view_to_params(view: ViewState) -> dict[str, str]:
    """The query parameters for a view: only what differs from the defaults."""
    params: dict[str, str] = {}
    if view.start is not None:
        params["start"] = view.start.isoformat()
    if view.end is not None:
        params["end"] = view.end.isoformat()
    types = ordered_types(view.types)
    if types and len(types) < len(EVENT_TYPES):
        params["types"] = ",".join(types)
    subs = ordered_subs(view.subs)
    if subs and len(subs) < len(subs_of(types)):
        params["subs"] = ",".join(subs)
    for name, values in (("actors", view.actors), ("country", view.countries), ("admin1", view.admin1)):
        if values:
            params[name] = ",".join(values)
    if view.min_fatalities > 0:
        params["min_fatalities"] = str(int(view.min_fatalities))
    if view.min_confidence > 0:
        params["min_confidence"] = format_number(view.min_confidence)
    if view.q.strip():
        params["q"] = view.q.strip()
    if view.layer != DEFAULT_LAYER and view.layer in LAYERS:
        params["layer"] = view.layer
    position = view.map_view
    if position is not None:
        rounded = round_map_view(*position)
        if rounded is not None:
            lat, lon, zoom = rounded
            decimals = coordinate_decimals(zoom)
            params["lat"] = _coordinate(lat, decimals)
            params["lon"] = _coordinate(lon, decimals)
            params["zoom"] = str(zoom)
    if view.incident is not None:
        params["incident"] = str(int(view.incident))
    if view.reports != DEFAULT_REPORTS and view.reports in REPORTS:
        params["reports"] = view.reports
    return params


def _coordinate(value: float, decimals: int) -> str:
    """``35.7``, ``-0.1234``: fixed decimals without trailing zeros (never an exponent)."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def share_link(params: Mapping[str, str], base_url: str | None = None) -> str:
    """The link to a view: `base_url` (the app's address, if known) and its query string."""
    query = urlencode(params, quote_via=quote, safe=",/")
    base = (base_url or "").split("?", 1)[0].split("#", 1)[0]
    if base and "://" in base and "/" not in base.split("://", 1)[1]:
        base += "/"  # http://host:port -> http://host:port/
    if not query:
        return base or "?"
    return f"{base}?{query}"


def fit_options(view: ViewState, actors: Sequence[str], countries: Sequence[str],
                admin1: Sequence[str]) -> tuple[ViewState, list[str]]:
    """The view with only the actors, countries and provinces the data offers
    (matched case-insensitively, spelled as the data does), and notices for the rest."""
    notices: list[str] = []

    def fit(name: str, wanted: tuple[str, ...], offered: Sequence[str]) -> tuple[str, ...]:
        by_key = {option.casefold(): option for option in offered}
        kept = [by_key[item.casefold()] for item in wanted if item.casefold() in by_key]
        missing = [item for item in wanted if item.casefold() not in by_key]
        if missing:
            notices.append(f"Ignored `{name}` value(s) not in the data: " + ", ".join(map(repr, missing)) + ".")
        return _dedupe(kept)

    fitted = replace(
        view,
        actors=fit("actors", view.actors, actors),
        countries=tuple(sorted(fit("country", view.countries, countries))),
        admin1=fit("admin1", view.admin1, admin1),
    )
    return fitted, notices


# -- between the view and the sidebar widgets ---------------------------------
def date_range(view: ViewState, extent: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The two dates the date filter shows: the view's, else the data's extent."""
    first, last = extent
    start = view.start or first
    end = view.end or last
    if start > end:
        # Only one bound was given and it lies outside the data: keep it, and
        # let the other bound meet it.
        if view.start is not None:
            end = start
        else:
            start = end
    return start, end


def view_from_widgets(
    dates: Sequence[dt.date] | dt.date | None,
    types: Iterable[str],
    extent: tuple[dt.date, dt.date],
    *,
    subs: Iterable[str] = (),
    actors: Iterable[str] = (),
    countries: Iterable[str] = (),
    admin1: Iterable[str] = (),
    min_fatalities: int | float | None = 0,
    min_confidence: float | None = 0.0,
    q: str | None = "",
    layer: str | None = DEFAULT_LAYER,
    map_view: tuple[float, float, int] | None = None,
    incident: int | None = None,
    reports: str | None = DEFAULT_REPORTS,
) -> ViewState:
    """The view the widgets show, with the data's extent and "all types" as defaults;
    `map_view` (lat, lon, zoom) and `incident` come from the map and the table.

    A date range still being picked (one date chosen) counts as that start date
    with the default end.
    """
    position = round_map_view(*map_view) if map_view is not None else None
    if isinstance(dates, dt.date):
        dates = (dates,)
    picked = [d for d in (dates or ()) if d is not None]
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None
    if start is not None and end is not None and start > end:
        start, end = end, start
    first, last = extent
    chosen = ordered_types(types)
    chosen = () if len(chosen) == len(EVENT_TYPES) else chosen
    offered = subs_of(chosen)
    chosen_subs = tuple(sub for sub in ordered_subs(subs) if sub in offered)
    return ViewState(
        start=None if start == first else start,
        end=None if end == last else end,
        types=chosen,
        subs=() if len(chosen_subs) == len(offered) else chosen_subs,
        actors=_dedupe(a for a in actors if a),
        countries=tuple(sorted({c.upper() for c in countries if c})),
        admin1=_dedupe(a for a in admin1 if a),
        min_fatalities=max(int(min_fatalities or 0), 0),
        min_confidence=min(max(round(float(min_confidence or 0.0), 4), 0.0), 1.0),
        q=" ".join((q or "").split())[:MAX_QUERY_LENGTH],
        layer=layer if layer in LAYERS else DEFAULT_LAYER,
        lat=position[0] if position else None,
        lon=position[1] if position else None,
        zoom=position[2] if position else None,
        incident=int(incident) if incident is not None else None,
        reports=reports if reports in REPORTS else DEFAULT_REPORTS,
    )


# -- what the map and the timeline send back --------------------------------------
def map_position(report: Mapping[str, Any] | None) -> tuple[float, float, int] | None:
    """The rounded centre and zoom in a streamlit-folium report (``{"center": {"lat", "lng"},
    "zoom"}``), or None when it has none (a map that has not reported yet)."""
    if not isinstance(report, Mapping):
        return None
    center = report.get("center")
    if not isinstance(center, Mapping) or report.get("zoom") is None:
        return None
    return round_map_view(center.get("lat"), center.get("lng"), report.get("zoom"))


def clicked_incident(report: Mapping[str, Any] | None) -> int | None:
    """The incident id of the marker last clicked (the marker's GeoJSON feature, which
    streamlit-folium returns as ``last_active_drawing``), or None."""
    if not isinstance(report, Mapping):
        return None
    feature = report.get("last_active_drawing")
    properties = feature.get("properties") if isinstance(feature, Mapping) else None
    value = properties.get("incident") if isinstance(properties, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return int(value) if value == int(value) and value >= 1 else None


def _click_key(report: Mapping[str, Any] | None) -> tuple[Any, int | None]:
    if not isinstance(report, Mapping):
        return None, None
    return report.get("last_object_clicked_count"), clicked_incident(report)


@dataclass(frozen=True)
class MapReport:
    """What a new report from the map asks of the view."""

    position: tuple[float, float, int] | None  # the centre and zoom to keep in the URL; None: leave it
    clicked: int | None  # the incident whose marker was clicked; None: no new click


def read_map_report(report: Mapping[str, Any] | None, seen: Mapping[str, Any] | None, *,
                    fresh: bool) -> MapReport:
    """A streamlit-folium report read against the one `seen` before it.

    The first report of a freshly drawn map (`fresh`) tells where the map opened
    (fitted to the incidents, or the link's position), not where the analyst moved it:
    its position is left out, so a link gets ``lat``/``lon``/``zoom`` only once the
    analyst pans or zooms; later reports give a position only when it moved (a click
    alone does not place the map). A click is new when the click count or the clicked
    incident changed; panning keeps both."""
    if not isinstance(report, Mapping) or report == seen:
        return MapReport(None, None)
    position = map_position(report)
    if fresh or position == map_position(seen):
        position = None
    clicked = None
    count, incident = _click_key(report)
    if incident is not None and count and (count, incident) != _click_key(seen):
        clicked = incident
    return MapReport(position, clicked)


def _day(value: Any) -> dt.date | None:
    """A brush end: an ISO day ("2024-03-05"), or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def brush_dates(brush: Mapping[str, Any] | None,
                current: tuple[dt.date, dt.date] | None = None) -> tuple[dt.date, dt.date] | None:
    """The days dragged across on the timeline, or None (nothing readable: the range stays).

    `brush` is what the chart sends, ``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`` (both
    days included; reversed ends are swapped). The result lies within `current` (the range
    shown), so a brush only ever narrows it.
    """
    if not isinstance(brush, Mapping):
        return None
    start, end = _day(brush.get("start")), _day(brush.get("end"))
    if start is None or end is None:
        return None
    if start > end:
        start, end = end, start
    if current is not None:
        start, end = max(start, current[0]), min(end, current[1])
        if start > end:
            return None
    return start, end


def date_limits(
    extent: tuple[dt.date, dt.date], dates: Sequence[dt.date] = (), today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The range the date picker offers: whole years around the data, the view and today."""
    today = today or dt.date.today()
    chosen = [d for d in dates if isinstance(d, dt.date)]
    low = min([extent[0], *chosen])
    high = max([extent[1], today, *chosen])
    return low.replace(month=1, day=1), high.replace(month=12, day=31)


# -- reading and comparing URL parameters ----------------------------------------
def read_params(query_params) -> dict[str, list[str]]:
    """Every value of every parameter of a `st.query_params`-like object."""
    return {name: list(query_params.get_all(name)) for name in query_params}


def same_params(a: Mapping[str, str | Sequence[str]], b: Mapping[str, str | Sequence[str]]) -> bool:
    """Whether two parameter mappings say the same, whatever their value shapes."""
    def canon(params):
        return {name: tuple(_values(value)) for name, value in params.items()}

    return canon(a) == canon(b)
