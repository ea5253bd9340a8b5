"""Optional online geocoding: Nominatim (or another geopy provider) behind the offline gazetteer.

Off by default. With GEO_ONLINE unset or "off", `online_geocoder_from_env()`
returns None, geopy's network code is never imported, and the product behaves
exactly as it does offline. When it is on:

    from geo import Gazetteer
    from geo.online import layered, online_geocoder_from_env
    geocoder = layered(Gazetteer.open(), online_geocoder_from_env())
    geocoder.geocode("Kafr Nabudah", country="SY")   # offline first, then Nominatim

`OnlineGeocoder.geocode(query, *, country=None, admin1=None, near=None)` has
the offline Gazetteer's signature and returns a `geo.Place` (source
"nominatim", or the provider's name) or None. It never raises for network
trouble: a refused connection, a timeout, HTTP 429 or 5xx all end as None for
that query, logged once at WARNING, never cached, and the provider is paused
for GEO_ONLINE_COOLDOWN seconds so a dead network costs one failed request,
not one per name. `OnlineGeocoder.search()` is the strict form: it raises the
exception family below instead.

What happens to one query:
  1. the persistent cache (SQLite `online-cache.sqlite` in GEO_DATA_DIR) is
     asked first, keyed on (provider, normalized query, country code). It
     holds answers and misses (an empty answer), each with its time; a hit
     touches neither the network nor the rate limiter.
  2. the process-wide rate limiter (geopy's RateLimiter, one per process,
     shared by every OnlineGeocoder) waits until at least GEO_ONLINE_MIN_DELAY
     seconds have passed since the previous request of any of them.
  3. the request. HTTP 429 and 5xx and timeouts are retried GEO_ONLINE_RETRIES
     times, waiting Retry-After when the server sends it, else
     GEO_ONLINE_BACKOFF * 2**attempt seconds; a wait longer than
     GEO_ONLINE_COOLDOWN is not waited for (the provider pauses instead).
     Other 4xx are not retried. See `_HTTP_ERRORS`.
  4. up to 5 candidates are stored; `admin1` and `near` only rank them (the
     same way the offline gazetteer uses them), so they are not in the key.

Normalized query: Unicode NFKC, case-folded, whitespace collapsed. It is
deliberately milder than geo.normalize.name_key (no transliteration), since
the online service sees the spelling itself.

Configuration (environment; each default also lives in `SETTINGS`):
  GEO_ONLINE                "off" (default, also unset, "", "0", "no", "false",
                            "none"): no online lookups. "nominatim": OpenStreetMap's
                            Nominatim. Any other name is a geopy provider, as
                            `geopy.geocoders.get_geocoder_for_service` knows them
                            ("photon", "arcgis", "opencage", ...).
  GEO_USER_AGENT            required when GEO_ONLINE is on: the User-Agent that
                            identifies this application to the service
                            (Nominatim's usage policy demands one of your own).
  GEO_NOMINATIM_URL         another Nominatim server: "https://host[:port][/path]";
                            without a scheme, https. Default: nominatim.openstreetmap.org.
                            On the public server GEO_ONLINE_MIN_DELAY is never below 1 s.
  GEO_ONLINE_OPTIONS        JSON object of extra keyword arguments for the provider's
                            constructor, e.g. {"api_key": "..."} (default: {}).
  GEO_ONLINE_TIMEOUT        seconds to wait for one answer (default 10).
  GEO_ONLINE_MIN_DELAY      seconds between two requests of this process (default 1.0).
  GEO_ONLINE_RETRIES        retries after a timeout, 429 or 5xx (default 2).
  GEO_ONLINE_BACKOFF        first back-off wait in seconds, doubled per retry (default 2).
  GEO_ONLINE_COOLDOWN       seconds the provider is paused after the network or the
                            service failed (default 60).
  GEO_ONLINE_MAX_AGE        days a cached answer or miss stays valid; 0 = forever (default 0).

Errors (all under geo.GeoError):
  OnlineGeocoderError       root of this module's errors
  GeocoderConfigError       bad or missing configuration (also a ValueError)
  GeocoderUnavailable       the service failed: HTTP 5xx (also a ConnectionError)
  GeocoderUnreachable       no connection at all: network absent, refused, DNS
  GeocoderRateLimited       HTTP 429; `retry_after` holds the server's wish
  GeocoderTimeout           no answer in time (also a TimeoutError)
  GeocoderRejected          the service refused the request: 4xx other than 429
                            (also a ValueError)
"""
from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import logging
import math
import os
import socket
import sqlite3
import threading
import time
import unicodedata
import urllib.error
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Protocol
from urllib.parse import urlsplit

