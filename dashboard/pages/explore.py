"""The map page: filters, map, timeline, table and downloads of the stored incidents.

Routed by dashboard/app.py (run from the repository root: streamlit run dashboard/app.py).
The view is in the URL (?start=YYYY-MM-DD&end=YYYY-MM-DD&types=Battles,Riots&q=...;
every parameter is listed in dashboard/view_state.py), so a copied link reopens
the same view. Logic lives in the modules beside this
file; the page only lays them out, top to bottom.
"""
from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard import assets, borders, data, map_view, query, resources
from dashboard.resources import borders_file, demo_build_lock, open_store, vendor_assets
from dashboard.timeline import timeline_chart
from dashboard.view_state import (
    LAYERS,
    MAX_FATALITIES,
    date_limits,
    date_range,
    fit_options,
    ordered_types,
    parse_view,
    read_params,
    same_params,
    share_link,
    subs_of,
    view_from_widgets,
    view_to_params,
)
from incidents.demo import ensure_demo_store
from incidents.record import EVENT_TYPES
from incidents.store import database_url


def forget_link_notices() -> None:
    st.session_state["link_notices"] = []


def app_url() -> str | None:
    """The app's address in the browser, when the Streamlit version and session tell it."""
    try:
        return st.context.url
    except Exception:  # an older Streamlit, or no browser session (AppTest)
        return None


st.title("Conflict incidents")
st.caption("ACLED-style incidents extracted from news reports. Click a marker for its evidence and source.")

# -- the store (the demo data is built on first start) ---------------------------
vendor_assets()
have_borders = borders_file()
if not st.get_option("server.enableStaticServing"):
    st.warning("Static file serving is off, so the map cannot load Leaflet: start the app from the "
               "repository root (its .streamlit/config.toml sets `server.enableStaticServing`).")
store_url = database_url()
store = open_store(store_url)
if store.count_articles() == 0 and not store.embedded:
    # A shared team store is never filled with demo data behind the team's back.
    st.info("The store is empty. Add reports with `python -m incidents ingest PATH…` or "
            "`python -m incidents import-dataset FILE`, then reload this page.")
elif store.count_articles() == 0:
    with demo_build_lock(store_url):
        if store.count_articles() == 0:
            with st.status("Building the demo store from the sample reports…", expanded=True) as status:
                bar = st.progress(0.0, text="Starting… (the first start also compiles the gazetteer)")
                try:
                    found = ensure_demo_store(
                        store, progress=lambda done, total, label: bar.progress(*data.progress_step(done, total, label))
                    )
                except Exception as err:  # shown on the page, not as a traceback
                    status.update(label="Could not build the demo store", state="error", expanded=True)
                    st.error(f"Could not build the demo store: {err}")
                    st.stop()
                status.update(label=f"Demo store ready: {found} incident{'' if found == 1 else 's'}", state="complete", expanded=False)
            resources.forget_queries()
extent = resources.date_extent(store_url)
options = resources.filter_options(store_url)

# -- the view: from the URL when it changed, else from the widgets ---------------
url_params = read_params(st.query_params)
if not same_params(url_params, st.session_state.get("written_params", {})) or "filter_dates" not in st.session_state:
    view, notices = parse_view(url_params)
    view, not_in_data = fit_options(view, options["actors"], list(options["countries"]), options["admin1"])
    st.session_state["filter_dates"] = date_range(view, extent)
    st.session_state["filter_types"] = list(view.types)
    st.session_state["filter_subs"] = list(view.subs)
    st.session_state["filter_actors"] = list(view.actors)
    st.session_state["filter_countries"] = list(view.countries)
    st.session_state["filter_admin1"] = list(view.admin1)
    st.session_state["filter_min_fatalities"] = view.min_fatalities
    st.session_state["filter_min_confidence"] = view.min_confidence
    st.session_state["filter_q"] = view.q
    st.session_state["filter_layer"] = view.layer
    st.session_state["link_notices"] = notices + not_in_data
for notice in st.session_state.get("link_notices", []):
    st.warning(notice, icon=":material/link_off:")

first_day, last_day = date_limits(extent, st.session_state["filter_dates"])
LAYER_LABELS = {"auto": "Automatic", "incidents": "Incidents (one dot each)", "clusters": "Clusters",
                "density": "Density (heat grid)", "provinces": "Counts by province"}
