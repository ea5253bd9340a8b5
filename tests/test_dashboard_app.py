"""The Streamlit page, run headless with AppTest against a temp SQLite store."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_fixtures import REPO_ROOT, make_store, merged_incidents, sample_incidents
from dashboard.copy_link import COMPONENT_NAME as COPY_LINK
from dashboard.timeline import COMPONENT_NAME as TIMELINE
from incidents.store import Store

APP = str(REPO_ROOT / "dashboard" / "app.py")
TIMEOUT = 60
D = dt.date


@pytest.fixture()
def store_url(tmp_path, monkeypatch):
    url = make_store(tmp_path / "incidents.sqlite")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MAP_TILES", "none")
    monkeypatch.chdir(REPO_ROOT)  # where .streamlit/config.toml is
    return url


def run_app(query_params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if query_params:
        at.query_params.update(query_params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def link_notices(at: AppTest) -> list[str]:
    """The notices about the link (other warnings, e.g. on the server config, aside)."""
    return [w.value for w in at.warning if w.icon == ":material/link_off:"]


def shown_link(at: AppTest) -> str:
    """The share link the sidebar's copy-link component was given (one on the page)."""
    (link,) = [json.loads(el.proto.json)["url"] for el in at.get("bidi_component")
               if el.proto.component_name == COPY_LINK]
    return link


def incidents_metric(at: AppTest) -> str:
    (metric,) = [m for m in at.metric if m.label == "Incidents"]
    return metric.value


def test_shows_every_incident_by_default(store_url):
    at = run_app()
    assert at.title[0].value == "Conflict incidents"
    assert incidents_metric(at) == "6"
    assert at.date_input(key="filter_dates").value == (D(2024, 3, 1), D(2024, 5, 20))
    assert at.multiselect(key="filter_types").value == []
    assert not link_notices(at)
    assert dict(at.query_params) == {}  # the defaults leave the URL clean
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 6


def test_query_params_filter_the_view(store_url):
    at = run_app({"start": "2024-03-01", "end": "2024-03-31", "types": "Battles,Explosions/Remote violence"})
    assert incidents_metric(at) == "2"
    assert at.date_input(key="filter_dates").value == (D(2024, 3, 1), D(2024, 3, 31))
    assert at.multiselect(key="filter_types").value == ["Battles", "Explosions/Remote violence"]
    assert len(at.dataframe[0].value) == 2
    # the URL keeps what differs from the defaults (start is the first incident's date)
    assert dict(at.query_params) == {"end": "2024-03-31", "types": "Battles,Explosions/Remote violence"}
    assert not link_notices(at)


def test_changing_the_widgets_writes_the_url(store_url):
    at = run_app()
    at.multiselect(key="filter_types").set_value(["Protests", "Battles"]).run()
    assert not at.exception
    assert incidents_metric(at) == "2"
    assert dict(at.query_params) == {"types": "Battles,Protests"}

    at.date_input(key="filter_dates").set_value((D(2024, 3, 2), D(2024, 4, 30))).run()
    assert not at.exception
    assert incidents_metric(at) == "1"  # the Lviv protest; the Kharkiv battle was on 1 March
    assert dict(at.query_params) == {"start": "2024-03-02", "end": "2024-04-30", "types": "Battles,Protests"}

    at.multiselect(key="filter_types").set_value([]).run()
    at.date_input(key="filter_dates").set_value((D(2024, 3, 1), D(2024, 5, 20))).run()
    assert incidents_metric(at) == "6"
    assert dict(at.query_params) == {}


def test_a_new_link_in_the_same_session_is_applied(store_url):
    at = run_app()
    at.query_params.clear()
    at.query_params["types"] = "Riots"
    at.run()
    assert not at.exception
    assert incidents_metric(at) == "1"
    assert at.multiselect(key="filter_types").value == ["Riots"]


