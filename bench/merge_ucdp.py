"""Merge quality on UCDP GED Syria (several source headlines per event), and merge speed.

    python bench/merge_ucdp.py [--skip-scale]

Reads the UCDP GED Syria file in the shared evaldata (`<repo>/../shared/evaldata/ucdp_ged_syria`,
or $EVALDATA_DIR/ucdp_ged_syria) in place; prints "skipped: …" and exits 0 when it is absent.

Each (event, source headline) is one report, as if an article with that headline had been
extracted: an article is one distinct (headline, source date), and holds one incident per
event that cites it (so an article reporting two events gives two incidents, which merging
must keep apart). Each incident has its event's ACLED type (UCDP type_of_violence mapped as
`import-dataset` maps it), the gold coordinates with where_prec mapped to ACLED geo precision
and the best fatality estimate. Two scenarios: exact gold places and dates; and places moved
by up to 1 km (precision 1) or 3 km (precision 2), as another gazetteer's entry for one village
would be, with one report in five dated a day off (a "yesterday" resolved against the wrong
day). Dates are drawn within date_start..date_end (time precision from date_prec). They go into a temporary SQLite
store, `merge_pending` runs with several rule settings, and the events are scored against
UCDP's grouping:

- pairwise precision and recall over pairs of reports (same gold event / same merged event);
- events merged fully and correctly: multi-report gold events whose reports make exactly one
  merged event holding nothing else;
- wrong merges: merged events (two or more reports) that join reports of different gold events,
  and how many of those join events that nothing in a report tells apart (same type family,
  same gold coordinates, same date range), which no place/date rule can separate.

Then the time `merge_pending` takes on 10k and 100k synthetic incidents (bench/synthetic_incidents.py,
a year of reports around 16 cities: far denser than real news), at once, then for 100 new
incidents of the last week arriving in a store of that size (the after-ingest case), and the
time `Store.events_frame` takes. Timings are wall time on
a machine that may be shared: run it twice when they matter.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import math
import random
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _evaldata import require  # noqa: E402
from incidents.datasets import UCDP_VIOLENCE, ucdp_date_precision, ucdp_geo_precision  # noqa: E402
from incidents.merge import FAMILIES, MergeRules, merge_pending, unmerge_all  # noqa: E402
from incidents.record import Incident  # noqa: E402
from incidents.store import Store, event_links  # noqa: E402

GED_FILE = "ged_syria_2016-2019.csv"
JITTER_KM = {1: 1.0, 2: 3.0, 3: 0.0}
RULE_SETS = {f"{km:g}/{near:g} km, {days} day{'s' if days != 1 else ''}": MergeRules(max_km=km, max_km_near=near, max_days=days)
             for km, near in ((2.0, 5.0), (5.0, 10.0)) for days in (0, 1, 2)}
DEFAULT_LABEL = "2/5 km, 1 day"
SCENARIOS = {"exact places and dates": (False, 0.0), "places moved up to 1-3 km, 1 in 5 dates off by a day": (True, 0.2)}


def _split(value) -> list[str]:
    return [part.strip() for part in value.split(";")] if isinstance(value, str) else []


def _jitter(rng: random.Random, lat: float, lon: float, km: float) -> tuple[float, float]:
    """A point up to `km` from (lat, lon), uniformly over the disc."""
    if km <= 0:
        return lat, lon
    distance, bearing = km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
    dlat = distance * math.cos(bearing) / 111.2
    dlon = distance * math.sin(bearing) / (111.2 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def reports(frame: pd.DataFrame, *, jitter: bool, date_noise: float = 0.0,
            seed: int = 6) -> tuple[list[dict], dict[str, tuple]]:
    """Pseudo-articles (one per distinct headline and source date) and, per gold event id,
    what tells it apart in a report (type family, gold coordinates, date range)."""
    rng = random.Random(seed)
    articles: dict[tuple[str, str], dict] = {}
    signature: dict[str, tuple] = {}
    for row in frame.to_dict("records"):
        headlines = _split(row["source_headline"])
        if not headlines:
            continue
        event_type, sub_type = UCDP_VIOLENCE[int(row["type_of_violence"])]
        start, end = dt.date.fromisoformat(row["date_start"]), dt.date.fromisoformat(row["date_end"])
        precision = ucdp_geo_precision(int(row["where_prec"]))
        event_id = str(row["id"])
        signature[event_id] = (FAMILIES[event_type], row["latitude"], row["longitude"], start, end)
        dates, offices = _split(row["source_date"]), _split(row["source_office"])
        for n, headline in enumerate(dict.fromkeys(h for h in headlines if h)):
            published = dates[n] if len(dates) == len(headlines) else (dates[0] if dates else "")
            lat, lon = _jitter(rng, row["latitude"], row["longitude"], JITTER_KM[precision] if jitter else 0.0)
            day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
            if rng.random() < date_noise:  # "yesterday" resolved against the wrong day, a late report
                day += dt.timedelta(days=rng.choice((-1, 1)))
            incident = Incident(
                event_date=day.isoformat(), date_precision=ucdp_date_precision(int(row["date_prec"])),
                event_type=event_type, sub_event_type=sub_type, actor1=row["side_a"], actor2=row["side_b"],
                location=row["where_coordinates"], admin1=str(row["adm_1"]).replace(" governorate", ""),
                country="Syria", country_code="SY", latitude=lat, longitude=lon, geo_precision=precision,
                fatalities=int(row["best"]), evidence=headline,
                source_title=offices[n] if len(offices) == len(headlines) else None,
                confidence=0.8, doc_id=event_id)
            article = articles.setdefault((headline, published), {
                "content_hash": f"{headline}\x1f{published}", "incidents": [], "title": headline,
                "published": published or None})
            article["incidents"].append(incident)
    return list(articles.values()), signature


def _pairs(groups) -> set[tuple[int, int]]:
    return {pair for members in groups for pair in combinations(sorted(members), 2)}


def score(store: Store, signature: dict[str, tuple]) -> dict[str, float]:
    """Compare the store's merged events with the gold events (incident doc_id = UCDP id)."""
    import sqlalchemy as sa

    gold_of = {row["id"]: row["doc_id"] for row in store.iter_incidents()}
    with store.engine.connect() as conn:
        event_of = dict(conn.execute(sa.select(event_links.c.incident_id, event_links.c.event_id)).all())
    gold_groups, merged_groups = defaultdict(list), defaultdict(list)
    for incident_id, gold in gold_of.items():
        gold_groups[gold].append(incident_id)
        merged_groups[event_of.get(incident_id, incident_id)].append(incident_id)
    gold_pairs = _pairs(gold_groups.values())
    merged_pairs = _pairs(merged_groups.values())
    right = len(gold_pairs & merged_pairs)
    multi_gold = [sorted(m) for m in gold_groups.values() if len(m) > 1]
    merged_sets = {frozenset(m) for m in merged_groups.values()}
    full = sum(1 for members in multi_gold if frozenset(members) in merged_sets)
    multi_merged = [m for m in merged_groups.values() if len(m) > 1]
    wrong = [m for m in multi_merged if len({gold_of[i] for i in m}) > 1]
    indistinct = sum(1 for m in wrong if len({signature[gold_of[i]] for i in m}) == 1)
    return {
        "reports": len(gold_of), "gold events with 2+ reports": len(multi_gold),
        "pairwise precision": right / len(merged_pairs) if merged_pairs else 1.0,
        "pairwise recall": right / len(gold_pairs) if gold_pairs else 1.0,
        "events merged fully and correctly": full / len(multi_gold) if multi_gold else 1.0,
        "merged events": len(multi_merged),
        "wrongly merged (mix gold events)": len(wrong) / len(multi_merged) if multi_merged else 0.0,
        "  of which indistinguishable": indistinct / len(wrong) if wrong else 0.0,
    }


