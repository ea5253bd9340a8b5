"""parse_view / view_to_params: the URL contract of the dashboard (start, end, types)."""
from __future__ import annotations

import datetime as dt

import pytest

import dashboard_fixtures  # noqa: F401  (puts the repo root on sys.path)
from dashboard.view_state import (
    ViewState,
    date_limits,
    date_range,
    parse_view,
    same_params,
    view_from_widgets,
    view_to_params,
)
from incidents.record import EVENT_TYPES

D = dt.date
EXTENT = (D(2024, 3, 1), D(2024, 5, 20))
ALL_TYPES = tuple(EVENT_TYPES)


@pytest.mark.parametrize(
    ("params", "expected", "notice_words"),
    [
        ({}, ViewState(), []),
        ({"start": "2024-03-01"}, ViewState(start=D(2024, 3, 1)), []),
        ({"end": "2024-03-31"}, ViewState(end=D(2024, 3, 31)), []),
        ({"start": "2024-03-01", "end": "2024-03-31", "types": "Battles,Explosions/Remote violence"},
         ViewState(D(2024, 3, 1), D(2024, 3, 31), ("Battles", "Explosions/Remote violence")), []),
        # types: order follows EVENT_TYPES, duplicates and case and blanks do not matter
        ({"types": "riots, Battles,,battles"}, ViewState(types=("Battles", "Riots")), []),
        ({"types": ["Protests", "Riots"]}, ViewState(types=("Protests", "Riots")), []),
        ({"types": ""}, ViewState(), []),
        ({"types": ",".join(ALL_TYPES)}, ViewState(), []),  # all of them = the default
        # malformed dates are dropped with a notice
        ({"start": "2024-13-01"}, ViewState(), ["start", "YYYY-MM-DD"]),
        ({"end": "yesterday"}, ViewState(), ["end", "YYYY-MM-DD"]),
        ({"start": "01/03/2024", "end": "2024-03-31"}, ViewState(end=D(2024, 3, 31)), ["start"]),
        ({"start": "  "}, ViewState(), []),
        # unknown types are dropped with a notice, known ones kept
        ({"types": "Battles,Aliens"}, ViewState(types=("Battles",)), ["Aliens"]),
        ({"types": "Aliens"}, ViewState(), ["Aliens"]),
        ({"types": "Armed clash"}, ViewState(), ["Armed clash"]),  # a sub-event type is not a type
        # start after end: swapped, with a notice
        ({"start": "2024-04-01", "end": "2024-03-01"}, ViewState(D(2024, 3, 1), D(2024, 4, 1)), ["swapped"]),
        # extra parameters are ignored with a notice
        ({"zoom_level": "5", "start": "2024-03-01"}, ViewState(start=D(2024, 3, 1)), ["zoom_level"]),
        ({"utm_source": "mail", "embed": "true"}, ViewState(), ["embed", "utm_source"]),
        # a date given twice: the last one wins, with a notice
        ({"start": ["2024-03-01", "2024-03-02"]}, ViewState(start=D(2024, 3, 2)), ["more than once"]),
        ({"start": ["2024-03-01", "2024-03-01"]}, ViewState(start=D(2024, 3, 1)), []),
    ],
)
def test_parse_view(params, expected, notice_words):
    view, notices = parse_view(params)
    assert view == expected
    text = " ".join(notices)
    if notice_words:
        for word in notice_words:
            assert word in text
    else:
        assert notices == []


@pytest.mark.parametrize(
    ("view", "params"),
    [
        (ViewState(), {}),
        (ViewState(start=D(2024, 3, 1)), {"start": "2024-03-01"}),
        (ViewState(end=D(2024, 3, 31)), {"end": "2024-03-31"}),
        (ViewState(D(2024, 3, 1), D(2024, 3, 31), ("Battles", "Explosions/Remote violence")),
         {"start": "2024-03-01", "end": "2024-03-31", "types": "Battles,Explosions/Remote violence"}),
        (ViewState(types=ALL_TYPES), {}),
        (ViewState(types=("Riots", "Battles")), {"types": "Battles,Riots"}),
    ],
)
def test_view_to_params(view, params):
    assert view_to_params(view) == params


