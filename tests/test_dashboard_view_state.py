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
        ({"zoom": "5", "start": "2024-03-01"}, ViewState(start=D(2024, 3, 1)), ["zoom"]),
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
