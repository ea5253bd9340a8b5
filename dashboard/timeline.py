"""The timeline under the metrics: incidents per day, stacked by event type,
in the map legend's colours (dashboard.map_view.EVENT_TYPE_COLORS), with a brush
that narrows the date filter (dashboard.view_state.brush_dates reads it).

Written as a plain Vega-Lite spec for st.vega_lite_chart rather than with Altair:
importing Altair cost the first visitor of a fresh server about 0.3 s, and
validating its chart object another 30-70 ms on every rerun."""
from __future__ import annotations

from typing import Any

from dashboard.map_view import EVENT_TYPE_COLORS

BRUSH = "brush"  # the interval selection's name: st.vega_lite_chart returns it under this key
DAY = "utcyearmonthdate"  # UTC days: bars, axis and brush do not depend on the browser's time zone


def timeline_spec(height: int = 300) -> dict[str, Any]:
    """A Vega-Lite bar chart of incidents per day by event type, for the counts per day and
    type that st.vega_lite_chart is given as its data (dashboard.query.timeline: ``date``,
    ``event_type``, ``incidents``), so the browser gets one bar segment per day and type,
    never one row per incident.

    `height` is the whole chart's, axis and legend included (Streamlit sizes it so; at
    180 px the bars had no room left). Dragging across the chart selects an interval of
    days (BRUSH, x only)."""
    day = {"field": "date", "type": "temporal", "timeUnit": DAY}
    total = {"field": "incidents", "type": "quantitative", "aggregate": "sum"}
    return {
        "mark": {"type": "bar"},
        "encoding": {
            "x": {**day, "title": "Day (drag across the bars to narrow the dates)", "axis": {"format": "%Y-%m-%d"}},
            "y": {**total, "title": "Incidents", "axis": {"tickMinStep": 1}},
            "color": {"field": "event_type", "type": "nominal", "title": "Event type",
                      "scale": {"domain": list(EVENT_TYPE_COLORS), "range": list(EVENT_TYPE_COLORS.values())},
                      "legend": {"orient": "bottom", "columns": 3}},
            "tooltip": [{**day, "title": "Day", "format": "%Y-%m-%d"},
                        {"field": "event_type", "type": "nominal", "title": "Event type"},
                        {**total, "title": "Incidents"}],
        },
        "params": [{"name": BRUSH, "select": {"type": "interval", "encodings": ["x"]}}],
        "height": height,
    }
