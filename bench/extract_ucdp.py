"""Extraction on UCDP GED Syria headlines whose text names the event's place.

    python bench/extract_ucdp.py [--years 2016-2017] [--misses N]

Reads the UCDP GED Syria file in the shared evaldata (`<repo>/../shared/evaldata/ucdp_ged_syria`,
or $EVALDATA_DIR/ucdp_ged_syria) in place; prints "skipped: …" and exits 0 when it is absent.

An event is used when its gold place name (`where_coordinates` without a trailing
" town", " village" or " city") appears as whole words in one of its source headlines,
case and diacritics ignored. `source_headline` may hold several headlines joined with
";": each is a separate article published on the event's date_end. The event's
prediction is the highest-confidence incident (the first on ties) extracted from the
headlines that name its place, or of the places that incident was told at (one incident
each), the nearest (bench/_alignment.py); how many incidents each headline gave is printed. Printed: how many events, the share whose extracted
place lies within 25 km of the gold latitude/longitude, the share whose date falls in
[date_start, date_end] (events with nothing extracted count as misses; the share among
events with a prediction is given too), throughput, and the share placed within 25 km
by confidence band and above each minimum confidence, with an AUC of that against confidence.

`--years A-B` keeps the events whose date_end falls in those years (2016-2017 is the
development half whose examples may be studied; 2018-2019 is held out). `--misses N`
also counts the place misses by class (no incident / no place / a place found but
not the gold name / the gold name found but resolved more than 25 km away) and
prints up to N examples of each, for study on the development half only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _alignment import aligned, incidents_per_source  # noqa: E402
from _confidence import CONFIDENCE_BANDS, CONFIDENCE_THRESHOLDS, auc  # noqa: E402
from _evaldata import require  # noqa: E402
from incidents.articles import Article  # noqa: E402
from incidents.evaluate import km_between  # noqa: E402
from incidents.ingest import open_extractor  # noqa: E402

GED_FILE = "ged_syria_2016-2019.csv"
_PLACE_SUFFIX = re.compile(r"\s+(?:town|village|city)$", re.I)


@dataclass
class Event:
    """One GED event with the gold fields scored here and the headlines that name its place."""

    event_id: int
    place: str
    where_prec: int
    latitude: float
    longitude: float
    date_start: dt.date
    date_end: dt.date
    headlines: list[str]


def fold(text: str) -> str:
    """Lower case without diacritics ("Ma‘arrat an Nu‘mān" -> "ma‘arrat an nu‘man")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def place_name(where_coordinates: str) -> str:
    """The gold place name without a trailing " town", " village" or " city"."""
    return _PLACE_SUFFIX.sub("", where_coordinates.strip())


def names_place(headline: str, place: str) -> bool:
    """Whether the place name appears as whole words in the headline (case and diacritics ignored)."""
    return re.search(rf"(?<!\w){re.escape(fold(place))}(?!\w)", fold(headline)) is not None


def load_events(folder: Path) -> tuple[list[Event], int]:
    """The events whose headlines name their place, and how many events the file has."""
    frame = pd.read_csv(folder / GED_FILE, dtype={"source_headline": str, "where_coordinates": str})
    events = []
    for row in frame.to_dict("records"):
        if not isinstance(row["source_headline"], str) or not isinstance(row["where_coordinates"], str):
            continue
        place = place_name(row["where_coordinates"])
        headlines = [h.strip() for h in row["source_headline"].split(";") if h.strip()]
        naming = [h for h in headlines if place and names_place(h, place)]
        if naming:
            events.append(Event(
                event_id=int(row["id"]),
                place=place,
                where_prec=int(row["where_prec"]),
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                date_start=dt.date.fromisoformat(row["date_start"]),
                date_end=dt.date.fromisoformat(row["date_end"]),
                headlines=naming,
            ))
    return events, len(frame)


def predict(extractor, event: Event, cache: dict) -> dict | None:
    """The incident of the event's naming headlines (each published on date_end) it is scored against
    (`_alignment.aligned`: the highest-confidence one, or the nearest of the places it was told at)."""
    found = []
    for headline in event.headlines:
        key = (headline, event.date_end)
        if key not in cache:
            cache[key] = [i.to_dict() for i in extractor.extract(Article(text=headline, published=event.date_end))]
        found.extend(cache[key])
    return aligned(found, event.latitude, event.longitude)


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f} %" if b else "n/a"


def report(title: str, scored: list[tuple[Event, dict | None]]) -> None:
    """Place within 25 km and date within [date_start, date_end], over all events and over those predicted."""
    predicted = [(e, p) for e, p in scored if p is not None]
    located = [(e, p) for e, p in predicted if p.get("latitude") is not None]
    near = sum(km_between((e.latitude, e.longitude), (p["latitude"], p["longitude"])) <= 25 for e, p in located)
    in_range = sum(e.date_start <= dt.date.fromisoformat(p["event_date"]) <= e.date_end for e, p in predicted)
    print(f"{title}: {len(scored)} events")
    print(f"  incident extracted:                 {pct(len(predicted), len(scored))}")
    print(f"  place within 25 km of gold lat/lon: {pct(near, len(scored))}   "
          f"[where predicted with coordinates: {pct(near, len(located))}]")
    print(f"  date within [date_start, date_end]: {pct(in_range, len(scored))}   "
          f"[where predicted: {pct(in_range, len(predicted))}]")




