"""The incident store: SQLAlchemy over SQLite (WAL) by default, any SQLAlchemy URL via DATABASE_URL.

An article is keyed on a hash of its text, and written in one transaction with
its incidents, so re-running an ingest adds nothing and a failure leaves the
store as it was.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable

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
)


def database_url(url: str | None = None) -> str:
    """The store's URL: the argument, else $DATABASE_URL, else the embedded SQLite file."""
    return url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


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
        self.engine = sa.create_engine(self.url)
        if parsed.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", _enable_sqlite_wal)
        try:
            metadata.create_all(self.engine)
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot open the store at {parsed.render_as_string(hide_password=True)}: {err}") from err

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
        rows = [{name: getattr(inc, name) for name in RECORD_FIELDS} | {"doc_id": inc.doc_id}
                for inc in incidents_found]
        try:
            with self.engine.begin() as conn:
                if self._article_id(conn, content_hash) is not None:
                    return None
                article_id = conn.execute(
                    articles.insert().values(
                        content_hash=content_hash,
                        doc_id=doc_id,
                        title=title,
                        url=url,
                        published=published,
                        ingested_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                    )
                ).inserted_primary_key[0]
                if rows:
                    conn.execute(incidents.insert(), [row | {"article_id": article_id} for row in rows])
        except sa.exc.IntegrityError:
            # Another writer stored the same article between our check and insert.
            return None
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"could not store the article: {err}") from err
        return len(rows)

    # -- reading -------------------------------------------------------------
    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()

    def count_incidents(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(incidents)).scalar_one()

    def incidents_frame(self):
        """Every stored incident as a pandas DataFrame: `id`, the record fields and `doc_id`."""
        import pandas as pd

        columns = ["id", *RECORD_FIELDS, "doc_id"]
        query = sa.select(*(incidents.c[name] for name in columns)).order_by(incidents.c.event_date, incidents.c.id)
        with self.engine.connect() as conn:
            result = conn.execute(query)
            frame = pd.DataFrame(result.fetchall(), columns=columns)
        return frame

    def dispose(self) -> None:
        self.engine.dispose()