def test_bad_params_give_notices_not_errors(store_url):
    at = run_app({"start": "2024-13-01", "end": "not-a-date", "types": "Battles,Aliens", "zoom_level": "4"})
    assert incidents_metric(at) == "1"
    notices = " ".join(link_notices(at))
    for word in ("start", "end", "Aliens", "zoom_level"):
        assert word in notices
    assert dict(at.query_params) == {"types": "Battles"}  # cleaned
    # the notices stay until the analyst changes a filter
    at.run()
    assert len(link_notices(at)) == 4
    at.multiselect(key="filter_types").set_value(["Riots"]).run()
    assert not link_notices(at)
    assert incidents_metric(at) == "1"


def test_start_after_end_is_swapped(store_url):
    at = run_app({"start": "2024-04-30", "end": "2024-03-02"})
    assert incidents_metric(at) == "4"
    assert "swapped" in " ".join(link_notices(at))
    assert dict(at.query_params) == {"start": "2024-03-02", "end": "2024-04-30"}


def test_dates_outside_the_data(store_url):
    at = run_app({"start": "2030-01-01"})
    assert incidents_metric(at) == "0"
    assert not at.exception


@pytest.fixture()
def downloads(monkeypatch):
    """The deferred files registered by st.download_button, by file id: the callable that
    builds the file on a click, its type and its name (AppTest keeps no server to click)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    saved: dict[str, tuple[object, str | None, str | None]] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        saved[file_id] = (data_callable, mimetype, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return saved


def downloaded(at: AppTest, label: str, saved: dict) -> tuple[bytes, str, str | None]:
    """The content, type and file name behind the download button labelled `label`.

    The page builds its files only when a button is clicked (a deferred download):
    nothing is built by the run itself; this calls what the server calls on a click."""
    (button,) = [b for b in at.download_button if b.label == label]
    assert button.proto.url == "" and button.proto.deferred_file_id  # not built before the click
    build, mime, name = saved[button.proto.deferred_file_id]
    return build(), mime, name


def test_downloads_export_exactly_the_filtered_incidents(store_url, downloads):
    import csv
    import io
    import json

    # four incidents in view; the Riots one has no coordinates
    at = run_app({"end": "2024-04-30", "types": "Battles,Explosions/Remote violence,Violence against civilians,Riots"})
    assert incidents_metric(at) == "4"
    assert [b.label for b in at.download_button] == ["CSV (ACLED columns)", "GeoJSON"]

    content, mime, name = downloaded(at, "CSV (ACLED columns)", downloads)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert mime == "text/csv" and name == "incidents_2024-03-01_2024-04-30.csv"
    assert len(rows) == 4
    assert sorted(r["event_type"] for r in rows) == ["Battles", "Explosions/Remote violence", "Riots",
                                                     "Violence against civilians"]
    assert {"event_id_cnty", "disorder_type", "interaction", "notes"} <= set(rows[0])  # ACLED's columns

    content, mime, name = downloaded(at, "GeoJSON", downloads)
    geo = json.loads(content)
    assert mime == "application/geo+json" and name == "incidents_2024-03-01_2024-04-30.geojson"
    assert sorted(f["properties"]["event_type"] for f in geo["features"]) == [
        "Battles", "Explosions/Remote violence", "Violence against civilians"]  # points only

    # another filter, other files
    at.multiselect(key="filter_types").set_value(["Battles"]).run()
    assert incidents_metric(at) == "1"
    content, _, _ = downloaded(at, "CSV (ACLED columns)", downloads)
    assert [r["location"] for r in csv.DictReader(io.StringIO(content.decode("utf-8")))] == ["Kharkiv"]
    content, _, _ = downloaded(at, "GeoJSON", downloads)
    assert [f["geometry"]["coordinates"] for f in json.loads(content)["features"]] == [[36.23, 49.99]]


def test_places_metric(store_url):
    at = run_app({"types": "Battles,Protests"})
    (places,) = [m for m in at.metric if m.label == "Places"]
    assert places.value == "2"
    assert [m.label for m in at.metric] == ["Incidents", "Fatalities (reported)", "Places", "Countries"]


def test_empty_store_builds_the_demo_data_with_progress(gazetteer, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MAP_TILES", "none")
    at = run_app()
    store = Store(url)
    stored = store.count_incidents()
    assert store.count_articles() >= 30 and stored >= 30
    assert incidents_metric(at) == str(stored)
    (status,) = at.status
    assert f"Demo store ready: {stored} incidents" in status.label
    assert len(status.get("progress")) == 1
    at.run()  # a second run does not build again
    assert not at.status
    assert store.count_incidents() == stored
    store.dispose()


def test_a_failing_demo_build_is_reported_on_the_page(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    monkeypatch.setenv("MAP_TILES", "none")
    not_a_directory = tmp_path / "geo-data"
    not_a_directory.write_text("a file where the gazetteer's folder should be")
    monkeypatch.setenv("GEO_DATA_DIR", str(not_a_directory))
    at = run_app()
    assert "Could not build the demo store" in at.error[0].value
    assert at.status[0].state == "error"
    assert not at.metric


# -- the filters beyond dates and types: each one from the URL, each one into the URL ---------
@pytest.mark.parametrize(
    ("params", "count", "widget", "value"),
    [
        ({"subs": "Armed clash,Arrests"}, "2", "filter_subs", ["Armed clash", "Arrests"]),
        ({"actors": "Military Forces of Russia"}, "2", "filter_actors", ["Military Forces of Russia"]),
        ({"country": "ua"}, "6", "filter_countries", ["UA"]),
        ({"admin1": "Kharkivska,Odeska"}, "2", "filter_admin1", ["Kharkivska", "Odeska"]),
        ({"min_fatalities": "1"}, "2", "filter_min_fatalities", 1),
        ({"min_confidence": "0.8"}, "3", "filter_min_confidence", 0.8),
        ({"q": "DRONE"}, "1", "filter_q", "DRONE"),
        ({"q": "a.*b"}, "0", "filter_q", "a.*b"),
    ],
)
def test_query_params_set_each_filter(store_url, params, count, widget, value):
    at = run_app(params)
    assert not link_notices(at)
    assert incidents_metric(at) == count
    assert at.session_state[widget] == value
    expected = {"country": "UA"} if "country" in params else params
    assert dict(at.query_params) == expected


def test_changing_each_filter_writes_the_url(store_url):
    at = run_app()
    at.multiselect(key="filter_types").set_value(["Battles", "Strategic developments"]).run()
    # only the sub-types of the chosen types are offered
    assert at.multiselect(key="filter_subs").options == [
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Agreement", "Arrests",
        "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
        "Looting/property destruction", "Non-violent transfer of territory", "Other"]
    at.multiselect(key="filter_subs").set_value(["Armed clash", "Arrests"]).run()
    assert dict(at.query_params) == {"types": "Battles,Strategic developments", "subs": "Armed clash,Arrests"}
    assert incidents_metric(at) == "2"
    at.multiselect(key="filter_types").set_value(["Battles"]).run()  # Arrests is no longer offered
    assert at.multiselect(key="filter_subs").value == ["Armed clash"]
    assert dict(at.query_params) == {"types": "Battles", "subs": "Armed clash"}
    at.multiselect(key="filter_types").set_value([]).run()
    at.multiselect(key="filter_subs").set_value([]).run()
    assert dict(at.query_params) == {}

    russia = {"actors": "Military Forces of Russia"}
    steps = [  # (change, the whole URL after it, the Incidents metric)
        (lambda: at.multiselect(key="filter_actors").set_value(["Military Forces of Russia"]), russia, "2"),
        (lambda: at.multiselect(key="filter_countries").set_value(["UA"]), russia | {"country": "UA"}, "2"),
        (lambda: at.multiselect(key="filter_admin1").set_value(["Odeska"]),
         russia | {"country": "UA", "admin1": "Odeska"}, "1"),
        (lambda: at.multiselect(key="filter_admin1").set_value([]), russia | {"country": "UA"}, "2"),
        (lambda: at.number_input(key="filter_min_fatalities").set_value(1),
         russia | {"country": "UA", "min_fatalities": "1"}, "1"),
        (lambda: at.number_input(key="filter_min_fatalities").set_value(0), russia | {"country": "UA"}, "2"),
        (lambda: at.slider(key="filter_min_confidence").set_value(0.85),
         russia | {"country": "UA", "min_confidence": "0.85"}, "1"),
        (lambda: at.text_input(key="filter_q").set_value("Odesa (port"),
         russia | {"country": "UA", "min_confidence": "0.85", "q": "Odesa (port"}, "0"),
        # Odesa's strike has "odesa port" in its title but a confidence of 0.8
        (lambda: at.text_input(key="filter_q").set_value("odesa port"),
         russia | {"country": "UA", "min_confidence": "0.85", "q": "odesa port"}, "0"),
        (lambda: at.slider(key="filter_min_confidence").set_value(0.0), russia | {"country": "UA", "q": "odesa port"}, "1"),
        (lambda: at.text_input(key="filter_q").set_value(""), russia | {"country": "UA"}, "2"),
    ]
    for change, params, count in steps:
        change().run()
        assert not at.exception
        assert dict(at.query_params) == params
        assert incidents_metric(at) == count, params


def test_a_shared_link_with_many_filters(store_url):
    params = {"end": "2024-04-30", "types": "Battles,Explosions/Remote violence", "subs": "Air/drone strike",
              "actors": "military forces of russia", "country": "UA", "admin1": "Odeska", "min_confidence": "0.75",
              "q": "port"}
    at = run_app(params)
    assert not link_notices(at)
    assert incidents_metric(at) == "1"
    assert dict(at.query_params) == dict(params, actors="Military Forces of Russia")  # spelled as in the data
    link = shown_link(at)
    assert link.startswith("?") and "subs=Air%2Fdrone%20strike" not in link and "subs=Air/drone%20strike" in link
    again = run_app(dict(at.query_params))
    assert incidents_metric(again) == "1"
    for key in ("filter_dates", "filter_types", "filter_subs", "filter_actors", "filter_countries", "filter_admin1",
                "filter_min_fatalities", "filter_min_confidence", "filter_q"):
        assert again.session_state[key] == at.session_state[key], key


def test_bad_filter_params_give_notices_not_errors(store_url):
    at = run_app({"types": "Riots", "subs": "Armed clash,Nope", "actors": "Nobody", "country": "SY,Ukraine",
                  "admin1": "Atlantis", "min_fatalities": "lots", "min_confidence": "2", "q": "(["})
    notices = " ".join(link_notices(at))
    for word in ("Armed clash", "Nope", "Nobody", "SY", "Ukraine", "Atlantis", "min_fatalities", "min_confidence"):
        assert word in notices, word
    assert incidents_metric(at) == "0"  # only q="([" is kept, found nowhere, and raises nothing
    assert dict(at.query_params) == {"types": "Riots", "q": "(["}


def test_timeline_and_link_are_shown(store_url):
    at = run_app({"types": "Battles,Riots"})
    link = shown_link(at)
    assert link == "?types=Battles,Riots"
    assert any(h.value == "Incidents per day" for h in at.subheader)
    (chart,) = [el for el in at.get("bidi_component") if el.proto.component_name == TIMELINE]
    data = json.loads(chart.proto.json)
    assert [(t["name"], t["color"]) for t in data["types"]] == [("Battles", "#D55E00"), ("Riots", "#56B4E9")]
    assert sum(sum(t["counts"]) for t in data["types"]) == 2


@pytest.mark.parametrize("layer", ["auto", "incidents", "clusters", "heat", "density", "provinces"])
def test_layer_param_picks_the_map_layer(store_url, layer):
    at = run_app({"layer": layer})
    assert at.radio(key="filter_layer").value == layer
    assert not link_notices(at)
    assert incidents_metric(at) == "6"  # the layer never filters
    assert dict(at.query_params) == ({} if layer == "auto" else {"layer": layer})  # the default stays out


def test_malformed_layer_gives_a_notice(store_url):
    at = run_app({"layer": "heatmap", "types": "Battles"})
    assert at.radio(key="filter_layer").value == "auto"
    assert any("layer=heatmap" in n for n in link_notices(at))
    assert dict(at.query_params) == {"types": "Battles"}


def test_choosing_a_layer_writes_the_url(store_url):
    at = run_app()
    at.radio(key="filter_layer").set_value("density").run()
    assert not at.exception
    assert dict(at.query_params) == {"layer": "density"}
    at.radio(key="filter_layer").set_value("incidents").run()
    assert dict(at.query_params) == {"layer": "incidents"}
    at.radio(key="filter_layer").set_value("auto").run()
    assert dict(at.query_params) == {}


def map_captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_the_automatic_layer_turns_to_density_above_its_limit(store_url, monkeypatch):
    from dashboard import map_view

    at = run_app()
    assert "density grid" not in map_captions(at)  # 5 mapped incidents: single dots
    monkeypatch.setattr(map_view, "AUTO_MARKER_LIMIT", 4)
    at = run_app()
    assert "5 incidents in view: drawn as a density grid" in map_captions(at)
    assert incidents_metric(at) == "6"
    at = run_app({"layer": "incidents"})  # asked for by name: single dots, however many
    assert "density grid" not in map_captions(at)


def test_the_table_shows_the_newest_rows_and_the_downloads_hold_all(store_url, monkeypatch, downloads):
    import csv
    import io

    from dashboard import data

    monkeypatch.setattr(data, "TABLE_ROWS", 2)
    at = run_app()
    assert incidents_metric(at) == "6"  # the metric counts everything
    table = at.dataframe[0].value
    assert list(table["Date"]) == ["2024-05-20", "2024-04-15"]  # the newest two
    assert "Showing the newest 2 of 6 incidents in view" in map_captions(at)
    content, _, _ = downloaded(at, "CSV (ACLED columns)", downloads)
    assert len(list(csv.DictReader(io.StringIO(content.decode("utf-8"))))) == 6


def test_the_table_starts_short_and_shows_more_on_request(store_url, monkeypatch):
    from dashboard import data

    monkeypatch.setattr(data, "TABLE_ROWS", 2)
    monkeypatch.setattr(data, "TABLE_MAX_ROWS", 4)
    at = run_app()
    assert len(at.dataframe[0].value) == 2
    at.button(key="table_more").click().run()
    assert not at.exception
    assert list(at.dataframe[0].value["Date"])[:2] == ["2024-05-20", "2024-04-15"] and len(at.dataframe[0].value) == 4
    assert "Showing the newest 4 of 6 incidents in view" in map_captions(at)
    assert not [b for b in at.button if b.key == "table_more"]  # no more than TABLE_MAX_ROWS


# -- the map's position, the selected incident ----------------------------------------------


def map_args(at: AppTest) -> dict:
    """What the page sends the streamlit-folium component: its script, feature group, returns."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def map_reports(at: AppTest, value: dict) -> AppTest:
    """The map in the browser reports `value` (streamlit-folium copies it to st.session_state[key]
    before the page reruns), and the page reruns."""
    at.session_state[f"incident_map_{at.session_state['map_nonce']}"] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def report(lat=48.5, lng=30.9, zoom=6, count=0, incident=None) -> dict:
    drawing = None if incident is None else {"type": "Feature", "properties": {"incident": incident},
                                             "geometry": {"type": "Point", "coordinates": [lng, lat]}}
    return {"center": {"lat": lat, "lng": lng}, "zoom": zoom, "last_active_drawing": drawing,
            "last_object_clicked_count": count}


