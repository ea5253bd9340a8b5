"""Name keys: one spelling-independent string per place name.

News copy, GeoNames and analysts spell the same place many ways
("Ma'arrat an-Nu'man", "Ma‘arrat an Nu‘mān", "MAARRAT AN NUMAN"). Every name
is reduced to a key before it is stored or looked up, so matching is a plain
equality test on keys, which an index answers in microseconds.

Three strengths exist:

* `name_key`: case, diacritics, script (via anyascii), apostrophes and
  ayn/hamza marks, hyphens and punctuation. Two keys that differ really are
  different spellings.
* `loose_key`: additionally forgives the transliteration habits that differ
  between sources for Arabic names (doubled letters, "ou" for "u", final
  "-ah"/"-eh", the article "al-" in its assimilated forms). It is only used
  as a second try when no exact key matched.
* `translit_key`: the second try for places in countries whose names reach
  English through transliteration (Arabic, Persian, Turkish, Russian,
  Ukrainian...): on top of `loose_key`, e/i, o/u, y/i, q/k, kh/h, gh/g, dh/d,
  th/t, ch/sh/s, dj/j, zh/j, the diphthongs ay/ai/ei and aw/au, and spaces
  are forgiven.

The third try, a bounded fuzzy match, compares `fuzzy_form`s (the
transliteration key, or the loose key without spaces) through their
deletion neighbourhoods (SymSpell's idea): two forms are candidates when one
letter deleted from each (or from one) makes them equal, which finds one
substitution, insertion, deletion or swap of neighbours, and some pairs of
edits; `fuzzy_distance` says how far apart such a pair really is.
"""
from __future__ import annotations

import re
import unicodedata
import zlib

from anyascii import anyascii

__all__ = [
    "ADM1",
    "ADM2",
    "ARTICLES",
    "FUZZY_MIN_LENGTH",
    "PPL",
    "deletions",
    "first_vowel_variant",
    "fuzzy_bound",
    "fuzzy_distance",
    "fuzzy_edits",
    "fuzzy_form",
    "fuzzy_hash",
    "is_article",
    "loose_key",
    "name_key",
    "split_level",
    "strip_article",
    "translit_key",
]

# Levels a query can ask for with a suffix or prefix word.
PPL, ADM2, ADM1 = "PPL", "ADM2", "ADM1"

# Apostrophes, ayn/hamza marks, primes and backticks carry no letter: they are
# dropped so "Ma'arrat", "Ma‘arrat", "Maʿarrat" and "Maarrat" meet. anyascii
# turns all of them into ' or `, so dropping those two after transliteration
# covers every variant; any other punctuation separates words.
_ASCII_KEY = str.maketrans(
    {chr(i): " " for i in range(128) if not chr(i).isalnum()} | {"'": None, "`": None}
)
# NFKC would turn a lone acute accent used as an apostrophe into a space.
_PRE_DROP = str.maketrans("", "", "´")


class _AsciiTable(dict):
    """Code point -> its ASCII letters, for str.translate: anyascii one code point at a time (which is
    what anyascii does), each looked up once, so a name is converted in C rather than by anyascii's
    loop in Python (a fifth of the names looked up, and most of the build's, are not ASCII)."""

    def __missing__(self, codepoint: int) -> str:
        self[codepoint] = text = anyascii(chr(codepoint))
        return text


_TO_ASCII = _AsciiTable((i, i) for i in range(128))


def name_key(text: str | None) -> str:
    """Return the matching key of a name: lower-case ASCII words, single-spaced.

    Empty or punctuation-only input gives "" (which matches nothing).
    """
    if not text:
        return ""
    if text.isascii():
        # Fast paths (most names): letters only, or words of letters and
        # digits single-spaced, need nothing but lower-casing.
        text = text.lower()
        if text.isalpha() or (
            text.replace(" ", "").isalnum() and text[0] != " " and text[-1] != " " and "  " not in text
        ):
            return text
    else:
        text = unicodedata.normalize("NFKC", text.translate(_PRE_DROP)).translate(_TO_ASCII).lower()
    return " ".join(text.translate(_ASCII_KEY).split())


