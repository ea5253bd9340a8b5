"""The dashboard's filters and their URL form: a public contract.

A view is shared as a link, so its query parameters are stable:

* ``start``, ``end`` -- ISO dates (``YYYY-MM-DD``), both inclusive;
* ``types`` -- comma-separated ACLED event types, e.g.
  ``types=Battles,Explosions/Remote violence``.

A missing parameter means the default: from the first / to the last stored
incident, all event types. Defaults are left out of the URL. Anything that
cannot be read is ignored and reported as a notice, never raised.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from incidents.record import EVENT_TYPES

KNOWN_PARAMS = ("start", "end", "types")
_TYPE_BY_KEY = {name.casefold(): name for name in EVENT_TYPES}


@dataclass(frozen=True)
class ViewState:
    """What the analyst is looking at. ``None`` / empty means the default."""

    start: dt.date | None = None
    end: dt.date | None = None
    types: tuple[str, ...] = ()  # ACLED event types in EVENT_TYPES order; () = all


def _values(raw: str | Sequence[str] | None) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(item) for item in raw]


def _parse_date(name: str, raw: str | Sequence[str] | None, notices: list[str]) -> dt.date | None:
    values = [v.strip() for v in _values(raw)]
    values = [v for v in values if v]
    if not values:
        return None
    if len(set(values)) > 1:
        notices.append(f"The link gives `{name}` more than once; using the last value, {values[-1]!r}.")
    text = values[-1]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        notices.append(f"Ignored `{name}={text}`: not a date of the form YYYY-MM-DD.")
        return None


def ordered_types(types: Iterable[str]) -> tuple[str, ...]:
    """Known ACLED event types, deduplicated, in EVENT_TYPES order."""
    wanted = set(types)
    return tuple(name for name in EVENT_TYPES if name in wanted)


def _parse_types(raw: str | Sequence[str] | None, notices: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    unknown: list[str] = []
    for value in _values(raw):
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            name = _TYPE_BY_KEY.get(part.casefold())
            if name is None:
                unknown.append(part)
            else:
                found.append(name)
    if unknown:
        listed = ", ".join(repr(u) for u in unknown)
        notices.append(f"Ignored unknown event type(s) in `types`: {listed}.")
    types = ordered_types(found)
    return () if len(types) == len(EVENT_TYPES) else types


def parse_view(params: Mapping[str, str | Sequence[str]]) -> tuple[ViewState, list[str]]:
    """The view a link asks for, and notices about what in it was ignored or fixed."""
    notices: list[str] = []
    extra = sorted(name for name in params if name not in KNOWN_PARAMS)
    if extra:
        notices.append(
            "Ignored unknown link parameter(s): " + ", ".join(f"`{name}`" for name in extra) + "."
        )
    start = _parse_date("start", params.get("start"), notices)
    end = _parse_date("end", params.get("end"), notices)
    if start is not None and end is not None and start > end:
        notices.append(f"The link's start ({start}) is after its end ({end}); swapped them.")
        start, end = end, start
    types = _parse_types(params.get("types"), notices)
    return ViewState(start=start, end=end, types=types), notices


def view_to_params(view: ViewState) -> dict[str, str]:
    """The query parameters for a view: only what differs from the defaults."""
    params: dict[str, str] = {}
    if view.start is not None:
        params["start"] = view.start.isoformat()
    if view.end is not None:
        params["end"] = view.end.isoformat()
    types = ordered_types(view.types)
    if types and len(types) < len(EVENT_TYPES):
        params["types"] = ",".join(types)
    return params


# -- between the view and the sidebar widgets ---------------------------------
def date_range(view: ViewState, extent: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The two dates the date filter shows: the view's, else the data's extent."""
    first, last = extent
    start = view.start or first
    end = view.end or last
    if start > end:
        # Only one bound was given and it lies outside the data: keep it, and
        # let the other bound meet it.
        if view.start is not None:
            end = start
        else:
            start = end
    return start, end


def view_from_widgets(
    dates: Sequence[dt.date] | dt.date | None,
    types: Iterable[str],
    extent: tuple[dt.date, dt.date],
) -> ViewState:
    """The view the widgets show, with the data's extent and "all types" as defaults.

    A date range still being picked (one date chosen) counts as that start date
    with the default end.
    """
    if isinstance(dates, dt.date):
        dates = (dates,)
    picked = [d for d in (dates or ()) if d is not None]
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None
    if start is not None and end is not None and start > end:
        start, end = end, start
    first, last = extent
    chosen = ordered_types(types)
    return ViewState(
        start=None if start == first else start,
        end=None if end == last else end,
        types=() if len(chosen) == len(EVENT_TYPES) else chosen,
    )



def date_limits(
    extent: tuple[dt.date, dt.date], dates: Sequence[dt.date] = (), today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The range the date picker offers: whole years around the data, the view and today."""
    today = today or dt.date.today()
    chosen = [d for d in dates if isinstance(d, dt.date)]
    low = min([extent[0], *chosen])
    high = max([extent[1], today, *chosen])
    return low.replace(month=1, day=1), high.replace(month=12, day=31)


# -- reading and comparing URL parameters ----------------------------------------
def read_params(query_params) -> dict[str, list[str]]:
    """Every value of every parameter of a `st.query_params`-like object."""
    return {name: list(query_params.get_all(name)) for name in query_params}


def same_params(a: Mapping[str, str | Sequence[str]], b: Mapping[str, str | Sequence[str]]) -> bool:
    """Whether two parameter mappings say the same, whatever their value shapes."""
    def canon(params):
        return {name: tuple(_values(value)) for name, value in params.items()}

    return canon(a) == canon(b)
