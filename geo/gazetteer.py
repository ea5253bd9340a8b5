"""Offline place lookup: a name (and what the article says around it) -> a Place.

Opens the index that geo.build compiled; opening is one file open and one
small query, so a dashboard or a CLI call starts in milliseconds. Matching is
by key equality (see geo.normalize): the exact key first; only when that
finds nothing (or nothing of the level asked for, or nothing in the `country`
given) the loose and transliteration keys (for names of four letters or
more; transliteration keys only reach places in geo.facts.TRANSLITERATED),
and when the `country` named is one of those and still has no match, its
places whose transliteration key differs only in a first a/i ("Arbin" for
‘Irbīn; geo.normalize.first_vowel_variant). A bare Arabic article ("Al" of "Al Shabaab") matches nothing. US state and
Canadian province abbreviations with full stops ("W.Va.", "Calif.") and a few cities' ("L.A.") are read from geo.facts,
and a few in capitals without them ("BC", "NSW": geo.facts.CAPITAL_ABBREVIATIONS, the exact query only);
demonyms ("Syrian") are keys of their country. When several places share a
key, the ranking below decides, and "not found" is None, never an exception.

The third try, a bounded fuzzy match (geo.normalize.fuzzy_form, one edit for
short names, two for long ones), runs only when the first two found nothing,
or, when a `country` is named, nothing there and nothing elsewhere that
counts (a town of FUZZY_BLOCKING_STANDING or more: "Paris" with country="SY"
stays Paris). It searches that country's names, or without a country the
well-known places' (geo.build chooses them). It is off by default: in free
text it turned ordinary words into villages more often than it found
misspelt places (bench/extract_acled.py, place within 25 km); explicit
lookups switch it on (`fuzzy=True` per call or per Gazetteer, `geo resolve`,
OfflineGeocoder), and GEO_FUZZY=1 makes it the default. `match` says which
stage answered and how many edits away.

Ranking, strongest first:
  1. a unit named by an abbreviation ("Ky.", "BC"); then the level a word in the
     query asks for ("Idlib province" -> ADM1, "X district" -> ADM2, "the
     town of X" -> a populated place).
  2. a town that bears a country's or first-level unit's own name only as an
     alternate name (GeoNames lists "China" for Arcade, New York) ranks below
     that unit, unless it outweighs it.
  3. in the `country` given (ISO alpha-2 or a country name): a candidate there
     beats every candidate elsewhere.
  3a. a place that bears the name only as an alternate (often former) name
     ranks below a well-known place in another country whose own name it is
     ("Edo": Nigeria's state, not Tokyo, unless country="JP").
  3b. fewer edits: exact and transliteration matches before fuzzy ones, one
     edit before two.
  4. analysts' corrections (geo.analyst), then custom places (analysts know better),
     then, in the `country` given, places learned from event data (geo learn).
  5. in the `admin1` given.
  6. score: importance, less a cost for distance from the `near` points,
     plus _NAMED_UNIT_BONUS in any of the `admin1s` given (the units the
     article names: "London" is London, Ontario in an article naming Ontario).
     A place matched only through an alternate name, not well known, gains
     nothing from context while others bear the name as their own ("Youngstown"
     is not Mount Gilead, which GeoNames also calls so, next to the article's places).
     Importance is log10(population) plus a bonus for capitals (PPLC, +2)
     and seats (PPLA +1, PPLA2 +0.5...), so a capital beats any town up to
     100 times its size; a country counts its people plus 3, a province the
     people of its towns less 1, a district less 1.5, so "Texas" is the state
     and not a Mexican hamlet of 993, while "Idlib" stays the city: a seat
     (and any town in a district's province) bearing its unit's name scores
     at least as the unit, unless the `near` points inside the unit all lie
     beyond _SEAT_REACH_KM of the seat ("Quebec" beside Montreal is the
     province). A match through an alternate name only costs 0.5.
     A region, sea, river, desert or range (geo.regions) stands as a city of a
     million ("Middle East" the region, not a hamlet of that name).
     Distance costs 3 per tenfold distance beyond ~25 km from the nearest
     `near` point, from the place, or from a unit's or region's box
     (nothing when a point is inside it); each further `near` point within
     200 km adds 1 (up to 3), so several places of the article around one
     candidate outweigh one stray place near another.
"""
from __future__ import annotations

import json
import math
import os
import sqlite3
import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Sequence
from urllib.parse import quote

from geo.build import (
    FORMAT_VERSION,
    HIT_NULL,
    HIT_SEPARATOR,
    GazetteerMissing,
    Progress,
    ensure_built,
    index_path,
)
from geo.facts import ABBREVIATIONS, CAPITAL_ABBREVIATIONS, CITY_ABBREVIATIONS, TRANSLITERATED
from geo.regions import AIRPORT_CODE, REGION_CODES
from geo.normalize import (
    ADM1,
    ADM2,
    ARTICLES,
    PPL,
    deletions,
    first_vowel_variant,
    fuzzy_bound,
    fuzzy_edits,
    fuzzy_form,
    fuzzy_hash,
    loose_key,
    name_key,
    split_level,
    strip_article,
    translit_key,
)

__all__ = ["Gazetteer", "Match", "OfflineGeocoder", "Place"]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry, as the rest of the project sees it.

    `id` is "<source>:<source id>" (e.g. "geonames:169389", "admin:SY.12",
    "country:SY", "custom:SY.maasran"), stable across rebuilds.
    """

    id: str
    name: str
    latitude: float
    longitude: float
    country_code: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature_code: str
    population: int
    source: str

    @property
    def precision(self) -> int:
        """ACLED geo precision: 1 a named place, 2 a district, 3 a province, country, continent or region
        (geo.regions: a sea, a river, a desert...)."""
        if self.feature_code == ADM2:
            return 2
        if self.feature_code in (ADM1, "CONT") or self.feature_code.startswith("PCL") or self.feature_code in REGION_CODES:
            return 3
        return 1

    def as_dict(self) -> dict[str, Any]:
        """The fields plus `precision`, for JSON and geopy's `raw`."""
        return {**asdict(self), "precision": self.precision}


_SET = {name: Place.__dict__[name].__set__ for name in Place.__slots__}  # each slot's own setter


