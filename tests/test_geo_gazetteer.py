"""Lookups against the real index built from the real sources (see conftest)."""
import sqlite3
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


# --- country and unit points ---

# A country's point is its conventional centre (GeoNames, CIA Factbook), not
# where its towns cluster; within 50 km of it.
@pytest.mark.parametrize(
    "query, country_code, centre",
    [
        ("Russia", "RU", (60.0, 100.0)),
        ("United States", "US", (39.76, -98.5)),
        ("China", "CN", (35.0, 105.0)),
        ("Canada", "CA", (60.11, -113.64)),
        ("Egypt", "EG", (27.0, 30.0)),
        ("Syria", "SY", (35.0, 38.0)),
        ("Iraq", "IQ", (33.0, 44.0)),
        ("Brazil", "BR", (-10.0, -55.0)),
    ],
)
def test_country_point_is_the_conventional_centre(gazetteer, query, country_code, centre):
    place = gazetteer.geocode(query)
    assert (place.country_code, place.feature_code) == (country_code, "PCLI")
    assert _km((place.latitude, place.longitude), centre) < 50


def test_every_country_centre_is_near_a_town_of_that_country(gazetteer):
    """Catches a typo (a swapped sign, a wrong digit) in geo.facts.COUNTRY_CENTRES."""
    from geo.facts import COUNTRY_CENTRES

    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        for cc, (lat, lon) in COUNTRY_CENTRES.items():
            towns = con.execute(
                "SELECT latitude, longitude FROM places WHERE country_code = ? AND source = 'geonames'", (cc,)
            ).fetchall()
            if towns:
                nearest = min(_km((lat, lon), t) for t in towns)
                assert nearest < 1000, f"{cc} centre {lat},{lon} is {nearest:.0f} km from any of its towns"
    finally:
        con.close()


# A state or province is put at the middle of the area its towns cover (the
# member town nearest it), as gazetteers do, not at its most populous corner.
@pytest.mark.parametrize(
    "query, centre, km",
    [
        ("Texas", (31.25, -99.25), 100),
        ("Ontario", (49.25, -84.5), 200),      # not Toronto
        ("Quebec province", (52.0, -72.0), 500),  # not Montreal
        ("California", (37.25, -119.75), 100),
    ],
)
def test_unit_point_is_central(gazetteer, query, centre, km):
    place = gazetteer.geocode(query)
    assert place.feature_code == "ADM1"
    assert _km((place.latitude, place.longitude), centre) < km


def test_extent_and_centre_handle_the_antimeridian():
    from geo.build import _centre, _extent

    points = [(65.0, 178.0), (66.0, -179.0), (64.0, -175.0), (67.0, 179.5)]
    south, west, north, east = _extent(points, clip=0)
    assert (south, north) == (64.0, 67.0)
    assert (west, east) == (178.0, 185.0)  # across 180, not around the Earth
    assert _centre(points, (south, west, north, east)) in points
    assert _extent([(1.0, 2.0), (3.0, 4.0)], clip=0) == (1.0, 2.0, 3.0, 4.0)


# --- a unit beats a small town of its name; its seat keeps the name ---

@pytest.mark.parametrize(
    "query, options, name, country_code, feature_code",
    [
        ("Texas", {}, "Texas", "US", "ADM1"),            # not a Mexican hamlet of 993
        ("Ohio", {}, "Ohio", "US", "ADM1"),              # not Ohio County
        ("Louisiana", {}, "Louisiana", "US", "ADM1"),    # not Louisiana, Missouri
        ("California", {}, "California", "US", "ADM1"),
        ("Florida", {}, "Florida", "US", "ADM1"),        # not Florida, Uruguay
        ("Hunan", {}, "Hunan", "CN", "ADM1"),
        ("Alberta", {}, "Alberta", "CA", "ADM1"),
        ("Idlib", {}, "Idlib", "SY", "PPLA"),            # the seat keeps its province's name
        ("Aleppo", {}, "Aleppo", "SY", "PPLA"),
        ("New York", {}, "New York City", "US", "PPLA"),
        ("Washington", {}, "Washington", "US", "PPLC"),
        ("Georgia", {}, "Georgia", "GE", "PCLI"),        # the country, unless context says otherwise
        ("Georgia", {"country": "US"}, "Georgia", "US", "ADM1"),
        ("Georgia", {"near": [(33.75, -84.39)]}, "Georgia", "US", "ADM1"),  # Atlanta
        ("Mexico", {}, "Mexico", "MX", "PCLI"),          # not Mexico City (an alternate name)
        ("Kuwait", {}, "Kuwait", "KW", "PCLI"),
        ("Jordan", {}, "Jordan", "JO", "PCLI"),
    ],
)
def test_units_against_towns_of_the_same_name(gazetteer, query, options, name, country_code, feature_code):
    place = gazetteer.geocode(query, **options)
    assert (place.name, place.country_code, place.feature_code) == (name, country_code, feature_code)


# --- a unit's own name beats a town's noisy alternate name ---