from geo.build import GeoError, data_dir
from geo.gazetteer import Place, _km, _points  # one distance rule for both geocoders

__all__ = [
    "CACHE_NAME",
    "SETTINGS",
    "Clock",
    "GeocoderConfigError",
    "GeocoderRateLimited",
    "GeocoderRejected",
    "GeocoderTimeout",
    "GeocoderUnavailable",
    "GeocoderUnreachable",
    "LayeredGeocoder",
    "OnlineCache",
    "OnlineGeocoder",
    "OnlineGeocoderError",
    "OnlineSettings",
    "RequestLimiter",
    "SystemClock",
    "layered",
    "normalize_query",
    "online_geocoder_from_env",
    "process_limiter",
    "set_process_limiter",
]

log = logging.getLogger(__name__)

CACHE_NAME = "online-cache.sqlite"
PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
CANDIDATES = 5        # answers asked for and cached per query, for admin1/near ranking
LANGUAGE = "en"       # names come back in English, like the offline gazetteer's
_OFF = frozenset({"", "off", "0", "no", "false", "none"})

Point = tuple[float, float]


# --- the exception family ---

class OnlineGeocoderError(GeoError):
    """Root of the online geocoder's errors.

    `retryable`: worth asking again after a wait; `pauses`: says something
    about the service or the network, not about this one query.
    """

    retryable = False
    pauses = False

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class GeocoderConfigError(OnlineGeocoderError, ValueError):
    """GEO_ONLINE and friends name something that cannot work."""


class GeocoderUnavailable(OnlineGeocoderError, ConnectionError):
    """The service answered with a server error (5xx)."""

    retryable = pauses = True


class GeocoderUnreachable(GeocoderUnavailable):
    """No connection: the network is absent, the port closed, the name unknown to DNS."""

    retryable = False  # asking again at once would fail the same way


class GeocoderRateLimited(GeocoderUnavailable):
    """HTTP 429: too many requests; `retry_after` is the wait the server asked for."""


class _Paused(GeocoderUnavailable):
    """Not asked: the provider is pausing after a failure (logged at DEBUG only)."""


class GeocoderTimeout(OnlineGeocoderError, TimeoutError):
    """No answer within GEO_ONLINE_TIMEOUT seconds."""

    retryable = pauses = True


class GeocoderRejected(OnlineGeocoderError, ValueError):
    """A 4xx other than 429: the request itself was refused; never retried."""


# HTTP status -> (error class, retried with back-off, pauses the provider).
# Statuses not listed: other 5xx as 500, other 4xx as 400.
_HTTP_ERRORS: dict[int, tuple[type[OnlineGeocoderError], bool, bool]] = {
    400: (GeocoderRejected, False, False),    # a malformed query: this query only
    401: (GeocoderRejected, False, True),     # a key refused: every query will be
    403: (GeocoderRejected, False, True),     # Nominatim: user agent blocked by its policy
    404: (GeocoderRejected, False, False),
    408: (GeocoderTimeout, True, True),
    413: (GeocoderRejected, False, False),    # query too long
    414: (GeocoderRejected, False, False),
    429: (GeocoderRateLimited, True, True),
    500: (GeocoderUnavailable, True, True),
    502: (GeocoderUnavailable, True, True),
    503: (GeocoderUnavailable, True, True),
    504: (GeocoderUnavailable, True, True),
}


def _http_error(status: int, retry_after: float | None) -> OnlineGeocoderError:
    cls, retryable, pauses = _HTTP_ERRORS.get(status) or _HTTP_ERRORS[500 if status >= 500 else 400]
    error = cls(f"HTTP {status} from the geocoding service", status=status, retry_after=retry_after)
    error.retryable, error.pauses = retryable, pauses
    return error


