"""What every page shares, created once per server process: the store, the served
map assets, the country borders, the lock that guards the demo build, and the
cached answers of the map page's queries.

Pages import these instead of opening their own, so a rerun of any page reuses
one engine and one gazetteer (Streamlit's ``st.cache_resource``). Query results
are cached (``st.cache_data``) per store URL, store version and filters: an ingest or
a merge changes the version, so it shows at once; moving the map, switching its layer
or selecting an incident asks the store nothing new for the map, counts and table.
"""
from __future__ import annotations

import dataclasses
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from dashboard import assets, borders, query
from dashboard.view_state import DEFAULT_LAYER, ViewState
from incidents.store import Store

QUERY_TTL = 3600  # seconds an answer is kept (answers are keyed on the store's version, so never stale)
_PREFETCH = ThreadPoolExecutor(max_workers=2, thread_name_prefix="dashboard-prefetch")


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


def data_version(url: str) -> tuple[int, int]:
    """The store's change marker (`Store.data_version`): every cached answer is keyed on it,
    so an ingest or a merge shows at once and nothing unchanged is ever asked twice."""
    return open_store(url).data_version()


@st.cache_data(ttl=QUERY_TTL, show_spinner=False)
def _date_extent(url: str, version):
    return query.date_extent(_engine(url))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False)
def _filter_options(url: str, version):
    return query.filter_options(_engine(url))


# Each cached query is keyed on the store's version and filters_of(view), never on the whole view.
@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _summary(url: str, version, filters: ViewState):
    return query.summary(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _bounds(url: str, version, filters: ViewState):
    return query.bounds(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _timeline(url: str, version, filters: ViewState):
    return query.timeline(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def _newest(url: str, version, filters: ViewState, limit: int, mapped_only: bool = False):
    return query.newest(_engine(url), filters, limit, mapped_only=mapped_only)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def _density_grid(url: str, version, filters: ViewState):
    return query.density_grid(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=16)
def _heat_grid(url: str, version, filters: ViewState):
    return query.density_grid(_engine(url), filters, max_cells=query.MAX_HEAT_CELLS)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def _province_counts(url: str, version, filters: ViewState):
    return query.province_counts(_engine(url), filters)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _incident(url: str, version, incident_id: int):
    return query.incident(_engine(url), incident_id)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def _newest_events(url: str, version, filters: ViewState, limit: int):
    return query.combined(open_store(url), query.newest(_engine(url), filters, limit))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _event_of(url: str, version, incident_id: int):
    return query.event_of(_engine(url), incident_id)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _event(url: str, version, event_id: int):
    found = open_store(url).events_by_id([event_id])
    return found[0] if found else None


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _event_reports(url: str, version, event_id: int):
    return open_store(url).event_incidents(event_id)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def _in_view(url: str, version, filters: ViewState, incident_id: int):
    return query.in_view(_engine(url), filters, incident_id)


def date_extent(url: str):
    return _date_extent(url, data_version(url))


def filter_options(url: str):
    return _filter_options(url, data_version(url))


def summary(url: str, view: ViewState):
    return _summary(url, data_version(url), filters_of(view))


def bounds(url: str, view: ViewState):
    return _bounds(url, data_version(url), filters_of(view))


def timeline(url: str, view: ViewState):
    return _timeline(url, data_version(url), filters_of(view))


def newest(url: str, view: ViewState, limit: int, mapped_only: bool = False):
    return _newest(url, data_version(url), filters_of(view), limit, mapped_only)


def table_rows(url: str, view: ViewState, limit: int):
    """The newest `limit` rows of the view as the table shows them: events' combined
    records (with `sources`) when the view shows events, else the reports themselves."""
    if filters_of(view).events:
        return _newest_events(url, data_version(url), filters_of(view), limit)
    return _newest(url, data_version(url), filters_of(view), limit, False)


def density_grid(url: str, view: ViewState):
    return _density_grid(url, data_version(url), filters_of(view))


def heat_grid(url: str, view: ViewState):
    """The view's incidents binned finely (query.MAX_HEAT_CELLS): the heat map's weighted points."""
    return _heat_grid(url, data_version(url), filters_of(view))


def province_counts(url: str, view: ViewState):
    return _province_counts(url, data_version(url), filters_of(view))


def incident(url: str, incident_id: int):
    return _incident(url, data_version(url), incident_id)


def event_of(url: str, incident_id: int):
    return _event_of(url, data_version(url), incident_id)


def event(url: str, event_id: int):
    """The event's combined record, or None."""
    return _event(url, data_version(url), event_id)


def event_reports(url: str, event_id: int):
    """The event's reports with their merge decisions (`Store.event_incidents`)."""
    return _event_reports(url, data_version(url), event_id)


def in_view(url: str, view: ViewState, incident_id: int) -> bool:
    return _in_view(url, data_version(url), filters_of(view), incident_id)


def prefetch(url: str, view: ViewState, table_limit: int) -> None:
    """Start the view's timeline, table and bounds queries on other threads, while the page's
    thread runs the counts and the map's query: the database works on both cores (SQLite and
    PostgreSQL drivers release the GIL). The page then reads them from the cache; a query still
    running makes it wait for that answer (Streamlit's per-key compute lock), never run it twice."""
    context = get_script_run_ctx(suppress_warning=True)
    for job, args in ((timeline, (url, view)), (table_rows, (url, view, table_limit)), (bounds, (url, view))):
        _PREFETCH.submit(_prefetch_one, context, job, args)


def _prefetch_one(context, job, args) -> None:
    add_script_run_ctx(threading.current_thread(), context)  # st.cache_data's bookkeeping wants the run's context
    try:
        job(*args)
    except Exception:  # noqa: BLE001  the page's own call meets the same error and shows it
        pass
    finally:
        add_script_run_ctx(threading.current_thread(), None)


def forget_queries() -> None:
    """Drop every cached answer (after the store was filled)."""
    for cached in (_date_extent, _filter_options, _summary, _bounds, _timeline, _newest, _density_grid, _heat_grid,
                   _province_counts, _incident, _in_view, _newest_events, _event_of, _event, _event_reports):
        cached.clear()
