"""Extraction on real ACLED records: each record's `notes` is read as a short article.

    python bench/extract_acled.py [--split dev|test|all] [--limit N] [--per-type N] [--seed S]

Reads the ACLED exports in the shared evaldata (`<repo>/../shared/evaldata/acled`,
or $EVALDATA_DIR/acled) in place; prints "skipped: …" and exits 0 when they are absent.

Each record's notes ("On 5 March 2020, …") are extracted as an article published on
the record's event_date; of the incidents found, the one with the highest confidence
(the first on ties) is the prediction for that record, or of the places that incident
was told at (one incident each, as ACLED codes them), the nearest (bench/_alignment.py). A record with no incident has
an empty prediction: a false negative for its gold type and no false positive, so
micro-recall equals accuracy over all records. Macro-F1 averages over every type that
is gold or predicted.

Two groups are scored apart because their taxonomies differ:
- modern (2020 global + Afghanistan exports): ACLED's current event and sub-event types.
- old (2015 South/Southeast Asia + 2016 Africa exports): event types only, mapped onto the
  current ones; "Riots/Protests" was one type then, so Protests and Riots are one class there.

Also printed: a per-sub-event table (support, predictions, P, R, F1), date exact (where
predicted), place within 25 km (gold geo_precision 1) with the precision-1 records sorted
into outcome classes (within 25 km, wrong country, only the province or country, a near
place or district, a namesake or other named place, no place found), fatalities exact
(where predicted; no count in the text is read as ACLED's 0), the actor types (inter codes)
of the two sides against inter1/inter2 (where predicted), how often type and place are right in
each confidence band, what each minimum confidence keeps and how well the confidence ranks
incidents (AUC of "type and place right", top half against bottom half), throughput (records per
second, one process, with geocoding) and the most common confusions.
By default every record is scored (about a minute on a 2-core machine).

`--split dev` scores only the development half and `--split test` only the held-out
half: a record's half is fixed by a hash of its event id, so rules are tuned on the
development half and checked on records they were never looked at against.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import time
from collections import Counter, defaultdict
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

# file -> taxonomy ("modern": event + sub-event types as ACLED codes them now; "old": 2015/16 event types)
FILES = {
    "acled_global_2020-04-27_to_2020-05-09_RPanlilio.csv": "modern",
    "acled_afghanistan_2020-03_dkoban.csv": "modern",
    "acled_south_southeast_asia_2015_katehara.csv": "old",
    "acled_africa_mena_2016-07_AschHarwood.csv": "old",
}
PROTESTS_RIOTS = "Protests/Riots"
# Old ACLED event types -> current ones (lower-cased keys).
OLD_TYPES = {
    "battle-no change of territory": "Battles",
    "battle-government regains territory": "Battles",
    "battle-non-state actors overtake territory": "Battles",
    "battle-non-state actor overtakes territory": "Battles",
    "remote violence": "Explosions/Remote violence",
    "violence against civilians": "Violence against civilians",
    "riots/protests": PROTESTS_RIOTS,
    "strategic development": "Strategic developments",
    "non-violent transfer of territory": "Strategic developments",
    "headquarters or base established": "Strategic developments",
}
DATE_FORMATS = ("%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%Y-%m-%d")
NONE = "(none)"
SEED = 13


@dataclass
class Record:
    """One ACLED row with the gold fields scored here."""

    event_id: str
    taxonomy: str            # "modern" or "old"
    country: str
    notes: str
    date: dt.date
    event_type: str          # mapped onto current types for old records
    original_type: str       # as written in the file
    sub_event_type: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    inter1: int | None = None  # ACLED actor types: 1 state forces … 8 external/other; None when no actor
    inter2: int | None = None


@dataclass
class Result:
    """A record and its prediction (None when nothing was extracted)."""

    record: Record
    predicted: dict | None

    @property
    def event_type(self) -> str:
        if self.predicted is None:
            return NONE
        kind = self.predicted["event_type"]
        if self.record.taxonomy == "old" and kind in ("Protests", "Riots"):
            return PROTESTS_RIOTS
        return kind

    @property
    def sub_event_type(self) -> str:
        return NONE if self.predicted is None else self.predicted["sub_event_type"]


def parse_date(text: str) -> dt.date:
    """An ACLED event_date in any of the formats these exports use."""
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(str(text).strip(), fmt).date()
        except ValueError:
            pass
    raise ValueError(f"unknown date format: {text!r}")


def _number(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _inter(value) -> int | None:
    """An inter code as written (0 or empty means no such actor)."""
    number = _number(value)
    return int(number) if number else None


def load_records(folder: Path) -> tuple[list[Record], int]:
    """Every record with notes from the exports in `folder`, and how many had none."""
    records, without_notes = [], 0
    for name, taxonomy in FILES.items():
        path = folder / name
        if not path.exists():
            print(f"  (missing: {path.name})")
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        frame.columns = [c.lower() for c in frame.columns]
        for row in frame.to_dict("records"):
            notes = row.get("notes")
            if not isinstance(notes, str) or not notes.strip():
                without_notes += 1
                continue
            original = row["event_type"].strip()
            modern = taxonomy == "modern"
            precision = _number(row.get("geo_precision"))
            fatalities = _number(row.get("fatalities"))
            records.append(Record(
                event_id=str(row.get("event_id_cnty") or row.get("data_id") or "?"),
                taxonomy=taxonomy,
                country=row.get("country") or "",
                notes=notes.strip(),
                date=parse_date(row["event_date"]),
                event_type=original if modern else OLD_TYPES.get(original.lower(), original),
                original_type=original,
                sub_event_type=row.get("sub_event_type") if modern else None,
                latitude=_number(row.get("latitude")),
                longitude=_number(row.get("longitude")),
                geo_precision=None if precision is None else int(precision),
                fatalities=None if fatalities is None else int(fatalities),
                inter1=_inter(row.get("inter1")),
                inter2=_inter(row.get("inter2")),
            ))
    return records, without_notes


def split_of(event_id: str) -> str:
    """"dev" or "test", fixed by a hash of the event id (stable across runs and machines)."""
    return "dev" if hashlib.sha1(event_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def choose(records: list[Record], limit: int | None, per_type: int | None, seed: int) -> list[Record]:
    """At most `per_type` records of each gold event type, then at most `limit` in all (seeded)."""
    rng = random.Random(seed)
    chosen = records
    if per_type:
        by_type: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for r in records:
            by_type[(r.taxonomy, r.event_type)].append(r)
        chosen = [r for group in by_type.values() for r in rng.sample(group, min(per_type, len(group)))]
    if limit and limit < len(chosen):
        chosen = rng.sample(chosen, limit)
    return chosen


def predict(extractor, record: Record, counts: list[int] | None = None) -> dict | None:
    """The extracted incident the record is scored against (`_alignment.aligned`: the highest-confidence one,
    or the nearest of the places it was told at), or None; how many were extracted is added to `counts`."""
    article = Article(text=record.notes, published=record.date, doc_id=record.event_id, origin=record.event_id)
    found = [incident.to_dict() for incident in extractor.extract(article)]
    if counts is not None:
        counts.append(len(found))
    return aligned(found, record.latitude, record.longitude)


def prf(pairs: list[tuple[str, str]]) -> dict:
    """Per-label counts and precision/recall/F1, plus micro and macro figures, for (gold, predicted) pairs."""
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs if p != NONE})
    table = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(p == label and g != label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        table[label] = {"gold": tp + fn, "pred": tp + fp, "tp": tp, **_f1(tp, fp, fn)}
    tp = sum(t["tp"] for t in table.values())
    fp = sum(t["pred"] - t["tp"] for t in table.values())
    fn = sum(t["gold"] - t["tp"] for t in table.values())
    macro = sum(t["f1"] for t in table.values()) / len(table) if table else 0.0
    return {"table": table, "micro": _f1(tp, fp, fn), "macro_f1": macro}


def _f1(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f} %" if b else "n/a"


def print_types(scores: dict) -> None:
    """The per-type precision/recall/F1 table."""
    print(f"    {'type':<36} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for label, t in scores["table"].items():
        print(f"    {label:<36} {t['gold']:>6} {t['pred']:>6} {t['p']:>6.3f} {t['r']:>6.3f} {t['f1']:>6.3f}")


def print_confusions(mistakes: list[tuple[str, str, str]], title: str, top: int = 10) -> None:
    """The `top` most common (gold, predicted, event id) mistakes, with one example event id each:
    first all of them (misses included), then only those where an incident was extracted."""
    wrong = Counter((g, p) for g, p, _ in mistakes)
    example = {}
    for g, p, event_id in mistakes:
        example.setdefault((g, p), event_id)
    print(f"  {top} most common confusions ({title}; {NONE} = nothing extracted), with an example event id:")
    for (g, p), n in wrong.most_common(top):
        print(f"    {n:>5}  {g} -> {p}   (e.g. {example[(g, p)]})")
    print(f"  {top} most common confusions where an incident was extracted:")
    for (g, p), n in Counter({k: n for k, n in wrong.items() if k[1] != NONE}).most_common(top):
        print(f"    {n:>5}  {g} -> {p}   (e.g. {example[(g, p)]})")


def report_common(results: list[Result]) -> None:
    """Date, place and fatality agreement."""
    predicted = [x for x in results if x.predicted is not None]
    same_date = sum(x.predicted["event_date"] == x.record.date.isoformat() for x in predicted)
    print(f"  date exact, where predicted:            {pct(same_date, len(predicted))}")

    exact = [x for x in results if _exact(x)]
    located = [x for x in exact if x.predicted is not None and x.predicted.get("latitude") is not None]
    near = sum(map(_place_right, located))
    print(f"  place within 25 km (gold geo_precision 1), where predicted with coordinates: {pct(near, len(located))}"
          f"  [of all {len(exact)} precision-1 records: {pct(near, len(exact))}]")

    place_errors(exact)

    counted = [x for x in predicted if x.record.fatalities is not None]
    same = sum((x.predicted.get("fatalities") or 0) == x.record.fatalities for x in counted)
    print(f"  fatalities exact, where predicted (none in text = 0): {pct(same, len(counted))}")
    report_actor_types(predicted)


def actor_types(inter1: int | None, inter2: int | None) -> tuple[int, ...]:
    """The sides' actor types in either order, as ACLED's `interaction` code pairs them (12 = 21)."""
    return tuple(sorted(code for code in (inter1, inter2) if code))


def report_actor_types(predicted: list[Result]) -> None:
    """Who: the actor types (inter codes) of the two sides, against the gold inter1/inter2."""
    coded = [x for x in predicted if x.record.inter1]
    if not coded:
        return
    pair = sum(actor_types(x.predicted.get("inter1"), x.predicted.get("inter2"))
               == actor_types(x.record.inter1, x.record.inter2) for x in coded)
    first = sum(x.predicted.get("inter1") == x.record.inter1 for x in coded)
    # The gold inter1 among the predicted sides, in either role: the side is found even if the roles are swapped.
    found = sum(x.record.inter1 in (x.predicted.get("inter1"), x.predicted.get("inter2")) for x in coded)
    print(f"  actor types (inter codes), where predicted: both sides (either order, as ACLED's interaction) "
          f"{pct(pair, len(coded))}; inter1 exact {pct(first, len(coded))}; gold inter1 on either side {pct(found, len(coded))}")


def place_error_class(x: Result) -> str:
    """Why a precision-1 record's place is not within 25 km (or "within 25 km")."""
    p = x.predicted
    if p is None:
        return "no incident extracted"
    if p.get("latitude") is None:
        return "no place found"
    if _place_right(x):
        return "within 25 km"
    if _country_key(p.get("country")) != _country_key(x.record.country):
        return "wrong country"
    if p.get("geo_precision") == 3:
        return "right country, only the province or country (precision 3)"
    if p.get("geo_precision") == 2:
        return "right country, a place near it or its district (precision 2), > 25 km"
    return "right country, a named place > 25 km away (a namesake, or another place in the text)"


