"""RSS/Atom feeds: `watch` ingests new items once, through the guarded fetcher."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

pytest.importorskip("trafilatura", reason="trafilatura is in requirements.txt")
pytest.importorskip("feedparser", reason="feedparser is in requirements.txt")

from test_incidents_web import KIRKUK_PAGE, SU25_PAGE, Site, html_route

from incidents.feeds import parse_interval, watch
from incidents.web import Fetcher

REPO = Path(__file__).resolve().parent.parent

MOSUL_SUMMARY = ("Police arrested 12 protesters in Mosul on Monday after a demonstration over "
                 "power cuts turned violent, witnesses said.")


def rss(items: list[dict]) -> bytes:
    body = "".join(
        f"<item><title>{i['title']}</title><link>{i['link']}</link><guid>{i['guid']}</guid>"
        f"<pubDate>{i['date']}</pubDate><description>{i['summary']}</description></item>"
        for i in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example News</title>'
            f"<link>http://news.example/</link><description>World</description>{body}</channel></rss>").encode()


def atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire</title><id>urn:example:wire</id>
<updated>2019-03-11T12:00:00Z</updated>
<entry><title>Soldiers killed near Kirkuk</title><id>urn:example:wire:kirkuk</id>
<link rel="alternate" href="{base}/kirkuk"/><published>2019-03-11T08:00:00Z</published>
<updated>2019-03-11T08:00:00Z</updated><summary>Gunmen attacked a checkpoint.</summary></entry>
</feed>""".encode()


@pytest.fixture()
def site():
    with Site() as s:
        s.items = [
            {"title": "Russian pilot killed in Idlib", "link": s.base + "/article", "guid": "su25",
             "date": "Tue, 06 Feb 2018 09:30:00 GMT", "summary": "A Russian pilot died in Idlib."},
            {"title": "Protesters arrested in Mosul", "link": s.base + "/gone", "guid": "mosul",
             "date": "Tue, 06 Feb 2018 12:00:00 GMT", "summary": MOSUL_SUMMARY},
        ]
        s.routes.update({
            "/article": html_route(SU25_PAGE),
            "/kirkuk": html_route(KIRKUK_PAGE),
            "/rss.xml": lambda: (200, {"Content-Type": "application/rss+xml"}, rss(s.items)),
            "/atom.xml": (200, {"Content-Type": "application/atom+xml"}, atom(s.base)),
            "/page.html": html_route(b"<html><body><p>not a feed</p></body></html>"),
        })
        yield s


def run(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "INGEST_ALLOW_PRIVATE"} | (env_extra or {})
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=300)


def test_watch_once_twice_ingests_new_items_only_once(gazetteer, site, tmp_path):
    db = tmp_path / "store.sqlite"
    env = {"DATABASE_URL": f"sqlite:///{db}", "INGEST_ALLOW_PRIVATE": "1"}
    first = run("watch", site.base + "/rss.xml", site.base + "/atom.xml", "--once", env_extra=env)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    # The Mosul item's page is gone (404): its summary was used instead, and that is said.
    assert f"error: {site.base}/gone: HTTP status 404 Not Found; using the feed's summary" in first.stderr
    line = first.stdout.strip()
    assert line.startswith("1 polls, 3 new items; 3 articles read, ") and line.endswith("0 failed")

    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        stored = dict(conn.execute(sa.text("SELECT url, published FROM articles")).all())
        sources = {row[0] for row in conn.execute(sa.text("SELECT location FROM incidents"))}
        seen = conn.execute(sa.text("SELECT count(*) FROM feed_items")).scalar()
    engine.dispose()
    assert stored == {site.base + "/article": "2018-02-06", site.base + "/gone": "2018-02-06",
                      site.base + "/kirkuk": "2019-03-11"}
    assert {"Maasran", "Mosul", "Kirkuk"} <= sources
    assert seen == 3

    second = run("watch", site.base + "/rss.xml", site.base + "/atom.xml", "--once", env_extra=env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == ("1 polls, 0 new items; 0 articles read, 0 incidents stored, "
                                     "0 skipped (already stored), 0 failed")


def test_watch_refuses_private_feeds_without_the_setting(gazetteer, site, tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}"}
    result = run("watch", site.base + "/rss.xml", "--once", env_extra=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"error: {site.base}/rss.xml: refused address 127.0.0.1 (loopback" in result.stderr
    assert result.stdout.strip() == ("1 polls, 0 new items; 0 articles read, 0 incidents stored, "
                                     "0 skipped (already stored), 1 failed")


def test_bad_feed_urls_and_intervals_are_usage_errors():
    assert run("watch", "ftp://example.org/feed").returncode == 2
    bad = run("watch", "https://example.org/feed", "--every", "soon")
    assert bad.returncode == 2 and "not an interval" in bad.stderr
    assert parse_interval("15m") == 900 and parse_interval("30s") == 30 and parse_interval("2h") == 7200
    assert parse_interval("90") == 90


class _NoIncidents:
    def extract(self, article, published=None):
        return []


def test_new_items_are_picked_up_and_ctrl_c_ends_with_a_summary(site, tmp_path):
    from incidents.store import Store

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    errors, polls = [], []
    naps = []

    def sleep(seconds):
        naps.append(seconds)
        if len(naps) == 1:
            site.items.append({"title": "Soldiers killed near Kirkuk", "link": site.base + "/kirkuk",
                               "guid": "kirkuk", "date": "Mon, 11 Mar 2019 08:00:00 GMT", "summary": "x"})
            return
        raise KeyboardInterrupt

    total = watch([site.base + "/rss.xml", site.base + "/page.html"], store=store, extractor=_NoIncidents(),
                  every=60, once=False, on_error=errors.append,
                  on_poll=lambda this, _total: polls.append(this.new_items),
                  fetcher=Fetcher(allow_private=True), sleep=sleep)
    assert naps == [60, 60]
    assert polls == [2, 1]
    assert total.polls == 2 and total.new_items == 3
    assert total.ingest.articles_read == 3 and total.ingest.failed == 2  # the HTML page, twice
    assert sum("/page.html: not an RSS or Atom feed" in e or "not a feed" in e for e in errors) == 2
    assert total.line().startswith("2 polls, 3 new items; 3 articles read, 0 incidents stored")
    store.dispose()


def test_ctrl_c_stops_a_running_watch_with_a_summary(gazetteer, site, tmp_path):
    import signal

    env = {k: v for k, v in os.environ.items() if k != "INGEST_ALLOW_PRIVATE"} | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}", "INGEST_ALLOW_PRIVATE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "incidents", "watch", site.base + "/rss.xml", "--every", "1h"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first_poll = proc.stdout.readline()
        assert " 2 new items; 2 articles read, " in first_poll
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in err
    assert out.strip().startswith("1 polls, 2 new items; 2 articles read, ")
    assert proc.returncode == 0