@pytest.mark.parametrize(
    "view",
    [
        ViewState(),
        ViewState(start=D(2020, 1, 1)),
        ViewState(end=D(2025, 12, 31)),
        ViewState(D(2024, 3, 1), D(2024, 3, 1), ("Violence against civilians",)),
        ViewState(D(1997, 1, 1), D(2030, 6, 30), ALL_TYPES[:-1]),
    ],
)
def test_round_trip(view):
    params = view_to_params(view)
    assert all(isinstance(v, str) for v in params.values())
    again, notices = parse_view(params)
    assert notices == []
    assert again == view
    assert view_to_params(again) == params


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (ViewState(), EXTENT),
        (ViewState(start=D(2024, 4, 1)), (D(2024, 4, 1), EXTENT[1])),
        (ViewState(end=D(2024, 4, 1)), (EXTENT[0], D(2024, 4, 1))),
        (ViewState(start=D(2025, 1, 1)), (D(2025, 1, 1), D(2025, 1, 1))),  # after the data
        (ViewState(end=D(2020, 1, 1)), (D(2020, 1, 1), D(2020, 1, 1))),  # before the data
        (ViewState(D(2020, 1, 1), D(2030, 1, 1)), (D(2020, 1, 1), D(2030, 1, 1))),
    ],
)
def test_date_range_fills_defaults_from_the_data(view, expected):
    assert date_range(view, EXTENT) == expected


@pytest.mark.parametrize(
    ("dates", "types", "expected"),
    [
        (EXTENT, [], ViewState()),
        (EXTENT, list(ALL_TYPES), ViewState()),
        ((D(2024, 3, 2), EXTENT[1]), [], ViewState(start=D(2024, 3, 2))),
        ((EXTENT[0], D(2024, 4, 30)), ["Riots"], ViewState(end=D(2024, 4, 30), types=("Riots",))),
        ((D(2024, 4, 1),), [], ViewState(start=D(2024, 4, 1))),  # second date not picked yet
        (D(2024, 4, 1), [], ViewState(start=D(2024, 4, 1))),
        ((), [], ViewState()),
        (None, [], ViewState()),
        ((D(2024, 4, 30), D(2024, 4, 1)), [], ViewState(D(2024, 4, 1), D(2024, 4, 30))),
    ],
)
def test_view_from_widgets_drops_defaults(dates, types, expected):
    assert view_from_widgets(dates, types, EXTENT) == expected


def test_date_limits_cover_data_view_and_today():
    low, high = date_limits(EXTENT, (D(2019, 6, 1),), today=D(2024, 8, 1))
    assert (low, high) == (D(2019, 1, 1), D(2024, 12, 31))
    low, high = date_limits(EXTENT, (), today=D(2026, 2, 1))
    assert (low, high) == (D(2024, 1, 1), D(2026, 12, 31))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ({}, {}, True),
        ({"start": "2024-03-01"}, {"start": ["2024-03-01"]}, True),
        ({"start": "2024-03-01"}, {"start": "2024-03-02"}, False),
        ({"types": "Battles"}, {}, False),
        ({"types": ["Battles", "Riots"]}, {"types": "Battles,Riots"}, False),
    ],
)
def test_same_params(a, b, same):
    assert same_params(a, b) is same


# -- the filters beyond dates and types: subs, actors, country, admin1, minimums, q ------------
from dashboard.view_state import fit_options, share_link, subs_of  # noqa: E402


