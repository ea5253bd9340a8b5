"""How often the offline gazetteer puts a known place name in the right spot.

    python bench/geo_accuracy.py [--fuzzy] [--misses CLASS ...]

With --fuzzy, every lookup may use the fuzzy stage (as `geo resolve` does);
without, it is off (as in extraction, the default). With --misses, section 1
also lists every missed name of the classes given (ERROR_CLASSES, e.g.
"missing name" "wrong homonym"), per corpus, with its count.

Reads the shared evaluation data in place (see bench/_evaldata.py); prints one
"skipped: …" line and exits 0 when it is absent. Builds the index first if
needed (not timed).

1. Toponym resolution on GeoWebNews, TR-News and LGL (Gritta et al.'s copies):
   each gold toponym string (GeoWebNews `extractedName`, TR-News/LGL `phrase`)
   that has gold coordinates is geocoded, and the share within 161 km and
   25 km of the gold point is reported (unresolved = miss). Three runs:
     - no context: `geocode(name)`;
     - document context, two passes per article: pass 1 resolves every name
       without context; pass 2 resolves each name again with
       `near=` the pass-1 points of the *other* names in the same article,
       keeping only points below province level (countries and ADM1 centroids
       are too coarse to be useful as "near"), and `admin1s=` every
       first-level unit pass 1 found in the article ("Ontario": London is
       then London, Ontario).
     - province context: the same, plus `admin1=` the first-level unit the
       article names in pass 1 when it names exactly one ("Dublin" in an
       article that also names Georgia, resolved to the US state), for the
       names that are not themselves such a unit.
   No country hint: it did not help on these corpora (mixed-country articles).
   The misses with document context are then sorted into classes
   (ERROR_CLASSES: wrong homonym, missing name, ...).
   Mordecai 3's published accuracy@161 km is printed beside ours.
2. UCDP GED Syria events with where_prec == 1: `where_coordinates` minus
   anything in parentheses and a trailing " town"/" village"/" city",
   geocoded with country="SY"; share within 10 km of the event's lat/lon, by
   distinct place (name + gold point) and weighted by events, for all years
   and for 2018–2019; then the misses by class (UCDP_CLASSES) and the most
   frequent ones.
   2b. After learning: the 2016–2017 rows are written to a temporary
   GEO_DATA_DIR, `geo learn` runs on them and the index is built there (the
   user's index is never touched); then the 2018–2019 where_prec == 1 places
   are geocoded the same way (query = the first name `geo learn` takes from
   `where_coordinates`, country="SY"), before (user's index) and after
   learning, by place and by event, with the split into names seen / not
   seen in 2016–2017, the source of the hits, the misses by class
   (LEARN_CLASSES) and the most frequent ones.
3. Timing of all the lookups above.
"""
from __future__ import annotations

import argparse
import collections
import csv
import math
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geo  # noqa: E402
from bench._evaldata import require  # noqa: E402
from geo.normalize import translit_key  # noqa: E402

CORPORA = (  # file, label, Mordecai 3 accuracy@161 km (Halterman 2023)
    ("GeoWebNews_GWN.xml", "GeoWebNews", 94.1),
    ("TR-News.xml", "TR-News", 87.3),
    ("LGL_lgl.xml", "LGL", 82.7),
)
UCDP_FILE = "ged_syria_2016-2019.csv"
UCDP_KM = 10.0
TOP_MISSES = 15


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


class Timed:
    """gaz.geocode with a call counter and the time spent inside it."""

    def __init__(self, gaz: geo.Gazetteer) -> None:
        self.gaz, self.calls, self.seconds = gaz, 0, 0.0

    def __call__(self, query: str, **context) -> geo.Place | None:
        started = time.perf_counter()
        place = self.gaz.geocode(query, **context)
        self.seconds += time.perf_counter() - started
        self.calls += 1
        return place


# --- 1. geoparsing corpora ---

@dataclass(frozen=True)
class Toponym:
    start: int
    name: str
    lat: float
    lon: float