# GeoNames gives Arcade, NY the alternate name "China", Goodyear, AZ "Egypt"
# and Bozeman, MT "Missouri"; even next to those towns, the name is the unit's.
@pytest.mark.parametrize(
    "query, near, country_code, feature_code",
    [
        ("China", (42.53, -78.42), "CN", "PCLI"),
        ("Egypt", (33.44, -112.36), "EG", "PCLI"),
        ("Missouri", (45.68, -111.04), "US", "ADM1"),
        ("China", None, "CN", "PCLI"),
        ("Egypt", None, "EG", "PCLI"),
    ],
)
def test_own_names_beat_alternate_names(gazetteer, query, near, country_code, feature_code):
    place = gazetteer.geocode(query, near=near)
    assert (place.country_code, place.feature_code) == (country_code, feature_code)


@pytest.mark.parametrize(
    "query, name, country_code",
    [("Kiev", "Kyiv", "UA"), ("Palmyra", "Tadmur", "SY"), ("Saraqeb", "Saraqib", "SY")],
)
def test_exonyms_still_find_the_big_place(gazetteer, query, name, country_code):
    # An alternate name costs a little, not so much that Palmyra, Pennsylvania beats Tadmur.
    place = gazetteer.geocode(query)
    assert (place.name, place.country_code) == (name, country_code)


def test_the_index_knows_own_names_from_alternate_names(gazetteer):
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        rows = dict(con.execute(
            "SELECT p.name, n.alt FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.key = 'china' AND p.source IN ('geonames', 'country')"
        ).fetchall())
    finally:
        con.close()
    assert rows["China"] == 0 and rows["Arcade"] == 1


# --- demonyms and abbreviations ---

@pytest.mark.parametrize(
    "query, country_code",
    [
        ("Russian", "RU"), ("Russians", "RU"), ("Syrian", "SY"), ("Syrians", "SY"), ("American", "US"),
        ("Americans", "US"), ("British", "GB"), ("Britons", "GB"), ("Iraqi", "IQ"), ("Iraqis", "IQ"),
        ("Israeli", "IL"), ("Turkish", "TR"), ("Chinese", "CN"), ("Georgian", "GE"), ("Palestinian", "PS"),
        ("U.S.", "US"), ("US", "US"), ("USA", "US"), ("America", "US"), ("UK", "GB"), ("UAE", "AE"),
        ("Canadian", "CA"),  # not Canadian, Texas
        ("Spanish", "ES"),   # not Spanish, Ontario
        ("Maltese", "MT"), ("Saint Lucian", "LC"), ("Mauritian", "MU"), ("Czechs", "CZ"), ("Sinhalese", "LK"),
        ("Korea", "KR"), ("Korean", "KR"),  # the South, not Koréa, a hamlet in Côte d'Ivoire
    ],
)
def test_demonyms_and_short_names_are_their_country(gazetteer, query, country_code):
    place = gazetteer.geocode(query)
    assert (place.country_code, place.feature_code) == (country_code, "PCLI")


@pytest.mark.parametrize(
    "query, name, country_code",
    [
        ("W.Va.", "West Virginia", "US"), ("W. Va.", "West Virginia", "US"), ("S.C.", "South Carolina", "US"),
        ("Ky.", "Kentucky", "US"), ("Calif.", "California", "US"), ("Pa.", "Pennsylvania", "US"),
        ("Ill.", "Illinois", "US"), ("N.Y.", "New York", "US"), ("B.C.", "British Columbia", "CA"),
        ("Ont.", "Ontario", "CA"),
    ],
)
def test_state_abbreviations_with_full_stops(gazetteer, query, name, country_code):
    place = gazetteer.geocode(query)
    assert (place.name, place.country_code, place.feature_code) == (name, country_code, "ADM1")


@pytest.mark.parametrize(
    "query, name, country_code",
    [("BC", "British Columbia", "CA"), ("NSW", "New South Wales", "AU"), ("QLD", "Queensland", "AU"),
     ("NJ", "New Jersey", "US")],
)
def test_unit_abbreviations_in_capitals(gazetteer, query, name, country_code):
    place = gazetteer.geocode(query)  # "NSW" was Nassau (an alternate name), "BC" nothing
    assert (place.name, place.country_code, place.feature_code) == (name, country_code, "ADM1")


@pytest.mark.parametrize(
    "query, name, admin1",
    [("L.A.", "Los Angeles", "California"), ("N.Y.C.", "New York City", "New York"), ("La.", "Louisiana", "Louisiana")],
)
def test_city_initials_with_full_stops(gazetteer, query, name, admin1):
    place = gazetteer.geocode(query)  # "L.A." found nothing; "La." stays Louisiana, "LA" Laos
    assert (place.name, place.admin1) == (name, admin1)
    assert gazetteer.geocode("LA").country_code == "LA"


@pytest.mark.parametrize("query", ["Bc", "bc", "Nsw", "nj", "CA", "WA", "SA"])
def test_unit_abbreviations_in_capitals_only_as_written(gazetteer, query):
    # any other case is a word or a name; country codes stay countries (or nothing)
    place = gazetteer.geocode(query)
    assert place is None or place.feature_code != "ADM1" or place.country_code not in ("US", "CA", "AU")


