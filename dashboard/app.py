"""Conflict incidents on a map: the dashboard's entry point. It only routes.

Run from the repository root:  streamlit run dashboard/app.py
The pages live in dashboard/views/ (not pages/, which Streamlit would also
run on its own, bypassing this router); the logic they lay out lives in the modules
beside this file. Who may write is decided in dashboard/access.py: with
DASHBOARD_READ_ONLY=1 the "Add a report" page is not routed at all and the store
is opened read-only; with [auth] in .streamlit/secrets.toml, adding a report needs a login.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # `streamlit run` puts only dashboard/ on the path
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402
import streamlit.delta_generator  # noqa: E402

# Before its first element, Streamlit asks once per process whether it runs in a REPL, with
# inspect.stack(), which resolves the file of every loaded module: 0.3 s of a fresh server's
# first page. Under `streamlit run` (and AppTest) the answer is no; say it has been asked.
streamlit.delta_generator._use_warning_has_been_displayed = True

from dashboard import access  # noqa: E402
from dashboard.resources import open_store  # noqa: E402
from incidents.errors import StoreError  # noqa: E402
from incidents.store import database_url  # noqa: E402

PAGES = Path(__file__).resolve().parent / "views"

# An emoji, not a :material/…: icon: the browser fetches those as favicons from Google's font server.
st.set_page_config(page_title="Conflict incidents", page_icon="🗺️", layout="wide")
try:
    store = open_store(database_url())  # opened once per process; every page reuses it
    empty = store.read_only and store.count_articles() == 0
except StoreError as err:
    st.error(f"The incident store cannot be opened: {err}", icon=":material/error:")
    st.stop()
if empty:
    st.info(f"The store is empty, and this dashboard is read-only ({access.READ_ONLY_VARIABLE}=1): fill it with "
            "`python -m incidents ingest PATH…` where it is writable.", icon=":material/info:")

pages = [st.Page(PAGES / "explore.py", title="Map", icon=":material/map:", default=True)]
if access.editing_enabled():
    pages.append(st.Page(PAGES / "add_report.py", title="Add a report", icon=":material/post_add:"))
st.navigation(pages).run()