def load_corpus(path: Path) -> list[list[Toponym]]:
    """Articles as lists of gold toponyms (with coordinates), in text order.

    GeoWebNews: <toponym><extractedName>…<latitude><longitude> (empty when the
    mention is not geocoded). TR-News and LGL: <toponym><phrase><gaztag><lat><lon>.
    """
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for t in article.iter("toponym"):
            gaztag = t.find("gaztag")
            if gaztag is not None:
                name, lat, lon = t.findtext("phrase"), gaztag.findtext("lat"), gaztag.findtext("lon")
            else:
                name, lat, lon = t.findtext("extractedName"), t.findtext("latitude"), t.findtext("longitude")
            name, lat, lon = (name or "").strip(), (lat or "").strip(), (lon or "").strip()
            if name and lat and lon:
                toponyms.append(Toponym(int(t.findtext("start") or 0), name, float(lat), float(lon)))
        articles.append(sorted(toponyms, key=lambda t: t.start))
    return articles


def is_point_like(place: geo.Place) -> bool:
    """Below province level: countries, provinces, continents and regions (seas, rivers...) are too coarse."""
    return place.precision < 3


CONTEXTS = ("none", "document", "province")


def resolve_article(geocode: Timed, toponyms: list[Toponym], context: str) -> list[geo.Place | None]:
    """Resolve an article's names with the `context` (CONTEXTS) the module docstring describes."""
    first = {t.name: geocode(t.name) for t in toponyms}
    if context == "none":
        return [first[t.name] for t in toponyms]
    # "province": the one first-level unit the article names, if it names exactly one.
    units = sorted({p.name for p in first.values() if p is not None and p.feature_code == "ADM1"})
    admin1 = units[0] if context == "province" and len(units) == 1 else None
    second = {}
    for name, place in first.items():
        options = {}
        near = tuple(dict.fromkeys(  # not the name itself in another case ("LONDON" for "London")
            (p.latitude, p.longitude) for other, p in first.items()
            if geo.name_key(other) != geo.name_key(name) and p is not None and is_point_like(p)
        ))
        if near:
            options["near"] = near
        if admin1 and place is not None and place.feature_code != "ADM1":
            options["admin1"] = admin1
        if units:
            options["admin1s"] = units
        second[name] = geocode(name, **options) if options else place
    return [second[t.name] for t in toponyms]


_DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "is", "ic")
ERROR_CLASSES = (
    ("missing name", "no place has this name (rivers, regions, streets, misspellings...)"),
    ("wrong homonym", "a place of this name within 161 km of the gold point is a candidate, ranked lower"),
    ("demonym", "an adjective or demonym resolved to its country, the gold point elsewhere"),
    ("unit point", "resolved to a country/province/district, none of the candidates near the gold point"),
    ("no such entry", "resolved to a town, no candidate near the gold point (the gold place lacks this name)"),
)


def classify_miss(gaz: geo.Gazetteer, t: Toponym, place: geo.Place | None) -> str:
    """Which ERROR_CLASSES a miss (> 161 km or unresolved, with document context) belongs to."""
    if place is None:
        return "missing name"
    if any(km(t.lat, t.lon, c.latitude, c.longitude) <= 161 for c in gaz.candidates(t.name, limit=200)):
        return "wrong homonym"
    key = geo.name_key(t.name)
    if place.feature_code.startswith("PCL") and key != geo.name_key(place.name) and key.endswith(_DEMONYM_ENDINGS):
        return "demonym"
    if place.feature_code.startswith(("PCL", "ADM")) or place.feature_code == "CONT":
        return "unit point"
    return "no such entry"


