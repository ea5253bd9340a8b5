"""The map page: filters, map, timeline, table and downloads of the stored incidents.

Routed by dashboard/app.py (run from the repository root: streamlit run dashboard/app.py).
The view is in the URL (?start=YYYY-MM-DD&end=YYYY-MM-DD&types=Battles,Riots&q=...,
the map's lat/lon/zoom and the selected incident; every parameter is listed in
dashboard/view_state.py), so a copied link reopens the same view. Logic lives in
the modules beside this file; the page only lays them out, top to bottom.

Three things write into the view besides the sidebar: the map (panning and zooming
move lat/lon/zoom, a click on a marker selects its incident), the table (selecting a
row selects its incident) and the timeline (brushing days narrows the date range).
Each reports through Streamlit's widget state, read at the top of the next run, so
the URL is written once per run.
"""
from __future__ import annotations

import functools
import hashlib
import json
import sys
import threading

import streamlit as st


def _import_map_modules() -> None:
    import dashboard.map_view  # noqa: F401  (folium, branca, jinja2: no streamlit in them)


if "dashboard.map_view" not in sys.modules:
    # A fresh server's first page: load folium (~0.3 s) on the side while this thread waits on
    # the store's first queries; the imports below the queries then find it loaded. Not
    # streamlit_folium: it declares its component when imported, which needs the script's thread.
    threading.Thread(target=_import_map_modules, name="dashboard-map-imports", daemon=True).start()

from dashboard import assets, borders, data, query, resources  # noqa: E402
from dashboard.copy_link import copy_link  # noqa: E402
from dashboard.resources import borders_file, demo_build_lock, open_store, vendor_assets  # noqa: E402
from dashboard.view_state import (  # noqa: E402
    LAYERS,
    MAX_FATALITIES,
    MAX_MARKERS,
    brush_dates,
    date_limits,
    date_range,
    fit_options,
    map_position,
    ordered_types,
    parse_view,
    read_map_report,
    read_params,
    same_params,
    share_link,
    subs_of,
    view_from_widgets,
    view_to_params,
)
from incidents.record import EVENT_TYPES  # noqa: E402
from incidents.store import database_url  # noqa: E402


MAP_RETURNS = ["center", "zoom", "last_active_drawing", "last_object_clicked_count"]  # each change reruns the page


def forget_link_notices() -> None:
    st.session_state["link_notices"] = []


def bump(name: str) -> None:
    """Give a widget a new key (a new map, table or chart in the browser, with no old state)."""
    st.session_state[name] = st.session_state.get(name, 0) + 1


def select_incident(incident_id: int | None, *, from_table: bool = False) -> None:
    st.session_state["selected_incident"] = incident_id
    if not from_table:
        bump("table_nonce")  # the table opens with the new incident's row selected, if it shows it


def map_widget_key() -> str:
    return f"incident_map_{st.session_state.get('map_nonce', 0)}"


def apply_brush(key: str) -> None:
    """Days were dragged across on the timeline: narrow the date range to them."""
    from dashboard.timeline import brushed

    dates = brush_dates(brushed(key), st.session_state.get("brush_range"))
    if dates is not None:
        st.session_state["filter_dates"] = dates
        forget_link_notices()
        bump("timeline_nonce")  # the narrower chart starts without a brush


def apply_row_pick(key: str) -> None:
    """A table row was selected (its incident is selected) or unselected (nothing is)."""
    event = st.session_state.get(key) or {}
    rows = list((event.get("selection") or {}).get("rows") or [])
    ids = st.session_state.get("table_ids", [])
    select_incident(ids[rows[0]] if rows and 0 <= rows[0] < len(ids) else None, from_table=True)


def fit_map() -> None:
    """Forget the map's position: a new map fitted to the incidents."""
    st.session_state["map_view"] = None
    bump("map_nonce")