@pytest.mark.parametrize(
    ("params", "expected", "notice_words"),
    [
        # sub-event types: known ones, in EVENT_TYPES order, case-insensitive
        ({"subs": "attack,Armed clash"}, ViewState(subs=("Armed clash", "Attack")), []),
        ({"types": "Battles", "subs": "Armed clash"}, ViewState(types=("Battles",), subs=("Armed clash",)), []),
        ({"subs": "Armed clash,Alien landing"}, ViewState(subs=("Armed clash",)), ["Alien landing", "sub-event"]),
        ({"subs": "Battles"}, ViewState(), ["Battles"]),  # a type is not a sub-type
        # ... and only those of the selected types
        ({"types": "Riots", "subs": "Armed clash,Mob violence"}, ViewState(types=("Riots",), subs=("Mob violence",)),
         ["Armed clash", "not of the selected event types"]),
        # actors and provinces: kept as written (checked against the data later), deduplicated
        ({"actors": "Military Forces of Russia, Rioters (Ukraine),military forces of russia"},
         ViewState(actors=("Military Forces of Russia", "Rioters (Ukraine)")), []),
        ({"actors": ["A", "B"]}, ViewState(actors=("A", "B")), []),
        ({"admin1": "Kharkivska,,Odeska"}, ViewState(admin1=("Kharkivska", "Odeska")), []),
        # countries: two-letter codes, upper-cased, sorted
        ({"country": "ua,SY"}, ViewState(countries=("SY", "UA")), []),
        ({"country": "UA,Ukraine,U1,USA"}, ViewState(countries=("UA",)), ["Ukraine", "U1", "USA", "ISO"]),
        # minimum fatalities: a whole number, 0 or more
        ({"min_fatalities": "3"}, ViewState(min_fatalities=3), []),
        ({"min_fatalities": "0"}, ViewState(), []),
        ({"min_fatalities": "-1"}, ViewState(), ["min_fatalities"]),
        ({"min_fatalities": "2.5"}, ViewState(), ["min_fatalities", "whole number"]),
        ({"min_fatalities": "many"}, ViewState(), ["min_fatalities"]),
        ({"min_fatalities": "1" + "0" * 30}, ViewState(), ["min_fatalities"]),
        ({"min_fatalities": ["1", "2"]}, ViewState(min_fatalities=2), ["more than once"]),
        # minimum confidence: 0 to 1
        ({"min_confidence": "0.75"}, ViewState(min_confidence=0.75), []),
        ({"min_confidence": "1"}, ViewState(min_confidence=1.0), []),
        ({"min_confidence": "0"}, ViewState(), []),
        ({"min_confidence": "1.5"}, ViewState(), ["min_confidence", "between 0 and 1"]),
        ({"min_confidence": "-0.1"}, ViewState(), ["min_confidence", "between 0 and 1"]),
        ({"min_confidence": "nan"}, ViewState(), ["min_confidence"]),
        ({"min_confidence": "inf"}, ViewState(), ["min_confidence"]),
        ({"min_confidence": "high"}, ViewState(), ["min_confidence", "not a number"]),
        # q: plain text, spaces tidied, regex metacharacters kept as they are
        ({"q": "  drone   strike "}, ViewState(q="drone strike"), []),
        ({"q": "a.*b(c[d"}, ViewState(q="a.*b(c[d"), []),
        ({"q": "${alert(1)}|^$"}, ViewState(q="${alert(1)}|^$"), []),
        ({"q": "x" * 300}, ViewState(q="x" * 200), ["`q`", "200"]),
        ({"q": ""}, ViewState(), []),
        # all of them at once
        ({"types": "Battles", "subs": "Armed clash", "actors": "X", "country": "UA", "admin1": "Kharkivska",
          "min_fatalities": "1", "min_confidence": "0.5", "q": "clash"},
         ViewState(types=("Battles",), subs=("Armed clash",), actors=("X",), countries=("UA",), admin1=("Kharkivska",),
                   min_fatalities=1, min_confidence=0.5, q="clash"), []),
    ],
)
def test_parse_view_filters(params, expected, notice_words):
    view, notices = parse_view(params)
    assert view == expected
    text = " ".join(notices)
    for word in notice_words:
        assert word in text
    if not notice_words:
        assert notices == []


@pytest.mark.parametrize(
    ("view", "params"),
    [
        (ViewState(subs=("Attack", "Armed clash")), {"subs": "Armed clash,Attack"}),
        (ViewState(types=("Riots",), subs=("Violent demonstration", "Mob violence")), {"types": "Riots"}),  # all = default
        (ViewState(actors=("A b", "C")), {"actors": "A b,C"}),
        (ViewState(countries=("UA",), admin1=("Kharkivska",)), {"country": "UA", "admin1": "Kharkivska"}),
        (ViewState(min_fatalities=0, min_confidence=0.0, q="  "), {}),
        (ViewState(min_fatalities=5), {"min_fatalities": "5"}),
        (ViewState(min_confidence=0.7000000000000001), {"min_confidence": "0.7"}),
        (ViewState(min_confidence=1.0), {"min_confidence": "1"}),
        (ViewState(q="a.*b"), {"q": "a.*b"}),
    ],
)
def test_view_to_params_filters(view, params):
    assert view_to_params(view) == params


