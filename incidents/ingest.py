"""Extract and store: many inputs, one summary, nothing lost or duplicated.

Each article is stored in one transaction with its incidents and keyed on its
text, so re-running an ingest skips what is already there, and a run killed at
any point leaves only whole articles behind. An input that cannot be read is
reported (file and line) and counted; the run goes on with the rest.

Inputs are streamed (a folder of 100,000 reports starts at once and holds one
article in memory at a time); their total is counted on the side for progress.
A run stops between two articles when `stop` is set (the CLI sets it on Ctrl-C),
and with `workers` > 1 the articles are shared out to worker processes
(incidents/ingest_workers.py).
"""
from __future__ import annotations

import datetime as dt
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import sqlalchemy as sa

from incidents.articles import _SCHEME, Article, dateline, input_files, read_articles
from incidents.errors import IncidentsError, InputError
from incidents.extract import Extractor
from incidents.store import Store

# progress(done, total, label): `done` articles (and unreadable inputs) handled out of
# about `total` (0 while the count is not known yet); `label` says files, articles,
# incidents and errors so far.
Progress = Callable[[int, int, str], None]

COUNT_HEAD_START = 0.5  # seconds an ingest waits for the count of its inputs before starting anyway


@dataclass
class IngestSummary:
    articles_read: int = 0
    incidents_stored: int = 0
    skipped: int = 0          # articles already in the store
    failed: int = 0           # inputs that could not be read or extracted
    errors: list[str] = field(default_factory=list)
    files: int = 0            # inputs opened (files, URLs, standard input)
    failed_inputs: int = 0    # of `failed`, inputs that were not even an article (unreadable)
    interrupted: bool = False  # stopped before the end (Ctrl-C): re-running finishes the work

    def line(self) -> str:
        return (f"{self.articles_read} articles read, {self.incidents_stored} incidents stored, "
                f"{self.skipped} skipped (already stored), {self.failed} failed"
                + (", interrupted" if self.interrupted else ""))

    def add(self, part: IngestSummary) -> None:
        """Count `part` (one article's outcome, from a worker) into this summary."""
        self.articles_read += part.articles_read
        self.incidents_stored += part.incidents_stored
        self.skipped += part.skipped
        self.failed += part.failed
        self.failed_inputs += part.failed_inputs
        self.errors.extend(part.errors)

    @property
    def done(self) -> int:
        """Articles and unreadable inputs handled so far."""
        return self.articles_read + self.failed_inputs


def open_extractor(*, progress: Progress | None = None) -> Extractor:
    """An extractor over the offline gazetteer (compiled first if needed), plus the
    online geocoder when GEO_ONLINE configures one (off by default)."""
    import geo
    from geo.online import online_geocoder_from_env

    path = geo.ensure_built(progress=progress)
    return Extractor(geo.Gazetteer(path), online=online_geocoder_from_env())


def publication_date(article: Article, default: dt.date | None) -> dt.date | None:
    """The article's own date, else the one given for the run, else a dateline in its text."""
    return article.published or default or dateline(article.text)


# -- counting the inputs (for progress only) ------------------------------------

@dataclass
class InputCount:
    files: int = 0
    articles: int = 0     # lines of .jsonl files (blank ones too) plus one per other input
    complete: bool = False


def count_inputs(paths: Iterable[str], count: InputCount | None = None) -> InputCount:
    """Count files and articles cheaply (names and newlines, no parsing), filling `count` as it goes."""
    count = count or InputCount()
    for path in paths:
        for item in input_files(path):
            if isinstance(item, InputError):
                continue
            count.files += 1
            count.articles += _lines_in(item) if _is_jsonl_file(item) else 1
    count.complete = True
    return count


def _is_jsonl_file(path: str) -> bool:
    return not _SCHEME.match(path) and path != "-" and path.lower().endswith(".jsonl")


def _lines_in(path: str) -> int:
    lines, last = 0, b"\n"
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")


def _count_in_background(paths: list[str], *, head_start: float) -> InputCount:
    count = InputCount()
    thread = threading.Thread(target=count_inputs, args=(paths, count), name="count-inputs", daemon=True)
    thread.start()
    thread.join(head_start)  # a few files are counted before the first article; a huge folder is not waited for
    return count


def progress_label(summary: IngestSummary, count: InputCount) -> str:
    files = f"{summary.files}/{count.files}" if count.complete else f"{summary.files}"
    articles = f"{summary.done}/{count.articles}" if count.complete else f"{summary.done}"
    return (f"{files} files, {articles} articles, {summary.incidents_stored} incidents stored, "
            f"{summary.skipped} skipped, {summary.failed} errors")


# -- the run --------------------------------------------------------------------

