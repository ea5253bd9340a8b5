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

try:
    from re import _parser as _sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - older Pythons name it sre_parse
    import sre_parse as _sre_parse

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


# Spaces that are not " " (no-break, thin, narrow no-break, figure, ideographic) and zero-width characters, as
# web pages and exports carry them: "hand-made\xa0bomb\xa0exploded" is read as "hand-made bomb exploded".
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u00ad]")  # (and the soft hyphen)
_ODD_HYPHEN = re.compile("[\u2010\u2011]")  # hyphen, no-break hyphen: "tear‑gas" is "tear-gas"


def report_lines(text: str) -> list[str]:
    """The report's prose lines, link lists, bylines and captions removed."""
    kept: list[str] = []
    title: str | None = None
    in_link_block = False
    text = _ODD_HYPHEN.sub("-", _ZERO_WIDTH.sub("", _ODD_SPACE.sub(" ", html.unescape(text))))
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
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


# Pages flattened to one line keep their furniture inside the prose:
# a keyword list ("Tags Syria Aleppo regime forces …") glued to the next sentence,
# a photo credit in parentheses ("(TRT World and Agencies)", "(AP Photo/…)") before it,
# and the photo's caption ("A picture taken on July 29 2016 shows …").
_TAGS = re.compile(r"^Tags\s+")
# Where the report resumes after a keyword list: a capitalised article or opening phrase,
# which keyword lists (names and lower-case topics) do not hold.
_AFTER_TAGS = re.compile(r"\s(?=(?:The|A|An|At least|According to|In|On|Dozens|Hundreds|Thousands|Several)\s)")
_PROSE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|said|says|kills|struck|hit|[a-z]{3,}ed)\b")
_PHOTO_CREDIT = re.compile(r"^\((?:[^()]{0,40}\b(?:Agencies|Photo|Getty|Images)\b[^()]{0,40}|[^()/]{1,40}/[^()/]{1,40})\)\s*")
_CAPTION = re.compile(
    r"^(?:An?|This|The) (?:file )?(?:picture|photo|photograph|image|handout picture|handout photo)\b"
    r"[^.]{0,120}?\b(?:taken|shows?|showing|released|made available|obtained)\b")


