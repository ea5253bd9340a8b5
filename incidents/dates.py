"""Stage 3: time expressions -> dates, anchored to the article's publication date.

"On Saturday" means the Saturday on or before publication, never a date computed
from today. Each answer carries ACLED's time precision (1 day, 2 week, 3 month).
Expressions that describe history ("since late December", "for the past year")
are recognised so that they never date an incident. An ordered list of named
patterns: the first that matches a span wins (dateparser's parser chain, in small).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Callable

from incidents.text import GatedPattern, LoweredText

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_ALIASES = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_ALIASES.update({m: i + 1 for i, m in enumerate(MONTHS)})

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

# Words before a time expression that make it history or a duration, not an event date.
_HISTORY_BEFORE = re.compile(
    r"(?:\bsince|\bsince\s+(?:at\s+least|as\s+early\s+as)|\bfor\s+the\s+(?:past|last)|\bthroughout|\buntil|\btill|"
    r"\bbetween|\bthe\s+\w+\s+(?:attack|strike|time|incident)s?\s+in|\bin\s+the\s+(?:past|last))\s*$",
    re.IGNORECASE,
)
# "since Russia escalated bombing runs in late December": "since" governs the whole clause.
# ("has since claimed" is not history: that "since" means "after that").
_SINCE_CLAUSE = re.compile(r"(?<!has )(?<!have )(?<!had )\bsince\b[^,;:]*$", re.IGNORECASE)


# A date months before the report, recalled as background: "the same junction was hit in October 2017",
# "In 2019, a bomb killed 40 there". Such a clause is history, not a new incident.
_STALE_AFTER = dt.timedelta(days=120)
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:the same|(?:a )?similar|previous(?:ly)?|earlier|formerly|once|had|also|again|back|in the past)\b", re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r"(?:^|[,;:]\s*)(?:back\s+)?in\s*$", re.IGNORECASE)


def _background(sentence: str, start: int, end: int) -> bool:
    """The date is told as background: a recalling word before it, or it opens the sentence ("In 2017, …")."""
    before = sentence[:start]
    return bool(_BACKGROUND_BEFORE.search(before)) or (
        bool(_CLAUSE_OPENING.search(before)) and sentence[end:].lstrip().startswith(","))


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    precision: int    # 1 day, 2 week, 3 month
    start: int        # span in the sentence
    end: int
    rule: str
    history: bool = False
    said: bool = False  # the day someone spoke of the event, the only date its sentence tells (event_date)


def _clamp(day: dt.date, published: dt.date) -> dt.date:
    """An event is never after the report about it."""
    return min(day, published)


def _month_number(token: str) -> int:
    word = token.lower().rstrip(".")
    return _MONTH_ALIASES.get(word) or _MONTH_ALIASES[word[:3]]


def _latest_before(month: int, day: int, published: dt.date) -> dt.date | None:
    """The month/day (no year given) that falls on or before publication."""
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= published:
            return candidate
    return None


def _weekday(m: re.Match, published: dt.date) -> tuple[dt.date, int] | None:
    target = WEEKDAYS.index(m.group("weekday").lower())
    back = (published.weekday() - target) % 7
    if m.group("last") and back == 0:
        back = 7
    return published - dt.timedelta(days=back), 1


def _day_month_year(m: re.Match, published: dt.date) -> tuple[dt.date, int] | None:
    month = _month_number(m.group("month"))
    day = int(m.group("day"))
    if m.group("year"):
        try:
            return dt.date(int(m.group("year")), month, day), 1
        except ValueError:
            return None
    found = _latest_before(month, day, published)
    return (found, 1) if found else None


def _iso(m: re.Match, published: dt.date) -> tuple[dt.date, int] | None:
    try:
        return dt.date(int(m.group("year")), int(m.group("m")), int(m.group("d"))), 1
    except ValueError:
        return None


def _month_part(m: re.Match, published: dt.date) -> tuple[dt.date, int] | None:
    month = _month_number(m.group("month"))
    part = (m.group("part") or "").lower()
    year = int(m.group("year")) if m.group("year") else None
    if year is None:
        year = published.year if month <= published.month else published.year - 1
    last_day = calendar.monthrange(year, month)[1]
    day = {"early": 5, "mid": 15, "middle": 15, "late": min(25, last_day), "end": last_day}.get(part, 15)
    return dt.date(year, month, day), 2 if part else 3


def _relative_day(days_back: int) -> Callable[[re.Match, dt.date], tuple[dt.date, int]]:
    return lambda m, published: (published - dt.timedelta(days=days_back), 1)


def _days_ago(m: re.Match, published: dt.date) -> tuple[dt.date, int] | None:
    n = _small_number(m.group("n"))
    if n is None or n > 60:
        return None
    return published - dt.timedelta(days=n), 1 if n <= 3 else 2


def _this_week(m: re.Match, published: dt.date) -> tuple[dt.date, int]:
    return published - dt.timedelta(days=min(published.weekday(), 3)), 2


def _last_week(m: re.Match, published: dt.date) -> tuple[dt.date, int]:
    return published - dt.timedelta(days=7), 2


def _this_month(m: re.Match, published: dt.date) -> tuple[dt.date, int]:
    return published.replace(day=max(1, min(published.day, 15))), 3


def _last_month(m: re.Match, published: dt.date) -> tuple[dt.date, int]:
    first = published.replace(day=1)
    previous = first - dt.timedelta(days=1)
    return previous.replace(day=15), 3


def _a_year(m: re.Match, published: dt.date) -> tuple[dt.date, int] | None:
    """"last year", "two years ago", "in 2014": a year before the report's, told as background (see find_dates)."""
    if m.group("year"):
        year = int(m.group("year"))
    else:
        back = _small_number(m.group("n")) if m.group("n") else 1
        year = published.year - (back or 1)
    return (dt.date(year, 7, 1), 3) if year < published.year else None


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "a": 1, "a couple of": 2, "a few": 3, "several": 3}


