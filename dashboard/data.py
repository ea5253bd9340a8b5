"""Loading the store's incidents and filtering them for the dashboard: plain pandas."""
from __future__ import annotations

import datetime as dt
import io
import json
from urllib.parse import urlsplit

import pandas as pd

from dashboard.view_state import ViewState
from incidents.exports import to_acled_csv, to_geojson

# The incident table's columns, in the order analysts read them.
TABLE_COLUMNS = {
    "event_date": "Date",
    "event_type": "Event type",
    "sub_event_type": "Sub-event type",
    "actor1": "Actor 1",
    "actor2": "Actor 2",
    "location": "Location",
    "admin1": "Admin 1",
    "country": "Country",
    "geo_precision": "Geo precision",
    "fatalities": "Fatalities",
    "injuries": "Injuries",
    "evidence": "Evidence",
    "source_title": "Source",
    "source_url": "Link",
    "confidence": "Confidence",
}


def prepare_incidents(frame: pd.DataFrame) -> pd.DataFrame:
    """The store's frame with a real `date` column and numeric coordinates.

    Rows whose event_date cannot be read keep `date` as NaT: they are listed
    only when no date filter applies.
    """
    out = frame.copy()
    out["date"] = pd.to_datetime(out["event_date"], format="%Y-%m-%d", errors="coerce").dt.date
    for column in ("latitude", "longitude"):
        out[column] = pd.to_numeric(out[column], errors="coerce")
    for column in ("fatalities", "injuries", "geo_precision", "date_precision"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    return out


def load_incidents(store) -> pd.DataFrame:
    """Every stored incident, ready to filter (see `prepare_incidents`)."""
    return prepare_incidents(store.incidents_frame())


def date_extent(frame: pd.DataFrame, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last incident dates; today twice when there are none."""
    dates = frame["date"].dropna() if "date" in frame else pd.Series(dtype=object)
    if dates.empty:
        today = today or dt.date.today()
        return today, today
    return min(dates), max(dates)


def _casefolded(column: pd.Series) -> pd.Series:
    return column.map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).casefold())


def filter_incidents(frame: pd.DataFrame, view: ViewState) -> pd.DataFrame:
    """The incidents in the view: its date range (inclusive), event and sub-event
    types, actors (actor1 or actor2), countries, provinces, minimum fatalities and
    confidence (missing values never pass a minimum) and search text (a plain,
    case-insensitive substring of the evidence or the source title)."""
    keep = pd.Series(True, index=frame.index)
    if view.start is not None:
        keep &= frame["date"].map(lambda d: d is not None and not pd.isna(d) and d >= view.start)
    if view.end is not None:
        keep &= frame["date"].map(lambda d: d is not None and not pd.isna(d) and d <= view.end)
    if view.types:
        keep &= frame["event_type"].isin(view.types)
    if view.subs:
        keep &= frame["sub_event_type"].isin(view.subs)
    if view.actors:
        wanted = {actor.casefold() for actor in view.actors}
        keep &= _casefolded(frame["actor1"]).isin(wanted) | _casefolded(frame["actor2"]).isin(wanted)
    if view.countries:
        keep &= _casefolded(frame["country_code"]).isin({code.casefold() for code in view.countries})
    if view.admin1:
        keep &= _casefolded(frame["admin1"]).isin({name.casefold() for name in view.admin1})
    if view.min_fatalities > 0:
        fatalities = pd.to_numeric(frame["fatalities"], errors="coerce")
        keep &= (fatalities >= view.min_fatalities).fillna(False).astype(bool)
    if view.min_confidence > 0:
        confidence = pd.to_numeric(frame["confidence"], errors="coerce")
        keep &= (confidence >= view.min_confidence - 1e-9).fillna(False).astype(bool)
    if view.q:
        needle = view.q.casefold()
        found = pd.Series(False, index=frame.index)
        for column in ("evidence", "source_title"):
            found |= _casefolded(frame[column]).map(lambda text: needle in text).astype(bool)
        keep &= found
    return frame[keep.astype(bool)]


def _names(column: pd.Series) -> list[str]:
    values = {str(v).strip() for v in column.dropna() if str(v).strip()}
    return sorted(values, key=lambda v: (v.casefold(), v))


def filter_options(frame: pd.DataFrame) -> dict[str, object]:
    """What the actor, country and province filters offer: the values in the data.

    ``countries`` maps each ISO alpha-2 code (upper case) to a country name.
    """
    countries: dict[str, str] = {}
    for code, name in zip(frame["country_code"], frame["country"]):
        if isinstance(code, str) and len(code.strip()) == 2:
            code = code.strip().upper()
            if code not in countries or not countries[code]:
                countries[code] = name.strip() if isinstance(name, str) else ""
    return {
        "actors": _names(pd.concat([frame["actor1"], frame["actor2"]], ignore_index=True)),
        "countries": dict(sorted(countries.items())),
        "admin1": _names(frame["admin1"]),
    }


def timeline_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Incidents per day and event type (rows with no readable date left out):
    columns ``date`` (datetime64), ``event_type`` and ``incidents``."""
    dated = frame[frame["date"].notna()] if len(frame) else frame
    if not len(dated):
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "event_type": pd.Series(dtype=object),
                             "incidents": pd.Series(dtype="int64")})
    counts = (dated.assign(date=pd.to_datetime(dated["date"]))
              .groupby(["date", "event_type"]).size().reset_index(name="incidents"))
    return counts.sort_values(["date", "event_type"]).reset_index(drop=True)


