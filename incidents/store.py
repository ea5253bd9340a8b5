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

# The dashboard's table and markers take the newest incidents of a view (ORDER BY event_date
# DESC, id DESC LIMIT n): this index serves that order without sorting the whole table.
# Added after the first release: older stores get it when opened for writing (`_add_missing_columns`).
incidents_by_date_id = sa.Index("ix_incidents_event_date_id", incidents.c.event_date, incidents.c.id)
# The dashboard's timeline (counts per day and type) and density layers (a grid of the
# coordinates) read only these columns: covering indexes let them skip the table
# (at 100,000 incidents the timeline query went from 0.24 s to 0.04 s on SQLite).
incidents_by_date_type = sa.Index("ix_incidents_event_date_type", incidents.c.event_date, incidents.c.event_type)
incidents_by_point = sa.Index("ix_incidents_point", incidents.c.latitude, incidents.c.longitude)

# Merging (incidents/merge.py): which event each considered incident belongs to, and why.
# Incident rows are never changed by merging; an incident without a link is its own event.
event_links = sa.Table(
    "event_links",
    metadata,
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"),
              primary_key=True, autoincrement=False),
    sa.Column("event_id", sa.Integer, nullable=False, index=True),  # the id of the event's first incident
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("decided_by", sa.String(16), nullable=False),          # "auto" or "analyst"
    sa.Column("decided_at", sa.DateTime, nullable=False),
)

# One row (id 1): a version every merge or unmerge bumps, so two processes merging at
# once notice each other (the second one's write finds a newer version and redoes its work).
merge_state = sa.Table(
    "merge_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
)


def event_heads():
    """A WHERE clause on `incidents` keeping one row per event: incidents not merged into
    another's event (for SQL-side counts and pages; `Store.events_by_id` combines them)."""
    merged_away = sa.select(event_links.c.incident_id).where(event_links.c.incident_id != event_links.c.event_id)
    return incidents.c.id.not_in(merged_away)


# What `incidents_frame` and `iter_incidents` give per incident.
FRAME_COLUMNS: tuple[str, ...] = ("id", *RECORD_FIELDS, "doc_id", "source")

# Columns added to existing tables after stores were first created: (table, column).
_LATE_COLUMNS = ((incidents, "source"),)
# Indexes added after stores were first created.
_LATE_INDEXES = (incidents_by_date_id, incidents_by_date_type, incidents_by_point)


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


