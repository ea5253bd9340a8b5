"""The Add a report page, run headless with AppTest against a temp SQLite store and a
GEO_DATA_DIR of each test's own (a copy of the session's gazetteer index), and the plain
functions under it (dashboard/report_review.py). Web pages come from real HTTP servers
on 127.0.0.1."""
from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import shutil
import threading

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import report_review as review
from dashboard_fixtures import REPO_ROOT, make_store
from incidents.errors import StoreError
from incidents.store import Store
from postgres_server import pg_url, postgres_server, postgres_url  # noqa: F401  (fixtures)

APP = str(REPO_ROOT / "dashboard" / "app.py")
PAGE = "views/add_report.py"
TIMEOUT = 60
FIXTURE = (REPO_ROOT / "tests" / "fixtures" / "su25_idlib_2018.txt").read_text()
SAMPLE_COUNT = 6  # incidents in make_store's sample store
HOSTILE_REPORT = (
    "Gunmen attacked a bus in Saraqib on Monday, killing three people. "
    '<script>window.__xss = 1</script> <img src=x onerror="window.__xss = 2"> '
    "Residents said the attackers fled north.\n"
)


@pytest.fixture()
def env(tmp_path, monkeypatch, gazetteer):
    """A temp store with the six sample incidents, and a GEO_DATA_DIR holding a current index copy."""
    from geo import index_path

    url = make_store(tmp_path / "incidents.sqlite")
    geo_dir = tmp_path / "geo"
    geo_dir.mkdir()
    shutil.copyfile(gazetteer.path, index_path(directory=geo_dir))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("GEO_DATA_DIR", str(geo_dir))
    monkeypatch.setenv("MAP_TILES", "none")
    monkeypatch.delenv("DASHBOARD_READ_ONLY", raising=False)
    monkeypatch.delenv("INGEST_ALLOW_PRIVATE", raising=False)
    monkeypatch.chdir(REPO_ROOT)
    st.cache_resource.clear()  # the store and the extractor of an earlier test's paths
    st.cache_data.clear()
    yield {"url": url, "geo_dir": geo_dir}
    st.cache_resource.clear()
    st.cache_data.clear()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    ok(at.run())
    at.switch_page(PAGE)
    return ok(at.run())


def paste(at: AppTest, text: str, published: dt.date, *, title: str = "") -> AppTest:
    at.text_area(key="report_text").input(text)
    at.date_input(key="report_published").set_value(published)
    if title:
        at.text_input(key="report_title").input(title)
    at.button(key="find").click()
    return ok(at.run())


def field(at: AppTest, n: int, name: str, *, round_: int = 1):
    """The widget of incident `n`'s `name` in review number `round_`."""
    key = f"review{round_}_{n}_{name}"
    for kind in (at.selectbox, at.checkbox, at.date_input, at.text_input, at.number_input):
        found = [w for w in kind if w.key == key]
        if found:
            return found[0]
    raise AssertionError(f"no widget {key}")


def messages(elements) -> list[str]:
    return [e.value for e in elements]


def incidents_metric(at: AppTest) -> str:
    (metric,) = [m for m in at.metric if m.label == "Incidents"]
    return metric.value


# --- the page ------------------------------------------------------------------

def test_paste_review_edit_and_save(env):
    at = open_page()
    assert at.title[0].value == "Add a report"
    paste(at, FIXTURE, dt.date(2018, 2, 6), title="Su-25 pilot")

    # the text with each incident's evidence marked, and one editor per incident
    marked = at.html[0].value
    assert marked.count('<mark class="evidence"') >= 4
    assert 'data-incident="1"' in marked and "Maasran" in marked
    assert at.subheader[1].value == "Incidents found: 4"
    assert field(at, 0, "location").value == "Maasran"
    assert field(at, 0, "event_type").value == "Battles"
    assert field(at, 3, "sub_event_type").value == "Chemical weapon"

    # edits: a count, a type (its sub-types follow), a dropped incident, a moved place
    field(at, 0, "fatalities").set_value(2)
    field(at, 2, "event_type").set_value("Violence against civilians")
    ok(at.run())
    assert field(at, 2, "sub_event_type").options == ["Attack", "Abduction/forced disappearance", "Sexual violence"]
    field(at, 2, "sub_event_type").set_value("Attack")
    field(at, 1, "keep").uncheck()
    field(at, 3, "latitude").set_value(35.9)
    field(at, 3, "longitude").set_value(36.85)
    at.button(key="save").click()
    ok(at.run())

    (saved,) = messages(at.success)
    assert "Saved the report with 3 incidents" in saved and "Saraqib" in saved
    store = Store(env["url"])
    try:
        assert store.count_incidents() == SAMPLE_COUNT + 3
        rows = {row["location"]: row for row in store.iter_incidents(start="2018-01-01", end="2018-12-31")}
    finally:
        store.dispose()
    assert rows["Maasran"]["fatalities"] == 2 and rows["Maasran"]["source_title"] == "Su-25 pilot"
    assert (rows["Saraqib"]["latitude"], rows["Saraqib"]["longitude"]) == (35.9, 36.85)
    assert rows["Saraqib"]["geo_precision"] == 1 and rows["Saraqib"]["confidence"] == 1.0
    assert rows["Idlib"]["event_type"] == "Violence against civilians"
    assert len([r for r in rows.values()]) == 3

    # the map page counts the new incidents at once (its cached answers were dropped)
    at.switch_page("views/explore.py")
    assert incidents_metric(ok(at.run())) == str(SAMPLE_COUNT + 3)


