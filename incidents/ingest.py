"""Extract and store: many inputs, one summary, nothing lost or duplicated.

Each article is stored in one transaction with its incidents and keyed on its
text, so re-running an ingest skips what is already there. An input that cannot
be read is reported (file and line) and counted; the run goes on with the rest.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

from incidents.articles import Article, dateline, read_articles
from incidents.errors import IncidentsError, InputError
from incidents.extract import Extractor
from incidents.store import Store

Progress = Callable[[int, int, str], None]


@dataclass
class IngestSummary:
    articles_read: int = 0
    incidents_stored: int = 0
    skipped: int = 0          # articles already in the store
    failed: int = 0           # inputs that could not be read or extracted
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.articles_read} articles read, {self.incidents_stored} incidents stored, "
                f"{self.skipped} skipped (already stored), {self.failed} failed")


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


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    extractor: Extractor,
    published: dt.date | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Extract every article under `paths` and store it with its incidents."""
    summary = IngestSummary()
    items: list[Article | InputError] = [item for path in paths for item in read_articles(path, published=published)]
    for done, item in enumerate(items, start=1):
        if isinstance(item, InputError):
            summary.failed += 1
            summary.errors.append(str(item))
        else:
            summary.articles_read += 1
            _ingest_one(item, store, extractor, published, summary)
        if progress is not None:
            progress(done, len(items), f"{summary.articles_read} articles, {summary.incidents_stored} incidents")
    return summary


def _ingest_one(article: Article, store: Store, extractor: Extractor, published, summary: IngestSummary) -> None:
    if store.has_article(article.content_hash):
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