@pytest.mark.parametrize(
    "query, name, country_code",
    [("English", "England", "GB"), ("Welsh", "Wales", "GB"), ("Scottish", "Scotland", "GB"),
     ("Sicilian", "Sicily", "IT"), ("Catalan", "Catalonia", "ES"), ("Chechen", "Chechnya", "RU"),
     ("Dagestani", "Dagestan", "RU"), ("Texan", "Texas", "US"), ("Ohioans", "Ohio", "US"),
     ("Ontarians", "Ontario", "CA")],
)
def test_first_level_unit_demonyms(gazetteer, query, name, country_code):
    place = gazetteer.geocode(query)  # "English" was English, Indiana (630 people)
    assert (place.name, place.country_code, place.feature_code) == (name, country_code, "ADM1")


def test_columbia_alone_is_a_city_not_the_district(gazetteer):
    # "District of Columbia" less its level word is no name of D.C.'s (geo.facts.UNITS_WITHOUT_BARE_NAME)
    place = gazetteer.geocode("Columbia")
    assert (place.name, place.country_code, place.feature_code) == ("Columbia", "US", "PPL")
    assert gazetteer.geocode("Columbia", near=[(34.0, -81.03)]).admin1 == "South Carolina"
    # a unit whose own name holds a level word is that unit, not a "Columbia County" elsewhere
    assert (gazetteer.geocode("District of Columbia").name, gazetteer.geocode("District of Columbia").feature_code) \
        == ("District of Columbia", "ADM1")
    assert gazetteer.geocode("Mexico City").feature_code == "PPLC"  # and a city of that own name stays the city
    assert gazetteer.geocode("D.C.").name == "District of Columbia"


def test_a_country_point_is_its_main_island(gazetteer):
    place = gazetteer.geocode("Mauritius")  # not its towns' middle, out at sea towards Agalega
    assert place.feature_code == "PCLI" and abs(place.latitude + 20.3) < 0.5 and abs(place.longitude - 57.58) < 0.5


@pytest.mark.parametrize("query", ["Man", "Pa", "Ky", "Mass"])
def test_abbreviations_need_their_full_stop(gazetteer, query):
    # "Man" is a city in Côte d'Ivoire before it is Manitoba; without the stop, no state.
    place = gazetteer.geocode(query)
    assert place is None or place.feature_code != "ADM1" or place.country_code not in ("US", "CA")


# --- the country given wins over any candidate elsewhere ---

@pytest.mark.parametrize(
    "query, country, name",
    [
        ("Lebanon", "US", "Lebanon"),   # a town in the US, not the country
        ("Paris", "US", "Paris"),
        ("Georgia", "US", "Georgia"),
        ("Tripoli", "LB", "Tripoli"),
        ("Sinjar", "SY", "Sinjār"),
        ("Mayadeen", "SY", "Al Mayādīn"),  # only a transliteration key matches there
        # an exact match abroad (Saudi Arabia) and a loose one in the country given (Qara, Syria)
        ("Al Qarah", "SY", "Qārah"),
    ],
)
def test_a_candidate_in_the_given_country_wins(gazetteer, query, country, name):
    place = gazetteer.geocode(query, country=country)
    assert (place.name, place.country_code) == (name, country)


def test_country_only_ranks_it_never_excludes(gazetteer):
    assert gazetteer.geocode("Egypt", country="SY").country_code == "EG"
    assert gazetteer.geocode("Al Qarah").country_code == "SA"  # the exact match, without a country


# --- transliteration ---

@pytest.mark.parametrize(
    "query, name, country_code",
    [
        ("Qamishli", "Al Qāmishlī", "SY"),
        ("Mayadeen", "Al Mayādīn", "SY"),
        ("Jenderis", "Jindayris", "SY"),
        ("Edleb", "Idlib", "SY"),
        ("Tell Abyad", "Tall Abyaḑ", "SY"),
        ("Khan Sheikhoun", "Khān Shaykhūn", "SY"),
        ("Kafr Batna suburb", "Kafr Baţnā", "SY"),
        ("Efrin", "‘Afrīn", "SY"),          # a word's first vowel: a, e or i
        ("Taldou", "Talldaww", "SY"),       # ALA-LC's doubled w closing a word
    ],
)
def test_transliteration_variants_find_the_place(gazetteer, query, name, country_code):
    place = gazetteer.geocode(query)
    assert (place.name, place.country_code) == (name, country_code)


def test_transliteration_keys_stay_where_transliteration_is_the_norm(gazetteer):
    # "Ghouta" and German "Gotha" share a transliteration key; Germany's names get none.
    place = gazetteer.geocode("Ghouta")
    assert place is None or place.country_code != "DE"


def test_exact_beats_transliteration(gazetteer):
    # "Tripoli" matches exactly; no transliteration variant may outrank it.
    assert gazetteer.geocode("Tripoli").country_code == "LY"
    assert gazetteer.candidates("Aleppo")[0].name == "Aleppo"


# --- the fuzzy stage ---

# query, options, expected name, country code: misspellings only the fuzzy stage finds
FUZZY_CASES = [
    ("Maarat al-Nomane", {"country": "SY"}, "Ma‘arrat an Nu‘mān", "SY"),
    ("Maarat al-Nouma", {"country": "SY"}, "Ma‘arrat an Nu‘mān", "SY"),
    ("Maarat al-Numn", {"country": "SY"}, "Ma‘arrat an Nu‘mān", "SY"),
    ("Maarat al-Nuaman", {"country": "Syria"}, "Ma‘arrat an Nu‘mān", "SY"),
    ("Sarqib", {"country": "SY"}, "Saraqib", "SY"),
    ("Kharkif", {}, "Kharkiv", "UA"),
    ("Mariupil", {}, "Mariupol", "UA"),
    ("Damscus", {}, "Damascus", "SY"),
    ("Brussles", {}, "Brussels", "BE"),
    ("Washingtn", {}, "Washington", "US"),
]


