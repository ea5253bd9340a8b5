"""Extraction on the project's own demo reports against their gold (data/gold/demo_expected.jsonl).

    python bench/extract_demo.py [-v]

Prints recall/precision of incidents, sub-event type, date, place and fatality
agreement, and throughput (articles per second on one core, with geocoding: a second, warm pass,
and the first pass with its one-off start-up).
"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incidents.articles import read_articles  # noqa: E402
from incidents.evaluate import Score, score_article  # noqa: E402
from incidents.ingest import open_extractor  # noqa: E402

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def main() -> None:
    verbose = "-v" in sys.argv
    extractor = open_extractor()
    gold = {row["id"]: row["incidents"] for row in map(json.loads, (REPORTS.parent / "gold" / "demo_expected.jsonl").open())}
    articles = [a for a in read_articles(str(REPORTS / "demo_reports.jsonl"))]

    def locate(name, country):
        place = extractor.gazetteer.geocode(name, country=country)
        return (place.latitude, place.longitude) if place else None

    score = Score()
    started = time.perf_counter()
    found_all = {a.doc_id: [i.to_dict() for i in extractor.extract(a)] for a in articles}
    elapsed = time.perf_counter() - started
    for article in articles:
        score_article(score, gold[article.doc_id], found_all[article.doc_id], locate=locate, label=article.doc_id)
    print(f"demo reports: {len(articles)} articles, {score.gold} gold incidents, {score.extracted} extracted")
    for line in score.lines():
        print("  " + line)
    # A second pass, timed again: the first includes one-off start-up (patterns compiled on first use,
    # the gazetteer's caches filling), which an ingest of many reports pays once.
    started = time.perf_counter()
    for article in articles:
        extractor.extract(article)
    warm = time.perf_counter() - started
    print(f"  throughput: {len(articles) / warm:.0f} articles/s (one core, with geocoding; "
          f"first pass, start-up included: {len(articles) / elapsed:.0f} articles/s)")
    if verbose:
        print("missed:", *score.misses, sep="\n  ")
        print("extra:", *score.extras, sep="\n  ")


if __name__ == "__main__":
    main()
