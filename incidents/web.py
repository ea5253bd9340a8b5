"""Articles from the web: a guarded fetcher and main-text extraction.

`fetch` gets an http(s) URL with a timeout and a size limit, and refuses to
talk to addresses that are not global (loopback, private, link-local, shared,
reserved, multicast …) unless INGEST_ALLOW_PRIVATE=1. Every address a host
name resolves to is checked, the connection is made to a checked address (so a
second DNS answer cannot swap in another one), and redirects are followed by
hand, each target checked again. Environment proxies are not used.

`read_url` turns a page into an `Article` with trafilatura: the main text
(navigation, link lists and comments removed), the title, the publication date
found in the page's markup, and the final URL.

Settings: INGEST_ALLOW_PRIVATE (0), INGEST_FETCH_TIMEOUT (seconds, 20),
INGEST_MAX_BYTES (5000000).
"""
from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import json
import os
import re
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from incidents.articles import MAX_ARTICLE_BYTES, Article
from incidents.errors import InputError

USER_AGENT = "conflict-incidents/1.0 (+https://github.com/; news ingestion)"
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json", "text/plain", *HTML_TYPES)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Resolver = Callable[[str, int], Iterable[str]]


class FetchError(InputError):
    """A URL could not be fetched (refused address, timeout, too large, wrong type, HTTP status)."""


def looks_like_url(text: str) -> bool:
    """True for `scheme://…` inputs (only http and https are then accepted)."""
    return bool(_SCHEME.match(text.strip()))


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def system_resolver(host: str, port: int) -> list[str]:
    """Every address `host` resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def address_problem(address: str) -> str | None:
    """Why connecting to `address` is refused (None when it is a global unicast address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for attribute, label in (("is_loopback", "loopback"), ("is_link_local", "link-local"),
                             ("is_multicast", "multicast"), ("is_unspecified", "unspecified"),
                             ("is_private", "private"), ("is_reserved", "reserved")):
        if getattr(ip, attribute):
            return label
    if not ip.is_global:
        return "not a global address"
    return None


@dataclass
class Response:
    url: str            # after redirects
    status: int
    content_type: str   # media type, lower case, without parameters
    charset: str | None
    body: bytes

    def text(self) -> str:
        for encoding in (self.charset, "utf-8"):
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    continue
        return self.body.decode("latin-1")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class Fetcher:
    """Fetches http(s) URLs under the rules above; every failure is a one-line `FetchError`."""

    def __init__(self, *, timeout: float | None = None, max_bytes: int | None = None,
                 allow_private: bool | None = None, resolver: Resolver | None = None) -> None:
        self.timeout = timeout if timeout is not None else _env_number("INGEST_FETCH_TIMEOUT", 20.0)
        self.max_bytes = int(max_bytes if max_bytes is not None
                             else _env_number("INGEST_MAX_BYTES", MAX_ARTICLE_BYTES))
        self.allow_private = _env_flag("INGEST_ALLOW_PRIVATE") if allow_private is None else allow_private
        self.resolver = resolver or system_resolver

    # -- addresses -------------------------------------------------------------
    def address_allowed(self, address: str) -> str | None:
        """None when `address` may be contacted, else why not."""
        return None if self.allow_private else address_problem(address)

    def check_url(self, url: str) -> tuple[str, str, int, list[str]]:
        """(scheme, host, port, addresses) of an http(s) URL whose every address is allowed."""
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs are accepted")
        try:
            host, port = parts.hostname, parts.port
        except ValueError:
            raise FetchError(f"{url}: not a valid URL (bad port)") from None
        if not host:
            raise FetchError(f"{url}: not a valid URL (no host)")
        port = port or (443 if scheme == "https" else 80)
        try:
            addresses = list(self.resolver(host, port))
        except (OSError, UnicodeError) as err:
            raise FetchError(f"{url}: cannot resolve {host} ({getattr(err, 'strerror', None) or err})") from None
        if not addresses:
            raise FetchError(f"{url}: cannot resolve {host}")
        for address in addresses:
            try:
                problem = self.address_allowed(address)
            except ValueError:
                problem = "not an IP address"
            if problem:
                raise FetchError(f"{url}: refused address {address} ({problem}; "
                                 f"set INGEST_ALLOW_PRIVATE=1 to allow)")
        return scheme, host, port, addresses

    # -- fetching --------------------------------------------------------------
    def fetch(self, url: str, *, accept: tuple[str, ...] = HTML_TYPES) -> Response:
        original = url
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port, addresses = self.check_url(url)
            try:
                status, headers, body = self._request(url, scheme, host, port, addresses, deadline)
            except FetchError:
                raise
            except (socket.timeout, TimeoutError):
                raise FetchError(f"{url}: timed out after {self.timeout:g} s") from None
            except ssl.SSLError as err:
                raise FetchError(f"{url}: TLS error ({err.reason or err})") from None
            except (OSError, http.client.HTTPException) as err:
                raise FetchError(f"{url}: cannot fetch ({getattr(err, 'strerror', None) or err or type(err).__name__})") from None
            if status in (301, 302, 303, 307, 308):
                location = headers.get("location")
                if not location:
                    raise FetchError(f"{url}: HTTP {status} redirect without a Location")
                url = urljoin(url, location.strip())
                continue
            if not 200 <= status < 300:
                raise FetchError(f"{url}: HTTP status {status} {http.client.responses.get(status, '')}".rstrip())
            media, charset = _content_type(headers.get("content-type", ""))
            if accept and media not in accept:
                kind = "HTML" if accept == HTML_TYPES else "a feed"
                raise FetchError(f"{url}: not {kind} (content type {media or 'missing'})")
            return Response(url=url, status=status, content_type=media, charset=charset, body=body)
        raise FetchError(f"{original}: more than {MAX_REDIRECTS} redirects")

    def _request(self, url, scheme, host, port, addresses, deadline):
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        last_error: Exception | None = None
        for address in addresses:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout()
            cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
            conn = cls(host, port, address, remaining)
            try:
                try:
                    conn.request("GET", target, headers={
                        "User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"})
                except (ConnectionError, socket.gaierror) as err:
                    last_error = err
                    continue  # try the next checked address
                response = conn.getresponse()
                headers = {k.lower(): v for k, v in response.getheaders()}
                if response.status in (301, 302, 303, 307, 308) or not 200 <= response.status < 300:
                    return response.status, headers, b""
                length = headers.get("content-length", "")
                if length.isdigit() and int(length) > self.max_bytes:
                    raise FetchError(f"{url}: too large ({int(length):,} bytes; the limit is {self.max_bytes:,})")
                chunks, size = [], 0
                while True:
                    if time.monotonic() > deadline:
                        raise socket.timeout()
                    chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"{url}: too large (more than the limit of {self.max_bytes:,} bytes)")
                    chunks.append(chunk)
                return response.status, headers, b"".join(chunks)
            finally:
                conn.close()
        raise last_error or OSError("no address to connect to")