def _chain(error: BaseException) -> Iterable[BaseException]:
    """The error, then its causes and contexts (geopy raises inside `except` blocks)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _classify(error: BaseException) -> OnlineGeocoderError | None:
    """Our error for what geopy or the socket raised; None for anything else (a bug)."""
    from geopy import exc as gexc
    from geopy.adapters import AdapterHTTPError, get_retry_after

    chain = list(_chain(error))
    for e in chain:
        if isinstance(e, AdapterHTTPError):
            retry_after = get_retry_after(e.headers or {})
            return _http_error(e.status_code, None if retry_after is None else float(retry_after))
    if isinstance(error, gexc.GeocoderRateLimited):
        return _http_error(429, error.retry_after)
    if any(isinstance(e, (TimeoutError, socket.timeout)) for e in chain):  # geopy's GeocoderTimedOut too
        return GeocoderTimeout(f"no answer in time ({error})")
    if any(isinstance(e, (ConnectionError, urllib.error.URLError, socket.gaierror, gexc.GeocoderUnavailable))
           for e in chain):
        return GeocoderUnreachable(f"geocoding service unreachable ({error})")
    if isinstance(error, (gexc.GeocoderAuthenticationFailure, gexc.GeocoderInsufficientPrivileges,
                          gexc.GeocoderQuotaExceeded)):
        rejected = GeocoderRejected(f"geocoding service refused us ({error})")
        rejected.pauses = True
        return rejected
    if isinstance(error, (gexc.GeocoderQueryError, gexc.GeocoderParseError)):
        return GeocoderRejected(f"geocoding service could not answer this query ({error})")
    if isinstance(error, gexc.GeopyError):
        return GeocoderUnavailable(f"geocoding service failed ({error})")
    return None


# --- configuration: every default in one place ---

def _text(raw: str) -> str:
    return raw.strip()


def _options(raw: str) -> dict[str, Any]:
    value = json.loads(raw) if raw.strip() else {}
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


def _seconds(raw: str) -> float:
    value = float(raw)
    if not math.isfinite(value) or value < 0:
        raise ValueError("not a number of seconds >= 0")
    return value


def _count(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError("negative")
    return value


@dataclass(frozen=True)
class Setting:
    """One environment variable: its default (as text) and what it does."""

    env: str
    default: str
    help: str
    parse: Callable[[str], Any] = _text


SETTINGS: dict[str, Setting] = {s.env: s for s in (
    Setting("GEO_ONLINE", "off", 'provider: "off", "nominatim" or a geopy service name'),
    Setting("GEO_USER_AGENT", "", "User-Agent naming this application (required when online)"),
    Setting("GEO_NOMINATIM_URL", f"https://{PUBLIC_NOMINATIM}", "Nominatim server, scheme://host[:port][/path]"),
    Setting("GEO_ONLINE_OPTIONS", "{}", "JSON object of extra provider constructor arguments", _options),
    Setting("GEO_ONLINE_TIMEOUT", "10", "seconds to wait for one answer", _seconds),
    Setting("GEO_ONLINE_MIN_DELAY", "1.0", "seconds between two requests of this process", _seconds),
    Setting("GEO_ONLINE_RETRIES", "2", "retries after a timeout, HTTP 429 or 5xx", _count),
    Setting("GEO_ONLINE_BACKOFF", "2", "first back-off wait (s), doubled per retry", _seconds),
    Setting("GEO_ONLINE_COOLDOWN", "60", "seconds the provider pauses after a network/service failure", _seconds),
    Setting("GEO_ONLINE_MAX_AGE", "0", "days a cached answer or miss stays valid; 0 = forever", _seconds),
)}


def _setting(env: Mapping[str, str], name: str) -> Any:
    spec = SETTINGS[name]
    raw = env.get(name)
    raw = spec.default if raw is None or not raw.strip() else raw
    try:
        return spec.parse(raw)
    except ValueError as err:
        raise GeocoderConfigError(f"{name}={raw!r}: {err} ({spec.help})") from err


@dataclass(frozen=True)
class OnlineSettings:
    """The online geocoder's configuration, as read from the environment."""

    provider: str | None            # None: off
    user_agent: str
    url: str
    options: Mapping[str, Any]
    timeout: float
    min_delay: float
    retries: int
    backoff: float
    cooldown: float
    max_age_days: float

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "OnlineSettings":
        """Read and check every GEO_ONLINE* variable; GeocoderConfigError names a bad one."""
        env = os.environ if environ is None else environ
        provider = _setting(env, "GEO_ONLINE").lower()
        return cls(
            provider=None if provider in _OFF else provider,
            user_agent=_setting(env, "GEO_USER_AGENT"),
            url=_setting(env, "GEO_NOMINATIM_URL"),
            options=_setting(env, "GEO_ONLINE_OPTIONS"),
            timeout=_setting(env, "GEO_ONLINE_TIMEOUT"),
            min_delay=_setting(env, "GEO_ONLINE_MIN_DELAY"),
            retries=_setting(env, "GEO_ONLINE_RETRIES"),
            backoff=_setting(env, "GEO_ONLINE_BACKOFF"),
            cooldown=_setting(env, "GEO_ONLINE_COOLDOWN"),
            max_age_days=_setting(env, "GEO_ONLINE_MAX_AGE"),
        )


