"""The dashboard's questions to the store, asked in SQL so only what is shown leaves the database.

The map page never loads the whole store: the filters of a view become one WHERE
clause (`conditions`), and counts, the timeline, the density grid, the province
counts, the newest rows for the table and the map, and the rows of a download are
each one query over `incidents.store.incidents`. SQLAlchemy Core, so the same code
runs on SQLite and PostgreSQL. Core code: no streamlit here (pages cache the results).

Text matching (search, actors, provinces) is case-insensitive for every script, not
only ASCII: SQLite's own ``lower()`` folds ASCII only, so on SQLite Python functions
are registered on the connection (and the database's own ``lower()`` serves a search
for ASCII text, the common case, being several times faster); on PostgreSQL ``lower()`` is taken in the ICU root
collation when the server has it (a database created with ``--locale=C`` folds ASCII only).

Events (issue 6, incidents/merge.py): by default a view counts and lists one row per
event, its *head* (the incident the event is numbered after; `incidents.store.event_heads`),
and every filter applies to the head's own fields. So a report merged into an event never
brings that event into view by itself (e.g. a search matching only the second report's
evidence finds nothing), and the sums (fatalities, per-province counts) add up the heads'
figures. The rows actually shown (the table's page, the selected event, downloads) are the
combined records (`Store.events_by_id`); the map's markers stand at the head's coordinates.
A view with ``reports="all"`` counts and shows every report, merged or not.
"""
from __future__ import annotations

import datetime as dt
import weakref
from typing import Any, Iterable, Iterator

import pandas as pd
import sqlalchemy as sa

from dashboard.view_state import ViewState
from incidents.store import FRAME_COLUMNS, event_heads, event_links
from incidents.store import incidents as T

FOLD = "dashboard_fold"  # the SQLite function: a text's lower case with runs of whitespace made one space
LOWER = "dashboard_lower"  # the SQLite function: a text's lower case, every script
ICU_COLLATION = "und-x-icu"
MAX_DENSITY_CELLS = 2500  # the density layer draws at most this many rectangles
MAX_HEAT_CELLS = 40_000  # the heat map's points: incidents binned this finely, each cell a weighted point
ISO_DATE = "____-__-__"  # event_date LIKE this: a date the date filters can compare as text
_LINKED: "weakref.WeakSet[sa.Engine]" = weakref.WeakSet()  # engines whose store has the event_links table


def _fold_text(value: object) -> str | None:
    if value is None:
        return None
    return " ".join(str(value).split()).lower()


def _lower_text(value: object) -> str | None:
    return None if value is None else str(value).lower()


class Dialect:
    """How one connection folds case: built per query, cheap."""

    def __init__(self, conn: sa.Connection) -> None:
        self.name = conn.dialect.name
        self.icu = False
        self.links = has_event_links(conn)
        if self.name == "sqlite":
            raw = conn.connection.driver_connection
            raw.create_function(FOLD, 1, _fold_text, deterministic=True)
            raw.create_function(LOWER, 1, _lower_text, deterministic=True)
        elif self.name == "postgresql":
            self.icu = bool(conn.execute(sa.text(
                "SELECT 1 FROM pg_collation WHERE collname = :name"), {"name": ICU_COLLATION}).scalar())

    def fold(self, column) -> sa.ColumnElement:
        """The column in lower case, for every script, with whitespace runs made one space."""
        if self.name == "sqlite":
            return sa.func.dashboard_fold(column)
        if self.name == "postgresql":
            collated = column.collate(ICU_COLLATION) if self.icu else column
            return sa.func.lower(sa.func.regexp_replace(sa.func.btrim(collated), r"\s+", " ", "g"))
        return sa.func.lower(sa.func.trim(column))

    def lower(self, column, ascii_only: bool = False) -> sa.ColumnElement:
        """The column in lower case; for every script unless `ascii_only` (the database's own,
        faster lower(), enough when what it is compared with is ASCII)."""
        if ascii_only or self.name not in ("sqlite", "postgresql"):
            return sa.func.lower(column)
        if self.name == "sqlite":
            return sa.func.dashboard_lower(column)
        return sa.func.lower(column.collate(ICU_COLLATION) if self.icu else column)

    def contains(self, column, needle: str) -> sa.ColumnElement:
        """A plain, case-insensitive substring test of a lower-case `needle` (no wildcards:
        instr/strpos, not LIKE)."""
        lowered = self.lower(column, ascii_only=needle.isascii())
        if self.name == "sqlite":
            return sa.func.instr(lowered, needle) > 0
        if self.name == "postgresql":
            return sa.func.strpos(lowered, needle) > 0
        return lowered.contains(needle, autoescape=True)

    def floor(self, expr) -> sa.ColumnElement:
        """floor() of a non-negative number (SQLite may lack floor(); its CAST truncates)."""
        if self.name == "sqlite":
            return sa.cast(expr, sa.Integer)
        return sa.func.floor(expr)


