"""Importing coded event datasets into the store: ACLED exports and UCDP GED CSVs.

Each dataset row becomes one incident, stored under a pseudo-article keyed on the
dataset and the row's id (the sha256 of "acled:<event_id_cnty>" or "ucdp:<id>"),
so importing the same file again adds nothing. Rows are written in batches, one
transaction each. A row that cannot be read (no date, bad coordinates, an event
type ACLED does not have ...) is reported with its file and line, counted and
skipped; the rest is still imported.

ACLED rows keep their coding as it is (confidence 1.0); UCDP GED rows are mapped
onto ACLED's taxonomy: type_of_violence 1 (state-based) and 2 (non-state) are
Battles / Armed clash, 3 (one-sided) Violence against civilians / Attack, which
is coarser than UCDP's own coding (confidence 0.9).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from geo.layers import sniff_csv_encoding
from incidents.errors import IncidentsError
from incidents.record import EVENT_TYPES, SUB_EVENT_TO_TYPE, Incident

ACLED = "acled"
UCDP = "ucdp"
FORMAT_NAMES = {ACLED: "ACLED", UCDP: "UCDP GED"}

# Columns a header must have to be read as each format (lower case).
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "country", "latitude", "longitude")
UCDP_REQUIRED = ("id", "date_start", "type_of_violence", "side_a", "side_b", "country", "latitude", "longitude")

ACLED_CONFIDENCE = 1.0
UCDP_CONFIDENCE = 0.9
BATCH_SIZE = 1000

Progress = Callable[[int, str], None]


class DatasetError(IncidentsError):
    """The file cannot be imported at all (missing, unreadable, not a known dataset)."""


class RowError(ValueError):
    """One row cannot be imported."""


@dataclass
class ImportSummary:
    format: str = ""
    rows_read: int = 0
    incidents_stored: int = 0
    skipped: int = 0          # rows already in the store (or repeated in the file)
    failed: int = 0           # rows that could not be read
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.rows_read} rows read, {self.incidents_stored} incidents stored, "
                f"{self.skipped} skipped (already stored), {self.failed} failed")


@dataclass
class Record:
    """One dataset row, ready to store."""

    key: str                  # what the pseudo-article's content_hash is made of
    record_id: str
    incident: Incident
    published: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.key.encode("utf-8")).hexdigest()


# --- format detection --------------------------------------------------------

def detect_format(columns) -> str | None:
    """ACLED or UCDP from a header's column names (any case), or None."""
    names = {c.strip().lower() for c in columns}
    if all(c in names for c in ACLED_REQUIRED):
        return ACLED
    if all(c in names for c in UCDP_REQUIRED):
        return UCDP
    return None


def _missing(columns, fmt: str) -> list[str]:
    names = {c.strip().lower() for c in columns}
    return [c for c in (ACLED_REQUIRED if fmt == ACLED else UCDP_REQUIRED) if c not in names]


# --- field readers -----------------------------------------------------------

# Date formats ACLED exports have used: 2020-05-09, 09 May 2020, 9 May 2020, 09-May-20, 01-January-2015.
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d-%b-%y", "%d-%B-%Y", "%d-%b-%Y", "%d-%B-%y", "%d %B, %Y", "%B %d, %Y")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[ T])")


@lru_cache(maxsize=8192)
def parse_dataset_date(text: str) -> dt.date | None:
    """A date as ACLED or UCDP write them; None when it is not one of those."""
    text = " ".join(text.split())
    m = _ISO_DATE.match(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _date(value: str, column: str) -> dt.date:
    if not value:
        raise RowError(f"no {column}")
    found = parse_dataset_date(value)
    if found is None:
        raise RowError(f"{column} {value!r} is not a date (expected e.g. 2020-05-09, 09 May 2020 or 09-May-20)")
    return found


def _coordinates(lat_text: str, lon_text: str) -> tuple[float, float]:
    # Both datasets locate every event: a row without coordinates is a broken (often truncated) row.
    if not lat_text and not lon_text:
        raise RowError("no coordinates (latitude and longitude are empty)")
    if not lat_text or not lon_text:
        raise RowError(f"bad coordinates: latitude {lat_text!r}, longitude {lon_text!r} (one is missing)")
    try:
        latitude, longitude = float(lat_text), float(lon_text)
    except ValueError:
        raise RowError(f"bad coordinates: latitude {lat_text!r}, longitude {lon_text!r} are not numbers") from None
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise RowError(f"bad coordinates: latitude {lat_text}, longitude {lon_text} are out of range")
    return latitude, longitude


def _whole(value: str, column: str, *, default: int | None = None) -> int | None:
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"{column} {value!r} is not a number") from None
    if number != number or number < 0 or number != int(number):
        raise RowError(f"{column} {value!r} is not a whole number")
    return int(number)