def _default(name: str) -> Any:
    return SETTINGS[name].parse(SETTINGS[name].default)


# --- clock and the process-wide rate limiter ---

class Clock(Protocol):
    """Time as the limiter and the back-off see it; tests pass a fake one."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@functools.lru_cache(maxsize=1)
def _clocked_rate_limiter_class() -> type:
    """geopy's RateLimiter reading the owner's clock (imported only when online)."""
    from geopy.extra.rate_limiter import RateLimiter

    class ClockedRateLimiter(RateLimiter):
        owner: "RequestLimiter"

        def _clock(self) -> float:
            return self.owner.clock.monotonic()

        def _sleep(self, seconds: float) -> None:
            log.debug("rate limit: waiting %.3f s", seconds)
            self.owner.clock.sleep(seconds)

    return ClockedRateLimiter


def _call(fn: Callable[[], Any]) -> Any:
    return fn()


class RequestLimiter:
    """At most one request per `min_delay` seconds among all threads sharing it.

    A thin owner of geopy's RateLimiter used for spacing only (no retries, no
    swallowing: those are OnlineGeocoder's). Thread-safe.
    """

    def __init__(self, min_delay: float | None = None, *, clock: Clock | None = None) -> None:
        self.clock: Clock = clock if clock is not None else SystemClock()
        delay = _default("GEO_ONLINE_MIN_DELAY") if min_delay is None else float(min_delay)
        self._limiter = _clocked_rate_limiter_class()(
            _call, min_delay_seconds=delay, max_retries=0, error_wait_seconds=delay, swallow_exceptions=False,
        )
        self._limiter.owner = self

    @property
    def min_delay(self) -> float:
        return self._limiter.min_delay_seconds

    def at_least(self, min_delay: float) -> None:
        """Raise the spacing to `min_delay` if it is below (never lowers it)."""
        with self._limiter._lock:
            if min_delay > self._limiter.min_delay_seconds:
                self._limiter.min_delay_seconds = self._limiter.error_wait_seconds = float(min_delay)

    def call(self, fn: Callable[[], Any]) -> Any:
        """Wait for this process's next request slot, then run `fn()`; its errors pass through."""
        return self._limiter(fn)


_process_limiter: RequestLimiter | None = None
_process_lock = threading.Lock()


def process_limiter(min_delay: float | None = None) -> RequestLimiter:
    """The process's one limiter, made on first use; `min_delay` may only raise its spacing."""
    global _process_limiter
    with _process_lock:
        if _process_limiter is None:
            _process_limiter = RequestLimiter(min_delay)
        elif min_delay is not None:
            _process_limiter.at_least(min_delay)
        return _process_limiter


def set_process_limiter(limiter: RequestLimiter | None) -> RequestLimiter | None:
    """Replace the process's limiter (None: a fresh one on next use); returns the previous one.

    For applications that want their own spacing or clock, and for tests.
    Geocoders already made keep the limiter they were given.
    """
    global _process_limiter
    with _process_lock:
        previous, _process_limiter = _process_limiter, limiter
        return previous


# --- the persistent cache ---

_PLACE_FIELDS = tuple(f.name for f in dataclasses.fields(Place))