@pytest.mark.parametrize(
    "view",
    [
        ViewState(types=("Battles", "Riots"), subs=("Armed clash", "Mob violence")),
        ViewState(subs=("Air/drone strike",)),
        ViewState(actors=("Military Forces of Russia", "Protesters (Ukraine)")),
        ViewState(countries=("SY", "UA"), admin1=("Kyiv City", "Odeska")),
        ViewState(min_fatalities=12, min_confidence=0.35),
        ViewState(min_confidence=1.0),
        ViewState(q="Drone & strike? (near) [port] $5 ^a|b \\d+ 100%"),
        ViewState(D(2024, 3, 1), D(2024, 4, 1), ("Protests",), ("Peaceful protest",), ("Protesters (Ukraine)",),
                  ("UA",), ("Lvivska",), 1, 0.5, "march"),
    ],
)
def test_round_trip_filters(view, params=None):
    params = view_to_params(view)
    assert all(isinstance(v, str) for v in params.values())
    again, notices = parse_view(params)
    assert notices == []
    assert again == view
    assert view_to_params(again) == params


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "?"),
        ({"types": "Battles,Explosions/Remote violence"}, "?types=Battles,Explosions/Remote%20violence"),
        ({"q": "a&b=c #1"}, "?q=a%26b%3Dc%20%231"),
    ],
)
def test_share_link_query(params, expected):
    assert share_link(params) == expected
    base = "http://host:8501/"
    assert share_link(params, base) == (base + expected if params else base)
    assert share_link(params, base.rstrip("/")) == share_link(params, base)


def test_share_link_reads_back():
    from urllib.parse import parse_qs, urlsplit

    params = {"types": "Battles", "actors": "A (B),C", "q": "a+b & c%"}
    link = share_link(params, "http://host/app?old=1#x")
    assert link.startswith("http://host/app?") and "old" not in link
    assert {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()} == params


def test_subs_of():
    assert subs_of(()) == tuple(s for subs in EVENT_TYPES.values() for s in subs)
    assert subs_of(("Riots",)) == ("Violent demonstration", "Mob violence")


def test_fit_options_keeps_what_the_data_has():
    view = ViewState(actors=("military forces of russia", "Nobody"), countries=("SY", "UA"), admin1=("odeska",))
    fitted, notices = fit_options(view, ["Military Forces of Russia"], ["UA"], ["Odeska"])
    assert fitted == ViewState(actors=("Military Forces of Russia",), countries=("UA",), admin1=("Odeska",))
    text = " ".join(notices)
    assert "Nobody" in text and "SY" in text and "odeska" not in text
    assert fit_options(ViewState(), [], [], []) == (ViewState(), [])


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"subs": ["Attack", "Armed clash"]}, ViewState(subs=("Armed clash", "Attack"))),
        ({"subs": list(subs_of(()))}, ViewState()),  # every sub-type = the default
        ({"types": ["Riots"], "subs": ["Armed clash", "Mob violence"]}, ViewState(types=("Riots",), subs=("Mob violence",))),
        ({"countries": ["ua"], "admin1": ["Odeska"], "actors": ["X", "X"]},
         ViewState(countries=("UA",), admin1=("Odeska",), actors=("X",))),
        ({"min_fatalities": 2, "min_confidence": 0.7000000000000001, "q": "  a  b "},
         ViewState(min_fatalities=2, min_confidence=0.7, q="a b")),
        ({"min_fatalities": None, "min_confidence": None, "q": None}, ViewState()),
    ],
)
def test_view_from_widgets_filters(kwargs, expected):
    types = kwargs.pop("types", [])
    assert view_from_widgets(EXTENT, types, EXTENT, **kwargs) == expected


@pytest.mark.parametrize(
    ("params", "layer", "notice_words"),
    [
        ({}, "auto", []),  # no layer in the link: the automatic layer
        ({"layer": "auto"}, "auto", []),
        ({"layer": "incidents"}, "incidents", []),  # links made before the automatic layer keep their meaning
        ({"layer": "Density"}, "density", []),
        ({"layer": "heatmap"}, "auto", ["layer=heatmap"]),
    ],
)
def test_layer_param(params, layer, notice_words):
    view, notices = parse_view(params)
    assert view.layer == layer
    for word in notice_words:
        assert word in " ".join(notices)
    assert view_to_params(view) == ({} if layer == "auto" else {"layer": layer})


