"""Web pages by URL: the guarded fetcher, main-text extraction, and `ingest`/`extract URL`.

Pages are served by a real http.server on 127.0.0.1; tests that fetch from it
allow private addresses explicitly (INGEST_ALLOW_PRIVATE=1 or allow_private=True).
"""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("trafilatura", reason="trafilatura is in requirements.txt")

from incidents.web import Fetcher, FetchError, address_problem, extract_page, read_url

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "su25_idlib_2018.txt"


def _paragraphs(text: str) -> str:
    """The fixture's prose as <p>s (its own "related" link lists left out: the page has real ones)."""
    keep = [line for line in text.splitlines()
            if line.strip() and not line.startswith("- ") and not line.rstrip().endswith(":")]
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in keep)


def article_page(body: str, *, title: str, meta_date: str | None, time_date: str | None) -> bytes:
    meta = f'<meta property="article:published_time" content="{meta_date}T09:30:00Z">' if meta_date else ""
    stamp = f'<time datetime="{time_date}">{time_date}</time>' if time_date else ""
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{title} | Example News</title>{meta}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter {stamp}</p>
{body}
</article></main>
<aside><h2>Related</h2><ul>
<li><a href="/r1">Airstrikes kill 20 in Aleppo on Friday</a></li>
<li><a href="/r2">Car bomb kills 5 in Homs market</a></li>
<li><a href="/r3">Protesters clash with police in Basra</a></li>
</ul></aside>
<footer><p>Copyright 2018 Example News. All rights reserved.</p></footer>
</body></html>""".encode("utf-8")


SU25_PAGE = article_page(_paragraphs(FIXTURE.read_text()), title="Russian pilot killed after jet downed in Idlib",
                         meta_date="2018-02-06", time_date="2018-02-06")
KIRKUK_TEXT = """Gunmen killed three soldiers at an army checkpoint near Kirkuk on Sunday, security officials said.
The attackers opened fire from a passing car before fleeing towards the Hamrin mountains, the officials said.
Two other soldiers were wounded in the attack and taken to a hospital in the city.
No group has claimed responsibility, but Islamic State cells remain active in the area despite repeated operations."""
KIRKUK_PAGE = article_page(_paragraphs(KIRKUK_TEXT), title="Soldiers killed near Kirkuk",
                           meta_date=None, time_date="2019-03-11")


class Site:
    """A tiny web site on 127.0.0.1: routes map a path to (status, headers, body) or a callable."""

    def __init__(self) -> None:
        self.routes: dict[str, object] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                route = site.routes.get(self.path.split("?")[0])
                if route is None:
                    route = (404, {"Content-Type": "text/html"}, b"<h1>not found</h1>")
                if callable(route):
                    route = route()
                status, headers, body = route
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        if value is not None:
                            self.send_header(key, value)
                    if "Content-Length" not in headers and body is not None:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def html_route(body: bytes, content_type: str = "text/html; charset=utf-8"):
    return (200, {"Content-Type": content_type}, body)


def _slow():
    time.sleep(1.0)
    return html_route(SU25_PAGE)


def _streamed_big():
    # No Content-Length: the limit must hold while reading, too.
    return (200, {"Content-Type": "text/html", "Content-Length": None, "Connection": "close"},
            b"<html><body>" + b"<p>filler text</p>" * 20000 + b"</body></html>")


@pytest.fixture(scope="module")
def site():
    with Site() as s:
        s.routes.update({
            "/article": html_route(SU25_PAGE),
            "/kirkuk": html_route(KIRKUK_PAGE),
            "/big": html_route(b"<html><body>" + b"x" * 300_000 + b"</body></html>"),
            "/slow": _slow,
            "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ..."),
            "/redirect-ok": (302, {"Location": "/article"}, b""),
            "/redirect-private": (302, {"Location": "http://10.1.2.3/internal"}, b""),
            "/redirect-loop": (302, {"Location": "/redirect-loop"}, b""),
        })
        yield s


class LoopbackAsPublic(Fetcher):
    """A fetcher that treats only the test server's 127.0.0.1 as a public host."""

    def address_allowed(self, address):
        return None if address == "127.0.0.1" else address_problem(address)


# -- the address checker -------------------------------------------------------------

@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1/", "loopback"),
    ("http://127.9.9.9:8080/x", "loopback"),
    ("http://10.0.0.5/", "private"),
    ("https://192.168.1.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[::1]:8000/", "loopback"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://100.64.0.1/", "not a global address"),
])
def test_non_global_addresses_are_refused(monkeypatch, url, why):
    monkeypatch.delenv("INGEST_ALLOW_PRIVATE", raising=False)
    with pytest.raises(FetchError) as caught:
        Fetcher().check_url(url)
    message = str(caught.value)
    assert "refused address" in message and why in message and "INGEST_ALLOW_PRIVATE=1" in message
    assert "\n" not in message


def test_every_resolved_address_is_checked():
    def resolver(host, port):
        return {"news.example": ["93.184.216.34"], "mixed.example": ["93.184.216.34", "10.0.0.1"],
                "inner.example": ["fd00::5"]}[host]

    fetcher = Fetcher(allow_private=False, resolver=resolver)
    assert fetcher.check_url("https://news.example/a")[3] == ["93.184.216.34"]
    with pytest.raises(FetchError, match=r"refused address 10\.0\.0\.1 \(private"):
        fetcher.check_url("https://mixed.example/a")
    with pytest.raises(FetchError, match="refused address fd00::5"):
        fetcher.check_url("http://inner.example/")


