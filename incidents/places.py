"""Stage 6: where — place-name mentions in a sentence, resolved through `geo/`.

Only mentions that can be the scene of an incident are kept: "over the town of
Maasran", "in Idlib province", "near Saraqeb" (precision 2). People's names
after a title ("Maj. Roman Filipov"), speakers ("Moscow said") and origins
("a pilot from Voronezh") are not scenes. The article's country focus and the
provinces it names are passed to the gazetteer as context.
"""
from __future__ import annotations

import inspect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from difflib import SequenceMatcher
from typing import Protocol

from geo.facts import TRANSLITERATED as _TRANSLITERATED  # countries whose names reach English transliterated
from incidents.actors import group_countries, is_actor_name
from incidents.dates import CITY_DATELINE
from incidents.merge import km_between

# Lower-case words inside a place name: Arabic articles and a few European particles.
_CONNECTOR = r"(?:al|an|ash|wa|ad|as|ar|at|az|el|en|ed|es|er|et|ez|bin|ibn|bani|beni|de|del|la|le|du|des|da|do|das|dos|di|van|von)"
_WORD = r"[A-Z][\w'’‘`ʿʾ.-]*[\w'’‘`ʿʾ]|[A-Z]"
_ADMIN_SUFFIX = r"(?:province|governorate|region|district|state|oblast|county|prefecture|department|countryside|area|city|town|village)"
# Arabic names often keep their article in lower case: "al-Bab", "ar-Raqqah", "el-Arish".
# ("al Bab": the article that is no English word may be followed by a space.)
# ("el Hermel", "ech Choueifat": Lebanese copy writes the article apart, in lower case.)
_ARTICLE_PREFIX = r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ad)-|\b(?:al|el|ech)\s+(?=[A-Z]))?"
_NAME = re.compile(
    rf"(?P<name>{_ARTICLE_PREFIX}(?:{_WORD})(?:(?:\s+|-)(?:{_CONNECTOR}(?:\s+|-)){{0,2}}(?:{_WORD}))*)(?P<suffix>\s+{_ADMIN_SUFFIX}\b)?"
)
_SCENE_BEFORE = re.compile(
    r"(?:\b(?:in|at|over|across|into|inside|on|throughout|around|within|targeting|targeted|hit|struck|bombed|shelled|attacked|pounded|stormed|captured|seized|recaptured|retook|entered|blew up|destroyed|of"
    # Headlines tell in the present: "warplanes target X", "the army shells X", "rebels seize X".
    r"|targets?|hits?|strikes?|shells?|bombs?|pounds?|attacks|storms?|captures?|seizes?|recaptures?|retakes?|enters?|raids?|raided"
    # "Explosion rocks Damascus", "a blast shook Harasta": what an explosion does to the place it is in.
    r"|rocks?|rocked|shakes?|shook"
    # "shelling Aleppo's neighbourhoods", "after bombing Saraqeb": the same verbs as nouns of action.
    r"|shelling|bombing|bombarding|pounding|striking|hitting|storming|raiding)\s+(?:the\s+)?"
    # "in southern Qalqiliyah", "in rural Damascus": a direction or a word for the outskirts before the name.
    r"(?:(?:north|south|east|west|central|rural|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western"
    # "in downtown Damascus", "in old Aleppo": the town's centre or old town is in it.
    r"|downtown|old)\s+)?"
    r"(?:(?:town|city|village|province|governorate|region|district|area|outskirts|countryside|suburb|neighbo(?:u)?rhood|camp)\s+of\s+)?(?:the\s+)?"
    r"(?:capital\s+)?)$",
    re.I,
)
_NEAR_BEFORE = re.compile(
    r"(?:\b(?:near|outside|close to|nearby|around|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+(?:of|outskirts of)|(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:from|of)|from|outskirts of|"
    r"(?:vicinity|surroundings|environs|entrance|edges?|gates?) (?:of|to))\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?(?:capital\s+)?)$",
    re.I,
)
_PERSON_BEFORE = re.compile(
    r"(?:^|\b)(?:Maj|Gen|Lt|Col|Capt|Sgt|Mr|Mrs|Ms|Dr|Prof|President|Minister|Prime|Commander|spokesman|spokeswoman|leader|pilot|chief|envoy|King|Prince|Sheikh|Pope)\.?\s+$"
)
# ("an airstrike in Damascus reportedly kills …": an adverb after the name is no speaker's verb.)
_SPEAKER_AFTER = re.compile(r"^\s*(?:said|says|told|announced|claimed|reported|stated|denied|accused|condemned|neglected|confirmed|added)\b", re.I)
_NOT_PLACES = {
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "but", "and", "as",
    "on", "in", "at", "more", "multiple", "barrel", "barrels", "armed", "reports", "related", "video", "photo",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
    # The Muslim fasting month and feasts, named as dates ("food aid for Ramadan"), never places (GeoNames has a
    # "Ramadan" among Turabah's alternate names).
    "ramadan", "ramzan", "eid", "muharram", "ashura",
    "mr", "mrs", "ms", "maj", "gen", "col", "lt", "capt", "sgt", "dr",
    "police", "army", "government", "regime", "rebels", "state", "states", "forces", "ministry",
    "defense", "defence", "media", "president", "minister", "officials", "united", "nations", "council",
    "white", "helmets", "red", "cross", "crescent", "reuters", "afp", "ap", "bbc", "cnn", "al jazeera",
    "long", "war", "journal", "business", "insider", "news", "times", "post", "islamic", "sunni", "shia",
    "muslim", "muslims", "christian", "kurdish", "arab", "western", "eastern", "northern", "southern",
    "central", "north", "south", "east", "west", "according", "after", "before", "during", "when", "while",
    "meanwhile", "also", "earlier", "later", "since", "some", "at least", "many", "several", "both", "most",
}


# People in a city large enough that a province named beside it never moves it abroad.
_LARGE_CITY = 250_000
# People in a city large enough to be written with its quarter after a dash ("Belgrade-Vracar").
_CITY_WITH_QUARTERS = 100_000
# Words for a second-level unit after its name, which gazetteers leave out.
_LOCAL_UNIT_AFTER = re.compile(
    r"\s+(?i:lga|district|municipality|township|sub-?district|subdivision|tehsil|upazila|commune|county)$")


class Geocoder(Protocol):
    """What extraction needs of a gazetteer (geo.Gazetteer provides it).

    Optional, used only where the geocoder's `geocode` accepts them (see `_accepts`): `fuzzy`
    and `admin1s` (the first-level units the article names, geo.Gazetteer's ranking lift);
    geo.online's geocoders take neither. `match` and `candidates` are used when present.
    """

    def geocode(self, query: str, *, country: str | None = None, admin1: str | None = None,
                near: list[tuple[float, float]] | None = None): ...

    def country(self, code_or_name: str): ...


_ACCEPTED: dict[type, frozenset[str] | None] = {}


def _accepts(geocoder, option: str) -> bool:
    """Whether the geocoder's `geocode` takes this keyword (any keyword, when it takes **kwargs)."""
    kind = type(geocoder)
    if kind not in _ACCEPTED:
        try:
            params = inspect.signature(geocoder.geocode).parameters.values()
        except (TypeError, ValueError):
            params = ()
        _ACCEPTED[kind] = None if any(p.kind is p.VAR_KEYWORD for p in params) else frozenset(p.name for p in params)
    accepted = _ACCEPTED[kind]
    return accepted is None or option in accepted


@dataclass(frozen=True)
class PlaceMention:
    text: str          # the name as written, with its admin suffix if any
    start: int
    end: int
    role: str          # "scene", "near" or "other"
    owner: str = ""    # for a name owned by another ("Syria's Azaz"), the owner's name
    joined: bool = False  # joined by "and" to the scene before it ("airstrikes on Idlib and Aleppo"), in its role


@dataclass(frozen=True)
class ResolvedPlace:
    mention: PlaceMention
    place: object      # geo.Place
    precision: int     # ACLED geo precision for this mention
    stand_in: bool = False  # the place is a unit named around the mention, not the mention itself