@pytest.mark.parametrize(
    ("params", "reports", "notice_words"),
    [
        ({}, "events", []),  # links made before merging open events: the reports of one event count once
        ({"reports": "events"}, "events", []),
        ({"reports": "all"}, "all", []),
        ({"reports": " ALL "}, "all", []),
        ({"reports": ["all", "events"]}, "events", ["more than once"]),
        ({"reports": "each"}, "events", ["reports=each", "events, all"]),
    ],
)
def test_reports_param(params, reports, notice_words):
    view, notices = parse_view(params)
    assert view.reports == reports and view.events == (reports == "events")
    for word in notice_words:
        assert word in " ".join(notices)
    if not notice_words:
        assert not notices
    assert view_to_params(view) == ({} if reports == "events" else {"reports": "all"})
    assert parse_view(view_to_params(view))[0] == view  # the round trip


def test_reports_from_the_toggle():
    assert view_from_widgets(EXTENT, [], EXTENT, reports="all").reports == "all"
    assert view_from_widgets(EXTENT, [], EXTENT).reports == "events"
    assert view_from_widgets(EXTENT, [], EXTENT, reports="bogus").reports == "events"


# -- the map's position, the selected incident, and what the map and the timeline send back ---------
from dashboard.view_state import (  # noqa: E402
    MapReport,
    brush_dates,
    clicked_incident,
    coordinate_decimals,
    map_position,
    read_map_report,
    round_map_view,
)


@pytest.mark.parametrize(
    ("params", "position", "notice_words"),
    [
        ({"lat": "35.7081", "lon": "36.8049", "zoom": "12"}, (35.7081, 36.8049, 12), []),
        ({"lat": "-33.9", "lon": "-180", "zoom": "2"}, (-33.9, -180.0, 2), []),
        ({"lat": "90", "lon": "180", "zoom": "19"}, (90.0, -180.0, 19), []),  # 180 and -180 are one meridian
        ({"lat": " 35.7 ", "lon": "36.8", "zoom": "6"}, (35.7, 36.8, 6), []),
        # more decimals than the zoom can show are rounded off (to about a pixel)
        ({"lat": "35.70812345", "lon": "36.80491234", "zoom": "6"}, (35.71, 36.8, 6), []),
        # all three or none
        ({"lat": "35.7", "lon": "36.8"}, None, ["go together", "`zoom`"]),
        ({"zoom": "4"}, None, ["go together", "`lat`", "`lon`"]),
        ({"lat": "", "lon": "", "zoom": ""}, None, []),  # blank: as if absent
        # malformed or out of range: ignored, with a notice naming the value
        ({"lat": "95", "lon": "36.8", "zoom": "6"}, None, ["lat=95", "between -90 and 90"]),
        ({"lat": "35", "lon": "-181", "zoom": "6"}, None, ["lon=-181", "between -180 and 180"]),
        ({"lat": "north", "lon": "36.8", "zoom": "6"}, None, ["lat=north", "not a number"]),
        ({"lat": "nan", "lon": "36.8", "zoom": "6"}, None, ["lat=nan"]),
        ({"lat": "35", "lon": "inf", "zoom": "6"}, None, ["lon=inf"]),
        ({"lat": "35", "lon": "36", "zoom": "6.5"}, None, ["zoom=6.5", "whole number"]),
        ({"lat": "35", "lon": "36", "zoom": "1"}, None, ["zoom=1", "from 2 to 19"]),
        ({"lat": "35", "lon": "36", "zoom": "25"}, None, ["zoom=25"]),
        ({"lat": ["35", "36"], "lon": "36", "zoom": "6"}, (36.0, 36.0, 6), ["more than once"]),
    ],
)
def test_map_position_param(params, position, notice_words):
    view, notices = parse_view(params)
    assert view.map_view == position
    text = " ".join(notices)
    for word in notice_words:
        assert word in text
    if not notice_words:
        assert notices == []
    assert (view.lat, view.lon, view.zoom) == (position or (None, None, None))


@pytest.mark.parametrize(
    ("params", "incident", "notice_words"),
    [
        ({"incident": "12"}, 12, []),
        ({"incident": " 7 "}, 7, []),
        ({"incident": "0"}, None, ["incident=0"]),
        ({"incident": "-3"}, None, ["incident=-3"]),
        ({"incident": "abc"}, None, ["incident=abc", "not an incident number"]),
        ({"incident": "1.5"}, None, ["incident=1.5"]),
        ({"incident": "9" * 30}, None, ["incident="]),
        ({"incident": ""}, None, []),
    ],
)
def test_incident_param(params, incident, notice_words):
    view, notices = parse_view(params)
    assert view.incident == incident
    for word in notice_words:
        assert word in " ".join(notices)
    if not notice_words:
        assert notices == []