def _new_place(
    hit: tuple, country: str | None, _new=object.__new__, _id=_SET["id"], _name=_SET["name"],
    _lat=_SET["latitude"], _lon=_SET["longitude"], _cc=_SET["country_code"], _country=_SET["country"],
    _a1=_SET["admin1"], _a2=_SET["admin2"], _fc=_SET["feature_code"], _pop=_SET["population"],
    _src=_SET["source"],
) -> Place:
    """Place(*hit[:5], country, *hit[5:10]) in half the time: the frozen dataclass's __init__ goes
    through object.__setattr__ field by field, the slots' own setters do not (every lookup ends here)."""
    place = _new(Place)
    _id(place, hit[0])
    _name(place, hit[1])
    _lat(place, hit[2])
    _lon(place, hit[3])
    _cc(place, hit[4])
    _country(place, country)
    _a1(place, hit[5])
    _a2(place, hit[6])
    _fc(place, hit[7])
    _pop(place, hit[8])
    _src(place, hit[9])
    return place


Point = tuple[float, float]
# (south, west, north, east) of a unit's towns; east > 180 for a box across the antimeridian.
Box = tuple[float, float, float, float]


# A hit (a place a query matched) is the row SQLite returns, used as it comes:
# building an object per row cost a third of every uncached lookup. Positions:
# the Place's fields except `country`, the row id, whether the match was
# through an alternate name only, edits away (fuzzy stage) and the stage (an
# index in _STAGES: small ints cost SQLite and Python no allocation).
_Hit = tuple
_ID, _NAME, _LAT, _LON, _CC, _A1, _A2, _FC, _POP, _SRC, _ROWID, _ALT, _EDITS, _STAGE = range(14)
_STAGES = ("exact", "second", "fuzzy")
_NONE: frozenset[str] = frozenset()


class Match(NamedTuple):
    """The answer with how it was found: stage "exact", "second" (loose or transliteration key) or "fuzzy"."""

    place: Place
    stage: str
    edits: int


# Only what a Place needs: each column more costs time on every lookup, and
# a unit's box is read only when ranking by nearness (Gazetteer._box).
_COLUMNS = (
    "p.source || ':' || p.source_id, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.admin2, "
    "p.feature_code, p.population, p.source, p.id"
)
# Exact lookups read the hits table (see geo.build): six columns a row instead of
# fourteen, a sixth of every uncached lookup. A place without a hits row (one
# geo.analyst added since the build) comes with NULLs and is read from places.
_BY_KEY = (
    "SELECT h.texts, h.latitude, h.longitude, h.population, n.place_id, n.alt"
    " FROM names n LEFT JOIN hits h ON h.place_id = n.place_id WHERE n.key = ?"
)
_BY_ROWID = f"SELECT {_COLUMNS}, ?2, 0, 0 FROM places p WHERE p.id = ?1"
_BY_LOOSE = (
    f"SELECT {_COLUMNS}, m.alt, 0, 1 FROM (SELECT place_id, MIN(alt) AS alt FROM ("
    "SELECT place_id, alt FROM names WHERE key = ?1 UNION ALL SELECT place_id, alt FROM loose_names WHERE key = ?1"
    ") GROUP BY place_id) m JOIN places p ON p.id = m.place_id"
)

# Both second tries at once, in one country: loose key ?1, transliteration key ?2, country ?3.
_BY_SECOND_IN = (
    f"SELECT {_COLUMNS}, m.alt, 0, 1 FROM (SELECT place_id, MIN(alt) AS alt FROM ("
    "SELECT place_id, alt FROM names WHERE key = ?1 UNION ALL SELECT place_id, alt FROM loose_names WHERE key = ?1"
    " UNION ALL SELECT place_id, alt FROM loose_names WHERE key = ?2"
    ") GROUP BY place_id) m JOIN places p ON p.id = m.place_id"
    " WHERE p.country_code = ?3"
)
# Transliteration keys live in loose_names only: an exact key elsewhere that
# happens to equal one ("guta", Hungarian for Kolárovo, from "Ghouta") is no match.
# They are stored only for places in geo.facts.TRANSLITERATED; a loose key
# elsewhere that equals one ("nu", Romania's Nou, against "No") is no match either.
_BY_TRANSLIT = (
    f"SELECT {_COLUMNS}, n.alt, 0, 1 FROM loose_names n JOIN places p ON p.id = n.place_id WHERE n.key = ?1"
    f" AND p.country_code IN ({','.join(repr(cc) for cc in sorted(TRANSLITERATED))})"
)
# Keys shorter than this get no second try: two or three letters, made
# forgiving, match words and initials ("No" -> "nu").
_SECOND_MIN_LETTERS = 4
_BOX = "SELECT south, west, north, east FROM extents WHERE place_id = ?"
_FUZZY_PLACES = (
    f"SELECT {_COLUMNS}, f.alt, ?2, 2 FROM fuzzy_places f JOIN places p ON p.id = f.place_id WHERE f.form_id = ?1"
)


def _fuzzy_forms_sql(n: int) -> str:
    """Forms of partition ?1 whose deletion hashes are among n others (one statement per n, cached by sqlite3)."""
    return (
        "SELECT DISTINCT f.id, f.form FROM fuzzy_deletes d JOIN fuzzy_forms f ON f.id = d.form_id "
        f"WHERE f.cc = ?1 AND d.h IN ({','.join('?' * n)})"
    )



# Entries per cache (keys -> places, queries -> ranked places). A Place is
# ~200 bytes and most keys match one to three, so a full cache is ~20-40 MB.
_CACHE_SIZE = 50_000
# Upper bound of the index's memory map (what exact lookups read: ~50 MB today).
_MMAP_BYTES = 256 * 1024 * 1024


@lru_cache(maxsize=_CACHE_SIZE)
def _query_key(text: str) -> str:
    return name_key(text)


@lru_cache(maxsize=4096)
def _unit_variants(name: str | None) -> frozenset[str]:
    """Keys an admin1 name may be compared by: as given, without level word or article, loose."""
    if not name:
        return frozenset()
    base, _ = split_level(name_key(name))
    keys = {base, strip_article(base)}
    return frozenset(keys | {loose_key(k) for k in keys} | {translit_key(k) for k in keys})