def _sqlite_query_only(dbapi_connection, _record) -> None:
    """A read-only store: SQLite itself refuses every write on this connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


READ_ONLY_MESSAGE = ("the store is open read-only (a read-only deployment, e.g. DASHBOARD_READ_ONLY=1): "
                     "nothing can be written")


def _date_ranges(dates: list, margin_days: int, most: int = 50) -> list[tuple[str, str]] | None:
    """The ISO date ranges within `margin_days` of any of `dates`, overlapping ones joined
    (at most `most`, else one from the first to the last); None when a date is not ISO."""
    try:
        days = sorted({dt.date.fromisoformat(str(d)) for d in dates})
    except ValueError:
        return None
    margin = dt.timedelta(days=margin_days)
    ranges: list[list[dt.date]] = []
    for day in days:
        if ranges and day - margin <= ranges[-1][1]:
            ranges[-1][1] = day + margin
        else:
            ranges.append([day - margin, day + margin])
    if len(ranges) > most:
        ranges = [[ranges[0][0], ranges[-1][1]]]
    return [(lo.isoformat(), hi.isoformat()) for lo, hi in ranges]


class Store:
    """Articles and their incidents in one database."""

    def __init__(self, url: str | None = None, *, read_only: bool = False) -> None:
        """`read_only`: the database refuses writes (SQLite `PRAGMA query_only`, PostgreSQL
        `default_transaction_read_only`), no table is created, and the store must exist."""
        self.url = database_url(url)
        self.read_only = read_only
        try:
            parsed = sa.engine.make_url(self.url)
        except sa.exc.ArgumentError as err:
            raise StoreError(f"not a database URL: {self.url!r}") from err
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            if read_only and not Path(parsed.database).is_file():
                raise StoreError(f"no store at {parsed.database}: a read-only store must already exist")
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        backend = parsed.get_backend_name()
        connect_args = {}
        if read_only and backend == "postgresql":
            connect_args = {"options": "-c default_transaction_read_only=on"}
        try:
            # A server may restart under a long-lived dashboard: test pooled connections first.
            self.engine = sa.create_engine(self.url, pool_pre_ping=backend != "sqlite", connect_args=connect_args)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as err:
            raise StoreError(f"cannot open the store at {parsed.render_as_string(hide_password=True)}: {err}") from err
        if backend == "sqlite":
            sa.event.listen(self.engine, "connect", _enable_sqlite_wal)
            if read_only:
                sa.event.listen(self.engine, "connect", _sqlite_query_only)
        self._upsert_ok = _insert(self.engine.dialect.name, articles) is not None
        if read_only:
            self._check_tables(parsed)
            return
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

    def _check_tables(self, parsed) -> None:
        """A read-only store creates nothing: its tables must be there already."""
        where = parsed.render_as_string(hide_password=True)
        try:
            present = set(sa.inspect(self.engine).get_table_names())
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot open the store at {where}: {err}") from err
        missing = [name for name in ("articles", "incidents") if name not in present]
        if missing:
            raise StoreError(f"the store at {where} has no {' or '.join(missing)} table: "
                             "a read-only store must be created (and filled) by a writable one first")

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StoreError(READ_ONLY_MESSAGE)

    def _add_missing_columns(self, conn=None) -> None:
        """Give a store created by an earlier version the columns and indexes added since
        (on `conn`, in its transaction, when given)."""
        self._add_missing_indexes(conn)
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

    def _add_missing_indexes(self, conn=None) -> None:
        """Create the indexes added since a store was made; CREATE INDEX IF NOT EXISTS
        (SQLite and PostgreSQL alike), so a second opener, or two at once, change nothing."""
        inspector = sa.inspect(conn if conn is not None else self.engine)
        for index in _LATE_INDEXES:
            if index.name in {i["name"] for i in inspector.get_indexes(index.table.name)}:
                continue
            ddl = sa.schema.CreateIndex(index, if_not_exists=True)
            if conn is not None:
                conn.execute(ddl)
                continue
            with self.engine.begin() as own:
                own.execute(ddl)

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
        self._refuse_if_read_only()
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
        self._refuse_if_read_only()
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

    # -- merged events (the matching itself is in incidents/merge.py) ---------------
    def _has_event_links(self, conn) -> bool:
        # A store opened read-only from an older version may lack the merge tables.
        return sa.inspect(conn).has_table(event_links.name)

    def events_frame(self):
        """One row per event: the columns of `incidents_frame` (`id` is the event id) combined
        from its reports as `incidents.merge.combine` says, plus `sources` (how many reports),
        `member_ids`, `source_titles` and `source_urls`. Unmerged incidents are events of their own."""
        from incidents.merge import events_from_frame

        frame = self.incidents_frame()
        with self.engine.connect() as conn:
            links = {} if not self._has_event_links(conn) else dict(conn.execute(
                sa.select(event_links.c.incident_id, event_links.c.event_id)
                .where(event_links.c.incident_id != event_links.c.event_id)).all())
        return events_from_frame(frame, links)

    def events_by_id(self, event_ids: Iterable[int]) -> list[dict]:
        """The combined records (as `events_frame` rows) of these events, in the order given;
        an id that is not an event is left out."""
        from incidents.merge import combine

        wanted = list(dict.fromkeys(int(i) for i in event_ids))
        columns = [incidents.c[name] for name in FRAME_COLUMNS]
        members: dict[int, list[dict]] = {i: [] for i in wanted}
        with self.engine.connect() as conn:
            has_links = self._has_event_links(conn)
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                if has_links:
                    query = (sa.select(*columns, event_links.c.event_id)
                             .select_from(incidents.outerjoin(event_links, event_links.c.incident_id == incidents.c.id))
                             .where(sa.or_(event_links.c.event_id.in_(chunk),
                                           sa.and_(event_links.c.event_id.is_(None), incidents.c.id.in_(chunk)))))
                else:
                    query = sa.select(*columns, incidents.c.id.label("event_id")).where(incidents.c.id.in_(chunk))
                for row in conn.execute(query).mappings():
                    row = dict(row)
                    row["event_id"] = row["event_id"] if row["event_id"] is not None else row["id"]
                    members[row["event_id"]].append(row)
        out = []
        for event_id in wanted:
            if members[event_id]:
                record = combine(members[event_id])
                record.pop("event_id", None)
                out.append(record)
        return out

    def data_version(self) -> tuple[int, int]:
        """Changes whenever what a reader sees changes: the newest incident id (incidents are
        only ever added, never edited) and the merge version. Two index lookups, so a dashboard
        can key its cached answers on it instead of letting them expire."""
        with self.engine.connect() as conn:  # one connection for both (the page asks before each query)
            newest = conn.execute(sa.select(sa.func.max(incidents.c.id))).scalar() or 0
            try:
                merged = self.merge_version(conn)
            except sa.exc.SQLAlchemyError:  # a store from before merging, opened read-only: no merge table
                merged = 0
        return int(newest), int(merged)

    def merge_version(self, conn=None) -> int:
        """The merge version (0 before the first merge); every merge or unmerge bumps it."""
        if conn is None:
            with self.engine.connect() as own:
                return self.merge_version(own)
        return conn.execute(sa.select(merge_state.c.version).where(merge_state.c.id == 1)).scalar() or 0

    _MERGE_COLUMNS = ("id", "article_id", "event_date", "date_precision", "event_type", "latitude", "longitude",
                      "geo_precision", "country_code", "admin1", "source_title", "doc_id")

    def merge_snapshot(self, *, context_days: int) -> tuple[int, list[dict], list[dict]]:
        """(merge version, incidents not yet considered, considered incidents dated within
        `context_days` of them with their `event_id` and `decided_by`), for `merge_pending`.
        The version is read first: a merge committed in between makes the later write fail its check."""
        columns = [incidents.c[name] for name in self._MERGE_COLUMNS]
        joined = incidents.outerjoin(event_links, event_links.c.incident_id == incidents.c.id)
        with self.engine.connect() as conn:
            version = self.merge_version(conn)
            pending = [dict(row) for row in conn.execute(
                sa.select(*columns).select_from(joined).where(event_links.c.incident_id.is_(None))
                .order_by(incidents.c.id)).mappings()]
            if not pending:
                return version, [], []
            query = (sa.select(*columns, event_links.c.event_id, event_links.c.decided_by)
                     .select_from(incidents.join(event_links, event_links.c.incident_id == incidents.c.id)))
            ranges = _date_ranges([row["event_date"] for row in pending], context_days)
            if ranges is not None:
                query = query.where(sa.or_(*(incidents.c.event_date.between(lo, hi) for lo, hi in ranges)))
            known = [dict(row) for row in conn.execute(query.order_by(incidents.c.id)).mappings()]
        return version, pending, known

    def write_event_links(self, *, expected_version: int, insert: Iterable[dict] = (), replace: Iterable[dict] = (),
                          clear: bool = False) -> bool:
        """Apply merge decisions in one transaction, only if the merge version is still
        `expected_version` (then bumped); False, with nothing written, when another process
        merged or unmerged meanwhile. `insert` adds links, `replace` overwrites the links of
        its incidents, `clear` drops them all."""
        if getattr(self, "read_only", False):
            raise StoreError("the store is open read-only: merge decisions cannot be written")
        insert, replace = list(insert), list(replace)
        try:
            with self.engine.begin() as conn:
                # First statement of the transaction: on SQLite it takes the write lock, on
                # PostgreSQL it locks the version row until commit, so writers take turns here.
                bumped = conn.execute(merge_state.update().where(merge_state.c.id == 1)
                                      .where(merge_state.c.version == expected_version)
                                      .values(version=expected_version + 1)).rowcount
                if not bumped:
                    if expected_version != 0 or conn.execute(sa.select(merge_state.c.id)).first() is not None:
                        return False
                    conn.execute(merge_state.insert().values(id=1, version=1))
                if clear:
                    conn.execute(event_links.delete())
                if replace:
                    ids = [row["incident_id"] for row in replace]
                    conn.execute(event_links.delete().where(event_links.c.incident_id.in_(ids)))
                    conn.execute(event_links.insert(), replace)
                for start in range(0, len(insert), 5000):
                    conn.execute(event_links.insert(), insert[start:start + 5000])
        except sa.exc.IntegrityError:
            # Another process created the version row, or an incident went away: start over.
            return False
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"could not write the merge decisions: {err}") from err
        return True

    def count_event_links(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(event_links)).scalar_one()

    def has_incident(self, incident_id: int) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(incidents.c.id).where(incidents.c.id == incident_id)).first() is not None

    def event_link(self, incident_id: int) -> dict | None:
        """The merge decision on one incident (`event_id`, `reason`, `decided_by`, `decided_at`), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(event_links).where(event_links.c.incident_id == incident_id)).mappings().first()
        return dict(row) if row else None

    def event_members(self, event_id: int) -> list[dict]:
        """The links of the incidents in event `event_id`."""
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(
                sa.select(event_links).where(event_links.c.event_id == event_id)
                .order_by(event_links.c.incident_id)).mappings()]

    def event_incidents(self, event_id: int) -> list[dict]:
        """The incidents of event `event_id` (the `incidents_frame` columns plus `event_id`,
        `reason`, `decided_by`, `decided_at`); an incident not yet considered is its own
        event; [] when there is no such event."""
        columns = [incidents.c[name] for name in FRAME_COLUMNS]
        link_columns = [event_links.c.event_id, event_links.c.reason, event_links.c.decided_by,
                        event_links.c.decided_at]
        with self.engine.connect() as conn:
            if self._has_event_links(conn):
                rows = [dict(row) for row in conn.execute(
                    sa.select(*columns, *link_columns)
                    .select_from(incidents.join(event_links, event_links.c.incident_id == incidents.c.id))
                    .where(event_links.c.event_id == event_id).order_by(incidents.c.id)).mappings()]
                if rows:
                    return rows
                lone = (sa.select(*columns, *link_columns)
                        .select_from(incidents.outerjoin(event_links, event_links.c.incident_id == incidents.c.id))
                        .where(incidents.c.id == event_id))
            else:
                lone = sa.select(*columns, *(sa.null().label(c.name) for c in link_columns)).where(
                    incidents.c.id == event_id)
            row = conn.execute(lone).mappings().first()
        if row is None or row["event_id"] is not None:
            return []   # no such incident, or it belongs to another event
        return [dict(row) | {"event_id": event_id}]

    @property
    def embedded(self) -> bool:
        """An SQLite file on this machine (the default), as opposed to a shared server."""
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()