def test_a_corrected_place_serves_the_next_report(env):
    from geo import Gazetteer

    at = open_page()
    paste(at, FIXTURE, dt.date(2018, 2, 6))
    field(at, 3, "latitude").set_value(35.9)
    field(at, 3, "longitude").set_value(36.85)
    at.button(key="save").click()
    ok(at.run())
    with Gazetteer() as gaz:  # GEO_DATA_DIR's index, as the next process would open it
        place = gaz.geocode("Saraqib")
    assert (place.latitude, place.longitude, place.source) == (35.9, 36.85, "analyst")

    paste(at, "Shelling hit Saraqib in Idlib province on Monday, killing two people.", dt.date(2018, 2, 10))
    assert field(at, 0, "location", round_=2).value == "Saraqib"
    assert field(at, 0, "latitude", round_=2).value == 35.9


def test_saving_the_same_text_again_adds_nothing_and_says_so(env):
    at = open_page()
    paste(at, FIXTURE, dt.date(2018, 2, 6))
    assert not at.info
    at.button(key="save").click()
    ok(at.run())
    assert "Saved the report with 4 incidents" in at.success[0].value

    paste(at, FIXTURE + "\n\n", dt.date(2018, 2, 6))  # the same text (white space aside)
    assert any("already in the store" in m for m in messages(at.info))
    at.button(key="save").click()
    ok(at.run())
    assert any("already in the store: nothing was added" in m for m in messages(at.info))
    assert not at.success
    store = Store(env["url"])
    try:
        assert store.count_incidents() == SAMPLE_COUNT + 4
    finally:
        store.dispose()


def test_markup_in_a_report_is_shown_escaped(env):
    at = open_page()
    paste(at, HOSTILE_REPORT, dt.date(2018, 2, 6))
    shown = "".join(h.value for h in at.html)
    assert "<script" not in shown and "<img" not in shown
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=&quot;window.__xss = 2&quot;&gt;" in shown
    assert '<mark class="evidence"' in shown  # the attack sentence is still marked


@pytest.mark.parametrize("text, published, message", [
    ("", dt.date(2018, 2, 6), "Paste the report's text first"),
    ("   \n ", dt.date(2018, 2, 6), "Paste the report's text first"),
])
def test_bad_pasted_input_is_a_message(env, text, published, message):
    at = open_page()
    at.text_area(key="report_text").input(text)
    at.button(key="find").click()
    ok(at.run())
    assert any(message in m for m in messages(at.error))
    assert not at.html


# --- web pages -----------------------------------------------------------------

ARTICLE_HTML = """<!doctype html><html><head><title>Clashes near Maasran</title>
<meta property="article:published_time" content="2018-02-06"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Clashes near Maasran</h1>
<p>Rebels and government forces clashed in Maasran on Saturday, killing four fighters,
a monitoring group said. The fighting lasted several hours before the rebels withdrew to nearby villages.</p>
<p>Residents said shelling continued into the night and many families left the area for camps further north.</p>
</article></body></html>"""


