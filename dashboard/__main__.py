"""Serve the dashboard:  python -m dashboard [STREAMLIT OPTIONS...]

Run from the repository root (its .streamlit/config.toml turns on the static
serving the offline map needs). The same as `streamlit run dashboard/app.py
[OPTIONS]`, with one difference: the libraries the map page uses (pandas, pyarrow,
SQLAlchemy, folium) are loaded while the server starts, so the first visitor's
page does not wait about a second for them. Options go to Streamlit as they are,
for example:

    python -m dashboard --server.port 8502 --server.address 0.0.0.0
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

CONFIG_TABLE = "dashboard"  # as dashboard.map_view.CONFIG_TABLE (not imported here: it loads folium)

APP = Path(__file__).resolve().parent / "app.py"


def preload() -> None:
    """Import the libraries the map page uses. Not dashboard.resources: Streamlit caches
    declared before its runtime starts would not use the runtime's storage. Not
    streamlit_folium: it declares its component when imported, which needs a page run."""
    import folium.plugins  # noqa: F401  (streamlit_folium imports it: 0.3 s compiling its templates)
    import streamlit.emojis  # noqa: F401  (the page icon is an emoji: Streamlit checks it against this catalog, 0.17 s)
    import pyarrow  # noqa: F401  (what st.dataframe serialises with)

    from dashboard import data, map_view, query, timeline, view_state  # noqa: F401


class _OurConfigTable(logging.Filter):
    """Streamlit warns that the options of config.toml's [dashboard] table (map tiles, read by
    dashboard.map_view) are not its own; they are ours, so that warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.getMessage().startswith(f'"{CONFIG_TABLE}.') and "not a valid config option" in record.getMessage())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    logging.getLogger("streamlit.config").addFilter(_OurConfigTable())
    preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
