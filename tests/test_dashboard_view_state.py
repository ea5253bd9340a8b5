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
