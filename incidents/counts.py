"""Stage 4: how many were killed or injured, from digits and words.

"at least 15 civilians" gives 15; "nine people" gives 9; vague plurals follow
ACLED's coding conventions ("dozens" 12, "hundreds" 100, "several"/"multiple"/
"many" 10, "a few" 3). Numbers that do not count victims (150 airstrikes, the
sixth attack, 30 km) are ignored because they must sit next to a death or
injury word.
"""
from __future__ import annotations

import re

from incidents.text import GatedPattern, LoweredText

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_VAGUE = {
    "a dozen": 12, "dozens": 12, "dozens of": 12, "scores": 20, "scores of": 20, "hundreds": 100,
    "hundreds of": 100, "several": 10, "multiple": 10, "many": 10, "numerous": 10, "a few": 3, "some": 10,
}

_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|a dozen|dozens(?: of)?|scores(?: of)?|hundreds(?: of)?|several|multiple|many|numerous|a few)"
)
_QUALIFIER = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated|roughly)\s+)?"
# A word between a number and the victims it counts ("15 Syrian civilians"), never another number or
# qualifier: in "1 September 2016 At least 25 civilians" the year counts nobody.
_FILLER = r"(?!(?:\d|least\b|than\b|were\b|was\b|are\b|is\b|them\b|injured\b|wounded\b|killed\b|dead\b|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b))[\w-]+\s+"
_VICTIMS = (
    rf"(?:\s+(?:{_FILLER}|\([^()]{{1,30}}\)\s+){{0,3}}?(?:people|persons?|civilians?|citizens|martyrs|children|child|women|woman|men|man|soldiers?|troops|"
    r"fighters?|militants?|rebels?|members?|policem[ae]n|police officers?|officers?|guards?|protesters?|demonstrators?|"
    r"villagers?|residents?|worshippers?|students?|passengers?|others|insurgents?|terrorists?|jihadists?|combatants?|"
    r"personnel|servicem[ae]n|staff|volunteers|medics|doctors|nurses|journalists|reporters|family|relatives|pilots?|workers?|farmers?|miners?|shoppers?|migrants?|refugees?|"
    r"bodies|victims?|separatists?|suspects?|gang members?|assailants?|attackers?|gunmen|elders?|leaders?|commanders?)\b)?"
)
# Who the victims were, told between them and the verb: "15 people including six children were killed",
# "13 civilians among them seven children died".
_APPOSITIVE = (r"(?:\s+(?:including|among them|most of them|mostly|among whom)\s+(?:(?!\b(?:were|was|have|had|are)\b)[^.,;]){1,40}?"
               r"(?=\s+(?:were|was|have|had|are|died|killed|dead|perished)\b)|\s+-\s+[^.;-]{1,40}?\s+-|\s+\([^()]{1,40}\))?")

_DEATH = (r"(?:killed|dead|died|slain|executed|massacred|murdered|assassinated|shot dead|lost their lives|perished|"
          r"deaths|fatalities|bodies|(?:stabbed|beaten|burned|hacked|shot) to death)")
_INJURY = r"(?:injured|wounded|hurt|injuries|maimed)"
_INJURY_WORDS = r"injured|wounded|hurt|injuries|maimed"


# A word between the victims and the verb, never a number or another toll's verb ("2 killed 8 injured").
_GAP = r"(?!\d|killed\b|dead\b|injured\b|wounded\b)\w+\s+"


def _patterns(verb: str, active: str) -> list[GatedPattern]:
    patterns = [
        # "killing at least 15 civilians", "injured at least nine people"
        # (a headline's "2 killed 8 injured": the number after "killed" counts the injured)
        re.compile(rf"\b(?:{active})\s+{_QUALIFIER}(?P<n>{_NUMBER}){_VICTIMS}(?!(?:\s+[\w-]+)?\s+(?:others?\s+|more\s+)?(?:{_INJURY_WORDS})\b(?!\s+{_NUMBER}\b))", re.I),
        # "at least 15 civilians were killed", "nine people injured", "15 dead"
        # (never "abducted by four men and stabbed to death": the people after "by" are not victims)
        re.compile(rf"(?<!\bby )\b{_QUALIFIER}(?P<n>{_NUMBER}){_VICTIMS}{_APPOSITIVE}(?:\s*,[^,.]{{1,40}},)?\s+(?:{_GAP}){{0,2}}?(?:were|was|have been|had been|are|being|got|reportedly)?\s*(?:{_GAP})?(?:rounded up and\s+)?{verb}", re.I),
    ]
    return [GatedPattern(p) for p in patterns]