# The Arabic article as transliterations write it, assimilated or not
# ("ash-Sham", "ar-Raqqah", "ad-Dana", "el-Bab", "ez-Zor").
ARTICLES = _ARTICLES = frozenset(
    "al el il ul an en ar er as es ash esh ad ed at et az ez ath adh".split()
)
_DOUBLE = re.compile(r"([a-z])\1+")
_FINAL_AH = re.compile(r"(?<=[a-z]{2})[ae]h\b")  # ta marbuta: Raqqah/Raqqa
# Letters and pairs that transliteration schemes (English, French, German,
# Turkish, ALA-LC, BGN/PCGN) write differently for the same sound, each
# mapped to one of them: French "dj"/"ch"/"ou" (Djerablous, Chaddadi,
# Zaouia), Arabic kh/gh/q/dh/th for ḫ ġ q ḏ ṯ, the diphthongs ay/ai/ei and
# aw/au/o (Dayr/Deir, Zawr/Zor), e/i and o/u (Edlib, Nouman), y/i
# (Kyiv/Kiev, Yabroud/Iabrud), zh/j (Zaporizhzhia). Longest first at each position.
_SOUNDS = {
    "dj": "j", "zh": "j", "kh": "h", "gh": "g", "ph": "f", "dh": "d", "th": "t", "ch": "s", "sh": "s",
    "ck": "k", "ou": "u", "aw": "u", "au": "u", "ay": "i", "ai": "i", "ey": "i", "ei": "i",
    "q": "k", "e": "i", "o": "u", "y": "i",
}
_SOUND = re.compile("|".join(sorted(_SOUNDS, key=len, reverse=True)))


def is_article(key: str) -> bool:
    """Whether a key is an Arabic article alone ("al", "el", "ad"): in news copy, never a place ("Al Shabaab")."""
    return key in _ARTICLES


def strip_article(key: str) -> str:
    """Drop a leading Arabic article from a key ("ar raqqah" -> "raqqah")."""
    head, _, rest = key.partition(" ")
    return rest if rest and head in _ARTICLES else key


def _articles(key: str) -> str:
    """Drop a leading article and write the inner ones "al" ("deir ez zor" -> "deir al zor")."""
    if " " in key:
        words = key.split()
        if words[0] in _ARTICLES:
            del words[0]
        if len(words) > 1 and not _ARTICLES.isdisjoint(words[:-1]):
            words = ["al" if w in _ARTICLES else w for w in words[:-1]] + words[-1:]
        key = " ".join(words)
    return key


def loose_key(key: str) -> str:
    """Return the forgiving form of a key (see the module docstring).

    "maarat al numan" and "maarrat an numan" both become "marat al numan";
    "raqqa", "raqqah" and "ar raqqah" all become "raqa". Written for speed:
    the build runs it on a million keys, and most come back unchanged.
    """
    key = _articles(key)
    if "ou" in key:
        key = key.replace("ou", "u")
    if _DOUBLE.search(key):
        key = _DOUBLE.sub(r"\1", key)
    if "h" in key:
        key = _FINAL_AH.sub("a", key)
    return key


def translit_key(key: str) -> str:
    """Return the transliteration-blind form of a key (see the module docstring).

    Beyond `loose_key`, the letters in _SOUNDS are merged and the words run
    together, so "Deir ez-Zor", "Dayr az Zawr" and "Deir al-Zor" all become
    "diralzur", "Sheikh Maqsoud" and "Shaykh Maqsud" "sihmaksud", "Kyiv" and
    "Kiev" "kiv", and a "w" closing a word after "aw"/"ou" goes ("Talldaww"
    and "Taldou" give "taldu"). It merges much (English "Ghouta" meets German
    "Gotha"), so the build gives it only to places where transliteration is
    the norm (geo.facts.TRANSLITERATED), and it is tried only when no exact
    key matched.
    """
    key = _articles(key)
    if "h" in key:
        key = _FINAL_AH.sub("a", key)
    key = _SOUND.sub(_sound, key)
    key = _DOUBLE.sub(r"\1", key)
    if "uw" in key:
        key = _FINAL_UW.sub("u", key)
    return key.replace(" ", "")


# After _SOUNDS: "uw" closing a word is "u" (ALA-LC's doubled w, "Daww").
_FINAL_UW = re.compile(r"uw\b")


def first_vowel_variant(form: str) -> str | None:
    """A transliteration form with its first letter swapped a <-> i, or None when it starts otherwise.

    An Arabic name's first vowel is often an ayn or hamza that each scheme
    voices its own way ("Arbin", "Irbin" and "Erbin" for ‘Irbīn; e is
    already i in these forms). Merged everywhere it found villages in
    ordinary words and people's names ("Iftar", "Aamir Khan"), so the
    gazetteer tries it last, and only among the places of the country named.
    """
    head = form[:1]
    if head == "a":
        return "i" + form[1:]
    if head == "i":
        return "a" + form[1:]
    return None


def _sound(match: re.Match) -> str:
    return _SOUNDS[match.group()]


