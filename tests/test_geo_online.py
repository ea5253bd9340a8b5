"""geo.online against a real HTTP server on 127.0.0.1 that speaks Nominatim's JSON.

Nothing here reaches the internet: every geocoder points at the local server
(or at a closed local port). Waits go through a fake clock, so the rate
limiter's and the back-off's sleeps are recorded, not slept; only the timeout
test spends real time (two 0.3 s timeouts).
"""
from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from geo import GeoError, Place
from geo import online
from geo.online import (
    GeocoderConfigError,
    LayeredGeocoder,
    OnlineCache,
    RequestLimiter,
    layered,
    online_geocoder_from_env,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
USER_AGENT = "conflict-map-tests/1.0 (tests@example.org)"


def _result(place_id, osm, lat, lon, name, address, kind, cls="place", rank=19, importance=0.3):
    osm_type, osm_id = osm
    return {
        "place_id": place_id, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": osm_type, "osm_id": osm_id, "lat": str(lat), "lon": str(lon),
        "class": cls, "type": kind, "addresstype": "state" if kind == "administrative" and rank == 8 else kind,
        "place_rank": rank, "importance": importance, "name": name,
        "display_name": ", ".join(v for k, v in address.items() if k != "country_code"),
        "address": address,
        "boundingbox": [str(lat - 0.01), str(lat + 0.01), str(lon - 0.01), str(lon + 0.01)],
    }


# name (lower case) -> Nominatim's answer, most important first
ANSWERS = {
    "kafr nabudah": [_result(
        101, ("node", 2453100), 35.4434, 36.5083, "Kafr Nabudah",
        {"village": "Kafr Nabudah", "state_district": "Al-Suqaylabiyah District", "state": "Hama Governorate",
         "country": "Syria", "country_code": "sy"}, "village")],
    "tripoli": [
        _result(201, ("node", 30200000), 32.8963, 13.1778, "Tripoli",
                {"city": "Tripoli", "state": "Tripoli", "country": "Libya", "country_code": "ly"},
                "city", rank=16, importance=0.7),
        _result(202, ("node", 30200001), 34.4367, 35.8497, "Tripoli",
                {"city": "Tripoli", "state": "North Governorate", "country": "Lebanon", "country_code": "lb"},
                "city", rank=16, importance=0.6),
    ],
    "idlib governorate": [_result(
        301, ("relation", 2236741), 35.8, 36.6, "Idlib Governorate",
        {"state": "Idlib Governorate", "country": "Syria", "country_code": "sy"},
        "administrative", cls="boundary", rank=8, importance=0.5)],
    "saraqib": [_result(
        401, ("node", 1010), 35.8645, 36.8059, "Saraqib",
        {"town": "Saraqib", "state": "Idlib Governorate", "country": "Syria", "country_code": "sy"}, "town")],
}


class NominatimStub:
    """What the server knows and does; tests script failures with `then`."""

    def __init__(self) -> None:
        self.requests: list[dict] = []   # one per HTTP request, in arrival order
        self.script: list[tuple] = []    # actions for the next requests: ("status", code, headers) / ("hang",)
        self.release = threading.Event()  # lets hanging handlers go at teardown
        self.lock = threading.Lock()

    def then(self, *actions: tuple) -> None:
        self.script.extend(actions)

    def searches(self) -> list[str]:
        return [r["params"].get("q", [""])[0] for r in self.requests]


class Handler(BaseHTTPRequestHandler):
    stub: NominatimStub

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        with self.stub.lock:
            self.stub.requests.append({
                "path": url.path, "params": params, "user_agent": self.headers.get("User-Agent"),
                "at": time.monotonic(),
            })
            action = self.stub.script.pop(0) if self.stub.script else ("answer",)
        if action[0] == "hang":
            self.stub.release.wait(5)
            return
        if action[0] == "status":
            _, code, headers = action
            self.send_response(code)
            for key, value in headers.items():
                self.send_header(key, value)
            body = b'{"error": "scripted failure"}'
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if url.path != "/search" or params.get("format") != ["json"]:
            self.send_error(404)
            return
        found = ANSWERS.get(params.get("q", [""])[0].lower(), [])
        codes = params.get("countrycodes", [""])[0].split(",")
        if codes != [""]:
            found = [r for r in found if r["address"]["country_code"] in codes]
        found = found[: int(params.get("limit", ["10"])[0])]
        body = json.dumps(found).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep pytest's output clean
        pass


@pytest.fixture
def stub():
    state = NominatimStub()
    handler = type("StubHandler", (Handler,), {"stub": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()


class FakeClock:
    """Monotonic time that only moves when someone sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def clock(tmp_path, monkeypatch):
    """A fresh GEO_DATA_DIR and a process limiter (1 request/s) on a fake clock, per test."""
    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path / "geo"))
    for name in online.SETTINGS:
        monkeypatch.delenv(name, raising=False)
    fake = FakeClock()
    previous = online.set_process_limiter(RequestLimiter(1.0, clock=fake))
    yield fake
    online.set_process_limiter(previous)


def settings(stub, **overrides) -> dict[str, str]:
    env = {
        "GEO_ONLINE": "nominatim",
        "GEO_USER_AGENT": USER_AGENT,
        "GEO_NOMINATIM_URL": stub.url if hasattr(stub, "url") else stub,
        "GEO_ONLINE_MIN_DELAY": "1.0",
        "GEO_ONLINE_TIMEOUT": "3",
        "GEO_ONLINE_RETRIES": "2",
        "GEO_ONLINE_BACKOFF": "0.5",
        "GEO_ONLINE_COOLDOWN": "60",
    }
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- answers, cache, misses ---

def test_answer_is_parsed_into_a_place(stub):
    geocoder = online_geocoder_from_env(settings(stub))
    place = geocoder.geocode("Kafr Nabudah", country="Syria")
    assert isinstance(place, Place)
    assert (place.name, place.latitude, place.longitude) == ("Kafr Nabudah", 35.4434, 36.5083)
    assert (place.country_code, place.country, place.admin1, place.admin2) == (
        "SY", "Syria", "Hama Governorate", "Al-Suqaylabiyah District")
    assert (place.source, place.id, place.feature_code, place.precision) == (
        "nominatim", "nominatim:N2453100", "PPL", 1)
    (request,) = stub.requests
    assert request["path"] == "/search"
    assert request["user_agent"] == USER_AGENT
    assert request["params"]["countrycodes"] == ["sy"]      # "Syria" became its code
    assert request["params"]["accept-language"] == ["en"]
    assert request["params"]["addressdetails"] == ["1"]

    province = geocoder.geocode("Idlib Governorate")
    assert (province.feature_code, province.precision, province.id) == ("ADM1", 3, "nominatim:R2236741")


def test_second_query_is_served_from_the_persistent_cache(stub, clock, tmp_path):
    geocoder = online_geocoder_from_env(settings(stub))
    first = geocoder.geocode("Saraqib")
    assert len(stub.requests) == 1
    assert geocoder.geocode("Saraqib") == first
    assert geocoder.geocode("  SARAQIB ") == first          # normalized key
    assert len(stub.requests) == 1 and clock.sleeps == []    # no request, and the limiter not even asked
    assert (tmp_path / "geo" / online.CACHE_NAME).is_file()

    again = online_geocoder_from_env(settings(stub))          # a new process would do the same
    assert again.geocode("saraqib") == first
    assert len(stub.requests) == 1
    assert again.stats["cache_hits"] == 1 and again.stats["requests"] == 0


def test_misses_are_cached_too(stub):
    geocoder = online_geocoder_from_env(settings(stub))
    assert geocoder.geocode("Nowhereville") is None
    assert geocoder.geocode("nowhereville") is None
    assert stub.searches() == ["Nowhereville"]
    assert geocoder.stats["misses"] == 1 and geocoder.stats["cache_hits"] == 1
    assert geocoder.cache.get(geocoder.cache_key, "Nowhereville", None) == ()


def test_country_is_part_of_the_key_admin1_and_near_only_rank(stub):
    geocoder = online_geocoder_from_env(settings(stub))
    assert geocoder.geocode("Tripoli").country_code == "LY"                        # the service's order
    assert geocoder.geocode("Tripoli", near=(34.4, 35.8)).country_code == "LB"     # from the cache
    assert geocoder.geocode("Tripoli", admin1="North Governorate").country_code == "LB"
    assert len(stub.requests) == 1
    assert geocoder.geocode("Tripoli", country="LB").country_code == "LB"         # another key
    assert stub.requests[-1]["params"]["countrycodes"] == ["lb"]
    assert len(stub.requests) == 2


def test_cache_max_age():
    now = [0.0]
    cache = OnlineCache(Path(os.environ["GEO_DATA_DIR"]) / "c.sqlite", max_age=10, now=lambda: now[0])
    cache.put("nominatim", "X", None, [])
    now[0] = 5
    assert cache.get("nominatim", "x", None) == ()
    now[0] = 20
    assert cache.get("nominatim", "x", None) is None


# --- failures: retries, back-off, timeouts, no network ---

def test_429_is_retried_after_retry_after(stub, clock):
    stub.then(("status", 429, {"Retry-After": "3"}), ("status", 429, {"Retry-After": "3"}))
    geocoder = online_geocoder_from_env(settings(stub))
    assert geocoder.geocode("Saraqib").name == "Saraqib"
    assert len(stub.requests) == 3
    assert clock.sleeps == [3.0, 3.0]         # the server's wish; 3 s > min delay, so no limiter wait


def test_503_is_retried_with_exponential_back_off(stub, clock):
    stub.then(("status", 503, {}), ("status", 503, {}))
    geocoder = online_geocoder_from_env(settings(stub))
    assert geocoder.geocode("Saraqib").name == "Saraqib"
    assert len(stub.requests) == 3
    # back-off 0.5 s, then the limiter's remaining 0.5 s to make 1 s, then back-off 1 s
    assert clock.sleeps == [0.5, 0.5, 1.0]


def test_persistent_5xx_gives_none_not_cached_and_pauses(stub, clock):
    stub.then(*[("status", 500, {})] * 3)
    geocoder = online_geocoder_from_env(settings(stub))
    assert geocoder.geocode("Saraqib") is None
    assert len(stub.requests) == 3                             # 1 + 2 retries
    assert geocoder.geocode("Kafr Nabudah") is None            # paused: not asked
    assert len(stub.requests) == 3
    clock.advance(61)
    assert geocoder.geocode("Saraqib").name == "Saraqib"       # the failure was not cached as a miss
    assert len(stub.requests) == 4
    with pytest.raises(online.GeocoderUnavailable):            # the strict form raises
        stub.then(*[("status", 502, {})] * 3)
        geocoder.search("Tripoli")


def test_other_4xx_is_not_retried(stub, clock):
    stub.then(("status", 400, {}))
    geocoder = online_geocoder_from_env(settings(stub))
    assert geocoder.geocode("Saraqib") is None
    assert len(stub.requests) == 1 and clock.sleeps == []
    assert geocoder.geocode("Saraqib").name == "Saraqib"       # not cached, not paused
    with pytest.raises(online.GeocoderRejected) as info:
        stub.then(("status", 403, {}))
        geocoder.search("Tripoli")
    assert info.value.status == 403 and isinstance(info.value, (GeoError, ValueError))


def test_retry_after_longer_than_the_cooldown_is_not_waited_for(stub, clock):
    stub.then(("status", 429, {"Retry-After": "3600"}))
    geocoder = online_geocoder_from_env(settings(stub))
    assert geocoder.geocode("Saraqib") is None
    assert clock.sleeps == [] and len(stub.requests) == 1
    clock.advance(61)
    assert geocoder.geocode("Saraqib") is None                 # still paused: the server asked for an hour
    assert len(stub.requests) == 1


def test_timeout_gives_none_and_is_not_cached(stub, clock):
    stub.then(("hang",), ("hang",))
    geocoder = online_geocoder_from_env(settings(stub, GEO_ONLINE_TIMEOUT=0.3, GEO_ONLINE_RETRIES=1))
    started = time.monotonic()
    assert geocoder.geocode("Saraqib") is None
    assert time.monotonic() - started < 2.0
    assert len(stub.requests) == 2 and clock.sleeps == [0.5, 0.5]   # back-off, then the limiter's rest
    assert len(geocoder.cache) == 0
    with pytest.raises(TimeoutError):
        stub.then(("hang",), ("hang",))
        clock.advance(61)
        geocoder.search("Tripoli")


def test_connection_refused_gives_none_quickly_and_warns_once(clock, caplog):
    geocoder = online_geocoder_from_env(settings(f"http://127.0.0.1:{closed_port()}"))
    caplog.set_level(logging.WARNING, logger="geo.online")
    started = time.monotonic()
    assert geocoder.geocode("Saraqib") is None
    assert geocoder.geocode("Tripoli") is None                  # paused: no second attempt
    assert time.monotonic() - started < 1.0
    assert clock.sleeps == [] and len(geocoder.cache) == 0
    assert geocoder.stats["requests"] == 1
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    with pytest.raises(ConnectionError):
        clock.advance(61)
        geocoder.search("Saraqib")


# --- the process-wide limiter ---

def test_two_geocoders_share_one_limiter(stub, clock):
    first = online_geocoder_from_env(settings(stub))
    second = online_geocoder_from_env(settings(stub))
    assert first.limiter is second.limiter is online.process_limiter()
    first.geocode("Saraqib")
    second.geocode("Tripoli")
    first.geocode("Kafr Nabudah")
    second.geocode("Saraqib")                                 # cached: no wait
    assert len(stub.requests) == 3
    assert clock.sleeps == [1.0, 1.0]


def test_process_limiter_is_made_once_and_only_slows_down():
    online.set_process_limiter(None)                           # the autouse fixture restores
    first = online.process_limiter()
    assert online.process_limiter(2.0) is first and first.min_delay == 2.0
    assert online.process_limiter(0.5) is first and first.min_delay == 2.0


def test_limiter_spaces_concurrent_requests_on_the_real_clock(stub):
    online.set_process_limiter(RequestLimiter(0.1))            # the autouse fixture restores
    geocoders = [online_geocoder_from_env(settings(stub, GEO_ONLINE_MIN_DELAY=0.1)) for _ in range(2)]
    names = ["Saraqib", "Tripoli", "Kafr Nabudah", "Idlib Governorate"]
    threads = [threading.Thread(target=geocoders[i % 2].geocode, args=(name,)) for i, name in enumerate(names)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    arrivals = sorted(r["at"] for r in stub.requests)
    assert len(arrivals) == 4
    assert min(b - a for a, b in zip(arrivals, arrivals[1:])) >= 0.07


# --- configuration ---

def test_off_by_default():
    assert online_geocoder_from_env() is None                  # the fixture cleared every GEO_ONLINE*
    assert online_geocoder_from_env({}) is None
    assert online_geocoder_from_env({"GEO_ONLINE": "off", "GEO_USER_AGENT": ""}) is None


def test_off_imports_no_network_code():
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEO_ONLINE")}
    code = (
        "import sys, geo, geo.online\n"
        "assert geo.online.online_geocoder_from_env() is None\n"
        "print(sorted(m for m in ('geopy', 'requests', 'urllib3') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_environment_is_read_when_no_mapping_is_given(stub, monkeypatch):
    for key, value in settings(stub).items():
        monkeypatch.setenv(key, value)
    geocoder = online_geocoder_from_env()
    assert geocoder.geocode("Saraqib").name == "Saraqib"


@pytest.mark.parametrize("overrides, words", [
    ({"GEO_USER_AGENT": ""}, "GEO_USER_AGENT"),
    ({"GEO_ONLINE": "no-such-service"}, "no-such-service"),
    ({"GEO_ONLINE_TIMEOUT": "soon"}, "GEO_ONLINE_TIMEOUT"),
    ({"GEO_ONLINE_RETRIES": "-1"}, "GEO_ONLINE_RETRIES"),
    ({"GEO_NOMINATIM_URL": "ftp://example.org"}, "GEO_NOMINATIM_URL"),
    ({"GEO_ONLINE_OPTIONS": "[1]"}, "GEO_ONLINE_OPTIONS"),
])
def test_bad_configuration_is_a_clear_error(stub, overrides, words):
    with pytest.raises(GeocoderConfigError, match=words) as info:
        online_geocoder_from_env(settings(stub, **overrides))
    assert isinstance(info.value, GeoError) and isinstance(info.value, ValueError)


def test_any_geopy_provider_by_name(clock):
    env = settings("unused", GEO_ONLINE="photon",
                   GEO_ONLINE_OPTIONS=json.dumps({"domain": f"127.0.0.1:{closed_port()}", "scheme": "http"}))
    geocoder = online_geocoder_from_env(env)
    assert geocoder.source == "photon" and type(geocoder._geocoder).__name__ == "Photon"
    assert geocoder.geocode("Saraqib") is None                   # nobody listens: None, quickly


def test_every_setting_is_documented():
    for name, spec in online.SETTINGS.items():
        assert name in online.__doc__ and spec.help


def test_public_nominatim_is_never_asked_faster_than_once_a_second():
    limiter = RequestLimiter(0.1, clock=FakeClock())
    geocoder = online.OnlineGeocoder(user_agent=USER_AGENT, min_delay=0.1, limiter=limiter, cache=False)
    assert limiter.min_delay == 1.0 and geocoder.cache_key == "nominatim"


# --- offline first ---

class OfflineStub:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def geocode(self, query, *, country=None, admin1=None, near=None):
        self.asked.append(query)
        if query == "Idlib":
            return Place("admin:SY.12", "Idlib", 35.93, 36.63, "SY", "Syria", "Idlib", None, "ADM1", 0, "admin")
        return None

    def country(self, code_or_name):
        return "country:" + code_or_name


def test_layered_asks_online_only_for_what_offline_lacks(stub):
    offline = OfflineStub()
    assert layered(offline, None) is offline                      # off: exactly the offline gazetteer
    geocoder = layered(offline, online_geocoder_from_env(settings(stub)))
    assert isinstance(geocoder, LayeredGeocoder)
    assert geocoder.geocode("Idlib").source == "admin"
    assert stub.requests == []
    assert geocoder.geocode("Kafr Nabudah").source == "nominatim"
    assert geocoder.geocode("Nowhereville") is None
    assert offline.asked == ["Idlib", "Kafr Nabudah", "Nowhereville"]
    assert stub.searches() == ["Kafr Nabudah", "Nowhereville"]
    assert geocoder.country("SY") == "country:SY"                 # the rest is the offline one's