_DEATH_PATTERNS = _patterns(_DEATH, r"killed|killing|kills|kill|claimed the lives of|executed|massacred|assassinated|murdered|"
                                    r"shot dead|shooting dead|gunned down|shot and killed|"
                                    r"(?:(?<=led to the )|(?<=caused the )|(?<=resulted in the ))(?:killing|death) of")
_DEATH_PATTERNS.append(
    # "the death toll rose to 21", "a toll of 12 dead", "the death toll from the blast on a bus convoy
    # outside Aleppo reached at least 112"
    GatedPattern(re.compile(
        rf"\b(?:death toll|toll)\b[^.;]{{0,90}}?\b(?:to|of|at|reached|is|was|hit)\s+{_QUALIFIER}(?P<n>{_NUMBER})", re.I))
)
_DEATH_PATTERNS.append(
    # "police found the bodies of six men dumped along a highway"
    GatedPattern(re.compile(rf"\b(?:bodies|corpses|remains) of\s+{_QUALIFIER}(?P<n>{_NUMBER}){_VICTIMS}", re.I))
)
# Two groups of dead told together are added up: "killing nine children and 14 others",
# "five children and four medical staff were killed" (but "killed 5 and wounded 12" is two counts).
_VICTIMS_NAMED = _VICTIMS[:-1]  # the victims' noun required, not optional
_DEATH_SUMS = [GatedPattern(re.compile(p, re.I)) for p in (
    rf"\b(?:killed|killing|kills|claimed the lives of)\s+{_QUALIFIER}(?P<n>{_NUMBER}|an?){_VICTIMS_NAMED}\s+and\s+"
    rf"(?P<m>{_NUMBER}|an?){_VICTIMS_NAMED}",
    rf"(?<!\bby )\b{_QUALIFIER}(?P<n>{_NUMBER}|an?){_VICTIMS_NAMED}\s+and\s+(?P<m>{_NUMBER}|an?){_VICTIMS_NAMED}\s+"
    rf"(?:were|have been|had been)?\s*(?:killed|died|dead|perished|executed)\b",
)]
_INJURY_PATTERNS = _patterns(_INJURY, r"injured|injuring|wounded|wounding|hurt|hurting|injures|wounds")
# One person dead without a number: "a pilot was killed", "blew himself up", "killing a soldier".
_SINGLE_DEATH = GatedPattern(re.compile(
    r"\b(?:blew (?:himself|herself) up|killed (?:himself|herself)|"
    r"(?:a|an|one)\s+(?:[\w-]+\s+){0,3}(?:was|has been)\s+(?:[\w-]+\s+)?(?:shot dead|killed|murdered|assassinated|(?:stabbed|beaten|burned|hacked|shot) to death|found dead)|"
    r"(?:killing|killed|assassinated|murdered|shot and killed|shot dead|gunned down|stabbed to death|beat to death) (?:the|a|an|one) [\w-]+|"
    r"(?:the|a|an) (?:[\w-]+ ){0,2}(?:died|was found dead)|(?:stabbed|beaten|hacked) to death|(?:the )?(?:dead )?body of (?:a|an|the) [\w-]+|decapitated|beheaded)\b",
    re.I,
))
# ACLED's notes state their own coding: "1 fatality.", "Fatalities coded as 0 (VoJ reported 2)".
_CODED_FATALITIES = GatedPattern(re.compile(
    rf"\bfatalities (?:were )?coded as (?P<coded>\d+)\b|\b(?P<n>{_NUMBER}|no) fatalit(?:y|ies)(?: (?:were |was )?(?:reported|coded))?\b(?!\s+(?:were|was) (?:not|un))",
    re.I,
))
_NO_VICTIMS = GatedPattern(re.compile(r"\b(?:no(?:\s+one|body)\s+(?:was|were)\s+(?:hurt|harmed|injured|killed|wounded)|no casualties|without casualties|no one was hurt)\b", re.I))
_NO_DEATHS = GatedPattern(re.compile(r"\bno (?:deaths|fatalities|one was killed)\b", re.I))