def find_mentions(sentence: str) -> list[PlaceMention]:
    """Capitalised names that may be places, with the role their context gives them."""
    mentions = []
    for m in _NAME.finditer(sentence):
        name, start = m.group("name").strip(".-'’"), m.start()
        # "In Lahore, traders protested": a capitalised preposition opens the sentence, not the name.
        lead = _LEADING_PREPOSITION.match(name)
        if lead:
            name, start = name[lead.end():], start + lead.end()
        # "Addis Ababa's Meskel Square": the owner is the place; but "Nigeria's Kaduna state" is
        # Kaduna state, an admin unit inside the owner.
        name = re.sub(r"['’]s$", "", name)  # "Aleppo's" at the end of the name: the owner is the place
        owner, *owned = re.split(r"['’]s\s+", name, maxsplit=1)
        possessive, name = owner != name, owner
        admin_suffix = (m.group("suffix") or "").strip().lower() in _ADMIN_UNITS
        if possessive and owned and admin_suffix and owned[0][:1].isupper():
            if owner.lower() not in _NOT_PLACES and not is_actor_name(owner):
                # "Beirut's Hamra district": the owner is where the unit lies, and votes for its country.
                mentions.append(PlaceMention(owner, start, start + len(owner), "near"))
            start = sentence.find(owned[0], start + len(owner))
            possessive, name = False, owned[0]
        if not name or name.lower() in _NOT_PLACES or _is_abbreviation(name) or is_actor_name(name):
            continue  # "AL and BNP", "HTS", "Al Shabaab": organisations, not places
        before, after = sentence[:start], sentence[m.end():]
        # "on the Syrian capital Damascus", "near Syrias second city Aleppo": the words before the title tell the role.
        titled_before = _TITLE_BEFORE.search(before)
        role_before = before[: titled_before.start()] if titled_before else before
        titled = _PERSON_BEFORE.match(name.split()[0] + " ")
        if titled and _SHEIKH.match(name) and (_SCENE_BEFORE.search(before) or _NEAR_BEFORE.search(before)):
            titled = None  # "airstrikes in Sheikh Zuweid", "near Sheikh Miskin": Arabic place names open with it too
        if _PERSON_BEFORE.search(before) or _SPEAKER_AFTER.match(after) or titled:
            continue  # "Maj. Roman Filipov", "President Ibrahim Boubacar Keïta", "Moscow said"
        suffix = "" if possessive else (m.group("suffix") or "").strip()
        text = f"{name} {suffix}".strip() if suffix.lower() in _ADMIN_UNITS else name
        end = start + len(text)
        unit_of = _UNIT_OF_BEFORE.search(before) if text == name else None
        if unit_of:
            # "the Mexican state of Guanajuato", "the province of Idlib": the unit, not its capital (the name's span
            # stays the name's)
            text, end = f"{name} {unit_of.group(1).lower()}", start + len(name)
        feature = _FEATURE_AFTER.match(sentence, start + len(name))
        if feature and not m.group("suffix") and not _ADMIN_CONTEXT.match(sentence[feature.start():]):
            # (a front told with the units it lies in is a place: "Al Wahabiyah frontline (As Sawadiyah, Al Bayda)")
            role = "other"  # "the Castello road", "the Ramouseh axis": a road or front named after a place elsewhere
            if re.match(r"\s+front(?:line)?s?\b", feature.group(0)) and _SCENE_BEFORE.search(before):
                role = "near"  # "fighting continued on the Hodeidah front": around the town the front is named after
        elif not m.group("suffix") and _THE_BEFORE.search(before) and _INSIDE_AFTER.match(sentence, start + len(name)):
            role = "other"  # "outside the Seray in Tripoli": a building or body inside the town that follows
        elif _QUARTER_AFTER.match(sentence, start + len(name)):
            role = "near"  # "in Wadi area of Vadodara city": a quarter of the town that follows, which is the scene
        elif _NEAR_BEFORE.search(role_before):
            role = "near"
        elif _SCENE_BEFORE.search(role_before):
            role = "scene"
        elif suffix:
            role = "scene"
            if mentions and mentions[-1].role == "other" and _CHAIN_GAP.match(sentence[mentions[-1].end:start]):
                # "Caripe, Monagas state": the name before the unit is the place in it.
                mentions[-1] = PlaceMention(mentions[-1].text, mentions[-1].start, mentions[-1].end, "scene")
        elif mentions and mentions[-1].role != "other" and _UNDER_GAP.match(sentence[mentions[-1].end:start]) \
                and _UNDER_UNIT_AFTER.match(sentence, start + len(name)):
            role = "near"  # "Kewata village under Dalsing Sarai police station (Samastipur, Bihar)"
        elif mentions and mentions[-1].role != "other" and _CHAIN_GAP.match(sentence[mentions[-1].end:start]):
            # "in Barangay Lawa, Calamba, Laguna", "in Naychin village, Urozgan": the names after the scene
            # say where it lies.
            role = "near"
        else:
            role = "other"
        joined = (role in ("other", "near", "scene") and bool(mentions) and mentions[-1].role in ("scene", "near")
                  and not mentions[-1].owner and not suffix and _AND_GAP.match(sentence[mentions[-1].end:start]) is not None)
        if joined:
            _join_list(sentence, mentions)
            # "in Hama and Aleppo countrysides", "airstrikes targeted Idlib and Aleppo": the second name is where
            # it happened too (ACLED and UCDP code one event in each); "the countryside of Homs and Daraa": both near.
            role = mentions[-1].role
        if role == "scene" and mentions and mentions[-1].role in ("scene", "near") and not suffix \
                and _IN_GAP.match(sentence[mentions[-1].end:start]):
            role = "near"  # "Tal Tamer city in Al-Hasakeh": the unit the scene before it lies in
        if role == "scene" and _in_admin_context(sentence, mentions, start):
            role = "other"  # "Hammanskraal (City of Tshwane, Gauteng)": the units a place lies in, not scenes of their own
        if role == "scene" and (_COUNTRYSIDE_BEFORE.search(before) or _COUNTRYSIDE_AFTER.match(sentence, start + len(name))
                                or name.startswith("Rural ")):
            # "in the countryside of Idlib", "Hama countryside", "Rural Damascus": somewhere around the town, not in it
            role = "near"
        mentions.append(PlaceMention(text, start, end, role, joined=joined))
        if possessive and owned and role != "other" and re.match(rf"{_ARTICLE_PREFIX}[A-Z]", owned[0]) \
                and not _PEOPLE_AFTER.match(sentence, m.end()):
            # "in Syria's Azaz", "Turkish soldier killed in Syria's Al Bab": the owned name is a place in the owner
            # (PlaceResolver keeps it only where the owner is a country; it ranks after the owner).
            inner = owned[0].strip(".-'’")
            inner_start = sentence.find(inner, start + len(name))
            if inner and inner_start >= 0 and inner.lower() not in _NOT_PLACES and not _is_abbreviation(inner) \
                    and not is_actor_name(inner) and not _PERSON_BEFORE.match(inner.split()[0] + " ") \
                    and inner.split()[-1].lower() not in _GENERIC:  # "the Deputy Commissioner's Office": a building
                mentions.append(PlaceMention(inner, inner_start, inner_start + len(inner), "near", owner=name))
    return mentions


def _join_list(sentence: str, mentions: list[PlaceMention]) -> None:
    """A list that ends in "and" ("struck Saraqeb, Maarat al-Numan and Kafr Nabl"): the names after the first scene's
    comma are scenes joined to it, not the units it lies in."""
    end = len(mentions) - 1
    first = end
    while first > 0 and mentions[first].role == "near" and _LIST_GAP.match(sentence[mentions[first - 1].end:mentions[first].start]):
        first -= 1
    if first == end or mentions[first].role != "scene" or _LOCAL_UNIT_AFTER.search(mentions[first].text):
        return
    for i in range(first + 1, end + 1):
        m = mentions[i]
        mentions[i] = PlaceMention(m.text, m.start, m.end, "scene", m.owner, joined=True)


_LIST_GAP = re.compile(r"^\s*,\s*$")


def _in_admin_context(sentence: str, mentions: list[PlaceMention], start: int) -> bool:
    """Whether `start` lies inside the parentheses of admin context after an earlier mention: "(City of Tshwane, …)"."""
    for mention in reversed(mentions):
        context = _ADMIN_CONTEXT.match(sentence[mention.end:])
        if context is not None:
            opens = mention.end + context.start(1)
            # (Only names: "(presumed to be at the state capital of Wad Medani)" tells the scene.)
            return opens <= start < mention.end + context.end(1) and _NAMES_ONLY.match(sentence, opens, start) is not None
    return False