def details(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown) + " " + " ".join(c.value for c in at.caption)


def test_a_link_with_a_map_position_opens_the_map_there(store_url):
    at = run_app({"lat": "49.99", "lon": "36.23", "zoom": "9"})
    assert not link_notices(at)
    args = map_args(at)
    assert "center: [49.99, 36.23]" in args["script"] and '"zoom": 9' in args["script"]
    assert "fitBounds" not in args["script"]  # where the link says, not fitted to the incidents
    assert set(args["returned_objects"]) == {"center", "zoom", "last_active_drawing", "last_object_clicked_count"}
    assert dict(at.query_params) == {"lat": "49.99", "lon": "36.23", "zoom": "9"}
    assert incidents_metric(at) == "6"  # the position never filters
    assert any(b.label == "Fit the map to the incidents" for b in at.button)


def test_without_a_position_the_map_fits_the_incidents(store_url):
    at = run_app()
    assert "fitBounds" in map_args(at)["script"]
    assert not any(b.label == "Fit the map to the incidents" for b in at.button)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"lat": "91", "lon": "36.23", "zoom": "9"}, ["lat=91"]),
        ({"lat": "49.99", "lon": "east", "zoom": "9"}, ["lon=east"]),
        ({"lat": "49.99", "lon": "36.23", "zoom": "30"}, ["zoom=30"]),
        ({"lat": "49.99", "lon": "36.23"}, ["`zoom`"]),
        ({"incident": "first"}, ["incident=first"]),
        ({"incident": "999"}, ["incident=999", "no such incident"]),
    ],
)
def test_malformed_position_or_incident_gives_a_notice(store_url, params, words):
    at = run_app({**params, "types": "Battles"})
    notices = " ".join(link_notices(at))
    for word in words:
        assert word in notices
    assert dict(at.query_params) == {"types": "Battles"}  # cleaned
    assert "fitBounds" in map_args(at)["script"]
    assert incidents_metric(at) == "1"