@pytest.mark.parametrize("query, options, name, country_code", FUZZY_CASES)
def test_misspellings_resolve_fuzzily(gazetteer, query, options, name, country_code):
    found = gazetteer.match(query, **options, fuzzy=True)
    assert (found.place.name, found.place.country_code) == (name, country_code)
    assert found.stage == "fuzzy" and found.edits in (1, 2)
    assert gazetteer.geocode(query, **options, fuzzy=False) != found.place  # only the fuzzy stage finds it


# Ordinary words in news copy: no place, or not a fuzzy one.
@pytest.mark.parametrize(
    "query, options",
    [
        ("Monday", {}), ("Sunday", {}), ("Friday", {"country": "SY"}), ("province", {}),
        ("Observatory", {}), ("Ministry", {"country": "SY"}), ("Fighters", {"country": "SY"}),
        ("Coalition", {"country": "SY"}), ("Shelling", {"country": "SY"}), ("Airstrikes", {"country": "SY"}),
        ("Zelensky", {"country": "UA"}), ("Nusra", {"country": "SY"}),
        ("Spokesman", {"country": "UA"}), ("Government", {"country": "AF"}),
    ],
)
def test_ordinary_words_do_not_resolve_fuzzily(gazetteer, query, options):
    found = gazetteer.match(query, **options, fuzzy=True)
    assert found is None or found.stage != "fuzzy", found


@pytest.mark.parametrize(
    "query, options, name, country_code, stage",
    [
        ("Arbin", {}, "Arbin", "FR", "exact"),              # no country named: the exact name stands
        ("Paris", {"country": "SY"}, "Paris", "FR", "exact"),  # a capital elsewhere blocks a guess in Syria
        ("Aleppo", {"country": "SY"}, "Aleppo", "SY", "exact"),
        ("Sarakib", {"country": "SY"}, "Saraqib", "SY", "second"),  # transliteration before fuzzy
        # a word's first vowel is one letter in transliteration keys: not the French village,
        # the country was named (the fuzzy stage found it before)
        ("Arbin", {"country": "SY"}, "‘Irbīn", "SY", "second"),
        ("Erbin", {"country": "SY"}, "‘Irbīn", "SY", "second"),
    ],
)
def test_exact_and_transliteration_beat_fuzzy(gazetteer, query, options, name, country_code, stage):
    found = gazetteer.match(query, **options, fuzzy=True)
    assert (found.place.name, found.place.country_code, found.stage, found.edits) == (name, country_code, stage, 0)


def test_fuzzy_is_off_by_default_and_on_when_asked(gazetteer, monkeypatch):
    # Off by default: extraction reads free text, where it finds villages in ordinary words.
    monkeypatch.delenv("GEO_FUZZY", raising=False)
    with Gazetteer(gazetteer.path) as default:
        assert default.fuzzy is False and default.geocode("Damscus") is None
        assert default.candidates("Damscus") == []
        assert default.geocode("Damscus", fuzzy=True).name == "Damascus"
        assert [p.name for p in default.candidates("Damscus", fuzzy=True)][:1] == ["Damascus"]
    with Gazetteer(gazetteer.path, fuzzy=True) as on:
        assert on.geocode("Damscus").name == "Damascus"
        assert on.geocode("Damscus", fuzzy=False) is None
    monkeypatch.setenv("GEO_FUZZY", "1")
    with Gazetteer(gazetteer.path) as env_on:
        assert env_on.fuzzy is True and env_on.geocode("Damscus").name == "Damascus"
    # the geopy adapter is for explicit lookups: fuzzy unless told otherwise
    assert OfflineGeocoder(gazetteer).geocode("Damscus").raw["name"] == "Damascus"
    assert OfflineGeocoder(gazetteer, fuzzy=False).geocode("Damscus") is None


def test_exact_lookups_keep_their_stage(gazetteer):
    assert gazetteer.match("Idlib")[1:] == ("exact", 0)
    assert gazetteer.match("Xyzzyqwertville") is None


def _km(a, b):
    from geo.gazetteer import _km as km

    return km(a, b)


@pytest.mark.parametrize("query", ["Tadmur/Palmyra", "Palmyra/Tadmur", "Palmyra / Tadmur town"])
def test_two_names_of_one_place(gazetteer, query):
    place = gazetteer.geocode(query, country="SY")
    assert (place.name, place.country_code) == ("Tadmur", "SY")


