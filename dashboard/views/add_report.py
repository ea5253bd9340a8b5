"""Add a report: paste a report (or give its URL), review the incidents found, correct them, save.

Routed by dashboard/app.py only when editing is enabled (not with DASHBOARD_READ_ONLY=1).
With an [auth] section in .streamlit/secrets.toml, a visitor who is not logged in sees
only a "Log in" button. The work is done by dashboard/report_review.py (extraction,
evidence marks, edits, saving) and geo/analyst.py (place corrections); this page lays
them out, top to bottom, and turns their errors into messages.
"""
from __future__ import annotations

import datetime as dt
import html

import streamlit as st

from dashboard import access
from dashboard import report_review as review
from dashboard import resources
from incidents.errors import IncidentsError, InputError, StoreError
from incidents.record import EVENT_TYPES
from incidents.store import database_url

PAGE_HELP = (
    "Paste a report (or give the URL of a web page), set its publication date and press **Find incidents**. "
    "Each incident's evidence is marked in the text; correct its type, date, place or counts, untick the ones "
    "to leave out, then save. A place you move (or name, with coordinates) is remembered by the gazetteer, so "
    "the next report finds it there.  \n"
    "Who may use this page: a deployment with `DASHBOARD_READ_ONLY=1` has no such page and opens the store "
    "read-only. With an `[auth]` section in `.streamlit/secrets.toml` (Streamlit's OIDC login), only "
    "logged-in users can add reports. Without either, anyone who reaches the dashboard can: production "
    "deployments should configure one of the two."
)


@st.cache_resource(show_spinner="Opening the gazetteer (compiled on first use: about a minute)…")
def review_extractor():
    from incidents.ingest import open_extractor

    return open_extractor()


def country_name(code: str) -> str | None:
    place = review_extractor().gazetteer.country(code) if review_extractor().gazetteer else None
    return getattr(place, "name", None)


def key(n: int, field: str) -> str:
    """Widget keys of incident `n` in the current review (a new review starts fresh widgets)."""
    return f"review{st.session_state['review']['round']}_{n}_{field}"


def start_review(article, found) -> None:
    """Keep the report and its incidents, and give each incident's widgets their extracted values."""
    number = st.session_state["review_round"] = st.session_state.get("review_round", 0) + 1
    st.session_state["review"] = {"round": number, "article": article, "incidents": found}
    for n, incident in enumerate(found):
        edit = review.unchanged_edit(incident)
        for field in ("keep", "event_type", "sub_event_type", "event_date", "location", "latitude", "longitude",
                      "country_code", "admin1", "fatalities", "injuries"):
            st.session_state[key(n, field)] = getattr(edit, field)


def edit_of(n: int) -> review.Edit:
    state = st.session_state
    return review.Edit(
        keep=state[key(n, "keep")], event_type=state[key(n, "event_type")],
        sub_event_type=state[key(n, "sub_event_type")], event_date=state[key(n, "event_date")],
        location=state[key(n, "location")] or "", latitude=state[key(n, "latitude")],
        longitude=state[key(n, "longitude")], country_code=state[key(n, "country_code")] or "",
        admin1=state[key(n, "admin1")] or "", fatalities=state[key(n, "fatalities")],
        injuries=state[key(n, "injuries")],
    )


def find_incidents(source: str, published: dt.date | None) -> None:
    state = st.session_state
    try:
        if source == "url":
            article = review.fetched_article(state.get("report_url", ""), published=published,
                                             title=state.get("report_title", ""))
        else:
            article = review.pasted_article(state.get("report_text", ""), published=published,
                                            title=state.get("report_title", ""), url=state.get("report_source_url", ""))
        with st.spinner("Reading the report…"):
            found = review.find_incidents(review_extractor(), article)
    except (review.ReviewError, InputError) as err:
        st.error(str(err), icon=":material/error:")
        return
    except (IncidentsError, OSError, ValueError) as err:  # the gazetteer, a damaged layer…
        st.error(f"The report could not be read: {err}", icon=":material/error:")
        return
    start_review(article, found)


def save(store) -> None:
    current = st.session_state["review"]
    article, found = current["article"], current["incidents"]
    kept, corrections = [], []
    try:
        for n, incident in enumerate(found):
            edit = edit_of(n)
            if not edit.keep:
                continue
            edited = review.apply_edit(incident, edit, label=f"Incident {n + 1}", country_of=country_name)
            kept.append(edited)
            correction = review.place_correction(incident, edited)
            if correction is not None:
                corrections.append(correction)
        stored = review.save_report(store, article, kept)
    except review.ReviewError as err:
        st.error(f"Nothing was saved. {err}", icon=":material/error:")
        return
    except StoreError as err:
        st.error(f"Nothing was saved: {err}", icon=":material/error:")
        return
    if stored is None:
        st.info("This report was already in the store: nothing was added.", icon=":material/content_copy:")
        return
    remembered, problems = remember_places(corrections)
    refresh_map_data()
    message = f"Saved the report with {stored} incident{'' if stored == 1 else 's'}."
    if remembered:
        them = "it" if len(remembered) == 1 else "them"
        message += f" The gazetteer now knows {', '.join(remembered)} where you placed {them}."
    st.session_state["saved_message"] = message
    st.session_state["place_problems"] = problems
    del st.session_state["review"]


def refresh_map_data() -> None:
    """Drop the map page's cached answers, so its next run shows the new incidents."""
    forget = getattr(resources, "forget_queries", None)  # the map page's query caches
    if forget is not None:
        forget()
    frame = getattr(resources, "incidents_frame", None)  # the whole-store frame, where one is cached
    if frame is not None:
        frame.clear()