def normalize_query(query: str) -> str:
    """The cache's form of a query: NFKC, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFKC", query or "").casefold().split())


class OnlineCache:
    """Answers and misses of online providers, in SQLite, shared by threads and processes.

    `get` returns None when nothing (fresh) is stored, else a tuple of places,
    empty for a cached miss.
    """

    def __init__(self, path: Path | str | None = None, *, max_age: float | None = None,
                 now: Callable[[], float] = time.time) -> None:
        """`path` default: GEO_DATA_DIR/online-cache.sqlite; `max_age` in seconds (None: forever)."""
        self.path = Path(path) if path is not None else data_dir() / CACHE_NAME
        self.max_age = max_age or None
        self.now = now
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = self._connect(str(self.path))
        except (OSError, sqlite3.Error) as err:
            log.warning("online cache %s unusable (%s): answers are kept in memory only", self.path, err)
            self._con = self._connect(":memory:")

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        con = sqlite3.connect(target, timeout=10, check_same_thread=False, isolation_level=None)
        if target != ":memory:":
            con.execute("PRAGMA journal_mode=WAL")
        con.execute(
            "CREATE TABLE IF NOT EXISTS answers ("
            " provider TEXT NOT NULL, query TEXT NOT NULL, country TEXT NOT NULL,"
            " places TEXT NOT NULL,"          # JSON list of Place fields; [] is a miss
            " fetched_at REAL NOT NULL,"      # Unix time
            " PRIMARY KEY (provider, query, country)) WITHOUT ROWID"
        )
        return con

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def get(self, provider: str, query: str, country: str | None) -> tuple[Place, ...] | None:
        sql = "SELECT places, fetched_at FROM answers WHERE provider = ? AND query = ? AND country = ?"
        try:
            with self._lock:
                row = self._con.execute(sql, (provider, normalize_query(query), country or "")).fetchone()
        except sqlite3.Error as err:
            log.warning("online cache read failed: %s", err)
            return None
        if row is None or (self.max_age is not None and row[1] < self.now() - self.max_age):
            return None
        try:
            return tuple(Place(**{k: item[k] for k in _PLACE_FIELDS}) for item in json.loads(row[0]))
        except (ValueError, KeyError, TypeError):  # written by an older Place: ask again
            return None

    def put(self, provider: str, query: str, country: str | None, places: Iterable[Place]) -> None:
        payload = json.dumps([{k: getattr(p, k) for k in _PLACE_FIELDS} for p in places], ensure_ascii=False)
        try:
            with self._lock:
                self._con.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                    (provider, normalize_query(query), country or "", payload, self.now()),
                )
        except sqlite3.Error as err:
            log.warning("online cache write failed: %s", err)

    def __len__(self) -> int:
        with self._lock:
            return self._con.execute("SELECT count(*) FROM answers").fetchone()[0]


# --- answers -> Places ---

# Nominatim's addresstype/type -> GeoNames feature code (Place.precision reads it).
_NOMINATIM_LEVELS = {
    "country": "PCLI",
    "state": "ADM1", "province": "ADM1", "region": "ADM1",
    "state_district": "ADM2", "county": "ADM2", "district": "ADM2",
}
_ADMIN1_KEYS = ("state", "province", "region")
_ADMIN2_KEYS = ("state_district", "county", "district")


def _first(mapping: Mapping[str, Any], keys: Iterable[str]) -> Any:
    return next((mapping[k] for k in keys if mapping.get(k)), None)


def _nominatim_place(raw: Mapping[str, Any], source: str) -> Place | None:
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    address = raw.get("address") or {}
    kind = raw.get("addresstype") or raw.get("type") or ""
    feature = _NOMINATIM_LEVELS.get(kind)
    if feature is None and kind == "administrative":  # a boundary: its rank says the level
        rank = int(raw.get("place_rank") or 30)
        feature = "PCLI" if rank <= 4 else "ADM1" if rank <= 9 else "ADM2" if rank <= 12 else None
    display = raw.get("display_name") or ""
    name = raw.get("name") or address.get(kind) or display.split(",")[0].strip() or display
    osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
    ident = f"{osm_type[0].upper()}{osm_id}" if osm_type and osm_id else str(raw.get("place_id", f"{lat},{lon}"))
    population = (raw.get("extratags") or {}).get("population") or 0
    cc = (address.get("country_code") or "").upper() or None
    return Place(
        id=f"{source}:{ident}", name=name, latitude=lat, longitude=lon,
        country_code=cc, country=address.get("country"),
        admin1=_first(address, _ADMIN1_KEYS), admin2=_first(address, _ADMIN2_KEYS),
        feature_code=feature or "PPL",
        population=int(population) if str(population).isdigit() else 0,
        source=source,
    )


def _generic_place(location: Any, source: str) -> Place | None:
    """Any geopy Location: its point and first address part; the rest is unknown."""
    if location is None or location.latitude is None:
        return None
    name = (location.address or "").split(",")[0].strip()
    lat, lon = round(location.latitude, 5), round(location.longitude, 5)
    return Place(
        id=f"{source}:{lat},{lon}", name=name, latitude=location.latitude, longitude=location.longitude,
        country_code=None, country=None, admin1=None, admin2=None,
        feature_code="PPL", population=0, source=source,
    )


def _country_code(country: str | None) -> str | None:
    """ISO alpha-2 for a code or an English country name; None when unknown."""
    text = (country or "").strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        return text.upper()
    import pycountry  # only reached online

    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


def _unit_key(name: str | None) -> str:
    return normalize_query(name or "").replace("governorate", "").replace("province", "").strip()


def _rank(places: tuple[Place, ...], country: str | None, admin1: str | None,
          near: Point | Iterable[Point] | None) -> tuple[Place, ...]:
    """Like the gazetteer: country, then admin1, then distance band; else the service's order."""
    wanted_admin1, points = _unit_key(admin1), _points(near)

    def key(item: tuple[int, Place]) -> tuple:
        order, p = item
        band = 0
        if points:
            km = min(_km((p.latitude, p.longitude), q) for q in points)
            band = 0 if km <= 25 else 1 if km <= 100 else 2 if km <= 500 else 3
        return (
            country is not None and p.country_code is not None and p.country_code != country,
            bool(wanted_admin1) and _unit_key(p.admin1) != wanted_admin1,
            band,
            order,
        )

    return tuple(p for _, p in sorted(enumerate(places), key=key))