def report_confidence(scored: list[tuple[Event, dict | None]]) -> None:
    """Whether the confidence means something for the place: the share placed within 25 km in each
    confidence band and above each minimum (the dashboard's filter), and how well it ranks (AUC)."""
    predicted = [(e, p) for e, p in scored if p is not None]
    if not predicted:
        return
    near = [(p["confidence"], p.get("latitude") is not None
             and km_between((e.latitude, e.longitude), (p["latitude"], p["longitude"])) <= 25) for e, p in predicted]
    print("by confidence (events with an incident; place within 25 km of gold lat/lon):")
    for low, high in CONFIDENCE_BANDS:
        band = [ok for confidence, ok in near if low <= confidence < high]
        if band:
            print(f"    {low:.2f}-{min(high, 1.0):.2f}  {len(band):>6} events  place {100 * sum(band) / len(band):5.1f} %")
    for threshold in CONFIDENCE_THRESHOLDS:
        kept = [ok for confidence, ok in near if confidence >= threshold]
        print(f"    >= {threshold:.2f}  keeps {100 * len(kept) / len(near):5.1f} %  place "
              + (f"{100 * sum(kept) / len(kept):5.1f} %" if kept else "n/a"))
    print(f"    AUC of place within 25 km against confidence: {auc(near):.3f} (0.5 = no ranking)")




def year_range(text: str) -> tuple[int, int]:
    """ "2016-2017" -> (2016, 2017); "2018" -> (2018, 2018)."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*", text)
    if m is None or int(m.group(2) or m.group(1)) < int(m.group(1)):
        raise argparse.ArgumentTypeError(f"expected YEAR or FIRST-LAST, e.g. 2016-2017, got {text!r}")
    return int(m.group(1)), int(m.group(2) or m.group(1))


def miss_class(event: Event, predicted: dict | None, gazetteer=None) -> str | None:
    """Why the place missed, or None when it lies within 25 km. Classes ending in "(geo)" are the gazetteer's."""
    if predicted is None:
        return "no incident"
    if predicted.get("latitude") is None:
        return "incident without a place"
    if km_between((event.latitude, event.longitude), (predicted["latitude"], predicted["longitude"])) <= 25:
        return None
    evidence = fold(predicted.get("evidence") or "")
    location = fold(predicted.get("location") or "")
    gold = fold(event.place)
    if location and (location == gold or names_place(location, event.place) or names_place(event.place, location)):
        return "gold name chosen, resolved far away (geo)"
    if gold and gold in evidence:
        known = gazetteer.geocode(event.place, country="SY") if gazetteer is not None else None
        if known is None or km_between((event.latitude, event.longitude), (known.latitude, known.longitude)) > 25:
            return "another place chosen; the gold name alone does not resolve within 25 km (geo)"
        return "another place chosen though the gold name is in the evidence and resolves"
    return "another place chosen, gold name not in the evidence"


def print_misses(scored: list[tuple[Event, dict | None]], examples: int, gazetteer=None) -> None:
    """Counts of the place misses by class, with a few examples of each."""
    by_class: dict[str, list[tuple[Event, dict | None]]] = {}
    for event, predicted in scored:
        kind = miss_class(event, predicted, gazetteer)
        if kind is not None:
            by_class.setdefault(kind, []).append((event, predicted))
    print("place misses by class:")
    for kind, rows in sorted(by_class.items(), key=lambda item: -len(item[1])):
        print(f"  {kind}: {len(rows)}")
        for event, predicted in rows[:examples]:
            got = (f"{predicted.get('location')} ({predicted.get('event_type')})" if predicted else "-")
            print(f"      gold {event.place!r} got {got}: {' | '.join(event.headlines)[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=year_range, help="only events ending in these years, e.g. 2016-2017")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="count place misses by class and print N examples of each")
    args = parser.parse_args()
    folder = require("ucdp_ged_syria")
    events, total = load_events(folder)
    if args.years:
        first, last = args.years
        events = [e for e in events if first <= e.date_end.year <= last]
        print(f"years {first}-{last} only")
    headlines = {(h, e.date_end) for e in events for h in e.headlines}
    print(f"UCDP GED Syria: {len(events)} of {total} events have a headline naming their place "
          f"({len(headlines)} distinct headline/date pairs)")

    extractor = open_extractor()
    cache: dict = {}
    started = time.perf_counter()
    scored = [(event, predict(extractor, event, cache)) for event in events]
    elapsed = time.perf_counter() - started
    print(f"  throughput: {len(cache) / elapsed:.0f} headlines/s (one process, with geocoding; {elapsed:.1f} s)")
    print(f"  {incidents_per_source([len(found) for found in cache.values()])}")

    report("all such events", scored)
    report("of which gold where_prec 1 (exact place)", [(e, p) for e, p in scored if e.where_prec == 1])
    report_confidence(scored)
    if args.misses:
        print_misses(scored, args.misses, extractor.gazetteer)


if __name__ == "__main__":
    main()