def _none_if_empty(value: str) -> str | None:
    return value or None


_FOLD = {name.lower(): name for name in EVENT_TYPES}
_SUB_FOLD = {name.lower(): name for name in SUB_EVENT_TO_TYPE}


def _acled_types(event_type: str, sub_type: str) -> tuple[str, str]:
    event = _FOLD.get(" ".join(event_type.split()).lower())
    sub = _SUB_FOLD.get(" ".join(sub_type.split()).lower())
    if event_type and event is None:
        raise RowError(f"unknown event type {event_type!r} (ACLED's types are: {', '.join(EVENT_TYPES)})")
    if not sub_type:
        raise RowError("no sub_event_type")
    if sub is None:
        raise RowError(f"unknown sub_event_type {sub_type!r}")
    if event is None:
        event = SUB_EVENT_TO_TYPE[sub]
    if SUB_EVENT_TO_TYPE[sub] != event:
        raise RowError(f"sub_event_type {sub!r} is not an ACLED sub-event of {event!r}")
    return event, sub


# ACLED's actor types, as codes (older exports) or names (newer exports).
_INTER_NAMES = {
    "state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3, "political militias": 3,
    "identity militia": 4, "identity militias": 4, "rioters": 5, "protesters": 6, "civilians": 7,
    "external/other forces": 8, "external/other force": 8,
}


def _inter(value: str) -> int | None:
    if not value:
        return None
    try:
        code = int(float(value))
    except ValueError:
        return _INTER_NAMES.get(" ".join(value.split()).lower())
    return code if 1 <= code <= 8 else None


# --- countries -----------------------------------------------------------------

# Names ACLED and UCDP use that pycountry does not know (folded: lower case, no accents).
_COUNTRY_ALIASES = {
    "turkey": "TR", "russia": "RU", "soviet union": "RU", "palestine": "PS", "ivory coast": "CI",
    "cote d'ivoire": "CI", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "dr congo": "CD", "zaire": "CD", "republic of congo": "CG", "congo": "CG", "bosnia-herzegovina": "BA",
    "bosnia and herzegovina": "BA", "cape verde": "CV", "micronesia": "FM", "macedonia": "MK",
    "macedonia, fyr": "MK", "brunei": "BN", "kosovo": "XK", "east timor": "TL", "saint-martin": "MF",
    "saint-barthelemy": "BL", "caribbean netherlands": "BQ", "vatican city": "VA", "vatican": "VA",
    "falkland islands": "FK", "curacao": "CW", "reunion": "RE", "burma": "MM", "kampuchea": "KH",
    "rhodesia": "ZW", "swaziland": "SZ", "yugoslavia": "RS", "north yemen": "YE", "south yemen": "YE",
    "czech republic": "CZ", "united states": "US", "united states of america": "US", "uk": "GB",
    "great britain": "GB", "uae": "AE", "laos": "LA", "syria": "SY", "iran": "IR",
}
_PARENS = re.compile(r"\s*\([^)]*\)")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("’", "'").lower().split())


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                index.setdefault(_fold(name), country.alpha_2)
    index.update(_COUNTRY_ALIASES)
    return index


@lru_cache(maxsize=1024)
def country_code(name: str = "", numeric: str = "", alpha3: str = "") -> str | None:
    """ISO 3166-1 alpha-2 from an ISO numeric code, an alpha-3 code or a country name."""
    import pycountry

    digits = numeric.split(".")[0].strip()
    if digits.isdigit() and int(digits):
        found = pycountry.countries.get(numeric=digits.zfill(3))
        if found is not None:
            return found.alpha_2
    if len(alpha3.strip()) == 3:
        found = pycountry.countries.get(alpha_3=alpha3.strip().upper())
        if found is not None:
            return found.alpha_2
    if not name.strip():
        return None
    index = _country_index()
    folded = _fold(name)
    if folded in index:
        return index[folded]
    bare = _fold(_PARENS.sub("", name))  # UCDP: "Yemen (North Yemen)", "DR Congo (Zaire)"
    if bare in index:
        return index[bare]
    for inner in re.findall(r"\(([^)]*)\)", name):
        if _fold(inner) in index:
            return index[_fold(inner)]
    return None


# --- rows -----------------------------------------------------------------------

