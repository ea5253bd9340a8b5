"""Watching RSS/Atom feeds: poll, remember what was seen, ingest what is new.

Feeds are fetched through the same guarded fetcher as web pages
(incidents/web.py) and parsed with feedparser. For each new item, the page at
its link is fetched and its main text extracted; when that fails, the item's
own summary is used instead. The item's published date (else its updated date,
else the page's) anchors relative dates.

What was seen is remembered in the store itself, in a `feed_items` table
(feed URL, item key, when seen), created on first use next to the articles, so
every machine sharing a DATABASE_URL shares it. An item is remembered once it is
stored or found already stored; an item that failed is tried again next poll.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

import sqlalchemy as sa

from incidents.articles import Article
from incidents.errors import InputError, StoreError
from incidents.ingest import IngestSummary, _ingest_one
from incidents.web import FEED_TYPES, Fetcher, extract_page

feed_metadata = sa.MetaData()

feed_items = sa.Table(
    "feed_items",
    feed_metadata,
    sa.Column("feed_url", sa.Text, primary_key=True),
    sa.Column("item_key", sa.String(64), primary_key=True),
    sa.Column("link", sa.Text),
    sa.Column("seen_at", sa.DateTime, nullable=False),
)


class SeenItems:
    """The `feed_items` table of a store's database."""

    def __init__(self, engine: sa.engine.Engine) -> None:
        self.engine = engine
        try:
            feed_metadata.create_all(engine)
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot create the feed_items table: {err}") from err

    def seen(self, feed_url: str, key: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(feed_items.c.item_key).where(
                feed_items.c.feed_url == feed_url, feed_items.c.item_key == key)).first() is not None

    def remember(self, feed_url: str, key: str, link: str | None) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(feed_items.insert().values(
                    feed_url=feed_url, item_key=key, link=link,
                    seen_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)))
        except sa.exc.IntegrityError:
            pass  # another watcher remembered it meanwhile


@dataclass
class WatchSummary:
    polls: int = 0
    new_items: int = 0
    ingest: IngestSummary = field(default_factory=IngestSummary)

    def line(self) -> str:
        return f"{self.polls} polls, {self.new_items} new items; {self.ingest.line()}"


def item_key(entry) -> str:
    """A stable identity for a feed item: its id, else its link, else its title and summary."""
    ident = entry.get("id") or entry.get("link") or f"{entry.get('title', '')}\n{entry.get('summary', '')}"
    return hashlib.sha256(str(ident).encode("utf-8")).hexdigest()


def _entry_date(entry) -> dt.date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.timezone.utc).date()
    return None


_TAGS = re.compile(r"<[^>]+>")


def _summary_text(entry) -> str:
    parts = []
    for content in entry.get("content") or ():
        if content.get("value"):
            parts.append(content["value"])
    if not parts and entry.get("summary"):
        parts.append(entry["summary"])
    text = html.unescape(_TAGS.sub(" ", "\n".join(parts)))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def entry_article(entry, feed_url: str, fetcher: Fetcher, on_error: Callable[[str], None]) -> Article | None:
    """The article behind a feed item: its linked page, else its summary (None when neither has text)."""
    link = entry.get("link")
    title = entry.get("title") or None
    date = _entry_date(entry)
    origin = link or f"{feed_url} item {title or item_key(entry)[:12]}"
    if link:
        try:
            response = fetcher.fetch(link)
            page = extract_page(response.text(), response.url)
            if page["text"]:
                page_date = dt.date.fromisoformat(page["date"]) if page["date"] else None
                return Article(text=page["text"], published=date or page_date,
                               title=title or page["title"], url=response.url, origin=link)
            on_error(f"{link}: no article text found on the page; using the feed's summary")
        except InputError as err:
            on_error(f"{err}; using the feed's summary")
    text = _summary_text(entry)
    if not text:
        return None
    return Article(text=text, published=date, title=title, url=link, origin=origin)


def poll(feed_urls: Iterable[str], *, store, extractor, seen: SeenItems, fetcher: Fetcher,
         summary: WatchSummary, on_error: Callable[[str], None]) -> None:
    """Fetch each feed once and ingest its new items into `store`, adding to `summary`."""
    import feedparser

    summary.polls += 1
    ingest = summary.ingest
    for feed_url in feed_urls:
        try:
            response = fetcher.fetch(feed_url, accept=FEED_TYPES)
        except InputError as err:
            ingest.failed += 1
            on_error(str(err))
            continue
        parsed = feedparser.parse(response.body, response_headers={
            "content-type": response.content_type + (f"; charset={response.charset}" if response.charset else ""),
            "content-location": response.url})
        if not parsed.entries and (parsed.bozo or not parsed.get("version")):
            ingest.failed += 1
            reason = parsed.get("bozo_exception")
            on_error(f"{feed_url}: not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
            continue
        for entry in parsed.entries:
            key = item_key(entry)
            if seen.seen(feed_url, key):
                continue
            summary.new_items += 1
            errors_before, failed_before = len(ingest.errors), ingest.failed
            article = entry_article(entry, feed_url, fetcher, on_error)
            if article is None:
                ingest.failed += 1
                on_error(f"{entry.get('link') or feed_url}: the item has no text (no page, no summary)")
                continue
            ingest.articles_read += 1
            _ingest_one(article, store, extractor, None, ingest)
            for message in ingest.errors[errors_before:]:
                on_error(message)
            del ingest.errors[errors_before:]
            if ingest.failed == failed_before:
                seen.remember(feed_url, key, entry.get("link"))


def parse_interval(value: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"{value!r} is not an interval such as 30s, 15m, 2h or 1d")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def watch(feed_urls: list[str], *, store, extractor, every: float, once: bool,
          on_error: Callable[[str], None], on_poll: Callable[[WatchSummary, WatchSummary], None] | None = None,
          fetcher: Fetcher | None = None, sleep: Callable[[float], None] = time.sleep) -> WatchSummary:
    """Poll `feed_urls` once, or every `every` seconds until interrupted (KeyboardInterrupt
    ends it; the summary so far is returned)."""
    fetcher = fetcher or Fetcher()
    seen = SeenItems(store.engine)
    total = WatchSummary()
    try:
        while True:
            this = WatchSummary()
            try:
                poll(feed_urls, store=store, extractor=extractor, seen=seen, fetcher=fetcher,
                     summary=this, on_error=on_error)
            finally:
                _add(total, this)
            if on_poll is not None:
                on_poll(this, total)
            if once:
                break
            sleep(every)
    except KeyboardInterrupt:
        pass
    return total


def _add(total: WatchSummary, part: WatchSummary) -> None:
    total.polls += part.polls
    total.new_items += part.new_items
    for name in ("articles_read", "incidents_stored", "skipped", "failed"):
        setattr(total.ingest, name, getattr(total.ingest, name) + getattr(part.ingest, name))

