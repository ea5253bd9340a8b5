"""The Streamlit page, run headless with AppTest against a temp SQLite store."""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_fixtures import REPO_ROOT, make_store
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
    at = run_app({"start": "2024-13-01", "end": "not-a-date", "types": "Battles,Aliens", "zoom": "4"})
    assert incidents_metric(at) == "1"
    notices = " ".join(link_notices(at))
    for word in ("start", "end", "Aliens", "zoom"):
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
