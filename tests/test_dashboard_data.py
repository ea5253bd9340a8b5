"""dashboard.query and dashboard.data: the page's questions asked in SQL of real stores,
SQLite and PostgreSQL alike (PostgreSQL skipped only when its server binaries are absent)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard_fixtures import HOSTILE_ACTOR, HOSTILE_URL, SAMPLE_MAPPED, make_store, merged_incidents, sample_incidents
from dashboard import data, query
from dashboard.view_state import ViewState
from incidents.record import Incident
from incidents.store import FRAME_COLUMNS, Store, database_url
from postgres_server import postgres_server, postgres_url  # noqa: F401  (session fixtures)

D = dt.date
_numbers = itertools.count(1)


def _fresh_store(kind: str, request, tmp_path_factory, incidents: list[Incident] | None = None):
    """A store of `kind` holding `incidents` (the six samples by default), and how to drop it."""
    if kind == "sqlite":
        url = make_store(tmp_path_factory.mktemp("store") / "incidents.sqlite", incidents)
        return Store(url), lambda: None
    server_url = request.getfixturevalue("postgres_url")
    name = f"dash{next(_numbers)}_{os.getpid()}"
    admin = sa.create_engine(database_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    store = Store(server_url.rsplit("/", 1)[0] + "/" + name)
    for number, incident in enumerate(sample_incidents() if incidents is None else incidents):
        store.add_article(content_hash=f"test-article-{number}", incidents_found=[incident],
                          title=incident.source_title, url=incident.source_url, published=incident.published)

    def drop():
        store.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return store, drop


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory):
    store, drop = _fresh_store(request.param, request, tmp_path_factory)
    try:
        yield store.engine
    finally:
        store.dispose()
        drop()


def locations(engine, view: ViewState) -> list[str | None]:
    """The view's incidents' locations, oldest first."""
    return [row["location"] for row in query.iter_incidents(engine, view)]


def test_date_extent(engine):
    assert query.date_extent(engine) == (D(2024, 3, 1), D(2024, 5, 20))


def test_date_extent_of_an_empty_store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    assert query.date_extent(store.engine, today=D(2025, 1, 2)) == (D(2025, 1, 2), D(2025, 1, 2))
    assert query.summary(store.engine, ViewState()) == {"incidents": 0, "fatalities": 0, "places": 0,
                                                        "countries": 0, "unmapped": 0}
    assert query.timeline(store.engine, ViewState()).empty
    assert query.bounds(store.engine, ViewState()) is None
    assert query.density_grid(store.engine, ViewState())[1].empty
    assert query.province_counts(store.engine, ViewState()).empty
    store.dispose()


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
def test_dates_and_types(engine, view, count):
    assert query.summary(engine, view)["incidents"] == count
    assert len(list(query.iter_incidents(engine, view))) == count


# -- the filters beyond dates and types ----------------------------------------------------
@pytest.mark.parametrize(
    ("view", "expected"),
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
        # pattern characters of regexes and of SQL LIKE are plain text
        (ViewState(q="${alert("), [None]),
        (ViewState(q="</script>"), [None]),
        (ViewState(q="a.*b"), []),
        (ViewState(q="."), ["Kharkiv", "Odesa", "Lviv", None, "Somewhere", "Kyiv"]),
        (ViewState(q="[("), []),
        (ViewState(q="(1)"), []),
        (ViewState(q="%"), []),
        (ViewState(q="_"), []),
        (ViewState(q="near%odesa"), []),
        (ViewState(q="k_arkiv"), []),
        (ViewState(q="'; drop table incidents; --"), []),
        (ViewState(types=("Battles", "Protests"), min_fatalities=1), ["Kharkiv"]),
        (ViewState(start=D(2024, 3, 2), countries=("UA",), min_confidence=0.75, q="a"), ["Odesa", "Kyiv"]),
    ],
)
def test_filters(engine, view, expected):
    assert locations(engine, view) == expected
    assert query.summary(engine, view)["incidents"] == len(expected)


def test_unreadable_dates_pass_only_without_a_date_filter(request, tmp_path_factory):
    store, drop = _fresh_store("sqlite", request, tmp_path_factory)
    with store.engine.begin() as conn:  # a row written by some other tool
        conn.execute(sa.text("UPDATE incidents SET event_date = 'sometime' WHERE location = 'Kharkiv'"))
    try:
        assert query.summary(store.engine, ViewState())["incidents"] == 6
        assert query.summary(store.engine, ViewState(start=D(2000, 1, 1)))["incidents"] == 5
        assert query.summary(store.engine, ViewState(end=D(2100, 1, 1)))["incidents"] == 5
        assert query.date_extent(store.engine) == (D(2024, 3, 5), D(2024, 5, 20))
        assert query.timeline(store.engine, ViewState())["incidents"].sum() == 5
    finally:
        store.dispose()
        drop()


# -- text in any script: search, actors and provinces fold case beyond ASCII -------------------
def _cyrillic() -> list[Incident]:
    base = sample_incidents()[0]
    from dataclasses import replace

    return [
        replace(base, actor1="Збройні сили України", admin1="Харківська", location="Харків",
                evidence="Обстріл у Харкові: загинули троє.", source_title="ÄRZTE OHNE GRENZEN berichten"),
        replace(base, event_date="2024-03-02", actor1="збройні сили україни", admin1="  харківська ",
                location="Ізюм", latitude=49.2, longitude=37.25, evidence="Бої біля Ізюма.", source_title=None),
        replace(base, event_date="2024-03-03", actor1="Σώματα ασφαλείας", admin1="Attiki", location="Athens",
                latitude=37.98, longitude=23.73, evidence="ΣΥΓΚΡΟΥΣΕΙΣ στην Αθήνα.", source_title="Straße gesperrt"),
    ]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def cyrillic(request, tmp_path_factory):
    store, drop = _fresh_store(request.param, request, tmp_path_factory, _cyrillic())
    try:
        yield store.engine
    finally:
        store.dispose()
        drop()


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (ViewState(q="харков"), ["Харків"]),
        (ViewState(q="ХАРКОВІ"), ["Харків"]),
        (ViewState(q="ізюма"), ["Ізюм"]),
        (ViewState(q="ärzte"), ["Харків"]),  # in the title
        (ViewState(q="STRASSE"), []),  # lower case, not case folding: ß stays ß
        (ViewState(q="STRAßE"), ["Athens"]),
        (ViewState(q="συγκρου"), ["Athens"]),  # from ΣΥΓΚΡΟΥΣΕΙΣ
        (ViewState(actors=("ЗБРОЙНІ СИЛИ УКРАЇНИ",)), ["Харків", "Ізюм"]),
        (ViewState(admin1=("харківська",)), ["Харків", "Ізюм"]),
    ],
)
def test_text_matching_folds_case_in_every_script(cyrillic, view, expected):
    assert locations(cyrillic, view) == expected


def test_provinces_alike_up_to_case_and_spacing_are_one(cyrillic):
    counts = query.province_counts(cyrillic, ViewState())
    assert counts[["admin1", "incidents"]].values.tolist() == [["Харківська", 2], ["Attiki", 1]]


def test_filter_options_offer_what_is_stored(engine):
    options = query.filter_options(engine)
    assert options["countries"] == {"UA": "Ukraine"}
    assert options["admin1"] == ["Donetska", "Kharkivska", "Kyiv City", "Lvivska", "Odeska"]
    assert "Military Forces of Russia" in options["actors"] and len(options["actors"]) == len(set(options["actors"])) == 6


# -- the numbers, the timeline, the map's aggregates -------------------------------------------
def test_summary(engine):
    assert query.summary(engine, ViewState()) == {"incidents": 6, "fatalities": 5, "places": 6, "countries": 1,
                                                  "unmapped": 1}
    assert query.summary(engine, ViewState(types=("Battles", "Protests"))) == {
        "incidents": 2, "fatalities": 3, "places": 2, "countries": 1, "unmapped": 0}


def test_places_are_distinct_locations(request, tmp_path_factory):
    base = sample_incidents()[2]
    from dataclasses import replace

    rows = [("Kharkiv", "Kharkivska", "Ukraine"), (" kharkiv ", "Kharkivska", "Ukraine"), ("Kharkiv", "kharkivska", "Ukraine"),
            (None, "Donetska", "Ukraine"), (None, "Donetska", "Ukraine"), (None, None, "Ukraine"), (None, None, "Syria")]
    store, drop = _fresh_store("sqlite", request, tmp_path_factory,
                               [replace(base, location=a, admin1=b, country=c) for a, b, c in rows])
    try:
        # Kharkiv once (case and spacing aside), the Donetsk province once; country-only rows are no place
        assert query.summary(store.engine, ViewState())["places"] == 2
        assert query.summary(store.engine, ViewState())["countries"] == 2
    finally:
        store.dispose()
        drop()


def test_bounds(engine):
    assert query.bounds(engine, ViewState()) == [[46.48, 24.03], [50.45, 37.8]]
    assert query.bounds(engine, ViewState(types=("Riots",))) is None  # its one incident has no coordinates


def test_timeline_counts_per_day_and_type(engine):
    counts = query.timeline(engine, ViewState())
    assert list(counts.columns) == ["date", "event_type", "incidents"]
    assert counts["incidents"].sum() == 6
    assert counts.iloc[0].to_dict() == {"date": pd.Timestamp("2024-03-01"), "event_type": "Battles", "incidents": 1}
    assert query.timeline(engine, ViewState(types=("Riots",)))["incidents"].tolist() == [1]
    assert query.timeline(engine, ViewState(start=D(2030, 1, 1))).empty


def test_timeline_chart_data_per_day_and_type_in_the_legend_colours(engine):
    import pandas as pd

    from dashboard.map_view import EVENT_TYPE_COLORS
    from dashboard.timeline import timeline_data

    data = timeline_data(query.timeline(engine, ViewState()))
    days = [dt.date(1970, 1, 1) + dt.timedelta(days=d) for d in data["days"]]
    assert days == sorted(days) and days[0] == D(2024, 3, 1) and days[-1] == D(2024, 5, 20)
    assert [t["name"] for t in data["types"]] == [t for t in EVENT_TYPE_COLORS if t in {t["name"] for t in data["types"]}]
    assert all(t["color"] == EVENT_TYPE_COLORS[t["name"]] for t in data["types"])
    assert all(len(t["counts"]) == len(days) for t in data["types"])
    assert sum(sum(t["counts"]) for t in data["types"]) == query.timeline(engine, ViewState())["incidents"].sum()
    # an unknown type comes last, grey; nothing dated gives an empty chart that says so
    odd = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-01-01"]), "event_type": ["Looting", "Riots"],
                        "incidents": [2, 3]})
    data = timeline_data(odd)
    assert [(t["name"], t["counts"]) for t in data["types"]] == [("Riots", [3, 0]), ("Looting", [0, 2])]
    assert data["types"][1]["color"] == "#777777"
    empty = timeline_data(query.timeline(engine, ViewState(start=D(2030, 1, 1))))
    assert empty["days"] == [] and "No dated incidents" in empty["title"]


def test_newest(engine):
    frame = query.newest(engine, ViewState(), 3)
    assert frame["event_date"].tolist() == ["2024-05-20", "2024-04-15", "2024-04-02"]
    mapped = query.newest(engine, ViewState(), 3, mapped_only=True)
    assert mapped["event_date"].tolist() == ["2024-05-20", "2024-04-02", "2024-03-10"]  # the Riots one has no point
    assert len(query.newest(engine, ViewState(), 100)) == 6


def test_density_grid_sizes_cells_to_the_extent_and_keeps_every_incident(request, tmp_path_factory):
    import random

    rng = random.Random(1)
    base = sample_incidents()[0]
    from dataclasses import replace

    points = [replace(base, latitude=rng.uniform(30, 40), longitude=rng.uniform(10, 30)) for _ in range(2000)]
    points[0] = replace(points[0], latitude=None, longitude=None)  # unmapped rows are left out
    store, drop = _fresh_store("sqlite", request, tmp_path_factory, points)
    try:
        size, cells = query.density_grid(store.engine, ViewState(), max_cells=800)
        assert cells["incidents"].sum() == 1999
        assert (10 // size + 1) * (20 // size + 1) <= 800 and size > 0.4  # the grid fits, and uses most of the budget
        assert (cells["north"] - cells["south"]).round(6).eq(round(size, 6)).all()
        assert cells["incidents"].is_monotonic_decreasing
        assert ((cells["south"] <= 40) & (cells["north"] >= 30)).all()
        # every point lies in its cell
        lat, lon = points[1].latitude, points[1].longitude
        assert ((cells["south"] <= lat + 1e-9) & (cells["north"] >= lat - 1e-9)
                & (cells["west"] <= lon + 1e-9) & (cells["east"] >= lon - 1e-9)).any()
    finally:
        store.dispose()
        drop()


def test_density_grid_of_the_samples(engine):
    size, cells = query.density_grid(engine, ViewState())
    assert cells["incidents"].sum() == SAMPLE_MAPPED and size > 0
    size1, cells1 = query.density_grid(engine, ViewState(types=("Battles",)))
    assert len(cells1) == 1 and cells1["incidents"].tolist() == [1]
    assert query.density_grid(engine, ViewState(types=("Riots",)))[1].empty


def test_province_counts(engine):
    counts = query.province_counts(engine, ViewState())
    assert counts["incidents"].tolist() == [1] * 5  # the Riots incident has no point (nor province)
    assert counts["admin1"].tolist() == ["Donetska", "Kharkivska", "Kyiv City", "Lvivska", "Odeska"]
    (khar,) = counts[counts["admin1"] == "Kharkivska"].to_dict("records")
    assert (khar["country"], khar["fatalities"], khar["latitude"], khar["longitude"]) == ("Ukraine", 3, 49.99, 36.23)


# -- the table and the downloads ----------------------------------------------------------------
def test_exports_hold_exactly_the_filtered_incidents(engine):
    from incidents.exports import ACLED_COLUMNS

    view = ViewState(end=D(2024, 4, 30))  # 5 incidents; the Riots one has no coordinates
    rows = list(csv.DictReader(io.StringIO(data.export_csv(query.iter_incidents(engine, view)).decode("utf-8"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert [r["event_date"] for r in rows] == ["2024-03-01", "2024-03-05", "2024-03-10", "2024-04-02",
                                                  "2024-04-15"]
    geo = json.loads(data.export_geojson(query.iter_incidents(engine, view)).decode("utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 4

    everything = list(query.iter_incidents(engine, ViewState(), batch=2))
    assert len(list(csv.DictReader(io.StringIO(data.export_csv(everything).decode("utf-8"))))) == 6
    assert len(json.loads(data.export_geojson(everything))["features"]) == SAMPLE_MAPPED  # no point without coordinates
    empty = data.export_csv(query.iter_incidents(engine, ViewState(start=D(2030, 1, 1)))).decode("utf-8")
    assert empty.splitlines() == [",".join(ACLED_COLUMNS)]


def test_export_names():
    assert data.export_name((D(2024, 3, 1), D(2024, 5, 20)), "csv") == "incidents_2024-03-01_2024-05-20.csv"
    assert data.export_name(None, "geojson") == "incidents.geojson"


def test_table_frame(engine):
    table = data.table_frame(query.newest(engine, ViewState(), data.TABLE_ROWS))
    assert list(table.columns) == list(data.TABLE_COLUMNS.values())
    assert table["Date"].iloc[0] == "2024-05-20"  # newest first
    assert HOSTILE_URL not in set(table["Link"].dropna())
    assert len(table) == 6
    assert data.table_ids(table) == [6, 5, 4, 3, 2, 1]  # what a row selection maps back to


def test_table_caption():
    assert data.table_caption(6, 6) is None
    assert data.table_caption(1000, 100_000) == ("Showing the newest 1,000 of 100,000 incidents in view; "
                                                 "the downloads below hold all of them.")


def test_load_incidents_reads_a_whole_small_store(engine):
    store = Store(engine.url.render_as_string(hide_password=False))
    frame = data.load_incidents(store)
    store.dispose()
    assert len(frame) == 6
    assert frame["date"].iloc[0] == D(2024, 3, 1)
    assert str(frame["fatalities"].dtype) == "Int64"
    assert len(data.mappable(frame)) == SAMPLE_MAPPED


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


# -- one incident, for the details panel -------------------------------------------------
def test_incident_by_id_whatever_the_filters(engine):
    row = query.incident(engine, 1)
    assert row["location"] == "Kharkiv" and row["id"] == 1 and set(row) == set(FRAME_COLUMNS)
    assert query.incident(engine, 4)["actor1"] == HOSTILE_ACTOR
    assert query.incident(engine, 999) is None


@pytest.mark.parametrize(
    ("view", "incident_id", "inside"),
    [
        (ViewState(), 1, True),
        (ViewState(types=("Battles",)), 1, True),
        (ViewState(types=("Riots",)), 1, False),
        (ViewState(start=D(2024, 3, 2)), 1, False),
        (ViewState(q="kharkiv"), 1, True),
        (ViewState(), 999, False),
    ],
)
def test_in_view(engine, view, incident_id, inside):
    assert query.in_view(engine, view, incident_id) is inside


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("[a](javascript:x)", "\\[a\\]\\(javascript\\:x\\)"),
        ("**bold** _it_ `code` $x$", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\$x\\$"),
        ("www.example.org https://e.x", "www\\.example\\.org https\\://e\\.x"),  # no autolinks
        ("# not a heading\n- not a list", "\\# not a heading \\- not a list"),
        ("back\\slash", "back\\\\slash"),
        (12, "12"),
    ],
)
def test_md_escape(text, expected):
    assert data.md_escape(text) == expected


@pytest.mark.parametrize(
    ("label", "url", "expected"),
    [
        ("Clashes (near) Kharkiv", "https://news.example/k(1) x",
         "[Clashes \\(near\\) Kharkiv](<https://news.example/k%281%29%20x>)"),
        ("x", "https://e.x/a>b<c", "[x](<https://e.x/a%3Eb%3Cc>)"),
        ("title", HOSTILE_URL, "title"),
        ("[t]", None, "\\[t\\]"),
    ],
)
def test_md_link(label, url, expected):
    assert data.md_link(label, url) == expected


# -- events: reports merged by incidents/merge.py count and show once -------------------------
@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def merged(request, tmp_path_factory):
    from incidents.merge import merge_pending

    store, drop = _fresh_store(request.param, request, tmp_path_factory, merged_incidents())
    try:
        summary = merge_pending(store, clock=lambda: dt.datetime(2024, 6, 1))
        assert summary.joined == 1
        yield store
    finally:
        store.dispose()
        drop()


def _ids(store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.text("SELECT source_title, id FROM incidents")).all())


def test_events_count_once_and_all_reports_count_each(merged):
    events, reports = ViewState(), ViewState(reports="all")
    assert query.summary(merged.engine, events)["incidents"] == 2
    assert query.summary(merged.engine, reports)["incidents"] == 3
    assert query.summary(merged.engine, events)["fatalities"] == 3  # the head's own count (see query's docstring)
    assert query.timeline(merged.engine, events)["incidents"].sum() == 2
    assert query.timeline(merged.engine, reports)["incidents"].sum() == 3
    assert query.density_grid(merged.engine, events)[1]["incidents"].sum() == 2
    assert query.province_counts(merged.engine, events)["incidents"].sum() == 2
    assert query.province_counts(merged.engine, reports)["incidents"].sum() == 3
    assert len(query.newest(merged.engine, events, 10)) == 2
    assert len(query.newest(merged.engine, reports, 10)) == 3


def test_filters_apply_to_the_heads_own_fields(merged):
    # the second report's type and evidence do not bring its event into view
    assert query.summary(merged.engine, ViewState(types=("Explosions/Remote violence",)))["incidents"] == 0
    assert query.summary(merged.engine, ViewState(q="shelling"))["incidents"] == 0
    assert query.summary(merged.engine, ViewState(q="shelling", reports="all"))["incidents"] == 1
    assert query.summary(merged.engine, ViewState(types=("Battles",)))["incidents"] == 1


def test_the_shown_rows_are_combined_records(merged):
    ids = _ids(merged)
    head, second, lone = ids["Clashes near Kharkiv"], ids["Shelling in Kharkiv"], ids["March in Lviv"]
    frame = query.combined(merged, query.newest(merged.engine, ViewState(), 10))
    assert list(frame["id"]) == [lone, head]  # newest first, as newest gave them
    event = frame[frame["id"] == head].iloc[0]
    assert event["sources"] == 2 and sorted(event["member_ids"]) == [head, second]
    assert event["fatalities"] == 2  # the lowest count any report gives
    assert "three died" in event["evidence"] and "two died" in event["evidence"]
    table = data.table_frame(frame)
    assert list(table["Reports"]) == [1, 2]
    assert list(table["Source"]) == ["March in Lviv", "Clashes near Kharkiv (+ 1 more)"]
    assert query.combined(merged, query.newest(merged.engine, ViewState(q="nothing at all"), 10)).empty


def test_event_of_a_report(merged):
    ids = _ids(merged)
    assert query.event_of(merged.engine, ids["Shelling in Kharkiv"]) == ids["Clashes near Kharkiv"]
    assert query.event_of(merged.engine, ids["Clashes near Kharkiv"]) == ids["Clashes near Kharkiv"]
    assert query.event_of(merged.engine, ids["March in Lviv"]) == ids["March in Lviv"]
    assert query.event_of(merged.engine, 999_999) is None


def test_event_downloads_hold_every_source(merged):
    records = list(query.iter_events(merged, ViewState()))
    assert records == merged.events_by_id([r["id"] for r in records])  # the same records, two queries in all
    rows = list(map(data.event_export_row, records))
    assert len(rows) == 2
    parsed = list(csv.DictReader(io.StringIO(data.export_csv(rows).decode("utf-8"))))
    kharkiv = next(r for r in parsed if r["location"] == "Kharkiv")
    assert kharkiv["source"] == ("Clashes near Kharkiv (https://news.example/kharkiv); "
                                 "Shelling in Kharkiv (https://other.example/shelling)")
    assert kharkiv["notes"] == "Troops clashed near Kharkiv; three died. | Shelling hit Kharkiv; two died."
    assert kharkiv["fatalities"] == "2"
    lviv = next(r for r in parsed if r["location"] == "Lviv")
    assert lviv["source"] == "March in Lviv (https://news.example/lviv)"
    geo = json.loads(data.export_geojson(rows))
    assert len(geo["features"]) == 2
    assert {f["properties"]["source"] for f in geo["features"] if "source" in f["properties"]} == {
        kharkiv["source"]}
    every = list(map(data.event_export_row, query.iter_events(merged, ViewState(reports="all"))))
    assert len(every) == 3 and all("sources" not in row for row in every)


def test_a_store_without_the_merge_table_shows_every_incident(tmp_path):
    url = make_store(tmp_path / "old.sqlite", merged_incidents())
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # a store written before merging existed
        conn.execute(sa.text("DROP TABLE event_links"))
    try:
        assert query.summary(engine, ViewState())["incidents"] == 3
        assert query.event_of(engine, 1) == 1
    finally:
        engine.dispose()


# -- the indexes behind the newest rows, the timeline and the density grid --------------------
def _index_names(engine) -> set[str]:
    return {i["name"] for i in sa.inspect(engine).get_indexes("incidents")}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
@pytest.mark.parametrize("INDEX", ["ix_incidents_event_date_id", "ix_incidents_event_date_type", "ix_incidents_point"])
def test_the_dashboard_indexes_are_created_and_added_to_older_stores(kind, INDEX, request, tmp_path_factory):  # noqa: N803
    store, drop = _fresh_store(kind, request, tmp_path_factory)
    try:
        assert INDEX in _index_names(store.engine)  # a new store: create_all made it
        with store.engine.begin() as conn:  # a store from before the index
            conn.execute(sa.text(f"DROP INDEX {INDEX}"))
        assert INDEX not in _index_names(store.engine)
        reader = Store(store.url, read_only=True)  # a read-only opener writes nothing
        assert INDEX not in _index_names(reader.engine)
        reader.dispose()
        for _ in range(2):  # opened for writing: added once, then left as it is
            again = Store(store.url)
            assert INDEX in _index_names(again.engine)
            again.dispose()
        assert query.summary(store.engine, ViewState())["incidents"] == 6
    finally:
        store.dispose()
        drop()


def test_the_timeline_reads_only_its_covering_index(tmp_path):
    """Counting per day and type never visits the table (SQLite's plan says so; PostgreSQL
    chooses its plan by table statistics, so a handful of rows would say nothing there)."""
    engine = Store(make_store(tmp_path / "incidents.sqlite")).engine
    with engine.connect() as conn:
        dialect = query.Dialect(conn)
        statement = (sa.select(query.T.c.event_date, query.T.c.event_type, sa.func.count())
                     .where(*query.conditions(ViewState(), dialect), query.DATED)
                     .group_by(query.T.c.event_date, query.T.c.event_type))
        compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    engine.dispose()
    assert "COVERING INDEX ix_incidents_event_date_type" in plan, plan