# Abbreviations written with full stops ("W.Va.", "Calif.") -> (country, unit name).
_ABBREVIATIONS = {name_key(a): unit for unit, abbrs in ABBREVIATIONS.items() for a in abbrs}
# Cities' initials with full stops ("L.A.") -> (country, city name).
_CITY_ABBREVIATIONS = {name_key(a): city for city, abbrs in CITY_ABBREVIATIONS.items() for a in abbrs}
# Abbreviations in capitals without full stops ("BC", "NSW"), as the query must spell them -> (country, unit name).
_CAPITAL_ABBREVIATIONS = {a: unit for unit, abbrs in CAPITAL_ABBREVIATIONS.items() for a in abbrs}


# Words news copy shortens in place names, and the other form of each.
_WORD_FORMS = {"st": "saint", "saint": "st", "mt": "mount", "mount": "mt", "ft": "fort", "fort": "ft"}


def _expanded(key: str) -> str:
    """The key with its short words long and its long ones short ("st kitts" -> "saint kitts")."""
    return " ".join(_WORD_FORMS.get(word, word) for word in key.split(" "))


def _level_rank(feature_code: str, wanted: str | None) -> int:
    """0 when the place is of the level the query asks for ("X province"), else 1 or more."""
    if feature_code == ADM2:
        level, default = ADM2, 1
    elif feature_code == ADM1:
        level, default = ADM1, 2
    else:
        level, default = (PPL if feature_code.startswith("PPL") else feature_code), 0
    if wanted is None:
        return default
    return 0 if level == wanted else 1 + default


def _is_unit(feature_code: str) -> bool:
    """A continent, country, first-level unit or region: what a bare "Texas", "China" or "Sahel" means before
    any hamlet."""
    return feature_code in (ADM1, "CONT") or feature_code.startswith("PCL") or feature_code in REGION_CODES


# How many powers of ten of population a feature code is worth. A capital
# outranks a city up to 100 times its size, a provincial seat one up to 10
# times; beyond that, size wins. A strict "any seat beats any town" order would
# send "Gaza" (410,000 people) to Gasa, a Bhutanese district seat of 548, and
# our seat codes are inferred (cities500 has none), so they should not weigh more.
_BONUS = {"PPLC": 2.0, "PPLA": 1.0, "PPLA2": 0.5, "PPLA3": 0.25, "PPLA4": 0.25}
# Units are weighed by the people of their member towns, less an offset, so
# the province's seat and namesake city keeps the name ("Idlib", "Aleppo",
# "Kharkiv") while a hamlet does not ("Texas", Mexico, 993 people, against
# Texas; "Ohio County" against Ohio). A country is worth 1,000 times its
# people: it beats any town of its name ("Mexico", "Kuwait", "Djibouti").
_UNIT_OFFSET = {ADM1: -1.0, ADM2: -1.5}
_COUNTRY_OFFSET = 3.0
# A region, sea, river, desert or range (geo.regions) has no people: it stands
# as a city of a million, so "Middle East" and "the Atlantic" are the region and
# the ocean rather than a hamlet of the name (Middle East, Virginia; Atlantic,
# Iowa), unless nearness says otherwise (an article about Iowa), while a
# larger city keeps its name.
_REGION_STANDING = 6.0
# A major airport (geo.regions.AIRPORTS) has no people either: it stands as a
# city of 100,000, so "Heathrow" is the airport rather than a hamlet of the
# name, while a city that shares a short name keeps it.
_AIRPORT_STANDING = 5.0
# A match through an alternate name only is worth a third of one through the
# place's own name: GeoNames' alternate names carry noise ("China" for
# Arcade, New York; "Missouri" for Bozeman), but exonyms are alternate names
# too ("Kiev" -> Kyiv, "Palmyra" -> Tadmur, 51,000 people, against Palmyra,
# Pennsylvania, 7,000), so the cost is small.
_ALT_PENALTY = 0.5
# Sources that outrank the rest on equal names: an analyst's correction, then custom places.
_SOURCE_RANK = {"analyst": 0, "custom": 1}
# Then places learned from event data (geo learn), but only in the `country`
# named: the events placed them there, so a learned village beats a town of
# its name elsewhere in that country ("Suran", Aleppo's, not Hama's), while
# without a country a learned name never takes a well-known one ("Tripoli").
_LEARNED_SOURCE, _LEARNED_RANK = "learned", 1.5
# Feature codes of a province's seat, which takes the province's standing when they share a name.
_SEATS = frozenset({"PPLC", "PPLA"})


# What a feature code adds to the powers of ten of population (_BONUS,
# _UNIT_OFFSET, _COUNTRY_OFFSET in one table: read once per candidate).
_CODE_OFFSET = {
    **_BONUS, **_UNIT_OFFSET, "CONT": _COUNTRY_OFFSET, **dict.fromkeys(REGION_CODES, _REGION_STANDING),
    AIRPORT_CODE: _AIRPORT_STANDING,
    **{code: _COUNTRY_OFFSET for code in ("PCL", "PCLD", "PCLF", "PCLH", "PCLI", "PCLIX", "PCLS")},
}


def _importance(feature_code: str, population: int, _log10=math.log10) -> float:
    """Larger is more important (see _BONUS and _UNIT_OFFSET)."""
    offset = _CODE_OFFSET.get(feature_code)
    if offset is None:
        offset = _COUNTRY_OFFSET if feature_code.startswith("PCL") else 0.0
    return _log10(population + 1) + offset


# Own names that another country's place may not take as an alternate name
# (see _rank): units, capitals and seats, and towns of this many people.
_WELL_KNOWN_POPULATION = 100_000
_WELL_KNOWN_CODES = frozenset({ADM1, "CONT", "PPLC", "PPLA"}) | REGION_CODES


def _well_known(hit: _Hit) -> bool:
    """A unit, a capital or seat, a region, or a town of _WELL_KNOWN_POPULATION: its own name is its own."""
    fc = hit[_FC]
    return fc in _WELL_KNOWN_CODES or fc.startswith("PCL") or hit[_POP] >= _WELL_KNOWN_POPULATION


def _first(hits: Sequence[_Hit], key) -> tuple[_Hit]:
    """The best hit alone: what sorting would put first (min keeps the first of equals, as a stable sort does)."""
    return (min(hits, key=key),)


def _in_order(hits: Sequence[_Hit], key) -> tuple[_Hit, ...]:
    return tuple(sorted(hits, key=key))


_UNITS = frozenset({ADM1, ADM2})