# Issue 3: exact-stage false matches through alternate names, and province names.
# query, options, expected (name, country code, feature code)
MUST_RESOLVE = [
    ("North Kivu", {}, ("Nord Kivu", "CD", "ADM1")),
    ("North Kivu province", {}, ("Nord Kivu", "CD", "ADM1")),
    ("Nord-Kivu", {}, ("Nord Kivu", "CD", "ADM1")),
    ("Sud Kivu", {}, ("South Kivu", "CD", "ADM1")),
    ("South Kivu", {}, ("South Kivu", "CD", "ADM1")),
    ("Nord Darfur", {}, ("Northern Darfur", "SD", "ADM1")),
    ("West Cape", {}, ("Western Cape", "ZA", "ADM1")),
    ("Oromia", {}, ("Oromiya", "ET", "ADM1")),  # not Iran's Orumiyeh through a transliteration key
    ("Gedaref state", {}, ("Al Qaḑārif", "SD", "ADM1")),
    ("Kongo Central", {}, ("Bas-Congo", "CD", "ADM1")),
    ("Hadramawt", {}, ("Muhafazat Hadramaout", "YE", "ADM1")),
    ("Edo", {}, ("Edo State", "NG", "ADM1")),
    ("Leningrad", {}, ("Saint Petersburg", "RU", "PPLA")),  # a former name no better-known place bears
    ("Kiev", {}, ("Kyiv", "UA", "PPLC")),  # an exonym within one country still wins on standing
    ("Bombay", {}, ("Mumbai", "IN", "PPL")),
    ("Ho", {}, ("Ho", "GH", "PPL")),  # a short own name still matches
    ("Tyr", {}, ("Tyre", "LB", "PPL")),  # and a three-letter alternate name
    ("Edo", {"country": "JP"}, ("Tokyo", "JP", "PPLC")),  # the former name, where the article is
    ("Hims", {}, ("Homs", "SY", "PPLA")),
    ("Palmyra", {}, ("Tadmur", "SY", "PPL")),  # its namesake in Pennsylvania is not well known
    # a district's own name (Idlib's Ariha district and its seat) over a town abroad that bears it only as an
    # alternate name (Jericho, in Arabic Ariha)
    ("Ariha", {}, ("Arīḩā", "SY", "PPLA2")),
    # English names of units the admin data spells otherwise (geo.facts.ADMIN1_ALIASES)
    ("Rhineland-Palatinate", {}, ("Rheinland-Pfalz", "DE", "ADM1")),
    ("Kabardino-Balkaria", {}, ("Kabardino-Balkariya Republic", "RU", "ADM1")),
    ("North Ossetia", {}, ("North Ossetia–Alania", "RU", "ADM1")),
    ("Ingushetia", {}, ("Ingushetiya Republic", "RU", "ADM1")),
    ("Newfoundland", {}, ("Newfoundland and Labrador", "CA", "ADM1")),
    # Louisiana's parishes by their bare names, and "Co." for County
    ("Avoyelles", {}, ("Avoyelles Parish", "US", "ADM2")),
    ("Pointe Coupee Parish", {}, ("Pointe Coupee Parish", "US", "ADM2")),
    ("Platte Co.", {"admin1": "Nebraska"}, ("Platte County", "US", "ADM2")),
    # with a level word, the place whose own name is the whole query: not Madison Parish, Louisiana
    ("Madison County", {"admin1": "Louisiana"}, ("Madison County", "US", "ADM2")),
    ("Suffolk County", {}, ("Suffolk County", "US", "ADM2")),  # not the City of Suffolk, Virginia
    # a short or long first word when the name as written matches nothing ("St." for Saint)
    ("St. Kitts and Nevis", {}, ("Saint Kitts and Nevis", "KN", "PCLI")),
    ("St. Louis", {}, ("St. Louis", "US", "PPLA2")),  # what matches as written is not second-guessed
]


@pytest.mark.parametrize("query, options, expected", MUST_RESOLVE)
def test_alternate_and_variant_names_that_must_resolve(gazetteer, query, options, expected):
    place = gazetteer.geocode(query, fuzzy=False, **options)
    assert place is not None, query
    assert (place.name, place.country_code, place.feature_code) == expected


# query, options, (name, country code) it must not give (None: must give nothing at all)
MUST_NOT_RESOLVE = [
    ("Kivu province", {}, ("Kyiv City", "UA")),  # "Киеву", an inflected alternate of Kyiv, keyed "kivu"
    ("Kivu", {}, None),
    ("Kivu", {"country": "CD"}, None),
    ("Edo", {}, ("Tokyo", "JP")),  # Tokyo's former name, the own name of a Nigerian state
    ("Molotov", {}, None),  # Perm's Soviet name, a surname
    ("Frunze", {}, ("Bishkek", "KG")),
    ("No", {}, None),  # an alternate name of Ho (Ghana), and loosely Romania's Nou
    ("Al", {}, None),  # an article alone ("Al Shabaab"), not Norway's Ål nor an alternate name
    ("el", {}, None),
    # a first vowel a/i is tried only in the country named, and only in transliterated ones:
    # merged everywhere, it found villages in news copy's words and names
    ("Arbin", {}, ("‘Irbīn", "SY")),
    ("Iftar", {"country": "AF"}, None),
    ("Aamir Khan", {"country": "IN"}, None),
    ("Arjan", {"country": "BD"}, None),
    ("Irbin", {"country": "FR"}, ("Arbin", "FR")),  # France is not in geo.facts.TRANSLITERATED
]


@pytest.mark.parametrize("query, options, wrong", MUST_NOT_RESOLVE)
def test_alternate_names_that_must_not_resolve(gazetteer, query, options, wrong):
    place = gazetteer.geocode(query, fuzzy=False, **options)
    if wrong is None:
        assert place is None, place
    else:
        assert place is None or (place.name, place.country_code) != wrong