# Names, commas and the particles inside them, up to the end: "City of Tshwane, " before "Gauteng".
_NAMES_ONLY = re.compile(rf"(?:[\s,/-]+|(?:{_CONNECTOR}|of)\b|[A-Z][\w'’.-]*)*$")


# "Syria's Assad regime", "Turkey's Erdogan government": the owned name is a person's, not a place in the owner.
_PEOPLE_AFTER = re.compile(
    r"\s+(?:regime|government|administration|forces|army|troops|militias?|fighters|rebels|loyalists|supporters|allies|"
    r"family|clan|party|movement|group|officials?|president|ministers?|leader|cabinet)\b", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ash|ad|at|az|ez)[\s-]+(?=[A-Z])", re.I)
# Between a scene and the town or unit it lies in: "Mansura in Ar-Raqqa", "Tal Tamer city in Al-Hasakeh".
# Between two scenes named together: "Idlib and Aleppo", "Kafr Nabl, and Anadan".
_AND_GAP = re.compile(r"^(?:\s+(?:town|village|city|cities|towns|villages))?,?\s+(?:and|&)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+|"
                      # "Maarat al-Numan and residential areas of Kafr Nabl", "… and the outskirts of Saraqeb"
                      r"(?:[a-z]+\s+)?(?:areas?|neighbou?rhoods?|parts|districts|outskirts|villages?)\s+of\s+(?:the\s+)?)?$", re.I)
# "the state of Guanajuato", "the central Mexican state of Guanajuato", "the province of Idlib".
_UNIT_OF_BEFORE = re.compile(r"\b(state|province|governorate|region|department|oblast|prefecture)\s+of\s+(?:the\s+)?$", re.I)
_IN_GAP = re.compile(r"^(?:\s+(?:town|village|city|camp))?\s+in\s+(?:the\s+)?$", re.I)
# "Kewata village under Dalsing Sarai police station": the station (or circle, block) whose area the village is in.
_UNDER_GAP = re.compile(r"^(?:\s+(?:town|village|area))?\s+under\s+(?:the\s+)?$", re.I)
_UNDER_UNIT_AFTER = re.compile(r"\s+(?i:police station|(?:police )?outpost|circle|block|sub-?division|tehsil)\b")
_COUNTRYSIDE_BEFORE = re.compile(r"\b(?:countryside|rural areas?|rural parts?)\s+of\s+(?:the\s+)?$", re.I)
_COUNTRYSIDE_AFTER = re.compile(r"\s+(?:(?:northern|southern|eastern|western|north-?\w+|south-?\w+)\s+)?(?:countrysides?|rural areas?)\b", re.I)
_FEATURE_AFTER = re.compile(
    r"\s+(?:road|street|highway|motorway|axis|roundabout|junction|crossroads?|front|frontline|corridor|route|building|headquarters|offices?)\b")
# "the Seray in Tripoli", "the Central Bank of Sidon": a capitalised name after "the" with a town after it.
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_INSIDE_AFTER = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?(?:(?:al|el|ech)\s+)?[A-Z]")
# "Wadi area of Vadodara", "Shivshakti Nagar neighbourhood of Ahmedabad": a quarter named before its town.
_QUARTER_AFTER = re.compile(
    r"\s+(?:area|neighbou?rhood|quarter|sector|colony|locality|suburb|ward)\s+(?:of|in)\s+(?:the\s+)?(?:(?:town|city)\s+of\s+)?[A-Z]")
_ADMIN_UNITS = {"province", "governorate", "region", "district", "state", "oblast", "county", "prefecture", "department"}
# (Title-cased headlines write the act before the scene as one name with it: "Month of Bombing Aleppo".)
_LEADING_PREPOSITION = re.compile(r"^(?:In|At|Near|Outside|Across|Over|Around|Inside|Throughout|"
                                  r"Bombing|Shelling|Bombarding|Pounding|Targeting|Striking|Hitting|Storming|Raiding)\s+(?=[A-Z])")
# Short capitals are organisations ("AL", "BNP", "RSS", "ISGS"), except a few country abbreviations.
_COUNTRY_ABBREVIATIONS = {"US", "USA", "UK", "UAE", "DRC", "CAR", "KSA"}


def _is_abbreviation(name: str) -> bool:
    bare = name.replace(".", "")
    return bare.isupper() and len(bare) <= 5 and bare not in _COUNTRY_ABBREVIATIONS


# A town's title between the word that gives its role and its name: "in the Syrian capital Damascus", "on Syrian city
# Aleppo", "in down town Damascus".
_TITLE_BEFORE = re.compile(r"\b(?:[A-Z][a-z]+(?:an|i|s|['’]s)\s+(?:(?:second|third|largest|biggest|main)\s+)?|"
                           r"(?:second|third|largest|biggest|main|down)\s+)(?:capital|city|town)\s+$")
# A possessive written without its apostrophe before another name: "Syrias Aleppo", "Turkeys Kilis province".
_APOSTROPHE_LOST = re.compile(r"(?P<owner>[A-Z][a-z]+[a-rt-z])s\s+(?=(?:al-|el-)?[A-Z])")

# Words naming a kind of building or body, never a place on their own ("Ambedkar Hospital").
_GENERIC = {
    "hospital", "university", "college", "school", "union", "bureau", "office", "ministry", "council",
    "company", "party", "committee", "station", "airbase", "airport", "base", "camp", "square", "street",
    "road", "bridge", "mosque", "church", "market", "prison", "court", "palace", "hall", "headquarters",
    "plant", "factory", "mall", "center", "centre", "hill", "river", "front", "zone", "area", "highway",
    "neighborhood", "neighbourhood", "municipality", "lga", "sub-district", "building", "compound",
    "bank", "institute", "cathedral", "parliament", "embassy", "consulate", "stadium",
    "congress", "commerce", "industry", "assembly", "senate", "association", "federation", "league", "forum",
    "society", "chamber", "board", "authority", "agency", "department", "corporation", "commission",
}
# Words between a building's own name and its kind: "Uitenhage Provincial Hospital", "Kawempe General Market".
_BUILDING_WORDS = {"provincial", "general", "district", "regional", "central", "national", "state", "city", "municipal",
                   "public", "civil", "main", "teaching", "referral", "military", "police", "county", "town", "old", "new"}
_COMPASS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}
# A leading adjective that may be dropped to find the name: "Syrian Idlib", "northern Aleppo".
_DEMONYM = re.compile(r"(?:ian|ese|ish|i|an)$", re.I)
# Words for a part of a town written before its name: "Old Aleppo", "Downtown Beirut", "Greater Cairo"
# ("Rural Damascus" is the land around the city: read as near it, see find_mentions).
_PART_OF_TOWN = {"old", "downtown", "greater", "rural", "inner", "outer"}


def _strip_leading(name: str) -> list[str]:
    """The name, then shorter forms without leading stop words or adjectives ("Syrian Idlib" -> "Idlib").

    Only such words are dropped, so "Ambedkar Hospital" never becomes "Hospital".
    """
    words = name.split()
    forms = []
    for i in range(len(words)):
        rest = words[i:]
        if not (len(rest) == 1 and rest[0].lower() in _GENERIC) and (
                rest[0].lower() not in _NOT_PLACES or (i == 0 and len(rest) > 1 and rest[0].lower() in _COMPASS)):
            # ("East London", "North Sinai", "Western Cape": a compass word opening a name is tried with it first.)
            forms.append(" ".join(rest))
        if not (words[i].lower() in _NOT_PLACES or words[i].lower() in _PART_OF_TOWN or _DEMONYM.search(words[i])):
            break
    return forms


# "Badah town (Larkana, Sindh)": ACLED-style admin context right after a place name.
_ADMIN_CONTEXT = re.compile(
    r"^\s*(?:(?:town|village|city|district|area|neighbou?rhood|hill|mountain|camp|sub-district|county"
    # "Rubare locality (Rutshuru, Nord-Kivu)": other words for a settlement or a local unit
    r"|locality|commune|municipality|township|settlement|quarter|suburb|ward|subdivision|tehsil|upazila|circle|block"
    # "Kewata village under Dalsing Sarai police station (Samastipur, Bihar)": the station's area
    r"|police station|(?:police )?outpost"
    # "Garsoor section (Gaalkacyo, Mudug)", "Al Watiyah airbase (…)": a site named after the place it is in
    r"|section|sector|market|airbase|air base|airport|port|(?:military )?base|(?:military )?camp|frontline|front|checkpoint"
    r")\s*)?"
    # "Salim [Al Fajir] (Qaatabah, Ad Dali)": an editor's note in brackets may come between the place and its units
    r"(?:\[[^\[\]()]{1,60}\]\s*)?"
    r"\(([^()]{2,80})\)"
)