@pytest.mark.parametrize(
    ("view", "params"),
    [
        (ViewState(lat=35.7081, lon=36.8049, zoom=12), {"lat": "35.7081", "lon": "36.8049", "zoom": "12"}),
        (ViewState(lat=35.70812345, lon=36.8, zoom=4), {"lat": "35.71", "lon": "36.8", "zoom": "4"}),
        (ViewState(lat=0.0, lon=-0.00001, zoom=3), {"lat": "0", "lon": "0", "zoom": "3"}),  # never "-0"
        (ViewState(lat=1e-7, lon=2.5, zoom=18), {"lat": "0", "lon": "2.5", "zoom": "18"}),  # never "1e-07"
        (ViewState(lat=35.7, lon=36.8), {}),  # no zoom: no position
        (ViewState(incident=42), {"incident": "42"}),
        (ViewState(types=("Battles",), layer="clusters", lat=1.5, lon=2.5, zoom=9, incident=3),
         {"types": "Battles", "layer": "clusters", "lat": "1.5", "lon": "2.5", "zoom": "9", "incident": "3"}),
    ],
)
def test_view_to_params_position_and_incident(view, params):
    assert view_to_params(view) == params


@pytest.mark.parametrize(
    "view",
    [
        ViewState(lat=35.7081, lon=36.8049, zoom=12),
        ViewState(lat=-89.5, lon=179.99, zoom=7),
        ViewState(lat=48.123456, lon=-2.654321, zoom=19),
        ViewState(start=D(2024, 3, 1), types=("Battles",), lat=49.99, lon=36.23, zoom=9, incident=1),
    ],
)
def test_round_trip_position_and_incident(view):
    params = view_to_params(view)
    again, notices = parse_view(params)
    assert notices == []
    assert again == view
    assert view_to_params(again) == params


def test_coordinate_decimals_place_the_centre_to_about_a_pixel():
    assert [coordinate_decimals(z) for z in (2, 6, 9, 12, 16, 19)] == [1, 2, 3, 4, 5, 6]
    for zoom in range(2, 20):
        degrees_per_pixel = 360 / (256 * 2 ** zoom)
        assert 10 ** -coordinate_decimals(zoom) <= max(degrees_per_pixel, 1e-6) * 1.0001


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((35.70812, 36.80491, 12), (35.7081, 36.8049, 12)),
        ((35.70812, 36.80491, 6.0), (35.71, 36.8, 6)),
        ((10.0, 200.0, 5), (10.0, -160.0, 5)),  # panned past the antimeridian: wrapped
        ((10.0, -540.25, 5), (10.0, 179.75, 5)),
        ((95.0, 0.0, 5), (90.0, 0.0, 5)),
        ((1.0, 2.0, 0), (1.0, 2.0, 2)),  # zoom clamped to the map's range
        ((1.0, 2.0, 23), (1.0, 2.0, 19)),
        ((float("nan"), 2.0, 5), None),
        ((None, 2.0, 5), None),
        (("x", 2.0, 5), None),
    ],
)
def test_round_map_view(args, expected):
    result = round_map_view(*args)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected) and isinstance(result[2], int)


def report(lat=48.5, lng=30.9, zoom=6, count=0, incident=None):
    """A report as streamlit-folium sends it (returned_objects: center, zoom, last_active_drawing,
    last_object_clicked_count)."""
    drawing = None
    if incident is not None:
        drawing = {"type": "Feature", "properties": {"incident": incident},
                   "geometry": {"type": "Point", "coordinates": [lng, lat]}}
    return {"center": {"lat": lat, "lng": lng}, "zoom": zoom, "last_active_drawing": drawing,
            "last_object_clicked_count": count}


DEFAULT_REPORT = {"zoom": 6, "last_active_drawing": None, "last_object_clicked_count": None}  # before the map reports


