"""Extraction with the online extra on: only a scene the gazetteer cannot place is asked about.

The Nominatim stand-in is a real HTTP server on 127.0.0.1 (tests/test_geo_online.py);
nothing reaches the internet.
"""
import datetime as dt

from test_geo_online import ANSWERS, _result, clock, settings, stub  # noqa: F401  (fixtures)

from geo.online import online_geocoder_from_env
from incidents.articles import Article
from incidents.extract import Extractor

TEXT = "Government forces shelled the village of Tell Qaswara in Idlib province on Monday, killing two civilians."


def test_an_unknown_village_is_placed_by_the_online_geocoder(gazetteer, stub, monkeypatch):
    monkeypatch.setitem(ANSWERS, "tell qaswara", [_result(
        901, ("node", 9001), 35.70, 36.60, "Tell Qaswara",
        {"village": "Tell Qaswara", "state": "Idlib Governorate", "country": "Syria", "country_code": "sy"},
        "village")])
    online = online_geocoder_from_env(settings(stub))
    (incident,) = Extractor(gazetteer, online=online).extract(Article(text=TEXT, published=dt.date(2020, 3, 4)))
    assert (incident.location, incident.latitude, incident.geo_precision) == ("Tell Qaswara", 35.70, 1)
    assert stub.searches() == ["Tell Qaswara"]  # the known province and country were never sent


def test_offline_the_same_incident_falls_back_to_the_province(gazetteer):
    (incident,) = Extractor(gazetteer).extract(Article(text=TEXT, published=dt.date(2020, 3, 4)))
    assert incident.admin1 and incident.admin1.startswith("Idlib") and incident.geo_precision == 3


def test_geo_resolve_asks_online_only_for_what_it_lacks(gazetteer, stub):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = os.environ | settings(stub, GEO_ONLINE_MIN_DELAY="0")
    env["GEO_DATA_DIR"] = str(gazetteer.path.parent)  # the session's index, not this module's empty folder
    result = subprocess.run([sys.executable, "-m", "geo", "resolve", "Saraqeb", "Idlib governorate", "Atlantis of Idlib"],
                            capture_output=True, text=True, env=env, timeout=120, cwd=Path(__file__).parent.parent)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("source") for r in rows[:2]] == ["geonames", "admin"]
    assert rows[2] == {"query": "Atlantis of Idlib", "error": "not found"}
    assert stub.searches() == ["Atlantis of Idlib"]
    assert result.returncode == 1