@contextmanager
def stop_on_interrupt() -> Iterator[threading.Event]:
    """While inside, the first Ctrl-C (SIGINT) sets the event it yields, so that `ingest`
    stops after the article in hand; a second one raises KeyboardInterrupt, abandoning
    that article (its transaction is rolled back). Main thread only."""
    stop = threading.Event()

    def on_sigint(_signum, _frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    extractor: Extractor | None = None,
    published: dt.date | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    stop: threading.Event | None = None,
    on_error: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Extract every article under `paths` and store it with its incidents.

    With `workers` > 1, that many processes extract and store (each with its own
    extractor and store connection) while this one reads the inputs and counts.
    When `stop` is set the run ends between two articles and the summary says
    `interrupted`; a KeyboardInterrupt abandons the current article (its transaction
    is rolled back) and ends the run the same way. `on_error` hears each error as it happens.
    """
    paths = list(paths)
    summary = IngestSummary()
    count = _count_in_background(paths, head_start=COUNT_HEAD_START if progress else 0.0)

    def report() -> None:
        if progress is not None:
            progress(summary.done, max(count.articles, summary.done) if count.complete else 0,
                     progress_label(summary, count))

    def failed(message: str) -> None:
        if on_error is not None:
            on_error(message)

    items = _stream(paths, published, summary)
    if workers > 1:
        from incidents.ingest_workers import run_workers

        run_workers(items, summary, store_url=store.url, published=published, workers=workers,
                    stop=stop, report=report, on_error=failed)
        return summary
    if extractor is None:
        extractor = open_extractor()
    try:
        for item in items:
            if stop is not None and stop.is_set():
                summary.interrupted = True
                break
            errors_before = len(summary.errors)
            if isinstance(item, InputError):
                summary.failed += 1
                summary.failed_inputs += 1
                summary.errors.append(str(item))
            else:
                summary.articles_read += 1
                _ingest_one(item, store, extractor, published, summary)
            for message in summary.errors[errors_before:]:
                failed(message)
            report()
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _stream(paths: list[str], published: dt.date | None, summary: IngestSummary) -> Iterator[Article | InputError]:
    """Every article (or unreadable input) under `paths`, one at a time, counting files in `summary`."""
    for path in paths:
        for item in input_files(path):
            if isinstance(item, InputError):
                yield item
                continue
            summary.files += 1
            yield from read_articles(item, published=published)


def _ingest_one(article: Article, store: Store, extractor: Extractor, published, summary: IngestSummary) -> None:
    try:
        present = store.has_article(article.content_hash)
    except sa.exc.SQLAlchemyError as err:  # e.g. the server went away: this article fails, the run goes on
        summary.failed += 1
        summary.errors.append(f"{article.origin}: could not read the store: {err}")
        return
    if present:
        summary.skipped += 1
        return
    anchor = publication_date(article, published)
    if anchor is None:
        summary.failed += 1
        summary.errors.append(f"{article.origin}: no publication date (give --published YYYY-MM-DD)")
        return
    try:
        found = extractor.extract(article, published=anchor)
        stored = store.add_article(
            content_hash=article.content_hash,
            incidents_found=found,
            title=article.title,
            url=article.url,
            published=anchor.isoformat(),
            doc_id=article.doc_id,
        )
    except (IncidentsError, ValueError) as err:
        summary.failed += 1
        summary.errors.append(f"{article.origin}: {err}")
        return
    if stored is None:
        summary.skipped += 1
    else:
        summary.incidents_stored += stored


# -- what a store holds, for comparing runs ------------------------------------------

INCIDENT_KEY_EXCLUDED = ("id", "article_id")
ARTICLE_KEY_EXCLUDED = ("id", "ingested_at")


def store_contents(store: Store) -> dict[str, tuple[tuple, tuple]]:
    """Per article content hash: its fields and the sorted tuple of its incidents' fields,
    leaving out what differs between equal runs (row ids, ingested_at). Two stores
    that hold the same work compare equal, whatever order or processes wrote them."""
    from incidents.store import articles, incidents

    article_columns = [c for c in articles.c if c.name not in ("id", "content_hash", "ingested_at")]
    incident_columns = [c for c in incidents.c if c.name not in ("id", "article_id")]
    with store.engine.connect() as conn:
        heads = conn.execute(sa.select(articles.c.id, articles.c.content_hash, *article_columns)).all()
        found: dict[int, list[tuple]] = {}
        for row in conn.execute(sa.select(incidents.c.article_id, *incident_columns)):
            found.setdefault(row[0], []).append(tuple(row[1:]))
    return {row[1]: (tuple(row[2:]), tuple(sorted(found.get(row[0], []), key=repr))) for row in heads}
