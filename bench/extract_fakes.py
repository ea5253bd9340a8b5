"""Extraction on FA-KES: 804 full-text news articles on the Syrian war (2011-2018).

    python bench/extract_fakes.py [--limit N] [--half {dev,test,all}] [--dump FILE]

`--half dev` scores the articles at even positions of the file (0, 2, 4 …), `--half test` those at
odd positions, `--half all` (the default) every article: develop rules on dev, confirm on test.
`--dump FILE` writes one JSON line per scored article (id, gold and our main incident) for reading misses.

Reads `fakes_syria/fakes_utf8.csv` from the shared evaldata (`<repo>/../shared/evaldata`,
or $EVALDATA_DIR) in place; prints "skipped: …" and exits 0 when it is absent.

Each article's gold is one event: its governorate, its date and its death toll
(civilians + non-civilians). Our main incident is `incidents.extract.main_incident`'s: the first
told among those dated to the day within a week of publication with a toll read (else the first
told of those that come closest). Scored:
- governorate: the main incident's admin1 against the gold governorate, spellings
  normalised ("Ar-Raqqah" = "raqqa", "Al-Hasakah" = "hasakeh"); FA-KES files the
  Damascus countryside (Rif Dimashq: Douma, Eastern Ghouta) under "damascus", so both count;
- date: exact, and within 3 days of the gold date;
- deaths: exact, and within 10 % (a toll we did not read counts as 0).

Publication date: the articles carry no separate field, but most open with a dateline
("Wed 05 Apr 2017", "Date of publication 19 October 2016", "03-07-2015"). That dateline
anchors relative dates. An article without one is anchored on its gold date (so its
"on Sunday" is resolved against the answer); those are counted and also scored apart.

FA-KES labels about half its articles "fake" (their details contradict the VDC records),
so figures are printed for all articles and for the credible ones (label 1).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _evaldata import require  # noqa: E402
from incidents.articles import Article  # noqa: E402
from incidents.extract import main_incident  # noqa: E402
from incidents.ingest import open_extractor  # noqa: E402

# Gold governorate -> the admin1 spellings that name it (lower-cased, hyphens and "al-"/"ar-" kept out).
GOVERNORATES = {
    "aleppo": {"aleppo", "halab"},
    "damascus": {"damascus", "dimashq", "rif dimashq", "rif-dimashq", "damascus countryside", "rural damascus"},
    "idlib": {"idlib", "idleb"},
    "deir ezzor": {"deir ez-zor", "deir ezzor", "deir ez zor", "dayr az zawr", "deir al-zor", "deir al zour"},
    "raqqa": {"raqqa", "raqqah", "ar-raqqah", "ar raqqah", "al-raqqa"},
    "homs": {"homs", "hims"},
    "hasakeh": {"hasakeh", "hasakah", "al-hasakah", "al hasakah", "hasaka", "al-hasakeh"},
    "hama": {"hama", "hamah"},
    "daraa": {"daraa", "dar'a", "deraa", "dara"},
    "lattakia": {"lattakia", "latakia", "al-ladhiqiyah", "ladhiqiyah"},
    "quneitra": {"quneitra", "al-qunaytirah", "qunaytirah"},
    "tartous": {"tartous", "tartus", "tartūs"},
}
_ADMIN1 = {spelling: gold for gold, spellings in GOVERNORATES.items() for spelling in spellings}

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATELINES = [
    re.compile(rf"\b(?P<day>[0-3]?\d)\s+{_MON}\s+(?P<year>20\d\d)\b", re.I),          # 05 Apr 2017
    re.compile(rf"\b{_MON}\s+(?P<day>[0-3]?\d),?\s+(?P<year>20\d\d)\b", re.I),        # Feb 3 2016
    re.compile(r"\b(?P<day>[0-3]\d)[-.](?P<month>[01]\d)[-.](?P<year>20\d\d)\b"),     # 03-07-2015, 27.05.2017
]


def normalise_governorate(name: str | None) -> str | None:
    """The FA-KES spelling of a governorate name, or None when it is not one."""
    if not name:
        return None
    key = re.sub(r"\s+", " ", name.strip().lower().replace("‘", "'").replace("’", "'"))
    return _ADMIN1.get(key) or _ADMIN1.get(key.replace("-", " "))


def dateline(text: str) -> dt.date | None:
    """The publication date an article opens with (its first 120 characters), if any."""
    head = text[:120]
    found = []
    for pattern in _DATELINES:
        m = pattern.search(head)
        if m is None:
            continue
        month = int(m.group("month")) if "month" in m.groupdict() else _MONTHS[m.group("mon").lower()[:3]]
        try:
            found.append((m.start(), dt.date(int(m.group("year")), month, int(m.group("day")))))
        except ValueError:
            continue
    return min(found)[1] if found else None


def gold_date(text: str) -> dt.date:
    """FA-KES dates are M/D/YY."""
    return dt.datetime.strptime(text.strip(), "%m/%d/%y").date()


def _count(value: str) -> int:
    try:
        return int(float(value))
    except ValueError:
        return 0


@dataclass
class Row:
    """One article, its gold event and what we extracted as its main incident."""

    credible: bool
    anchored_on_gold: bool
    governorate: str
    date: dt.date
    deaths: int
    predicted: dict | None = None

    @property
    def our_governorate(self) -> str | None:
        return normalise_governorate(self.predicted.get("admin1")) if self.predicted else None

    @property
    def our_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.predicted["event_date"]) if self.predicted else None

    @property
    def our_deaths(self) -> int:
        return (self.predicted.get("fatalities") or 0) if self.predicted else 0


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f} %" if b else "n/a"


def report(title: str, rows: list[Row]) -> None:
    print(f"\n{title}: {len(rows)} articles")
    print(f"  incident extracted:                 {pct(sum(r.predicted is not None for r in rows), len(rows))}")
    print(f"  governorate of the main incident:   {pct(sum(r.our_governorate == r.governorate for r in rows), len(rows))}")
    print(f"  date exact:                         {pct(sum(r.our_date == r.date for r in rows), len(rows))}")
    near = sum(r.our_date is not None and abs((r.our_date - r.date).days) <= 3 for r in rows)
    print(f"  date within 3 days:                 {pct(near, len(rows))}")
    print(f"  deaths exact (none read = 0):       {pct(sum(r.our_deaths == r.deaths for r in rows), len(rows))}")
    close = sum(abs(r.our_deaths - r.deaths) <= 0.1 * r.deaths for r in rows)
    print(f"  deaths within 10 %:                 {pct(close, len(rows))}")
    toll = [r for r in rows if r.deaths > 0]
    print(f"  deaths exact where gold toll > 0:   {pct(sum(r.our_deaths == r.deaths for r in toll), len(toll))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--half", choices=("dev", "test", "all"), default="all",
                        help="dev: articles at even positions, test: at odd positions, all (default)")
    parser.add_argument("--dump", help="write each article's gold and main incident as JSON Lines to this file")
    args = parser.parse_args()

    path = require("fakes_syria") / "fakes_utf8.csv"
    if not path.exists():
        print(f"skipped: {path} not found")
        return
    with path.open(encoding="utf-8", newline="") as handle:
        articles = list(csv.DictReader(handle))
    if args.half != "all":
        articles = articles[0 if args.half == "dev" else 1::2]
    articles = articles[: args.limit]

    extractor = open_extractor()
    rows, failures, unknown_gold, dumped = [], [], 0, []
    started = time.perf_counter()
    for item in articles:
        governorate = item["location"].strip().lower()
        if governorate not in GOVERNORATES:
            unknown_gold += 1
        date = gold_date(item["date"])
        published = dateline(item["article_content"])
        row = Row(item["label"].strip() == "1", published is None, governorate, date,
                  _count(item["nb_civilians"]) + _count(item["nb_noncivilians"]))
        article = Article(text=item["article_content"], title=item["article_title"] or None,
                          published=published or date, doc_id=item["unit_id"], origin=item["unit_id"])
        try:
            main = main_incident(extractor.extract(article), article.published)
            row.predicted = main.to_dict() if main is not None else None
        except Exception as err:  # one bad article is reported and scored as empty
            failures.append(f"{item['unit_id']}: {type(err).__name__}: {err}")
        rows.append(row)
        if args.dump:
            dumped.append({"id": item["unit_id"], "published": (published or date).isoformat(),
                           "anchored_on_gold": published is None, "gold_date": date.isoformat(),
                           "gold_deaths": row.deaths, "gold_governorate": governorate, "predicted": row.predicted})
    elapsed = time.perf_counter() - started

    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(d) + "\n" for d in dumped)
    half = "all articles" if args.half == "all" else f"{args.half} half"
    print(f"FA-KES ({half}): {len(rows)} articles; throughput {len(rows) / elapsed:.0f} articles/s "
          f"(one process, with geocoding; {elapsed:.1f} s)")
    anchored = sum(r.anchored_on_gold for r in rows)
    print(f"  no dateline found, anchored on the gold date: {pct(anchored, len(rows))}")
    if unknown_gold:
        print(f"  gold governorate not in the normalisation table: {unknown_gold}")
    if failures:
        print(f"  extraction raised on {len(failures)} articles (scored as empty), first: {failures[0]}")
    report("all articles", rows)
    report("credible articles (label 1)", [r for r in rows if r.credible])
    report("articles with a dateline (date not anchored on the gold)", [r for r in rows if not r.anchored_on_gold])


if __name__ == "__main__":
    main()