def test_panning_and_zooming_the_map_write_the_url(store_url):
    at = run_app({"types": "Battles,Protests"})
    map_reports(at, report(49.5, 31.0, 6))  # the map's first report: where it opened (fitted)
    assert dict(at.query_params) == {"types": "Battles,Protests"}
    map_reports(at, report(49.91234567, 33.1, 6))  # the analyst pans
    assert dict(at.query_params) == {"types": "Battles,Protests", "lat": "49.91", "lon": "33.1", "zoom": "6"}
    map_reports(at, report(49.91234567, 33.1, 12))  # and zooms in: more decimals
    assert dict(at.query_params) == {"types": "Battles,Protests", "lat": "49.9123", "lon": "33.1", "zoom": "12"}
    map_reports(at, report(49.91234567, 393.1, 12))  # panned once around the world
    assert at.query_params["lon"] == "33.1"
    # the same map in the browser all along: the script (and so the component's key) did not change
    script = map_args(at)["script"]
    assert "fitBounds" in script
    assert (shown_link(at).endswith("?types=Battles,Protests&lat=49.9123&lon=33.1&zoom=12"))
    assert incidents_metric(at) == "2"
    # a filter change draws a new map: it opens where the analyst left the old one
    at.multiselect(key="filter_types").set_value(["Battles"]).run()
    assert "center: [49.9123, 33.1]" in map_args(at)["script"] and "fitBounds" not in map_args(at)["script"]
    assert dict(at.query_params) == {"types": "Battles", "lat": "49.9123", "lon": "33.1", "zoom": "12"}
    # ... whose first report is where it opened
    map_reports(at, report(49.9123, 33.1, 12))
    assert dict(at.query_params) == {"types": "Battles", "lat": "49.9123", "lon": "33.1", "zoom": "12"}