def _country_key(name: str | None) -> str:
    """Country names as the two sources spell them: "Democratic Republic of Congo" = "… of the Congo"."""
    words = (name or "").lower().replace("palestinian territory", "palestine").split()
    return " ".join(w for w in words if w not in ("the", "of"))


def place_errors(exact: list[Result]) -> None:
    """The precision-1 records by place outcome, largest class first."""
    classes = Counter(place_error_class(x) for x in exact)
    print("  place outcome on gold precision-1 records, largest first:")
    for label, n in classes.most_common():
        print(f"    {n:>5}  {100 * n / len(exact):5.1f} %  {label}")


def report_modern(results: list[Result]) -> None:
    """Event and sub-event types under ACLED's current taxonomy."""
    print(f"\nmodern taxonomy (2020 global + Afghanistan exports): {len(results)} records")
    empty = sum(x.predicted is None for x in results)
    print(f"  no incident extracted: {pct(empty, len(results))} (empty prediction: a miss, not a false positive)")
    events = prf([(x.record.event_type, x.event_type) for x in results])
    subs = prf([(x.record.sub_event_type, x.sub_event_type) for x in results])
    m = events["micro"]
    print(f"  event type     micro P {m['p']:.3f}  R (= accuracy) {m['r']:.3f}  F1 {m['f1']:.3f} | macro-F1 {events['macro_f1']:.3f}")
    m = subs["micro"]
    print(f"  sub-event type micro P {m['p']:.3f}  R (= accuracy) {m['r']:.3f}  F1 {m['f1']:.3f} | macro-F1 {subs['macro_f1']:.3f}"
          f" (over {len(subs['table'])} sub-event types)")
    syria = [x for x in results if x.record.country == "Syria"]
    if syria:
        e = prf([(x.record.event_type, x.event_type) for x in syria])
        s = prf([(x.record.sub_event_type, x.sub_event_type) for x in syria])
        print(f"  Syria only ({len(syria)} records): event type micro-F1 {e['micro']['f1']:.3f}, macro-F1 {e['macro_f1']:.3f};"
              f" sub-event type macro-F1 {s['macro_f1']:.3f}")
    print("  per event type:")
    print_types(events)
    print("  per sub-event type:")
    print_types(subs)
    report_common(results)
    report_confidence(results)
    print_confusions([(x.record.sub_event_type, x.sub_event_type, x.record.event_id) for x in results
                      if x.sub_event_type != x.record.sub_event_type],
                     "gold sub-event -> predicted sub-event")