def digest(*parts) -> str:
    return hashlib.sha1(json.dumps(parts, default=str, separators=(",", ":")).encode("utf-8")).hexdigest()


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
if store.read_only and store.count_articles() == 0:
    pass  # a read-only deployment never writes the demo data (dashboard/app.py says the store is empty)
elif store.count_articles() == 0 and not store.embedded:
    # A shared team store is never filled with demo data behind the team's back.
    st.info("The store is empty. Add reports with `python -m incidents ingest PATH…` or "
            "`python -m incidents import-dataset FILE`, then reload this page.")
elif store.count_articles() == 0:
    with demo_build_lock(store_url):
        if store.count_articles() == 0:
            from incidents.demo import ensure_demo_store  # the extractor's imports cost ~0.5 s: only when building

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
    st.session_state["map_view"] = view.map_view
    st.session_state["selected_incident"] = view.incident
    bump("map_nonce")  # a new map, opened where the link says
    bump("table_nonce")
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
    st.session_state["filter_reports"] = view.reports == "all"
    st.session_state["link_notices"] = notices + not_in_data
else:
    # what the map reported since the last run: where the analyst moved it, which marker was clicked
    report = st.session_state.get(map_widget_key())
    if report is not None and report != st.session_state.get("map_seen"):
        change = read_map_report(report, st.session_state.get("map_seen"), fresh=st.session_state.get("map_fresh", False))
        st.session_state["map_seen"] = report
        st.session_state["map_fresh"] = False
        if change.position is not None:
            st.session_state["map_view"] = change.position
        if change.clicked is not None:
            select_incident(change.clicked)

show_events = not st.session_state.get("filter_reports", False)  # the sidebar's toggle, read before it is drawn
selected_id = st.session_state.get("selected_incident")
event_id = resources.event_of(store_url, selected_id) if selected_id is not None else None
if selected_id is not None and event_id is None:
    st.session_state["link_notices"] = [*st.session_state.get("link_notices", []),
                                        f"Ignored `incident={selected_id}`: there is no such incident in the store."]
    select_incident(None)
    selected_id = None
elif show_events and event_id != selected_id:
    # a report merged into another's event: events are shown, so the event opens
    st.session_state["link_notices"] = [*st.session_state.get("link_notices", []),
                                        f"Incident {selected_id} is one report of event {event_id}: showing the event."]
    select_incident(event_id)
    selected_id = event_id
selected = None
selected_reports: list[dict] = []
if selected_id is not None:
    selected = resources.event(store_url, selected_id) if show_events else resources.incident(store_url, selected_id)
    if show_events:
        selected_reports = resources.event_reports(store_url, selected_id)
for notice in st.session_state.get("link_notices", []):
    st.warning(notice, icon=":material/link_off:")

first_day, last_day = date_limits(extent, st.session_state["filter_dates"])
LAYER_LABELS = {"auto": "Automatic", "incidents": "Incidents (one dot each)", "clusters": "Clusters",
                "heat": "Heat map", "density": "Density grid", "provinces": "Counts by province"}
with st.sidebar:
    all_reports = st.toggle(
        "Show every report separately", key="filter_reports", on_change=forget_link_notices,
        help="Off (the default): the reports of one event, merged when they agree on type family, place "
             "and date, count and show once, with all their sources. On: every stored report on its own.",
    )
    layer = st.radio(
        "Map layer", list(LAYERS), key="filter_layer", format_func=LAYER_LABELS.get, on_change=forget_link_notices,
        help=f"Automatic: single incidents up to {MAX_MARKERS:,} in view, else the density grid. "
             f"Single incidents or clusters draw the newest {MAX_MARKERS:,} at most; "
             "the heat map, the density grid and the province circles count every incident in view.",
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
                         min_fatalities=min_fatalities, min_confidence=min_confidence, q=q, layer=layer,
                         map_view=st.session_state.get("map_view"), incident=st.session_state.get("selected_incident"),
                         reports="all" if all_reports else "events")
view_dates = date_range(view, extent)
st.session_state["brush_range"] = view_dates  # a brush narrows this range, never widens it
params = view_to_params(view)
if not same_params(params, url_params):
    st.query_params.from_dict(params)
