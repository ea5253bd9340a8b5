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
    assert data.summary(frame) == {"incidents": 6, "fatalities": 5, "places": 6, "countries": 1, "unmapped": 1}
    assert data.summary(frame.iloc[0:0]) == {"incidents": 0, "fatalities": 0, "places": 0, "countries": 0,
                                             "unmapped": 0}


def test_places_are_distinct_locations():
    frame = pd.DataFrame({
        "location": ["Kharkiv", " kharkiv ", "Kharkiv", None, None, None, float("nan")],
        "admin1": ["Kharkivska", "Kharkivska", "Kharkivska", "Donetska", "Donetska", None, None],
        "country": ["Ukraine", "Ukraine", "Ukraine", "Ukraine", "Ukraine", "Ukraine", "Syria"],
    })
    # Kharkiv once (case and spacing aside), the Donetsk province once; country-only rows are no place
    assert data.count_places(frame) == 2
    other_kharkiv = frame.assign(admin1=["Kharkivska", "Other oblast", "Kharkivska", None, None, None, None])
    assert data.count_places(other_kharkiv) == 2  # two Kharkivs, no province-only row left


def test_exports_hold_exactly_the_filtered_incidents(frame):
    import csv
    import io
    import json

    from incidents.exports import ACLED_COLUMNS

    shown = data.filter_incidents(frame, ViewState(end=D(2024, 4, 30)))  # 4 incidents, all mapped
    rows = list(csv.DictReader(io.StringIO(data.export_csv(shown).decode("utf-8"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert sorted(r["event_date"] for r in rows) == sorted(shown["event_date"])
    geo = json.loads(data.export_geojson(shown).decode("utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 4

    everything = data.filter_incidents(frame, ViewState())
    assert len(list(csv.DictReader(io.StringIO(data.export_csv(everything).decode("utf-8"))))) == 6
    assert len(json.loads(data.export_geojson(everything))["features"]) == SAMPLE_MAPPED  # no point without coordinates
    empty = data.export_csv(frame.iloc[0:0]).decode("utf-8")
    assert empty.splitlines() == [",".join(ACLED_COLUMNS)]


def test_export_names():
    assert data.export_name((D(2024, 3, 1), D(2024, 5, 20)), "csv") == "incidents_2024-03-01_2024-05-20.csv"
    assert data.export_name(None, "geojson") == "incidents.geojson"


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


# -- the filters beyond dates and types ----------------------------------------------------
@pytest.mark.parametrize(
    ("view", "locations"),
    [
        (ViewState(subs=("Armed clash",)), ["Kharkiv"]),
        (ViewState(subs=("Armed clash", "Arrests")), ["Kharkiv", "Kyiv"]),
        (ViewState(actors=("Military Forces of Russia",)), ["Kharkiv", "Odesa"]),  # actor2, then actor1
        (ViewState(actors=("military forces of RUSSIA",)), ["Kharkiv", "Odesa"]),
        (ViewState(actors=("Rioters (Ukraine)", "Police Forces of Ukraine")), ["Somewhere", "Kyiv"]),
        (ViewState(actors=("Nobody",)), []),
        (ViewState(countries=("UA",)), ["Kharkiv", "Odesa", "Lviv", None, "Somewhere", "Kyiv"]),
        (ViewState(countries=("SY",)), []),
        (ViewState(admin1=("Kharkivska", "odeska")), ["Kharkiv", "Odesa"]),
        (ViewState(min_fatalities=1), ["Kharkiv", None]),  # not reported = not enough
        (ViewState(min_fatalities=3), ["Kharkiv"]),
        (ViewState(min_fatalities=4), []),
        (ViewState(min_confidence=0.8), ["Kharkiv", "Odesa", "Kyiv"]),
        (ViewState(min_confidence=0.7000000000000001), ["Kharkiv", "Odesa", "Lviv", "Kyiv"]),
        (ViewState(min_confidence=1.0), []),
        (ViewState(q="kharkiv"), ["Kharkiv"]),  # evidence and title, any case
        (ViewState(q="DRONE STRIKE"), ["Odesa"]),  # the source title only
        (ViewState(q="stones"), ["Somewhere"]),  # the evidence only
        # regex metacharacters are plain text
        (ViewState(q="${alert("), [None]),
        (ViewState(q="</script>"), [None]),
        (ViewState(q="a.*b"), []),
        (ViewState(q="."), ["Kharkiv", "Odesa", "Lviv", None, "Somewhere", "Kyiv"]),
        (ViewState(q="[("), []),
        (ViewState(q="(1)"), []),
        (ViewState(types=("Battles", "Protests"), min_fatalities=1), ["Kharkiv"]),
        (ViewState(start=D(2024, 3, 2), countries=("UA",), min_confidence=0.75, q="a"), ["Odesa", "Kyiv"]),
    ],
)
def test_filters(frame, view, locations):
    shown = data.filter_incidents(frame, view)
    assert [None if pd.isna(v) else v for v in shown["location"]] == locations


def test_filter_options(frame):
    options = data.filter_options(frame)
    assert options["countries"] == {"UA": "Ukraine"}
    assert options["admin1"] == ["Donetska", "Kharkivska", "Kyiv City", "Lvivska", "Odeska"]
    assert "Military Forces of Russia" in options["actors"] and len(options["actors"]) == len(set(options["actors"])) == 6


def test_timeline_frame_counts_per_day_and_type(frame):
    counts = data.timeline_frame(frame)
    assert list(counts.columns) == ["date", "event_type", "incidents"]
    assert counts["incidents"].sum() == 6
    doubled = data.timeline_frame(pd.concat([frame, frame.iloc[[0]]]))
    assert doubled.iloc[0].to_dict() == {"date": pd.Timestamp("2024-03-01"), "event_type": "Battles", "incidents": 2}
    assert data.timeline_frame(frame.iloc[0:0]).empty


def test_timeline_chart_uses_the_legend_colours(frame):
    from dashboard.map_view import EVENT_TYPE_COLORS
    from dashboard.timeline import timeline_chart

    spec = timeline_chart(frame).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == EVENT_TYPE_COLORS
    assert timeline_chart(frame.iloc[0:0]).to_dict()["mark"]["type"] == "bar"


def test_density_grid_sizes_cells_to_the_extent_and_keeps_every_incident():
    import numpy as np

    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"latitude": rng.uniform(30, 40, 5000), "longitude": rng.uniform(10, 30, 5000)})
    frame.loc[0, "latitude"] = None  # unmapped rows are left out
    size, cells = data.density_grid(frame, max_cells=800)
    assert cells["incidents"].sum() == 4999
    assert (10 // size + 1) * (20 // size + 1) <= 800 and size > 0.4  # the grid fits, and uses most of the budget
    assert (cells["north"] - cells["south"]).round(6).eq(round(size, 6)).all()
    assert cells["incidents"].is_monotonic_decreasing
    assert ((cells["south"] <= 40) & (cells["north"] >= 30)).all()
    one = frame.iloc[1:2]
    size1, cells1 = data.density_grid(one)
    assert len(cells1) == 1 and cells1["incidents"].tolist() == [1]
    assert data.density_grid(frame.iloc[0:0])[1].empty


def test_province_counts():
    frame = pd.DataFrame({
        "latitude": [1.0, 3.0, 5.0, 7.0, None], "longitude": [1.0, 1.0, 2.0, 2.0, 2.0],
        "country": ["Sudan", "sudan", "Sudan", "Chad", "Chad"],
        "admin1": ["Khartoum", " khartoum ", "Darfur", None, "Ouaddai"],
        "fatalities": [2, None, 1, 5, 9],
    })
    counts = data.province_counts(frame)
    assert counts[["country", "admin1", "incidents", "fatalities"]].values.tolist() == [
        ["Sudan", "Khartoum", 2, 2], ["Sudan", "Darfur", 1, 1]]
    assert counts.loc[0, "latitude"] == 2.0
    assert data.province_counts(frame.iloc[0:0]).empty