def bench_corpora(folder: Path, geocode: Timed, listed: tuple[str, ...] = ()) -> None:
    print("1. Toponym resolution, gold toponym strings -> coordinates (unresolved = miss)")
    print("   context: 2 passes per article, near= pass-1 points (below province level) of the other names,")
    print("   admin1s= the first-level units pass 1 found in the article;")
    print("   province: also admin1= the one first-level unit the article names (when it names exactly one)")
    header = f"   {'corpus':<11} {'toponyms':>8}  {'context':<10} {'<=161 km':>8} {'<=25 km':>8} {'unresolved':>10}  {'Mordecai 3 <=161 km':>19}"
    print(header)
    misses_by_corpus = {}
    classes_by_corpus: dict[str, collections.Counter] = {}
    names_by_class: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    sizes: dict[str, int] = {}
    for filename, label, mordecai in CORPORA:
        articles = load_corpus(folder / filename)
        n = sizes[label] = sum(map(len, articles))
        for context in CONTEXTS:
            hit161 = hit25 = unresolved = country_level = 0
            misses = collections.Counter()
            for toponyms in articles:
                for t, place in zip(toponyms, resolve_article(geocode, toponyms, context)):
                    far = place is None or km(t.lat, t.lon, place.latitude, place.longitude) > 161
                    if context == "document" and far:
                        miss_class = classify_miss(geocode.gaz, t, place)
                        classes_by_corpus.setdefault(label, collections.Counter())[miss_class] += 1
                        if miss_class in listed:
                            to = f"{place.name} ({place.country_code} {place.feature_code})" if place else "-"
                            names_by_class[(label, miss_class)][f"{t.name} -> {to}"] += 1
                    if place is None:
                        unresolved += 1
                        misses[(t.name, "-", None)] += 1
                        continue
                    d = km(t.lat, t.lon, place.latitude, place.longitude)
                    hit161 += d <= 161
                    hit25 += d <= 25
                    if d > 161:
                        country_level += place.feature_code.startswith("PCL")
                        misses[(t.name, f"{place.name} ({place.country_code} {place.feature_code})", round(d))] += 1
            mordecai_cell = f"{mordecai:.1f}%" if context == "document" else ""
            print(f"   {label:<11} {n:>8}  {context:<10} {100 * hit161 / n:>7.1f}% "
                  f"{100 * hit25 / n:>7.1f}% {unresolved:>10}  {mordecai_cell:>19}")
            if context == "document":
                misses_by_corpus[label] = (misses, country_level, n - hit161 - unresolved)
    print("   misses by class (with document context; toponyms, share of the corpus):")
    for name, meaning in ERROR_CLASSES:
        cells = []
        for _, label, _ in CORPORA:
            count = classes_by_corpus.get(label, collections.Counter())[name]
            cells.append(f"{label} {count} ({100 * count / sizes[label]:.1f}%)")
        print(f"     {name:<14} {', '.join(cells)}: {meaning}")
    for (label, name), names in sorted(names_by_class.items()):
        print(f"   every '{name}' miss in {label} ({sum(names.values())}): "
              + "; ".join(f"{n} x{c}" for n, c in names.most_common()))
    print("   most frequent misses (with document context): name -> resolved to (country, feature code), km off; "
          "'-' = unresolved")
    for label, (misses, country_level, far) in misses_by_corpus.items():
        print(f"   {label}: {far} resolved > 161 km, of which {country_level} to a country "
              f"(our country point vs GeoNames' centroid)")
        per_name = collections.Counter()
        for (name, _, _), count in misses.items():
            per_name[name] += count
        shown = sorted(misses.items(), key=lambda kv: (-per_name[kv[0][0]], -kv[1]))[:10]
        print("     " + "; ".join(
            f"{name} x{count} -> {to}" + (f", {d} km" if d is not None else "") for (name, to, d), count in shown
        ))


# --- 2. UCDP GED Syria ---

_PARENS = re.compile(r"\s*\([^)]*\)")
_SUFFIX = re.compile(r"\s+(?:town|village|city)\s*$", re.IGNORECASE)


def ucdp_name(where: str) -> str:
    """'Yani Yaban (Al-Judaydah) village' -> 'Yani Yaban'; 'Tallbisah  town' -> 'Tallbisah'."""
    name = _PARENS.sub("", where)
    name = _SUFFIX.sub("", name)
    return " ".join(name.split())