# Words that, at the end of a name, say which administrative level is meant.
_SUFFIX_LEVEL = {
    "governorate": ADM1, "governate": ADM1, "province": ADM1, "oblast": ADM1,
    "region": ADM1, "state": ADM1, "wilayah": ADM1, "wilaya": ADM1,
    "vilayet": ADM1, "muhafazah": ADM1, "prefecture": ADM1, "krai": ADM1,
    "kray": ADM1,
    # "parish": Louisiana's counties ("Avoyelles Parish"); "co": news copy's "Platte Co."
    "district": ADM2, "raion": ADM2, "rayon": ADM2, "county": ADM2, "parish": ADM2, "co": ADM2,
    "qada": ADM2, "qadaa": ADM2, "kaza": ADM2, "mantiqa": ADM2,
    "city": PPL, "town": PPL, "village": PPL, "hamlet": PPL, "suburb": PPL,
    "neighbourhood": PPL, "neighborhood": PPL,
}
# Longest first, so "the town of" is tried before "town of".
_PREFIX_LEVEL = sorted(
    (
        (f"{the}{word} of ", level)
        for the in ("the ", "")
        for word, level in _SUFFIX_LEVEL.items()
    ),
    key=lambda item: -len(item[0]),
)


def split_level(key: str) -> tuple[str, str | None]:
    """Split a level word off a key: ("idlib province") -> ("idlib", "ADM1").

    Understands suffixes ("X district", "X governorate", "X city") and
    prefixes ("the town of X", "province of X"). A key without such a word,
    or made only of it, comes back unchanged with level None.
    """
    if " of " in key:
        for prefix, level in _PREFIX_LEVEL:
            if key.startswith(prefix) and len(key) > len(prefix):
                return key[len(prefix):], level
    head, sep, last = key.rpartition(" ")
    if sep and head and last in _SUFFIX_LEVEL:
        # "urban raion", "sub district" and the like: drop the qualifier too.
        head = re.sub(r" (urban|sub|municipal)$", "", head)
        return head, _SUFFIX_LEVEL[last]
    return key, None


# --- the fuzzy stage's keys ---

# Forms shorter than this are never matched fuzzily: one edit away from a
# four-letter name lie dozens of ordinary words and other names.
FUZZY_MIN_LENGTH = 5
# From this length on, two edits are allowed (one below it).
FUZZY_LONG = 8


def fuzzy_form(key: str, *, transliterated: bool) -> str:
    """The form fuzzy matching compares: `translit_key` where names are transliterated, else loose, unspaced."""
    return translit_key(key) if transliterated else loose_key(key).replace(" ", "")


def fuzzy_bound(form: str) -> int:
    """How many edits a form may be from the query's: 1 when short, else 2.

    0 (never fuzzy) when too short or when it has digits: "Province 4" or
    "Sector 12" are one edit from a plain word or from each other.
    """
    n = len(form)
    if n < FUZZY_MIN_LENGTH or not form.isalpha():
        return 0
    return 1 if n < FUZZY_LONG else 2


def deletions(form: str) -> set[str]:
    """The form and every form with one letter deleted."""
    return {form, *(form[:i] + form[i + 1:] for i in range(len(form)))}


def fuzzy_hash(partition: str, text: str) -> int:
    """A stable 32-bit key for a deletion within a partition (a country code, or "" for well-known places).

    Stored instead of the text: it keeps the index small, and every candidate
    is checked with `fuzzy_distance`, so a rare collision costs nothing.
    """
    return zlib.crc32(f"{partition}:{text}".encode())


def fuzzy_distance(a: str, b: str) -> int | None:
    """Edits between two forms whose deletion neighbourhoods meet: 0, 1 or 2; None when they do not meet.

    One substitution, insertion, deletion or swap of neighbours is 1; a
    deletion and an insertion at different places is 2.
    """
    if a == b:
        return 0
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) == 1:
        return 1 if a in deletions(b) else None
    if len(a) != len(b):
        return None
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 1:
        return 1
    i = diff[0]
    if len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]:
        return 1
    return 2 if deletions(a) & deletions(b) else None


_VOWELS = frozenset("aeiouy")


def fuzzy_edits(query: str, form: str) -> int | None:
    """Edits between a query's form and an indexed form when close enough to count as a match, else None.

    Both must allow the edits (`fuzzy_bound`), and they must begin alike (the
    same letter, or two vowels: "Arbin" and "Irbin"): typing and
    transliteration slips rarely touch a first consonant, while ordinary words
    one letter from a village mostly differ there ("Putin" and Khotyn,
    "Nusra" and Busra, both "hutin"/"nusra" against "busra" as forms).
    """
    if not (query[:1] == form[:1] or (query[:1] in _VOWELS and form[:1] in _VOWELS)):
        return None
    edits = fuzzy_distance(query, form)
    if not edits or edits > min(fuzzy_bound(query), fuzzy_bound(form)):
        return None
    return edits