with st.sidebar:
    layer = st.radio(
        "Map layer", list(LAYERS), key="filter_layer", format_func=LAYER_LABELS.get, on_change=forget_link_notices,
        help=f"Automatic: single incidents up to {map_view.AUTO_MARKER_LIMIT:,} in view, else the density grid. "
             f"Single incidents or clusters draw the newest {map_view.MAX_MARKERS:,} at most; "
             "the density grid and the province circles count every incident in view.",
    )
    st.header("Filters")
    dates = st.date_input(
        "Date range", key="filter_dates", format="YYYY-MM-DD", min_value=first_day, max_value=last_day, on_change=forget_link_notices,
        help="Both days included. Opens on the first and last stored incident.",
    )
    types = st.multiselect(
        "Event types", list(EVENT_TYPES), key="filter_types", placeholder="All event types", on_change=forget_link_notices,
        help="ACLED event types; none selected means all.",
    )
    sub_options = list(subs_of(ordered_types(types)))  # only the sub-types of the chosen types
    st.session_state["filter_subs"] = [s for s in st.session_state.get("filter_subs", []) if s in sub_options]
    subs = st.multiselect(
        "Sub-event types", sub_options, key="filter_subs", placeholder="All sub-event types",
        on_change=forget_link_notices, help="ACLED sub-event types of the chosen event types; none selected means all.",
    )
    actors = st.multiselect(
        "Actors", options["actors"], key="filter_actors", placeholder="Any actor", on_change=forget_link_notices,
        help="Incidents where any of these is actor 1 or actor 2.",
    )
    countries = st.multiselect(
        "Countries", list(options["countries"]), key="filter_countries", placeholder="All countries",
        format_func=lambda code: f"{code} · {options['countries'].get(code) or code}", on_change=forget_link_notices,
    )
    admin1 = st.multiselect(
        "Provinces (admin 1)", options["admin1"], key="filter_admin1", placeholder="All provinces",
        on_change=forget_link_notices,
    )
    min_fatalities = st.number_input(
        "Minimum fatalities", min_value=0, max_value=MAX_FATALITIES, step=1, key="filter_min_fatalities",
        on_change=forget_link_notices, help="Above 0, incidents with no reported fatalities are left out.",
    )
    min_confidence = st.slider(
        "Minimum confidence", min_value=0.0, max_value=1.0, step=0.05, key="filter_min_confidence",
        format="%.2f", on_change=forget_link_notices, help="The extraction's confidence, from 0 to 1.",
    )
    q = st.text_input(
        "Search evidence and source titles", key="filter_q", on_change=forget_link_notices,
        placeholder="Words to find", help="Plain text, any case (no wildcards or patterns).",
    )
view = view_from_widgets(dates, types, extent, subs=subs, actors=actors, countries=countries, admin1=admin1,
                         min_fatalities=min_fatalities, min_confidence=min_confidence, q=q, layer=layer)
view_dates = date_range(view, extent)
params = view_to_params(view)
if not same_params(params, url_params):
    st.query_params.from_dict(params)
st.session_state["written_params"] = params
with st.sidebar:
    st.caption("The address bar holds these filters. Link to this view (copy button on the right):")
    st.code(share_link(params, app_url()), language=None, wrap_lines=True)

# -- numbers, map, table (each a query over the store, cached per view) ------------
numbers = resources.summary(store_url, view)
col_incidents, col_fatalities, col_places, col_countries = st.columns(4)
col_incidents.metric("Incidents", numbers["incidents"])
col_fatalities.metric("Fatalities (reported)", numbers["fatalities"])
col_places.metric("Places", numbers["places"], help="Distinct locations (a province counts when no place is named).")
col_countries.metric("Countries", numbers["countries"])

mapped = numbers["incidents"] - numbers["unmapped"]
drawn = map_view.auto_layer(view.layer, mapped)
if drawn == "density":
    payload = map_view.density_cells(*resources.density_grid(store_url, view))
elif drawn == "provinces":
    payload = map_view.province_circles(resources.province_counts(store_url, view))
else:
    payload = map_view.compact_markers(resources.newest(store_url, view, map_view.MAX_MARKERS, mapped_only=True))
base_url_path = st.get_option("server.baseUrlPath") or ""
map_js, map_css = assets.map_js_css(base_url_path, drawn)
incident_map = map_view.build_map(
    drawn, payload, resources.bounds(store_url, view),
    cluster_js=assets.static_url(assets.MARKERCLUSTER_JS, base_url_path), tiles=map_view.tiles_setting(),
    js=map_js, css=map_css, borders_url=assets.static_url(borders.BORDERS_FILE, base_url_path) if have_borders else None,
    borders_attribution=borders.ATTRIBUTION,
)
st_folium(incident_map, key="incident_map", height=560, use_container_width=True, returned_objects=[])
layer_note = map_view.layer_note(view.layer, mapped, drawn=drawn)
if layer_note:
    st.caption(layer_note)
if numbers["unmapped"]:
    st.caption(data.unmapped_note(numbers["unmapped"]))

st.subheader("Incidents per day")
st.altair_chart(timeline_chart(resources.timeline(store_url, view)), width="stretch", key="timeline")

st.subheader("Incidents in view")
table = data.table_frame(resources.newest(store_url, view, data.TABLE_ROWS))
table_note = data.table_caption(len(table), numbers["incidents"])
if table_note:
    st.caption(table_note)
st.dataframe(
    table,
    hide_index=True,
    column_config={
        "Link": st.column_config.LinkColumn("Link", display_text="open"),
        "Confidence": st.column_config.NumberColumn("Confidence", format="%.2f"),
        "Evidence": st.column_config.TextColumn("Evidence", width="large"),
    },
)
# The files are written only when a button is clicked, from the store, whole filtered set.
export_store, export_view = store, resources.filters_of(view)
col_csv, col_geojson, _ = st.columns([1, 1, 3])
col_csv.download_button(
    "CSV (ACLED columns)", lambda: data.export_csv(query.iter_incidents(export_store.engine, export_view)),
    file_name=data.export_name(view_dates, "csv"),
    mime="text/csv", key="download_csv", on_click="ignore", icon=":material/download:",
    help=f"The {numbers['incidents']:,} incidents in view, in ACLED's column layout.",
)
col_geojson.download_button(
    "GeoJSON", lambda: data.export_geojson(query.iter_incidents(export_store.engine, export_view)),
    file_name=data.export_name(view_dates, "geojson"),
    mime="application/geo+json", key="download_geojson", on_click="ignore", icon=":material/download:",
    help=f"The {mapped:,} incidents in view that have coordinates, as GeoJSON points.",
)
