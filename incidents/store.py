"""The incident store: SQLAlchemy over SQLite (WAL) by default, any SQLAlchemy URL via DATABASE_URL.

A team shares one PostgreSQL store with DATABASE_URL=postgresql://user:pass@host/db
(plain `postgresql://` and `postgres://` URLs use the psycopg 3 driver). Several
processes may write at once: articles are inserted with ON CONFLICT DO NOTHING on
their unique content hash, so an article ingested by two writers is stored once.

An article is keyed on a hash of its text, and written in one transaction with
its incidents, so re-running an ingest adds nothing and a failure leaves the
store as it was. Records imported from an event dataset (ACLED, UCDP GED) are
stored the same way, one pseudo-article per dataset row, many rows per transaction.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable, Iterator

import sqlalchemy as sa

from incidents.errors import StoreError
from incidents.record import RECORD_FIELDS, Incident

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = REPO_ROOT / "data" / "cache" / "incidents.sqlite"

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("doc_id", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("event_date", sa.String(10), nullable=False, index=True),
    sa.Column("date_precision", sa.Integer, nullable=False),
    sa.Column("event_type", sa.Text, nullable=False, index=True),
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("actor1", sa.Text),
    sa.Column("actor2", sa.Text),
    sa.Column("inter1", sa.Integer),
    sa.Column("inter2", sa.Integer),
    sa.Column("location", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("country_code", sa.String(2)),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("fatalities", sa.Integer),
    sa.Column("injuries", sa.Integer),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("source_title", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("doc_id", sa.Text),
    # The dataset's own attribution of an imported record (ACLED `source`, UCDP
    # `source_office`); NULL for extracted incidents. Added after the first release:
    # older stores get it by ALTER TABLE when opened (see `_add_missing_columns`).
    sa.Column("source", sa.Text),
)

# What `incidents_frame` and `iter_incidents` give per incident.
FRAME_COLUMNS: tuple[str, ...] = ("id", *RECORD_FIELDS, "doc_id", "source")

# Columns added to existing tables after stores were first created: (table, column).
_LATE_COLUMNS = ((incidents, "source"),)


def database_url(url: str | None = None) -> str:
    """The store's URL: the argument, else $DATABASE_URL, else the embedded SQLite file.

    A PostgreSQL URL without a driver (`postgresql://…`, or Heroku-style `postgres://…`)
    is given psycopg 3's (`postgresql+psycopg://…`); an explicit driver is kept.
    """
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


# Any fixed number: the key of the advisory lock that serialises schema creation on PostgreSQL.
_SCHEMA_LOCK_KEY = 0x1AC1ED


def _insert(dialect_name: str, table: sa.Table):
    """An INSERT that supports ON CONFLICT DO NOTHING on this dialect, or None."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect_name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        return None
    return insert(table)


def _incident_row(inc: Incident) -> dict:
    """An incident as a row of the incidents table (without article_id)."""
    return {name: getattr(inc, name) for name in RECORD_FIELDS} | {
        "doc_id": inc.doc_id, "source": inc.extras.get("source")}