def _standing(hit: _Hit) -> float:
    """Its importance, less _ALT_PENALTY when it matched by an alternate name."""
    return _importance(hit[_FC], hit[_POP]) - (_ALT_PENALTY if hit[_ALT] else 0.0)


def _standings(hits: Sequence[_Hit]) -> dict[str, float]:
    """Each hit's `_standing`, by id."""
    return {h[_ID]: _standing(h) for h in hits}


def _km(a: Point, b: Point) -> float:
    """Great-circle distance in km (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _km_to_box(point: Point, box: Box) -> float:
    """Distance from a point to a box (0 inside it)."""
    south, west, north, east = box
    lat, lon = point
    if lon < west and east > 180:
        lon += 360
    inside_lon = west <= lon <= east
    lat_in = min(max(lat, south), north)
    if inside_lon:
        return _km(point, (lat_in, point[1])) if not south <= lat <= north else 0.0
    edge = west if (west - lon) % 360 <= (lon - east) % 360 else east
    return _km(point, (lat_in, edge))


# How much nearness to the `near` points weighs against standing: each
# tenfold distance beyond ~25 km costs what a 1,000-fold population earns, so a
# town of 10,000 next door (<5 km) beats a city of a million 300 km away, and a
# country's capital 2,000 km away still beats a hamlet of 1,000 at 100 km.
_NEAR_WEIGHT = 3.0


# Each `near` point beyond the first within this distance of a candidate adds
# _NEARBY_BONUS (up to _NEARBY_MAX of them): the nearest point alone lets one
# stray place in the article decide ("Richmond" in an article naming
# Louisville and Rockcastle County, Kentucky, and once New York City is not
# Staten Island's Richmond County), while several places around one
# candidate are what an analyst reads as the article's area.
_NEARBY_KM, _NEARBY_BONUS, _NEARBY_MAX = 200.0, 1.0, 3


def _km_each(hit: _Hit, box: Box | None, near: Sequence[Point]) -> list[float]:
    """Distance to each `near` point: from the place, or from a unit's box (0 inside it)."""
    if box is not None:
        return [_km_to_box(p, box) for p in near]
    here = (hit[_LAT], hit[_LON])
    return [_km(here, p) for p in near]


def _score(hit: _Hit, box: Box | None, standing: float, near: Sequence[Point]) -> float:
    """Standing, less what distance from the nearest `near` point costs, plus the bonus for more points nearby."""
    if not near:
        return standing
    distances = _km_each(hit, box, near)
    nearby = sum(d <= _NEARBY_KM for d in distances)
    bonus = _NEARBY_BONUS * min(max(nearby - 1, 0), _NEARBY_MAX)
    return standing - _NEAR_WEIGHT * math.log10(1 + min(distances) / 25) + bonus


# A first-level unit named after its seat means the seat ("Idlib", "Aleppo"),
# unless the article's other places (`near`) that lie in the unit are all
# farther than this from the seat: "Quebec" in an article naming Montreal (230
# km from Quebec City) is the province. Far enough that a province's towns
# around its seat keep the seat ("Aleppo" beside Manbij, 80 km; "Deir ez-Zor"
# beside Abu Kamal, 125 km).
_SEAT_REACH_KM = 200.0


def _unit_meant(seat: _Hit, box: Box | None, near: Sequence[Point]) -> bool:
    """Whether some `near` points lie in the unit's box, all beyond _SEAT_REACH_KM of its seat."""
    if box is None:
        return False
    inside = [p for p in near if _km_to_box(p, box) == 0.0]
    here = (seat[_LAT], seat[_LON])
    return bool(inside) and all(_km(here, p) > _SEAT_REACH_KM for p in inside)


def _has_box(feature_code: str) -> bool:
    """Whether places of this feature code have a box in the extents table."""
    return feature_code in (ADM1, ADM2, "CONT") or feature_code.startswith("PCL") or feature_code in REGION_CODES


# An exact match elsewhere of this standing or more (a town of 100,000, a
# capital of 1,000) keeps the fuzzy stage from running in the `country`
# named: "Paris" with country="SY" is Paris, not a Syrian village one letter off.
FUZZY_BLOCKING_STANDING = 5.0


# What a candidate in a first-level unit the article names (`admin1s`) gains:
# five powers of ten of population, so London, Ontario (350,000 people) beats
# London, England (a capital of 9 million) in an article that names Ontario,
# and Paris, Illinois (9,000) beats Paris, France in one that names Illinois,
# while distance from the article's other places still counts (3 per tenfold).
# Measured on GeoWebNews, TR-News and LGL (bench/geo_accuracy.py): 3 to 6 all
# help TR-News and LGL; 5 helps LGL most; above it, "Washington" in an article
# naming West Virginia starts to leave the capital.
_NAMED_UNIT_BONUS = 5.0
# A town that bears a country's, continent's or first-level unit's own name
# gains it only with this many people: "China" in an article naming Texas stays
# the country, not China, Texas (1,100 people), "Queensland" in one naming
# Alberta the Australian state, not a hamlet in Alberta, and "Washington" in
# one naming West Virginia is not Washington, West Virginia (1,200); while
# "Palestine" in local Texas news is Palestine, Texas (18,000). Measured on
# GeoWebNews, TR-News and LGL: counting first-level units too gained 4 and 3
# toponyms on the first two, none lost on LGL.
_NATION_NAMESAKE_POPULATION = 10_000


def _is_nation(hit: _Hit) -> bool:
    """A country, continent or first-level unit matched by its own name: "China" is the country in an article
    naming Texas, "Queensland" the state in one naming Alberta."""
    return not hit[_ALT] and (hit[_FC] in ("CONT", ADM1) or hit[_FC].startswith("PCL"))


def _units(admin1s: Iterable[str] | str | None) -> frozenset[str]:
    """The keys of the first-level units named (_unit_variants of each), hashable for the caches."""
    if not admin1s:
        return _NONE
    if isinstance(admin1s, str):  # one name, not its letters
        admin1s = (admin1s,)
    return frozenset().union(*(_unit_variants(name) for name in admin1s if name))


def _fuzzy_default() -> bool:
    """GEO_FUZZY=1 (or on/true/yes) switches the fuzzy stage on by default (see the module docstring)."""
    return os.environ.get("GEO_FUZZY", "").strip().lower() in ("1", "on", "true", "yes")