def test_a_well_known_own_name_beats_another_countrys_alternate(gazetteer):
    # Tokyo (GeoNames lists "Edo") is still a candidate; it ranks below Nigeria's state.
    ranked = [(p.name, p.country_code) for p in gazetteer.candidates("Edo", fuzzy=False)]
    assert ("Tokyo", "JP") in ranked
    assert ranked.index(("Edo State", "NG")) < ranked.index(("Tokyo", "JP"))


# Conventional points of first-level units (geo.facts.ADMIN1_CENTRES), in km of them.
@pytest.mark.parametrize(
    "query, centre",
    [("Virginia", (37.55, -77.45)), ("Alberta", (54.5, -115.0)), ("Texas", (31.25, -99.25)),
     ("Ontario", (49.25, -84.5)), ("Manitoba", (55.0, -97.0)), ("British Columbia", (54.0, -125.0)),
     ("Western Australia", (-25.0, 122.0)), ("South Australia", (-30.0, 135.0)), ("New South Wales", (-33.0, 146.0))],
)
def test_first_level_units_sit_at_their_conventional_point(gazetteer, query, centre):
    place = gazetteer.geocode(query)
    assert place.feature_code == "ADM1"
    assert _km((place.latitude, place.longitude), centre) < 1


def test_every_admin1_centre_lies_in_its_units_box(gazetteer):
    from geo.facts import ADMIN1_CENTRES

    con = sqlite3.connect(gazetteer.path)
    try:
        for (cc, name), (lat, lon) in ADMIN1_CENTRES.items():
            row = con.execute(
                "SELECT e.south, e.west, e.north, e.east, p.latitude, p.longitude FROM places p "
                "JOIN extents e ON e.place_id = p.id WHERE p.feature_code = 'ADM1' AND p.country_code = ? AND p.name = ?",
                (cc, name),
            ).fetchone()
            assert row is not None, (cc, name)  # the fact names a unit the index has
            south, west, north, east, plat, plon = row
            assert (plat, plon) == (lat, lon), (cc, name)
            lon += 360 if lon < west - 1 else 0  # a box may be written in 0..360 (across the antimeridian)
            # 3 degrees of slack: the box is of the unit's towns (the outer 1% cut), and a state whose
            # towns crowd one coast (South Australia) has its conventional point in the empty interior
            assert south - 3 <= lat <= north + 3 and west - 3 <= lon <= east + 3, (cc, name, row)
    finally:
        con.close()


# Regions, seas, rivers, deserts and ranges (geo.regions): query, options, (name, feature code), or
# None for "not a region" (what must keep its own place).
REGION_CASES = [
    ("Middle East", {}, ("Middle East", "RGN")),  # not Middle East, a hamlet in the US
    ("the Middle East", {}, ("Middle East", "RGN")),
    ("Atlantic", {}, ("Atlantic Ocean", "OCN")),  # not Atlantic, Iowa
    ("Mediterranean", {}, ("Mediterranean Sea", "SEA")),
    ("Ghouta", {}, ("Eastern Ghouta", "RGN")),
    ("Eastern Ghouta", {"country": "SY"}, ("Eastern Ghouta", "RGN")),
    ("Cauvery", {}, ("Cauvery", "STM")),
    ("Euphrates", {}, ("Euphrates", "STM")),
    ("Sahel", {}, ("Sahel", "RGN")),
    ("Caucasus", {}, ("Caucasus", "MTS")),
    ("Horn of Africa", {}, ("Horn of Africa", "PEN")),
    ("Kashmir", {}, ("Kashmir", "RGN")),
    ("Donbass", {}, ("Donbas", "RGN")),
    ("Red Sea", {}, ("Red Sea", "SEA")),  # the sea before Sudan's and Egypt's provinces of that name
    ("Andes", {}, ("Andes", "MTS")),  # not Andes, a Colombian town of 16,000
    # nearness still decides: in an article about Iowa, Atlantic is the town
    ("Atlantic", {"near": [(41.26, -95.86)]}, None),
    # the country named still decides: Burkina Faso's Sahel region
    ("Sahel", {"country": "BF"}, None),
    ("Sahel region", {}, None),  # a level word asks for a province
    # an area the index has as a unit stays that unit; a city keeps its name
    ("Gaza Strip", {}, None),
    ("West Bank", {}, None),
    ("Gaza", {}, None),
    ("Nile", {"country": "SD"}, ("Nile", "STM")),  # a region never yields to nothing
    ("Oahu", {}, ("Oahu", "ISL")),
    ("Pearl Harbor", {}, ("Pearl Harbor", "GULF")),
    ("Orinoco", {}, ("Orinoco", "STM")),
    ("Nile Delta", {}, ("Nile Delta", "RGN")),
    ("FATA", {}, ("Federally Administered Tribal Areas", "RGN")),
    ("South Waziristan", {}, ("South Waziristan", "RGN")),
    ("SOUTH WAZIRISTAN", {}, ("South Waziristan", "RGN")),
    ("Soviet Union", {}, ("Soviet Union", "RGN")),
    ("USSR", {}, ("Soviet Union", "RGN")),
    ("Yorkshire", {}, ("Yorkshire", "RGN")),  # not Yorkshire, Virginia
    ("Northamptonshire", {}, ("Northamptonshire", "RGN")),
    ("Latin American", {}, ("Latin America", "RGN")),
    ("Nagorno-Karabakh Republic", {}, ("Nagorno-Karabakh", "RGN")),
    ("Mount Chaambi", {}, ("Mount Chaambi", "MTS")),
    ("Lake Ontario", {}, ("Lake Ontario", "LK")),
    ("Puget Sound", {}, ("Puget Sound", "GULF")),
    ("Aleutians", {}, ("Aleutian Islands", "ISL")),
    ("South Ossetians", {}, ("South Ossetia", "RGN")),
    ("Yorkshire", {"near": [(38.79, -77.45)]}, None),  # nearness still decides: Yorkshire, Virginia
]