def quality(frame: pd.DataFrame, scenario: str, *, jitter: bool, date_noise: float) -> None:
    items, signature = reports(frame, jitter=jitter, date_noise=date_noise)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/merge.sqlite")
        for start in range(0, len(items), 2000):
            store.add_articles(items[start:start + 2000])
        print(f"\n{scenario}: {store.count_incidents()} reports in {store.count_articles()} articles")
        print(f"  {'rules':<16} {'pair prec':>9} {'pair rec':>9} {'merged fully':>12} {'wrongly merged':>14} "
              f"{'(indistinct)':>12} {'events':>7} {'seconds':>8}")
        for label, rules in RULE_SETS.items():
            unmerge_all(store)
            started = time.perf_counter()
            merge_pending(store, rules)
            seconds = time.perf_counter() - started
            f = score(store, signature)
            mark = " (default)" if label == DEFAULT_LABEL else ""
            print(f"  {label:<16} {f['pairwise precision']:>9.3f} {f['pairwise recall']:>9.3f} "
                  f"{f['events merged fully and correctly']:>12.3f} {f['wrongly merged (mix gold events)']:>14.3f} "
                  f"{f['  of which indistinguishable']:>12.3f} {f['merged events']:>7} {seconds:>8.2f}{mark}")
        store.dispose()


def scale(sizes=(10_000, 100_000)) -> None:
    from synthetic_incidents import fill, incidents  # noqa: E402 (bench/ is on sys.path as the script's folder)

    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{tmp}/scale.sqlite")
            fill(store, n)
            started = time.perf_counter()
            summary = merge_pending(store)
            first = time.perf_counter() - started
            # An ingest of the latest news: 100 new reports dated in the last week of the period.
            extra = [dataclasses.replace(inc, event_date=(dt.date(2023, 12, 25) + dt.timedelta(days=i % 7)).isoformat())
                     for i, inc in enumerate(list(incidents(n + 100, seed=11))[-100:])]
            store.add_articles([{"content_hash": f"late-{i}", "incidents": [inc]} for i, inc in enumerate(extra)])
            started = time.perf_counter()
            late = merge_pending(store)
            again = time.perf_counter() - started
            started = time.perf_counter()
            store.events_frame()
            frame_seconds = time.perf_counter() - started
            print(f"{n} synthetic incidents: merge_pending {first:.1f} s ({n / first:.0f} incidents/s; "
                  f"{summary.joined} joined {summary.events} events); then 100 new ones of the last week {again:.2f} s "
                  f"({late.joined} joined); events_frame {frame_seconds:.1f} s")
            store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-scale", action="store_true", help="only the UCDP quality figures")
    args = parser.parse_args()
    folder = require("ucdp_ged_syria")
    frame = pd.read_csv(folder / GED_FILE, dtype={"source_headline": str, "source_date": str, "source_office": str})
    multi = sum(1 for value in frame["source_headline"] if len(_split(value)) > 1)
    print(f"UCDP GED Syria: {len(frame)} events, {multi} with several source headlines. Columns: pairwise "
          "precision and recall; share of multi-report events merged fully and correctly; share of merged "
          "events that join different UCDP events, and of those the share no report field tells apart; "
          "merged events; merge_pending time.")
    for scenario, (jitter, noise) in SCENARIOS.items():
        quality(frame, scenario, jitter=jitter, date_noise=noise)
    if not args.skip_scale:
        print()
        scale()


if __name__ == "__main__":
    main()