def test_fit_the_map_forgets_the_position(store_url):
    at = run_app({"lat": "49.99", "lon": "36.23", "zoom": "9"})
    nonce = at.session_state["map_nonce"]
    at.button(key="fit_map").click().run()
    assert not at.exception
    assert dict(at.query_params) == {}
    assert "fitBounds" in map_args(at)["script"]
    assert at.session_state["map_nonce"] == nonce + 1  # a new map in the browser, so it refits
    map_reports(at, report(48.0, 31.0, 6))  # its first report is the fitted view: not written
    assert dict(at.query_params) == {}


def test_clicking_a_marker_selects_its_incident(store_url):
    at = run_app()
    assert "Click a marker" in details(at)
    map_reports(at, report())
    map_reports(at, report(count=3, incident=1))
    assert dict(at.query_params) == {"incident": "1"}
    text = details(at)
    assert "**Battles** · Armed clash · incident 1" in text and "3 killed, 5 injured" in text
    assert "[Clashes near Kharkiv](<https://news.example/kharkiv>)" in text
    assert "outside the current filters" not in text
    # the incident is ringed on the map, added to the map in the browser without rebuilding it
    script = map_args(at)["script"]
    assert "[49.99, 36.23]" in map_args(at)["feature_group"] and "selected-incident" in map_args(at)["feature_group"]
    assert map_args(at)["script"] == script
    # another click, on the province-only incident: its ring, and the panel says it is only a province
    map_reports(at, report(count=6, incident=4))
    assert dict(at.query_params) == {"incident": "4"}
    text = details(at)
    assert "Known only to its province (Donetska)" in text
    assert "\\<img src\\=x onerror" in text and "<img" not in text.replace("\\<img", "")  # markup escaped
    assert '"radius": 26' in map_args(at)["feature_group"]
    # panning after the click keeps the selection and writes the position
    map_reports(at, report(47.0, 35.0, 7, count=6, incident=4))
    assert dict(at.query_params) == {"lat": "47", "lon": "35", "zoom": "7", "incident": "4"}
    # clear it
    at.button(key="clear_selection").click().run()
    assert dict(at.query_params) == {"lat": "47", "lon": "35", "zoom": "7"}
    assert "Click a marker" in details(at) and not map_args(at)["feature_group"]