@pytest.mark.parametrize("query, options, expected", REGION_CASES)
def test_regions_seas_and_rivers(gazetteer, query, options, expected):
    from geo.regions import REGION_CODES

    place = gazetteer.geocode(query, fuzzy=False, **options)
    assert place is not None, query
    if expected is None:
        assert place.feature_code not in REGION_CODES and place.source != "region", place
    else:
        assert (place.name, place.feature_code, place.source) == (*expected, "region")
        assert place.precision == 3  # ACLED: a region


def test_every_region_is_found_by_each_of_its_names(gazetteer):
    from geo.regions import REGIONS

    for region in REGIONS:
        for name in (region.name, *region.alternates):
            found = gazetteer.candidates(name, limit=50, fuzzy=False)
            assert any(p.source == "region" and p.name == region.name for p in found), name
            assert -90 <= region.latitude <= 90 and -180 <= region.longitude <= 180, region


# Several places of the article near one candidate outweigh one stray place near another:
# query, near points, (name, admin1) expected.
NEARBY_CASES = [
    # Kentucky: Louisville, Lexington, Berea; and once New York City (Staten Island is Richmond County)
    ("Richmond", [(38.25, -85.76), (38.05, -84.5), (37.57, -84.3), (40.71, -74.01)], ("Richmond", "Kentucky")),
    # Kentucky: London's neighbours Corbin and Somerset, and Pittsburgh
    ("London", [(36.95, -84.1), (37.09, -84.6), (40.44, -80.0)], ("London", "Kentucky")),
    # one point only: nearness alone, as before
    ("Tripoli", [(33.89, 35.50)], ("Tripoli", "Liban-Nord")),
]


@pytest.mark.parametrize("query, near, expected", NEARBY_CASES)
def test_several_nearby_places_choose_the_homonym(gazetteer, query, near, expected):
    place = gazetteer.geocode(query, near=near)
    assert (place.name, place.admin1) == expected, place


# Document context from first-level units: `admin1s` are the units an article names; a candidate in
# one of them beats a far bigger namesake elsewhere, unless nearness or a country's own name says
# otherwise. query, options, (name, country code, admin1) expected.
ADMIN1S_MUST_RESOLVE = [
    ("London", {"admin1s": ["Ontario"]}, ("London", "CA", "Ontario")),
    ("London", {"admin1s": "Ontario"}, ("London", "CA", "Ontario")),  # one name, not its letters
    ("London", {"admin1s": ["Alberta", "Ontario"]}, ("London", "CA", "Ontario")),  # any of the units named
    ("Paris", {"admin1s": ["Illinois"]}, ("Paris", "US", "Illinois")),
    ("Glasgow", {"admin1s": ["Kentucky"]}, ("Glasgow", "US", "Kentucky")),
    ("Springfield", {"admin1s": ["Ohio"]}, ("Springfield", "US", "Ohio")),
    ("Idlib", {"admin1s": ["Idlib"]}, ("Idlib", "SY", "Idlib")),
    # no unit named: the big namesake, as before
    ("London", {}, ("London", "GB", "England")),
    ("Paris", {}, ("Paris", "FR", "Île-de-France")),
    # the text says otherwise: several of the article's places around London, England
    ("London", {"admin1s": ["Ontario"], "near": [(51.51, -0.13), (51.45, -0.97), (52.2, 0.12)]},
     ("London", "GB", "England")),
    # a level word still decides: "Idlib province" is the unit, whatever else is named
    ("Idlib province", {"admin1s": ["Aleppo"]}, ("Idlib", "SY", "Idlib")),
    # a hamlet bearing a first-level unit's own name gains nothing from its unit being named
    ("Queensland", {"admin1s": ["Alberta"]}, ("Queensland", "AU", "Queensland")),
    # the article's places lift a place that bears the name only as an alternate no higher than its own
    # standing, while others bear it as their own: Mount Gilead (GeoNames lists "Youngstown") is named in
    # the article itself, Youngstown is Youngstown
    ("Youngstown", {"admin1s": ["Ohio"], "near": [(40.5495, -82.8474)]}, ("Youngstown", "US", "Ohio")),
    ("Washington", {"admin1s": ["West Virginia"]}, ("Washington", "US", "District of Columbia")),
]


@pytest.mark.parametrize("query, options, expected", ADMIN1S_MUST_RESOLVE)
def test_a_candidate_in_a_unit_the_article_names_wins(gazetteer, query, options, expected):
    place = gazetteer.geocode(query, fuzzy=False, **options)
    assert place is not None, query
    assert (place.name, place.country_code, place.admin1) == expected, place


