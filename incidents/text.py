"""Stage 1: article text -> the sentences worth reading.

Pages carry boilerplate that must never become incidents: "Related content:" and
"More From …:" link lists, bylines, captions, share prompts. They are removed
here, before any sentence is looked at, so later stages see only the report.

Also here: `LoweredText` and `fast_pattern`, how the later stages' lexicons match a
sentence without caring about case (a sentence is lower-cased once, not per pattern).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

# A line that opens a block of links: "Related content:", "More From Business Insider:", "Read more:" …
_LINK_BLOCK_HEADER = re.compile(
    r"^\s*(?:related(?:\s+(?:content|stories|articles|coverage|news|links|reading))?|more\s+from\b.*|"
    r"read\s+(?:more|also|next)|see\s+also|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|"
    r"more\s+on\s+this\s+story|more\s+stories|also\s+read|top\s+stories|most\s+read|latest(?:\s+news)?|"
    r"trending(?:\s+now)?|further\s+reading)\s*:?\s*$",
    re.IGNORECASE,
)
_INLINE_LINK_LINE = re.compile(r"^\s*(?:related|read more|see also|watch|video|also read)\s*:\s*\S", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪►>]|\d+[.)])\s+")
_BYLINE = re.compile(
    r"^\s*(?:by\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|al-?\w*))*\s*(?:[,|].*)?$|"
    r"(?:photo|image|picture|caption|file photo|credit)\s*:.*|"
    r"(?:share|tweet|email|print|subscribe|sign up|advertisement|follow us).{0,40}$)",
    re.IGNORECASE,
)
_ABBREVIATIONS = (
    "Maj", "Gen", "Lt", "Col", "Capt", "Sgt", "Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "St", "Brig",
    "Cpl", "Pvt", "Adm", "Gov", "Sen", "Rep", "Jr", "Sr", "No", "U.S", "U.N", "U.K", "Jan", "Feb",
    "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "approx", "vs", "etc", "al",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    index: int       # position among the kept sentences
    text: str
    paragraph: int   # which paragraph of the report it belongs to


def is_headline_like(line: str) -> bool:
    """A short Title Case line without a full stop: a link, heading or caption, not prose."""
    words = line.strip().split()
    if not words or len(words) > 18 or line.rstrip().endswith((".", "!", "?", '"', "”")):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised / len(words) >= 0.6


def report_lines(text: str) -> list[str]:
    """The report's prose lines, link lists, bylines and captions removed."""
    kept: list[str] = []
    title: str | None = None
    in_link_block = False
    for raw in html.unescape(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue  # blank lines do not end a link block: lists are often spaced out
        if _LINK_BLOCK_HEADER.match(line):
            in_link_block = True
            continue
        if in_link_block:
            if _LIST_ITEM.match(line) or is_headline_like(line):
                continue
            in_link_block = False
        if _INLINE_LINK_LINE.match(line) or _BYLINE.match(line):
            continue
        if _LIST_ITEM.match(line) and is_headline_like(_LIST_ITEM.sub("", line)):
            continue
        if is_headline_like(line) and len(line.split()) <= 12 and kept == []:
            title = title or line
            continue  # a title at the top of the page; the title is kept as metadata
        kept.append(line)
    # A text that is only a headline ("Syrian Army Shells Kafr Nabl") is its own report.
    return kept or ([title] if title else [])


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the report proper, with their paragraph numbers."""
    sentences: list[Sentence] = []
    for paragraph, line in enumerate(report_lines(text)):
        for piece in _split_line(line):
            piece = piece.strip()
            if len(piece) >= 3:
                sentences.append(Sentence(len(sentences), piece, paragraph))
    return sentences


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(line):
        before = line[start:m.start()].rstrip("\"'”’)]")
        last_word = re.search(r"([\w.]+)\.$", before)
        if last_word and (last_word.group(1) in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", last_word.group(1))):
            continue  # "Maj. Roman Filipov", "U.S. forces", initials
        pieces.append(line[start:m.start()])
        start = m.end()
    pieces.append(line[start:])
    return pieces


# Case-insensitive lexicon patterns, matched quickly. Python's `re` is about twice as slow
# with IGNORECASE as without, and the trigger and actor lexicons run every pattern over
# every sentence. So a sentence is lower-cased once, and the patterns that do not care
# about case run without the flag on that copy; the few that do (a capitalised place
# name, "IS" but not "is") run with the flag on the original. Spans are the same either
# way, so callers slice the original text.
class LoweredText:
    """A sentence and its lower-cased copy, made once for all the patterns."""

    __slots__ = ("original", "lowered")

    def __init__(self, original: str) -> None:
        self.original = original
        lowered = original.lower()
        # Lower-casing can change a string's length ("İ"); then only the original is safe.
        self.lowered = lowered if len(lowered) == len(original) else None


class LexiconPattern:
    """A pattern that matches regardless of case, on a `LoweredText` or a plain string."""

    __slots__ = ("pattern", "_fast", "_full")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._full = re.compile(pattern, re.IGNORECASE)
        without_escapes = re.sub(r"\\[A-Za-z]", "", pattern)
        case_neutral = "(?-i:" not in pattern and not re.search(r"[A-Z]", without_escapes)
        self._fast = re.compile(pattern) if case_neutral else None

    def _pick(self, text: LoweredText | str):
        if isinstance(text, str):
            text = LoweredText(text)
        if self._fast is not None and text.lowered is not None:
            return self._fast, text.lowered
        return self._full, text.original

    def finditer(self, text: LoweredText | str):
        pattern, subject = self._pick(text)
        return pattern.finditer(subject)

    def search(self, text: LoweredText | str):
        pattern, subject = self._pick(text)
        return pattern.search(subject)


def fast_pattern(pattern: str) -> LexiconPattern:
    return LexiconPattern(pattern)