def _small_number(token: str) -> int | None:
    token = token.lower()
    return int(token) if token.isdigit() else _NUMBER_WORDS.get(token)


# (name, pattern, resolver). Order matters: longer, more specific patterns first.
RULES: list[tuple[str, re.Pattern, Callable]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    ("day month year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I), _day_month_year),
    ("month day year", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.I), _day_month_year),
    ("month part", re.compile(rf"\b(?:(?P<part>early|mid|middle|late|end)[\s-]+(?:of\s+)?)?{_MONTH}(?:\s+{_YEAR})?\b", re.I), _month_part),
    ("weekday", re.compile(rf"\b(?P<last>last\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b", re.I), _weekday),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night)\b", re.I), _relative_day(1)),
    ("day before yesterday", re.compile(r"\bthe\s+day\s+before\s+yesterday\b", re.I), _relative_day(2)),
    ("today", re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today|overnight)\b", re.I), _relative_day(0)),
    ("days ago", re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few|several)\s+days?\s+ago\b", re.I), _days_ago),
    ("this week", re.compile(r"\b(?:(?:earlier\s+)?this\s+week|earlier\s+in\s+the\s+week)\b", re.I), _this_week),
    ("last week", re.compile(r"\blast\s+week\b", re.I), _last_week),
    ("this month", re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.I), _this_month),
    ("last month", re.compile(r"\blast\s+month\b", re.I), _last_month),
    # A year gone by is background in a news report, never the day of its news ("Last year, 100 people were killed").
    ("a year", re.compile(r"\b(?:(?:last|past|previous)\s+year|(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|"
                          r"a\s+few|several)\s+years\s+ago|(?:in|of|since)\s+(?P<year>(?:19|20)\d\d))\b", re.I), _a_year),
]

# Each rule's pattern, skipped for sentences without a word it needs (a month name, "ago" …).
_GATED_RULES = [GatedPattern(pattern) for _, pattern, _ in RULES]

# "may" is a month and a modal verb: only a month when a day or year sits beside it.
_BARE_MAY = re.compile(r"^may$", re.I)