st.session_state["written_params"] = params
with st.sidebar:
    st.caption("The address bar holds these filters, the map's position and the selected incident. "
               "Link to this view:")
    copy_link(share_link(params, app_url()))

# -- numbers, map, table (each a query over the store, cached per view) ------------
table_limit = max(st.session_state.get("table_rows", data.TABLE_ROWS), data.TABLE_ROWS)
resources.prefetch(store_url, view, table_limit)  # the timeline, table and bounds run beside the map's queries
numbers = resources.summary(store_url, view)
col_incidents, col_fatalities, col_places, col_countries = st.columns(4)
col_incidents.metric("Incidents", numbers["incidents"],
                     help="Events: the reports of one event count once." if view.events
                     else "Every report counts, also several reports of one event.")
col_fatalities.metric("Fatalities (reported)", numbers["fatalities"])
col_places.metric("Places", numbers["places"], help="Distinct locations (a province counts when no place is named).")
col_countries.metric("Countries", numbers["countries"])

mapped = numbers["incidents"] - numbers["unmapped"]
from streamlit_folium import st_folium  # noqa: E402

from dashboard import map_view  # noqa: E402  (loaded by now, or being loaded: see the top)

drawn = map_view.auto_layer(view.layer, mapped)
if drawn == "density":
    payload = map_view.density_cells(*resources.density_grid(store_url, view))
elif drawn == "heat":
    payload = map_view.heat_points(*resources.heat_grid(store_url, view))
elif drawn == "provinces":
    payload = map_view.province_circles(resources.province_counts(store_url, view))
else:
    payload = map_view.compact_markers(resources.newest(store_url, view, map_view.MAX_MARKERS, mapped_only=True))
base_url_path = st.get_option("server.baseUrlPath") or ""
map_js, map_css = assets.map_js_css(base_url_path, drawn)
map_bounds = resources.bounds(store_url, view)
tile_config = map_view.dashboard_config()  # the config files' [dashboard] table, read once for both settings
# A map drawn with other contents is a new map in the browser: it opens where the view's
# position says (or fitted to the incidents), and its first report is where it opened.
# The same contents keep the same map, so panning it never rebuilds it.
map_key = digest(drawn, payload, map_bounds, st.session_state.get("map_nonce", 0))
if map_key != st.session_state.get("map_key"):
    st.session_state["map_key"] = map_key
    st.session_state["map_start"] = view.map_view
    st.session_state["map_fresh"] = True
incident_map = map_view.build_map(
    drawn, payload, map_bounds,
    cluster_js=assets.static_url(assets.MARKERCLUSTER_JS, base_url_path),
    heat_js=assets.static_url(assets.HEAT_JS, base_url_path),
    tiles=map_view.tiles_setting(config=tile_config), tiles_credit=map_view.tiles_attribution(config=tile_config),
    js=map_js, css=map_css, borders_url=assets.static_url(borders.BORDERS_FILE, base_url_path) if have_borders else None,
    borders_attribution=borders.ATTRIBUTION, position=st.session_state.get("map_start"),
)
ring = map_view.selected_ring(selected.get("latitude"), selected.get("longitude"),
                              selected.get("geo_precision")) if selected else None
shown = st_folium(incident_map, key=map_widget_key(), height=560, use_container_width=True,
                  returned_objects=MAP_RETURNS, feature_group_to_add=ring, wrap_longitude=True)
if map_position(shown) is not None:
    st.session_state["map_fresh"] = False  # this map has reported where it opened
layer_note = map_view.layer_note(view.layer, mapped, drawn=drawn)
if layer_note:
    st.caption(layer_note)
if numbers["unmapped"]:
    st.caption(data.unmapped_note(numbers["unmapped"]))
if view.events and drawn in ("incidents", "clusters"):
    st.caption("An event merged from several reports has one marker, at its first report's place; "
               "its details (below) give every report and the most precise place.")
