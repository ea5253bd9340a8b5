"""Lookups against the real index built from the real sources (see conftest)."""
import time

import pytest
from geopy.location import Location

from geo import Gazetteer, OfflineGeocoder, Place

MAASRAN = (35.708, 36.805)


@pytest.mark.parametrize(
    "query", ["Maasran", "Ma'saran", "Maasaran", "Masaran", "Ma‘saran", "MAASRAN", "معصران", "the village of Maasran"]
)
def test_maasran_every_spelling_is_the_custom_place(gazetteer, query):
    place = gazetteer.geocode(query)
    assert place is not None
    assert (place.latitude, place.longitude) == MAASRAN
    assert (place.source, place.country_code, place.admin1) == ("custom", "SY", "Idlib")
    assert place.precision == 1


# query, options, expected name, country code, feature code (or None: any
# populated place), rounded coordinates (or None)
CASES = [
    ("Saraqeb", {}, "Saraqib", "SY", None, (35.86, 36.81)),
    ("Saraqib", {}, "Saraqib", "SY", None, (35.86, 36.81)),
    ("Idlib", {}, "Idlib", "SY", None, (35.93, 36.63)),
    ("Idlib province", {}, "Idlib", "SY", "ADM1", None),
    ("Idlib governorate", {}, "Idlib", "SY", "ADM1", None),
    ("Idlib Governorate", {}, "Idlib", "SY", "ADM1", None),
    ("Maarat al-Numan", {}, "Ma‘arrat an Nu‘mān", "SY", None, (35.65, 36.68)),
    ("Ma'arrat an-Nu'man", {}, "Ma‘arrat an Nu‘mān", "SY", None, (35.65, 36.68)),
    ("Palmyra", {"country": "SY"}, "Tadmur", "SY", None, (34.56, 38.28)),
    ("Syria", {}, "Syria", "SY", "PCLI", None),
    ("Aleppo", {}, "Aleppo", "SY", None, (36.20, 37.16)),
    ("Kyiv", {}, "Kyiv", "UA", "PPLC", (50.45, 30.52)),
    ("Kiev", {}, "Kyiv", "UA", "PPLC", (50.45, 30.52)),
    ("Mosul", {}, "Mosul", "IQ", None, (36.34, 43.12)),
    ("Tripoli", {}, "Tripoli", "LY", "PPLC", (32.89, 13.19)),
    ("Tripoli", {"country": "LB"}, "Tripoli", "LB", None, (34.43, 35.84)),
    ("Tripoli", {"country": "Lebanon"}, "Tripoli", "LB", None, (34.43, 35.84)),
    ("Tripoli", {"near": [(33.89, 35.50)]}, "Tripoli", "LB", None, None),
    ("Raqqa province", {}, "Ar-Raqqah", "SY", "ADM1", None),
    ("Rif Dimashq", {}, "Rif-dimashq", "SY", "ADM1", None),
    ("Maarrat al-Nu'man district", {}, "Maarrat al-Nu'man District", "SY", "ADM2", None),
    ("the town of Saraqib", {}, "Saraqib", "SY", None, None),
    ("Gaza", {}, "Gaza", "PS", None, None),
    ("Iran", {}, "Iran", "IR", "PCLI", None),
    ("Russia", {}, "Russia", "RU", "PCLI", None),
    ("SY", {}, "Syria", "SY", "PCLI", None),
]


@pytest.mark.parametrize("query, options, name, country_code, feature_code, coords", CASES)
def test_geocode(gazetteer, query, options, name, country_code, feature_code, coords):
    place = gazetteer.geocode(query, **options)
    assert place is not None, query
    assert (place.name, place.country_code) == (name, country_code)
    if feature_code is None:
        assert place.feature_code.startswith("PPL")
    else:
        assert place.feature_code == feature_code
    if coords is not None:
        assert (round(place.latitude, 2), round(place.longitude, 2)) == pytest.approx(coords, abs=0.011)


@pytest.mark.parametrize("query", ["Xyzzyqwertville", "", "   ", "--", "province"])
def test_unknown_names_are_none(gazetteer, query):
    assert gazetteer.geocode(query) is None
    assert gazetteer.candidates(query) == []


def test_admin1_context_ranks_the_namesake_in_that_province(gazetteer):
    # Sinjar: the Iraqi town wins alone, the Idlib village with admin1=Idlib.
    assert gazetteer.geocode("Sinjar").country_code == "IQ"
    assert gazetteer.geocode("Sinjar", admin1="Idlib Governorate").country_code == "SY"


def test_precision_follows_the_level(gazetteer):
    assert gazetteer.geocode("Idlib").precision == 1
    assert gazetteer.geocode("Maarrat al-Nu'man district").precision == 2
    assert gazetteer.geocode("Idlib province").precision == 3
    assert gazetteer.geocode("Syria").precision == 3


def test_candidates_are_ranked_and_limited(gazetteer):
    found = gazetteer.candidates("Tripoli", limit=3)
    assert [p.country_code for p in found[:2]] == ["LY", "LB"]
    assert len(found) == 3
    assert all(isinstance(p, Place) for p in found)


def test_country_and_admin1_lookups(gazetteer):
    assert gazetteer.country("sy").name == "Syria"
    assert gazetteer.country("Syrian Arab Republic").country_code == "SY"
    assert gazetteer.country("ZZ") is None
    idlib = gazetteer.admin1("Idlib")
    assert (idlib.feature_code, idlib.country_code, idlib.country) == ("ADM1", "SY", "Syria")
    assert gazetteer.admin1("Aleppo Governorate", country="SY").name == "Aleppo"
    assert gazetteer.admin1("Saraqib") is None


def test_place_is_a_frozen_value(gazetteer):
    place = gazetteer.geocode("Idlib")
    with pytest.raises(AttributeError):
        place.name = "x"
    assert place.as_dict()["precision"] == 1
    assert place.id == "geonames:169389"


def test_opening_and_one_lookup_is_cheap(gazetteer):
    started = time.perf_counter()
    with Gazetteer(gazetteer.path) as fresh:
        assert fresh.geocode("Saraqib") is not None
    assert time.perf_counter() - started < 0.3


def test_geopy_adapter_returns_locations(gazetteer):
    geocoder = OfflineGeocoder(gazetteer)
    location = geocoder.geocode("Saraqeb")
    assert isinstance(location, Location)
    assert (round(location.latitude, 2), round(location.longitude, 2)) == (35.86, 36.81)
    assert location.raw["source"] == "geonames" and location.raw["country_code"] == "SY"
    assert "Syria" in location.address

    many = geocoder.geocode("Tripoli", exactly_one=False, limit=2)
    assert len(many) == 2 and all(isinstance(x, Location) for x in many)
    assert geocoder.geocode("Tripoli", country_codes=["lb"]).raw["country_code"] == "LB"
    assert geocoder.geocode("Tripoli", country_codes="SY") is None
    assert geocoder.geocode("Xyzzyqwertville") is None
    assert geocoder.geocode({"city": "Sinjar", "state": "Idlib"}).raw["country_code"] == "SY"