# --- the online geocoder ---

def _nominatim_target(url: str) -> tuple[str, str]:
    """(scheme, domain[/path]) of GEO_NOMINATIM_URL, for geopy's Nominatim."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else f"https://{text}")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GeocoderConfigError(f"GEO_NOMINATIM_URL={url!r}: expected http(s)://host[:port][/path]")
    path = parts.path.rstrip("/")
    if path.endswith("/search"):
        path = path[: -len("/search")]
    return parts.scheme, parts.netloc + path


def _adapter_factory() -> Callable[..., Any]:
    """geopy's requests adapter without its own hidden retries (ours are visible); urllib otherwise."""
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return functools.partial(RequestsAdapter, max_retries=0)
    return URLLibAdapter


class OnlineGeocoder:
    """A geopy provider behind the cache, the process-wide limiter and the retry policy.

    Thread-safe. `geocode` never raises for network or service trouble;
    `search` raises OnlineGeocoderError subclasses.
    """

    def __init__(
        self,
        provider: str = "nominatim",
        *,
        user_agent: str,
        url: str | None = None,
        options: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        min_delay: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        cooldown: float | None = None,
        max_age_days: float | None = None,
        cache: OnlineCache | None | bool = True,
        limiter: RequestLimiter | None = None,
    ) -> None:
        """Every numeric argument defaults to its SETTINGS entry's default.

        `cache`: True opens GEO_DATA_DIR's cache (entries valid `max_age_days`),
        False or None keeps none, or an OnlineCache. `limiter`: default the
        process's (see `process_limiter`).
        """
        self.provider = (provider or "").strip().lower()
        if not self.provider or self.provider in _OFF:
            raise GeocoderConfigError("no online provider named (GEO_ONLINE)")
        if not (user_agent or "").strip():
            raise GeocoderConfigError(
                "GEO_USER_AGENT is required when GEO_ONLINE is on: name this application, "
                'e.g. GEO_USER_AGENT="conflict-map/1.0 (you@example.org)"'
            )
        self.user_agent = user_agent.strip()
        self.timeout = _default("GEO_ONLINE_TIMEOUT") if timeout is None else float(timeout)
        min_delay = _default("GEO_ONLINE_MIN_DELAY") if min_delay is None else float(min_delay)
        self.retries = _default("GEO_ONLINE_RETRIES") if retries is None else int(retries)
        self.backoff = _default("GEO_ONLINE_BACKOFF") if backoff is None else float(backoff)
        self.cooldown = _default("GEO_ONLINE_COOLDOWN") if cooldown is None else float(cooldown)

        self._geocoder, self.cache_key, is_nominatim = self._make_provider(url, dict(options or {}))
        self.source = self.provider
        self._parse = _nominatim_place if is_nominatim else None
        self._kwargs, self._country_param = self._request_kwargs(is_nominatim)
        if is_nominatim and self.cache_key == "nominatim" and min_delay < 1.0:
            log.warning("GEO_ONLINE_MIN_DELAY=%s raised to 1 s: the public Nominatim allows one request a second",
                        min_delay)
            min_delay = 1.0
        if limiter is None:
            limiter = process_limiter(min_delay)
        else:
            limiter.at_least(min_delay)
        self.limiter = limiter
        if cache is True:
            max_age = _default("GEO_ONLINE_MAX_AGE") if max_age_days is None else float(max_age_days)
            cache = OnlineCache(max_age=max_age * 86400 or None)
        self.cache: OnlineCache | None = None if cache is False else cache

        self.stats: Counter[str] = Counter()  # cache_hits, requests, answers, misses, failures, paused
        self._state_lock = threading.Lock()
        self._paused_until = -math.inf
        self._warned: set[type] = set()

    @classmethod
    def from_settings(cls, settings: OnlineSettings, **kwargs: Any) -> "OnlineGeocoder":
        if settings.provider is None:
            raise GeocoderConfigError("GEO_ONLINE is off")
        return cls(
            settings.provider, user_agent=settings.user_agent, url=settings.url, options=settings.options,
            timeout=settings.timeout, min_delay=settings.min_delay, retries=settings.retries,
            backoff=settings.backoff, cooldown=settings.cooldown, max_age_days=settings.max_age_days,
            **kwargs,
        )

    def _make_provider(self, url: str | None, options: dict[str, Any]) -> tuple[Any, str, bool]:
        from geopy import exc as gexc
        from geopy.geocoders import Nominatim, get_geocoder_for_service

        try:
            cls = Nominatim if self.provider == "nominatim" else get_geocoder_for_service(self.provider)
        except gexc.GeocoderNotFound as err:
            raise GeocoderConfigError(f"GEO_ONLINE={self.provider!r} is not a geopy provider") from err
        cache_key = self.provider
        if cls is Nominatim and url is not None:
            scheme, domain = _nominatim_target(url)
            options.setdefault("scheme", scheme)
            options.setdefault("domain", domain)
            if domain != PUBLIC_NOMINATIM:
                cache_key = f"nominatim@{domain}"  # another server, other data
        options.setdefault("adapter_factory", _adapter_factory())
        try:
            geocoder = cls(user_agent=self.user_agent, timeout=self.timeout, **options)
        except (TypeError, ValueError, gexc.ConfigurationError) as err:
            raise GeocoderConfigError(f"cannot set up geopy's {cls.__name__}: {err}") from err
        return geocoder, cache_key, isinstance(geocoder, Nominatim)

    def _request_kwargs(self, is_nominatim: bool) -> tuple[dict[str, Any], str | None]:
        """Keyword arguments for every request, and the name of the country filter if any."""
        if is_nominatim:
            kwargs = {"exactly_one": False, "limit": CANDIDATES, "addressdetails": True, "language": LANGUAGE}
            return kwargs, "country_codes"
        accepted = inspect.signature(self._geocoder.geocode).parameters
        kwargs = {"exactly_one": False}
        kwargs.update({k: v for k, v in (("limit", CANDIDATES), ("language", LANGUAGE)) if k in accepted})
        return kwargs, "country_codes" if "country_codes" in accepted else None

    # --- public lookups ---

    def geocode(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
    ) -> Place | None:
        """The best place for `query`, or None (also when offline or the service fails).

        Same meaning of `country`, `admin1` and `near` as `Gazetteer.geocode`;
        `country` also narrows the request (Nominatim's countrycodes).
        """
        try:
            places = self.search(query, country=country, admin1=admin1, near=near)
        except OnlineGeocoderError as err:
            self._note_failure(err)
            return None
        except Exception as err:  # a provider's oddity must not stop an extraction
            self._note_failure(err)
            return None
        return places[0] if places else None

    def search(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
    ) -> list[Place]:
        """All candidates, best first; [] for an unknown name. Raises OnlineGeocoderError."""
        text = " ".join((query or "").split())
        if not normalize_query(text):
            return []
        cc = _country_code(country)
        places = self.cache.get(self.cache_key, text, cc) if self.cache is not None else None
        if places is not None:
            self.stats["cache_hits"] += 1
        else:
            with self._state_lock:
                paused_for = self._paused_until - self.limiter.clock.monotonic()
            if paused_for > 0:
                self.stats["paused"] += 1
                raise _Paused(f"{self.provider} paused for {paused_for:.0f} s more after a failure")
            places = self._fetch(text, cc)
            self.stats["answers" if places else "misses"] += 1
            if self.cache is not None:
                self.cache.put(self.cache_key, text, cc, places)
        return list(_rank(places, cc, admin1, near))

    # --- the request, with retries ---

    def _request(self, text: str, cc: str | None) -> Any:
        self.stats["requests"] += 1
        kwargs = dict(self._kwargs)
        if cc and self._country_param:
            kwargs[self._country_param] = [cc.lower()]
        return self._geocoder.geocode(text, **kwargs)

    def _fetch(self, text: str, cc: str | None) -> tuple[Place, ...]:
        attempt = 0
        while True:
            try:
                found = self.limiter.call(lambda: self._request(text, cc))
            except Exception as err:
                error = _classify(err)
                if error is None:
                    raise
                wait = self._wait(error, attempt)
                if wait is None:
                    if error.pauses:
                        self._pause(error)
                    raise error from err
                log.info("%s: %s; retry %d/%d in %.1f s", self.provider, error, attempt + 1, self.retries, wait)
                self.limiter.clock.sleep(wait)
                attempt += 1
                continue
            if found is None:
                return ()
            if not isinstance(found, list):
                found = [found]
            if self._parse is not None:
                places = (self._parse(location.raw, self.source) for location in found)
            else:
                places = (_generic_place(location, self.source) for location in found)
            return tuple(p for p in places if p is not None)

    def _wait(self, error: OnlineGeocoderError, attempt: int) -> float | None:
        """Seconds to wait before retry `attempt + 1`, or None to give up."""
        if not error.retryable or attempt >= self.retries:
            return None
        wait = error.retry_after if error.retry_after is not None else self.backoff * 2 ** attempt
        return wait if wait <= self.cooldown else None

    def _pause(self, error: OnlineGeocoderError) -> None:
        seconds = max(self.cooldown, error.retry_after or 0.0)
        with self._state_lock:
            self._paused_until = max(self._paused_until, self.limiter.clock.monotonic() + seconds)
        log.debug("%s paused for %.0f s", self.provider, seconds)

    def _note_failure(self, err: Exception) -> None:
        self.stats["failures"] += 1
        with self._state_lock:
            first = type(err) not in self._warned
            self._warned.add(type(err))
        if isinstance(err, _Paused) or (isinstance(err, OnlineGeocoderError) and not first):
            log.debug("%s: %s", self.provider, err)
        elif isinstance(err, OnlineGeocoderError):
            log.warning("online geocoding (%s) failed, continuing offline: %s", self.provider, err)
        else:
            log.warning("online geocoding (%s) failed unexpectedly, continuing offline", self.provider,
                        exc_info=first)


