"""A shared PostgreSQL store: every command and the dashboard on DATABASE_URL=postgresql://…,
and concurrent writers that never store an article twice. Runs against a real server
(tests/postgres_server.py); skipped only when PostgreSQL's server binaries are not installed."""
import csv
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from incidents.record import Incident
from incidents.store import Store, database_url
from postgres_server import pg_url, postgres_server, postgres_url  # noqa: F401  (fixtures)

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "su25_idlib_2018.txt"
DEMO_REPORTS = REPO / "data" / "reports" / "demo_reports.jsonl"
_numbers = itertools.count(1)


def incident(n: int = 1, **changes) -> Incident:
    values = dict(
        event_date=f"2018-02-{n:02d}", date_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Hayat Tahrir al Sham", actor2="Military Forces of Russia", inter1=2, inter2=8,
        location="Maasran", admin1="Idlib", country="Syria", country_code="SY", latitude=35.708,
        longitude=36.805, geo_precision=1, fatalities=n, injuries=None, evidence=f"Clash number {n}.",
        source_title="Test", source_url="https://example.org", published="2018-02-06", confidence=0.9,
    )
    values.update(changes)
    return Incident(**values)


def run(*args, url, timeout=300):
    env = os.environ | {"DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=timeout)


def test_plain_postgresql_urls_use_psycopg():
    assert database_url("postgresql://u:p@db.example/x") == "postgresql+psycopg://u:p@db.example/x"
    assert database_url("postgres://u@db/x") == "postgresql+psycopg://u@db/x"
    assert database_url("postgresql+psycopg2://u@db/x") == "postgresql+psycopg2://u@db/x"
    assert database_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"


def test_store_add_count_and_frame(pg_url):
    store = Store(pg_url)
    assert store.engine.dialect.name == "postgresql" and store.engine.dialect.driver == "psycopg"
    assert store.count_articles() == 0 and store.incidents_frame().empty
    assert store.add_article(content_hash="a", incidents_found=[incident(1), incident(2)], title="T",
                             published="2018-02-06", doc_id="d1") == 2
    assert store.add_article(content_hash="a", incidents_found=[incident(3)]) is None  # already stored
    assert store.add_article(content_hash="b", incidents_found=[]) == 0
    assert (store.count_articles(), store.count_incidents()) == (2, 2)
    frame = store.incidents_frame()
    assert list(frame["event_date"]) == ["2018-02-01", "2018-02-02"]
    assert frame["latitude"].iloc[0] == pytest.approx(35.708)
    assert [row["fatalities"] for row in store.iter_incidents(start="2018-02-02")] == [2]
    store.dispose()
    reopened = Store(pg_url)  # opening an existing store changes nothing
    assert reopened.count_incidents() == 2
    reopened.dispose()


def test_a_writer_that_loses_the_race_stores_nothing(pg_url, monkeypatch):
    """The check-then-insert race: the other writer's row is already there when we insert."""
    store = Store(pg_url)
    assert store.add_article(content_hash="same", incidents_found=[incident(1)]) == 1
    monkeypatch.setattr(Store, "_article_id", staticmethod(lambda conn, content_hash: None))
    assert store.add_article(content_hash="same", incidents_found=[incident(1)]) is None
    assert (store.count_articles(), store.count_incidents()) == (1, 1)
    store.dispose()


def test_one_duplicate_does_not_lose_the_rest_of_a_batch(pg_url, monkeypatch):
    store = Store(pg_url)
    assert store.add_articles([{"content_hash": "k2", "incidents": [incident(2)]}]) == [1]
    # As if another writer stored k2 between this batch's check and its insert.
    real_execute = sa.engine.Connection.execute

    def blind_check(conn, statement, *args, **kwargs):
        result = real_execute(conn, statement, *args, **kwargs)
        if isinstance(statement, sa.Select) and "content_hash IN" in str(statement):
            return real_execute(conn, sa.select(sa.literal("x")).where(sa.false()))
        return result

    monkeypatch.setattr(sa.engine.Connection, "execute", blind_check)
    batch = [{"content_hash": f"k{n}", "incidents": [incident(n)], "doc_id": f"d{n}"} for n in (1, 2, 3)]
    assert store.add_articles(batch) == [1, None, 1]
    monkeypatch.undo()
    assert (store.count_articles(), store.count_incidents()) == (3, 3)
    assert sorted(store.incidents_frame()["fatalities"]) == [1, 2, 3]
    store.dispose()


def test_the_source_column_is_added_to_an_older_store(pg_url):
    engine = sa.create_engine(database_url(pg_url))
    Store(pg_url).dispose()
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE incidents DROP COLUMN source"))
    store = Store(pg_url)
    assert "source" in {c["name"] for c in sa.inspect(store.engine).get_columns("incidents")}
    store.add_article(content_hash="a", incidents_found=[incident(1, extras={"source": "SOHR"})])
    assert list(store.incidents_frame()["source"]) == ["SOHR"]
    store.dispose()
    engine.dispose()


def test_ingest_command_stores_an_article_once(gazetteer, pg_url):
    first = run("ingest", str(FIXTURE), "--published", "2018-02-06", url=pg_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1 articles read, 4 incidents stored, 0 skipped (already stored), 0 failed"
    second = run("ingest", str(FIXTURE), "--published", "2018-02-06", url=pg_url)
    assert second.stdout.strip() == "1 articles read, 0 incidents stored, 1 skipped (already stored), 0 failed"
    store = Store(pg_url)
    assert (store.count_articles(), store.count_incidents()) == (1, 4)
    store.dispose()


def test_import_dataset_and_export_commands(gazetteer, pg_url, tmp_path):
    from test_incidents_datasets import ACLED_HEADER, acled_row

    dataset = tmp_path / "acled.csv"
    with dataset.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ACLED_HEADER)
        for n in range(1, 1501):  # more than one batch of 1,000
            writer.writerow(acled_row(event_id_cnty=f"SYR{n}", fatalities=str(n % 7)))
    first = run("import-dataset", str(dataset), url=pg_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1500 rows read, 1500 incidents stored, 0 skipped (already stored), 0 failed"
    again = run("import-dataset", str(dataset), url=pg_url)
    assert again.stdout.strip() == "1500 rows read, 0 incidents stored, 1500 skipped (already stored), 0 failed"

    exported = run("export", "--format", "csv", url=pg_url)
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(exported.stdout.splitlines()))
    assert len(rows) == 1500 and {row["event_id_cnty"] for row in rows} == {f"SYR{n}" for n in range(1, 1501)}
    assert rows[0]["source"] == "SOHR; Step News Agency"
    geojson = tmp_path / "out.geojson"
    assert run("export", "--output", str(geojson), url=pg_url).returncode == 0
    assert len(json.loads(geojson.read_text())["features"]) == 1500


def test_two_concurrent_ingests_store_each_article_once(gazetteer, pg_url, tmp_path):
    from incidents.articles import Article, read_articles

    expected = {item.content_hash for item in read_articles(str(DEMO_REPORTS)) if isinstance(item, Article)}
    env = os.environ | {"DATABASE_URL": pg_url}
    workers = [subprocess.Popen([sys.executable, "-m", "incidents", "ingest", str(DEMO_REPORTS)], cwd=REPO, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [worker.communicate(timeout=600) for worker in workers]
    for worker, (out, err) in zip(workers, outputs):
        assert worker.returncode == 0, err
        assert "Traceback" not in err
    engine = sa.create_engine(database_url(pg_url))
    with engine.connect() as conn:
        hashes = conn.execute(sa.text("SELECT content_hash FROM articles")).scalars().all()
        orphans = conn.execute(sa.text(
            "SELECT count(*) FROM incidents i LEFT JOIN articles a ON a.id = i.article_id WHERE a.id IS NULL")).scalar()
        stored = conn.execute(sa.text("SELECT count(*) FROM incidents")).scalar()
    engine.dispose()
    assert len(hashes) == len(set(hashes)) == len(expected) and set(hashes) == expected
    assert orphans == 0
    # Between them the two workers read every article twice and stored each article's incidents once.
    summaries = [out.strip().splitlines()[-1] for out, _ in outputs]
    stored_by_workers = sum(int(line.split(" incidents stored")[0].split(", ")[-1]) for line in summaries)
    skipped = sum(int(line.split(" skipped")[0].split(", ")[-1]) for line in summaries)
    assert stored_by_workers == stored > 0
    assert skipped == len(expected), summaries


def test_the_dashboard_reads_from_postgresql(pg_url):
    from dashboard import data

    store = Store(pg_url)
    store.add_article(content_hash="a", incidents_found=[incident(1), incident(5, event_type="Riots",
                                                                              sub_event_type="Mob violence")])
    frame = data.load_incidents(store)
    assert len(frame) == 2 and set(frame["event_type"]) == {"Battles", "Riots"}
    store.dispose()


def test_the_dashboard_app_runs_on_postgresql(pg_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    store = Store(pg_url)
    store.add_article(content_hash="a", incidents_found=[incident(1), incident(2), incident(3)])
    store.dispose()
    monkeypatch.setenv("DATABASE_URL", pg_url)
    monkeypatch.setenv("MAP_TILES", "none")
    monkeypatch.chdir(REPO)  # where .streamlit/config.toml is
    app = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=120).run()
    assert not app.exception, [e.value for e in app.exception]
    (metric,) = [m for m in app.metric if m.label == "Incidents"]
    assert metric.value == "3"
    assert len(app.dataframe[0].value) == 3


def test_two_concurrent_dataset_imports_store_each_row_once(pg_url, tmp_path):
    """Batches racing on the same keys: ON CONFLICT DO NOTHING keeps the rest of each batch."""
    from test_incidents_datasets import ACLED_HEADER, acled_row

    dataset = tmp_path / "acled.csv"
    with dataset.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ACLED_HEADER)
        for n in range(1, 3001):
            writer.writerow(acled_row(event_id_cnty=f"SYR{n}"))
    Store(pg_url).dispose()  # the tables exist; the workers race on the rows only
    env = os.environ | {"DATABASE_URL": pg_url}
    workers = [subprocess.Popen([sys.executable, "-m", "incidents", "import-dataset", str(dataset)], cwd=REPO,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [worker.communicate(timeout=600) for worker in workers]
    for worker, (_, err) in zip(workers, outputs):
        assert worker.returncode == 0, err
    lines = [out.strip().splitlines()[-1] for out, _ in outputs]
    stored = sum(int(line.split(" incidents stored")[0].split(", ")[-1]) for line in lines)
    skipped = sum(int(line.split(" skipped")[0].split(", ")[-1]) for line in lines)
    assert (stored, skipped) == (3000, 6000), lines
    store = Store(pg_url)
    assert (store.count_articles(), store.count_incidents()) == (3000, 3000)
    store.dispose()


def test_an_empty_shared_store_is_not_filled_with_demo_data(pg_url, monkeypatch):
    """The dashboard builds the demo data only into the embedded SQLite store, never a team's server."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DATABASE_URL", pg_url)
    monkeypatch.setenv("MAP_TILES", "none")
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("The store is empty" in info.value for info in at.info)
    assert Store(pg_url).count_articles() == 0