@contextlib.contextmanager
def web_server():
    """A real HTTP server on 127.0.0.1: /article is a news page, anything else a 404."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/article":
                body = ARTICLE_HTML.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404, "Not Found")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fetch(at: AppTest, url: str) -> AppTest:
    at.radio(key="report_source").set_value("url")
    ok(at.run())
    at.text_input(key="report_url").input(url)
    at.date_input(key="report_published").set_value(dt.date(2018, 2, 7))
    at.button(key="find").click()
    return ok(at.run())


def test_url_errors_are_messages(env):
    with web_server() as base:
        at = open_page()
        # the dashboard refuses local addresses (INGEST_ALLOW_PRIVATE is off)
        fetch(at, f"{base}/article")
        assert any("refused address 127.0.0.1 (loopback" in m for m in messages(at.error)), messages(at.error)
        for url, message in (("ftp://example.org/x", "only http and https"),
                             ("not a link", "is not a URL"),
                             ("", "Give the report's URL first")):
            fetch(at, url)
            assert any(message in m for m in messages(at.error)), (url, messages(at.error))
        assert not at.html


def test_a_web_page_is_read_when_private_addresses_are_allowed(env, monkeypatch):
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE", "1")
    with web_server() as base:
        at = open_page()
        fetch(at, f"{base}/missing")
        assert any("HTTP status 404" in m for m in messages(at.error)), messages(at.error)
        fetch(at, f"{base}/article")
        assert not at.error
        assert field(at, 0, "location").value == "Maasran"
        assert field(at, 0, "event_date").value == dt.date(2018, 2, 3)  # "on Saturday", from the page's own date
        assert "Home" not in at.html[0].value  # navigation is not part of the report
        at.button(key="save").click()
        ok(at.run())
    store = Store(env["url"])
    try:
        (row,) = [r for r in store.iter_incidents(start="2018-01-01", end="2018-12-31")]
    finally:
        store.dispose()
    assert row["source_url"] == f"{base}/article" and row["source_title"] == "Clashes near Maasran"


# --- who may write -------------------------------------------------------------

def test_read_only_deployment_has_no_add_page_and_a_read_only_store(env, monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    ok(at.run())
    assert incidents_metric(at) == str(SAMPLE_COUNT)  # the map works
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)

    # an empty store stays empty: the demo reports cannot be written into it
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    Store(empty).dispose()  # tables, no articles
    monkeypatch.setenv("DATABASE_URL", empty)
    st.cache_resource.clear()
    at = ok(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    assert any("The store is empty, and this dashboard is read-only" in m for m in messages(at.info))
    assert incidents_metric(at) == "0"
    store = Store(empty)
    try:
        assert store.count_articles() == 0
    finally:
        store.dispose()


def test_a_missing_store_in_a_read_only_deployment_is_a_message(env, monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nowhere.sqlite'}")
    at = ok(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    assert any("a read-only store must already exist" in m for m in messages(at.error))
    assert not (tmp_path / "nowhere.sqlite").exists()


AUTH = {"auth": {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "not-a-real-secret",
                 "client_id": "dashboard", "client_secret": "s3cret",
                 "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}}


def test_with_auth_a_visitor_who_is_not_logged_in_sees_only_a_login_button(env):
    at = open_page(secrets=AUTH)
    assert [b.label for b in at.button] == ["Log in"]
    assert not at.text_area and not at.text_input and not at.date_input and not at.radio
    at = open_page(secrets=AUTH, user={"is_logged_in": False})
    assert [b.label for b in at.button] == ["Log in"]


def test_with_auth_a_logged_in_analyst_can_add_a_report(env):
    at = open_page(secrets=AUTH, user={"is_logged_in": True, "name": "Ana Analyst", "email": "ana@example.org"})
    assert "Signed in as Ana Analyst" in [c.value for c in at.sidebar.caption]
    assert "Log out" in [b.label for b in at.button]
    paste(at, FIXTURE, dt.date(2018, 2, 6))
    at.button(key="save").click()
    ok(at.run())
    assert "Saved the report with 4 incidents" in at.success[0].value


def test_without_auth_editing_is_open_and_the_page_says_so(env):
    at = open_page()
    assert any("no `[auth]` login is configured" in c.value for c in at.caption)
    assert at.button(key="find")


def test_the_map_page_offers_nothing_that_writes(env):
    """A viewer following a shared link lands on the map: no button there saves anything."""
    at = ok(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    labels = [b.label for b in at.button]
    assert not [label for label in labels if "Save" in label or "Log" in label], labels


# --- the plain functions -------------------------------------------------------

def test_evidence_spans_follow_the_sentences_in_the_text():
    text = "Intro line here.\nRebels attacked Maasran on Saturday. Two died.\nUnrelated closing remark."
    incident = review.Incident(event_date="2018-02-03", date_precision=1, event_type="Battles",
                               sub_event_type="Armed clash", evidence="Rebels attacked Maasran on Saturday. Two died.")
    (spans,) = review.evidence_spans(text, [incident])
    assert [text[a:b] for a, b in spans] == ["Rebels attacked Maasran on Saturday.", "Two died."]
    shown = review.highlighted_html(text, [spans])
    assert shown.count("<mark") == 2 and "Unrelated closing remark." in shown


@pytest.mark.parametrize("change, message", [
    ({"sub_event_type": "Arrests"}, "not an ACLED sub-event type of 'Battles'"),
    ({"latitude": 95.0}, "latitude 95.0 is outside"),
    ({"longitude": None}, "both latitude and longitude"),
    ({"country_code": "SYR"}, "not two letters"),
    ({"fatalities": -1}, "whole number of 0 or more"),
    ({"injuries": 2.5}, "whole number of 0 or more"),
])
def test_bad_edits_are_refused(change, message):
    incident = review.Incident(event_date="2018-02-03", date_precision=1, event_type="Battles",
                               sub_event_type="Armed clash", location="Maasran", latitude=35.7, longitude=36.8,
                               country_code="SY", geo_precision=1, evidence="x")
    edit = review.dataclasses.replace(review.unchanged_edit(incident), **change)
    with pytest.raises(review.ReviewError, match=message):
        review.apply_edit(incident, edit, label="Incident 1")
    assert review.apply_edit(incident, review.unchanged_edit(incident)) == incident


def test_a_read_only_store_refuses_writes_with_a_clear_error(tmp_path):
    import sqlalchemy as sa

    from incidents.store import incidents as incidents_table

    url = make_store(tmp_path / "incidents.sqlite")
    store = Store(url, read_only=True)
    try:
        assert store.count_incidents() == SAMPLE_COUNT
        with pytest.raises(StoreError, match="read-only"):
            store.add_article(content_hash="new", incidents_found=[])
        with pytest.raises(StoreError, match="read-only"):
            store.add_articles([{"content_hash": "new", "incidents": []}])
        # the database itself refuses, whatever the code path
        with pytest.raises(sa.exc.OperationalError, match="readonly|read-only|query_only"):
            with store.engine.begin() as conn:
                conn.execute(incidents_table.delete())
        assert store.count_incidents() == SAMPLE_COUNT
    finally:
        store.dispose()
    with pytest.raises(StoreError, match="must already exist"):
        Store(f"sqlite:///{tmp_path / 'missing.sqlite'}", read_only=True)
    assert not (tmp_path / "missing.sqlite").exists()


# --- the read-only store on PostgreSQL (a real server: tests/postgres_server.py) ----

@pytest.fixture()
def pg_store_url(pg_url):
    """A fresh database on the session's server, holding one article and its incident."""
    from dashboard_fixtures import sample_incidents

    writable = Store(pg_url)
    writable.add_article(content_hash="pg-1", incidents_found=sample_incidents()[:1], published="2024-03-02")
    writable.dispose()
    return pg_url