def test_a_link_with_an_incident_shows_it_even_outside_the_filters(store_url, monkeypatch):
    from dashboard import data

    monkeypatch.setattr(data, "TABLE_ROWS", 1)  # the table shows only the newest incident of the view
    at = run_app({"incident": "2", "types": "Battles,Protests"})
    assert not link_notices(at)
    text = details(at)
    assert "Explosions/Remote violence" in text and "Odesa" in text
    assert "outside the current filters" in text
    assert "[46.48, 30.72]" in map_args(at)["feature_group"]
    assert dict(at.query_params) == {"types": "Battles,Protests", "incident": "2"}
    assert incidents_metric(at) == "2"  # the selection never filters
    # an incident with no coordinates: in the panel, no ring
    at = run_app({"incident": "5"})
    assert "No coordinates" in details(at) and not map_args(at)["feature_group"]


def test_the_table_offers_row_selection_with_the_selected_row(store_url):
    at = run_app({"incident": "3"})
    (table,) = at.dataframe
    assert list(table.value["ID"]) == [6, 5, 4, 3, 2, 1]
    assert at.session_state["table_ids"] == [6, 5, 4, 3, 2, 1]


# -- events: reports merged into one event count and show once --------------------------------
@pytest.fixture()
def merged_url(tmp_path, monkeypatch):
    """A store with two reports merged into one event (Kharkiv) and one lone report (Lviv)."""
    from incidents.merge import merge_pending

    url = make_store(tmp_path / "merged.sqlite", merged_incidents())
    store = Store(url)
    assert merge_pending(store, clock=lambda: dt.datetime(2024, 6, 1)).joined == 1
    store.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MAP_TILES", "none")
    monkeypatch.chdir(REPO_ROOT)
    return url