def _enable_sqlite_wal(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Store:
    """Articles and their incidents in one database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        try:
            parsed = sa.engine.make_url(self.url)
        except sa.exc.ArgumentError as err:
            raise StoreError(f"not a database URL: {self.url!r}") from err
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        backend = parsed.get_backend_name()
        try:
            # A server may restart under a long-lived dashboard: test pooled connections first.
            self.engine = sa.create_engine(self.url, pool_pre_ping=backend != "sqlite")
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as err:
            raise StoreError(f"cannot open the store at {parsed.render_as_string(hide_password=True)}: {err}") from err
        if backend == "sqlite":
            sa.event.listen(self.engine, "connect", _enable_sqlite_wal)
        self._upsert_ok = _insert(self.engine.dialect.name, articles) is not None
        try:
            if self.engine.dialect.name == "postgresql":
                # Workers starting together on an empty database would race to create the
                # tables; PostgreSQL's DDL is transactional, so one creates them under a lock
                # and the others then find them.
                with self.engine.begin() as conn:
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK_KEY})
                    metadata.create_all(conn)
                    self._add_missing_columns(conn)
            else:
                try:
                    metadata.create_all(self.engine)
                except sa.exc.OperationalError:
                    # Another process created a table between the check and CREATE TABLE.
                    metadata.create_all(self.engine)
                self._add_missing_columns()
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot open the store at {parsed.render_as_string(hide_password=True)}: {err}") from err

    def _add_missing_columns(self, conn=None) -> None:
        """Give a store created by an earlier version the columns added since
        (on `conn`, in its transaction, when given)."""
        inspector = sa.inspect(conn if conn is not None else self.engine)
        for table, name in _LATE_COLUMNS:
            if name in {c["name"] for c in inspector.get_columns(table.name)}:
                continue
            column = table.c[name]
            ddl = (f"ALTER TABLE {self.engine.dialect.identifier_preparer.format_table(table)} "
                   f"ADD COLUMN {column.name} {column.type.compile(dialect=self.engine.dialect)}")
            if conn is not None:
                conn.execute(sa.text(ddl))
                continue
            try:
                with self.engine.begin() as own:
                    own.execute(sa.text(ddl))
            except sa.exc.SQLAlchemyError:
                # Another process may have added it meanwhile; anything else is a real error.
                if name not in {c["name"] for c in sa.inspect(self.engine).get_columns(table.name)}:
                    raise

    # -- writing -------------------------------------------------------------
    @staticmethod
    def _article_id(conn, content_hash: str) -> int | None:
        return conn.execute(sa.select(articles.c.id).where(articles.c.content_hash == content_hash)).scalar()

    def has_article(self, content_hash: str) -> bool:
        with self.engine.connect() as conn:
            return self._article_id(conn, content_hash) is not None

    def add_article(
        self,
        *,
        content_hash: str,
        incidents_found: Iterable[Incident],
        title: str | None = None,
        url: str | None = None,
        published: str | None = None,
        doc_id: str | None = None,
    ) -> int | None:
        """Store one article and its incidents in a single transaction.

        Returns how many incidents were stored, or None when the article was
        already there (nothing is written then).
        """
        rows = [_incident_row(inc) for inc in incidents_found]
        values = dict(content_hash=content_hash, doc_id=doc_id, title=title, url=url, published=published,
                      ingested_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
        try:
            with self.engine.begin() as conn:
                if self._article_id(conn, content_hash) is not None:
                    return None
                if self._upsert_ok:
                    # Two writers storing the same article at once: the second INSERT waits for
                    # the first transaction and then inserts nothing (no id comes back).
                    statement = (_insert(self.engine.dialect.name, articles).values(**values)
                                 .on_conflict_do_nothing(index_elements=["content_hash"])
                                 .returning(articles.c.id))
                    article_id = conn.execute(statement).scalar()
                    if article_id is None:
                        return None
                else:
                    article_id = conn.execute(articles.insert().values(**values)).inserted_primary_key[0]
                if rows:
                    conn.execute(incidents.insert(), [row | {"article_id": article_id} for row in rows])
        except sa.exc.IntegrityError:
            # Another writer stored the same article between our check and insert.
            return None
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"could not store the article: {err}") from err
        return len(rows)

    def add_articles(self, items: Iterable[dict]) -> list[int | None]:
        """Store many pseudo-articles and their incidents in one transaction.

        Each item is a dict with `content_hash` and `incidents` (a list of
        `Incident`), and optionally `title`, `url`, `published`, `doc_id`. An
        incident's `extras["source"]` fills the `source` column. Returns, per item,
        how many incidents were stored, or None when its content_hash was already
        in the store (or earlier in `items`): nothing is written for those.
        """
        items = list(items)
        results: list[int | None] = [None] * len(items)
        if not items:
            return results
        try:
            with self.engine.begin() as conn:
                hashes = [item["content_hash"] for item in items]
                present: set[str] = set()
                for start in range(0, len(hashes), 500):
                    chunk = hashes[start:start + 500]
                    present.update(conn.execute(
                        sa.select(articles.c.content_hash).where(articles.c.content_hash.in_(chunk))).scalars())
                fresh: dict[str, int] = {}
                for index, item in enumerate(items):
                    if item["content_hash"] not in present and item["content_hash"] not in fresh:
                        fresh[item["content_hash"]] = index
                if not fresh:
                    return results
                now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
                new_articles = [
                    {"content_hash": h, "doc_id": items[i].get("doc_id"), "title": items[i].get("title"),
                     "url": items[i].get("url"), "published": items[i].get("published"), "ingested_at": now}
                    for h, i in fresh.items()
                ]
                ids: dict[str, int] = {}
                if self._upsert_ok:
                    # Rows another writer stored since the check above are left out by
                    # ON CONFLICT DO NOTHING; only the rows inserted here come back. Sorted
                    # by hash so concurrent batches take the unique index's locks in one order.
                    new_articles.sort(key=lambda row: row["content_hash"])
                    for start in range(0, len(new_articles), 500):
                        statement = (_insert(self.engine.dialect.name, articles)
                                     .values(new_articles[start:start + 500])
                                     .on_conflict_do_nothing(index_elements=["content_hash"])
                                     .returning(articles.c.content_hash, articles.c.id))
                        ids.update((h, article_id) for h, article_id in conn.execute(statement))
                    fresh = {h: i for h, i in fresh.items() if h in ids}
                else:
                    conn.execute(articles.insert(), new_articles)
                    new_hashes = list(fresh)
                    for start in range(0, len(new_hashes), 500):
                        chunk = new_hashes[start:start + 500]
                        for content_hash, article_id in conn.execute(
                                sa.select(articles.c.content_hash, articles.c.id)
                                .where(articles.c.content_hash.in_(chunk))):
                            ids[content_hash] = article_id
                rows = []
                for h, i in fresh.items():
                    found = list(items[i].get("incidents") or ())
                    results[i] = len(found)
                    rows.extend(_incident_row(inc) | {"article_id": ids[h]} for inc in found)
                if rows:
                    conn.execute(incidents.insert(), rows)
        except sa.exc.IntegrityError:
            # Another writer stored some of these meanwhile: fall back to one at a time.
            return self._add_one_by_one(items)
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"could not store the records: {err}") from err
        return results

    def _add_one_by_one(self, items: list[dict]) -> list[int | None]:
        results: list[int | None] = []
        seen: set[str] = set()
        for item in items:
            if item["content_hash"] in seen:
                results.append(None)
                continue
            seen.add(item["content_hash"])
            results.append(self.add_article(
                content_hash=item["content_hash"], incidents_found=item.get("incidents") or (),
                title=item.get("title"), url=item.get("url"), published=item.get("published"),
                doc_id=item.get("doc_id")))
        return results

    # -- reading -------------------------------------------------------------
    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()

    def count_incidents(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(incidents)).scalar_one()

    def iter_incidents(self, *, start: str | None = None, end: str | None = None,
                       types: Iterable[str] | None = None, batch: int = 2000) -> Iterator[dict]:
        """Stored incidents as dicts (`id`, the record fields, `doc_id`, `source`), by date:
        those dated from `start` to `end` (ISO dates, inclusive) and of `types` when given."""
        query = sa.select(*(incidents.c[name] for name in FRAME_COLUMNS))
        if start:
            query = query.where(incidents.c.event_date >= start)
        if end:
            query = query.where(incidents.c.event_date <= end)
        if types is not None:
            query = query.where(incidents.c.event_type.in_(list(types)))
        query = query.order_by(incidents.c.event_date, incidents.c.id)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=batch).execute(query)
            for row in result.mappings():
                yield dict(row)

    def incidents_frame(self):
        """Every stored incident as a pandas DataFrame: `id`, the record fields, `doc_id` and `source`."""
        import pandas as pd

        columns = list(FRAME_COLUMNS)
        query = sa.select(*(incidents.c[name] for name in columns)).order_by(incidents.c.event_date, incidents.c.id)
        with self.engine.connect() as conn:
            result = conn.execute(query)
            frame = pd.DataFrame(result.fetchall(), columns=columns)
        return frame

    @property
    def embedded(self) -> bool:
        """An SQLite file on this machine (the default), as opposed to a shared server."""
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()