def has_event_links(conn: sa.Connection) -> bool:
    """Whether the store has the merge table (a store written by an older version, opened
    read-only, may not: then every incident is its own event). Only a yes is remembered."""
    if conn.engine in _LINKED:
        return True
    if sa.inspect(conn).has_table(event_links.name):
        _LINKED.add(conn.engine)  # a merge table is never dropped
        return True
    return False


def fold_value(value: str) -> str:
    """A filter value folded as `Dialect.fold` folds the column."""
    return _fold_text(value) or ""


MAPPED = sa.and_(T.c.latitude.between(-90, 90), T.c.longitude.between(-180, 180))
DATED = T.c.event_date.like(ISO_DATE)


def conditions(view: ViewState, dialect: Dialect) -> list[sa.ColumnElement]:
    """The view's filters as WHERE conditions: its date range (inclusive; rows whose date
    is not an ISO date pass only when no date filter applies), event and sub-event types,
    actors (actor1 or actor2), countries, provinces, minimum fatalities and confidence
    (missing values never pass a minimum) and search text (a plain, case-insensitive
    substring of the evidence or the source title). When the view shows events (the
    default), only event heads pass, and the filters test the head's own fields."""
    where: list[sa.ColumnElement] = []
    if view.events and dialect.links:
        where.append(event_heads())
    if view.start is not None or view.end is not None:
        where.append(DATED)
    if view.start is not None:
        where.append(T.c.event_date >= view.start.isoformat())
    if view.end is not None:
        where.append(T.c.event_date <= view.end.isoformat())
    if view.types:
        where.append(T.c.event_type.in_(list(view.types)))
    if view.subs:
        where.append(T.c.sub_event_type.in_(list(view.subs)))
    if view.actors:
        wanted = sorted({fold_value(a) for a in view.actors})
        where.append(sa.or_(dialect.fold(T.c.actor1).in_(wanted), dialect.fold(T.c.actor2).in_(wanted)))
    if view.countries:
        where.append(sa.func.upper(T.c.country_code).in_(sorted({c.upper() for c in view.countries})))
    if view.admin1:
        where.append(dialect.fold(T.c.admin1).in_(sorted({fold_value(a) for a in view.admin1})))
    if view.min_fatalities > 0:
        where.append(T.c.fatalities >= view.min_fatalities)
    if view.min_confidence > 0:
        where.append(T.c.confidence >= view.min_confidence - 1e-9)
    if view.q:
        needle = view.q.lower()
        where.append(sa.or_(dialect.contains(T.c.evidence, needle),
                            sa.and_(T.c.source_title.is_not(None), dialect.contains(T.c.source_title, needle))))
    return where


def _select(engine: sa.Engine, build) -> Any:
    """Run `build(conn, dialect)` on one connection."""
    with engine.connect() as conn:
        return build(conn, Dialect(conn))