def mappable(frame: pd.DataFrame) -> pd.DataFrame:
    """The incidents that have usable coordinates."""
    ok = (
        frame["latitude"].between(-90, 90)
        & frame["longitude"].between(-180, 180)
    )
    return frame[ok.fillna(False).astype(bool)]


def safe_link(url: object) -> str | None:
    """The URL if it is an http(s) link, else None (no javascript: or data: links)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def _key_part(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).split()).casefold()


def count_places(frame: pd.DataFrame) -> int:
    """Distinct places: (location, admin1, country) alike up to case and spacing.

    An incident known only to its country is not a place; one known to its
    province (no location) counts that province.
    """
    places = set()
    for location, admin1, country in zip(frame["location"], frame["admin1"], frame["country"]):
        key = (_key_part(location), _key_part(admin1), _key_part(country))
        if key[0] or key[1]:
            places.add(key)
    return len(places)


def summary(frame: pd.DataFrame) -> dict[str, int]:
    """Headline numbers for the filtered incidents."""
    return {
        "incidents": int(len(frame)),
        "fatalities": int(frame["fatalities"].fillna(0).sum()) if len(frame) else 0,
        "places": count_places(frame) if len(frame) else 0,
        "countries": int(frame["country"].dropna().nunique()) if len(frame) else 0,
        "unmapped": int(len(frame) - len(mappable(frame))),
    }


# -- downloads of the filtered set ------------------------------------------------
def export_csv(frame: pd.DataFrame) -> bytes:
    """The incidents as ACLED's CSV layout (incidents.exports), UTF-8."""
    buffer = io.StringIO(newline="")
    to_acled_csv(frame, buffer)
    return buffer.getvalue().encode("utf-8")


def export_geojson(frame: pd.DataFrame) -> bytes:
    """The incidents with coordinates as a GeoJSON FeatureCollection (incidents.exports), UTF-8."""
    return json.dumps(to_geojson(frame), ensure_ascii=False, allow_nan=False).encode("utf-8")


def export_name(dates: tuple[dt.date, dt.date] | None, extension: str) -> str:
    """A download's file name, e.g. ``incidents_2024-03-01_2024-05-20.csv``."""
    if dates:
        return f"incidents_{dates[0].isoformat()}_{dates[1].isoformat()}.{extension}"
    return f"incidents.{extension}"


def unmapped_note(count: int) -> str:
    """The caption under the map for incidents without coordinates."""
    if count == 1:
        return "1 incident in view has no coordinates: it is in the table, not on the map."
    return f"{count} incidents in view have no coordinates: they are in the table, not on the map."