if view.map_view is not None:
    st.button("Fit the map to the incidents", key="fit_map", on_click=fit_map, icon=":material/fit_screen:",
              help="The link keeps where you moved the map; this forgets it and shows every incident in view.")

with st.container(border=True, key="incident_details"):
    if selected is None:
        st.caption("Click a marker on the map, or a row of the table, to see that incident here.")
    else:
        if show_events:
            st.markdown(map_view.event_details_markdown(selected, selected_reports))
        else:
            st.markdown(map_view.details_markdown(selected))
            if event_id is not None and event_id != selected["id"]:
                st.caption(map_view.part_of_event_note(selected["id"], event_id))
        if not resources.in_view(store_url, view, selected["id"]):
            st.caption("This incident is outside the current filters: it is shown because it is selected.")
        st.button("Clear the selection", key="clear_selection", on_click=select_incident, args=(None,))

st.subheader("Incidents per day")
from dashboard.timeline import show_timeline  # noqa: E402

timeline_key = f"timeline_{st.session_state.get('timeline_nonce', 0)}"
show_timeline(resources.timeline(store_url, view), key=timeline_key,
              on_brush=functools.partial(apply_brush, timeline_key))

st.subheader("Incidents in view")
table = data.table_frame(resources.table_rows(store_url, view, table_limit))
table_note = data.table_caption(len(table), numbers["incidents"])
if table_note:
    st.caption(table_note)
table_ids = data.table_ids(table)
st.session_state["table_ids"] = table_ids
table_key = f"incident_table_{st.session_state.get('table_nonce', 0)}_{digest(table_ids)[:12]}"
st.dataframe(
    table,
    key=table_key,
    on_select=functools.partial(apply_row_pick, table_key),
    selection_mode="single-row",
    selection_default={"selection": {"rows": [table_ids.index(selected["id"])]}}
    if selected is not None and selected["id"] in table_ids else None,
    hide_index=True,
    column_config={
        "Link": st.column_config.LinkColumn("Link", display_text="open"),
        "ID": st.column_config.NumberColumn("ID", format="%d"),
        data.REPORTS_COLUMN: st.column_config.NumberColumn(data.REPORTS_COLUMN, format="%d",
                                                           help="How many reports were merged into this event."),
        "Confidence": st.column_config.NumberColumn("Confidence", format="%.2f"),
        "Evidence": st.column_config.TextColumn("Evidence", width="large"),
    },
)
if len(table) < numbers["incidents"] and table_limit < data.TABLE_MAX_ROWS:
    st.button(f"Show the newest {data.TABLE_MAX_ROWS:,}", key="table_more", icon=":material/expand_more:",
              on_click=st.session_state.__setitem__, args=("table_rows", data.TABLE_MAX_ROWS),
              help="The table starts short so the page stays quick; the downloads below hold every incident.")
# The files are written only when a button is clicked, from the store, whole filtered set.
export_store, export_view = store, resources.filters_of(view)
col_csv, col_geojson, _ = st.columns([1, 1, 3])
col_csv.download_button(
    "CSV (ACLED columns)", lambda: data.export_csv(map(data.event_export_row, query.iter_events(export_store, export_view))),
    file_name=data.export_name(view_dates, "csv"),
    mime="text/csv", key="download_csv", on_click="ignore", icon=":material/download:",
    help=f"The {numbers['incidents']:,} incidents in view, in ACLED's column layout"
         + (" (an event merged from several reports: every source in `source`, every evidence sentence in `notes`)."
            if view.events else "."),
)
col_geojson.download_button(
    "GeoJSON", lambda: data.export_geojson(map(data.event_export_row, query.iter_events(export_store, export_view))),
    file_name=data.export_name(view_dates, "geojson"),
    mime="application/geo+json", key="download_geojson", on_click="ignore", icon=":material/download:",
    help=f"The {mapped:,} incidents in view that have coordinates, as GeoJSON points"
         + (" (events: the combined record, at its most precise place)." if view.events else "."),
)
