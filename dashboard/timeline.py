"""The timeline under the metrics: incidents per day, stacked by event type,
in the map legend's colours (dashboard.map_view.EVENT_TYPE_COLORS)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.map_view import EVENT_TYPE_COLORS


def timeline_chart(counts: pd.DataFrame, height: int = 180) -> alt.Chart:
    """An Altair bar chart of incidents per day by event type, from counts per day and
    type (dashboard.query.timeline: ``date``, ``event_type``, ``incidents``), so the
    browser gets one bar segment per day and type, never one row per incident."""
    color = alt.Color(
        "event_type:N", title="Event type",
        scale=alt.Scale(domain=list(EVENT_TYPE_COLORS), range=list(EVENT_TYPE_COLORS.values())),
        legend=alt.Legend(orient="bottom", columns=3),
    )
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("yearmonthdate(date):T", title="Day", axis=alt.Axis(format="%Y-%m-%d")),
            y=alt.Y("sum(incidents):Q", title="Incidents", axis=alt.Axis(tickMinStep=1)),
            color=color,
            tooltip=[alt.Tooltip("yearmonthdate(date):T", title="Day", format="%Y-%m-%d"),
                     alt.Tooltip("event_type:N", title="Event type"),
                     alt.Tooltip("sum(incidents):Q", title="Incidents")],
        )
        .properties(height=height)
    )