def bench_ucdp(folder: Path, geocode: Timed) -> None:
    with (folder / UCDP_FILE).open(encoding="utf-8", newline="") as f:
        events = [row for row in csv.DictReader(f) if row["where_prec"] == "1"]
    # A distinct place: the name as given plus its gold point (8 names recur at two points).
    places: dict[tuple[str, float, float], dict] = {}
    for row in events:
        key = (row["where_coordinates"], float(row["latitude"]), float(row["longitude"]))
        entry = places.setdefault(key, {"years": collections.Counter(), "adm1": row["adm_1"]})
        entry["years"][int(row["year"])] += 1
    for (where, lat, lon), entry in places.items():
        query = ucdp_name(where)
        place = geocode(query, country="SY")
        entry["query"], entry["place"] = query, place
        entry["km"] = km(lat, lon, place.latitude, place.longitude) if place else None
        entry["hit"] = entry["km"] is not None and entry["km"] <= UCDP_KM
        # same, with the event's governorate as admin1 (what an article often says)
        place2 = geocode(query, country="SY", admin1=entry["adm1"] or None)
        entry["hit_adm1"] = place2 is not None and km(lat, lon, place2.latitude, place2.longitude) <= UCDP_KM

    print()
    print(f"2. UCDP GED Syria, where_prec == 1, geocode(name, country='SY'), hit = within {UCDP_KM:.0f} km of the event")
    print(f"   {'years':<10} {'places':>6} {'by place':>9} {'events':>6} {'by event':>9} {'unresolved places':>18}"
          f" {'+admin1=adm_1 by place / by event':>34}")
    for label, years in (("all", None), ("2018-2019", {2018, 2019})):
        chosen = [(e, sum(c for y, c in e["years"].items() if years is None or y in years)) for e in places.values()]
        chosen = [(e, c) for e, c in chosen if c]
        n_places, n_events = len(chosen), sum(c for _, c in chosen)
        by_place = sum(e["hit"] for e, _ in chosen) / n_places
        by_event = sum(c for e, c in chosen if e["hit"]) / n_events
        unresolved = sum(e["place"] is None for e, _ in chosen)
        adm_place = sum(e["hit_adm1"] for e, _ in chosen) / n_places
        adm_event = sum(c for e, c in chosen if e["hit_adm1"]) / n_events
        print(f"   {label:<10} {n_places:>6} {100 * by_place:>8.1f}% {n_events:>6} {100 * by_event:>8.1f}% {unresolved:>18}"
              f" {f'{100 * adm_place:.1f}% / {100 * adm_event:.1f}%':>34}")

    classes = collections.Counter()
    for (where, lat, lon), e in places.items():
        if not e["hit"]:
            classes[classify_ucdp_miss(geocode.gaz, e["query"], lat, lon, e["place"])] += sum(e["years"].values())
    total = sum(sum(e["years"].values()) for e in places.values())
    print("   misses by class (events, all years): " + "; ".join(
        f"{name} {classes[name]:,} ({100 * classes[name] / total:.1f}%)" for name, _ in UCDP_CLASSES))
    for name, meaning in UCDP_CLASSES:
        print(f"     {name}: {meaning}")
    misses = sorted(
        ((where, e) for (where, _, _), e in places.items() if not e["hit"]),
        key=lambda item: (-sum(item[1]["years"].values()), item[0]),
    )
    print(f"   {TOP_MISSES} most frequent misses (events): name as given [query] -> resolved to, km off")
    for where, e in misses[:TOP_MISSES]:
        p = e["place"]
        to = (f"{p.name} ({p.admin1 or '?'}, {p.country_code}, {p.feature_code}, {p.source}), {e['km']:.0f} km"
              if p else "unresolved")
        print(f"   {sum(e['years'].values()):>5}  {where} [{e['query']}] -> {to}")


UCDP_CLASSES = (
    ("not found", "no place of this name (a village cities500 lacks, mostly)"),
    ("wrong homonym", f"a candidate of this name within {UCDP_KM:.0f} km ranked lower"),
    ("unit point", "resolved to a district, province or country"),
    ("elsewhere", "resolved to a place of this name elsewhere; none of them near the event"),
)


