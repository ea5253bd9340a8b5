"""Offline place lookup: a name (and what the article says around it) -> a Place.

Opens the index that geo.build compiled; opening is one file open and one
small query, so a dashboard or a CLI call starts in milliseconds. Matching is
by key equality (see geo.normalize); when several places share a key, the
ranking below decides, and "not found" is None, never an exception.

Ranking, strongest first:
  1. the level a word in the query asks for ("Idlib province" -> ADM1,
     "X district" -> ADM2, "the town of X" -> a populated place), then custom
     places (analysts know better). Without such a word: custom places
     first, then a populated place or a country beats an admin unit of the
     same name, and a district beats a province.
  2. in the `country` given (ISO alpha-2 or a country name)
  3. in the `admin1` given
  4. near the `near` points, by distance band (25 / 100 / 500 km), so a
     bigger town a little farther still beats a hamlet next door
  5. importance: countries first, then log10(population) plus a bonus for
     capitals (PPLC, +2) and admin seats (PPLA +1, PPLA2 +0.5...): a capital
     beats any town up to 100 times its size, a seat one up to 10 times.
"""
from __future__ import annotations

import json
import math
import sqlite3
import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import quote

from geo.build import (
    FORMAT_VERSION,
    GazetteerMissing,
    Progress,
    ensure_built,
    index_path,
)
from geo.normalize import ADM1, ADM2, PPL, loose_key, name_key, split_level, strip_article

__all__ = ["Gazetteer", "OfflineGeocoder", "Place"]


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
        """ACLED geo precision: 1 a named place, 2 a district, 3 a province or country."""
        if self.feature_code == ADM2:
            return 2
        if self.feature_code == ADM1 or self.feature_code.startswith("PCL"):
            return 3
        return 1

    def as_dict(self) -> dict[str, Any]:
        """The fields plus `precision`, for JSON and geopy's `raw`."""
        return {**asdict(self), "precision": self.precision}


Point = tuple[float, float]

_COLUMNS = (
    "p.id, p.name, p.latitude, p.longitude, p.country_code, p.admin1, p.admin2, "
    "p.feature_code, p.population, p.source, p.source_id"
)
_BY_KEY = f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?"
_BY_LOOSE = (
    f"SELECT {_COLUMNS} FROM places p WHERE p.id IN "
    "(SELECT place_id FROM names WHERE key = ?1 UNION SELECT place_id FROM loose_names WHERE key = ?1)"
)

# Entries per cache (keys -> places, queries -> ranked places). A Place is
# ~200 bytes and most keys match one to three, so a full cache is ~20-40 MB.
_CACHE_SIZE = 50_000


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
    return frozenset(keys | {loose_key(k) for k in keys})


def _level_rank(feature_code: str, wanted: str | None) -> int:
    if feature_code == ADM2:
        level, default = ADM2, 1
    elif feature_code == ADM1:
        level, default = ADM1, 2
    else:
        level, default = (PPL if feature_code.startswith("PPL") else feature_code), 0
    if wanted is None:
        return default
    return 0 if level == wanted else 1 + default


# How many powers of ten of population a feature code is worth. A capital
# outranks a city up to 100 times its size, a provincial seat one up to 10
# times; beyond that, size wins. A strict "any seat beats any town" order would
# send "Gaza" (410,000 people) to Gasa, a Bhutanese district seat of 548, and
# our seat codes are inferred (cities500 has none), so they should not weigh more.
_BONUS = {"PPLC": 2.0, "PPLA": 1.0, "PPLA2": 0.5, "PPLA3": 0.25, "PPLA4": 0.25}


def _importance(place: Place) -> float:
    """Larger is more important; countries above everything."""
    if place.feature_code.startswith("PCL"):
        return 100.0
    return math.log10(place.population + 1) + _BONUS.get(place.feature_code, 0.0)


