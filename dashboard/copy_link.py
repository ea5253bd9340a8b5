"""The sidebar's link to the current view, with a one-click "Copy link" button.

st.code has a copy button too, but it brings Streamlit's 1.5 MB syntax highlighter
to the browser; on a two-core machine parsing it delayed the first map by about a
second. This is an inline component (no iframe): the link as text and a button,
with its script and style in copy_link.js and copy_link.css beside this file.
"""
from __future__ import annotations

import dashboard.inline_component as inline

COMPONENT_NAME = "conflict_map.copy_link"
HTML = '<div class="copy-link"><span class="share-link"></span>' \
       '<button type="button" class="copy-button">Copy link</button>' \
       '<span class="copy-status" role="status"></span></div>'


def copy_link(url: str, *, key: str = "share_link") -> None:
    """Show `url` (set as text in the browser, never as markup) and a button that copies it."""
    inline.component(COMPONENT_NAME, HTML, "copy_link")(data={"url": url}, key=key)