def find_dates(sentence: str, published: dt.date) -> list[DateMention]:
    """Every time expression in the sentence, resolved, in text order; overlaps go to the earlier rule."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    text = LoweredText(sentence)
    for (name, _, resolve), pattern in zip(RULES, _GATED_RULES):
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            if name == "month part" and not m.group("part") and not m.group("year") and _BARE_MAY.match(m.group(0).strip()):
                continue
            if name == "month part" and not m.group("part") and not m.group("year") and not re.match(
                r".*\b(?:in|during|early|late|since|of|by)\s*$", sentence[: m.start()], re.I | re.S
            ):
                continue  # a bare month name needs "in March" to be a date
            answer = resolve(m, published)
            if answer is None:
                continue
            day, precision = answer
            before = sentence[: m.start()]
            history = bool(_HISTORY_BEFORE.search(before) or _SINCE_CLAUSE.search(before))
            this_month = precision == 3 and (day.year, day.month) == (published.year, published.month)
            if (day > published + dt.timedelta(days=1) and not this_month) or name == "a year":
                history = True  # a future date is a plan, not an event; a year gone by is background
            if day < published - _STALE_AFTER and _background(sentence, m.start(), m.end()):
                history = True  # an old event recalled, not the one reported
            taken.append((m.start(), m.end()))
            found.append(DateMention(_clamp(day, published), precision, m.start(), m.end(), name, history))
    return sorted(found, key=lambda d: d.start)


def event_date(sentence: str, published: dt.date, *, skip_until: int = 0) -> DateMention | None:
    """The sentence's event date: its first time expression that is not history (nor one that starts before
    `skip_until`, such as the report's dateline), and not the day someone spoke when another date is told
    ("residents said on Thursday that gunmen killed 20 farmers on Wednesday": Wednesday). A speech date alone is
    returned marked `said`: the event may have happened before it."""
    dates = [m for m in find_dates(sentence, published) if not m.history and m.start >= skip_until]
    overnight = [m for m in dates if sentence[m.start:m.end].lower() == "overnight"]
    if len(dates) > 1 and overnight:
        # "an overnight attack …, officials said on Wednesday": the night before the day spoken of, not before the
        # report's publication; dated to the day spoken of, which the night ran into.
        dates = [m for m in dates if m not in overnight]
    spoken = [m for m in dates if _SAID_BEFORE.search(sentence[: m.start])]
    told = [m for m in dates if m not in spoken]
    if told:
        return told[0]
    return replace(spoken[0], said=not overnight) if spoken else None


# "said on Thursday", "told Reuters on Monday", "announced on Friday": when someone spoke, not when it happened.
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told\s+(?:[A-Z][\w.]*\s*){0,2}|reported|announced|confirmed|added|stated|claimed|reporters)\s+(?:on\s+)?$")


# What may stand before the date a report opens with: "Date of publication 9 August 2016",
# "Posted on April 2 2017", "Published: July 12 2016", "Wed 05 Apr 2017", "Updated 3 May 2018 14:05".
_DATELINE_LABEL = re.compile(
    r"\W*(?:(?:date of publication|published|posted|last updated|updated|first published)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?", re.I)
# A wire report's headline, then its agency and date: "Motorbike bomber kills 16 in Hasakeh AFP Tuesday 5 Jul 2016".
_WIRE_DATELINE = re.compile(
    r"\b(?:AFP|Reuters|AP|DPA|Anadolu(?: Agency)?|SANA|NNA|TASS|Sputnik|Xinhua)\s*[-,|]?\s*"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*)?")


# A wire report's dateline: the city in capitals, maybe its country or state and the date, then the agency and a
# dash, or a colon ("LAGOS, May 11 (Reuters) -", "MAIDUGURI, Nigeria (Reuters) -", "ISLAMABAD: Gunmen …").
# places.py reads the city as a vote for the report's country; dateline_end skips the date it carries.
CITY_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.-]{2,}(?:[ -][A-Z][A-Z'’.-]+)*)(?:,\s*(?P<where>[A-Z][A-Za-z .'-]{2,40}?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*(?:(?P<agency>\([A-Z][\w.& ]{1,30}\))\s*[-–—:]|:\s)")


def dateline_end(text: str, published: dt.date) -> int:
    """Where the dateline a report opens with ends (0 when it has none): the report's own
    publication date, which dates no incident ("9 Aug 2016 Five people were killed on Monday …")."""
    city = CITY_DATELINE.match(text)
    if city and city.group("date") and city.group("agency"):
        return city.end()
    head = text[:160]
    starts = [m.end() for m in _WIRE_DATELINE.finditer(head)]
    label = _DATELINE_LABEL.match(head)
    if label.end() <= 60:
        starts.insert(0, label.end())
    for start in starts:
        for mention in find_dates(head[start: start + 32], published):
            if mention.start == 0 and mention.precision == 1 and mention.rule in ("iso", "day month year", "month day year"):
                return start + mention.end
            break
    return 0
