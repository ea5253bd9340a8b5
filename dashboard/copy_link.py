"""The sidebar's link to the current view, with a one-click "Copy link" button.

st.code has a copy button too, but it brings Streamlit's 1.5 MB syntax highlighter
to the browser; on a two-core machine parsing it delayed the first map by about a
second. This is an inline component (no iframe): the link as text and a button,
with its script and style in copy_link.js and copy_link.css beside this file.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

COMPONENT_NAME = "conflict_map.copy_link"
HTML = '<div class="copy-link"><span class="share-link"></span>' \
       '<button type="button" class="copy-button">Copy link</button>' \
       '<span class="copy-status" role="status"></span></div>'
HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def _component():
    """Registered once per process: registering again on every run would replace it each time."""
    return st.components.v2.component(
        COMPONENT_NAME, html=HTML,
        js=(HERE / "copy_link.js").read_text(encoding="utf-8"),
        css=(HERE / "copy_link.css").read_text(encoding="utf-8"),
    )


def copy_link(url: str, *, key: str = "share_link") -> None:
    """Show `url` (set as text in the browser, never as markup) and a button that copies it."""
    _component()(data={"url": url}, key=key)
