"""The fault run: kill -9 an ingest at random points, re-run it, compare with a clean run.

    python bench/ingest_faults.py [--runs 10] [--copies 20] [--workers 1] [--seed N]

A corpus of varied copies of the demo reports (see bench/ingest_speed.py) is ingested
once without interruption into a fresh SQLite store: the reference. Then, `--runs`
times, into a fresh store: start `python -m incidents ingest` as a subprocess (its own
process group), SIGKILL the group at a random point of the run (once a random number
of articles, from none to 95 % of them, is stored, plus a random 0-50 ms), re-run the same
command to completion, and compare the store with the reference: the same articles
(by content hash, with the same title, URL, date and doc id) and, per article, the
same incidents with all their fields (row ids and ingested_at excepted).

Prints, per run, when it was killed, how many articles were stored at the kill, and
IDENTICAL or DIFFERENT; exits 1 if any run differs. With `--workers 2` the kills hit
the parent and both workers at once.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest_speed import write_corpus  # noqa: E402  (this folder is on sys.path when run as a script)

from incidents.ingest import store_contents  # noqa: E402
from incidents.store import Store  # noqa: E402


def ingest_command(corpus: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "incidents", "ingest", str(corpus), "--workers", str(workers)]


def environment(db: Path) -> dict:
    return os.environ | {"DATABASE_URL": f"sqlite:///{db}"}


def clean_run(corpus: Path, db: Path, workers: int) -> float:
    started = time.perf_counter()
    result = subprocess.run(ingest_command(corpus, workers), cwd=REPO, env=environment(db),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the clean run failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def stored_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def killed_run(corpus: Path, db: Path, workers: int, target: int, jitter: float) -> tuple[float, int, bool]:
    """Start an ingest and SIGKILL its process group once `target` articles are stored, plus
    `jitter` seconds (so the kill lands anywhere in an article: reading, extracting, committing).
    Returns (seconds from start to kill, articles stored at the kill, whether it was killed)."""
    started = time.perf_counter()
    process = subprocess.Popen(ingest_command(corpus, workers), cwd=REPO, env=environment(db),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    while process.poll() is None and stored_articles(db) < target:
        time.sleep(0.01)
    time.sleep(jitter)
    killed = process.poll() is None
    if killed:
        os.killpg(process.pid, signal.SIGKILL)
    elapsed = time.perf_counter() - started
    process.wait()
    return elapsed, stored_articles(db), killed


def contents(db: Path) -> dict:
    store = Store(f"sqlite:///{db}")
    try:
        return store_contents(store)
    finally:
        store.dispose()


def difference(expected: dict, found: dict) -> str:
    """What differs between two stores' contents, in one line."""
    missing = expected.keys() - found.keys()
    extra = found.keys() - expected.keys()
    changed = [h for h in expected.keys() & found.keys() if expected[h] != found[h]]
    return (f"{len(missing)} articles missing, {len(extra)} extra, {len(changed)} with other fields or incidents"
            + (f" (e.g. doc {expected[changed[0]][0][0]})" if changed else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--copies", type=int, default=20, help="copies of the 53 demo reports (default 20)")
    parser.add_argument("--workers", type=int, default=1, help="processes per ingest (default 1)")
    parser.add_argument("--seed", type=int, default=None, help="for repeatable kill times")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    import geo

    geo.ensure_built()
    with tempfile.TemporaryDirectory(prefix="ingest-faults-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        articles = write_corpus(corpus, args.copies)
        reference_db = Path(tmp) / "clean.sqlite"
        duration = clean_run(corpus, reference_db, args.workers)
        reference = contents(reference_db)
        incidents = sum(len(found) for _, found in reference.values())
        print(f"clean run: {articles} articles, {incidents} incidents in {duration:.1f} s "
              f"({args.workers} process{'es' if args.workers > 1 else ''})")
        differing = 0
        for run in range(1, args.runs + 1):
            db = Path(tmp) / f"run-{run}.sqlite"
            # A random point: after 0 (during start-up) to 95 % of the articles, plus up to 50 ms.
            target = rng.randrange(0, articles * 95 // 100)
            elapsed, at_kill, killed = killed_run(corpus, db, args.workers, target, rng.uniform(0, 0.05))
            clean_run(corpus, db, args.workers)
            found = contents(db)
            same = found == reference
            differing += not same
            when = f"killed at {elapsed:5.1f} s" if killed else f"finished in {elapsed:5.1f} s (not killed)"
            print(f"run {run:2}: {when}, {at_kill:5} articles stored at the kill, "
                  f"re-run to completion: {'IDENTICAL' if same else 'DIFFERENT'}", flush=True)
            if not same:
                print("        " + difference(reference, found))
            for leftover in Path(tmp).glob(f"run-{run}.sqlite*"):
                leftover.unlink()
        print(f"{args.runs - differing}/{args.runs} identical to the clean run")
        # The reference must not have moved: code or gazetteer edited during the bench would void it.
        again_db = Path(tmp) / "clean-again.sqlite"
        clean_run(corpus, again_db, args.workers)
        if contents(again_db) != reference:
            print("warning: a second clean run differs from the first (the code or the gazetteer changed "
                  "during the bench?): " + difference(reference, contents(again_db)))
            return 2
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
