"""Exporting stored incidents: ACLED-layout CSV and GeoJSON.

`to_acled_csv(rows, fp)` and `to_geojson(rows)` take any iterable of incident
dicts (`Store.iter_incidents()`, the rows of `Store.incidents_frame()`, or the
DataFrame itself), so the dashboard and the command line share them.
`write_export` writes a whole export to a file atomically: into a temporary file
next to it, renamed over the target only once complete.

The CSV has ACLED's current columns in ACLED's order. What we record fills
them; what ACLED derives is derived as ACLED does (year, disorder type,
interaction code, civilian targeting, ISO numeric country code); what we do
not know (assoc_actor_*, region, admin2/3, source_scale, tags, timestamp)
is left empty. `fatalities` is empty, not 0, where the report gave no count.
"""
from __future__ import annotations

import csv
import json
import math
import os
import secrets
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, TextIO

from incidents.record import RECORD_FIELDS

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"

# ACLED's disorder type of each event type; sub-event types that differ from their type's.
_DISORDER_BY_TYPE = {
    "Battles": POLITICAL_VIOLENCE,
    "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE,
    "Protests": DEMONSTRATIONS,
    "Riots": DEMONSTRATIONS,
    "Strategic developments": STRATEGIC_DEVELOPMENTS,
}
_DISORDER_BY_SUB_TYPE = {
    "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
    "Mob violence": POLITICAL_VIOLENCE,
}

# Extra properties a GeoJSON feature carries besides the record fields, when the row has them.
_GEOJSON_EXTRAS = ("id", "doc_id", "source")
ACLED_SOURCE_PREFIX = "ACLED "  # source_title of records imported from an ACLED export


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type: Political violence, Demonstrations or Strategic developments."""
    return _DISORDER_BY_SUB_TYPE.get(sub_event_type or "") or _DISORDER_BY_TYPE.get(event_type or "", "")


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two actor types, lower first (12, 37);
    a one-sided event is the actor type followed by 0 (60)."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@lru_cache(maxsize=512)
def iso_numeric(country_code: str | None, country: str | None) -> int | None:
    """The ISO 3166-1 numeric code (as ACLED writes it, without leading zeros)."""
    import pycountry

    found = None
    if country_code and len(country_code) == 2:
        found = pycountry.countries.get(alpha_2=country_code.upper())
    if found is None and country:
        try:
            found = pycountry.countries.lookup(country)
        except LookupError:
            found = None
    return int(found.numeric) if found is not None else None


def _clean(value: Any) -> Any:
    """A plain Python value: None for NaN/NA/NaT, ints and floats unwrapped from numpy."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (str, bool, int)):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError, ImportError):
        pass
    if hasattr(value, "item"):  # numpy scalar
        return _clean(value.item())
    return value


def _int(value: Any) -> int | None:
    value = _clean(value)
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    value = _clean(value)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


_INT_FIELDS = {"id", "date_precision", "inter1", "inter2", "geo_precision", "fatalities", "injuries"}
_FLOAT_FIELDS = {"latitude", "longitude", "confidence"}


def _property(name: str, value: Any) -> Any:
    """A record field as JSON wants it (a DataFrame holds integer columns with gaps as floats)."""
    if name in _INT_FIELDS:
        return _int(value)
    if name in _FLOAT_FIELDS:
        return _float(value)
    value = _clean(value)
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _text(value: Any) -> str:
    value = _clean(value)
    return "" if value is None else str(value)


def iter_rows(rows: Any) -> Iterator[Mapping[str, Any]]:
    """Incident dicts from an iterable of mappings or a pandas DataFrame."""
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):  # a DataFrame: iterating it gives column names
        yield from rows.to_dict("records")
    else:
        yield from rows