@pytest.mark.parametrize(
    ("new", "seen", "fresh", "expected"),
    [
        # the map's first report is where it opened: the URL gets no position from it
        (report(), None, True, MapReport(None, None)),
        (report(48.51, 30.92), report(), False, MapReport((48.51, 30.92, 6), None)),  # then the analyst pans
        (report(48.51, 30.92, 7), report(48.51, 30.92), False, MapReport((48.51, 30.92, 7), None)),  # and zooms
        (report(), report(), False, MapReport(None, None)),  # nothing new
        (DEFAULT_REPORT, None, False, MapReport(None, None)),  # not reported yet
        (None, report(), False, MapReport(None, None)),
        # a click on a marker: its feature carries the incident id; the count tells a new click
        (report(count=3, incident=4), report(), False, MapReport(None, 4)),  # the map did not move
        (report(count=6, incident=4), report(count=3, incident=4), False, MapReport(None, 4)),  # clicked again
        (report(49.0, 30.9, count=3, incident=4), report(), False, MapReport((49.0, 30.9, 6), 4)),  # popup panned
        (report(40.0, 30.0, count=3, incident=4), report(count=3, incident=4), False,
         MapReport((40.0, 30.0, 6), None)),  # a pan after the click is not a click
        (report(count=3, incident=2), report(count=3, incident=4), False, MapReport(None, 2)),
        (report(48.50001, 30.9), report(), False, MapReport(None, None)),  # moved less than the URL shows
        (report(count=3, incident=2), None, True, MapReport(None, 2)),
        (dict(report(count=1), last_active_drawing={"type": "Feature", "properties": {},
                                                    "geometry": {"type": "Polygon", "coordinates": []}}),
         report(), False, MapReport(None, None)),  # a density cell: no incident
    ],
)
def test_read_map_report(new, seen, fresh, expected):
    assert read_map_report(new, seen, fresh=fresh) == expected


@pytest.mark.parametrize(
    ("drawing", "expected"),
    [
        ({"properties": {"incident": 7}}, 7),
        ({"properties": {"incident": 7.0}}, 7),
        ({"properties": {"incident": 7.5}}, None),
        ({"properties": {"incident": "7"}}, None),
        ({"properties": {"incident": True}}, None),
        ({"properties": {"incident": 0}}, None),
        ({"properties": {"incident": float("inf")}}, None),
        ({"properties": None}, None),
        ("feature", None),
        (None, None),
    ],
)
def test_clicked_incident(drawing, expected):
    assert clicked_incident({"last_active_drawing": drawing}) == expected


def test_map_position_reads_the_centre_and_zoom():
    assert map_position(report(35.70812, 36.80491, 12)) == (35.7081, 36.8049, 12)
    assert map_position(DEFAULT_REPORT) is None
    assert map_position({"center": None, "zoom": 5}) is None
    assert map_position("nonsense") is None


@pytest.mark.parametrize(
    ("brush", "current", "expected"),
    [
        # what the timeline sends: the first and last days dragged across, both included
        ({"start": "2024-03-05", "end": "2024-03-19"}, None, (D(2024, 3, 5), D(2024, 3, 19))),
        ({"start": "2024-03-05", "end": "2024-03-05"}, None, (D(2024, 3, 5), D(2024, 3, 5))),  # one day's bar
        ({"start": "2024-03-19", "end": "2024-03-05"}, None, (D(2024, 3, 5), D(2024, 3, 19))),  # dragged leftwards
        # within the range shown: a brush only narrows it
        ({"start": "2024-02-01", "end": "2024-03-10"}, (D(2024, 3, 1), D(2024, 5, 20)), (D(2024, 3, 1), D(2024, 3, 10))),
        ({"start": "2024-06-01", "end": "2024-06-10"}, (D(2024, 3, 1), D(2024, 5, 20)), None),
        # nothing readable: the range stays
        ({}, None, None),
        (None, None, None),
        ({"start": "2024-03-05"}, None, None),
        ({"start": "soon", "end": "later"}, None, None),
        ({"start": 1709596800000, "end": 1709683200000}, None, None),
        ({"start": "2024-02-30", "end": "2024-03-05"}, None, None),
        ("2024-03-05", None, None),
    ],
)
def test_brush_dates(brush, current, expected):
    assert brush_dates(brush, current) == expected


def test_view_from_widgets_takes_the_map_position_and_the_incident():
    view = view_from_widgets(EXTENT, [], EXTENT, map_view=(35.70812, 36.80491, 12), incident=5)
    assert (view.lat, view.lon, view.zoom, view.incident) == (35.7081, 36.8049, 12, 5)
    assert view_from_widgets(EXTENT, [], EXTENT) == ViewState()
