"""What the Add a report page does, as plain functions the page lays out.

A report (pasted text, or a web page fetched through incidents/web.py's guarded
fetcher) is extracted, its incidents' evidence is marked in the text (escaped
first: an article's markup is shown, never run), the analyst's edits are checked
and applied, and the article is saved with its edited incidents in one
transaction. Place corrections become analyst places (geo/analyst.py).
Nothing here imports streamlit; errors are domain errors the page turns into messages.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import math
from dataclasses import dataclass

from incidents.articles import MAX_ARTICLE_BYTES, Article
from incidents.errors import IncidentsError, InputError
from incidents.merge import merge_pending
from incidents.record import EVENT_TYPES, SUB_EVENT_TO_TYPE, Incident
from incidents.store import Store
from incidents.text import split_sentences

# One colour per incident, cycled, for the marks in the text and the incident headers.
MARK_COLOURS = ("#ffe08a", "#b5e3ff", "#c8f2c2", "#ffc9de", "#e2d4ff", "#ffd8b0")


class ReviewError(IncidentsError, ValueError):
    """An edit or an input the page cannot accept; the message says which and why."""


# --- the report --------------------------------------------------------------

def pasted_article(text: str, *, published: dt.date | None, title: str = "", url: str = "") -> Article:
    """An article from pasted text; empty or oversized text is refused."""
    if not text or not text.strip():
        raise ReviewError("Paste the report's text first.")
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise ReviewError(f"The text is {size:,} bytes; a report may have at most {MAX_ARTICLE_BYTES:,}.")
    if published is None:
        raise ReviewError("Set the publication date: relative dates (\"on Saturday\") are read against it.")
    return Article(text=text, published=published, title=title.strip() or None, url=url.strip() or None,
                   origin="pasted text")


def fetched_article(url: str, *, published: dt.date | None, title: str = "", fetcher=None) -> Article:
    """The main text of the web page at `url`, fetched by incidents/web.py (which refuses
    non-global addresses unless INGEST_ALLOW_PRIVATE=1). Raises InputError (FetchError) on failure."""
    from incidents.web import looks_like_url, read_url

    url = (url or "").strip()
    if not url:
        raise ReviewError("Give the report's URL first.")
    if not looks_like_url(url):
        raise ReviewError(f"{url!r} is not a URL (it should start with https:// or http://).")
    return read_url(url, published=published, title=title.strip() or None, fetcher=fetcher)


def find_incidents(extractor, article: Article) -> list[Incident]:
    """The incidents the extractor finds, dated against the article's publication date."""
    if article.published is None:
        raise ReviewError("The page gave no publication date: set one and try again.")
    try:
        return extractor.extract(article, published=article.published)
    except ValueError as err:
        raise ReviewError(str(err)) from None


# --- evidence in the text ----------------------------------------------------

def sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of each sentence the extractor reads, found in order in `text`."""
    spans, cursor = [], 0
    for sentence in split_sentences(text):
        at = text.find(sentence.text, cursor)
        if at < 0:
            at = text.find(sentence.text)
            if at < 0:
                continue
        spans.append((at, at + len(sentence.text), sentence.text))
        cursor = at + len(sentence.text)
    return spans


def evidence_spans(text: str, incidents: list[Incident]) -> list[list[tuple[int, int]]]:
    """Per incident, the (start, end) spans of its evidence sentences in `text`.

    An incident's evidence is its sentences joined by spaces, in text order, so
    they are matched one after another; a sentence found nowhere is left unmarked.
    """
    sentences = sentence_spans(text)
    found = []
    for incident in incidents:
        evidence, pos, spans = incident.evidence, 0, []
        for start, end, sentence in sentences:
            if evidence.startswith(sentence, pos):
                spans.append((start, end))
                pos += len(sentence)
                while pos < len(evidence) and evidence[pos] == " ":
                    pos += 1
        if not spans:  # evidence not in sentence order: any sentence it contains
            spans = [(start, end) for start, end, sentence in sentences if sentence in evidence]
        found.append(spans)
    return found


def highlighted_html(text: str, spans_per_incident: list[list[tuple[int, int]]]) -> str:
    """The text as HTML with each incident's evidence in a <mark> of its colour.

    Every piece of the article is HTML-escaped before a mark goes around it, so a
    report carrying <script> or <img onerror=…> shows those characters and runs nothing.
    A sentence that is evidence of several incidents takes the first one's colour.
    """
    owner: dict[tuple[int, int], int] = {}
    for number, spans in enumerate(spans_per_incident):
        for span in spans:
            owner.setdefault(span, number)
    out, cursor = [], 0
    for (start, end), number in sorted(owner.items()):
        if start < cursor:
            continue  # overlapping spans: the first one keeps the text
        out.append(html.escape(text[cursor:start]))
        colour = MARK_COLOURS[number % len(MARK_COLOURS)]
        out.append(f'<mark class="evidence" data-incident="{number + 1}" style="background:{colour}" '
                   f'title="incident {number + 1}">{html.escape(text[start:end])}'
                   f'<sup>{number + 1}</sup></mark>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    body = "".join(out).replace("\n", "<br>")
    return f'<div class="report-text" style="line-height:1.6;white-space:normal">{body}</div>'


# --- editing -----------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    """What the analyst set for one incident on the page."""

    keep: bool
    event_type: str
    sub_event_type: str
    event_date: dt.date
    location: str
    latitude: float | None
    longitude: float | None
    country_code: str
    admin1: str
    fatalities: int | None
    injuries: int | None


def sub_types(event_type: str) -> list[str]:
    """ACLED's sub-event types of `event_type` (all of them for an unknown type)."""
    return list(EVENT_TYPES.get(event_type, SUB_EVENT_TO_TYPE))