def to_number(token: str) -> int | None:
    """'15' -> 15, 'nine' -> 9, 'twenty-one' -> 21, 'dozens' -> 12 (ACLED's convention)."""
    word = token.lower().strip()
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))
    if word in _VAGUE:
        return _VAGUE[word]
    if word in _UNITS:
        return _UNITS[word]
    parts = re.split(r"[- ]", word)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


# A year is not a count: "on 1 September 2016 killed", "in March 2016 the attack killed", "since 2011 …".
_BEFORE_YEAR = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?|"
    r"\b(?:in|since|of|year|until|by|from|during|the)\s+|\b[0-3]?\d[-./][01]?\d[-./])$", re.I)  # ("the 2015 attacks")


_MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$", re.I)
_YEAR_AFTER = re.compile(r"(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


def _is_year(m: re.Match) -> bool:
    """A year or a day of a date, not a count: "May 2016 …", "17-05-2016 …", "22 July …"."""
    token = m.group("n")
    if token.isdigit() and len(token) <= 2 and (_MONTH_AFTER.match(m.string, m.end("n")) or (
            _MONTH_BEFORE.search(m.string, max(0, m.start("n") - 12), m.start("n"))
            and _YEAR_AFTER.match(m.string, m.end("n")))):
        return True
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2099 and \
        bool(_BEFORE_YEAR.search(m.string, max(0, m.start("n") - 20), m.start("n")))


def _matches(pattern: GatedPattern, text: LoweredText):
    """The pattern's matches, a date's year or day skipped so that the count after it is still read
    ("17-05-2016 52 dead": not 2016, and 52 is found past it)."""
    if not pattern.could_match(text):
        return
    position = 0
    while (m := pattern.regex.search(text.original, position)) is not None:
        if _is_year(m):
            position = m.end("n")
            continue
        yield m
        position = max(m.end(), position + 1)


def _largest(patterns: list[GatedPattern], text: LoweredText) -> int | None:
    values = []
    for pattern in patterns:
        for m in _matches(pattern, text):
            value = to_number(m.group("n"))
            if value is not None and value < 100_000:
                values.append(value)
    return max(values) if values else None


def _sums(text: LoweredText) -> int | None:
    values = []
    for pattern in _DEATH_SUMS:
        for m in _matches(pattern, text):
            a, b = to_number(m.group("n")), to_number(m.group("m"))
            if a is not None and b is not None and a + b < 100_000:
                values.append(a + b)
    return max(values) if values else None


def fatalities(sentence: str) -> int | None:
    """Deaths the sentence reports, or None when it gives none."""
    text = LoweredText(sentence)
    coded = _CODED_FATALITIES.search(text)
    if coded:
        value = coded.group("coded") or coded.group("n")
        return 0 if value.lower() == "no" else to_number(value)
    if _NO_VICTIMS.search(text) or _NO_DEATHS.search(text):
        return 0
    found = _largest(_DEATH_PATTERNS, text)
    summed = _sums(text)  # ("three suspected militants and a soldier were killed": two groups of dead, one toll)
    if summed is not None:
        found = max(found or 0, summed)
    if found is None and _SINGLE_DEATH.search(text):
        return 1
    return found


def injuries(sentence: str) -> int | None:
    """Injuries the sentence reports, or None when it gives none."""
    text = LoweredText(sentence)
    if _NO_VICTIMS.search(text):
        return 0
    return _largest(_INJURY_PATTERNS, text)
