"""Ingest throughput end to end: articles per second with 1 and 2 processes.

    python bench/ingest_speed.py [--copies 60] [--workers 1,2] [--no-postgres]

The corpus is the demo reports (data/reports/demo_reports.jsonl) repeated `--copies`
times, each copy with a small textual variation (a reference line, and a changed
doc id) so that every article has its own content hash: 53 x 60 = 3,180 articles.
Each run is `python -m incidents ingest CORPUS --workers N` in a fresh process into
a fresh store (a temporary SQLite file; then a database on a throwaway PostgreSQL
server when Debian's server binaries are installed, see tests/postgres_server.py),
timed from start to exit: reading, extraction, geocoding and storing, plus the
interpreter and gazetteer start-up (which the per-article figure also includes).
Uses the default gazetteer (data/cache/geo, built first if needed).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "data" / "reports" / "demo_reports.jsonl"


def write_corpus(path: Path, copies: int, *, demo: Path = DEMO) -> int:
    """Write `copies` varied copies of the demo reports to `path` (JSON Lines); return the article count."""
    originals = [json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines() if line.strip()]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for copy in range(1, copies + 1):
            for article in originals:
                varied = dict(article, id=f"{article['id']}-copy{copy}",
                              text=f"{article['text']}\n\nArchive reference {copy}-{written}.")
                out.write(json.dumps(varied, ensure_ascii=False) + "\n")
                written += 1
    return written


def run_ingest(corpus: Path, database_url: str, workers: int) -> tuple[float, str]:
    """One timed `ingest` run in a fresh process: (seconds, its summary line)."""
    env = os.environ | {"DATABASE_URL": database_url}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "incidents", "ingest", str(corpus), "--workers", str(workers)],
                            cwd=REPO, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"ingest failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed, result.stdout.strip().splitlines()[-1]


def report(label: str, articles: int, workers: int, elapsed: float, summary: str) -> None:
    print(f"{label:<10} {workers} process{'es' if workers > 1 else '  '}  {articles} articles in {elapsed:6.1f} s"
          f" = {articles / elapsed:6.1f} articles/s   ({summary})", flush=True)


def postgres_runs(corpus: Path, articles: int, workers_list: list[int]) -> None:
    sys.path.insert(0, str(REPO))
    from tests.postgres_server import PostgresServer, server_bin_dir

    bin_dir = server_bin_dir()
    if bin_dir is None:
        print("postgresql skipped: server binaries not found (Debian package `postgresql`)")
        return
    server = PostgresServer(bin_dir)
    try:
        server.start()
        import sqlalchemy as sa

        from incidents.store import database_url

        admin = sa.create_engine(database_url(server.url), isolation_level="AUTOCOMMIT")
        for workers in workers_list:
            name = f"bench_ingest_{workers}"
            with admin.connect() as conn:
                conn.execute(sa.text(f"CREATE DATABASE {name}"))
            url = server.url.rsplit("/", 1)[0] + f"/{name}"
            elapsed, summary = run_ingest(corpus, url, workers)
            report("postgresql", articles, workers, elapsed, summary)
        admin.dispose()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=60, help="copies of the 53 demo reports (default 60)")
    parser.add_argument("--workers", default="1,2", help="process counts to time, comma-separated (default 1,2)")
    parser.add_argument("--no-postgres", action="store_true", help="time SQLite only")
    args = parser.parse_args()
    workers_list = [int(n) for n in args.workers.split(",")]

    sys.path.insert(0, str(REPO))
    import geo

    geo.ensure_built()  # not timed: a one-off
    print(f"machine: {os.cpu_count()} cores (shared with other work: figures are noisy)")
    with tempfile.TemporaryDirectory(prefix="ingest-speed-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        articles = write_corpus(corpus, args.copies)
        print(f"corpus: {articles} articles ({args.copies} varied copies of {DEMO.name})")
        for workers in workers_list:
            elapsed, summary = run_ingest(corpus, f"sqlite:///{Path(tmp) / f'store-{workers}.sqlite'}", workers)
            report("sqlite", articles, workers, elapsed, summary)
        if not args.no_postgres:
            postgres_runs(corpus, articles, workers_list)


if __name__ == "__main__":
    main()
