"""The timeline under the metrics: incidents per day, stacked by event type,
in the map legend's colours (dashboard.map_view.EVENT_TYPE_COLORS), with a brush
that narrows the date filter (dashboard.view_state.brush_dates reads it)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.map_view import EVENT_TYPE_COLORS

BRUSH = "brush"  # the interval selection's name: st.altair_chart returns it under this key


def timeline_chart(counts: pd.DataFrame, height: int = 300) -> alt.Chart:
    """An Altair bar chart of incidents per day by event type, from counts per day and
    type (dashboard.query.timeline: ``date``, ``event_type``, ``incidents``), so the
    browser gets one bar segment per day and type, never one row per incident.

    `height` is the whole chart's, axis and legend included (Streamlit sizes it so; at
    180 px the bars had no room left). Days are UTC days (``utcyearmonthdate``): the bars, the axis and the brush's values
    do not depend on the browser's time zone. Dragging across the chart selects an
    interval of days (BRUSH, x only)."""
    color = alt.Color(
        "event_type:N", title="Event type",
        scale=alt.Scale(domain=list(EVENT_TYPE_COLORS), range=list(EVENT_TYPE_COLORS.values())),
        legend=alt.Legend(orient="bottom", columns=3),
    )
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("utcyearmonthdate(date):T", title="Day (drag across the bars to narrow the dates)",
                    axis=alt.Axis(format="%Y-%m-%d")),
            y=alt.Y("sum(incidents):Q", title="Incidents", axis=alt.Axis(tickMinStep=1)),
            color=color,
            tooltip=[alt.Tooltip("utcyearmonthdate(date):T", title="Day", format="%Y-%m-%d"),
                     alt.Tooltip("event_type:N", title="Event type"),
                     alt.Tooltip("sum(incidents):Q", title="Incidents")],
        )
        .add_params(brush)
        .properties(height=height)
    )