def report_confidence(results: list[Result], right_type=None, label: str = "sub-event right") -> None:
    """Whether the confidence means something: how often the type and the place are right in each band
    (the dashboard's "Minimum confidence" filter hides the lower ones), what each threshold keeps, and
    how well the confidence ranks the incidents (AUC, top half against bottom half).

    `right_type(x)` says whether a result's type is right (default: the sub-event type), `label` names it."""
    right_type = right_type or (lambda x: x.sub_event_type == x.record.sub_event_type)
    print("  by confidence (what the dashboard's minimum-confidence filter keeps):")
    print(f"    band          records  {label:>15}  place <= 25 km (gold precision 1)")
    predicted = [x for x in results if x.predicted is not None]
    for low, high in CONFIDENCE_BANDS:
        band = [x for x in predicted if low <= x.predicted["confidence"] < high]
        if not band:
            continue
        right = sum(right_type(x) for x in band)
        exact = [x for x in band if _exact(x)]
        near = sum(_place_right(x) for x in exact)
        print(f"    {low:.2f}-{min(high, 1.0):.2f}  {len(band):>9}  {100 * right / len(band):14.1f} %"
              f"  {100 * near / len(exact) if exact else 0:8.1f} % of {len(exact)}")
    if not predicted:
        return
    # "Right" for the summary: the type is right and, where the gold place is exact (precision 1), the place too.
    right = {id(x): right_type(x) and (not _exact(x) or _place_right(x)) for x in predicted}
    print("    minimum   kept            type right  place <= 25 km  type and place right")
    for threshold in CONFIDENCE_THRESHOLDS:
        kept = [x for x in predicted if x.predicted["confidence"] >= threshold]
        exact = [x for x in kept if _exact(x)]
        print(f"    >= {threshold:.2f}  {_share(len(kept), len(predicted)):>14}  {_share(sum(map(right_type, kept)), len(kept)):>10}"
              f"  {_share(sum(map(_place_right, exact)), len(exact)):>14}  {_share(sum(right[id(x)] for x in kept), len(kept)):>10}")
    ranked = sorted(predicted, key=lambda x: -x.predicted["confidence"])
    top, bottom = ranked[: len(ranked) // 2], ranked[len(ranked) // 2:]
    print(f"    ranking: type and place right in the top half by confidence {_share(sum(right[id(x)] for x in top), len(top))},"
          f" bottom half {_share(sum(right[id(x)] for x in bottom), len(bottom))};"
          f" AUC type and place right {auc([(x.predicted['confidence'], right[id(x)]) for x in predicted]):.3f},"
          f" type right {auc([(x.predicted['confidence'], right_type(x)) for x in predicted]):.3f},"
          f" place right {auc([(x.predicted['confidence'], _place_right(x)) for x in predicted if _exact(x)]):.3f}"
          " (0.5 = no ranking)")


def _exact(x: Result) -> bool:
    """Whether the gold place is exact (geo precision 1) with coordinates."""
    return x.record.geo_precision == 1 and x.record.latitude is not None


def _place_right(x: Result) -> bool:
    """Whether the predicted place lies within 25 km of the gold one."""
    return x.predicted is not None and x.predicted.get("latitude") is not None and km_between(
        (x.record.latitude, x.record.longitude), (x.predicted["latitude"], x.predicted["longitude"])) <= 25


def _share(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "n/a"


def report_old(results: list[Result]) -> None:
    """Event types of the 2015/16 exports, mapped onto current types."""
    print(f"\nold taxonomy (2015 South/Southeast Asia + 2016 Africa exports; event types mapped, "
          f"Protests and Riots one class): {len(results)} records")
    empty = sum(x.predicted is None for x in results)
    print(f"  no incident extracted: {pct(empty, len(results))} (empty prediction: a miss, not a false positive)")
    events = prf([(x.record.event_type, x.event_type) for x in results])
    m = events["micro"]
    print(f"  event type     micro P {m['p']:.3f}  R (= accuracy) {m['r']:.3f}  F1 {m['f1']:.3f} | macro-F1 {events['macro_f1']:.3f}")
    print("  per event type:")
    print_types(events)
    report_common(results)
    report_confidence(results, right_type=lambda x: x.event_type == x.record.event_type, label="event type right")
    print_confusions([(x.record.original_type, x.sub_event_type, x.record.event_id) for x in results
                      if x.event_type != x.record.event_type],
                     "wrong event type: gold old event type -> predicted sub-event")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all",
                        help="the development half, the held-out half, or all records (default all)")
    parser.add_argument("--limit", type=int, help="score a seeded random sample of at most N records")
    parser.add_argument("--per-type", type=int, help="at most N records of each gold event type (seeded)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"sampling seed (default {SEED})")
    args = parser.parse_args()

    folder = require("acled")
    records, without_notes = load_records(folder)
    if args.split != "all":
        records = [r for r in records if split_of(r.event_id) == args.split]
    chosen = choose(records, args.limit, args.per_type, args.seed)
    how = "all records" if len(chosen) == len(records) else f"seeded sample (seed {args.seed})"
    print(f"ACLED notes as articles, split {args.split}: {len(chosen)} of {len(records)} records with notes ({how}); "
          f"{without_notes} without notes left out")

    extractor = open_extractor()
    results, failures, counts = [], [], []
    started = time.perf_counter()
    for record in chosen:
        try:
            predicted = predict(extractor, record, counts)
        except Exception as err:  # a crash on one record is reported, and scored as an empty prediction
            failures.append(f"{record.event_id}: {type(err).__name__}: {err}")
            predicted = None
        results.append(Result(record, predicted))
    elapsed = time.perf_counter() - started
    print(f"  throughput: {len(chosen) / elapsed:.0f} records/s (one process, with geocoding; {elapsed:.1f} s)")
    print(f"  {incidents_per_source(counts)}")
    if failures:
        print(f"  extraction raised on {len(failures)} records (scored as empty), first: {failures[0]}")

    modern = [x for x in results if x.record.taxonomy == "modern"]
    old = [x for x in results if x.record.taxonomy == "old"]
    if modern:
        report_modern(modern)
    if old:
        report_old(old)


if __name__ == "__main__":
    main()