def acled_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One incident as ACLED's columns (values as they are written to the CSV)."""
    event_type = _text(row.get("event_type"))
    sub_type = _text(row.get("sub_event_type"))
    event_date = _text(row.get("event_date"))
    inter1, inter2 = _int(row.get("inter1")), _int(row.get("inter2"))
    actor2 = _text(row.get("actor2"))
    disorder = disorder_type(event_type, sub_type)
    targets_civilians = inter2 == 7 or actor2.startswith("Civilians")
    title, url = _text(row.get("source_title")), _text(row.get("source_url"))
    dataset_source = _text(row.get("source"))
    if dataset_source:
        source = dataset_source
    elif title and url:
        source = f"{title} ({url})"
    else:
        source = title or url
    # Imported from ACLED: keep ACLED's own id (the pseudo-article's doc_id).
    event_id = _text(row.get("doc_id")) if title.startswith(ACLED_SOURCE_PREFIX) else ""
    year = event_date[:4] if len(event_date) >= 4 and event_date[:4].isdigit() else ""
    latitude, longitude = _float(row.get("latitude")), _float(row.get("longitude"))
    values = {
        "event_id_cnty": event_id,
        "event_date": event_date,
        "year": year,
        "time_precision": _int(row.get("date_precision")),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": _text(row.get("actor1")),
        "inter1": inter1,
        "actor2": actor2,
        "inter2": 0 if inter2 is None and not actor2 else inter2,  # ACLED writes 0 when there is no actor 2
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if targets_civilians and POLITICAL_VIOLENCE in disorder else "",
        "iso": iso_numeric(_text(row.get("country_code")) or None, _text(row.get("country")) or None),
        "country": _text(row.get("country")),
        "admin1": _text(row.get("admin1")),
        "location": _text(row.get("location")),
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": _int(row.get("geo_precision")),
        "source": source,
        "notes": _text(row.get("evidence")),
        "fatalities": _int(row.get("fatalities")),
    }
    return {column: "" if values.get(column) is None else values.get(column, "") for column in ACLED_COLUMNS}


def to_acled_csv(rows: Iterable[Mapping[str, Any]], fp: TextIO) -> int:
    """Write incidents to `fp` as an ACLED-layout CSV (header first); returns how many rows.

    Open a file for it with `newline=""`, as for any CSV writer.
    """
    writer = csv.DictWriter(fp, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in iter_rows(rows):
        writer.writerow(acled_row(row))
        count += 1
    return count


def feature(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """One incident as a GeoJSON Point feature, or None when it has no usable coordinates."""
    latitude, longitude = _float(row.get("latitude")), _float(row.get("longitude"))
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    properties = {name: _property(name, row.get(name)) for name in RECORD_FIELDS}
    for name in _GEOJSON_EXTRAS:
        value = _property(name, row.get(name))
        if value is not None:
            properties[name] = value
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},  # RFC 7946: lon, lat
        "properties": properties,
    }


def to_geojson(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Incidents as a GeoJSON FeatureCollection of Points; those without coordinates are left out."""
    features = [f for f in map(feature, iter_rows(rows)) if f is not None]
    return {"type": "FeatureCollection", "features": features}


def write_geojson(rows: Iterable[Mapping[str, Any]], fp: TextIO) -> tuple[int, int]:
    """Stream a FeatureCollection to `fp`, one feature per line; returns (written, skipped)."""
    written = skipped = 0
    fp.write('{"type": "FeatureCollection", "features": [\n')
    for row in iter_rows(rows):
        item = feature(row)
        if item is None:
            skipped += 1
            continue
        if written:
            fp.write(",\n")
        fp.write(json.dumps(item, ensure_ascii=False, allow_nan=False))
        written += 1
    fp.write("\n]}\n")
    return written, skipped


def write_export(
    output: str | os.PathLike | None,
    write: Callable[[TextIO], Any],
    *,
    stdout: TextIO | None = None,
) -> Any:
    """Run `write(fp)` into `output` atomically, or into stdout when `output` is None.

    The file is written as a temporary file in the same directory and renamed over
    `output` only when `write` returns, so a failed export leaves no partial file
    (and an existing file at `output` unchanged). Returns what `write` returned.
    """
    if output is None:
        return write(stdout or sys.stdout)
    target = Path(output)
    while True:
        temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.part"
        try:
            # Created with the mode an ordinary new file gets (0666 less the umask), never over another file.
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return result
