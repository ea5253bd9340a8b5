"""The timeline under the map: incidents per day, stacked by event type in the map
legend's colours (dashboard.map_view.EVENT_TYPE_COLORS), with a brush: dragging across
the bars narrows the date filter (dashboard.view_state.brush_dates reads it).

An inline Streamlit component (no iframe) that draws on a canvas, with its script and
style in timeline.js and timeline.css beside this file. It replaced a Vega-Lite chart,
whose 0.8 MB of script took a new visitor's browser about half a second on this machine.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import dashboard.inline_component as inline
from dashboard.map_view import EVENT_TYPE_COLORS, UNKNOWN_COLOR

COMPONENT_NAME = "conflict_map.timeline"
BRUSH = "brush"  # the trigger the chart sends when days are dragged across: {"start": ISO day, "end": ISO day}
HEIGHT = 240  # pixels of the plot with its axes (the legend is below)
HTML = ('<div class="timeline"><canvas role="img"></canvas><div class="brush-band"></div>'
        '<div class="timeline-tip"></div><div class="timeline-note"></div><div class="timeline-legend"></div></div>')
EPOCH = dt.date(1970, 1, 1)


def timeline_data(counts: pd.DataFrame, height: int = HEIGHT) -> dict[str, Any]:
    """What the chart draws, from dashboard.query.timeline's counts (``date``, ``event_type``,
    ``incidents``): the days that have incidents (days since 1970-01-01, ascending) and, per
    event type present (in the legend's order, unknown types last), its count on each of those
    days. One number per day and type crosses to the browser, never one row per incident."""
    if counts.empty:
        return {"days": [], "types": [], "height": height, "title": "No dated incidents in view."}
    table = counts.pivot_table(index="date", columns="event_type", values="incidents", aggfunc="sum", fill_value=0)
    table = table.sort_index()
    order = [t for t in EVENT_TYPE_COLORS if t in table.columns] + sorted(t for t in table.columns
                                                                          if t not in EVENT_TYPE_COLORS)
    days = [(d.date() - EPOCH).days for d in table.index]
    return {
        "days": days,
        "types": [{"name": str(t), "color": EVENT_TYPE_COLORS.get(t, UNKNOWN_COLOR),
                   "counts": [int(n) for n in table[t].tolist()]} for t in order],
        "height": height,
        "title": "Drag across the bars to narrow the dates.",
    }


def show_timeline(counts: pd.DataFrame, *, key: str, on_brush: Callable[[], None]) -> None:
    """Draw the chart; `on_brush` runs (before the next run) when days were dragged across,
    and reads them with `brushed(key)`."""
    inline.component(COMPONENT_NAME, HTML, "timeline")(data=timeline_data(counts), key=key,
                                                       on_brush_change=on_brush, height="content")


def brushed(key: str) -> Any:
    """The days last dragged across on the chart with this key (the BRUSH trigger's value), or None."""
    state = st.session_state.get(key)
    return state.get(BRUSH) if hasattr(state, "get") else None