def _without_page_furniture(piece: str) -> str:
    """The sentence without a glued keyword list or photo credit; "" for a caption or a bare list."""
    piece = _PHOTO_CREDIT.sub("", piece)
    if _TAGS.match(piece):
        resumes = _AFTER_TAGS.search(piece)
        if resumes:
            piece = piece[resumes.end():]
        elif _PROSE_VERB.search(piece):
            piece = _TAGS.sub("", piece)  # the list runs into the report with no telling where: keep both
        else:
            return ""  # only the list
    return "" if _CAPTION.match(piece) else piece


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the report proper, with their paragraph numbers."""
    sentences: list[Sentence] = []
    for paragraph, line in enumerate(report_lines(text)):
        for piece in _split_line(line):
            piece = _without_page_furniture(piece.strip()).strip()
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
#
# Most patterns match in few sentences, and a plain substring test is far cheaper than a
# regex scan (a pattern opening with \b gets no fast first-character skip in `re`). So
# each pattern also knows the words one of which every match must contain ("shell",
# "artillery", "mortar" …), read from the pattern itself, and runs only when the
# sentence holds one of them. The answer is the same: a sentence without any of them
# cannot match.
class LoweredText:
    """A sentence and its lower-cased copy, made once for all the patterns."""

    __slots__ = ("original", "lowered", "ascii", "_held")

    def __init__(self, original: str) -> None:
        self.original = original
        lowered = original.lower()
        # Lower-casing can change a string's length ("İ"); then only the original is safe.
        self.lowered = lowered if len(lowered) == len(original) else None
        # IGNORECASE also pairs some non-ASCII letters with ASCII ones ("ſ" with "s"), which
        # lower-casing does not: words are looked for in an IGNORECASE subject only when it is ASCII.
        self.ascii = original.isascii()
        self._held: frozenset[str] | None = None

    def holds_any(self, words: frozenset[str]) -> bool:
        """Whether the lower-cased copy contains one of `words` (all of them words of the lexicons'
        patterns, `LexiconPattern`): found for every pattern at once, in one scan of the sentence."""
        if self._held is None:
            self._held = _VOCABULARY.held_in(self.lowered)
        return not words.isdisjoint(self._held)


class _Vocabulary:
    """Every word the lexicon patterns need (`required_words`), and one regex that finds which of them
    a sentence contains, scanning it once instead of testing each pattern's words one by one.

    The regex is a trie of the words (shared beginnings written once), tried at every position of the
    sentence inside a look-ahead, so words that overlap are all seen; it prefers the longest word at
    each position, and the shorter words that begin it are added from a table."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self._scanner: re.Pattern | None = None
        self._prefixes: dict[str, frozenset[str]] = {}

    def add(self, words) -> None:
        if not self.words.issuperset(words):
            self.words.update(words)
            self._scanner = None  # rebuilt at the next scan

    def held_in(self, lowered: str) -> frozenset[str]:
        if self._scanner is None:
            self._scanner = re.compile(f"(?=({_trie_pattern(sorted(self.words))}))", re.DOTALL)
            self._prefixes = {w: frozenset(w[:n] for n in range(1, len(w) + 1) if w[:n] in self.words)
                              for w in self.words}
        held: set[str] = set()
        for m in self._scanner.finditer(lowered):
            held |= self._prefixes[m.group(1)]
        return frozenset(held)


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of the sorted `words`, the longest first where one begins another."""
    ends_here = "" in words
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + _trie_pattern(rest) for first, rest in groups.items()]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and len(groups[next(iter(groups))]) == 1 \
        else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


_VOCABULARY = _Vocabulary()


class LexiconPattern:
    """A pattern that matches regardless of case, on a `LoweredText` or a plain string."""

    __slots__ = ("pattern", "_fast", "_full", "_needs")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._full = re.compile(pattern, re.IGNORECASE)
        without_escapes = re.sub(r"\\[A-Za-z]", "", pattern)
        case_neutral = "(?-i:" not in pattern and not re.search(r"[A-Z]", without_escapes)
        self._fast = re.compile(pattern) if case_neutral else None
        needs = required_words(pattern)
        self._needs = frozenset(w.lower() for w in needs) if needs else None
        if self._needs:
            _VOCABULARY.add(self._needs)

    def _pick(self, text: LoweredText | str):
        """The compiled pattern and the subject to run it on; None when the sentence cannot match."""
        if isinstance(text, str):
            text = LoweredText(text)
        needs = self._needs
        if self._fast is not None and text.lowered is not None:
            if needs is not None and not text.holds_any(needs):
                return None
            return self._fast, text.lowered
        if needs is not None and text.ascii and not text.holds_any(needs):
            return None
        return self._full, text.original

    def finditer(self, text: LoweredText | str):
        picked = self._pick(text)
        return iter(()) if picked is None else picked[0].finditer(picked[1])

    def search(self, text: LoweredText | str):
        picked = self._pick(text)
        return None if picked is None else picked[0].search(picked[1])


def fast_pattern(pattern: str) -> LexiconPattern:
    return LexiconPattern(pattern)


class GatedPattern:
    """A compiled pattern that is run only on sentences holding one of the words every match needs.

    For patterns the callers want as written (with IGNORECASE, on the original text, group
    text and all): the same matches as `regex.finditer(original)`, just skipped when there
    can be none.
    """

    __slots__ = ("regex", "_words", "_folded")

    def __init__(self, regex: re.Pattern) -> None:
        self.regex = regex
        self._folded = bool(regex.flags & re.IGNORECASE)
        words = required_words(regex.pattern, regex.flags)
        self._words = tuple(sorted({w.lower() for w in words} if self._folded else words)) if words else None

    def could_match(self, text: LoweredText) -> bool:
        """False only when the original text cannot hold a match."""
        if self._words is None:
            return True
        if not self._folded:
            subject = text.original
        elif text.ascii:
            subject = text.lowered  # (see LoweredText.ascii: IGNORECASE on ASCII is lower-casing)
        else:
            return True
        return any(word in subject for word in self._words)

    def finditer(self, text: LoweredText):
        return self.regex.finditer(text.original) if self.could_match(text) else iter(())

    def search(self, text: LoweredText):
        return self.regex.search(text.original) if self.could_match(text) else None


def required_words(pattern: str, flags: int = 0) -> set[str] | None:
    """Strings one of which every match of `pattern` contains, or None when the pattern names none.

    Read from the parsed pattern: a run of literal characters is needed; an alternation
    needs one of its branches' words (when every branch has some); a group or a repeat
    of at least once needs what its content needs. Optional parts, classes, look-arounds
    and groups that change flags are skipped, which only makes the answer weaker, never wrong.
    """
    try:
        return _needed(_sre_parse.parse(pattern, flags))
    except Exception:  # an unexpected parse shape: no shortcut, the pattern always runs
        return None


def _needed(sequence) -> set[str] | None:
    p = _sre_parse
    choices: list[set[str]] = []
    run: list[str] = []
    for op, arg in list(sequence) + [(None, None)]:
        if op is p.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            choices.append({"".join(run)})
            run = []
        part = None
        if op is p.SUBPATTERN and not arg[1] and not arg[2]:  # (group, add_flags, del_flags, content)
            part = _needed(arg[3])
        elif op is p.BRANCH:
            branches = [_needed(branch) for branch in arg[1]]
            part = None if any(b is None for b in branches) else set().union(*branches)
        elif op in (p.MAX_REPEAT, p.MIN_REPEAT) and arg[0] >= 1:  # (min, max, content)
            part = _needed(arg[2])
        if part:
            choices.append(part)
    # Any one choice is needed; the one whose shortest word is longest rules out the most sentences.
    return max(choices, key=lambda words: (min(map(len, words)), -len(words))) if choices else None