def acled_record(cell: Callable[[str], str], raw_row: list[str]) -> Record:
    """An ACLED export row as an incident (its coding kept as it is)."""
    event_id, data_id = cell("event_id_cnty"), cell("data_id")
    event_date = _date(cell("event_date"), "event_date")
    event_type, sub_type = _acled_types(cell("event_type"), cell("sub_event_type"))
    latitude, longitude = _coordinates(cell("latitude"), cell("longitude"))
    country = cell("country")
    incident = Incident(
        event_date=event_date.isoformat(),
        date_precision=_whole(cell("time_precision"), "time_precision", default=1),
        event_type=event_type,
        sub_event_type=sub_type,
        actor1=_none_if_empty(cell("actor1")),
        actor2=_none_if_empty(cell("actor2")),
        inter1=_inter(cell("inter1")),
        inter2=_inter(cell("inter2")),
        location=_none_if_empty(cell("location")),
        admin1=_none_if_empty(cell("admin1")),
        country=_none_if_empty(country),
        country_code=country_code(country, cell("iso"), cell("iso3")),
        latitude=latitude,
        longitude=longitude,
        geo_precision=_whole(cell("geo_precision"), "geo_precision"),
        fatalities=_whole(cell("fatalities"), "fatalities"),
        evidence=cell("notes"),
        source_title=_acled_title(event_id, data_id),
        confidence=ACLED_CONFIDENCE,
        doc_id=event_id or None,
    )
    incident.extras["source"] = _none_if_empty(cell("source"))
    if event_id:
        key = f"acled:{event_id}"
    elif data_id:  # ACLED's row id, for the rare row without an event id
        key = f"acled-data:{data_id}"
    else:
        key = "acled-row:" + "\x1f".join(raw_row)
    return Record(key=key, record_id=event_id, incident=incident)


def _acled_title(event_id: str, data_id: str) -> str:
    if event_id:
        return f"ACLED {event_id}"
    return f"ACLED data_id {data_id}" if data_id else "ACLED"


# UCDP GED type_of_violence -> ACLED (event type, sub-event type).
UCDP_VIOLENCE = {
    1: ("Battles", "Armed clash"),                  # state-based
    2: ("Battles", "Armed clash"),                  # non-state
    3: ("Violence against civilians", "Attack"),    # one-sided
}
_PLACE_SUFFIX = re.compile(r"\s+(?:town|village|city|suburb|camp|area|neighbou?rhood|district|governorate|province)$")
_ADMIN_SUFFIX = re.compile(r"\s+(?:governorate|province|region|oblast|prefecture|department|county|district)$",
                           re.IGNORECASE)


def ucdp_geo_precision(where_prec: int | None) -> int | None:
    """UCDP where_prec (1 exact ... 7 international waters) as ACLED's geo precision."""
    if where_prec is None:
        return None
    return 1 if where_prec <= 2 else 2 if where_prec <= 4 else 3


def ucdp_date_precision(date_prec: int | None) -> int:
    """UCDP date_prec (1 exact day ... 5 more than a month) as ACLED's time precision."""
    if date_prec is None or date_prec <= 1:
        return 1
    return 2 if date_prec <= 3 else 3


def _ucdp_actor_type(name: str, *, side: str, violence: int) -> int | None:
    if name.startswith("Government of"):
        return 1
    if side == "b" and violence == 3:
        return 7
    if side == "b" and violence == 1:
        return 2  # the opposition in a state-based conflict
    return None


def ucdp_record(cell: Callable[[str], str], raw_row: list[str]) -> Record:
    """A UCDP GED row as an ACLED-style incident."""
    record_id = cell("id")
    event_date = _date(cell("date_start"), "date_start")
    raw_type = cell("type_of_violence")
    try:
        violence = int(float(raw_type))
        event_type, sub_type = UCDP_VIOLENCE[violence]
    except (ValueError, KeyError):
        raise RowError(f"unknown type_of_violence {raw_type!r} (1 state-based, 2 non-state, 3 one-sided)") from None
    latitude, longitude = _coordinates(cell("latitude"), cell("longitude"))
    country = cell("country")
    country_name = _PARENS.sub("", country).strip()
    side_a, side_b = cell("side_a"), cell("side_b")
    actor2 = side_b
    if violence == 3 and side_b.lower() == "civilians" and country_name:
        actor2 = f"Civilians ({country_name})"  # as ACLED names them
    place = _PLACE_SUFFIX.sub("", cell("where_coordinates"))
    source_date = parse_dataset_date(cell("source_date").split(";")[0].strip()) if cell("source_date") else None
    incident = Incident(
        event_date=event_date.isoformat(),
        date_precision=ucdp_date_precision(_whole(cell("date_prec"), "date_prec")),
        event_type=event_type,
        sub_event_type=sub_type,
        actor1=_none_if_empty(side_a),
        actor2=_none_if_empty(actor2),
        inter1=_ucdp_actor_type(side_a, side="a", violence=violence),
        inter2=_ucdp_actor_type(side_b, side="b", violence=violence),
        location=_none_if_empty(place),
        admin1=_none_if_empty(_ADMIN_SUFFIX.sub("", cell("adm_1"))),
        country=_none_if_empty(country_name),
        country_code=country_code(country),
        latitude=latitude,
        longitude=longitude,
        geo_precision=ucdp_geo_precision(_whole(cell("where_prec"), "where_prec")),
        fatalities=_whole(cell("best"), "best"),
        evidence=cell("source_headline") or cell("source_article"),
        source_title=f"UCDP GED {record_id}" if record_id else "UCDP GED",
        published=source_date.isoformat() if source_date else None,
        confidence=UCDP_CONFIDENCE,
        doc_id=record_id or None,
    )
    incident.extras["source"] = _none_if_empty(cell("source_office") or cell("source_article"))
    key = f"ucdp:{record_id}" if record_id else "ucdp-row:" + "\x1f".join(raw_row)
    return Record(key=key, record_id=record_id, incident=incident, published=incident.published)


