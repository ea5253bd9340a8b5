"""The dashboard's frames and files: the table's columns, links made safe, downloads.

The filtering and counting happen in SQL (dashboard/query.py); this module shapes
the rows a query returns for the table and the downloads. `load_incidents` reads a
whole (small) store into pandas, for scripts and checks.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Any, Iterable, Mapping
from urllib.parse import quote, urlsplit

import pandas as pd

from incidents.exports import to_acled_csv, write_geojson

# The incident table's columns, in the order analysts read them.
TABLE_COLUMNS = {
    "id": "ID",  # the number a link's `incident=` names
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

    Rows whose event_date cannot be read keep `date` as NaT.
    """
    out = frame.copy()
    out["date"] = pd.to_datetime(out["event_date"], format="%Y-%m-%d", errors="coerce").dt.date
    for column in ("latitude", "longitude"):
        out[column] = pd.to_numeric(out[column], errors="coerce")
    for column in ("fatalities", "injuries", "geo_precision", "date_precision"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    return out


def load_incidents(store) -> pd.DataFrame:
    """Every stored incident as one frame (see `prepare_incidents`): for small stores and
    scripts; the dashboard's pages ask dashboard.query for only what they show."""
    return prepare_incidents(store.incidents_frame())


def mappable(frame: pd.DataFrame) -> pd.DataFrame:
    """The incidents that have usable coordinates."""
    latitude = pd.to_numeric(frame["latitude"], errors="coerce")
    longitude = pd.to_numeric(frame["longitude"], errors="coerce")
    ok = latitude.between(-90, 90) & longitude.between(-180, 180)
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


# -- downloads of the filtered set ------------------------------------------------
def export_csv(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The incidents (dicts, e.g. query.iter_incidents, or a frame) as ACLED's CSV layout
    (incidents.exports), UTF-8."""
    buffer = io.StringIO(newline="")
    to_acled_csv(rows, buffer)
    return buffer.getvalue().encode("utf-8")


def export_geojson(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The incidents with coordinates as a GeoJSON FeatureCollection (incidents.exports), UTF-8,
    written one feature at a time."""
    buffer = io.StringIO()
    write_geojson(rows, buffer)
    return buffer.getvalue().encode("utf-8")


SOURCE_SEPARATOR = "; "  # ACLED separates the sources of one event so


def event_export_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """An event's combined record (`Store.events_by_id`) as the exports take it: with more
    than one report, the `source` column names every report ("title (url)", joined by
    "; ", ACLED's separator) and `notes` already holds every evidence sentence joined by
    " | "; a single report is exported as it is."""
    titles, urls = list(record.get("source_titles") or ()), list(record.get("source_urls") or ())
    if len(titles) <= 1 and len(urls) <= 1:
        return dict(record)
    described = []
    for title, url in zip(titles, urls):
        title = title.strip() if isinstance(title, str) else ""
        url = url.strip() if isinstance(url, str) else ""
        described.append(f"{title} ({url})" if title and url else title or url)
    dataset = record.get("source")
    if isinstance(dataset, str) and dataset.strip():
        described.insert(0, dataset.strip())
    return dict(record) | {"source": SOURCE_SEPARATOR.join(dict.fromkeys(d for d in described if d))}


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


TABLE_ROWS = 200  # the table shows the newest this many incidents of the view (1,000 rows were half a megabyte per rerun)
TABLE_MAX_ROWS = 1_000  # ... or this many, after a click on "show more"


REPORTS_COLUMN = "Reports"  # events only: how many reports were merged into the row


def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Incidents (or events: rows with `sources`) as the table shows them, newest first,
    links only when http(s). An event's row has its report count and its first source
    with "+ N more"."""
    out = frame.sort_values(["event_date", "id"], ascending=[False, False], kind="stable")
    events = "sources" in out.columns
    if events:
        counts = pd.to_numeric(out["sources"], errors="coerce").fillna(1).astype("int64")
    out = out[list(TABLE_COLUMNS)].copy()
    out["source_url"] = out["source_url"].map(safe_link)
    if events:
        more = counts - 1
        titles = out["source_title"].map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
        out["source_title"] = [t + (f" (+ {n} more)" if n > 0 else "") for t, n in zip(titles, more)]
        out.insert(1, REPORTS_COLUMN, counts.to_numpy())
    return out.rename(columns=TABLE_COLUMNS).reset_index(drop=True)


def table_ids(table: pd.DataFrame) -> list[int]:
    """The incident ids of the table's rows, in its order (a row selection gives positions)."""
    return [int(v) for v in table[TABLE_COLUMNS["id"]]]


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~:$&=\"'^@")


def md_escape(text: object) -> str:
    """Text shown through st.markdown exactly as written: every ASCII punctuation mark that
    Markdown (or its HTML, link, autolink or maths extensions) could read is backslash-escaped,
    and line breaks become spaces. For text from articles and links."""
    value = " ".join(str(text).split())
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in value)


def md_link(label: str, url: object) -> str:
    """A Markdown link to an http(s) `url` (see `safe_link`) with an escaped label;
    just the escaped label when the URL is not a safe link."""
    link = safe_link(url)
    if link is None:
        return md_escape(label)
    return f"[{md_escape(label)}](<{quote(link, safe=_URL_SAFE)}>)"


_URL_SAFE = ":/?#@!$&'*+,;=%~-._[]"  # kept as they are; spaces, quotes, brackets and parentheses are encoded


def table_caption(shown: int, total: int) -> str | None:
    """The caption over the table when it shows only the newest rows of the view."""
    if shown >= total:
        return None
    return (f"Showing the newest {shown:,} of {total:,} incidents in view; "
            "the downloads below hold all of them.")


def progress_step(done: int, total: int, label: str) -> tuple[float, str]:
    """A progress bar's fraction (0-1) and text for `done` of `total` steps."""
    fraction = min(max(done / total, 0.0), 1.0) if total else 0.0
    text = f"{label} ({done}/{total})" if total else label
    return fraction, text
