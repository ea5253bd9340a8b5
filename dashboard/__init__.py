"""The analysts' dashboard: a Streamlit page with a Folium map of stored incidents.

`app.py` is the page; the modules beside it hold the logic as plain functions:
`view_state` (URL <-> filters), `data` (loading and filtering DataFrames),
`map_view` (the Folium map) and `assets` (Leaflet served locally, for offline use).
"""
