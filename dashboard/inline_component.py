"""The dashboard's inline Streamlit components (st.components.v2: drawn in the page,
no iframe), each a script and a style sheet beside this file, named after its module
(copy_link.js and copy_link.css for dashboard/copy_link.py)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def component(name: str, html: str, stem: str):
    """The mounting function of the component `name`, registered once per process
    (registering again on every run would replace it each time)."""
    return st.components.v2.component(
        name, html=html,
        js=(HERE / f"{stem}.js").read_text(encoding="utf-8"),
        css=(HERE / f"{stem}.css").read_text(encoding="utf-8"),
    )
