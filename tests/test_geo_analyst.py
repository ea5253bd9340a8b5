"""Analyst places (geo/analyst.py): a correction made on the Add a report page is found by the next lookup.

Each test works on its own copy of the session's index (built once by the `gazetteer`
fixture), so corrections never leak into other tests.
"""
from __future__ import annotations

import shutil

import pytest

from geo import Gazetteer, build_index, index_path
from geo.analyst import AnalystPlaceError, analyst_places, record_place
from geo.build import stale_reason
from geo.layers import list_layers


@pytest.fixture()
def geo_dir(gazetteer, tmp_path):
    """A GEO_DATA_DIR of this test's own, holding a current copy of the session's index."""
    directory = tmp_path / "geo"
    directory.mkdir()
    shutil.copyfile(gazetteer.path, index_path(directory=directory))
    assert stale_reason(index_path(directory=directory)) is None
    return directory


def lookup(directory, name, **context):
    with Gazetteer(index_path(directory=directory)) as gaz:
        return gaz.geocode(name, **context)


def test_a_corrected_place_is_found_with_the_analysts_coordinates(geo_dir):
    before = lookup(geo_dir, "Saraqib")
    assert before is not None and before.source == "geonames"

    report = record_place("Saraqib", 35.9, 36.85, country_code="SY", admin1="Idlib", directory=geo_dir)

    assert report.indexed and not report.replaced
    after = lookup(geo_dir, "Saraqib")
    assert (after.latitude, after.longitude) == (35.9, 36.85)
    assert after.source == "analyst" and after.id == "analyst:SY.saraqib"
    assert after.admin1 == "Idlib" and after.country_code == "SY" and after.precision == 1
    # the country given in the article does not bring GeoNames' entry back in front
    assert lookup(geo_dir, "Saraqib", country="SY").source == "analyst"
    # the index is still current: no rebuild waits for the next start
    assert stale_reason(index_path(directory=geo_dir)) is None
    assert [layer.kind for layer in list_layers(geo_dir)] == ["analyst"]


def test_a_place_the_gazetteer_did_not_know_and_its_other_spellings(geo_dir):
    assert lookup(geo_dir, "Khirbet Zuwaytina") is None
    record_place("Khirbet Zuwaytina", 35.51, 36.72, country_code="SY", alternate_names=["Kherbet Zweitina"],
                 directory=geo_dir)
    for spelling in ("Khirbet Zuwaytina", "Kherbet Zweitina", "khirbet zuwaytina"):
        place = lookup(geo_dir, spelling)
        assert place is not None and place.source == "analyst" and place.name == "Khirbet Zuwaytina", spelling
        assert (place.latitude, place.longitude) == (35.51, 36.72)


def test_a_second_correction_replaces_the_first(geo_dir):
    record_place("Khirbet Zuwaytina", 35.51, 36.72, country_code="SY", directory=geo_dir)
    report = record_place("Khirbet Zuwaytina", 35.52, 36.73, country_code="sy", directory=geo_dir)
    assert report.replaced
    assert [(p.name, p.latitude, p.longitude) for p in analyst_places(geo_dir)] == [
        ("Khirbet Zuwaytina", 35.52, 36.73)]
    place = lookup(geo_dir, "Khirbet Zuwaytina")
    assert (place.latitude, place.longitude) == (35.52, 36.73)
    with Gazetteer(index_path(directory=geo_dir)) as gaz:
        assert len([p for p in gaz.candidates("Khirbet Zuwaytina") if p.source == "analyst"]) == 1


def test_an_open_gazetteer_keeps_reading_its_own_file(geo_dir):
    """The index is replaced, never changed in place: a reader opened before goes on unharmed."""
    with Gazetteer(index_path(directory=geo_dir)) as old:
        record_place("Saraqib", 35.9, 36.85, country_code="SY", directory=geo_dir)
        assert old.geocode("Saraqib").source == "geonames"
        assert old.geocode("Idlib") is not None
    assert lookup(geo_dir, "Saraqib").source == "analyst"


def test_without_a_current_index_the_next_build_adds_the_place(geo_dir):
    """No index (or a stale one): only the layer is written; a full build then reads it,
    giving the same answer the upsert gives."""
    index_path(directory=geo_dir).unlink()
    report = record_place("Khirbet Zuwaytina", 35.51, 36.72, country_code="SY", admin1="Hama",
                          alternate_names=["Kherbet Zweitina"], directory=geo_dir)
    assert not report.indexed
    built = build_index(directory=geo_dir)
    assert built.places.get("analyst") == 1
    place = lookup(geo_dir, "Kherbet Zweitina")
    assert place.source == "analyst" and place.id == "analyst:SY.khirbet-zuwaytina"
    assert (place.latitude, place.longitude, place.admin1) == (35.51, 36.72, "Hama")
    # and a correction on the freshly built index takes the fast path again
    assert record_place("Saraqib", 35.9, 36.85, country_code="SY", directory=geo_dir).indexed
    assert lookup(geo_dir, "Saraqib").source == "analyst"
    assert lookup(geo_dir, "Khirbet Zuwaytina").latitude == 35.51


@pytest.mark.parametrize("name, lat, lon, cc, message", [
    ("", 35.0, 36.0, "SY", "needs a name"),
    ("  -- ", 35.0, 36.0, "SY", "needs a name"),
    ("Somewhere", 95.0, 36.0, "SY", "latitude 95.0 is outside"),
    ("Somewhere", 35.0, -181, "SY", "longitude -181 is outside"),
    ("Somewhere", "north", 36.0, "SY", "latitude 'north' is not a number"),
    ("Somewhere", float("nan"), 36.0, "SY", "is outside"),
    ("Somewhere", 35.0, 36.0, "SYR", "not two letters"),
])
def test_bad_corrections_are_refused_and_write_nothing(geo_dir, name, lat, lon, cc, message):
    with pytest.raises(AnalystPlaceError, match=message):
        record_place(name, lat, lon, country_code=cc, directory=geo_dir)
    assert list_layers(geo_dir) == []
    assert stale_reason(index_path(directory=geo_dir)) is None
