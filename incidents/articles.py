"""Reading articles from the inputs the command line accepts.

A path may be a text/Markdown file, `-` for standard input, a directory of text
files, or a `.jsonl` file of articles (`id`, `text`, optional `published`,
`title`, `url`), or an http/https URL of a web page (incidents/web.py). Readers yield `Article`s and, for input that cannot be read,
`InputError`s naming the file (and line), so one bad item never stops a run.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from incidents.dates import MONTHS
from incidents.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
MAX_ARTICLE_BYTES = 5_000_000  # a news report is far smaller; bigger input is a mistake
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")  # a URL (only http/https are then accepted)


@dataclass
class Article:
    """One report: its text and what we know about where it came from."""

    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    doc_id: str | None = None
    origin: str = "<text>"  # file name (and line) for messages

    @property
    def content_hash(self) -> str:
        """The article's identity in the store: its text with white space folded."""
        folded = " ".join(self.text.split())
        return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def parse_date(value: str | None, *, origin: str = "input") -> dt.date | None:
    """An ISO date (YYYY-MM-DD, a longer ISO timestamp is cut to its date) or None."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"{origin}: published date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _decode(raw: bytes, origin: str) -> str:
    if not raw.strip():
        raise InputError(f"{origin}: the file is empty")
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(f"{origin}: {len(raw):,} bytes is more than the {MAX_ARTICLE_BYTES:,} a report may have")
    if b"\x00" in raw[:4096]:
        raise InputError(f"{origin}: looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{origin}: not UTF-8 text (byte {err.start})") from None


def read_articles(
    path: str,
    *,
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Iterator[Article | InputError]:
    """Every article in `path`; arguments given here fill in what the input lacks."""
    if _SCHEME.match(path):
        # http(s) URLs are fetched (guarded) and their main text extracted: see incidents/web.py.
        try:
            from incidents.web import read_url
        except ImportError:  # pragma: no cover - a broken install
            yield InputError(f"{path}: reading URLs needs the trafilatura package")
            return
        try:
            yield read_url(path, published=published, title=title)
        except InputError as err:
            yield err
        return
    if path == "-":
        raw = sys.stdin.buffer.read()
        yield from _text_article(raw, "<stdin>", published, title, url)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | {".jsonl"})
        if not files:
            yield InputError(f"{path}: no .txt, .md or .jsonl files in this directory")
        for f in files:
            yield from read_articles(str(f), published=published, title=None, url=None)
        return
    if not p.exists():
        yield InputError(f"{path}: no such file or directory")
        return
    try:
        raw = p.read_bytes()
    except OSError as err:
        yield InputError(f"{path}: cannot be read ({err.strerror})")
        return
    if p.suffix.lower() == ".jsonl":
        yield from _jsonl_articles(raw, str(p), published)
    else:
        yield from _text_article(raw, str(p), published, title, url)


def _text_article(raw, origin, published, title, url) -> Iterator[Article | InputError]:
    try:
        text = _decode(raw, origin)
    except InputError as err:
        yield err
        return
    yield Article(text=text, published=published, title=title, url=url, origin=origin)


def _jsonl_articles(raw: bytes, origin: str, published: dt.date | None) -> Iterator[Article | InputError]:
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        yield InputError(f"{origin}: not UTF-8 text (byte {err.start})")
        return
    for number, line in enumerate(content.splitlines(), start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"{where}: not a JSON object ({err.msg})")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            yield InputError(f"{where}: each line needs an object with a non-empty \"text\"")
            continue
        try:
            item_date = parse_date(item.get("published"), origin=where) or published
        except InputError as err:
            yield err
            continue
        doc_id = item.get("id")
        yield Article(
            text=item["text"],
            published=item_date,
            title=item.get("title"),
            url=item.get("url"),
            doc_id=None if doc_id is None else str(doc_id),
            origin=where,
        )


_DATELINE = re.compile(
    r"\b(?:(\d{4})-(\d{2})-(\d{2})|"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s+(\d{4}))\b"
)


def dateline(text: str) -> dt.date | None:
    """A publication date written near the top of a report ("February 6, 2018" or "2018-02-06")."""
    head = text[:400]
    m = _DATELINE.search(head)
    if not m:
        return None
    try:
        if m.group(1):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return dt.date(int(m.group(6)), MONTHS.index(m.group(4).lower()) + 1, int(m.group(5)))
    except ValueError:
        return None