def online_geocoder_from_env(environ: Mapping[str, str] | None = None, **kwargs: Any) -> OnlineGeocoder | None:
    """The configured online geocoder, or None when GEO_ONLINE is off (the default).

    Off, nothing beyond reading the environment happens (geopy is not
    imported). On, a bad configuration raises GeocoderConfigError at once, so
    it surfaces at start-up, not in the middle of an extraction. `kwargs`
    override OnlineGeocoder's arguments (e.g. `limiter`, `cache`).
    """
    settings = OnlineSettings.from_env(environ)
    if settings.provider is None:
        return None
    return OnlineGeocoder.from_settings(settings, **kwargs)


# --- offline first, online second ---

class LayeredGeocoder:
    """The offline gazetteer first; the online provider only when it finds nothing.

    Deliberately simple: an offline answer of any level (even a country or
    province for what may be a town) is kept, so enabling the online extra
    never changes a result the offline gazetteer gives, it only fills gaps.
    Everything else (`country`, `admin1`, `candidates`...) is the offline one's.
    """

    def __init__(self, offline: Any, online: OnlineGeocoder | None) -> None:
        self.offline = offline
        self.online = online

    def geocode(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
    ) -> Place | None:
        place = self.offline.geocode(query, country=country, admin1=admin1, near=near)
        if place is not None or self.online is None:
            return place
        return self.online.geocode(query, country=country, admin1=admin1, near=near)

    def __getattr__(self, name: str) -> Any:
        if name in ("offline", "online"):  # not set yet (copy, pickle)
            raise AttributeError(name)
        return getattr(self.offline, name)


def layered(offline: Any, online: OnlineGeocoder | None) -> Any:
    """`offline` itself when `online` is None (the default configuration), else a LayeredGeocoder."""
    return offline if online is None else LayeredGeocoder(offline, online)