def _km(a: Point, b: Point) -> float:
    """Great-circle distance in km (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _distance_band(place: Place, near: Sequence[Point]) -> int:
    if not near:
        return 0
    km = min(_km((place.latitude, place.longitude), p) for p in near)
    return 0 if km <= 25 else 1 if km <= 100 else 2 if km <= 500 else 3


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

    def __init__(self, path: Path | str | None = None) -> None:
        """Open the index at `path` (default: GEO_DATA_DIR's); see `Gazetteer.open` to build it too."""
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
        except sqlite3.Error as exc:
            raise GazetteerMissing(f"{self.path} is not a gazetteer index ({exc}): run `python -m geo build`") from None
        if meta.get("format_version") != str(FORMAT_VERSION):
            self._con.close()
            raise GazetteerMissing(
                f"{self.path} has index format {meta.get('format_version')}, this code reads "
                f"{FORMAT_VERSION}: run `python -m geo build`"
            )
        self.built_at = meta.get("built_at")
        self._country_names: dict[str, str] = json.loads(meta.get("country_names", "{}"))
        self._lock = threading.Lock()
        self._exact = lru_cache(maxsize=_CACHE_SIZE)(self._fetch_exact)
        self._loose = lru_cache(maxsize=_CACHE_SIZE)(self._fetch_loose)
        self._ranked_cached = lru_cache(maxsize=_CACHE_SIZE)(self._rank)

    @classmethod
    def open(cls, *, progress: Progress | None = None) -> "Gazetteer":
        """Build the index if it is missing or stale, then open it."""
        return cls(ensure_built(progress=progress))

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "Gazetteer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- raw access, cached per key ---

    def _rows(self, sql: str, key: str) -> tuple[Place, ...]:
        with self._lock:
            rows = self._con.execute(sql, (key,)).fetchall()
        return tuple(
            Place(
                id=f"{source}:{source_id}", name=name, latitude=lat, longitude=lon,
                country_code=cc, country=self._country_names.get(cc) if cc else None,
                admin1=a1, admin2=a2, feature_code=fc, population=pop, source=source,
            )
            for _, name, lat, lon, cc, a1, a2, fc, pop, source, source_id in rows
        )

    def _fetch_exact(self, key: str) -> tuple[Place, ...]:
        return self._rows(_BY_KEY, key)

    def _fetch_loose(self, key: str) -> tuple[Place, ...]:
        return self._rows(_BY_LOOSE, key)

    # --- ranking ---

    def _ranked(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
    ) -> tuple[Place, ...]:
        """All matches, best first; cached per (query, context)."""
        return self._ranked_cached(query or "", country or None, admin1 or None, _points(near))

    def _matches(self, query: str) -> tuple[tuple[Place, ...], str | None]:
        """Every place the query's keys match, and the level it asks for."""
        key = _query_key(query)
        if not key:
            return (), None
        base, wanted = split_level(key)
        forms = {key, base}
        forms |= {f[4:] for f in forms if f.startswith("the ") and len(f) > 4}
        found: dict[str, Place] = {}
        for form in forms:
            for place in self._exact(form):
                found.setdefault(place.id, place)
        # Second try, forgiving spellings: when nothing matched, or nothing of the
        # level the query asked for ("Raqqa province" vs the unit "Ar-Raqqah").
        if not found or (wanted and all(_level_rank(p.feature_code, wanted) for p in found.values())):
            for form in {loose_key(f) for f in forms}:
                for place in self._loose(form):
                    found.setdefault(place.id, place)
        if wanted in (ADM1, ADM2) and all(_level_rank(p.feature_code, wanted) for p in found.values()):
            for unit in self._units_seated_in(found.values(), wanted):
                found.setdefault(unit.id, unit)
        code = query.strip()
        if len(code) == 2 and code.isupper() and code in self._country_names:
            place = self.country(code)  # "SY", "US": codes only in capitals
            if place is not None:
                found.setdefault(place.id, place)
        return tuple(found.values()), wanted

    def _rank(
        self, query: str, country: str | None, admin1: str | None, points: tuple[Point, ...]
    ) -> tuple[Place, ...]:
        found, wanted = self._matches(query)
        if len(found) < 2:
            return found
        wanted_country = self._country_code(country)
        wanted_admin1 = _unit_variants(admin1) if admin1 else None

        def rank(p: Place) -> tuple:
            custom = p.source != "custom"
            level = _level_rank(p.feature_code, wanted)
            return (
                *((level, custom) if wanted else (custom, level)),
                wanted_country is not None and p.country_code != wanted_country,
                wanted_admin1 is not None and wanted_admin1.isdisjoint(_unit_variants(p.admin1)),
                _distance_band(p, points),
                -_importance(p),
                p.id,
            )

        return tuple(sorted(found, key=rank))

    def _units_seated_in(self, places: Iterable[Place], level: str) -> list[Place]:
        """Units of `level` whose seat is among `places`.

        "Sweida governorate" finds only the city (spelled "Sweida" by GeoNames,
        "As-Suwayda" for the unit); a province is named after its seat, so
        the seat's own province is the one meant.
        """
        seat_code, unit_of = ("PPLA", "admin1") if level == ADM1 else ("PPLA2", "admin2")
        units = []
        for place in places:
            unit_name = getattr(place, unit_of)
            if place.feature_code in (seat_code, "PPLC") and unit_name:
                units += [
                    u for u in self._exact(name_key(unit_name))
                    if u.feature_code == level and u.country_code == place.country_code
                ]
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
    ) -> Place | None:
        """The best place for `query`, or None.

        `country` (ISO alpha-2 or name), `admin1` (province name) and `near`
        (one or more (lat, lon) points, e.g. places already found in the same
        article) only rank the candidates; they never exclude one.
        """
        ranked = self._ranked(query, country=country, admin1=admin1, near=near)
        return ranked[0] if ranked else None

    def candidates(
        self,
        query: str,
        *,
        limit: int = 10,
        country: str | None = None,
        admin1: str | None = None,
        near: Point | Iterable[Point] | None = None,
    ) -> list[Place]:
        """Up to `limit` places for `query`, best first (same ranking as `geocode`)."""
        return list(self._ranked(query, country=country, admin1=admin1, near=near)[:limit])

    def country(self, code_or_name: str) -> Place | None:
        """The country for an ISO alpha-2 code ("SY", any case) or a name ("Syria")."""
        text = (code_or_name or "").strip()
        if len(text) == 2 and text.upper() in self._country_names:
            code, key = text.upper(), name_key(self._country_names[text.upper()])
        else:
            code, key = None, _query_key(text)
        for place in self._exact(key) if key else ():
            if place.source == "country" and (code is None or place.country_code == code):
                return place
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

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.open()

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
            str(query), country=country or (next(iter(codes)) if len(codes) == 1 else None), admin1=admin1
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
