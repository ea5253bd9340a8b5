"""What every page shares, created once per server process: the store, the served
map assets, the country borders, the lock that guards the demo build, and the
cached answers of the map page's queries.

Pages import these instead of opening their own, so a rerun of any page reuses
one engine and one gazetteer (Streamlit's ``st.cache_resource``). Query results
are cached per store URL and view (``st.cache_data``, for a minute, so new
ingests show up), keyed on the filters only: moving the map, switching its layer or
selecting an incident asks the store nothing new for the map, counts and table.
"""
from __future__ import annotations

import dataclasses
import sys
import threading

import streamlit as st

from dashboard import assets, borders, query
from dashboard.view_state import DEFAULT_LAYER, ViewState
from incidents.store import Store

QUERY_TTL = 60  # seconds a query's answer is reused


@st.cache_resource(show_spinner=False)
def open_store(url: str) -> Store:
    from dashboard.access import read_only_deployment  # DASHBOARD_READ_ONLY=1: the database refuses writes

    return Store(url, read_only=read_only_deployment())


@st.cache_resource(show_spinner=False)
def demo_build_lock(url: str) -> threading.Lock:
    return threading.Lock()


@st.cache_resource(show_spinner=False)
def vendor_assets() -> int:
    return assets.ensure_vendor_assets()


@st.cache_resource(show_spinner=False)
def borders_file() -> bool:
    """Simplify the installed country borders into the served folder, once per process."""
    try:
        return borders.ensure_borders_file() is not None
    except (OSError, ValueError) as err:  # the map still draws, without borders
        print(f"dashboard: country borders not available: {err}", file=sys.stderr)
        return False


def filters_of(view: ViewState) -> ViewState:
    """The view without what does not filter (the layer, the map's position, the selected
    incident): the cache key, so panning the map or picking an incident asks the store nothing."""
    return dataclasses.replace(view, layer=DEFAULT_LAYER, lat=None, lon=None, zoom=None, incident=None)


def _engine(url: str):
    return open_store(url).engine


@st.cache_data(ttl=QUERY_TTL, show_spinner=False)
def date_extent(url: str):
    return query.date_extent(_engine(url))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False)
def filter_options(url: str):
    return query.filter_options(_engine(url))


# Each cached query is keyed on filters_of(view), never on the whole view.
@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _summary(url: str, filters: ViewState):
    return query.summary(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _bounds(url: str, filters: ViewState):
    return query.bounds(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _timeline(url: str, filters: ViewState):
    return query.timeline(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def _newest(url: str, filters: ViewState, limit: int, mapped_only: bool = False):
    return query.newest(_engine(url), filters, limit, mapped_only=mapped_only)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def _density_grid(url: str, filters: ViewState):
    return query.density_grid(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def _province_counts(url: str, filters: ViewState):
    return query.province_counts(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def incident(url: str, incident_id: int):
    return query.incident(_engine(url), incident_id)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def _newest_events(url: str, filters: ViewState, limit: int):
    return query.combined(open_store(url), query.newest(_engine(url), filters, limit))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def event_of(url: str, incident_id: int):
    return query.event_of(_engine(url), incident_id)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def event(url: str, event_id: int):
    """The event's combined record, or None."""
    found = open_store(url).events_by_id([event_id])
    return found[0] if found else None


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def event_reports(url: str, event_id: int):
    """The event's reports with their merge decisions (`Store.event_incidents`)."""
    return open_store(url).event_incidents(event_id)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _in_view(url: str, filters: ViewState, incident_id: int):
    return query.in_view(_engine(url), filters, incident_id)


def summary(url: str, view: ViewState):
    return _summary(url, filters_of(view))


def bounds(url: str, view: ViewState):
    return _bounds(url, filters_of(view))


def timeline(url: str, view: ViewState):
    return _timeline(url, filters_of(view))


def newest(url: str, view: ViewState, limit: int, mapped_only: bool = False):
    return _newest(url, filters_of(view), limit, mapped_only)


def table_rows(url: str, view: ViewState, limit: int):
    """The newest `limit` rows of the view as the table shows them: events' combined
    records (with `sources`) when the view shows events, else the reports themselves."""
    if filters_of(view).events:
        return _newest_events(url, filters_of(view), limit)
    return _newest(url, filters_of(view), limit, False)


def density_grid(url: str, view: ViewState):
    return _density_grid(url, filters_of(view))


def province_counts(url: str, view: ViewState):
    return _province_counts(url, filters_of(view))


def in_view(url: str, view: ViewState, incident_id: int) -> bool:
    return _in_view(url, filters_of(view), incident_id)


def forget_queries() -> None:
    """Drop every cached answer (after the store was filled)."""
    for cached in (date_extent, filter_options, _summary, _bounds, _timeline, _newest, _density_grid,
                   _province_counts, incident, _in_view, _newest_events, event_of, event, event_reports):
        cached.clear()