def classify_ucdp_miss(gaz: geo.Gazetteer, query: str, lat: float, lon: float, place: geo.Place | None) -> str:
    """Which UCDP_CLASSES a miss belongs to."""
    if place is None:
        return "not found"
    if any(km(lat, lon, c.latitude, c.longitude) <= UCDP_KM
           for c in gaz.candidates(query, country="SY", limit=200)):
        return "wrong homonym"
    if place.feature_code.startswith(("PCL", "ADM")):
        return "unit point"
    return "elsewhere"


LEARN_CLASSES = (
    ("not learned", "the name is not among the 2016-2017 names, not even by transliteration key"),
    ("spelled differently", "not learned as spelled; a 2016-2017 name has its transliteration key"),
    ("learned elsewhere", f"learned, at a point > {UCDP_KM:.0f} km away: another place of this name"),
    ("another won", f"learned within {UCDP_KM:.0f} km, another candidate ranked first"),
)


LEARN_YEARS, TEST_YEARS = {2016, 2017}, {2018, 2019}


def bench_ucdp_learned(folder: Path, before: Timed, fuzzy: bool) -> None:
    """2b: learn on 2016–2017 in a temporary GEO_DATA_DIR, test on 2018–2019."""
    from geo import layers

    with (folder / UCDP_FILE).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    learn_rows = [r for r in rows if int(r["year"]) in LEARN_YEARS]
    tests = [r for r in rows if int(r["year"]) in TEST_YEARS and r["where_prec"] == "1"]
    with tempfile.TemporaryDirectory(prefix="geo-bench-") as tmp:
        tmp = Path(tmp)
        train = tmp / "ged_syria_2016-2017.csv"
        with train.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=fields)
            writer.writeheader()
            writer.writerows(learn_rows)
        started = time.perf_counter()
        learned = layers.learn(train, directory=tmp)
        learn_s = time.perf_counter() - started
        started = time.perf_counter()
        built = geo.build_index(directory=tmp)
        build_s = time.perf_counter() - started
        seen = {(r["where_coordinates"]) for r in learn_rows if r["where_prec"] == "1"}
        seen_keys = {geo.name_key(n) for w in seen for n in layers.place_names(w, ucdp=True)}
        learned_points = collections.defaultdict(list)  # name key -> points of the learned places bearing it
        for _, cells in layers._read_rows(learned.layer.path):
            for name in [cells[1], *(a for a in cells[12].split("|") if a)]:
                learned_points[geo.name_key(name)].append((float(cells[2]), float(cells[3])))
        learned_translit = {translit_key(k) for k in learned_points}
        after = Timed(geo.Gazetteer(built.path, fuzzy=fuzzy))
        try:
            places: dict[tuple[str, float, float], dict] = {}
            for row in tests:
                key = (row["where_coordinates"], float(row["latitude"]), float(row["longitude"]))
                places.setdefault(key, {"events": 0})["events"] += 1
            for (where, lat, lon), e in places.items():
                names = layers.place_names(where, ucdp=True)
                e["query"] = names[0] if names else where
                e["seen"] = bool(names) and geo.name_key(names[0]) in seen_keys
                for label, geocode in (("before", before), ("after", after)):
                    place = geocode(e["query"], country="SY")
                    e[label] = place
                    e[f"{label}_hit"] = place is not None and km(lat, lon, place.latitude, place.longitude) <= UCDP_KM
        finally:
            after.gaz.close()

    print()
    print(f"2b. UCDP GED Syria 2018-2019, where_prec == 1, after `geo learn` on the 2016-2017 events "
          f"(hit = within {UCDP_KM:.0f} km)")
    print(f"   learned {learned.places:,} places from {learned.precise:,} precise 2016-2017 events "
          f"in {learn_s:.1f} s; index built in a temporary GEO_DATA_DIR in {build_s:.1f} s "
          f"({built.places.get('learned', 0):,} learned places added, the rest merged into existing ones)")
    print(f"   {'subset':<28} {'places':>6} {'events':>6}  {'before: by place / by event':>27}  "
          f"{'after: by place / by event':>26}")
    subsets = (
        ("all", lambda e: True),
        ("name seen in 2016-2017", lambda e: e["seen"]),
        ("name not seen", lambda e: not e["seen"]),
    )
    for label, keep in subsets:
        chosen = [e for e in places.values() if keep(e)]
        n_places, n_events = len(chosen), sum(e["events"] for e in chosen)
        if not n_places:
            continue
        cells = []
        for when in ("before", "after"):
            by_place = sum(e[f"{when}_hit"] for e in chosen) / n_places
            by_event = sum(e["events"] for e in chosen if e[f"{when}_hit"]) / n_events
            cells.append(f"{100 * by_place:.1f}% / {100 * by_event:.1f}%")
        print(f"   {label:<28} {n_places:>6} {n_events:>6}  {cells[0]:>27}  {cells[1]:>26}")
    sources = collections.Counter()
    for e in places.values():
        if e["after_hit"]:
            sources[e["after"].source] += e["events"]
    total = sum(e["events"] for e in places.values())
    print("   hits after learning by source (events): "
          + ", ".join(f"{src} {n:,} ({100 * n / total:.1f}%)" for src, n in sources.most_common()))
    classes = collections.Counter()
    for (_, lat, lon), e in places.items():
        if e["after_hit"]:
            continue
        key = geo.name_key(e["query"])
        if key in learned_points:
            near = any(km(lat, lon, *point) <= UCDP_KM for point in learned_points[key])
            classes["another won" if near else "learned elsewhere"] += e["events"]
        else:
            classes["spelled differently" if translit_key(key) in learned_translit else "not learned"] += e["events"]
    print("   misses by class (events): " + "; ".join(
        f"{name} {classes[name]:,} ({100 * classes[name] / total:.1f}%)" for name, _ in LEARN_CLASSES))
    for name, meaning in LEARN_CLASSES:
        print(f"     {name}: {meaning}")
    misses = sorted((e for e in places.values() if not e["after_hit"]), key=lambda e: (-e["events"], e["query"]))
    unresolved = sum(e["events"] for e in misses if e["after"] is None)
    print(f"   misses: {sum(e['events'] for e in misses):,} events, of which {unresolved:,} unresolved; "
          f"{TOP_MISSES} most frequent (events, query, seen in 2016-2017?) -> resolved to")
    for e in misses[:TOP_MISSES]:
        p = e["after"]
        to = f"{p.name} ({p.admin1 or '?'}, {p.feature_code}, {p.source})" if p else "unresolved"
        print(f"   {e['events']:>5}  {e['query']} [{'seen' if e['seen'] else 'new'}] -> {to}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzzy", action="store_true", help="let every lookup use the fuzzy stage")
    parser.add_argument("--misses", nargs="+", default=(), metavar="CLASS",
                        choices=[name for name, _ in ERROR_CLASSES],
                        help="list every miss of these classes (section 1, document context)")
    args = parser.parse_args()
    gritta = require("geoparsing_corpora_gritta")
    ucdp = require("ucdp_ged_syria")
    started = time.perf_counter()
    geocode = Timed(geo.Gazetteer.open(fuzzy=args.fuzzy))
    print(f"index: {geocode.gaz.path} (built {geocode.gaz.built_at}); fuzzy stage {'on' if args.fuzzy else 'off'}")
    bench_corpora(gritta, geocode, tuple(args.misses))
    bench_ucdp(ucdp, geocode)
    bench_ucdp_learned(ucdp, geocode, args.fuzzy)
    print()
    print(f"3. Timing: {geocode.calls:,} lookups in {geocode.seconds:.2f} s = "
          f"{geocode.calls / geocode.seconds:,.0f} lookups/s (cached repeats included); "
          f"whole run {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