def _count(value, what: str, label: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReviewError(f"{label}: {what} {value!r} is not a number") from None
    if not math.isfinite(number) or number < 0 or number != int(number):
        raise ReviewError(f"{label}: {what} must be a whole number of 0 or more, not {value!r}")
    return int(number)


def apply_edit(incident: Incident, edit: Edit, *, label: str = "incident", country_of=None) -> Incident:
    """The incident as the analyst edited it; a bad value raises ReviewError naming the field.

    `country_of(code)` names the country of a changed country code (the gazetteer's
    name); an edited incident counts as coded by hand (confidence 1.0).
    """
    if edit.sub_event_type not in EVENT_TYPES.get(edit.event_type, ()):
        raise ReviewError(f"{label}: {edit.sub_event_type!r} is not an ACLED sub-event type of {edit.event_type!r}")
    lat, lon = edit.latitude, edit.longitude
    if (lat is None) != (lon is None):
        raise ReviewError(f"{label}: give both latitude and longitude, or neither")
    for what, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        if value is not None and (not math.isfinite(value) or abs(value) > limit):
            raise ReviewError(f"{label}: {what} {value} is outside -{limit}..{limit}")
    cc = edit.country_code.strip().upper() or None
    if cc is not None and (len(cc) != 2 or not cc.isalpha()):
        raise ReviewError(f"{label}: country code {edit.country_code!r} is not two letters (ISO 3166-1 alpha-2)")
    location = " ".join(edit.location.split()) or None
    moved = (lat, lon) != (incident.latitude, incident.longitude)
    geo_precision = incident.geo_precision
    if lat is None:
        geo_precision = None
    elif moved and location:
        geo_precision = 1  # the analyst put it on the named place
    try:
        return dataclasses.replace(
            incident,
            event_type=edit.event_type,
            sub_event_type=edit.sub_event_type,
            event_date=edit.event_date.isoformat(),
            date_precision=1 if edit.event_date.isoformat() != incident.event_date else incident.date_precision,
            location=location,
            latitude=lat,
            longitude=lon,
            geo_precision=geo_precision,
            country_code=cc,
            country=incident.country if cc == incident.country_code else (
                country_of(cc) if country_of is not None and cc else None),
            admin1=" ".join(edit.admin1.split()) or None,
            fatalities=_count(edit.fatalities, "fatalities", label),
            injuries=_count(edit.injuries, "injuries", label),
            confidence=1.0 if edit != unchanged_edit(incident) else incident.confidence,
        )
    except ValueError as err:
        raise ReviewError(f"{label}: {err}") from None


def unchanged_edit(incident: Incident) -> Edit:
    """The edit that keeps the incident as extracted (the page's starting values)."""
    return Edit(
        keep=True, event_type=incident.event_type, sub_event_type=incident.sub_event_type,
        event_date=dt.date.fromisoformat(incident.event_date), location=incident.location or "",
        latitude=incident.latitude, longitude=incident.longitude, country_code=incident.country_code or "",
        admin1=incident.admin1 or "", fatalities=incident.fatalities, injuries=incident.injuries,
    )


@dataclass(frozen=True)
class PlaceCorrection:
    """A place the analyst placed themselves: kept as an analyst place for the next reports."""

    name: str
    latitude: float
    longitude: float
    country_code: str | None
    admin1: str | None


def place_correction(original: Incident, edited: Incident) -> PlaceCorrection | None:
    """The analyst gave a named place coordinates of their own: moved it, or placed one the
    gazetteer had not. A place renamed but left at the extracted point (perhaps a province's
    centre) is no correction: those coordinates were not the analyst's."""
    if not edited.location or edited.latitude is None or edited.longitude is None:
        return None
    if (edited.latitude, edited.longitude) == (original.latitude, original.longitude):
        return None
    return PlaceCorrection(edited.location, edited.latitude, edited.longitude, edited.country_code, edited.admin1)


# --- saving ------------------------------------------------------------------

def save_report(store: Store, article: Article, incidents: list[Incident]) -> int | None:
    """Store the article and its incidents in one transaction: how many were stored, or
    None when the same text is already in the store (then nothing is written).
    The new incidents are then merged with other reports of the same events
    (incidents/merge.py), as an ingest from the command line does."""
    for incident in incidents:
        incident.source_title = article.title
        incident.source_url = article.url
        incident.published = article.published.isoformat() if article.published else incident.published
    stored = store.add_article(
        content_hash=article.content_hash, incidents_found=incidents, title=article.title, url=article.url,
        published=article.published.isoformat() if article.published else None, doc_id=article.doc_id,
    )
    if stored:
        try:
            merge_pending(store)
        except IncidentsError:  # saved all the same; the next merge (any ingest, or `merge`) catches up
            pass
    return stored


def already_stored(store: Store, article: Article) -> bool:
    return store.has_article(article.content_hash)


def describe(incident: Incident) -> str:
    """A one-line title for an incident: type, sub-type, place and date."""
    where = incident.location or incident.admin1 or incident.country or "no place"
    return f"{incident.event_type} · {incident.sub_event_type} · {where} · {incident.event_date}"


__all__ = [
    "Edit", "InputError", "MARK_COLOURS", "PlaceCorrection", "ReviewError", "already_stored",
    "apply_edit", "describe", "evidence_spans", "fetched_article", "find_incidents", "highlighted_html",
    "pasted_article", "place_correction", "save_report", "sentence_spans", "sub_types", "unchanged_edit",
]
