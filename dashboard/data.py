"""Loading the store's incidents and filtering them for the dashboard: plain pandas."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pandas as pd

from dashboard.view_state import ViewState

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


def filter_incidents(frame: pd.DataFrame, view: ViewState) -> pd.DataFrame:
    """The incidents in the view's date range (inclusive) and of its event types."""
    keep = pd.Series(True, index=frame.index)
    if view.start is not None:
        keep &= frame["date"].map(lambda d: d is not None and not pd.isna(d) and d >= view.start)
    if view.end is not None:
        keep &= frame["date"].map(lambda d: d is not None and not pd.isna(d) and d <= view.end)
    if view.types:
        keep &= frame["event_type"].isin(view.types)
    return frame[keep.astype(bool)]


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


def summary(frame: pd.DataFrame) -> dict[str, int]:
    """Headline numbers for the filtered incidents."""
    return {
        "incidents": int(len(frame)),
        "fatalities": int(frame["fatalities"].fillna(0).sum()) if len(frame) else 0,
        "countries": int(frame["country"].dropna().nunique()) if len(frame) else 0,
        "unmapped": int(len(frame) - len(mappable(frame))),
    }


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