# -- what the whole store offers ---------------------------------------------------
def _parse_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def date_extent(engine: sa.Engine, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last incident dates; today twice when there are none."""
    def build(conn, _dialect):
        return conn.execute(sa.select(sa.func.min(T.c.event_date), sa.func.max(T.c.event_date)).where(DATED)).one()

    low, high = _select(engine, build)
    low, high = _parse_date(low), _parse_date(high)
    if low is None or high is None:
        today = today or dt.date.today()
        return (low or high or today), (high or low or today)
    return low, high


def _names(values: Iterable[object]) -> list[str]:
    names = {str(v).strip() for v in values if v is not None and str(v).strip()}
    return sorted(names, key=lambda v: (v.casefold(), v))


def filter_options(engine: sa.Engine) -> dict[str, object]:
    """What the actor, country and province filters offer: the distinct values in the store.

    ``countries`` maps each ISO alpha-2 code (upper case) to a country name.
    """
    def build(conn, _dialect):
        actors = sa.union(sa.select(T.c.actor1.label("name")), sa.select(T.c.actor2.label("name")))
        return (conn.execute(actors).scalars().all(),
                conn.execute(sa.select(T.c.country_code, T.c.country).distinct()).all(),
                conn.execute(sa.select(T.c.admin1).distinct()).scalars().all())

    actors, country_rows, admin1 = _select(engine, build)
    countries: dict[str, str] = {}
    for code, name in sorted(country_rows, key=lambda r: (str(r[0]), str(r[1] or ""))):
        if isinstance(code, str) and len(code.strip()) == 2:
            code = code.strip().upper()
            if code not in countries or not countries[code]:
                countries[code] = name.strip() if isinstance(name, str) else ""
    return {"actors": _names(actors), "countries": dict(sorted(countries.items())), "admin1": _names(admin1)}


# -- what one view holds -----------------------------------------------------------
def _key_part(value: object) -> str:
    return "" if value is None else " ".join(str(value).split()).casefold()


def summary(engine: sa.Engine, view: ViewState) -> dict[str, int]:
    """Headline numbers of the view: incidents, reported fatalities, distinct places
    ((location, admin1, country) alike up to case and spacing; a province counts when
    no place is named, a country alone does not), countries, and incidents without coordinates."""
    def build(conn, dialect):
        where = conditions(view, dialect)
        totals = conn.execute(sa.select(
            sa.func.count(), sa.func.coalesce(sa.func.sum(T.c.fatalities), 0),
            sa.func.count(sa.distinct(T.c.country)),
            sa.func.coalesce(sa.func.sum(sa.case((MAPPED, 1), else_=0)), 0),
        ).where(*where)).one()
        places = conn.execute(sa.select(T.c.location, T.c.admin1, T.c.country).distinct().where(
            *where, sa.or_(T.c.location.is_not(None), T.c.admin1.is_not(None)))).all()
        return totals, places

    (count, fatalities, countries, mapped), places = _select(engine, build)
    keys = {(_key_part(a), _key_part(b), _key_part(c)) for a, b, c in places}
    return {"incidents": int(count), "fatalities": int(fatalities),
            "places": sum(1 for key in keys if key[0] or key[1]),
            "countries": int(countries), "unmapped": int(count) - int(mapped)}


def timeline(engine: sa.Engine, view: ViewState) -> pd.DataFrame:
    """Incidents per day and event type (rows with no readable date left out):
    columns ``date`` (datetime64), ``event_type`` and ``incidents``, by date."""
    def build(conn, dialect):
        query = (sa.select(T.c.event_date, T.c.event_type, sa.func.count().label("incidents"))
                 .where(*conditions(view, dialect), DATED).group_by(T.c.event_date, T.c.event_type))
        return conn.execute(query).all()

    rows = _select(engine, build)
    frame = pd.DataFrame(rows, columns=["date", "event_type", "incidents"])
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")
    frame["incidents"] = frame["incidents"].astype("int64")
    frame = frame[frame["date"].notna()]
    return frame.sort_values(["date", "event_type"]).reset_index(drop=True)


def newest(engine: sa.Engine, view: ViewState, limit: int, *, columns: Iterable[str] = FRAME_COLUMNS,
           mapped_only: bool = False) -> pd.DataFrame:
    """The view's `limit` newest incidents (by date, then id, newest first) as a frame of `columns`."""
    columns = list(columns)

    def build(conn, dialect):
        where = conditions(view, dialect) + ([MAPPED] if mapped_only else [])
        query = (sa.select(*(T.c[name] for name in columns)).where(*where)
                 .order_by(T.c.event_date.desc(), T.c.id.desc()).limit(limit))
        return conn.execute(query).all()

    return pd.DataFrame(_select(engine, build), columns=columns)


def iter_incidents(engine: sa.Engine, view: ViewState, batch: int = 2000) -> Iterator[dict]:
    """Every incident of the view as a dict (`id`, the record fields, `doc_id`, `source`),
    oldest first, fetched `batch` rows at a time: for downloads of the whole filtered set."""
    with engine.connect() as conn:
        dialect = Dialect(conn)
        query = (sa.select(*(T.c[name] for name in FRAME_COLUMNS)).where(*conditions(view, dialect))
                 .order_by(T.c.event_date, T.c.id))
        for row in conn.execution_options(yield_per=batch).execute(query).mappings():
            yield dict(row)


# -- aggregates for the map's density and province layers ----------------------------
def grid_size(height: float, width: float, max_cells: int) -> float:
    """A square cell (degrees) so that a grid over height x width holds at most about `max_cells` cells."""
    height, width = max(height, 1e-6), max(width, 1e-6)
    size = max((height * width / max(max_cells, 1)) ** 0.5, 0.01)
    while (int(height // size) + 1) * (int(width // size) + 1) > max_cells:
        size *= 1.1
    size = float(f"{size:.3g}")
    while (int(height // size) + 1) * (int(width // size) + 1) > max_cells:  # rounding down can overshoot
        size = float(f"{size * 1.01:.3g}")
    return size


def _number(value: float) -> sa.ColumnElement:
    return sa.literal_column(f"({float(value)!r})", sa.Float)


def density_grid(engine: sa.Engine, view: ViewState, max_cells: int = MAX_DENSITY_CELLS) -> tuple[float, pd.DataFrame]:
    """The view's incidents with coordinates binned on a square grid sized to their extent.

    Returns the cell size (degrees) and one row per non-empty cell: ``south``,
    ``west``, ``north``, ``east`` and ``incidents``, busiest first.
    """
    columns = ["south", "west", "north", "east"]
    empty = pd.DataFrame({name: pd.Series(dtype="float64") for name in columns})
    empty["incidents"] = pd.Series(dtype="int64")

    def build(conn, dialect):
        where = conditions(view, dialect) + [MAPPED]
        south, north, west, east = conn.execute(sa.select(
            sa.func.min(T.c.latitude), sa.func.max(T.c.latitude),
            sa.func.min(T.c.longitude), sa.func.max(T.c.longitude)).where(*where)).one()
        if south is None:
            return 0.0, None, None, []
        size = grid_size(float(north) - float(south), float(east) - float(west), max_cells)
        # constants written into the SQL (floats of ours), so the grouped expression is the selected one
        row = dialect.floor((T.c.latitude - _number(south)) / _number(size)).label("r")
        col = dialect.floor((T.c.longitude - _number(west)) / _number(size)).label("c")
        cells = conn.execute(sa.select(row, col, sa.func.count()).where(*where).group_by(row, col)).all()
        return size, float(south), float(west), cells

    size, south, west, cells = _select(engine, build)
    if not cells:
        return 0.0, empty
    counts = pd.DataFrame(cells, columns=["row", "col", "incidents"])
    out = pd.DataFrame({"south": south + counts["row"].astype("int64") * size,
                        "west": west + counts["col"].astype("int64") * size})
    out["north"] = out["south"] + size
    out["east"] = out["west"] + size
    out["incidents"] = counts["incidents"].astype("int64")
    return size, out.sort_values(["incidents", "south", "west"], ascending=[False, True, True],
                                 kind="stable").reset_index(drop=True)


def province_counts(engine: sa.Engine, view: ViewState) -> pd.DataFrame:
    """Incidents per (country, admin1) of the view that have coordinates and a province:
    ``country``, ``admin1``, ``incidents``, ``fatalities`` and the mean ``latitude`` /
    ``longitude`` of its incidents; busiest first. Provinces are matched up to case and
    spacing, and spelled as the first of their spellings in sort order (capitals first)."""
    columns = ["country", "admin1", "incidents", "fatalities", "latitude", "longitude"]

    def build(conn, dialect):
        country_key = sa.func.coalesce(dialect.fold(T.c.country), "").label("ck")
        admin1_key = dialect.fold(T.c.admin1).label("ak")
        query = (sa.select(
            sa.func.min(sa.func.trim(T.c.country)), sa.func.min(sa.func.trim(T.c.admin1)), sa.func.count(),
            sa.func.coalesce(sa.func.sum(T.c.fatalities), 0), sa.func.avg(T.c.latitude), sa.func.avg(T.c.longitude))
            .where(*conditions(view, dialect), MAPPED, T.c.admin1.is_not(None), sa.func.trim(T.c.admin1) != "")
            .group_by(country_key, admin1_key))
        return conn.execute(query).all()

    rows = _select(engine, build)
    if not rows:
        return pd.DataFrame({name: pd.Series(dtype="object" if name in ("country", "admin1") else "float64")
                             for name in columns})
    out = pd.DataFrame(rows, columns=columns)
    out["country"] = out["country"].map(lambda v: "" if v is None else str(v))
    out["incidents"] = out["incidents"].astype("int64")
    out["fatalities"] = out["fatalities"].astype("int64")
    out["latitude"] = out["latitude"].astype(float)
    out["longitude"] = out["longitude"].astype(float)
    return out.sort_values(["incidents", "admin1"], ascending=[False, True], kind="stable").reset_index(drop=True)


def bounds(engine: sa.Engine, view: ViewState) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the view's incidents with coordinates, or None."""
    def build(conn, dialect):
        return conn.execute(sa.select(
            sa.func.min(T.c.latitude), sa.func.min(T.c.longitude),
            sa.func.max(T.c.latitude), sa.func.max(T.c.longitude)).where(*conditions(view, dialect), MAPPED)).one()

    south, west, north, east = _select(engine, build)
    if south is None:
        return None
    return [[float(south), float(west)], [float(north), float(east)]]


# -- one incident ---------------------------------------------------------------------
def incident(engine: sa.Engine, incident_id: int) -> dict[str, Any] | None:
    """One stored incident by id (`id`, the record fields, `doc_id`, `source`), whatever the
    filters, or None when there is none: a link's selected incident opens even when it is
    not among the rows the map and table show."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(*(T.c[name] for name in FRAME_COLUMNS))
                           .where(T.c.id == int(incident_id))).mappings().first()
    return dict(row) if row is not None else None


def in_view(engine: sa.Engine, view: ViewState, incident_id: int) -> bool:
    """Whether the incident passes the view's filters."""
    def build(conn, dialect):
        return conn.execute(sa.select(T.c.id).where(T.c.id == int(incident_id), *conditions(view, dialect))).first()

    return _select(engine, build) is not None


# -- events: the combined record of the rows shown ----------------------------------------
EVENT_FRAME_COLUMNS = (*FRAME_COLUMNS, "sources", "member_ids", "source_titles", "source_urls")


def event_of(engine: sa.Engine, incident_id: int) -> int | None:
    """The id of the event incident `incident_id` belongs to (its own id when it was not
    merged into another's, or not considered yet), or None when there is no such incident."""
    with engine.connect() as conn:
        if conn.execute(sa.select(T.c.id).where(T.c.id == int(incident_id))).first() is None:
            return None
        if not has_event_links(conn):
            return int(incident_id)
        linked = conn.execute(sa.select(event_links.c.event_id)
                              .where(event_links.c.incident_id == int(incident_id))).scalar()
    return int(linked) if linked is not None else int(incident_id)


def combined(store, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` (incident rows whose ids are event ids, e.g. `newest` of an events
    view) replaced by their events' combined records, in the same order, with the
    `EVENT_FRAME_COLUMNS` (`sources`: how many reports)."""
    ids = [int(i) for i in frame["id"]] if len(frame) else []
    records = store.events_by_id(ids) if ids else []
    return pd.DataFrame(records, columns=list(EVENT_FRAME_COLUMNS))


def iter_events(store, view: ViewState, batch: int = 2000) -> Iterator[dict]:
    """Every event of the view (a view showing events) as its combined record
    (`incidents.merge.combine`, as `Store.events_by_id` gives it), by the head's date then
    id: for downloads. Two queries, not one per event: the reports merged into the view's
    events (held in memory, grouped by event), then the heads, streamed `batch` rows at a
    time. With ``reports="all"``, every report as it is (`iter_incidents`)."""
    from incidents.merge import combine

    if not view.events:
        yield from iter_incidents(store.engine, view, batch)
        return
    columns = [T.c[name] for name in FRAME_COLUMNS]
    with store.engine.connect() as conn:
        dialect = Dialect(conn)
        where = conditions(view, dialect)
        others: dict[int, list[dict]] = {}
        if dialect.links:
            heads = sa.select(T.c.id).where(*where)
            merged_away = (sa.select(*columns, event_links.c.event_id)
                           .select_from(T.join(event_links, event_links.c.incident_id == T.c.id))
                           .where(event_links.c.incident_id != event_links.c.event_id,
                                  event_links.c.event_id.in_(heads)))
            for row in conn.execute(merged_away).mappings():
                others.setdefault(int(row["event_id"]), []).append(dict(row))
        query = sa.select(*columns).where(*where).order_by(T.c.event_date, T.c.id)
        for row in conn.execution_options(yield_per=batch).execute(query).mappings():
            head = dict(row)
            members = others.get(int(head["id"]))
            if members:
                head["event_id"] = head["id"]
                record = combine([head, *members])
                record.pop("event_id", None)
                yield record
            else:
                yield combine([head])
