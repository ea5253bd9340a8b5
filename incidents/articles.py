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
import os
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
        for f in input_files(path):
            if isinstance(f, InputError):
                yield f
            else:
                yield from read_articles(f, published=published, title=None, url=None)
        return
    if not p.exists():
        yield InputError(f"{path}: no such file or directory")
        return
    if p.suffix.lower() == ".jsonl":
        yield from _jsonl_articles(p, published)
        return
    try:
        size = p.stat().st_size
        if size > MAX_ARTICLE_BYTES:  # refused before reading it into memory
            raise InputError(f"{path}: {size:,} bytes is more than the {MAX_ARTICLE_BYTES:,} a report may have")
        raw = p.read_bytes()
    except InputError as err:
        yield err
        return
    except OSError as err:
        yield InputError(f"{path}: cannot be read ({err.strerror})")
        return
    yield from _text_article(raw, str(p), published, title, url)


def input_files(path: str) -> Iterator[str | InputError]:
    """The inputs `path` stands for, one at a time: the files under a directory (walked
    lazily, in name order, so a folder of 100,000 reports starts at once), else `path`."""
    if _SCHEME.match(path) or path == "-" or not Path(path).is_dir():
        yield path
        return
    found = False
    for folder, subfolders, names in os.walk(path):
        subfolders.sort()
        for name in sorted(names):
            if Path(name).suffix.lower() in TEXT_SUFFIXES | {".jsonl"}:
                f = os.path.join(folder, name)
                if os.path.isfile(f):
                    found = True
                    yield f
    if not found:
        yield InputError(f"{path}: no .txt, .md or .jsonl files in this directory")


def _text_article(raw, origin, published, title, url) -> Iterator[Article | InputError]:
    try:
        text = _decode(raw, origin)
    except InputError as err:
        yield err
        return
    yield Article(text=text, published=published, title=title, url=url, origin=origin)


def _jsonl_lines(handle) -> Iterator[bytes | None]:
    """The lines of a binary file, read one at a time; None for a line longer than an
    article may be (its rest is skipped without holding it in memory)."""
    limit = MAX_ARTICLE_BYTES + 1024  # room for the JSON around the text
    while True:
        line = handle.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
            continue
        yield line


def _jsonl_articles(path: Path, published: dt.date | None) -> Iterator[Article | InputError]:
    """The articles of a JSON Lines file, streamed: one line in memory at a time."""
    origin = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield InputError(f"{origin}: cannot be read ({err.strerror})")
        return
    with handle:
        for number, raw in enumerate(_jsonl_lines(handle), start=1):
            where = f"{origin}:{number}"
            if raw is None:
                yield InputError(f"{where}: the line is longer than the {MAX_ARTICLE_BYTES:,} bytes a report may have")
                continue
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield InputError(f"{where}: not UTF-8 text (byte {err.start})")
                continue
            item = _jsonl_item(line, where, published)
            if item is not None:
                yield item


def _jsonl_item(line: str, where: str, published: dt.date | None) -> Article | InputError | None:
    if not line.strip():
        return None
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        return InputError(f"{where}: not a JSON object ({err.msg})")
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
        return InputError(f"{where}: each line needs an object with a non-empty \"text\"")
    try:
        item_date = parse_date(item.get("published"), origin=where) or published
    except InputError as err:
        return err
    doc_id = item.get("id")
    return Article(
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