def test_a_read_only_postgresql_store_refuses_writes(pg_store_url):
    import sqlalchemy as sa

    from incidents.store import articles as articles_table

    store = Store(pg_store_url, read_only=True)
    try:
        assert store.count_incidents() == 1
        with pytest.raises(StoreError, match="read-only"):
            store.add_article(content_hash="pg-2", incidents_found=[])
        # the server itself refuses: every transaction of this engine is read-only
        with pytest.raises(sa.exc.SQLAlchemyError, match="read-only transaction"):
            with store.engine.begin() as conn:
                conn.execute(articles_table.delete())
        assert store.count_articles() == 1
    finally:
        store.dispose()


@pytest.mark.parametrize("change, remembered", [
    ({}, None),                                                             # nothing changed
    ({"latitude": 35.9, "longitude": 36.85}, ("Saraqib", 35.9, 36.85)),     # moved
    ({"location": "Saraqib East"}, None),                                   # renamed, left on the old point
    ({"location": "Saraqib East", "latitude": 35.87, "longitude": 36.83}, ("Saraqib East", 35.87, 36.83)),
    ({"latitude": None, "longitude": None}, None),                          # unplaced
])
def test_which_edits_become_analyst_places(change, remembered):
    incident = review.Incident(event_date="2018-02-04", date_precision=1, event_type="Explosions/Remote violence",
                               sub_event_type="Chemical weapon", location="Saraqib", latitude=35.86447,
                               longitude=36.80591, country_code="SY", admin1="Idlib", geo_precision=1, evidence="x")
    edited = review.apply_edit(incident, review.dataclasses.replace(review.unchanged_edit(incident), **change))
    correction = review.place_correction(incident, edited)
    if remembered is None:
        assert correction is None
    else:
        assert (correction.name, correction.latitude, correction.longitude) == remembered
        assert (correction.country_code, correction.admin1) == ("SY", "Idlib")