# --- reading files ---------------------------------------------------------------

def _encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if b"\x00" in head:
        raise DatasetError(f"{path}: looks like a binary file, not a CSV (unpack a .zip first)")
    return sniff_csv_encoding(path)


def read_rows(path: Path) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """(first line number, fields) for every record after the header; csv errors as values."""
    csv.field_size_limit(1 << 26)
    encoding = _encoding(path)
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                yield start, err
                continue
            yield start, row


def import_dataset(
    path: str | Path,
    *,
    store,
    format: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import every row of an ACLED export or UCDP GED CSV at `path` into `store`.

    `format` ("acled" or "ucdp") is told from the header when not given. Broken
    rows are passed to `on_error` as "FILE:LINE: what is wrong", and counted.
    Raises DatasetError when the file cannot be imported at all.
    """
    began = time.perf_counter()
    path = Path(path)
    if not path.exists():
        raise DatasetError(f"{path}: no such file")
    if path.is_dir():
        raise DatasetError(f"{path}: is a directory, not a CSV file")
    try:
        rows = read_rows(path)
        first = next(rows, None)
    except OSError as err:
        raise DatasetError(f"{path}: cannot be read ({err.strerror})") from None
    if first is None or isinstance(first[1], csv.Error) or not any(c.strip() for c in first[1]):
        raise DatasetError(f"{path}: line 1: no CSV header")
    header = [c.strip().lower() for c in first[1]]
    detected = detect_format(header)
    if format is None:
        if detected is None and {"event_id_cnty", "event_type"} <= set(header) and "sub_event_type" not in header:
            raise DatasetError(
                f"{path}: line 1: an ACLED export without sub_event_type (ACLED's taxonomy before 2019): "
                "not supported, its event types do not map one to one onto the current ones")
        if detected is None:
            raise DatasetError(
                f"{path}: line 1: neither an ACLED export (needs columns {', '.join(ACLED_REQUIRED)}) "
                f"nor a UCDP GED CSV (needs {', '.join(UCDP_REQUIRED)})")
        format = detected
    elif format not in FORMAT_NAMES:
        raise DatasetError(f"unknown dataset format {format!r} (acled or ucdp)")
    else:
        missing = _missing(header, format)
        if missing:
            raise DatasetError(f"{path}: line 1: not a {FORMAT_NAMES[format]} file: no column {', '.join(missing)}")

    summary = ImportSummary(format=FORMAT_NAMES[format])
    position = {name: i for i, name in reversed(list(enumerate(header)))}  # first of repeated names wins
    width = len(header)
    convert = acled_record if format == ACLED else ucdp_record
    batch: list[Record] = []

    def fail(line: int, message: str) -> None:
        summary.failed += 1
        if on_error is not None:
            on_error(f"{path}:{line}: {message}")

    def flush() -> None:
        if not batch:
            return
        results = store.add_articles(
            {"content_hash": r.content_hash, "incidents": [r.incident], "title": r.incident.source_title,
             "published": r.published, "doc_id": r.record_id or None}
            for r in batch)
        for stored in results:
            if stored is None:
                summary.skipped += 1
            else:
                summary.incidents_stored += stored
        batch.clear()
        if progress is not None:
            progress(summary.rows_read, f"{summary.incidents_stored} incidents stored")

    try:
        for line, row in rows:
            if isinstance(row, csv.Error):
                summary.rows_read += 1
                fail(line, f"not readable as CSV ({row})")
                continue
            if not any(field.strip() for field in row):
                continue  # blank line
            summary.rows_read += 1
            if len(row) != width:
                fail(line, f"{len(row)} fields where the header has {width}")
                continue

            def cell(name: str, _row=row) -> str:
                index = position.get(name)
                return _row[index].strip() if index is not None else ""

            try:
                record = convert(cell, row)
            except (RowError, ValueError) as err:
                fail(line, str(err))
                continue
            batch.append(record)
            if len(batch) >= batch_size:
                flush()
        flush()
    except OSError as err:
        raise DatasetError(f"{path}: cannot be read ({err.strerror})") from None
    summary.seconds = time.perf_counter() - began
    return summary