def test_allow_private_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE", "1")
    assert Fetcher().check_url("http://127.0.0.1:9/")[3] == ["127.0.0.1"]
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE", "0")
    with pytest.raises(FetchError, match="refused address"):
        Fetcher().check_url("http://127.0.0.1:9/")


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https(url):
    with pytest.raises(FetchError, match="only http and https"):
        Fetcher(allow_private=True).check_url(url)


def test_redirects_are_followed_and_each_target_is_checked(site):
    fetcher = LoopbackAsPublic(allow_private=False)
    response = fetcher.fetch(site.base + "/redirect-ok")
    assert response.url == site.base + "/article" and b"Maasran" in response.body
    with pytest.raises(FetchError, match=r"http://10\.1\.2\.3/internal: refused address 10\.1\.2\.3 \(private"):
        fetcher.fetch(site.base + "/redirect-private")
    with pytest.raises(FetchError, match="redirects"):
        fetcher.fetch(site.base + "/redirect-loop")


def test_the_test_server_itself_is_refused_without_the_setting(site, monkeypatch):
    monkeypatch.delenv("INGEST_ALLOW_PRIVATE", raising=False)
    with pytest.raises(FetchError, match="refused address 127.0.0.1"):
        Fetcher().fetch(site.base + "/article")


# -- fetching failures ---------------------------------------------------------------

def test_too_large_pages_are_refused(site):
    fetcher = Fetcher(allow_private=True, max_bytes=100_000)
    with pytest.raises(FetchError, match="too large"):
        fetcher.fetch(site.base + "/big")
    site.routes["/big-streamed"] = _streamed_big
    with pytest.raises(FetchError, match="too large"):
        fetcher.fetch(site.base + "/big-streamed")


def test_slow_pages_time_out(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 0.3 s"):
        Fetcher(allow_private=True, timeout=0.3).fetch(site.base + "/slow")
    assert time.monotonic() - started < 0.9


def test_non_html_and_http_errors(site):
    fetcher = Fetcher(allow_private=True)
    with pytest.raises(FetchError, match=r"not HTML \(content type application/pdf\)"):
        fetcher.fetch(site.base + "/report.pdf")
    with pytest.raises(FetchError, match="HTTP status 404 Not Found"):
        fetcher.fetch(site.base + "/nothing-here")


def test_connection_refused_is_one_line():
    with pytest.raises(FetchError, match="cannot fetch") as caught:
        Fetcher(allow_private=True, timeout=2).fetch("http://127.0.0.1:9/")  # discard port: nothing listens
    assert "\n" not in str(caught.value)


# -- extraction ----------------------------------------------------------------------

def test_main_text_title_and_date_are_extracted(site):
    article = read_url(site.base + "/article", fetcher=Fetcher(allow_private=True))
    assert article.title == "Russian pilot killed after jet downed in Idlib"
    assert article.published.isoformat() == "2018-02-06"
    assert article.url == site.base + "/article"
    assert "Maasran" in article.text and "chlorine" in article.text
    for boilerplate in ("Aleppo on Friday", "Homs market", "Home", "Sport", "Copyright", "Related"):
        assert boilerplate not in article.text


def test_the_date_can_come_from_a_time_element():
    page = extract_page(KIRKUK_PAGE.decode(), "https://news.example/kirkuk")
    assert page["date"] == "2019-03-11" and "Kirkuk" in page["text"] and "Aleppo" not in page["text"]


# -- the command line ----------------------------------------------------------------

def run(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "INGEST_ALLOW_PRIVATE"} | (env_extra or {})
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=300)


def test_ingest_and_extract_accept_urls(gazetteer, site, tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}", "INGEST_ALLOW_PRIVATE": "1",
           "INGEST_FETCH_TIMEOUT": "0.5"}
    first = run("ingest", site.base + "/article", site.base + "/slow", site.base + "/report.pdf",
                site.base + "/nothing-here", env_extra=env)
    assert "Traceback" not in first.stderr
    assert first.returncode == 1
    counts = first.stdout.strip()
    assert counts.startswith("1 articles read, ") and counts.endswith(" 0 skipped (already stored), 3 failed")
    assert int(counts.split(", ")[1].split()[0]) >= 2
    errors = [line for line in first.stderr.strip().splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {site.base}/slow: timed out after 0.5 s",
                      f"error: {site.base}/report.pdf: not HTML (content type application/pdf)",
                      f"error: {site.base}/nothing-here: HTTP status 404 Not Found"]

    again = run("ingest", site.base + "/article", env_extra=env)
    assert again.stdout.strip() == "1 articles read, 0 incidents stored, 1 skipped (already stored), 0 failed"

    extracted = run("extract", site.base + "/article", env_extra=env)
    assert extracted.returncode == 0, extracted.stderr
    rows = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert rows and all(r["source_url"] == site.base + "/article" and r["published"] == "2018-02-06" for r in rows)
    assert all(r["source_title"] == "Russian pilot killed after jet downed in Idlib" for r in rows)
    assert "Maasran" in {r["location"] for r in rows}


def test_ingest_refuses_private_urls_without_the_setting(gazetteer, site, tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}"}
    result = run("ingest", site.base + "/article", "http://[::1]:1/x", env_extra=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.strip() == "0 articles read, 0 incidents stored, 0 skipped (already stored), 2 failed"
    assert f"error: {site.base}/article: refused address 127.0.0.1 (loopback" in result.stderr
    assert "error: http://[::1]:1/x: refused address ::1 (loopback" in result.stderr