def _content_type(value: str) -> tuple[str, str | None]:
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip('"\'') or None
    return media.strip().lower(), charset


def extract_page(html: str | bytes, url: str | None = None) -> dict:
    """The main `text`, `title` and `date` (ISO or None) of an HTML page, via trafilatura."""
    try:
        import trafilatura
    except ImportError:
        raise InputError("reading web pages needs trafilatura (python -m pip install trafilatura)") from None
    raw = trafilatura.extract(
        html, url=url, output_format="json", with_metadata=True, include_comments=False,
        include_tables=False, include_links=False, include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    data = json.loads(raw) if raw else {}
    date = data.get("date")
    try:
        date = dt.date.fromisoformat(str(date)[:10]).isoformat() if date else None
    except ValueError:
        date = None
    return {"text": (data.get("text") or "").strip(), "title": data.get("title") or None, "date": date}


def read_url(url: str, *, published: dt.date | None = None, title: str | None = None,
             fetcher: Fetcher | None = None) -> Article:
    """The article at `url`. Its own date wins over `published`; `title` fills in a missing one."""
    response = (fetcher or Fetcher()).fetch(url)
    page = extract_page(response.text(), response.url)
    if not page["text"]:
        raise FetchError(f"{url}: no article text found on the page")
    date = dt.date.fromisoformat(page["date"]) if page["date"] else published
    return Article(text=page["text"], published=date, title=page["title"] or title,
                   url=response.url, origin=url)
