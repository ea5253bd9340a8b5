"""Conflict incidents on a map: the dashboard's entry point. It only routes.

Run from the repository root:  streamlit run dashboard/app.py
The pages live in dashboard/pages/; the logic they lay out lives in the modules
beside this file.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # `streamlit run` puts only dashboard/ on the path
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

PAGES = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="Conflict incidents", page_icon="🗺️", layout="wide")
explore = st.Page(PAGES / "explore.py", title="Map", icon=":material/map:", default=True)
st.navigation([explore]).run()