_CHAIN_NAME = rf"(?:{_WORD})(?:\s+(?:{_CONNECTOR}\s+){{0,2}}(?:{_WORD}))*"
# "in Acatlan, Hidalgo", "in Jaro, Iloilo City, Iloilo": the names after a scene's comma, narrowest first.
# A lower-case word for the kind of unit may follow each name: "Higuerote, Brion municipality, Miranda state",
# "Naychin village, Urozgan".
_UNIT_WORD = (r"(?:\s+(?i:municipality|district|sub-district|state|province|region|county|village|town|city|department|"
              # "Bab al-Neirab neighbourhood, Aleppo": a quarter, then its town
              r"neighbou?rhood|quarter|"
              r"parish|governorate|area|locality|upazila|lga|prefecture|oblast|"
              # "Taksim square, Beyoglu, Istanbul", "Gbear subdivision, Nimba": a site or a local unit
              r"square|subdivision|township|commune|tehsil))?")
_ADMIN_CHAIN = re.compile(
    rf"^{_UNIT_WORD}\s*,\s*({_CHAIN_NAME}){_UNIT_WORD}(?:\s*,\s*({_CHAIN_NAME}))?")


# "Maadan in the eastern countryside of Raqqa", "Mansura in Raqqa province": the unit the scene lies in,
# named after "in" (a direction or the countryside may come between).
_IN_UNIT = re.compile(
    rf"^(?:\s+(?:town|village|city|area|camp))?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central|rural|northern|southern|eastern|western|"
    rf"north-?\w+|south-?\w+)\s+)?(?:(?:countryside|outskirts|suburbs|province|governorate|region|district)\s+of\s+(?:the\s+)?)?"
    rf"({_ARTICLE_PREFIX}{_CHAIN_NAME}(?:\s+(?:province|governorate|region|state|oblast|county))?)")


# What ends a list of places: "…, Maarat al-Numan and Kafr Nabl".
_LIST_END = re.compile(r"\s*,?\s+(?:and|&)\s+(?:the\s+)?[A-Z]")
# Between a place and the unit named after it: a comma, maybe after a word for the place's kind.
_CHAIN_GAP = re.compile(rf"^{_UNIT_WORD}\s*,\s*$")


def admin_context(sentence: str, mention: PlaceMention, *, inside: bool = True) -> list[str]:
    """The names in parentheses right after a mention, narrowest first: ["Larkana", "Sindh"];
    for a scene without them, the names that follow it after commas ("Acatlan, Hidalgo"),
    else (with `inside`) the name after "in" ("Mansura in Ar-Raqqa")."""
    m = _ADMIN_CONTEXT.match(sentence[mention.end:])
    if not m:
        chain = _ADMIN_CHAIN.match(sentence[mention.end:]) if mention.role != "other" else None
        if chain is not None and _LIST_END.match(sentence, mention.end + chain.end()) \
                and not _LOCAL_UNIT_AFTER.search(mention.text):  # ("Alishing district, Laghman, and …": its province)
            chain = None  # "Saraqeb, Maarat al-Numan and Kafr Nabl": a list of scenes, not a place and its units
        if chain is None:
            found = _IN_UNIT.match(sentence[mention.end:]) if inside and mention.role != "other" else None
            name = found.group(1) if found else ""
            units = _ADMIN_CONTEXT.match(sentence[mention.end + found.end():]) if found else None
            if units and _is_country_name(name):
                # "Al Jarr area in northwestern Yemen (Abs, Hajjah)": the units in brackets after the country are
                # the scene's, narrower than the country.
                return [part.strip() for part in units.group(1).split(",")
                        if part.strip() and not _is_abbreviation(part.strip())]
            return [name] if name and name.lower() not in _NOT_PLACES and not _is_abbreviation(name) else []
        return [part for part in chain.groups() if part and part.lower() not in _NOT_PLACES and not _is_abbreviation(part)]
    # "(Coimbatore, TN)": a state's short form is no country code (TN is not Tunisia here).
    return [part.strip() for part in m.group(1).split(",") if part.strip() and not _is_abbreviation(part.strip())]