def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The filtered incidents as the table shows them, newest first."""
    out = frame.sort_values(["event_date", "id"], ascending=[False, False])
    out = out[list(TABLE_COLUMNS)].copy()
    out["source_url"] = out["source_url"].map(safe_link)
    return out.rename(columns=TABLE_COLUMNS).reset_index(drop=True)


def progress_step(done: int, total: int, label: str) -> tuple[float, str]:
    """A progress bar's fraction (0-1) and text for `done` of `total` steps."""
    fraction = min(max(done / total, 0.0), 1.0) if total else 0.0
    text = f"{label} ({done}/{total})" if total else label
    return fraction, text


# -- aggregates for the density and province layers --------------------------------
MAX_DENSITY_CELLS = 2500  # the density layer draws at most this many rectangles


def density_grid(frame: pd.DataFrame, max_cells: int = MAX_DENSITY_CELLS) -> tuple[float, pd.DataFrame]:
    """Incidents binned on a square grid sized to the data's extent.

    The cell size (degrees) is chosen so that the extent holds at most about
    `max_cells` cells; returns it and a frame with one row per non-empty cell:
    ``south``, ``west``, ``north``, ``east`` and ``incidents``, busiest first.
    """
    points = mappable(frame)
    empty = pd.DataFrame({name: pd.Series(dtype="float64") for name in ("south", "west", "north", "east")})
    empty["incidents"] = pd.Series(dtype="int64")
    if not len(points):
        return 0.0, empty
    lat = points["latitude"].astype(float).to_numpy()
    lon = points["longitude"].astype(float).to_numpy()
    height = max(float(lat.max() - lat.min()), 1e-6)
    width = max(float(lon.max() - lon.min()), 1e-6)
    size = max((height * width / max(max_cells, 1)) ** 0.5, 0.01)
    # grow the cell until the grid over the extent fits in max_cells
    while (int(height // size) + 1) * (int(width // size) + 1) > max_cells:
        size *= 1.1
    size = float(f"{size:.3g}")
    while (int(height // size) + 1) * (int(width // size) + 1) > max_cells:  # rounding down can overshoot
        size = float(f"{size * 1.01:.3g}")
    south0, west0 = float(lat.min()), float(lon.min())
    rows = ((lat - south0) // size).astype("int64")
    cols = ((lon - west0) // size).astype("int64")
    counts = pd.DataFrame({"row": rows, "col": cols}).groupby(["row", "col"]).size().reset_index(name="incidents")
    out = pd.DataFrame({
        "south": south0 + counts["row"] * size,
        "west": west0 + counts["col"] * size,
    })
    out["north"] = out["south"] + size
    out["east"] = out["west"] + size
    out["incidents"] = counts["incidents"].astype("int64")
    return size, out.sort_values("incidents", ascending=False, kind="stable").reset_index(drop=True)


def province_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Incidents per (country, admin1) that have coordinates and a province:
    ``country``, ``admin1``, ``incidents``, ``fatalities`` and the mean
    ``latitude``/``longitude`` of its incidents; busiest first. Provinces are
    matched up to case and spacing and spelled as their first incident does."""
    points = mappable(frame)
    points = points[points["admin1"].map(lambda v: bool(_key_part(v)))]
    columns = ["country", "admin1", "incidents", "fatalities", "latitude", "longitude"]
    if not len(points):
        return pd.DataFrame({name: pd.Series(dtype="object" if name in ("country", "admin1") else "float64")
                             for name in columns})
    keyed = points.assign(
        _country=points["country"].map(_key_part), _admin1=points["admin1"].map(_key_part),
        _fatalities=pd.to_numeric(points["fatalities"], errors="coerce").fillna(0),
    )
    grouped = keyed.groupby(["_country", "_admin1"], sort=False)
    out = pd.DataFrame({
        "country": grouped["country"].first().map(lambda v: "" if v is None or pd.isna(v) else str(v).strip()),
        "admin1": grouped["admin1"].first().map(lambda v: str(v).strip()),
        "incidents": grouped.size().astype("int64"),
        "fatalities": grouped["_fatalities"].sum().astype("int64"),
        "latitude": grouped["latitude"].mean(),
        "longitude": grouped["longitude"].mean(),
    }).reset_index(drop=True)
    return out.sort_values(["incidents", "admin1"], ascending=[False, True], kind="stable").reset_index(drop=True)
