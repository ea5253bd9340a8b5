"""What every page shares, created once per server process: the store, the served
map assets, the country borders, and the lock that guards the demo build.

Pages import these instead of opening their own, so a rerun of any page reuses
one engine and one gazetteer (Streamlit's ``st.cache_resource``).
"""
from __future__ import annotations

import sys
import threading

import streamlit as st

from dashboard import assets, borders, data
from incidents.store import Store


@st.cache_resource(show_spinner=False)
def open_store(url: str) -> Store:
    return Store(url)


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


@st.cache_data(ttl=60, show_spinner=False)
def incidents_frame(url: str):
    return data.load_incidents(open_store(url))