def test_merged_reports_count_once_and_reports_all_counts_each(merged_url):
    at = run_app()
    assert incidents_metric(at) == "2"
    assert at.toggle(key="filter_reports").value is False
    assert list(at.dataframe[0].value["Reports"]) == [1, 2]
    assert dict(at.query_params) == {}
    at = run_app({"reports": "all"})
    assert incidents_metric(at) == "3" and not link_notices(at)
    assert at.toggle(key="filter_reports").value is True
    assert len(at.dataframe[0].value) == 3 and "Reports" not in at.dataframe[0].value.columns
    # the toggle writes the URL, and back
    at.toggle(key="filter_reports").set_value(False).run()
    assert incidents_metric(at) == "2" and dict(at.query_params) == {}
    at.toggle(key="filter_reports").set_value(True).run()
    assert dict(at.query_params) == {"reports": "all"}


def test_a_bad_reports_value_gives_a_notice(merged_url):
    at = run_app({"reports": "some"})
    assert incidents_metric(at) == "2"
    assert any("`reports=some`" in notice for notice in link_notices(at))


def test_the_panel_of_a_merged_event_lists_its_reports_and_why(merged_url):
    at = run_app({"incident": "1"})
    text = details(at)
    assert "event 1" in text and "2 merged into this event, from 2 sources" in text
    assert "[Clashes near Kharkiv](<https://news.example/kharkiv>)" in text
    assert "[Shelling in Kharkiv](<https://other.example/shelling>)" in text
    assert "three died" in text and "two died" in text
    assert "joined event 1" in text  # the merge decision's reason
    assert "2 killed" in text  # the lowest count any report gives


