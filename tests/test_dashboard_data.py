"""dashboard.data: loading a real temp store, filtering, the table and the numbers."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard_fixtures import HOSTILE_URL, SAMPLE_MAPPED, make_store
from dashboard import data
from dashboard.view_state import ViewState
from incidents.store import Store

D = dt.date


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    url = make_store(tmp_path_factory.mktemp("store") / "incidents.sqlite")
    store = Store(url)
    try:
        yield data.load_incidents(store)
    finally:
        store.dispose()


def test_load_incidents_parses_dates_and_numbers(frame):
    assert len(frame) == 6
    assert frame["date"].iloc[0] == D(2024, 3, 1)
    assert str(frame["fatalities"].dtype) == "Int64"
    assert frame["latitude"].isna().sum() == 1


def test_date_extent(frame):
    assert data.date_extent(frame) == (D(2024, 3, 1), D(2024, 5, 20))
    empty = data.prepare_incidents(frame.iloc[0:0].drop(columns=["date"]))
    assert data.date_extent(empty, today=D(2025, 1, 2)) == (D(2025, 1, 2), D(2025, 1, 2))


@pytest.mark.parametrize(
    ("view", "count"),
    [
        (ViewState(), 6),
        (ViewState(start=D(2024, 3, 5)), 5),  # inclusive
        (ViewState(end=D(2024, 3, 5)), 2),  # inclusive
        (ViewState(D(2024, 3, 1), D(2024, 3, 31)), 3),
        (ViewState(D(2024, 3, 1), D(2024, 3, 31), ("Battles", "Explosions/Remote violence")), 2),
        (ViewState(types=("Riots",)), 1),
        (ViewState(start=D(2030, 1, 1)), 0),
    ],
)
def test_filter_incidents(frame, view, count):
    assert len(data.filter_incidents(frame, view)) == count


def test_unreadable_dates_only_without_a_date_filter(frame):
    odd = frame.copy()
    odd.loc[0, "event_date"] = "sometime"
    odd = data.prepare_incidents(odd.drop(columns=["date"]))
    assert len(data.filter_incidents(odd, ViewState())) == 6
    assert len(data.filter_incidents(odd, ViewState(start=D(2000, 1, 1)))) == 5


def test_mappable_and_summary(frame):
    assert len(data.mappable(frame)) == SAMPLE_MAPPED
    assert data.summary(frame) == {"incidents": 6, "fatalities": 5, "countries": 1, "unmapped": 1}
    assert data.summary(frame.iloc[0:0])["incidents"] == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/a?b=1", "https://news.example/a?b=1"),
        ("http://news.example", "http://news.example"),
        (HOSTILE_URL, None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//news.example/a", None),
        ("news.example/a", None),
        ("", None),
        (None, None),
        (float("nan"), None),
        ("http://[::1", None),
    ],
)
def test_safe_link(url, expected):
    assert data.safe_link(url) == expected


def test_table_frame(frame):
    table = data.table_frame(frame)
    assert list(table.columns) == list(data.TABLE_COLUMNS.values())
    assert table["Date"].iloc[0] == "2024-05-20"  # newest first
    assert HOSTILE_URL not in set(table["Link"].dropna())
    assert isinstance(table, pd.DataFrame)


@pytest.mark.parametrize(
    ("done", "total", "label", "expected"),
    [
        (0, 100, "Compiling", (0.0, "Compiling (0/100)")),
        (70, 100, "Reading", (0.7, "Reading (70/100)")),
        (120, 100, "Over", (1.0, "Over (120/100)")),
        (3, 0, "Unknown total", (0.0, "Unknown total")),
    ],
)
def test_progress_step(done, total, label, expected):
    assert data.progress_step(done, total, label) == expected