def _points(near: Point | Iterable[Point] | None) -> tuple[Point, ...]:
    """Accept one (lat, lon) pair or several."""
    if not near:
        return ()
    near = tuple(near)
    if len(near) == 2 and all(isinstance(v, (int, float)) for v in near):
        return ((float(near[0]), float(near[1])),)
    return tuple((float(lat), float(lon)) for lat, lon in near)


class Gazetteer:
    """Read-only lookups in the compiled index; safe to share between threads."""

    def __init__(self, path: Path | str | None = None, *, fuzzy: bool | None = None) -> None:
        """Open the index at `path` (default: GEO_DATA_DIR's); see `Gazetteer.open` to build it too.

        `fuzzy` is the default of the fuzzy stage for this gazetteer's lookups
        (None: off unless GEO_FUZZY=1); each lookup may override it.
        """
        self.path = Path(path) if path is not None else index_path()
        if not self.path.is_file():
            raise GazetteerMissing(f"no gazetteer index at {self.path}: run `python -m geo build`")
        try:
            # immutable: the build never changes a finished file, it replaces it,
            # so SQLite may skip locking; an open handle keeps reading the old file.
            self._con = sqlite3.connect(
                f"file:{quote(str(self.path))}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            meta = dict(self._con.execute("SELECT key, value FROM meta"))
            # The pages exact lookups read (the build writes them first) through a
            # memory map rather than read() calls: a tenth off every uncached
            # lookup. Touched pages count as resident, so the fuzzy tables,
            # behind them, are left to SQLite's small page cache.
            self._con.execute(f"PRAGMA mmap_size = {min(int(meta.get('exact_bytes') or 0), _MMAP_BYTES)}")
        except sqlite3.Error as exc:
            raise GazetteerMissing(f"{self.path} is not a gazetteer index ({exc}): run `python -m geo build`") from None
        if meta.get("format_version") != str(FORMAT_VERSION):
            self._con.close()
            raise GazetteerMissing(
                f"{self.path} has index format {meta.get('format_version')}, this code reads "
                f"{FORMAT_VERSION}: run `python -m geo build`"
            )
        self.built_at = meta.get("built_at")
        self.fuzzy = _fuzzy_default() if fuzzy is None else bool(fuzzy)
        self._country_names: dict[str, str] = json.loads(meta.get("country_names", "{}"))
        self._lock = threading.Lock()
        self._cursor = self._con.cursor()
        self._exact = lru_cache(maxsize=_CACHE_SIZE)(self._fetch_exact)
        self._loose = lru_cache(maxsize=_CACHE_SIZE)(self._fetch_loose)
        self._second_in = lru_cache(maxsize=_CACHE_SIZE)(self._fetch_second_in)
        self._translit = lru_cache(maxsize=_CACHE_SIZE)(self._fetch_translit)
        self._fuzzy = lru_cache(maxsize=_CACHE_SIZE)(self._fetch_fuzzy)
        self._box = lru_cache(maxsize=_CACHE_SIZE)(self._fetch_box)
        self._ranked_cached = lru_cache(maxsize=_CACHE_SIZE)(self._rank)
        self._answer = lru_cache(maxsize=_CACHE_SIZE)(self._best)

    @classmethod
    def open(cls, *, progress: Progress | None = None, fuzzy: bool | None = None) -> "Gazetteer":
        """Build the index if it is missing or stale, then open it."""
        return cls(ensure_built(progress=progress), fuzzy=fuzzy)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "Gazetteer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- raw access, cached per key ---

    def _rows(self, sql: str, args: tuple) -> tuple[_Hit, ...]:
        with self._lock:  # one cursor, reused: cheaper than one per query
            return tuple(self._cursor.execute(sql, args).fetchall())

    def _fetch_exact(self, key: str) -> tuple[_Hit, ...]:
        with self._lock:  # what _rows does, without one call: every uncached lookup comes here
            rows = self._cursor.execute(_BY_KEY, (key,)).fetchall()
        if not rows:
            return ()
        hits = []
        for texts, lat, lon, population, rowid, alt in rows:
            if texts is None:  # added by geo.analyst after the build
                hits += self._rows(_BY_ROWID, (rowid, alt))
                continue
            ref, name, cc, a1, a2, fc, source = texts.split(HIT_SEPARATOR)
            hits.append((ref, name, lat, lon, None if cc == HIT_NULL else cc, None if a1 == HIT_NULL else a1,
                         None if a2 == HIT_NULL else a2, fc, population, source, rowid, alt, 0, 0))
        return tuple(hits)

    def _fetch_loose(self, key: str) -> tuple[_Hit, ...]:
        return self._rows(_BY_LOOSE, (key,))

    def _fetch_translit(self, key: str) -> tuple[_Hit, ...]:
        return self._rows(_BY_TRANSLIT, (key,))

    def _fetch_second_in(self, loose: str, translit: str, country: str) -> tuple[_Hit, ...]:
        # no transliteration keys are stored for places elsewhere
        return self._rows(_BY_SECOND_IN, (loose, translit if country in TRANSLITERATED else "", country))

    def _place(self, hit: _Hit) -> Place:
        """The Place of a hit (made on demand: most hits are only ranked, never returned)."""
        cc = hit[_CC]
        return _new_place(hit, self._country_names.get(cc) if cc else None)

    def _fetch_box(self, rowid: int) -> Box | None:
        with self._lock:
            row = self._con.execute(_BOX, (rowid,)).fetchone()
        return row

    def _fetch_fuzzy(self, key: str, partition: str) -> tuple[_Hit, ...]:
        """Places of `partition` (a country code, or "" for well-known ones) a bounded number of edits from `key`.

        The nearest form wins: places one edit away hide those two away.
        """
        # Transliteration forms are short and merge much ("Sunday" and "Saudi"
        # are one edit apart): among the well-known places of every country,
        # whose names are mostly spelt one way, only loose forms are compared.
        forms = {fuzzy_form(key, transliterated=partition in TRANSLITERATED)}
        found: dict[int, int] = {}  # form id -> edits
        for form in forms:
            bound = fuzzy_bound(form)
            if not bound:
                continue
            hashes = [fuzzy_hash(partition, d) for d in deletions(form)]
            with self._lock:
                rows = self._con.execute(_fuzzy_forms_sql(len(hashes)), (partition, *hashes)).fetchall()
            for fid, other in rows:
                edits = fuzzy_edits(form, other)
                if edits and edits < found.get(fid, 3):
                    found[fid] = edits
        if not found:
            return ()
        best = min(found.values())
        hits: dict[int, _Hit] = {}
        for fid, edits in found.items():
            if edits == best:
                for hit in self._rows(_FUZZY_PLACES, (fid, edits)):
                    old = hits.get(hit[_ROWID])
                    if old is None or (old[_ALT] and not hit[_ALT]):
                        hits[hit[_ROWID]] = hit
        return tuple(hits.values())

    # --- ranking ---

    def _ranked(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
        fuzzy: bool | None = None,
        admin1s: Iterable[str] | None = None,
    ) -> tuple[Place, ...]:
        """All matches, best first; cached per (query, context)."""
        place = self._place
        return tuple(place(h) for h in self._ranked_hits(
            query, country=country, admin1=admin1, near=near, fuzzy=fuzzy, admin1s=admin1s))

    def _ranked_hits(
        self, query, *, country=None, admin1=None, near=None, fuzzy=None, admin1s=None
    ) -> tuple[_Hit, ...]:
        return self._ranked_cached(
            query or "", self._country_code(country) if country else None, admin1 or None,
            _points(near) if near else (), self.fuzzy if fuzzy is None else bool(fuzzy), False,
            _units(admin1s),
        )

    def _matches(
        self, query: str, country: str | None = None, fuzzy: bool = False
    ) -> tuple[tuple[_Hit, ...], str | None, frozenset[str]]:
        """Every place the query's keys match, the level it asks for, and the ids matched by abbreviation.

        "Tadmur/Palmyra" (two names of one place) matches what either name
        matches, when the whole matches nothing.
        """
        if "/" in query:
            found = self._matches_one(query, country, fuzzy)
            parts = [part for part in query.split("/") if part.strip()]
            if found[0] or len(parts) < 2:
                return found
            hits: dict[str, _Hit] = {}
            wanted, strong = None, frozenset()
            for part in parts:
                part_hits, part_wanted, part_strong = self._matches_one(part, country, fuzzy)
                for hit in part_hits:
                    old = hits.get(hit[_ID])
                    if old is None or (old[_EDITS], old[_ALT]) > (hit[_EDITS], hit[_ALT]):
                        hits[hit[_ID]] = hit
                wanted, strong = wanted or part_wanted, strong | part_strong
            return tuple(hits.values()), wanted, strong
        return self._matches_one(query, country, fuzzy)

    def _matches_one(
        self, query: str, country: str | None, fuzzy: bool = False
    ) -> tuple[tuple[_Hit, ...], str | None, frozenset[str]]:
        key = _query_key(query)
        if not key or key in ARTICLES:  # "Al" of "Al Shabaab" is not Norway's Ål (is_article, inlined)
            return (), None, _NONE
        # A key of one word has no level word ("X province") and no "the ".
        base, wanted = split_level(key) if " " in key else (key, None)
        if (base == key and not key.startswith("the ") and "." not in query and len(query) > 2
                and query not in _CAPITAL_ABBREVIATIONS):
            # The common case, one form and nothing special: no merging needed.
            hits = self._exact(key)
            if hits and (not country or any(h[_CC] == country for h in hits)):
                return hits, None, _NONE
        forms = {key, base}
        forms |= {f[4:] for f in forms if f.startswith("the ") and len(f) > 4}
        found: dict[str, _Hit] = {}

        def add(hits: Iterable[_Hit], keep=lambda hit: True) -> None:
            for hit in hits:
                if keep(hit):
                    old = found.get(hit[_ID])
                    if old is None or (old[_ALT] and not hit[_ALT]):
                        found[hit[_ID]] = hit

        for form in forms:
            add(self._exact(form))
        if wanted:
            # A unit whose own name holds the level word asks for that unit, whatever the word says:
            # "District of Columbia" is D.C., not a Columbia County.
            # ("Mexico City" has the city of that name too: it stays a city.)
            whole = [h[_FC] for h in self._exact(key) if not h[_ALT]]
            if not any(_level_rank(fc, wanted) == 0 for fc in whole):
                wanted = next((fc for fc in whole if fc in _UNITS), wanted)
        # Second try, forgiving spellings: when nothing matched, or nothing of the
        # level the query asked for ("Raqqa province" vs the unit "Ar-Raqqah"),
        # or nothing in the country the caller named (then only places there).
        second = [f for f in forms if len(f) - f.count(" ") >= _SECOND_MIN_LETTERS]
        if not found and " " in key:
            # Short and long forms of a name's first words ("St. Kitts" for Saint Kitts, "Mt." for Mount).
            for form in {_expanded(f) for f in forms} - forms:
                add(self._exact(form))
        if not found or (wanted and all(_level_rank(h[_FC], wanted) for h in found.values())):
            for form in {loose_key(f) for f in second}:
                add(self._loose(form))
            for form in {translit_key(f) for f in second}:
                add(self._translit(form))
        elif country and all(h[_CC] != country for h in found.values()):
            for form in second:
                add(self._second_in(loose_key(form), translit_key(form), country))
        if country in TRANSLITERATED and all(h[_CC] != country for h in found.values()):
            # Last, still nothing in the country named: its first vowel ("Arbin" for ‘Irbīn, Syria),
            # only there (see geo.normalize.first_vowel_variant).
            for variant in {first_vowel_variant(translit_key(f)) for f in second} - {None}:
                add(self._second_in("", variant, country))
        if wanted in (ADM1, ADM2) and all(_level_rank(h[_FC], wanted) for h in found.values()):
            add(self._units_seated_in(list(found.values()), wanted))
        code = query.strip()
        if len(code) == 2 and code.isupper() and code in self._country_names:
            add(self._exact(name_key(self._country_names[code])), lambda hit: hit[_SRC] == "country"
                and hit[_CC] == code)  # "SY", "US": codes only in capitals
        strong: frozenset[str] = frozenset()
        unit = _ABBREVIATIONS.get(key) if "." in query else _CAPITAL_ABBREVIATIONS.get(code)
        if unit is not None:  # "W.Va.", "Calif.", "BC"
            cc, name = unit
            hits = [h for h in self._exact(name_key(name)) if h[_FC] == ADM1 and h[_CC] == cc]
            add(hits)
            strong = frozenset(h[_ID] for h in hits)
        city = _CITY_ABBREVIATIONS.get(key) if "." in query else None
        if city is not None:  # "L.A.": the most populous town of that own name in that country
            cc, name = city
            hits = [h for h in self._exact(name_key(name)) if h[_FC].startswith("PPL") and h[_CC] == cc and not h[_ALT]]
            hits = sorted(hits, key=lambda h: -h[_POP])[:1]
            add(hits)
            strong = frozenset(h[_ID] for h in hits)
        # Third try, fuzzy: only when nothing of similar standing was found (see the module docstring).
        if fuzzy and (not found or country and not any(h[_CC] == country for h in found.values())
                      and max(map(_standing, found.values())) < FUZZY_BLOCKING_STANDING):
            for form in forms:
                add(self._fuzzy(form, country or ""))
        return tuple(found.values()), wanted, strong

    def _rank(
        self, query: str, country: str | None, admin1: str | None, points: tuple[Point, ...], fuzzy: bool = False,
        first: bool = False, units: frozenset[str] = _NONE,
    ) -> tuple[_Hit, ...]:
        """The hits, best first; with `first`, only the best (what `geocode` needs: no sorting of the rest).

        `units`: the keys (_unit_variants) of the first-level units the article names (`admin1s`).
        """
        hits, wanted, strong = (self._matches if "/" in query else self._matches_one)(query, country, fuzzy)
        if len(hits) < 2:
            return hits
        order = _first if first else _in_order
        wanted_admin1 = _unit_variants(admin1) if admin1 else None
        standing = _standings(hits)
        if points:
            box = self._box
            score = {
                h[_ID]: _score(h, box(h[_ROWID]) if _has_box(h[_FC]) else None, standing[h[_ID]], points)
                for h in hits
            }
        else:
            score = standing  # the same numbers: one dict serves (a third of the time of a ranking)
        # A unit named after its seat means the seat when nothing says which
        # ("Idlib", "Kirkuk"), however many people its other towns hold; a
        # district loses to any town of its name in the same province, which
        # is its seat whether or not GeoNames says so ("Maarrat al-Nu'man").
        # Unless the article's places lie in the province and all far from
        # the seat (_unit_meant: "Quebec" beside Montreal is the province).
        for unit in [h for h in hits if h[_FC] in _UNITS]:
            for p in hits:
                if not p[_FC].startswith("PPL") or p[_CC] != unit[_CC]:
                    continue
                if (p[_A1] == unit[_NAME] and p[_FC] in _SEATS) if unit[_FC] == ADM1 else p[_A1] == unit[_A1]:
                    if points and unit[_FC] == ADM1 and _unit_meant(p, self._box(unit[_ROWID]), points):
                        continue
                    standing[p[_ID]] = max(standing[p[_ID]], standing[unit[_ID]] + 0.01)
                    if score is not standing:
                        score[p[_ID]] = max(score[p[_ID]], score[unit[_ID]] + 0.01)
        if units:  # a candidate in a unit the article names (_NAMED_UNIT_BONUS)
            score = dict(score) if score is standing else score
            least = _NATION_NAMESAKE_POPULATION if any(map(_is_nation, hits)) else 0
            for h in hits:
                if h[_A1] and h[_POP] >= least and not units.isdisjoint(_unit_variants(h[_A1])):
                    score[h[_ID]] += _NAMED_UNIT_BONUS
        if score is not standing and any(not h[_ALT] for h in hits):
            # context (nearness, a named unit) lifts a place matched only by an alternate name no higher than
            # its standing while others bear the name as their own
            for h in hits:
                if h[_ALT] and not _well_known(h) and score[h[_ID]] > standing[h[_ID]]:
                    score[h[_ID]] = standing[h[_ID]]
        # A town that bears a country's or province's own name only as an
        # alternate name ranks below that unit, whatever the context, unless it
        # outweighs it ("New York" the city, an alternate name of New York City):
        # `floor` is the best standing of a unit matched by its own name.
        # A name that is a well-known place's own name and only an alternate
        # (often former) name of a place in another country means the former:
        # "Edo" is Nigeria's state, not Tokyo. Within one country the
        # alternate may win on standing ("Kiev" the city over the oblast):
        # `owners` are the countries of such well-known places.
        floor = None
        owners = set()
        for h in hits:  # one pass for both (the hot path ranks many names)
            if h[_ALT]:
                continue
            fc = h[_FC]
            if _is_unit(fc) and (floor is None or standing[h[_ID]] > floor):
                floor = standing[h[_ID]]
            if not h[_EDITS] and _well_known(h):
                owners.add(h[_CC])
            elif not h[_EDITS] and fc == "PPLA2" and any(
                    u[_FC] == ADM2 and u[_CC] == h[_CC] and not u[_ALT] and not u[_EDITS] for u in hits):
                # A district's seat bearing the district's name as its own is as well known: "Ariha" is Idlib's
                # district and its town, not Jericho, which GeoNames also calls so (the seat, with no population
                # given, would lose on standing).
                owners.add(h[_CC])
        context = strong or wanted or country or wanted_admin1
        whole = _query_key(query) if wanted else None

        if context is None and floor is None and not owners:  # nothing but the names: the same order, sooner
            return order(hits, lambda h: (h[_EDITS], _SOURCE_RANK.get(h[_SRC], 2), -score[h[_ID]], h[_ID]))

        def rank(h: _Hit) -> tuple:
            pid = h[_ID]
            custom = _SOURCE_RANK.get(h[_SRC], 2)  # an analyst's correction first
            if h[_SRC] == _LEARNED_SOURCE and h[_CC] == country:
                custom = _LEARNED_RANK
            demoted = floor is not None and h[_ALT] and not _is_unit(h[_FC]) and standing[pid] < floor
            yields = bool(owners) and h[_ALT] and h[_CC] not in owners
            if context is None:
                return demoted, yields, h[_EDITS], custom, -score[pid], pid
            return (
                pid not in strong,
                _level_rank(h[_FC], wanted) if wanted else 0,
                # with a level word, a place whose own name is the whole query first: "Madison County"
                # is a Madison County before it is Madison Parish
                wanted is not None and _query_key(h[_NAME]) != whole,
                demoted,
                country is not None and h[_CC] != country,
                yields,
                h[_EDITS],  # exact before fuzzy, one edit before two
                custom,
                # (or the town's second-level unit: "San Rafael, Bulacan" is the San Rafael of Bulacan, a
                # Philippine province in the region of Central Luzon; a district is not inside itself)
                wanted_admin1 is not None and wanted_admin1.isdisjoint(_unit_variants(h[_A1]))
                and not (h[_FC].startswith("PPL") and not wanted_admin1.isdisjoint(_unit_variants(h[_A2]))),
                -score[pid],
                pid,
            )

        return order(hits, rank)

    def _units_seated_in(self, hits: Iterable[_Hit], level: str) -> list[_Hit]:
        """Units of `level` whose seat is among `places`.

        "Sweida governorate" finds only the city (spelled "Sweida" by GeoNames,
        "As-Suwayda" for the unit); a province is named after its seat, so
        the seat's own province is the one meant.
        """
        seat_code, unit_of = ("PPLA", _A1) if level == ADM1 else ("PPLA2", _A2)
        units = []
        for hit in hits:
            unit_name = hit[unit_of]
            if hit[_FC] in (seat_code, "PPLC") and unit_name:
                units += [u for u in self._exact(name_key(unit_name)) if u[_FC] == level and u[_CC] == hit[_CC]]
        return units

    def _country_code(self, country: str | None) -> str | None:
        if not country:
            return None
        if len(country) == 2 and country.upper() in self._country_names:
            return country.upper()
        place = self.country(country)
        return place.country_code if place else country.upper()

    # --- public lookups ---

    def geocode(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
        fuzzy: bool | None = None,
        admin1s: Iterable[str] | None = None,
    ) -> Place | None:
        """The best place for `query`, or None.

        `country` (ISO alpha-2 or name), `admin1` (province name) and `near`
        (one or more (lat, lon) points, e.g. places already found in the same
        article) only rank the candidates; they never exclude one. `admin1s`:
        every first-level unit the article names ("Ontario", "Kentucky"); a
        candidate in one of them gains what a city 100,000 times its size has
        (_NAMED_UNIT_BONUS), so "London" in an article naming Ontario is
        London, Ontario, unless nearness says otherwise. `fuzzy` switches the
        fuzzy stage on or off for this lookup (default: `self.fuzzy`).
        """
        return self._answer(  # what _ranked_hits does, without one call: this is the hot path
            query or "", self._country_code(country) if country else None, admin1 or None,
            _points(near) if near else (), self.fuzzy if fuzzy is None else bool(fuzzy),
            _units(admin1s),
        )

    def _best(self, query, country, admin1, points, fuzzy, units) -> Place | None:
        """The first of `_rank(...)` as a Place, cached (in `_answer`): a repeated query costs one cache hit."""
        ranked = self._rank(query, country, admin1, points, fuzzy, True, units)
        return self._place(ranked[0]) if ranked else None

    def match(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
        fuzzy: bool | None = None,
        admin1s: Iterable[str] | None = None,
    ) -> Match | None:
        """Like `geocode`, with the stage that found the place and the edits between the names (fuzzy only)."""
        ranked = self._ranked_hits(
            query, country=country, admin1=admin1, near=near, fuzzy=fuzzy, admin1s=admin1s)
        return Match(self._place(ranked[0]), _STAGES[ranked[0][_STAGE]], ranked[0][_EDITS]) if ranked else None

    def candidates(
        self,
        query: str,
        *,
        limit: int = 10,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
        fuzzy: bool | None = None,
        admin1s: Iterable[str] | None = None,
    ) -> list[Place]:
        """Up to `limit` places for `query`, best first (same ranking as `geocode`)."""
        return list(self._ranked(
            query, country=country, admin1=admin1, near=near, fuzzy=fuzzy, admin1s=admin1s)[:limit])

    def country(self, code_or_name: str) -> Place | None:
        """The country for an ISO alpha-2 code ("SY", any case) or a name ("Syria")."""
        text = (code_or_name or "").strip()
        if len(text) == 2 and text.upper() in self._country_names:
            code, key = text.upper(), name_key(self._country_names[text.upper()])
        else:
            code, key = None, _query_key(text)
        for hit in self._exact(key) if key else ():
            if hit[_SRC] == "country" and (code is None or hit[_CC] == code):
                return self._place(hit)
        return None

    def admin1(self, name: str, *, country: str | None = None) -> Place | None:
        """The first-level unit (province, governorate, oblast...) called `name`, or None."""
        key = _query_key(name or "")
        base, _ = split_level(key)
        ranked = [
            p for p in self._ranked(f"{base} province" if base else "", country=country)
            if p.feature_code == ADM1
        ]
        return ranked[0] if ranked else None


class OfflineGeocoder:
    """A geopy-style geocoder on the offline gazetteer: drop-in for geopy code.

    >>> OfflineGeocoder().geocode("Idlib").point   # doctest: +SKIP
    Point(35.93062, 36.63393, 0.0)
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, fuzzy: bool | None = True) -> None:
        """`fuzzy`: True (an explicit lookup may be misspelt), False, or None for the gazetteer's default."""
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.open()
        self.fuzzy = fuzzy

    def geocode(self, query, exactly_one: bool = True, *, country_codes=None, **kwargs):
        """Like geopy's `geocode`: a Location, a list of them, or None.

        `query` may be a string or geopy's structured dict (city/county/state/
        country keys). `country_codes` (one code or a list) restricts the
        results, as it does for Nominatim; `limit` is honoured when
        `exactly_one` is False; geopy's network options (timeout...) are ignored.
        """
        from geopy.location import Location  # only users of this adapter need geopy

        admin1 = country = None
        if isinstance(query, dict):
            admin1, country = query.get("state"), query.get("country")
            query = query.get("city") or query.get("county") or query.get("state") or country or ""
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        codes = {c.upper() for c in country_codes or ()}
        ranked = self.gazetteer._ranked(
            str(query), country=country or (next(iter(codes)) if len(codes) == 1 else None), admin1=admin1,
            fuzzy=self.fuzzy,
        )
        if codes:
            ranked = tuple(p for p in ranked if p.country_code in codes)
        if not ranked:
            return None
        limit = kwargs.get("limit")
        locations = [
            Location(
                ", ".join(dict.fromkeys(x for x in (p.name, p.admin2, p.admin1, p.country) if x)),
                (p.latitude, p.longitude),
                p.as_dict(),
            )
            for p in (ranked[:1] if exactly_one else ranked[:limit] if limit else ranked)
        ]
        return locations[0] if exactly_one else locations
