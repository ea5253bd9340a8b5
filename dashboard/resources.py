"""What every page shares, created once per server process: the store, the served
map assets, the country borders, the lock that guards the demo build, and the
cached answers of the map page's queries.

Pages import these instead of opening their own, so a rerun of any page reuses
one engine and one gazetteer (Streamlit's ``st.cache_resource``). Query results
are cached per store URL and view (``st.cache_data``, for a minute, so new
ingests show up): moving the map or switching its layer asks the store nothing new.
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
    """The view without what does not filter (the layer), as a cache key."""
    return dataclasses.replace(view, layer=DEFAULT_LAYER)


def _engine(url: str):
    return open_store(url).engine


@st.cache_data(ttl=QUERY_TTL, show_spinner=False)
def date_extent(url: str):
    return query.date_extent(_engine(url))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False)
def filter_options(url: str):
    return query.filter_options(_engine(url))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def summary(url: str, view: ViewState):
    return query.summary(_engine(url), filters_of(view))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def bounds(url: str, view: ViewState):
    return query.bounds(_engine(url), filters_of(view))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=64)
def timeline(url: str, view: ViewState):
    return query.timeline(_engine(url), filters_of(view))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def newest(url: str, view: ViewState, limit: int, mapped_only: bool = False):
    return query.newest(_engine(url), filters_of(view), limit, mapped_only=mapped_only)


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def density_grid(url: str, view: ViewState):
    return query.density_grid(_engine(url), filters_of(view))


@st.cache_data(ttl=QUERY_TTL, show_spinner=False, max_entries=32)
def province_counts(url: str, view: ViewState):
    return query.province_counts(_engine(url), filters_of(view))


def forget_queries() -> None:
    """Drop every cached answer (after the store was filled)."""
    for cached in (date_extent, filter_options, summary, bounds, timeline, newest, density_grid, province_counts):
        cached.clear()