def test_a_merged_report_opens_its_event_or_says_part_of_it(merged_url):
    at = run_app({"incident": "2"})
    assert any("Incident 2 is one report of event 1" in notice for notice in link_notices(at))
    assert dict(at.query_params) == {"incident": "1"}
    assert "2 merged into this event" in details(at)
    at = run_app({"incident": "2", "reports": "all"})
    assert not link_notices(at)
    assert dict(at.query_params) == {"incident": "2", "reports": "all"}
    text = details(at)
    assert "incident 2" in text and "one report of event 1" in text


def test_event_downloads_follow_the_toggle(merged_url, downloads):
    import csv
    import io

    at = run_app()
    content, _, _ = downloaded(at, "CSV (ACLED columns)", downloads)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert len(rows) == 2
    assert "Shelling in Kharkiv (https://other.example/shelling)" in next(
        r["source"] for r in rows if r["location"] == "Kharkiv")
    at = run_app({"reports": "all"})
    content, _, _ = downloaded(at, "CSV (ACLED columns)", downloads)
    assert len(list(csv.DictReader(io.StringIO(content.decode("utf-8"))))) == 3


def test_a_read_only_empty_store_builds_no_demo_data(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    Store(url).dispose()  # the tables exist, with nothing in them
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
    monkeypatch.setenv("MAP_TILES", "none")
    monkeypatch.chdir(REPO_ROOT)
    at = run_app()
    assert not at.status and not at.error
    assert any("read-only" in info.value for info in at.info)
    assert incidents_metric(at) == "0"
    store = Store(url)
    assert store.count_articles() == 0
    store.dispose()


def test_an_ingest_or_a_merge_shows_on_the_next_run_without_waiting(tmp_path, monkeypatch):
    """Answers are cached on the store's version: a report added, or reports merged, by another
    process shows on the next run (nothing waits for a cache to expire), and an unchanged store
    is not asked again."""
    from incidents.merge import merge_pending

    url = make_store(tmp_path / "incidents.sqlite", merged_incidents())
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MAP_TILES", "none")
    monkeypatch.chdir(REPO_ROOT)
    at = run_app()
    assert incidents_metric(at) == "3"  # not merged yet: three events of one report each
    store = Store(url)
    try:
        merge_pending(store)
        at.run()
        assert incidents_metric(at) == "2"  # the two Kharkiv reports are one event now
        fatalities = int(at.metric[1].value)
        store.add_article(content_hash="late-report", incidents_found=[sample_incidents()[0]], title="Late")
        at.run()
        assert incidents_metric(at) == "3"  # a report not merged yet is an event of its own
        assert int(at.metric[1].value) == fatalities + 3
    finally:
        store.dispose()