def remember_places(corrections) -> tuple[list[str], list[str]]:
    """Keep each place correction as an analyst place; a failure is told, the saved report stays."""
    from geo import GeoError
    from geo.analyst import record_place

    remembered, problems = [], []
    for c in corrections:
        try:
            record_place(c.name, c.latitude, c.longitude, country_code=c.country_code, admin1=c.admin1)
        except (GeoError, OSError) as err:
            problems.append(f"The place {c.name!r} could not be remembered: {err}")
        else:
            remembered.append(c.name)
    if remembered:
        review_extractor.clear()  # the next report is read with the updated gazetteer
    return remembered, problems


st.title("Add a report", help=PAGE_HELP)

# -- who may write ---------------------------------------------------------------
# Checked here as well as in app.py's routing, so the page never writes whoever runs it.
if not access.editing_enabled():
    st.error("This dashboard is read-only: reports cannot be added here.")
    st.stop()
if access.auth_configured() and not access.logged_in():
    st.caption("Adding reports needs a login.")
    st.button("Log in", key="log_in", type="primary", icon=":material/login:", on_click=access.log_in)
    st.stop()
if access.auth_configured():
    with st.sidebar:
        st.caption(f"Signed in as {access.user_label()}")
        st.button("Log out", key="log_out", icon=":material/logout:", on_click=st.logout)
else:
    st.caption("Anyone who can open this dashboard can add reports here (no `[auth]` login is configured).")

try:
    store = resources.open_store(database_url())
except StoreError as err:
    st.error(f"The incident store cannot be opened: {err}", icon=":material/error:")
    st.stop()

if st.session_state.get("saved_message"):  # set by the save before its rerun
    st.success(st.session_state.pop("saved_message"), icon=":material/check_circle:")
for problem in st.session_state.pop("place_problems", []):
    st.warning(problem)

# -- the report ------------------------------------------------------------------
SOURCES = {"text": "Paste text", "url": "From a URL"}
source = st.radio("The report", list(SOURCES), format_func=SOURCES.get, key="report_source", horizontal=True)
if source == "url":
    st.text_input("URL of the web page", key="report_url", placeholder="https://…",
                  help="The page's main text, title and date are read from it (its own date wins over the one below).")
else:
    st.text_area("Report text", key="report_text", height=220, placeholder="Paste the report here…")
col_date, col_title, col_url = st.columns([1, 2, 2])
published = col_date.date_input("Publication date", key="report_published", value="today", format="YYYY-MM-DD",
                                help="Relative dates in the text (\"on Saturday\") are read against it.")
col_title.text_input("Title (optional)", key="report_title")
if source == "text":
    col_url.text_input("Source URL (optional)", key="report_source_url")
if st.button("Find incidents", key="find", type="primary", icon=":material/search:"):
    find_incidents(source, published)

# -- what was found --------------------------------------------------------------
current = st.session_state.get("review")
if current is not None:
    article, found = current["article"], current["incidents"]
    st.subheader("The report, with the evidence of each incident marked")
    st.html(review.highlighted_html(article.text, review.evidence_spans(article.text, found)))
    if review.already_stored(store, article):
        st.info("This report is already in the store: saving it again adds nothing.", icon=":material/content_copy:")
    st.subheader(f"Incidents found: {len(found)}")
    if not found:
        st.caption("No incident was found in this report.")
    for n, incident in enumerate(found):
        colour = review.MARK_COLOURS[n % len(review.MARK_COLOURS)]
        with st.container(border=True, key=f"incident_{n}"):
            st.html(f'<div><span style="background:{colour};padding:0 .4em;border-radius:3px">{n + 1}</span> '
                    f'<b>{html.escape(review.describe(incident))}</b><br><small>Actors: '
                    f'{html.escape(" · ".join(a for a in (incident.actor1, incident.actor2) if a) or "none named")}'
                    f' — confidence {incident.confidence:.2f}</small></div>')
            st.checkbox("Keep this incident", key=key(n, "keep"))
            col_type, col_sub, col_day = st.columns([2, 2, 1])
            chosen = col_type.selectbox("Event type", list(EVENT_TYPES), key=key(n, "event_type"))
            subs = review.sub_types(chosen)
            if st.session_state.get(key(n, "sub_event_type")) not in subs:
                st.session_state[key(n, "sub_event_type")] = subs[0]
            col_sub.selectbox("Sub-event type", subs, key=key(n, "sub_event_type"))
            col_day.date_input("Event date", key=key(n, "event_date"), format="YYYY-MM-DD")
            col_place, col_lat, col_lon, col_cc, col_admin = st.columns([2, 1, 1, 1, 1.5])
            col_place.text_input("Place", key=key(n, "location"),
                                 help="Move it (or name a place and give its coordinates): the gazetteer remembers.")
            col_lat.number_input("Latitude", key=key(n, "latitude"), value=None, min_value=-90.0, max_value=90.0,
                                 format="%.5f", step=0.001)
            col_lon.number_input("Longitude", key=key(n, "longitude"), value=None, min_value=-180.0,
                                 max_value=180.0, format="%.5f", step=0.001)
            col_cc.text_input("Country code", key=key(n, "country_code"), max_chars=2)
            col_admin.text_input("Province (admin 1)", key=key(n, "admin1"))
            col_dead, col_hurt, _ = st.columns([1, 1, 3])
            col_dead.number_input("Fatalities", key=key(n, "fatalities"), value=None, min_value=0, step=1,
                                  help="Empty when the report gives no number.")
            col_hurt.number_input("Injuries", key=key(n, "injuries"), value=None, min_value=0, step=1)
    if st.button("Save the report and its incidents", key="save", type="primary", icon=":material/save:"):
        save(store)
        if "review" not in st.session_state:
            st.rerun()
