"""Stage 2: what happened — event triggers mapped onto ACLED's taxonomy.

The lexicon is data: each row is a pattern, the ACLED event and sub-event type it
signals, and a priority. When a sentence holds several triggers ("after
conducting airstrikes … his Su-25 was hit with a MANPAD") the highest priority
wins, so the row order encodes an ACLED coder's precedence rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

_AIRCRAFT = r"(?:jet|plane|aircraft|warplane|helicopter|su-?\d+\w*|mig-?\d+\w*|fighter|bomber|gunship|pilot)"

# (pattern, event_type, sub_event_type, priority)
LEXICON: list[tuple[str, str, str, int]] = [
    # Explosions/Remote violence
    (r"\b(?:chlorine|sarin|mustard gas|toxic gas|poison(?:ous)? gas|nerve agent|chemical (?:weapons?|attacks?|munitions?|agents?|bombs?)|gas attack)\b",
     EXPLOSIONS, "Chemical weapon", 95),
    (r"\bsuicide (?:bomb\w*|attack\w*|car bomb\w*|vest|blast|truck)|\bexplosive vest|\bblew (?:himself|herself|themselves) up (?:at|in|near|among|outside)|\bsuicide-bomb\w*|\bsvbied\b",
     EXPLOSIONS, "Suicide bomb", 92),
    (r"\b(?:air ?strikes?|air-strikes?|air raids?|airstrike|aerial (?:bombardment|attack|bombing)s?|warplanes?|fighter jets?|bombing (?:runs?|raids?)|barrel bombs?|drone (?:strike|attack)s?|drones? (?:struck|hit|attacked|targeted)|helicopter gunships?|(?:jets|aircraft) (?:bombed|struck|hit|pounded|targeted))\b",
     EXPLOSIONS, "Air/drone strike", 80),
    (r"\b(?:shell(?:ed|ing|s)?|artillery|mortars?|rocket (?:fire|attacks?)|rockets? (?:hit|struck|landed|slammed|fell)|fired rockets?|missiles? (?:strikes?|attacks?|hit|struck|slammed)|missiles? (?:were )?(?:fired|launched)|ballistic missiles?|cruise missiles?|katyusha|grad rockets?|mlrs|howitzers?|tank fire|bombard(?:ed|ment))\b",
     EXPLOSIONS, "Shelling/artillery/missile attack", 75),
    (r"\b(?:roadside bombs?|ieds?|improvised explosive|land ?mines?|car bombs?|truck bombs?|explosive devices?|bombs? (?:exploded|went off|blast|ripped)|booby[- ]trap\w*|magnetic bombs?|sticky bombs?|vbied)\b",
     EXPLOSIONS, "Remote explosive/landmine/IED", 72),
    (r"\b(?:grenades?)\b", EXPLOSIONS, "Grenade", 62),
    (r"\b(?:explosions?|blasts?) (?:ripped|rocked|tore|hit|struck)\b", EXPLOSIONS, "Remote explosive/landmine/IED", 40),
    # Battles
    (rf"\b(?:shot down|shoots down|downed|brought down|hit)\b[^.]{{0,60}}\b{_AIRCRAFT}|\b{_AIRCRAFT}s?\b[^.]{{0,40}}\b(?:was|were) (?:shot down|downed|brought down|hit)|\bmanpads?\b|surface-to-air|anti-aircraft (?:missile|fire)|shoulder-fired",
     BATTLES, "Armed clash", 90),
    (r"\b(?:recaptured|retook|regained(?: control)?|took back|liberated|wrested back|restored control|recapture of|retaking)\b",
     BATTLES, "Government regains territory", 86),
    (r"\b(?:(?:seized|took|taken|gained|assumed|wrested|regained|recovered) (?:full |complete |total )?cont?rol|recovered (?:the )?territory|(?:captured|seized|overran|took) (?-i:[A-Z])\w*|overran|overrun|stormed and (?:seized|captured)|fell to|(?:captured|seized|took|taken) (?:the |a )?(?:[\w-]+ ){0,3}(?:town|city|village|district|base|capital|provincial capital))\b",
     BATTLES, "Non-state actor overtakes territory", 84),
    (r"\b(?:clash(?:es|ed)?|fighting (?:between|broke out|erupted|raged)|fought|gun ?battles?|firefights?|exchange of fire|exchanged fire|ambush(?:ed|es)?|attacked (?:an? |the )?(?:army|military|police|checkpoint|base|outpost|convoy|position|patrol|barracks)\w*|(?:offensive|assault) on|battled?|skirmish\w*)\b",
     BATTLES, "Armed clash", 60),
    # Violence against civilians
    (r"\b(?:attacked|attack on|assaulted)\b", VAC, "Attack", 30),
    (r"\b(?:raped|rape|sexual (?:violence|assault|abuse)|sexually (?:assault|abus)\w*)\b", VAC, "Sexual violence", 88),
    (r"\b(?:abduct\w*|kidnap\w*|taken hostage|held hostage|forcibly disappeared|seized (?:\d+|\w+) (?:students|schoolgirls|girls|passengers|people|villagers|civilians|worshippers))\b",
     VAC, "Abduction/forced disappearance", 87),
    (r"\b(?:massacred?|executed|beheaded|hacked to death|stabbed|burned alive|(?:gunmen|militants|attackers|assailants|fighters|armed (?:men|individuals|group)) (?:killed|shot|opened fire|attacked|stormed)|opened fire on (?:civilians|worshippers|villagers|residents|passengers|a (?:market|mosque|church|village|bus))|shot dead|gunned down)\b",
     VAC, "Attack", 55),
    # Protests and riots
    (r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|marched|march(?:es)? (?:through|in|to|on)|sit-ins?|took to the streets|strikers?|vigils?|(?:thousands|hundreds) (?:had |have )?(?:gathered|assembled))\b",
     PROTESTS, "Peaceful protest", 50),
    (r"\b(?:riot\w*|violent (?:protests?|demonstrations?)|(?:protesters|demonstrators|crowds?|rioters|youths) (?:\w+ ){0,2}(?:torched|set fire|set \w+ (?:alight|ablaze|on fire)|burned|burnt|threw|hurled|stoned|attacked|clashed|stormed|ransacked|broke into)|(?:set|setting) (?:fire to|ablaze)[^.]{0,40}(?:police|government|office|station))\b",
     RIOTS, "Violent demonstration", 61),
    (r"\b(?:mobs?|lynch\w*|vigilantes?|angry crowds?)\b", RIOTS, "Mob violence", 62),
    # How ACLED's own notes word events ("observed a total of 12 shots", "blocked the highway").
    (r"\b(?:(?:explosions?|projectiles?)(?:/[\w/]+)? involving|fired (?:[\w-]+ ){0,2}(?:ifvs?|bmps?|tanks?|artillery|mortars?|(?:automatic )?grenade launchers?|rockets?|missiles?|howitzers?)|(?:artillery|mortar|tank|rocket) (?:shells?|rounds?))\b",
     EXPLOSIONS, "Shelling/artillery/missile attack", 74),
    (r"\b(?:shots|bursts? of fire|small[- ]arms|heavy machine ?guns?|gunfights?|shoot-?outs?|repelled (?:an|the) attack|fired (?:[\w-]+ ){0,4}(?:on|at) (?:the )?positions|exchanged (?:gun)?fire|armed confrontations?|engaged in (?:a )?(?:fight|combat|clash)\w*|fighting)\b",
     BATTLES, "Armed clash", 54),
    (r"\b(?:shot and (?:killed|injured|wounded)|shot (?:at|and)|beat(?:en|ing)? (?:up|and|a|an|the|two|three|\d+)|drive-by shooting|found dead|(?:dead )?bod(?:y|ies) of|tortur\w+|started shooting|armed attack on|assassinat\w+|killed (?:a|an|one|two|three|\d+) (?:[\w-]+ ){0,2}(?:civilians?|man|men|woman|women|boy|girl|child|children|farmers?|residents?|villagers?|shepherds?|drivers?|journalists?|teachers?|traders?|people|persons?))\b",
     VAC, "Attack", 56),
    (r"\b(?:blocked (?:the |a |several |two )?(?:[\w-]+ ){0,2}(?:roads?|highways?|streets?|rn ?\d+|route|bridge|entrance|railway)|barricaded|motorcade|staged a|held a (?:sit-in|rally|demonstration|march|protest)|went on strike|boycott\w*|picket\w*)\b",
     PROTESTS, "Peaceful protest", 50),
    (r"\b(?:pelted stones|threw stones|stone[- ]pelting|hurled (?:stones|rocks|molotov\w*)|street[- ]fight|molotov cocktails?|(?:burn\w*|set fire to|setting fire to|set alight) (?:[\w-]+ ){0,2}(?:tyres|tires|mattresses|barricades)|forced? (?:their way|themselves) into)\b",
     RIOTS, "Violent demonstration", 61),
    (r"\b(?:villagers|residents|community members|locals|a group of (?:residents|villagers|people)) (?:[\w-]+ ){0,2}(?:assaulted|attacked|beat|hit|lynched|set alight|burned|killed|stoned)\b",
     RIOTS, "Mob violence", 62),
    (r"\b(?:armed clash(?:es)?|in both directions|small arms)\b", BATTLES, "Armed clash", 77),
    (r"\b(?:thwarted|repulsed|repelled|incursion|(?:security|military|clearance|counter-?terror\w*) operations?)\b", BATTLES, "Armed clash", 57),
    (r"\b(?:movement of forces|(?:brought|sent|deployed|dispatched) (?:[\w-]+ ){0,3}reinforcements|reinforcements (?:arrived|were sent|were deployed)|fortifications|redeployed|military build-?up)\b",
     STRATEGIC, "Change to group/activity", 43),
    (r"\b(?:(?:fist|physical|street)[- ]?fights?|fight broke out|(?:attacked|attack|beaten|beat(?:en)? up|assaulted|lynched|stoned) by (?:a group of |a mob of |some |angry |a crowd of )?(?:[\w-]+ ){0,2}(?:sellers|traders|vendors|villagers|residents|locals|youths|people|persons|men|crowd|mob|relatives|rivals|supporters|community members)|group of (?:local )?(?:young )?(?:men|youths|people|villagers|residents) (?:[\w-]+ ){0,2}(?:beat|attacked|assaulted|stoned|lynched|killed|burned))\b",
     RIOTS, "Mob violence", 63),
    # Strategic developments. ACLED's own notes often open with a label ("Defusal: On 4 May …").
    (r"^\s*(?:agreement|surrender)\s*:", STRATEGIC, "Agreement", 96),
    (r"^\s*(?:property destruction|looting|arson)\s*:", STRATEGIC, "Looting/property destruction", 96),
    (r"^\s*(?:weapons? seizure|interception|defusal|disrupted weapons use)\s*:", STRATEGIC, "Disrupted weapons use", 96),
    (r"^\s*(?:movement of forces|change to group(?:/activity)?|non-violent activity|recruitment)\s*:", STRATEGIC, "Change to group/activity", 96),
    (r"^\s*(?:headquarters|base) established\s*:", STRATEGIC, "Headquarters or base established", 96),
    (r"^\s*non-violent transfer of territory\s*:", STRATEGIC, "Non-violent transfer of territory", 96),
    (r"^\s*arrests?\s*:", STRATEGIC, "Arrests", 96),
    (r"\b(?:surrendered|laid down (?:their )?arms)\b", STRATEGIC, "Agreement", 47),
    (r"^\s*(?:land seizure|looting|property destruction)\s*:|\b(?:destroyed|demolished|burned|burnt|razed) (?:[\w-]+ ){0,3}(?:houses?|homes?|shops?|buildings?|property|crops|vehicles?|airstrip)\b|\bseized (?:about |some |over |more than )?(?:[\w,.-]+ ){0,2}(?:tons?|kilos?|kg|packs?|kilograms?) of\b|\bmaterial damage\b",
     STRATEGIC, "Looting/property destruction", 48),
    (r"^\s*security measures\s*:|\b(?:curfew|lockdown|state of emergency)\b|\b(?:conducted|carried out) (?:a |joint )?patrols?\b|\breinforcements\b|\bdelivered (?:food|aid|humanitarian)",
     STRATEGIC, "Change to group/activity", 42),
    (r"\b(?:returned (?:home |to \w+ )?from|evacuated|displaced|displacement|fled their homes|arrived (?:from|after))\b", STRATEGIC, "Other", 40),
    (r"\b(?:set on fire|arson)\b", STRATEGIC, "Looting/property destruction", 43),
    (r"\b(?:shot down (?:[\w-]+ ){0,3}(?:drones?|missiles?|rockets?|uavs?)|controlled explosion|(?:located|found|discovered) (?:[\w-]+ ){0,4}(?:explosives?|ieds?|landmines?|mines))\b",
     STRATEGIC, "Disrupted weapons use", 89),
    (r"\b(?:signed|agreed|reached|brokered|announced)\b[^.]{0,40}\b(?:ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|agreement|deal)\b|\b(?:prisoner|detainee) (?:swap|exchange)\b|\bceasefire (?:took effect|came into effect|agreed)\b",
     STRATEGIC, "Agreement", 46),
    (r"\b(?:arrest\w*|detain\w*|rounded up|taken into custody|apprehended)\b", STRATEGIC, "Arrests", 45),
    (r"\b(?:defused|dismantled|intercepted|shot down (?:an? |\d+ |two |three |several )?(?:drones?|missiles?|rockets?)|seized (?:a |an )?(?:weapons?|arms|explosives?|ammunition)(?: cache| depot)?|weapons? caches?|arms caches?)\b",
     STRATEGIC, "Disrupted weapons use", 89),
    (r"\b(?:(?:set up|established|opened|built) (?:a |an |its |their )?(?:new )?(?:military )?(?:base|headquarters|outpost|garrison))\b",
     STRATEGIC, "Headquarters or base established", 44),
    (r"\b(?:loot\w*|ransack\w*|torched|set (?:fire to|ablaze)|burned down|burnt down|demolished|razed|vandali[sz]ed|destroyed (?:homes|houses|shops|property|crops))\b",
     STRATEGIC, "Looting/property destruction", 43),
    (r"\b(?:blew up|dynamited) (?:the |a |an )?(?:[\w'’-]+ ){0,4}(?:mosque|church|shrine|bridge|building|minaret|school|houses?|homes?|monument|temple|tomb)s?\b",
     STRATEGIC, "Looting/property destruction", 61),
    (r"\b(?:withdrew from|pulled out of|entered (?:the )?(?:[\w-]+ ){0,2}(?:city|town|village) of|handed over (?:control|the (?:town|city|base))|evacuated from|took over (?:without|unopposed)|peacefully (?:took|handed))\b",
     STRATEGIC, "Non-violent transfer of territory", 42),
    (r"\b(?:merged|merger|pledged allegiance|defected|dissolved|formed a new|new (?:coalition|alliance)|announced (?:the )?formation|appointed (?:a )?new (?:leader|commander)|named (?:a )?new (?:leader|commander))\b",
     STRATEGIC, "Change to group/activity", 41),
]

_COMPILED = [(re.compile(p, re.IGNORECASE), t, s, prio) for p, t, s, prio in LEXICON]

# Protest modifiers: how the authorities met the crowd.
_EXCESSIVE_FORCE = re.compile(
    r"\b(?:opened fire on|fired (?:live (?:ammunition|rounds)|on)|live (?:ammunition|rounds|fire)|shot dead|killed (?:\w+ ){0,3}(?:protesters|demonstrators|marchers))\b|\b(?:protesters|demonstrators) (?:were )?(?:killed|shot)",
    re.I,
)
_INTERVENTION = re.compile(
    r"\b(?:tear ?gas|water cannons?|rubber bullets|dispersed|broke up|batons?|baton-charged|"
    r"beat (?:protesters|demonstrators)|intervened|(?:shot|fired) (?:in)?to the air|warning shots|"
    r"(?:arrested|detained|rounded up) (?:[\w-]+ ){0,4}(?:protesters|demonstrators|participants|activists|marchers|students|them)|"
    r"(?:protesters|demonstrators|participants|activists|marchers) (?:[\w-]+ ){0,3}(?:were|was) (?:[\w-]+ )?(?:arrested|detained))\b",
    re.I,
)
# A crowd that fights, burns or breaks things is rioting, however it started.
_CROWD_VIOLENCE = re.compile(
    r"\b(?:clash\w*|set (?:[\w-]+ ){0,3}on fire|broke into|smash\w*|set fire|burn(?:t|ed|ing)|destroyed|vandali[sz]\w*|ransack\w*|"
    r"threw|hurled|pelted|stormed|torched|looted)\b",
    re.I,
)


def protest_response(sentence: str) -> str | None:
    """How a protest went, by what the sentence says of the crowd and the authorities."""
    if _CROWD_VIOLENCE.search(sentence):
        return "Violent demonstration"
    if _EXCESSIVE_FORCE.search(sentence):
        return "Excessive force against protesters"
    if _INTERVENTION.search(sentence):
        return "Protest with intervention"
    return None


@dataclass(frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str
    priority: int
    start: int
    end: int
    text: str


def find_triggers(sentence: str) -> list[Trigger]:
    """All triggers in the sentence, best first."""
    found = [
        Trigger(event_type, sub, prio, m.start(), m.end(), m.group(0))
        for pattern, event_type, sub, prio in _COMPILED
        for m in pattern.finditer(sentence)
    ]
    return sorted(found, key=lambda t: (-t.priority, t.start))


def best_trigger(sentence: str, found: list[Trigger] | None = None) -> Trigger | None:
    """The trigger an ACLED coder would code the sentence by, with protest and riot refinements.

    `found` is the sentence's `find_triggers` result when the caller has it already.
    """
    triggers = find_triggers(sentence) if found is None else found
    if not triggers:
        return None
    best = triggers[0]
    kinds = {t.event_type for t in triggers}
    if PROTESTS in kinds and (best.event_type in (PROTESTS, STRATEGIC, VAC) or best.priority <= 60):
        # Arrests, shootings or burning at a protest are how the protest went, not separate events.
        protest = next(t for t in triggers if t.event_type == PROTESTS)
        return refine_protest(protest, sentence)
    return best


# How a protest went, as ACLED codes it, with the priority that lets it outrank the plain protest.
_PROTEST_OUTCOMES = {
    "Violent demonstration": (RIOTS, 71),
    "Excessive force against protesters": (PROTESTS, 70),
    "Protest with intervention": (PROTESTS, 60),
}


def refine_protest(protest: Trigger, sentence: str) -> Trigger:
    """The protest trigger, re-coded by how the sentence says the protest went."""
    outcome = protest_response(sentence)
    if outcome is None:
        return protest
    event_type, priority = _PROTEST_OUTCOMES[outcome]
    if priority <= protest.priority:
        return protest
    return Trigger(event_type, outcome, priority, protest.start, protest.end, protest.text)