class PlaceResolver:
    """Resolves the mentions of one article, with its focus country and provinces as context."""

    def __init__(self, gazetteer: Geocoder | None, sentences: list[str]) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, str | None], object] = {}
        self._mentions = {sentence: self._kept(sentence, find_mentions(sentence)) for sentence in sentences}
        # Scenes the gazetteer could not place, per sentence: what an online geocoder may be asked.
        self.unresolved: dict[str, list[PlaceMention]] = {}
        self.provinces = {
            m.group(1).lower()
            for s in sentences
            for m in re.finditer(rf"((?:{_WORD})(?:\s+(?:{_CONNECTOR}\s+)?(?:{_WORD}))*)\s+(?:province|governorate)\b", s)
        }
        # (Lookups made while the context is gathered go without the units named: none are known yet.)
        self._admin1s: tuple[str, ...] = ()
        self.focus_country = self._focus_country(sentences)
        self.admin1s = self._named_admin1s(sentences)
        self.article_admin1 = self.admin1s[0] if len(self.admin1s) == 1 else None
        if self.admin1s and gazetteer is not None and _accepts(gazetteer, "admin1s"):
            self._admin1s = self.admin1s

    def _lookup(self, name: str, country: str | None, admin1: str | None = None, exact: bool = False):
        key = (name, country, admin1, exact, self._admin1s)
        if key not in self._cache:
            place = None
            if self.gazetteer is not None:
                # Exact lookups skip the gazetteer's fuzzy stage (where the gazetteer has one); a namesake
                # inside a first-level unit the article names ranks first (where the gazetteer can tell).
                options = {"fuzzy": False} if exact and _accepts(self.gazetteer, "fuzzy") else {}
                if self._admin1s:
                    options["admin1s"] = self._admin1s
                if name.lower() in self.provinces:
                    place = self.gazetteer.geocode(f"{name} province", country=country, **options)
                if place is None:
                    place = self.gazetteer.geocode(name, country=country, admin1=admin1, **options)
            self._cache[key] = place
        return self._cache[key]

    def _resolve_text(self, text: str, country: str | None, admin1: str | None = None, exact: bool = False):
        if text.startswith(("el ", "ech ")) and not exact:
            # "el Mina" is no misspelt Minna: a name told with its article apart is known as written or not at all.
            place = self._exact(text)
            return place if place is not None and (country is None or place.country_code == country) else None
        lost = _APOSTROPHE_LOST.match(text)
        if lost and self.gazetteer is not None and self.gazetteer.country(lost.group("owner")) is not None:
            # "Syrias Idlib province": a country's possessive whose apostrophe the copy lost owns the place after it.
            return self._resolve_text(text[lost.end():], country, admin1, exact)
        for shortened, candidate in enumerate(_strip_leading(text)):
            place = self._lookup(candidate, country, admin1, exact)
            # (a shorter form found only abroad is no reading of the name: "Belgrade-Stari Grad" is not Slovenia's Grad)
            if place is not None and not (shortened and country and place.country_code != country):
                return place
        if country and len(text) > 4 and text.endswith("s") and " " not in text and not exact:
            # "Idlibs countryside", "Aleppos old city": the owner, its apostrophe lost, known exactly as written
            # in the report's country.
            place = self._lookup(text[:-1], country, admin1, exact=True)
            if place is not None and place.country_code == country:
                return place
        # "Mobbar LGA", "Rathedaung Township": the gazetteer knows a second-level unit by its bare name.
        bare = _LOCAL_UNIT_AFTER.sub("", text)
        if bare != text and bare:
            return self._resolve_text(bare, country, admin1, exact)
        # "Belgrade-Vracar", "Sao Paulo-Central Zone": a quarter written after its city; only a city stands for it.
        # ("Agra-Mumbai" joins two cities: a road between them, neither one.)
        head, dash, tail = text.partition("-")
        if dash and head[:1].isupper() and tail[:1].isupper() and len(head) > 3:
            place, other = self._lookup(head, country, admin1, exact), self._lookup(tail, country, admin1, exact)
            if _is_city(place) and not _is_city(other):
                return place
        return self._town_then_province(text, exact)

    def _town_then_province(self, text: str, exact: bool):
        """"Tijuana Baja California": a town and its province, the comma between them lost; the town, only where it
        lies in that province."""
        words = text.split()
        for cut in range(1, len(words)):
            unit = self._exact(" ".join(words[cut:]))
            if unit is None or getattr(unit, "feature_code", None) != "ADM1":
                continue
            town = self._lookup(" ".join(words[:cut]), unit.country_code, unit.name, exact)
            if town is not None and town.country_code == unit.country_code and _same_name(getattr(town, "admin1", None), unit.name):
                return town
        return None

    def _focus_country(self, sentences: list[str]) -> str | None:
        """The country the report is about: the one its place names vote for, or the one its parties and
        groups belong to."""
        votes, largest, voters = self._place_votes(sentences)
        ranked = votes.most_common(3)
        groups = Counter(code for sentence in sentences for code in group_countries(sentence))
        if groups:
            # A party or group of one country, where no place is named or the places named are that country's
            # too: "BJP workers in Punjab" are in India's Punjab, not Pakistan's.
            group = groups.most_common(1)[0][0]
            if not ranked or (group != ranked[0][0] and all(self._in_country_exact(name, group) for name in voters)):
                return group
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] <= 1:
            # A near tie ("Tajoura, east of Tripoli": Djibouti or Libya?): the country that
            # can explain the most of the report's names wins.
            names = [m.text for sentence in sentences for m in self._mentions[sentence]]
            explained = {code: sum(self._in_country(name, code) for name in names) for code, _ in ranked}
            # Still tied ("Ayyash town west of Deir Ezzor": a Turkish village and a Syrian city, one name each),
            # the country of the larger place named: a well-known town says more than a hamlet's namesake abroad.
            # (Unless one country's best-known place named dwarfs every other's: "in Kingston city, inhabitants of
            # Denham Town" is Jamaica's capital, not Australia's Kingston and the hamlet of Denham.)
            towering = {code for code, _ in ranked if largest[code] >= _TOWERING_TOWN and all(
                0 < largest[other] and largest[code] >= _TOWERING_RATIO * largest[other] for other, _ in ranked if other != code)}
            return max(ranked, key=lambda item: (item[0] in towering, explained[item[0]], item[1], largest[item[0]]))[0]
        return ranked[0][0] if ranked else None

    def _place_votes(self, sentences: list[str]):
        """Votes per country from the places named (a scene counts more than a name said in passing), how
        well known each country's best-known place named is, and the names that voted."""
        votes: Counter[str] = Counter()
        largest: Counter[str] = Counter()  # how well known the best-known place named of each country is (_renown)
        voters: list[str] = []
        filed = CITY_DATELINE.match(sentences[0]) if sentences else None
        if filed is not None:
            # "ADEN (Reuters) -", "MAIDUGURI, Nigeria (Reuters) -": where the report was filed, most often in the
            # country it is about (its country, when named, says which namesake the city is).
            city, where = filed.group("city").title(), filed.group("where")
            country = self._exact(where) if where else None
            code = getattr(country, "country_code", None)
            place = self._lookup(city, code, exact=True) if code else self._exact(city)
            if place is not None and getattr(place, "country_code", None):
                votes[place.country_code] += 3
                voters.append(city)
        for sentence in sentences:
            for mention in self._mentions[sentence]:
                # (A name joined by "and" to a scene votes as one said in passing: "forces of India and Pakistan".)
                role = "other" if mention.joined else mention.role
                # Only names the gazetteer knows as written vote: "Abbarah" is not a vote for Ecuador's Ibarra,
                # nor "No" for Ghana's Ho.
                place = self._exact(mention.text) or self._transliterated_seat(mention.text) or (
                    self._town_then_province(mention.text, True) if role != "other" and " " in mention.text else None)
                if place is not None and getattr(place, "country_code", None) and not (
                    role == "other" and (is_country(place) or not _same_name(place.name, mention.text)
                                                 or _common_word(sentence, mention, place))
                ):
                    # (Nor does a capitalised word that is only another place's alternate name: "No", "Molotov".)
                    # (A country named in passing, "the US dollar", "Turkish-backed", says nothing of the scene.)
                    # ("goods from Turkey" near Batumi: a country counts double only as the scene itself.)
                    strong = role == "scene" or (role == "near" and not is_country(place))
                    votes[place.country_code] += 2 if strong else 1
                    voters.append(mention.text)
                    if not is_country(place):
                        largest[place.country_code] = max(largest[place.country_code], _renown(place))
                context = admin_context(sentence, mention, inside=False)
                if not context:
                    for part in admin_context(sentence, mention)[-1:]:
                        # "Mansura in Ar-Raqqa", "Rihaniya in al-Hasakeh": the unit or town the scene lies in
                        # votes as parentheses would ("Al Mawz Street in As Sabaa": only names known as written).
                        code = self._unit_country(part, mention.text) if self._units_named(part) else None
                        town = None if code else (self._exact(part) or self._transliterated_seat(part))
                        code = code or (town.country_code if town is not None and not is_country(town) else None)
                        if code:
                            votes[code] += 3
                for part in context[-1:]:
                    # "Auchi (Etsako West LGA, Edo)": the country where the place lies in that province,
                    # else the province's own country ("(…, Sindh)").
                    inside = self._lookup(mention.text, None, part, exact=True)
                    if inside is not None and _same_name(getattr(inside, "admin1", None), part):
                        votes[inside.country_code] += 3
                    elif (code := self._unit_country(part, mention.text)) is not None:
                        votes[code] += 3
        return votes, largest, voters

    def _named_admin1s(self, sentences: list[str]) -> tuple[str, ...]:
        """The first-level units of the focus country the report names, in text order.

        All of them lift their namesakes in every lookup (`admin1s`); the one the report names, if it
        names exactly one, is also every lookup's `admin1` ("Famale ... Tillaberi"): two provinces
        named say nothing of which one a village lies in.
        """
        if self.gazetteer is None or self.focus_country is None:
            return ()
        units: dict[str, None] = {}
        for sentence in sentences:
            for mention in self._mentions[sentence]:
                names = [mention.text, *admin_context(sentence, mention)[-1:]]
                for name in names:
                    place = self._exact(name)
                    if place is not None and place.feature_code == "ADM1" and place.country_code == self.focus_country:
                        units[place.name] = None
        return tuple(units)

    def _unit_country(self, unit: str, place: str) -> str | None:
        """The country of the admin unit named as where `place` lies: in "(…, North East)" only regions
        called North East vote, not the US town; a unit known only abroad while the place is a large city
        elsewhere says nothing ("Bamenda (…, Nord-Ouest)" is not in Haiti)."""
        candidates = getattr(self.gazetteer, "candidates", None)
        if candidates is None:
            found = self._exact(unit)
            return found.country_code if found is not None else None
        units = self._units_named(unit)
        key = ("place-countries", place)
        if key not in self._cache:
            found = candidates(place, limit=8, fuzzy=False)
            # A capital or a large city ("Bamenda", 400,000 people) outweighs a unit's namesake abroad.
            # (A town's namesake province abroad, "Sabah" for "As Sabaa", is no city.)
            seats = {p.country_code for p in found
                     if p.feature_code == "PPLC" or (p.population >= _LARGE_CITY and (p.feature_code or "").startswith("PPL"))}
            self._cache[key] = ({p.country_code for p in found}, seats)
        known_in, seats = self._cache[key]
        if not units:
            # A town as context ("(…, Tunapuna)") speaks only for a place the gazetteer does not know.
            found = None if known_in else self._exact(unit)
            return found.country_code if found is not None else None
        shared = [code for code in units if code in known_in]
        if shared:
            return shared[0]
        for code in units:
            # "Mansura in Ar-Raqqa": a small namesake inside the unit beats a large city of that name abroad.
            inside = self._lookup(place, code, unit, exact=True)
            if inside is not None and inside.country_code == code and _same_name(getattr(inside, "admin1", None), unit):
                return code
        return None if seats else units[0]

    def _units_named(self, name: str) -> list[str]:
        """Countries with an admin unit of this name, the gazetteer's best first."""
        key = ("units", name)
        if getattr(self.gazetteer, "candidates", None) is None:
            return []
        if key not in self._cache:
            found = [p for p in self.gazetteer.candidates(name, limit=8, fuzzy=False)
                     if getattr(p, "feature_code", "").startswith("ADM")]
            self._cache[key] = list(dict.fromkeys(p.country_code for p in found if p.country_code))
        return self._cache[key]

    def _exact(self, text: str):
        """The place a name gives when the gazetteer knows it exactly as written (no loose or fuzzy stage)."""
        match = getattr(self.gazetteer, "match", None)
        if match is None:
            return self._resolve_text(text, None, exact=True)
        key = ("exact-stage", text)  # the name as written: "North Kivu" is not "Kivu"
        if key not in self._cache:
            found = match(text, fuzzy=False)
            self._cache[key] = found.place if found is not None and found.stage == "exact" else None
        return self._cache[key]

    def _kept(self, sentence: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """The mentions as the gazetteer reads them: names joined by "of" that it knows as one, an owned name
        only where its owner is a country ("Syria's Azaz", not "Father's Day"), and no body's kind alone ("the
        Congress", "the Union government", "the Centre"; "the Centre region" is a unit)."""
        return [m for m in self._joined(sentence, mentions)
                if (not m.owner or (self.gazetteer is not None and is_country(self._exact(m.owner))))
                and not (m.text.lower() in _GENERIC and not _UNIT_WORD_AFTER.match(sentence, m.end))]

    def _joined(self, sentence: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """Two names joined by "of" or "and" that the gazetteer knows as one, as written: "in Port of Spain", "Bay of
        Plenty", "Bosnia and Herzegovina" (find_mentions takes no lower-case word inside a name but the Arabic and
        European particles)."""
        if self.gazetteer is None or getattr(self.gazetteer, "match", None) is None or len(mentions) < 2:
            return mentions
        out = [mentions[0]]
        for mention in mentions[1:]:
            last = out[-1]
            gap = sentence[last.end:mention.start]
            if (gap == " of " and last.role != "other" and " " not in last.text) or gap == " and ":
                # ("Bosnia and Herzegovina", "Jammu and Kashmir": one name, not two places joined by "and".)
                whole = f"{last.text}{gap}{mention.text}"
                if self._exact(whole) is not None:
                    out[-1] = PlaceMention(whole, last.start, mention.end, last.role, last.owner)
                    continue
            out.append(mention)
        return out

    def _transliterated_seat(self, text: str):
        """A capital or a province's seat, or a first-level unit, of a country whose names reach English through
        transliteration, found by its transliteration key ("Deir Ezzor" for Deir ez-Zor, "Homs" spelt "Hims"):
        such a spelling of a well-known place is as sure as its own name. (A village's variant is not: the
        forgiving key merges much.)"""
        match = getattr(self.gazetteer, "match", None)
        if match is None:
            return None
        key = ("translit-seat", text)
        if key not in self._cache:
            found = match(text, fuzzy=False)
            place = found.place if found is not None and found.stage == "second" else None
            place = place if place is not None and place.country_code in _TRANSLITERATED and (
                place.feature_code in ("PPLC", "PPLA", "ADM1")) else None
            bare = _LEADING_ARTICLE.sub("", text)
            if place is None and bare != text:
                # "al-Ghouta" is the Ghouta: the Arabic article is written or not, and the name without it is known
                # as written, as a region or unit (only in a country whose names are transliterated: "El Alto" is
                # not "Alto"; and "al-Mashhad" is a quarter of Aleppo, not the Iranian city).
                place = self._exact(bare)
                place = place if place is not None and place.country_code in _TRANSLITERATED and not (
                    place.feature_code or "PPL").startswith(("PPL", "PCL")) else None
            self._cache[key] = place
        return self._cache[key]

    def _in_country_exact(self, name: str, code: str) -> bool:
        """The name is a place of that country as written (no fuzzy stage)."""
        place = self._resolve_text(name, code, exact=True)
        return place is not None and place.country_code == code

    def _in_country(self, name: str, code: str | None) -> bool:
        place = self._resolve_text(name, code)
        return place is not None and place.country_code == code

    def _resolve_mention(self, sentence: str, mention: PlaceMention) -> ResolvedPlace | None:
        """A mention resolved with its admin context; an unknown village falls back to its district or province."""
        context = admin_context(sentence, mention)
        country, admin1 = self.focus_country, self.article_admin1
        if context:
            admin1 = context[-1]
            # The province is looked for in the report's country first: "(Hyderabad, TS)" is Telangana,
            # not a fuzzy match abroad; only a province known exactly elsewhere moves the country.
            in_focus = self._resolve_text(admin1, country) if country else None
            if (in_focus is None or in_focus.country_code != country) and not (
                country and self._in_country_exact(mention.text, country)
            ):
                unit = self._exact(admin1) if country else self._resolve_text(admin1, None)
                country = unit.country_code if unit is not None else country
        place = self._resolve_text(mention.text, country, admin1)
        if context and country is not None and (place is None or place.country_code != country):
            # "Saraqub in Idlib province": a name the gazetteer knows nowhere in the country as written may be a
            # misspelling of a town inside the unit named beside it (one or two edits, geo's fuzzy stage, which free
            # text leaves off: the unit named is what makes the guess safe).
            place = self._misspelt_in_unit(mention.text, country, context) or place
        if context and country is not None and (place is None or not _in_named_unit(place, context[-1])):
            # "Machiques de Perija, …, Zulia state", "the Uitenhage Provincial Hospital (…, Eastern Cape)": the town the
            # longer name is made from, where it lies in the province named.
            place = self._part_in_unit(mention.text, country, context[-1]) or place
        if place is not None and (getattr(place, "feature_code", "") or "").startswith(("ADM", "PCL")) \
                and _SETTLEMENT_AFTER.match(sentence, mention.end):
            # "Kandal village, Samraong commune": a village is no province of its name; its context places it.
            place = None
        if place is not None and len(context) > 1 and not _in_named_unit(place, context[-1]):
            # "Caracoli, Malambo, Atlantico": the only Caracoli known lies in another province, while Malambo
            # lies in the one named; the place is that narrower unit, not the namesake. (A place near that unit is
            # itself, the gazetteer drawing the line between provinces elsewhere: "Hammanskraal (City of Tshwane, …)".)
            unit = self._resolve_text(context[0], country, context[-1])
            if unit is not None and unit.country_code == place.country_code \
                    and _in_named_unit(unit, context[-1]) and km_between(place, unit) > _FAR_FROM_UNIT_KM:
                return ResolvedPlace(mention, unit, max(2, unit.precision), stand_in=True)
        if place is not None and context and not is_country(place) and (
                len(context) == 1 or self._quarter_of_city(sentence, mention, place, context[0])):
            # "Pipri, Kaushambi", "San Carlos, Negros Occidental": the gazetteer knows no such place in the district
            # or province named, only a namesake far away in another first-level unit; the unit stands in for it
            # (near it, precision 2 or its own). (Only a second- or third-level unit, or a city the quarter is told
            # in: a town named after the comma may be a state's namesake, "Ecatepec de Morelos" for Morelos.)
            unit = self._resolve_text(context[0], country)
            code = (getattr(unit, "feature_code", "") or "") if unit is not None else ""
            if unit is not None and unit.country_code == place.country_code and (
                    code in ("ADM2", "ADM3") or self._quarter_of_city(sentence, mention, place, context[0], unit)) \
                    and getattr(unit, "admin1", None) and getattr(place, "admin1", None) \
                    and not _same_name(place.admin1, unit.admin1) and km_between(place, unit) > _FAR_FROM_UNIT_KM:
                return ResolvedPlace(mention, unit, max(2, unit.precision), stand_in=True)
        if place is not None and (country is None or place.country_code == country):
            precision = max(place.precision, 2) if mention.role == "near" else place.precision
            return ResolvedPlace(mention, place, precision)
        for part, precision in zip(context, (2, 3)):
            # (a district looked for in the province named after it: "Barangay Capihan, San Rafael, Bulacan")
            unit = self._resolve_text(part, country, context[-1] if part != context[-1] else None)
            if unit is not None and self.focus_country is None and not _may_stand_for_unit(unit) and not any(
                    (other := self._resolve_text(rest, unit.country_code)) is not None
                    and other.country_code == unit.country_code or _alike(getattr(unit, "admin1", None), rest)
                    for rest in context if rest != part):
                # "(Kouloungou, Tapoa)" in a report that names no place the gazetteer knows as written: a village
                # abroad that the unit's name happens to match loosely says nothing of where the report is, unless the
                # other unit named lies in the same country (a Somali district's town, then "Galgaduud" for Galguduud).
                continue
            if unit is not None and (country is None or unit.country_code == country):
                return ResolvedPlace(mention, unit, max(precision, unit.precision), stand_in=True)
        if place is None:
            return None
        # Abroad only when the name is exactly that place's: "Ghouta" is not Ukraine's Huta.
        # (Nor by another of its names: "Salim" in a Yemeni report is no Jerusalem, an old name of which it is.)
        exact = self._exact(mention.text) if country is not None else place
        if country is not None and exact is not None and not _alike(exact.name, mention.text):
            exact = None
        return ResolvedPlace(mention, place, place.precision) if exact is not None and exact == place else None

    def _part_in_unit(self, text: str, country: str, unit: str):
        """A populated place of `country` inside the first-level unit `unit` that a longer name is made from: the town
        before "de" or after it ("Machiques de Perija", "Santa Ana de Coro"), or the name a building is called by
        ("Uitenhage Provincial Hospital"); None when the longer name is none of these."""
        words = text.split()
        forms = []
        if len(words) > 1 and words[-1].lower() in _GENERIC:
            kept = words[:-1]
            while kept and kept[-1].lower() in _BUILDING_WORDS:
                kept.pop()
            forms.append(" ".join(kept))
        head, de, tail = text.partition(" de ")
        if de and head and tail[:1].isupper():
            forms += [head, tail]
        for form in forms:
            if not form or form.lower() in _NOT_PLACES:
                continue
            place = self._lookup(form, country, unit)
            if place is not None and place.country_code == country and _same_name(getattr(place, "admin1", None), unit) \
                    and (getattr(place, "feature_code", "") or "").startswith("PPL"):
                return place
        return None

    @staticmethod
    def _quarter_of_city(sentence: str, mention: PlaceMention, place, name: str, unit=None) -> bool:
        """Whether "X, <name>" tells a quarter or suburb X of the city <name> ("Ermita, Manila", "Jaro, Iloilo City,
        Iloilo"): X is no city itself, <name> is written bare (not "Trujillo state") and the names do not go on as a
        list of towns ("in Jumla, Kanchanpur, Rupandehi, …", "in Assiut, Alexandria and Suez"). With `unit`, also
        that the gazetteer's <name> is a city of that name (not "Ecatepec de Morelos" for Morelos)."""
        if _is_city(place) or _TOWN_LIST.match(sentence, mention.end):
            return False
        at = sentence.find(name, mention.end)
        if at < 0 or _UNIT_WORD_AFTER.match(sentence, at + len(name)):
            return False
        if unit is None:
            return True
        code = getattr(unit, "feature_code", "") or ""
        return code.startswith("PPL") and _may_stand_for_unit(unit) and _same_name(unit.name, name)

    def _misspelt_in_unit(self, text: str, country: str, context: list[str]):
        """A populated place of `country` one or two edits from `text` that lies in one of the units of `context`
        (its province or district, as the gazetteer names that unit), or None."""
        match = getattr(self.gazetteer, "match", None)
        if match is None or not _accepts(self.gazetteer, "fuzzy") or len(text) < _MIN_MISSPELT:
            return None
        key = ("misspelt-in-unit", text, country, tuple(context))
        if key not in self._cache:
            found = match(text, country=country, admin1=context[-1], fuzzy=True)
            place = found.place if found is not None and found.stage == "fuzzy" else None
            if place is not None and not (place.country_code == country
                                          and (getattr(place, "feature_code", "") or "").startswith("PPL")):
                place = None
            if place is not None:
                # The narrowest unit the gazetteer knows is the one to be in: "Jacobabed (Larkana, Sindh)" is not
                # Jacobabad, a town of Sindh in another district.
                units = set(context)
                for part in context:
                    unit = self._resolve_text(part, country)
                    code = (getattr(unit, "feature_code", "") or "") if unit is not None else ""
                    if unit is not None and unit.country_code == country and code.startswith("ADM"):
                        units = {part, unit.name}
                        break
                    if unit is not None and unit.country_code == country and code.startswith("PPL"):
                        # "in Idlib": a seat stands for its unit (the province, or the district); a town known
                        # only as a town, for its district if the gazetteer knows it, else nothing can be checked.
                        level = "admin1" if code in ("PPLA", "PPLC") else "admin2"
                        units = {part, getattr(unit, level, None) or part}
                        break
                inside = any(_same_name(getattr(place, level, None), unit)
                             for level in ("admin1", "admin2") for unit in units)
                place = place if inside else None
            self._cache[key] = place
        return self._cache[key]

    def first_scene(self) -> ResolvedPlace | None:
        """The first place in the report, in text order, named as the scene of something."""
        for sentence in self._mentions:
            for found in self.resolve(sentence):
                if found.mention.role == "scene" and not is_country(found.place):
                    return found
        return None

    def resolve(self, sentence: str) -> list[ResolvedPlace]:
        """The sentence's possible scenes, best first: in the focus country, then scene over near (worked out once
        per sentence: the incident stages ask again)."""
        key = ("resolved", sentence)
        if key not in self._cache:
            self._cache[key] = self._resolve_sentence(sentence)
        return list(self._cache[key])

    def _resolve_sentence(self, sentence: str) -> list[ResolvedPlace]:
        resolved, contexted = [], set()
        mentions = self._mentions.get(sentence)
        for mention in self._kept(sentence, find_mentions(sentence)) if mentions is None else mentions:
            if mention.role == "other" and not re.search(r"\b(?:province|governorate|district)\b", mention.text, re.I):
                continue
            found = self._resolve_mention(sentence, mention)
            if found is not None:
                resolved.append(found)
                if admin_context(sentence, mention):
                    contexted.add(id(found))
            if (found is None or found.stand_in) and mention.role == "scene":
                # the gazetteer does not know the scene itself (it may stand in its province): online may
                self.unresolved.setdefault(sentence, []).append(mention)
        resolved = _same_name_same_place(resolved, contexted)
        # A name joined to a scene by "and" is a scene only in the report's country ("Salim and Human villages
        # (…, Ad Dali)": not Ukraine's Uman).
        resolved = [r for r in resolved if not (r.mention.joined and self.focus_country
                                                and r.place.country_code != self.focus_country)]
        in_focus = [r for r in resolved if self.focus_country is None or r.place.country_code == self.focus_country]
        outside = self._outside_named_unit(in_focus or resolved)
        # A country is the last resort: "near Hays city in western Yemen" happened near Hays.
        containers = _containers(in_focus or resolved)
        ranked = sorted(in_focus or resolved, key=lambda r: (
            is_country(r.place), id(r) in outside, id(r) in containers, r.mention.role != "scene", r.mention.start))
        if ranked and not is_country(ranked[0].place):
            # The country only when nothing narrower is named: a caller choosing among the sentence's places by
            # where they stand ("12 civilians dead in Syrian raid ..., and ... in the province of Aleppo") never
            # gets the country while the sentence names a place in it.
            ranked = [r for r in ranked if not is_country(r.place)]
        return ranked

    def joined_after(self, sentence: str, first: ResolvedPlace) -> list[ResolvedPlace]:
        """The places named together with `first` after it, joined by "and" ("airstrikes on Idlib and Aleppo":
        Aleppo), each a different place from the others, in the same country, and none a country itself."""
        found = sorted((p for p in self.resolve(sentence) if p.mention is not None), key=lambda p: p.mention.start)
        chain = [first]
        for place in found:
            last = chain[-1]
            if place.mention.start <= last.mention.start or not place.mention.joined:
                continue
            gap = sentence[last.mention.end:place.mention.start]
            if not (_AND_GAP.match(gap) or _LIST_GAP.match(gap)):
                break
            if is_country(place.place) or any(place.place == p.place for p in chain) \
                    or place.place.country_code != first.place.country_code:
                break  # (nor a namesake abroad: "Salim and Human villages (…, Ad Dali)" is no Ukrainian Uman)
            chain.append(place)
        return chain[1:]

    def _outside_named_unit(self, found: list[ResolvedPlace]) -> set[int]:
        """The places (by id) that lie outside the only first-level unit the article names, when another place of
        the sentence lies inside it: "in Hamirpur village near Rapar town (Kachchh, Gujarat)" -- the gazetteer knows
        no Hamirpur in Gujarat and offers Uttar Pradesh's; the village is near Rapar, which is in Gujarat."""
        unit = self.article_admin1
        if unit is None or len(found) < 2:
            return set()
        # (The unit itself does not count as inside: a place is not demoted below the province alone.)
        inside = {id(r) for r in found if _same_name(getattr(r.place, "admin1", None), unit)
                  and (getattr(r.place, "feature_code", "") or "").startswith("PPL")}
        if not inside:
            return set()
        return {id(r) for r in found if id(r) not in inside and not r.stand_in and getattr(r.place, "admin1", None)
                and (getattr(r.place, "feature_code", "") or "").startswith("PPL")}


def _containers(found: list[ResolvedPlace]) -> set[int]:
    """The first-level units (by id) that hold another place the sentence names: "workers from across Khuzestan
    protested in Ahvaz" happened in Ahvaz, not all over the province."""
    # ("in Al Mahrah governorate … a camp in Hat district": a second-level unit is inside it as a town is.)
    towns = [r for r in found if (getattr(r.place, "feature_code", "") or "").startswith(("PPL", "ADM2", "ADM3"))]
    return {id(r) for r in found if getattr(r.place, "feature_code", None) == "ADM1"
            and any(_same_name(getattr(t.place, "admin1", None), r.place.name) for t in towns)}


def _same_name_same_place(found: list[ResolvedPlace], contexted: set[int]) -> list[ResolvedPlace]:
    """A name written twice in a sentence is one place, the one its admin context gave: "an arson attack in Tuzla
    industrial zone in Tuzla, Istanbul" -- the first Tuzla is Istanbul's too, not Adana's. (`contexted`: the ids
    of the places resolved with admin context after their name.)"""
    given: dict[str, ResolvedPlace] = {}
    for r in found:
        if id(r) in contexted and not r.stand_in:
            given.setdefault(r.mention.text.lower(), r)
    if not given:
        return found
    out = []
    for r in found:
        better = given.get(r.mention.text.lower())
        if better is not None and id(r) not in contexted and better.place != r.place:
            precision = max(better.place.precision, 2) if r.mention.role == "near" else better.place.precision
            r = ResolvedPlace(r.mention, better.place, precision)
        out.append(r)
    return out


_SHEIKH = re.compile(r"(?:Sheikh|Shaykh|Shaikh|Sheik)\s+[A-Z]")
# Names that go on as a list after a place: three or more after commas, or a last one after "and".
_LISTED_NAME = r"\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
_TOWN_LIST = re.compile(rf"(?:{_LISTED_NAME}){{3,}}|(?:{_LISTED_NAME})+,?\s+and\s+[A-Z]")
# A word for an administrative unit right after its name: "Trujillo state" is the state, not the city; "the Centre
# region" is a unit, where "the Centre" alone is the government.
_UNIT_WORD_AFTER = re.compile(
    r"\s+(?i:state|province|region|department|governorate|county|oblast|district|parish|municipality|prefecture)\b")
_SETTLEMENT_AFTER = re.compile(r"\s+(?:village|hamlet|town)\b", re.I)
# How alike two spellings of one unit's name are (difflib's ratio of their letters).
_ALIKE = 0.85
# Shorter names are too easily one edit from another village's: only names this long are read as misspelt.
_MIN_MISSPELT = 5
# A place this far from the district named beside it is a namesake elsewhere, not a place in that district.
_FAR_FROM_UNIT_KM = 100


@lru_cache(maxsize=1024)
def _is_country_name(name: str) -> bool:
    """Whether `name` is a country's common or official name ("Yemen", "Syria"), by pycountry's list."""
    import pycountry  # late: only ACLED-style "in western Yemen (Al Hali, Al Hudaydah)" asks

    try:
        return pycountry.countries.lookup(name) is not None and len(name) > 3
    except LookupError:
        return False


def _in_named_unit(place, name: str) -> bool:
    """Whether `place` lies in the unit called `name`: its first-level unit, or its second for a populated place (a
    Philippine province is the second level under a region: "Monreal, Masbate" is in the Province of Masbate)."""
    if _same_name(getattr(place, "admin1", None), name):
        return True
    admin2 = _LEVEL_OF.sub("", getattr(place, "admin2", None) or "")
    return (getattr(place, "feature_code", "") or "").startswith("PPL") and _same_name(admin2, name)


# "Province of Masbate": the level word before a unit's name.
_LEVEL_OF = re.compile(r"^(?:province|department|district|governorate|region|state|municipality) of\s+", re.I)


def _same_name(a: str | None, b: str) -> bool:
    """Loosely the same admin name: "Sindh" and "Sindh Province", "Rif-dimashq" and "Rif Dimashq"."""
    if not a:
        return False
    key_a, key_b = (re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", x).lower()) for x in (a, b))
    return bool(key_a) and bool(key_b) and (key_a.startswith(key_b) or key_b.startswith(key_a))


def _common_word(sentence: str, mention: PlaceMention, place) -> bool:
    """A word said in passing that only a small place shares: the kind of a body ("Congress members", "the
    Union"), or a word capitalised only because it opens the sentence ("Day 3.", "Farmers protested")."""
    if mention.text.lower() in _GENERIC:
        return True
    minor = not (_is_city(place) or getattr(place, "feature_code", "") == "ADM1")
    before = sentence[:mention.start].rstrip()
    after = sentence[mention.end:mention.end + 1]
    # ("(Day 5 of hartal)" opens an aside; "(Jhenaidah)" and "(Khulna, …)" name where the place before lies.)
    opens = not before or before.endswith((")", ":", "—", "–")) or (before.endswith("(") and after not in ("),"))
    dateline = after == ","  # "Sunamganj, Jan 2 (UNB)": where the report was filed
    return minor and opens and not dateline and " " not in mention.text and not _ITS_PEOPLE.match(sentence, mention.end)


# "Jashpur residents protested": a name before its people's word is their place, even opening a sentence.
_ITS_PEOPLE = re.compile(r"\s+(?:residents|villagers|locals|inhabitants|people|fishermen|farmers|traders|youths)\b")


# A place this large, and this many times larger than any other country's place named, decides a tie alone.
_TOWERING_TOWN = 100_000
_TOWERING_RATIO = 100


def _renown(place) -> int:
    """How well known a place is, for a tie between two countries: its people, or for a unit or region (the
    gazetteer counts none there: "the eastern Ghouta", "Caracas" the district) as many as a large city."""
    code = getattr(place, "feature_code", "") or ""
    return (getattr(place, "population", 0) or 0) if code.startswith("PPL") else _LARGE_CITY


def _alike(a: str | None, b: str) -> bool:
    """The same name but for a vowel or two, as two spellings of one transliterated name differ ("Galguduud",
    "Galgaduud")."""
    if not a:
        return False
    key_a, key_b = (re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", x).lower()) for x in (a, b))
    return bool(key_a) and bool(key_b) and SequenceMatcher(None, key_a, key_b).ratio() >= _ALIKE


def _may_stand_for_unit(place) -> bool:
    """A unit, a region, a capital or seat, or a city: what a name written where a district or province is named
    may be (a village of that name is a namesake)."""
    code = getattr(place, "feature_code", "") or ""
    return not code.startswith("PPL") or code in ("PPLC", "PPLA", "PPLA2") \
        or (getattr(place, "population", 0) or 0) >= _CITY_WITH_QUARTERS


def _is_city(place) -> bool:
    """A capital, a province's seat or a populated place of at least _CITY_WITH_QUARTERS people."""
    code = getattr(place, "feature_code", "") or ""
    return code.startswith("PPL") and (code in ("PPLC", "PPLA") or (getattr(place, "population", 0) or 0) >= _CITY_WITH_QUARTERS)


def is_country(place) -> bool:
    """A country (GeoNames' PCL* feature codes): the last resort for a scene."""
    return getattr(place, "feature_code", "").startswith("PCL")
