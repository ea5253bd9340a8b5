"""The analysts' dashboard: a Streamlit page with a Folium map of stored incidents.

`app.py` is the page; the modules beside it hold the logic as plain functions:
`view_state` (URL <-> filters), `data` (loading and filtering DataFrames),
`map_view` (the Folium map), `timeline` (incidents per day), `assets` (Leaflet served locally, for offline use)
and `borders` (country outlines from an installed package, simplified and
served locally, so the map reads without tiles).
"""