# query, options, (name, country code) it must not give
ADMIN1S_MUST_NOT_RESOLVE = [
    ("China", {"admin1s": ["Texas"]}, ("China", "US")),  # a hamlet of 1,100 does not take a country's name
    ("Idlib", {}, ("Idlib", "ADM1")),  # alone, the city
    ("London", {}, ("London", "CA")),
    ("London", {"admin1s": ["Kentucky"]}, ("London", "US")),  # a town of 8,000 against a capital of 9 million
    ("Washington", {"admin1s": []}, ("Washington", "GB")),
]


@pytest.mark.parametrize("query, options, wrong", ADMIN1S_MUST_NOT_RESOLVE)
def test_a_named_unit_does_not_take_everything(gazetteer, query, options, wrong):
    place = gazetteer.geocode(query, fuzzy=False, **options)
    assert place is not None, query
    assert (place.name, place.feature_code if wrong[1] == "ADM1" else place.country_code) != wrong, place


def test_admin1s_only_rank_and_are_cached_apart(gazetteer):
    # the same query with and without units: two answers, neither cached for the other
    assert gazetteer.geocode("London").country_code == "GB"
    assert gazetteer.geocode("London", admin1s=["Ontario"]).country_code == "CA"
    assert gazetteer.geocode("London").country_code == "GB"
    names = {(p.name, p.country_code) for p in gazetteer.candidates("London", admin1s=["Ontario"], limit=50)}
    assert ("London", "GB") in names  # ranked lower, never excluded


# Major airports (geo.regions.AIRPORTS): query, options, airport name, or None for "not an airport".
AIRPORT_CASES = [
    ("Heathrow", {}, "Heathrow Airport"),  # not Heathrow, Florida
    ("Gatwick", {}, "Gatwick Airport"),
    ("JFK", {}, "John F. Kennedy International Airport"),
    ("O'Hare", {}, "O'Hare International Airport"),
    ("Charles de Gaulle", {}, "Charles de Gaulle Airport"),
    ("Dubai International", {}, "Dubai International Airport"),
    ("Damascus International Airport", {}, "Damascus International Airport"),
    # the city keeps its name; nearness still decides (an article about Tampa: Heathrow, Florida)
    ("Dubai", {}, None),
    ("Damascus", {}, None),
    ("Glasgow", {}, None),
    ("Heathrow", {"near": [(28.66, -81.37), (28.54, -81.38)]}, None),
    # Syria's air bases, by the place's name and the word copy puts after it
    ("Shayrat airbase", {}, "Shayrat Air Base"),
    ("Deir ez Zor airport", {"country": "SY"}, "Deir ez-Zor Airport"),
    ("Hamah Military Airport", {"country": "SY"}, "Hama Military Airport"),  # "Hamah": a spelling given
    ("Kweires military airport", {}, "Kuweires Air Base"),
    ("Hmeimim air base", {}, "Hmeimim Air Base"),
    ("Tabqa", {"country": "SY"}, None),  # the town keeps its name
    ("Hama", {}, None),
    ("Deir ez-Zor", {}, None),
]


@pytest.mark.parametrize("query, options, expected", AIRPORT_CASES)
def test_major_airports(gazetteer, query, options, expected):
    place = gazetteer.geocode(query, fuzzy=False, **options)
    assert place is not None, query
    if expected is None:
        assert place.source != "airport", place
    else:
        assert (place.name, place.feature_code, place.source, place.precision) == (expected, "AIRP", "airport", 1)


def test_every_airport_is_found_by_each_of_its_names(gazetteer):
    from geo.regions import AIRPORTS

    assert len({a.name for a in AIRPORTS}) == len(AIRPORTS)
    for airport in AIRPORTS:
        assert -90 <= airport.latitude <= 90 and -180 <= airport.longitude <= 180, airport
        for name in (airport.name, *airport.alternates):
            found = gazetteer.candidates(name, limit=50, fuzzy=False)
            assert any(p.source == "airport" and p.name == airport.name for p in found), name


# A first-level unit named after its seat is the seat, unless the article's places in the unit are all
# far from the seat (gazetteer._SEAT_REACH_KM): query, near points, feature code expected.
SEAT_OR_UNIT_CASES = [
    ("Quebec", None, "PPLA"),  # alone, the city
    ("Quebec", [(45.50, -73.57)], "ADM1"),  # beside Montreal, 230 km from Quebec City: the province
    ("Quebec", [(45.50, -73.57), (46.81, -71.21)], "PPLA"),  # and Quebec City's own neighbourhood: the city
    ("Quebec", [(49.90, -97.14)], "PPLA"),  # Winnipeg lies outside the province: says nothing
    ("Idlib", None, "PPLA"),
    ("Idlib", [(35.86, 36.81)], "PPLA"),  # Saraqib, 17 km away
    ("Aleppo", [(36.53, 37.95)], "PPLA"),  # Manbij, 80 km away
    ("Deir ez-Zor", [(34.45, 40.92)], "PPLA"),  # Abu Kamal, 125 km away
]


@pytest.mark.parametrize("query, near, feature_code", SEAT_OR_UNIT_CASES)
def test_a_province_named_after_its_seat(gazetteer, query, near, feature_code):
    place = gazetteer.geocode(query, near=near, fuzzy=False)
    assert place is not None, query
    assert place.feature_code == feature_code, place
