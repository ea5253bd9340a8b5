"""The verbatim seed report (../shared/seeds/, published Tuesday 2018-02-06), end to end.

    python bench/seed_report.py

Prints each incident found and checks it against what the report describes: the
Su-25 shot down over Maasran on Saturday, air strikes across Idlib province on
Sunday and Monday (at least 15 civilians killed on Monday), and chlorine barrel
bombs on Saraqeb on Sunday (at least nine injured) — and nothing from its link lists.
"""
import datetime as dt
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from incidents.articles import Article  # noqa: E402
from incidents.ingest import open_extractor  # noqa: E402

SEEDS = Path(os.environ.get("SEEDS_DIR", REPO.parent / "shared" / "seeds"))
EXPECTED = {
    ("2018-02-03", "Armed clash"): ("Maasran", None, None),
    ("2018-02-04", "Air/drone strike"): ("Idlib", None, None),
    ("2018-02-05", "Air/drone strike"): ("Idlib", 15, None),
    ("2018-02-04", "Chemical weapon"): ("Saraqib", None, 9),
}


def main() -> int:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        print(f"skipped: no seed report at {SEEDS}")
        return 0
    extractor = open_extractor()
    article = Article(text=seeds[0].read_text(encoding="utf-8"), published=dt.date(2018, 2, 6))
    found = extractor.extract(article)
    right = 0
    for incident in found:
        key = (incident.event_date, incident.sub_event_type)
        want = EXPECTED.get(key)
        ok = want is not None and incident.location == want[0] and (want[1] is None or incident.fatalities == want[1]) \
            and (want[2] is None or incident.injuries == want[2])
        right += ok
        print(f"{'ok ' if ok else 'BAD'} {incident.event_date} {incident.sub_event_type:<18} {incident.location} "
              f"(precision {incident.geo_precision}) killed={incident.fatalities} injured={incident.injuries} "
              f"actors={incident.actor1} / {incident.actor2}")
    print(f"seed report: {right}/{len(EXPECTED)} expected incidents right, {len(found) - right} wrong or extra")
    return 0


if __name__ == "__main__":
    sys.exit(main())
