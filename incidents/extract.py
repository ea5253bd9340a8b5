"""Article -> incidents: the stages run in order, each in its own module.

sentences (text) -> triggers -> dates -> counts -> actors -> places -> incidents.

A new incident needs a trigger and a date of its own. A sentence that continues
the story without a date ("his Su-25 was hit with a MANPAD") adds its evidence,
place and counts to the incident just told; a sentence on the same date and of
the same type ("the video of the alleged attack on Sunday night") merges into it.
Statements, condemnations, hypotheticals and history never make incidents.
A sentence that tells two events ("shelling on X and a man killed near Y", as
headlines do) places its incident where someone was killed or hurt.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from incidents import actors as actor_stage
from incidents import counts, dates, triggers
from incidents.articles import Article
from incidents.places import PlaceResolver, ResolvedPlace, is_country
from incidents.record import Incident
from incidents.text import split_sentences
from incidents.merge import km_between

_STATEMENT = re.compile(
    # (A quotation opening the sentence is someone's words; a short name in quotes is not:
    # "“Turkish Forces” target Afrin".)
    r"^\s*[\"“](?![^\"”]{0,40}[\"”])|\b(?:said in a statement|in a statement|condemn\w*|denounc\w*|deplor\w*|urged|calls? (?:on|for)|called (?:on|for)|"
    r"(?:is|are|was|were) (?:gravely |deeply )?(?:alarmed|concerned)|warn(?:s|ed)? that|vowed|pledged to|expressed (?:concern|outrage))\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|(?-i:may)(?!\s+\d)|threaten\w* to|plans? to|planned to|planning to|intends? to|if|unless|fears? of|risk of|warned of|"
    # what is yet to come: "talks are set to resume"; "Real Madrid will clash with Barcelona" (_WILL_BEFORE)
    r"(?:is|are) (?:set|due|scheduled|expected) to)\b",
    re.I,
)
# A war's toll so far ("the decade-long insurgency has killed more than 27,000 people") is history,
# not an incident, and its count belongs to no incident told nearby.
_CUMULATIVE_TOLL = re.compile(
    r"\b(?:war|insurgency|conflict|violence|fighting|crisis|uprising|unrest|campaign|rebellion)\b[^.;]{0,40}?"
    r"\b(?:has|have)(?: so far| now| since)? (?:killed|claimed|left)\b", re.I)
_RESPONSIBILITY = re.compile(r"\b(?:claimed|claims|claiming|taken|took|takes|has since taken) (?:the )?responsibility\b", re.I)
# Someone commenting ("riots and vandalism were unacceptable, the envoy said") is not telling how a protest went.
_SPEECH = re.compile(r"\b(?:said|says|told|stated|added|insisted|stressed)\b", re.I)
# "… said people had the right to protest but that riots were unacceptable": an opinion, not an event.
_OPINION = re.compile(r"\b(?:said|says|told|stated)\b[^.]*\b(?:right to|unacceptable|must|should|would|will|could|never)\b", re.I)
# "raids" and "strikes" alone are air strikes when the article is about air strikes.
_CONTEXT_AIR = re.compile(r"\b(?:raids?|strikes?|bombing|bombed|bombardment)\b", re.I)
# A sentence that only reports deaths ("two soldiers were killed in X on Monday").
# Headlines tell a toll in the present or by a noun: "mines kill two", "casualties in X", "martyrs in X".
_KILL_ONLY = re.compile(
    r"\b(?:killed|killing|kills?|were shot|was shot|died|dead|slain|casualties|martyrs|martyred|human losses)\b", re.I)


# A sentence telling that an incident's toll grew: "the death toll rose to 21", "has risen to", "climbed to".
_TOLL_ROSE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|jumped|raised|raising|reached|mounted)\s+(?:[\w-]+\s+){0,3}?to\b|"
                        r"\bnew (?:death )?toll\b|\bupdated (?:death )?toll\b", re.I)


@dataclass
class _Draft:
    """An incident being assembled from one or more sentences."""

    trigger: triggers.Trigger
    date: dates.DateMention
    sentences: list[int]
    evidence: list[str]
    place: ResolvedPlace | None = None
    place_inherited: bool = False
    fatalities: int | None = None
    injuries: int | None = None
    actor1: actor_stage.ActorMention | None = None
    actor2: actor_stage.ActorMention | None = None
    context: str = ""  # its evidence and the two sentences after: "… One driver was injured."
    apart: bool = False  # told as another event ("Separately, …", "In the east, …"): it borrows no place

    def absorb(self, index: int, sentence: str, place: ResolvedPlace | None, fatal: int | None, injured: int | None,
               a1, a2, trigger: triggers.Trigger | None = None) -> None:
        self.sentences.append(index)
        self.evidence.append(sentence)
        if trigger is not None and trigger.priority > self.trigger.priority and (
            _family(trigger) == _family(self.trigger) or self.trigger.priority < 50 or _fire_answered(self.trigger, trigger)
        ) and not (trigger.event_type == "Strategic developments" != self.trigger.event_type):
            # The clearer word wins: "explosions ripped through …" then "missiles struck";
            # "beating residents" then "sexually assaulting women" within one event type.
            # (But an arrest told after an assault is its aftermath, never what the incident was.)
            self.trigger = trigger
        if place is not None and (self.place is None or self.place_inherited
                                  or (place.precision < self.place.precision and _narrows(place, self.place))):
            self.place, self.place_inherited = place, False
        # The toll is the one first told for the incident: a later sentence's larger number is most often
        # another event's or a running total ("… bringing the week's toll to 60"), unless it says that
        # this incident's toll rose ("the death toll from the blast has risen to 21"), or the first told
        # only one unnamed death or none ("the pilot was killed" before "the raid killed 31").
        if self.fatalities is None or self.fatalities <= 1 or (fatal is not None and _TOLL_ROSE.search(sentence)):
            self.fatalities = _max(self.fatalities, fatal)
        self.injuries = _max(self.injuries, injured)
        self.actor1 = self.actor1 or a1
        self.actor2 = self.actor2 or a2


def _narrows(finer: ResolvedPlace, coarser: ResolvedPlace) -> bool:
    """Whether `finer` may stand for `coarser` as the incident's place: it lies in that province or country (or
    near the town), not elsewhere ("Russian missiles struck the Kharkiv region … Kyiv did not comment on the
    Donetsk shelling": still Kharkiv's)."""
    outer = coarser.place
    if is_country(outer):
        return finer.place.country_code == outer.country_code
    if getattr(outer, "feature_code", "") == "ADM1":
        return finer.place.country_code == outer.country_code and getattr(finer.place, "admin1", None) == outer.name
    return km_between(finer.place, outer) <= 50


# Where a clause opens: "hitmen who were planning a killing, resulting in a shoot-out" -- the plan
# belongs to the relative clause, and the shoot-out after the comma happened.
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+-\s+")


def _clause_start(text: str, end: int) -> int:
    """Where the clause holding position `end` begins."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, end):
        start = m.end()
    return start


def _fire_answered(told: triggers.Trigger, following: triggers.Trigger) -> bool:
    """Shooting at someone, then "the police shot back": the victims were armed, so it was a fight."""
    return told.sub_event_type == "Attack" and following.sub_event_type == "Armed clash" and following.priority >= 77


def _protest_aims(text: str, trigger: triggers.Trigger | None) -> bool:
    """Protesters "denouncing" or "condemning" something are protesting, not issuing a statement."""
    return trigger is not None and trigger.event_type in ("Protests", "Riots") and not re.match(r"\s*[\"“]", text)


def _answered_fire(told: triggers.Trigger, following: triggers.Trigger, gap: int) -> bool:
    """Shelling or a grenade, then at once "fire in both directions" or "soldiers reacted with gunfire":
    the next sentence tells the same fight (and makes it a battle, see `_coded_type`)."""
    return gap == 1 and told.sub_event_type in ("Shelling/artillery/missile attack", "Grenade") and \
        following.event_type == "Battles"


def _family(trigger: triggers.Trigger) -> str:
    """Protests and riots are one family: a protest that turns violent is one incident."""
    return "Demonstrations" if trigger.event_type in ("Protests", "Riots") else trigger.event_type


_KNOWN_AS = re.compile(r"\b(?:known as|called|named|offshoot|affiliate|branch|faction)\b", re.I)


def _claimant(text: str, groups: list) -> object | None:
    """The group that claimed: the first named, unless it only introduces another
    ("an al-Qaeda offshoot known as Hayat Tahrir al-Sham")."""
    if not groups:
        return None
    first = groups[0]
    for later in groups[1:]:
        if _KNOWN_AS.search(text[first.end:later.start]):
            return later
    return first


_ARMED = (1, 2, 3, 4, 8)
# Shelling told with these is part of a fight between two sides.
_GROUND_FIGHT = re.compile(
    r"\b(?:clash(?:es|ed)|fired back|returned (?:the )?fire|in both directions|exchang\w+|fighting|gunfire|"
    r"respond\w* to (?:the )?(?:[\w-]+ )?(?:fire|shelling|attacks?)|reacted with (?:gun)?fire)\b", re.I)
# "35 gang members were arrested": the group named is the one arrested, not the one arresting.
_ARRESTED_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?(?:arrested|detained|apprehended)", re.I)
# An attack told only by what it burned or broke, with nobody hurt, is property destruction.
_PROPERTY_ONLY = re.compile(
    r"\b(?:burn\w*|destroy\w*|torch\w*|loot\w*|set (?:on )?fire|set \w+ ablaze|damag\w*|vandali[sz]\w*|pillag\w*)\b", re.I)
_HARMED = re.compile(
    r"\b(?:kill\w*|dead|death|died|injur\w*|wound\w*|shot|hurt|beat\w*|bod(?:y|ies)|fatalit\w*|casualt\w*|"
    r"abduct\w*|kidnap\w*|rap(?:e|ed|es|ing))\b", re.I)
# Harm denied is no harm: "no casualties were reported", "neither fatalities nor injuries", "nobody was hurt".
_NO_HARM = re.compile(
    r"\b(?:no|neither|nor|without(?: any)?|not any)\s+(?:(?:reported|known|immediate|human|other|[\w-]+,?)\s+){0,2}?"
    r"(?:casualt\w*|fatalit\w*|injur\w*|deaths?|dead|victims?)\b|"
    r"\b(?:nobody|no one|no-one|none) (?:[\w-]+ )?(?:was|were|got) (?:[\w-]+ )?(?:hurt|injured|killed|wounded|harmed)\b", re.I)


def _harmed(text: str) -> bool:
    """Whether the text tells of someone hurt, not counting harm it denies."""
    return bool(_HARMED.search(_NO_HARM.sub(" ", text)))


# A soldier or policeman attacked off duty is attacked as a civilian.
_OFF_DUTY = re.compile(r"\boff[- ]duty\b", re.I)
_KILLED_AFTER = re.compile(
    r"\b(?:killed|killing (?!of\b)|murdered|executed|beheaded|stabbed|shot dead|tortured to death|(?:corpse|body|bodies) (?:was|were) found|"
    r"(?:was|were) found (?:dead|(?:[\w-]+,? ){0,3}beaten)|(?:body|bodies|corpses?) of)\b", re.I)
# A victim told as one of an armed side, a trafficker, a gang's member or armed himself: ACLED codes
# the killing as a fight between armed groups, not as violence against a civilian.
_ARMED_VICTIM = re.compile(
    r"\bvictims? (?:had|has|have|was|were)\b[^.]{0,80}\bdrug[- ]traffick\w*|\bvictims? (?:was|were) armed\b|"
    r"(?<!of )\b(?:a|an|the|one|two|three) (?:(?:alleged|suspected|known|presumed) (?:[\w-]+ )?members? of (?:the )?(?-i:[A-Z])[\w-]+"
    r"(?: (?-i:[A-Z])[\w-]+)*|(?:alleged |suspected |known |presumed )?(?:drug[- ]traffickers?|gang members?|"
    r"(?-i:[A-Z]{2,})[\w-]* members?)),? (?:[\w-]+ ){0,3}(?:was|were) "
    r"(?:shot|killed|found|injured|wounded|stabbed|murdered)|"
    # "killed a suspected ISGS commander", "killed 3 IS militants": the dead were fighters.
    r"\b(?:killed|shot dead|shot and killed|gunned down) (?:a |an |the |one |two |three |four |five |\d+ )?(?:suspected |alleged |presumed )?"
    r"(?:[\w-]+ )?(?:commanders?|militants?|insurgents?|jihadists?|rebels?|fighters?|cadres?|terrorists?|maoists?)\b|"
    # "an unidentified militant was killed", "two TTP militants were shot dead".
    r"\b(?:militants?|insurgents?|jihadists?|rebels?|cadres?|terrorists?|maoists?),? (?:[\w,-]+ ){0,4}(?:was|were|is|are|has been|have been) "
    r"(?:[\w-]+ )?(?:killed|shot dead|gunned down)\b|"
    # A headline's toll: "1 militant killed", "three rebels killed in X"; "forces kill four members of X".
    r"\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+) (?:[\w-]+ ){0,2}(?:militants?|insurgents?|jihadists?|rebels?|terrorists?) "
    r"(?:killed|shot dead|gunned down)\b(?! (?:an?|the|one|two|three|four|five|\d+|civilians?|people|villagers)\b)|"
    r"\bleft (?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+) (?:[\w-]+ ){0,2}(?:militants?|insurgents?|rebels?|terrorists?) dead\b|"
    r"\b(?:kill(?:s|ed)?|shot dead|gunned down) (?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+) "
    r"(?:members|fighters|militants|cadres) of (?:the )?(?-i:[A-Z])(?![^.,;]{0,30}\b(?:community|communities|famil(?:y|ies)|clan|tribe|caste|village|sect)\b)",
    re.I,
)
# The side attacked answered with force: "the police shot back", "militiamen routed the assailants",
# "two armed men exchanged fire with the agents". Those attacked were armed, so it was a fight.
_FOUGHT_BACK = re.compile(
    r"\b(?:shot back|fired back|returned (?:the )?fire|exchanged (?:gun)?fire|exchanges? of (?:gun)?fire|shoot-?outs?|"
    r"gunfights?|firefights?|gun ?battles?|retaliated|(?:routed|repelled|repulsed|fought off) (?:the )?(?:assailants|attackers|gunmen|"
    r"militants|raiders|assault|attack))\b", re.I)
# Heavy machine guns or grenade launchers fired at a line, with no small arms and no return fire:
# ACLED codes that as fire from afar, like shelling, not as a fight at close range.
_HEAVY_WEAPONS = re.compile(r"\b(?:heavy machine ?guns?|grenade launchers?)\b", re.I)
_CLOSE_FIGHT = re.compile(
    r"\b(?:small[- ]arms|both directions|exchang\w+|clash\w*|fight\w*|fought|returned (?:the )?fire|fired back|"
    r"shot back|ambush\w*|gun ?battles?|firefights?|assault\w*)\b", re.I)
# Fire aimed at civilians by name: an attack, whichever armed sides the report also names.
_CIVILIAN_TARGET = re.compile(
    r"\b(?:opened fire|fired|shot) (?:on|at|into) (?:a |an |the )?(?:group of )?(?:civilians?|residents|villagers|passengers|"
    r"worshippers|farmers|shepherds|(?:civilian|passenger) (?:cars?|vehicles?|bus(?:es)?|houses?|homes?))\b", re.I)
# Words that already say both sides fought: civilians hurt in the crossfire do not make it one-sided.
_TWO_SIDED = re.compile(r"clash|exchang|fight|fought|battle|both directions|between|firefight|gunfight|skirmish|shoot-?out|encounter", re.I)
# A side named as members of an organisation spelled as a name: "members of the CDN", "fighters of Al Amal".
_MEMBERS_OF_GROUP = re.compile(r"\b(?:members|fighters|elements|militants) of (?:the )?(?-i:[A-Z])", re.I)
# A riot told with a protest is a demonstration that turned violent; without one, a mob.
_PROTEST_CUE = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|marche[sd]|marchers|sit-ins?|on strike|strikers|"
    r"gathered\b[^.]{0,100}?\bto (?:demand|protest|denounce|condemn|oppose|reject|call for|press for)|"
    # A grievance voiced or a road shut: "demanding fuel", "burned tyres", "cut off the streets".
    r"demand\w*|denounc\w*|to condemn|dharna|took to the streets|in protest|"
    r"(?:blocked|cut off|closed) (?:the )?(?:[\w-]+ ){0,2}(?:roads?|streets?|highways?)|burn\w* (?:rubber )?(?:tires|tyres))",
    re.I,
)
# A policeman or soldier on the receiving end, told in the passive ("two officers were shot by a man")
# or as the object of a verb of harm ("stabbed and wounded a soldier"): the state's side was attacked.
_STATE_WORD = (r"(?:police(?:m[ae]n| officers?)?|officers?|soldiers?|troops|servicem[ae]n|border guards?|gendarmes?|"
               r"constables?|personnel|commanders?|jawans?|rangers?|security officials?|peacekeepers?|"
               # "a member of the regime's state security": one of the forces, however the force is named.
               r"members? of (?:the )?(?:[\w'’-]+ ){0,3}(?:security|forces|army|police|military|intelligence))")
_HARM_VERB = r"(?:shot|gunned down|abducted|kidnapped|fired (?:up)?on|fired at|attacked|stabbed|killed|wounded|injured|ambushed|assaulted|beaten|beat|hacked|murdered|lynched|targeted)"
_ARMED_PATIENT = re.compile(
    rf"\b{_STATE_WORD}\b(?:[\s,]+(?!(?:who|that|which|after|when|while|and|but|as|by)\b)[\w()'-]+){{0,6}}?\s+"
    rf"(?:is|are|was|were|had been|have been|has been|got)\s+(?:[\w-]+\s+)?{_HARM_VERB}\b|"
    rf"\b(?:{_HARM_VERB}(?: dead| and (?:killed|wounded|injured))?|killing|wounding|injuring) (?:at least |some |about )?"
    rf"(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|one|several|\d+) "
    rf"(?:[\w-]+ ){{0,2}}{_STATE_WORD}\b|"
    rf"\b{_STATE_WORD} (?:[\w-]+ ){{0,3}}(?:died|succumbed) (?:of|from|to) (?:his |her |their |the )?(?:gunshot |bullet )?(?:wounds|injuries)\b|"
    # A headline's toll without its verb: "three soldiers killed", "two policemen wounded in X".
    rf"\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+) (?:[\w-]+ ){{0,2}}{_STATE_WORD} (?:killed|wounded|injured)\b"
    rf"(?! (?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|\d+|his|her|their|civilians?|people|villagers|residents)\b)",
    re.I)
# Someone who no longer serves, or was off duty, is attacked as a civilian.
# So is one attacked at home: "shot outside his house", "gunmen stormed the policeman's home".
_NOT_SERVING = re.compile(
    r"\b(?:former|retired|ex-|off[- ]duty|dressed (?:as|in|with)|(?:in )?(?:civilian|plain) clothes|unarmed|"
    r"(?:at|outside|near|in front of|inside|in) (?:his|her|their) (?:own )?(?:house|home|residence)|"
    r"(?:stormed|attacked|raided|broke into) (?:the )?(?:[\w'’-]+ ){0,2}(?:house|home|residence))", re.I)
# What makes an attacker an armed side rather than a crowd: guns, blades drawn to kill, "armed".
_ARMED_CUE = re.compile(
    r"\b(?:shot|shoot\w*|gun\w*|pistols?|rifles?|firearms?|stabbed|knifed|"
    r"armed(?! forces| police| robber\w*)(?! with (?:sticks|stones|rocks|clubs|canes|batons|bricks)))\b", re.I)
_FIREARMS = re.compile(
    r"\b(?:gunfire|gun ?battles?|gunfights?|exchanges? of fire|exchanged fire|opened fire|firearms?|small arms|"
    r"automatic weapons|rifles?|ak-47s?|machine ?guns?|artillery|mortars?|rockets?|shelling|sniper)\b",
    re.I,
)


# Two armed sides named as such: "between government troops and KIA troops", "troops of India and Pakistan".
_FORCE_NOUN = r"(?:troops|forces|army|armies|soldiers|military|rebels|militants|insurgents|fighters|militias?|militiamen)"
_ARMED_PAIR = re.compile(
    rf"\bbetween (?:the )?(?:[\w'’()-]+ ){{0,3}}{_FORCE_NOUN} and (?:the )?(?:[\w'’()-]+ ){{0,3}}{_FORCE_NOUN}\b|"
    rf"\b(?:troops|forces|armies|soldiers) of (?-i:[A-Z])[\w-]+ and (?-i:[A-Z])[\w-]+\b|"
    rf"\b(?-i:[A-Z])[\w-]*(?:an|ese|i|ish) and (?-i:[A-Z])[\w-]+ (?:troops|forces|armies|soldiers)\b|"
    # Two wings of one force fighting each other: "clashes between two factions of pro-Houthi forces".
    rf"\bbetween (?:the )?(?:two |rival )+(?:factions|units|groups|brigades|wings|battalions) (?:of|within) (?:the )?(?:[\w'’()-]+ ){{0,3}}{_FORCE_NOUN}\b", re.I)
# Unarmed people as one side of a clash with the police: voters, party supporters, workers, students.
_UNARMED_SIDE = re.compile(
    r"\b(?:voters|supporters|activists|workers|students|villagers|residents|protesters|demonstrators|agitators|"
    r"traders|vendors|hawkers|followers|devotees|fans|youths|mobs?|crowds?)\b", re.I)


# Ordnance from a war long over: "a rocket left over from the civil war", "where fighting occurred in the 1980s".
_WAR_RELIC = re.compile(
    r"\b(?:left ?over|leftover|remnants?|relics?) (?:from|of) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:wars?|conflicts?|fighting|era|regime)\b|"
    r"\bfighting (?:occurred|took place|raged) (?:[\w-]+ ){0,3}in the \d{4}s|\bworld war\b|\b(?:from|during|since) the \d{4}s\b", re.I)


# A hand-thrown fire or crude bomb (the trigger row of `triggers.HAND_BOMB`), and who threw it at whom.
_THROWN_BOMB = re.compile(triggers.HAND_BOMB + r"|firebombed|\bbombs?\b", re.I)
_CROWD_THROWER = re.compile(r"\b(?:rioters|protesters|demonstrators|crowds?|mobs?|youths|clash\w*)\b", re.I)
_FORCES_TARGET = re.compile(
    r"\b(?:at|on|targeting|towards|into) (?:a |an |the )?(?:[\w-]+ )?(?:police|policem[ae]n|law enforcers|soldiers|troops|army|military|security forces)\b", re.I)
_BURNED = re.compile(r"\b(?:suffered|received|sustained) (?:[\w-]+ )?burns\b|\b(?:burnt|burned) alive\b", re.I)
# The police shooting back: the throwers were one side of a fight.
_POLICE_FIRE = re.compile(
    r"\b(?:police|law enforcers) (?:[\w-]+ ){0,3}(?:firing|fired|opened fire)|\bpolice firing\b|\bresponded with firing\b|\bencounter\b", re.I)
_PROCESSION = re.compile(r"\bprocessions?\b|\bpickets\b", re.I)
# A shutdown or transport blockade called by a party or a union: what is burnt to enforce it is a riot.
_SHUTDOWN = re.compile(r"\b(?:hartals?|bandhs?|blockades?|blockages?|shutdowns?|blockaders|pro-blockade|pro-hartal)\b", re.I)


# A quarrel of neighbours or kin, never a demonstration: "over a land dispute", "an old family feud".
_PRIVATE_DISPUTE = re.compile(
    r"\bover (?:a |an |the )?(?:[\w-]+ )?(?:land|property|plot|boundary|water|grazing|family|personal|money|debt|marriage)"
    r"(?:[\w -]{0,20}?(?:dispute|row|issue|feud|enmity|quarrel))?\b|\b(?:family|personal|old|land) (?:feud|enmity|rivalry|dispute)s?\b",
    re.I)


def _coded_type(draft: _Draft, protest_context: bool = False) -> tuple[str, str]:
    """ACLED's rules that depend on who was involved, applied to the trigger's type.

    An attack on soldiers or police is a battle, not violence against civilians;
    who took the ground decides between "regains" (state forces) and "overtakes".
    """
    event_type, sub = draft.trigger.event_type, draft.trigger.sub_event_type
    inter1 = draft.actor1.inter if draft.actor1 else None
    inter2 = draft.actor2.inter if draft.actor2 else None
    evidence = " ".join(draft.evidence)
    context = draft.context or evidence  # (with the sentences told between and right after the evidence)
    if event_type == "Explosions/Remote violence" and inter1 not in _ARMED and _WAR_RELIC.search(context):
        # Nobody fired it: a relic of a war long over going off is ACLED's "Other", not remote violence.
        return "Strategic developments", "Other"
    if sub == "Abduction/forced disappearance" and inter2 in (1, 2, 3, 8) and inter1 != 7 \
            and not _OFF_DUTY.search(evidence):
        return "Battles", "Armed clash"  # seizing a soldier or policeman on duty is an attack on an armed side
    if sub == "Abduction/forced disappearance" and _KILLED_AFTER.search(evidence):
        event_type, sub = "Violence against civilians", "Attack"  # abducted and killed: the killing is coded
    if sub == "Arrests" and inter1 in (2, 3, 4) and not _ARRESTED_PASSIVE.search(evidence):
        # Only the state arrests; an armed group holding people is abducting them.
        return "Violence against civilians", "Abduction/forced disappearance"
    if sub == "Mob violence" and draft.trigger.priority == triggers.THROWN_BOMB_PRIORITY \
            and _THROWN_BOMB.search(draft.trigger.text):
        # A petrol or crude bomb thrown: at passengers or passers-by it hurt, an attack on civilians; thrown by a
        # crowd, at the police, or hurting no one, a riot (a demonstration's when a protest or a shutdown is told).
        if _POLICE_FIRE.search(context) or _FOUGHT_BACK.search(context):
            return "Battles", "Armed clash"  # the police fired back at the throwers
        crowd = _CROWD_THROWER.search(context)
        if _FORCES_TARGET.search(context) and not crowd:
            return "Explosions/Remote violence", "Grenade"  # thrown at the police or troops by a gang, not a crowd
        if (_harmed(context) or _BURNED.search(context)) and not crowd:
            return "Violence against civilians", "Attack"
        protest = protest_context or bool(_PROTEST_CUE.search(context) or _SHUTDOWN.search(context))
        return "Riots", "Violent demonstration" if protest else "Mob violence"
    if sub == "Grenade" and (inter1 == 5 or _PROCESSION.search(evidence)) \
            and not _FIREARMS.search(context):
        return "Riots", "Violent demonstration"  # crude bombs set off by pickets, blockaders or a procession
    if sub == "Grenade" and _POLICE_FIRE.search(context):
        return "Battles", "Armed clash"  # bombs thrown in a gunfight with the police are part of the fight
    if sub == "Looting/property destruction" and inter1 not in (1, 2, 4, 8) and (inter1 == 5 or _SHUTDOWN.search(context)):
        return "Riots", "Violent demonstration"  # buses and trucks burnt to enforce a hartal or a blockade
    if sub == "Looting/property destruction" and inter1 in _ARMED and inter1 != 1 \
            and _FOUGHT_BACK.search(context):
        return "Battles", "Armed clash"  # raiders driven off by armed defenders fought them, hurt or not
    if sub == "Looting/property destruction" and inter1 in _ARMED and _harmed(draft.context):
        event_type, sub = "Violence against civilians", "Attack"  # burning and hurting people: the people come first
    if sub == "Attack" and _PROPERTY_ONLY.search(evidence) and not _harmed(draft.context):
        return "Strategic developments", "Looting/property destruction"  # an attack on things, not people
    if sub == "Attack" and draft.trigger.priority < 30 and _ARMED_PAIR.search(evidence):
        return "Battles", "Armed clash"  # a toll told of two armies firing at each other: civilians die in their battle
    if sub == "Attack" and inter1 == 5:
        event_type, sub = "Riots", "Mob violence"  # rioters attacking: coded below as a mob or a demonstration
    if sub == "Attack" and inter2 in _ARMED and inter1 != 7 and not _NOT_SERVING.search(evidence) \
            and not _CIVILIAN_TARGET.search(evidence):
        return "Battles", "Armed clash"
    if sub == "Attack" and inter1 != 7 and _ARMED_VICTIM.search(context):
        return "Battles", "Armed clash"  # the one shot was himself of an armed group
    if sub == "Attack" and inter1 != 7 and _FOUGHT_BACK.search(context):
        return "Battles", "Armed clash"  # the ones attacked fired back or drove the attackers off: two armed sides
    if sub == "Attack" and _ARMED_PATIENT.search(evidence) and not _NOT_SERVING.search(evidence) \
            and not _CIVILIAN_TARGET.search(evidence):
        if inter1 in (5, 6, 7) and not _ARMED_CUE.search(evidence):
            return "Riots", "Mob violence"  # a crowd turning on the police with fists or stones
        return "Battles", "Armed clash"  # whoever shot or stabbed a man on duty fought the state
    if sub == "Armed clash" and draft.trigger.priority < 60 and _HEAVY_WEAPONS.search(evidence) \
            and not _CLOSE_FIGHT.search(context):
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if sub == "Armed clash":
        sides = (inter1, inter2)
        if _ARMED_PAIR.search(evidence):
            return event_type, sub  # "fighting between government troops and KIA troops": both sides are armed
        crowd = any(i in (5, 6, 7) for i in sides) and not any(i in (2, 3, 4, 8) for i in sides)
        # "Police and voters clashed": the state against a side told only by a word for unarmed people.
        crowd = crowd or (1 in sides and set(sides) <= {1, None} and bool(_UNARMED_SIDE.search(evidence)))
        if crowd and draft.trigger.priority <= 61 and not _FIREARMS.search(evidence) and not _ARMED_CUE.search(evidence):
            return "Riots", "Mob violence"  # villagers or vendors clashing with (or attacking) police, no guns
        if 7 in sides and not (inter1 in _ARMED and inter2 in _ARMED) and not _TWO_SIDED.search(draft.trigger.text) \
                and not _ARMED_VICTIM.search(context):
            return "Violence against civilians", "Attack"  # a battle needs two armed sides
    if sub in ("Non-state actor overtakes territory", "Government regains territory"):
        return event_type, _territory(draft.actor1, draft.actor2, sub)
    if sub == "Mob violence" and (
        any(i in (2, 3, 4, 8) for i in (inter1, inter2)) or (inter1 == inter2 == 1)
        or _FIREARMS.search(evidence) or _ARMED_CUE.search(evidence)
        # The state's forces against a side the report names by no crowd word ("members of the CDN"): armed.
        or (1 in (inter1, inter2) and None in (inter1, inter2) and _MEMBERS_OF_GROUP.search(evidence))
    ):
        return "Battles", "Armed clash"  # groups that fight with guns, or armed groups, are a battle
    if event_type == "Riots" and sub in ("Violent demonstration", "Mob violence"):
        # A crowd burning buildings in a report about protests is the protest turned violent.
        # (Not a fight over land or a feud told in a report on protests: "two groups clashed … over a land dispute".)
        protest = (protest_context and not _PRIVATE_DISPUTE.search(evidence)) or bool(_PROTEST_CUE.search(evidence))
        return event_type, "Violent demonstration" if protest else "Mob violence"
    if sub == "Shelling/artillery/missile attack" and _GROUND_FIGHT.search(evidence):
        return "Battles", "Armed clash"  # shelling amid ground fighting is coded as the battle it is part of
    if sub == "Grenade" and _FIREARMS.search(evidence):
        return "Battles", "Armed clash"  # grenades thrown in a gunfight are part of the fight
    return event_type, sub


# State forces of a de facto authority (ACLED codes the Houthis' as Yemen's): they arrest as a state does,
# but for ground changing hands they are not the recognised government: what they take they overtake, and
# ground taken from them by an unnamed side is the recognised government's side regaining it.
_DE_FACTO_AUTHORITIES = ("Ansar Allah",)


def _territory(taker, loser, sub: str) -> str:
    """Who took the ground: state forces regain it; anyone else overtakes it.

    When the taker is not named, the side it was taken from tells: ground taken
    from rebels is regained by the state, ground taken from the state is overtaken.
    """
    if loser is not None and loser.source and (taker is None or taker.name.startswith(_GENERIC_SIDES)):
        insurgent = loser.inter in (2, 3, 4) or loser.name in _DE_FACTO_AUTHORITIES
        return "Government regains territory" if insurgent else "Non-state actor overtakes territory"
    if taker is not None and taker.name in _DE_FACTO_AUTHORITIES:
        return "Non-state actor overtakes territory"
    if taker is not None and taker.inter == 1:
        return "Government regains territory"
    if taker is not None and taker.inter in (2, 3, 4):
        return "Non-state actor overtakes territory"
    return sub


# Actor names that say only "some armed men", not which side they fight for.
_GENERIC_SIDES = ("Rebel groups", "Unidentified", "Militia")


# Where a sentence (a headline, mostly) starts telling another event: "and" before a lower-case word or a
# number ("… in Daraa and the death of a man in …", "… and 6 fighters killed near …"), a semicolon or a bar.
# ("Hama and Homs", "Aleppo and its countryside" stay one: a name or a pronoun follows.)
# ("and a pregnant woman" adds a victim: "a"/"an" opens another event only before a word for one,
# or when what follows is told killed or hurt: "and a man killed near Y".)
_EVENT_NOUN = (r"clash\w*|shell\w*|air\w*|raids?|explosions?|bomb\w*|attacks?|strikes?|casualt\w*|martyrs?|deaths?|"
               r"ambush\w*|assault")
_NEXT_EVENT = re.compile(r"\s*(?:[;|]|,?\s+and\s+(?=(?:the|\d+|more|other|several|new|heavy|fierce|violent|continued|"
                         rf"{_EVENT_NOUN}|human losses|people|fighters|regime|rebels|factions|warplanes|helicopters)\b"
                         rf"|an?\s+(?:[\w-]+\s+)?(?:{_EVENT_NOUN})\b"
                         r"|an?\s+(?:[\w-]+\s+){1,3}(?:was\s+|were\s+)?(?:killed|wounded|injured|died|shot|dead)\b))\s*", re.I)


# Words for the dead and the hurt, as headlines tell them.
_CASUALTIES = re.compile(
    r"\b(?:kill\w*|dead|deaths?|died|dies|casualt\w*|martyr\w*|human losses|wounded|injur\w*|loses? (?:his|her|their) li(?:fe|ves)|"
    r"lost (?:his|her|their) li(?:fe|ves)|bodies|executes?|executed)\b", re.I)


# A sentence opening on a time gone by recalls background: "Last year, …", "In 2014, …", "Since December, …".
_RECALLED = re.compile(r"^\W*(?:(?:last|past|previous) year|(?:in|since|back in) (?:(?:19|20)\d\d|[A-Z][a-z]+ (?:19|20)\d\d)|"
                       r"(?:\w+ )?years? ago|since (?:late |early |mid-?)?[A-Z][a-z]+)\b", re.I)
# "will" right before the event's word: yet to come ("Real Madrid will clash with Barcelona on Saturday").
_WILL_BEFORE = re.compile(r"\bwill\s+(?:[\w-]+\s+)?$", re.I)
# "The attack took place in …": the incident just told, told again with its place.
_TOLD_AGAIN = re.compile(r"^\W*the (?:[\w-]+ )?(?:attack|strike|air ?strike|raid|blast|explosion|shooting|bombing|incident|"
                         r"massacre|ambush|assault|killings?|clash(?:es)?|protest|demonstration)s? (?:took place|happened|"
                         r"occurred|was carried out|unfolded)\b", re.I)
# "The attack came a day after militants stormed …": an earlier event told after the one just told.
_CAME_AFTER = re.compile(r"\b(?:came|comes|followed|follows|occurred|happened)\s+(?:just\s+|only\s+)?"
                         r"(?P<gap>a day|one day|two days|three days|hours|a week|days)\s+after\b", re.I)
_DAYS_BACK = {"a day": 1, "one day": 1, "two days": 2, "three days": 3, "a week": 7, "days": 2, "hours": 0}
# Fire answered within the fight just told: "… responded to the fire and killed several", "returned fire".
_FIRE_ANSWERED = re.compile(r"\b(?:respond\w* to (?:the )?(?:fire|attack|shelling)|return\w* (?:the )?fire|fired back|"
                            r"repell?\w*|repuls\w*|thwart\w*)\b", re.I)
# The answer of the other side: "… fired rockets at southern Israel in response", "retaliated by shelling …".
_RETALIATION = re.compile(r"\b(?:in (?:response|retaliation)|retaliat\w+)\b", re.I)
# A sentence telling another event as such: "Separately, …", "Elsewhere, …", "In another attack, …".
_ANOTHER = re.compile(r"^\W*(?:separately|in (?:a |an )?(?:separate|another|other) (?:incidents?|attacks?|"
                      r"developments?|events?)|in other (?:news|violence)|"
                      r"(?P<away>elsewhere|in the (?:far )?(?:north|south|east|west)(?:-?\w+)?(?: of the country)?(?=,))|"
                      r"(?P<later>hours later|later (?:that|the same) "
                      r"(?:day|night|evening)|later in the day)|(?P<next>the (?:next|following) day|a day later))\b", re.I)
# "The next day his corpse was found": what became of the victim just told, not another event.
_SAME_VICTIM = re.compile(r"\b(?:his|her|their|the victim'?s?)\s+(?:[\w-]+\s+)?(?:corpses?|bod(?:y|ies)|remains)\b", re.I)
# A place this far from an incident's is another place, where another event happened.
_ELSEWHERE_KM = 25


def _elsewhere(draft: _Draft, places: list[ResolvedPlace], text: str = "") -> ResolvedPlace | None:
    """The sentence's scene when it opens on a town or district far from the place of the incident just told
    ("… in Baghdad. In Nasiriyah, security forces opened fire …"), else None: a sentence that only names a
    narrower place, or one near the last, goes on telling that incident."""
    scene = next((p for p in places if p.mention is not None and p.mention.role in ("scene", "near") and not _coarse(p)
                  and p.precision <= 2), None)
    if scene is None or draft.place is None or _coarse(draft.place) or draft.place.precision > 2 or draft.place.stand_in:
        return None  # (where the incident is known only by the unit standing in for it, nothing is far from it)
    if draft.place.mention is not None and scene.mention.text.lower() == draft.place.mention.text.lower():
        return None  # the same name told again, resolved another way without its context
    opening = _IN_TOWN_OPENING.match(text)
    if opening and scene.mention.start == opening.start(1) and scene.place != draft.place.place \
            and scene.precision == 1 == draft.place.precision:
        return scene  # "In Omdurman, at least one protester was shot dead" after Khartoum: a town of its own, however near
    if any(km_between(p.place, draft.place.place) <= _ELSEWHERE_KM for p in places if not _coarse(p)):
        return None  # ("… a training camp that lies to the west of Ajdabia on the road to Brega": still Ajdabia's)
    return scene


# A sentence that opens on the town it tells of: "In Omdurman, …".
_IN_TOWN_OPENING = re.compile(r"^\W*In (?:the (?:city|town|village) of )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}),")


def _place_told(text: str, places: list[ResolvedPlace]) -> ResolvedPlace | None:
    """The sentence's best place; when it tells two events ("shelling on X and the death of a man in a mine
    explosion near Y"), the place of the first part that tells of someone killed or hurt: the incident that
    counts is the one with victims."""
    if len(places) < 2:
        return places[0] if places else None
    parts = _parts(text)
    told = places
    if len(parts) > 1:
        for start, end in parts:
            if _CASUALTIES.search(text, start, end):
                inside = [p for p in places if p.mention is not None and start <= p.mention.start < end
                          and not is_country(p.place)]
                told = inside or places
                break
    return _finest(told, places)


def _finest(told: list[ResolvedPlace], places: list[ResolvedPlace]) -> ResolvedPlace:
    """The first of the places told, unless it is a whole province while a town or district is named too (in the
    same part, else anywhere in the sentence): "clashes in Rif Dimashq and shelling on Aleppo", "a funeral in
    Hasaka province of fighters killed in Manbij battles" are placed at the town, which says more."""
    first = told[0]
    if first.precision < 3 or first.mention is None:
        return first
    for group in (told, places):
        # (Not a unit standing in for a name the gazetteer lacks: "Tandubas, Tawi-Tawi" is still the province.)
        finer = [p for p in group if p.precision < 3 and p.mention is not None and not p.stand_in
                 and not is_country(p.place)]
        if finer:
            return finer[0]
    return first


# A toll over a period ("135 civilians killed in the last three days", "since Tuesday") adds up several incidents.
# (A day's raids are one incident: "45 killed in Aleppo in the last 24 hours".)
_PERIOD_TOLL = re.compile(
    r"\b(?:in|over|during|within|for) (?:the )?(?:last|past|previous) (?!24 hours)(?:[\w-]+ )?(?:days?|hours|weeks?|months?|years?)\b|"
    r"\bin (?:one|a|two|three) (?:days?|weeks?|months?)\b|\bsince\b|\bso far\b|\bthis (?:week|month|year)\b", re.I)


def _parts(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence that tells several events ("clashes in X and shelling on Y", "… | …")."""
    cuts = [0, *(x for m in _NEXT_EVENT.finditer(text) for x in (m.start(), m.end())), len(text)]
    return list(zip(cuts[::2], cuts[1::2]))


def _place_sentence(draft: _Draft, resolver: PlaceResolver, texts: list[str]) -> int | None:
    """The sentence of its own that named the incident's place (None when the place was inherited or is only
    the country)."""
    place = draft.place
    if place is None or draft.place_inherited or place.mention is None:
        return None
    return next((i for i in draft.sentences if place in resolver.resolve(texts[i])), None)


def _one_per_event(drafts: list[_Draft], resolver: PlaceResolver, texts: list[str],
                   found_triggers: list[list[triggers.Trigger]]) -> list[_Draft]:
    """Each event of a sentence that tells several ("clashes in Hama and shelling on Aleppo"), each with a trigger
    and a place of its own, is an incident of its own: its kind, its place and the toll told in its part."""
    out: list[_Draft] = []
    for draft in drafts:
        out.append(draft)
        index = _place_sentence(draft, resolver, texts)
        if index is None:
            continue
        place, text = draft.place, texts[index]
        parts = _parts(text)
        if len(parts) < 2:
            continue
        events = []
        for start, end in parts:
            told = [t for t in found_triggers[index] if start <= t.start < end and t.priority >= 35]
            trigger = triggers.best_trigger(text, told) if told else None
            here = [p for p in resolver.resolve(text) if p.mention is not None and start <= p.mention.start < end
                    and not is_country(p.place) and p.place.country_code == place.place.country_code]
            events.append((start, end, trigger, _finest(here, here) if here else None))
        own = next((event for event in events if event[0] <= place.mention.start < event[1]), None)
        if own is None or own[2] is None:
            continue
        others = [event for event in events if event is not own and event[2] is not None and event[3] is not None
                  and event[3].place != place.place]
        if not others:
            continue
        whole = counts.fatalities(text)
        draft.trigger = own[2]
        if draft.fatalities is not None and draft.fatalities == whole and counts.fatalities(text[own[0]:own[1]]) is None:
            draft.fatalities = None  # ("clashes in X and 5 killed in shelling on Y": the toll is Y's)
        for start, end, trigger, other in others:
            part = text[start:end]
            out.append(replace(draft, trigger=trigger, place=other, sentences=list(draft.sentences),
                               evidence=list(draft.evidence), fatalities=counts.fatalities(part),
                               injuries=counts.injuries(part)))
    return out


def _one_per_place(drafts: list[_Draft], resolver: PlaceResolver, texts: list[str]) -> list[_Draft]:
    """One incident per place, as ACLED and UCDP code them: "airstrikes on Idlib and Aleppo" is an incident in
    each, told by the same evidence. A toll is split between them as ACLED splits it (evenly, the remainder to the
    first), so the map's totals still add up to what the report told."""
    out: list[_Draft] = []
    for draft in drafts:
        out.append(draft)
        index = _place_sentence(draft, resolver, texts)
        others = resolver.joined_after(texts[index], draft.place) if index is not None else []
        if not others:
            continue
        shares = len(others) + 1
        fatal, injured = draft.fatalities, draft.injuries
        draft.fatalities = None if fatal is None else fatal // shares + fatal % shares
        draft.injuries = None if injured is None else injured // shares + injured % shares
        for other in others:
            out.append(replace(draft, place=other, sentences=list(draft.sentences), evidence=list(draft.evidence),
                               fatalities=None if fatal is None else fatal // shares,
                               injuries=None if injured is None else injured // shares))
    return out


def _heads(lead: _Draft | None, first: _Draft) -> bool:
    """Whether an undated opening sentence is the headline of the first dated incident: told at most three
    sentences before it, of the same kind of event (or only a toll), and not a toll over a period."""
    if lead is None or first.sentences[0] - lead.sentences[0] > 3 or _PERIOD_TOLL.search(lead.evidence[0]):
        return False
    return lead.trigger.priority < 35 or _family(lead.trigger) == _family(first.trigger) or (
        lead.fatalities is not None and first.fatalities is None)


# "war planes", "warjets", "war monitor": the word names a weapon or a body, not the war whose toll is told.
_WAR_COMPOUND = re.compile(r"war[\s-]*(?:planes?|jets?|craft|ships?|monitors?)\b", re.I)


def _war_toll(text: str) -> bool:
    """Whether the sentence tells a war's toll so far ("the conflict has killed 300,000"), not an incident's
    ("war planes on Aleppo have killed 32 civilians")."""
    return any(not _WAR_COMPOUND.match(m.group(0)) for m in _CUMULATIVE_TOLL.finditer(text))


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


# Devices whose maker the report rarely names: the forces named after them are what they hit.
_DEVICES = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})


def _coarse(found: ResolvedPlace) -> bool:
    """A country, or a region or range that lies in no first-level unit the gazetteer knows ("Eastern Ghouta")."""
    place = found.place
    return is_country(place) or (getattr(place, "feature_code", "") != "ADM1" and not getattr(place, "admin1", None))


# An incident dated more than this before the report is background the report recalls, not its news.
_RECENT = dt.timedelta(days=7)


def main_incident(incidents: list[Incident], published: dt.date | None = None) -> Incident | None:
    """The incident a report is about, as an editor reads it: the first one told (the lead) among
    those dated to the day within a week of publication and with a toll read; failing that, the first
    told of those that come closest. A larger toll told later is usually a war's or a week's total,
    and an older date a recalled event ("in July, 25 civilians were killed …"), not the report's news."""
    if not incidents:
        return None

    def rank(item: tuple[int, Incident]) -> tuple:
        position, incident = item
        day = dt.date.fromisoformat(incident.event_date)
        recent = published is None or dt.timedelta(0) <= published - day <= _RECENT
        return (recent, incident.date_precision == 1, incident.fatalities is not None, -position)

    return max(enumerate(incidents), key=rank)[1]


# The confidence's steps (round numbers chosen on the ACLED development half only; see `_confidence`).
_CONFIDENCE_BASE = 0.5
_PLACE_STEP = {1: 0.25, 2: 0.1, 3: 0.0}  # a place named in the incident's own sentences, by precision


def _confidence(draft: _Draft, coded: tuple[str, str], others: list[triggers.Trigger]) -> float:
    """How likely the incident's type and place are right, in [0.05, 0.95] (2 decimals).

    From 0.5, what raises it:
    - a place named in the incident's own sentences: a town or village (precision 1) +0.25,
      a district or a place near one (2) +0.10, a province (3) nothing;
    - a date to the day +0.10;
    - a specific trigger (priority >= 50: "airstrike", "protested", "clashed") +0.05.
    What lowers it:
    - a place only inherited from another incident or sentence -0.10 (below the step above);
      only the country or no place at all -0.10 / -0.15;
    - an undated incident dated to the week of publication -0.05;
    - a bare toll with no act told ("two were killed"; priority < 35) -0.10;
    - ambiguity: a trigger of another event family in its sentences -0.05, and -0.05 more when
      that trigger is about as strong (priority within 20) -- "clashes … and an airstrike";
    - a type changed by a rule from what the trigger said (an actor or context rule) -0.10;
    - someone's words ("said", "told") in its sentences -0.05;
    - not told in the report's opening sentence (later incidents are often background) -0.10.
    The sides do not count: sides implied by the type are not evidence, and on the development half
    incidents whose sides were named in the text had no more often the right type or place.

    `coded` is the (event type, sub-event type) `_coded_type` gave; `others` the triggers found in
    the incident's sentences.
    """
    place = draft.place
    confidence = _CONFIDENCE_BASE
    if place is None:
        confidence -= 0.15
    elif place.mention is None or is_country(place.place):
        confidence -= 0.1  # the report's country, the fallback
    else:
        confidence += _PLACE_STEP.get(place.precision, 0.0) - (0.1 if draft.place_inherited else 0.0)
    if draft.date.precision == 1:
        confidence += 0.1
    elif draft.date.rule == "publication week":
        confidence -= 0.05
    trigger = draft.trigger
    if trigger.priority >= 50:
        confidence += 0.05
    elif trigger.priority < 35:
        confidence -= 0.1
    rivals = [t for t in others if _family(t) != _family(trigger)]
    if rivals:
        confidence -= 0.05
        if any(t.priority >= trigger.priority - 20 for t in rivals):
            confidence -= 0.05
    if coded[1] != trigger.sub_event_type:
        confidence -= 0.1
    if any(_SPEECH.search(sentence) for sentence in draft.evidence):
        confidence -= 0.05
    if draft.sentences[0] > 0:
        confidence -= 0.1
    return round(min(0.95, max(0.05, confidence)), 2)


class Extractor:
    """Turns articles into incidents; holds the gazetteer so many articles share it."""

    def __init__(self, gazetteer=None, *, online=None) -> None:
        self.gazetteer = gazetteer
        self.online = online  # optional geo.online geocoder, asked only about unplaced scenes

    def extract(self, article: Article, *, published: dt.date | None = None) -> list[Incident]:
        anchor = published or article.published
        if anchor is None:
            raise ValueError(f"{article.origin}: a publication date is needed to resolve relative dates")
        sentences = split_sentences(article.text)
        texts = [s.text for s in sentences]
        resolver = PlaceResolver(self.gazetteer, texts)
        country = self._country_name(resolver.focus_country)
        # (Not an event named by its year or as an anniversary: "the 2015 attacks", "last year's bombing".)
        found_triggers = [[t for t in triggers.find_triggers(text) if not triggers.named_as_history(text, t.start)]
                          for text in texts]
        actor_mentions = [actor_stage.find_actors(t, country=country) for t in texts]
        air_context = any(t.sub_event_type == "Air/drone strike" for found in found_triggers for t in found)

        drafts: list[_Draft] = []
        last_contributor = -10
        # "The escalation followed the loss of a jet on Saturday. The jet was brought down over
        # Maasran": a date in a sentence without an event dates the next sentence's event.
        pending_date: tuple[int, dates.DateMention] | None = None
        # A report that dates nothing ("Shelling on Kafr Nabl kills two"): its first event,
        # dated to the week of publication, if no dated incident is found.
        undated_lead: _Draft | None = None
        # The date a report opens with is when it was published, not when its first event happened.
        dateline_end = dates.dateline_end(texts[0], anchor) if texts else 0
        # Tolls told in someone's statement ("WHO said in a statement, putting the death toll at 70"), by sentence.
        statement_tolls: dict[int, int] = {}
        for sentence in sentences:
            text = sentence.text
            trigger = triggers.best_trigger(text, found_triggers[sentence.index])
            war_toll = _war_toll(text)
            # (A claim of responsibility is no statement to skip: "Al Shabaab claimed the attack in a statement".)
            if (_STATEMENT.search(text) and not _protest_aims(text, trigger) and not _RESPONSIBILITY.search(text)) \
                    or war_toll:
                if not war_toll and (told := counts.fatalities(text)) is not None:
                    statement_tolls[sentence.index] = told
                continue
            when = dates.event_date(text, anchor, skip_until=dateline_end if sentence.index == 0 else 0)
            if when is None and _RECALLED.match(text):
                continue  # "Last year, more than 100 people were killed in a similar attack": background, no toll
            if trigger is None and air_context and (m := _CONTEXT_AIR.search(text)):
                trigger = triggers.Trigger("Explosions/Remote violence", "Air/drone strike", 35, m.start(), m.end(), m.group(0))
            mentions = actor_mentions[sentence.index]
            claim = _RESPONSIBILITY.search(text)
            if claim and drafts and sentence.index - last_contributor <= 6:
                claimant = _claimant(text, [a for a in mentions if a.inter in (2, 3, 4) and a.start < claim.start()])
                if claimant is not None:
                    drafts[-1].actor1 = claimant
                    drafts[-1].evidence.append(text)
                continue
            follows_protest = (drafts and drafts[-1].trigger.event_type in ("Protests", "Riots")
                               and sentence.index - last_contributor <= 2 and when is None)
            place_here = _elsewhere(drafts[-1], resolver.resolve(text), text) if drafts and when is None else None
            if place_here is not None and (trigger is not None and trigger.priority >= 35 or follows_protest):
                kind = _family(trigger if trigger is not None else drafts[-1].trigger)
                back = next((d for d in reversed(drafts[:-1]) if _family(d.trigger) == kind
                             and d.place is not None and not _coarse(d.place)
                             and km_between(d.place.place, place_here.place) <= _ELSEWHERE_KM), None)
                if back is not None:
                    # "Police in Baghdad used tear gas …" after Nasiriyah and Basra: more of the Baghdad protest.
                    refined = triggers.refine_protest(back.trigger, text) if back.trigger.event_type in (
                        "Protests", "Riots") else trigger
                    back.absorb(sentence.index, text, None, counts.fatalities(text), counts.injuries(text), None, None,
                                refined)
                    last_contributor = sentence.index
                    continue
                if trigger is not None and trigger.priority >= 35:
                    # "In Nasiriyah, security forces opened fire on protesters …" after a lead on Baghdad: an event of
                    # its own at another place, on the day just told (ACLED codes one event per place).
                    when = drafts[-1].date
                    follows_protest = False
            if drafts and when is None and _TOLD_AGAIN.match(text):
                # "The attack took place in the town of Apaseo el Grande, where rival cartels are fighting …": where
                # the incident just told happened, whatever else the sentence says.
                drafts[-1].absorb(sentence.index, text, _place_told(text, resolver.resolve(text)),
                                  counts.fatalities(text), counts.injuries(text), None, None)
                last_contributor = sentence.index
                continue
            came = _CAME_AFTER.search(text) if drafts and when is None else None
            earlier = [t for t in found_triggers[sentence.index] if came and t.start >= came.end() and t.priority >= 35]
            if came and earlier:
                # "The attack in Gardez came a day after Taliban fighters stormed a checkpoint in Logar province,
                # killing five soldiers": the event told after "after" is another, that many days before.
                told = drafts[-1]
                told.absorb(sentence.index, text, None, None, None, None, None)
                part = text[came.end():]
                before = triggers.best_trigger(text, earlier)
                there = [p for p in resolver.resolve(text) if p.mention is not None and p.mention.start >= came.end()]
                back = _DAYS_BACK.get(came.group("gap").lower(), 0)
                day = replace(told.date, date=told.date.date - dt.timedelta(days=back), said=False,
                              precision=max(told.date.precision, 2 if came.group("gap").lower() in ("days", "a week") else 1))
                here = [a for a in mentions if a.start >= came.end()]
                b1, b2 = actor_stage.assign_actors(here, before.start, text)
                drafts.append(_Draft(before, day, [sentence.index], [text], _finest(there, there) if there else None,
                                     False, counts.fatalities(part), counts.injuries(part), b1, b2))
                last_contributor = sentence.index
                continue
            told_apart = False
            another = _ANOTHER.match(text) if drafts and when is None and trigger is not None else None
            # "Militants fired rockets at southern Israel in response": the other side's answer, an event of its own.
            answer = another is None and drafts and when is None and trigger is not None and bool(_RETALIATION.search(text)) \
                and drafts[-1].actor1 is not None \
                and (side := actor_stage.assign_actors(mentions, trigger.start, text)[0]) is not None \
                and side.name != drafts[-1].actor1.name
            if (another or answer) and trigger.priority >= 35 and not follows_protest and not _SAME_VICTIM.search(text):
                # "Separately, the army said its troops repelled an attack … in Monguno": another event, told as such,
                # near the day just told (a week's precision: the report does not say the day); "Hours later,
                # settlers set fire to cars", "The next day, …", an answer: that day.
                told = drafts[-1].date
                if answer or another.group("later") or another.group("next"):
                    days = 1 if another and another.group("next") else 0
                    when = replace(told, date=min(anchor, told.date + dt.timedelta(days=days)), said=False)
                else:
                    when = replace(told, precision=max(2, told.precision), said=False)
                    told_apart = bool(another.group("away"))  # ("In the east, …": not the place just told)
            if follows_protest and (trigger is None or (
                (trigger.event_type in ("Protests", "Riots", "Strategic developments") or trigger.priority <= 60)
                and not _SPEECH.search(text)
            )):
                # "Police intervened and fired into the air": how the protest just told went.
                drafts[-1].absorb(sentence.index, text, None, counts.fatalities(text), counts.injuries(text), None, None,
                                  triggers.refine_protest(drafts[-1].trigger, text))
                last_contributor = sentence.index
                continue
            if trigger is not None and (trigger.sub_event_type == "Arrests" or trigger.priority < 30) \
                    and _KILL_ONLY.search(text):
                trigger = None  # "killed four fighters and detained two others": the killing is the event
            told_now = triggers.without_history(text)  # (not "the 2019 shootings that killed 51 people")
            if trigger is None:
                m = _KILL_ONLY.search(told_now)
                if m is None:
                    pending_date = (sentence.index, when) if when else None
                    continue
                # Deaths alone: a clash only when two armed sides are named, else violence against civilians.
                armed_sides = {a.name for a in mentions if a.inter in (1, 2, 3, 4, 8)}
                trigger = (triggers.Trigger("Battles", "Armed clash", 15, m.start(), m.end(), m.group(0))
                           if len(armed_sides) >= 2 else
                           triggers.Trigger("Violence against civilians", "Attack", 20, m.start(), m.end(), m.group(0)))
            if _HYPOTHETICAL.search(text[_clause_start(text, trigger.start): trigger.start]) \
                    or _WILL_BEFORE.search(text[: trigger.start]):
                continue
            if when is None and pending_date and pending_date[0] == sentence.index - 1:
                when = pending_date[1]
            places = resolver.resolve(text)
            place = _place_told(text, places)
            fatal, injured = counts.fatalities(told_now), counts.injuries(told_now)
            a1, a2 = actor_stage.assign_actors(mentions, trigger.start, text)
            if trigger.sub_event_type in _DEVICES and a1 is not None and not a1.agent and a1.start > trigger.start:
                # "a roadside bomb struck an army vehicle": who a device hit did not set it off.
                a1, a2 = None, a1

            killing = _KILL_ONLY.search(told_now) if when is None and drafts else None
            if killing and sentence.index - last_contributor <= 2 and drafts[-1].trigger.event_type != "Battles" \
                    and not _FIRE_ANSWERED.search(text) \
                    and (trigger.priority < 35 or _family(trigger) != _family(drafts[-1].trigger)) \
                    and a1 is not None and a2 is not None and not a1.agent and a1.start < killing.start() < a2.start \
                    and re.match(r"(?:killed|kill|shot|gunned)\b", killing.group(0), re.I):
                # A killing told with its killer acting after a bombing or an attack ("troops had later killed four
                # militants in the area"): the killers' own event, on the day just told, not that incident's toll.
                # (In a battle, each side's kills are its toll.)
                when = replace(drafts[-1].date, said=False)
            if when is None:
                # A continuation of the incident just told, or nothing of its own.
                gap = sentence.index - last_contributor
                continues = trigger.priority >= 35 and gap <= 3 and (
                    _family(trigger) == _family(drafts[-1].trigger) or drafts[-1].trigger.priority < 50
                    or _answered_fire(drafts[-1].trigger, trigger, gap)
                ) and not _OPINION.search(text[: trigger.start]) if drafts else False
                # "Seven soldiers were reportedly killed": the toll of the incident just told.
                toll = bool(drafts) and trigger.priority < 35 and gap <= 2
                if continues or toll:
                    drafts[-1].absorb(sentence.index, text, place, fatal, injured, a1, a2, trigger)
                    last_contributor = sentence.index
                elif undated_lead is None or undated_lead.trigger.priority < 35 <= trigger.priority:
                    # (A report with nothing dated and only a toll to tell, "engineer killed in X", is that event.)
                    publication_week = dates.DateMention(anchor, 2, 0, 0, "publication week")
                    if undated_lead is not None and fatal is None:
                        # ("Strikes kill 12 in X. Jets bombed the market of X …": the headline's toll stays.)
                        fatal, injured = undated_lead.fatalities, _max(injured, undated_lead.injuries)
                    undated_lead = _Draft(trigger, publication_week, [sentence.index], [text], place, False,
                                          fatal, injured, a1, a2)
                continue
            same = self._same_incident(drafts, trigger, when, place)
            told_before = drafts[-1] if drafts else None
            if same is None and told_before is not None and told_before.date.said and not when.said \
                    and dt.timedelta(0) <= told_before.date.date - when.date <= dt.timedelta(days=3) \
                    and _family(told_before.trigger) == _family(trigger) and sentence.index - last_contributor <= 2 \
                    and (place is None or told_before.place is None or _coarse(told_before.place) or _coarse(place)
                         or km_between(place.place, told_before.place.place) <= _ELSEWHERE_KM):
                # "Insurgents killed 20 farmers, residents said on Thursday. The gunmen … opened fire on farmers on
                # Wednesday evening": the day it happened, told after the day it was told of.
                told_before.date = when
                same = told_before
            if same is not None:
                same.absorb(sentence.index, text, place, fatal, injured, a1, a2, trigger)
            else:
                drafts.append(_Draft(trigger, when, [sentence.index], [text], place, False, fatal, injured, a1, a2,
                                     apart=told_apart))
                if len(drafts) == 1 and _heads(undated_lead, drafts[0]):
                    # "Six killed in Aleppo bombing. Six people were killed on Monday in a blast …": the
                    # undated headline tells the toll of the first dated incident, told right after it.
                    lead = undated_lead
                    drafts[0].sentences.insert(0, lead.sentences[0])
                    drafts[0].evidence.insert(0, lead.evidence[0])
                    drafts[0].fatalities = _max(drafts[0].fatalities, lead.fatalities)
                    drafts[0].injuries = _max(drafts[0].injuries, lead.injuries)
                    drafts[0].place = drafts[0].place or lead.place
                    drafts[0].actor1, drafts[0].actor2 = drafts[0].actor1 or lead.actor1, drafts[0].actor2 or lead.actor2
                    undated_lead = None
            last_contributor = sentence.index

        if undated_lead is not None and (not drafts or undated_lead.fatalities is not None and not any(
                d.date.precision == 1 and dt.timedelta(0) <= anchor - d.date.date <= _RECENT for d in drafts)):
            # ("Car bomb in Homs kills 10 …" over a report whose dated sentences only recall older events: the
            # undated toll told first is the report's news, dated to the week of publication.)
            drafts.append(undated_lead)
            drafts.sort(key=lambda d: d.sentences[0])
        for draft in drafts:
            if draft.fatalities is None:
                # The incident's toll only a statement told, right after (or before) its own sentences.
                near = [i for i in statement_tolls if min(draft.sentences) - 1 <= i <= max(draft.sentences) + 2]
                if near:
                    draft.fatalities = statement_tolls[min(near, key=lambda i: abs(i - max(draft.sentences)))]
        if self.online is not None:
            self._ask_online(drafts, resolver, texts)
        self._inherit_places_and_actors(drafts, resolver, actor_mentions)
        self._narrow_coarse_places(drafts, resolver, texts)
        drafts = _one_per_place(_one_per_event(drafts, resolver, texts, found_triggers), resolver, texts)
        protest_context = any(_PROTEST_CUE.search(t) for t in texts)
        told = {i for d in drafts for i in d.sentences}
        for draft in drafts:
            # (With the sentences told between its evidence: "… attacked the village. Militiamen routed them. No casualties.")
            between = [texts[i] for i in range(min(draft.sentences) + 1, max(draft.sentences)) if i not in draft.sentences]
            after = []
            for i in range(max(draft.sentences) + 1, min(len(texts), max(draft.sentences) + 3)):
                if i in told:
                    break  # (the next incident's sentences tell of it, not of this one)
                after.append(texts[i])
            draft.context = " ".join([*draft.evidence, *between, *after])
        return [self._to_incident(d, article, anchor, country, protest_context,
                                  [t for i in d.sentences for t in found_triggers[i]]) for d in drafts]

    @staticmethod
    def _same_incident(drafts: list[_Draft], trigger, when, place) -> _Draft | None:
        for draft in reversed(drafts):
            if draft.trigger.sub_event_type != trigger.sub_event_type or draft.date.date != when.date:
                continue
            if place is None or draft.place is None or draft.place.place == place.place:
                return draft
        return None

    def _ask_online(self, drafts: list[_Draft], resolver: PlaceResolver, texts: list[str]) -> None:
        """An incident whose scene the gazetteer did not know asks the online geocoder about that name only."""
        for draft in drafts:
            if draft.place is not None and draft.place.precision == 1:
                continue
            for index in draft.sentences:
                mention = next(iter(resolver.unresolved.get(texts[index], [])), None)
                place = self.online.geocode(mention.text, country=resolver.focus_country) if mention else None
                if place is not None:
                    draft.place, draft.place_inherited = ResolvedPlace(mention, place, place.precision), False
                    break

    def _inherit_places_and_actors(self, drafts: list[_Draft], resolver: PlaceResolver,
                                   actor_mentions: list[list[actor_stage.ActorMention]]) -> None:
        for i, draft in enumerate(drafts):
            earlier = drafts[:i]
            if draft.place is None and not draft.apart:
                source = next((d for d in reversed(earlier) if d.place and d.trigger.event_type == draft.trigger.event_type), None) \
                    or next((d for d in reversed(earlier) if d.place), None)
                if source is not None:
                    draft.place, draft.place_inherited = source.place, True
            if draft.actor1 is None and draft.trigger.event_type == "Explosions/Remote violence" \
                    and draft.trigger.sub_event_type not in _DEVICES:
                # (jets or guns told in the sentences before; never for a bomb or grenade, whose maker goes unnamed)
                first = draft.sentences[0]
                for back in range(first - 1, max(-1, first - 3), -1):
                    state = next((a for a in actor_mentions[back] if a.inter in (1, 8)), None)
                    if state is not None:
                        draft.actor1 = state
                        break
        if any(d.place is None for d in drafts) and resolver.focus_country and self.gazetteer is not None:
            # The first scene the report names, else its country.
            fallback_scene = resolver.first_scene()
            for draft in drafts:
                if draft.place is None and fallback_scene is not None and not draft.apart:
                    draft.place, draft.place_inherited = fallback_scene, True
            fallback = self.gazetteer.country(resolver.focus_country)
            for draft in drafts:
                if draft.place is None and fallback is not None:
                    draft.place = ResolvedPlace(None, fallback, 3)
                    draft.place_inherited = True

    @staticmethod
    def _narrow_coarse_places(drafts: list[_Draft], resolver: PlaceResolver, texts: list[str]) -> None:
        """An incident placed only in its country or a region no province holds ("strikes in northern Syria",
        "in Eastern Ghouta") takes the first narrower place named in its own sentences or the two told right
        after them: a lead names the country, the next sentence the town ("… in the town of Qamishli")."""
        for draft in drafts:
            if draft.place is not None and not _coarse(draft.place):
                continue
            for index in range(draft.sentences[0], min(len(texts), max(draft.sentences) + 3)):
                found = next((p for p in resolver.resolve(texts[index]) if not _coarse(p)), None)
                if found is not None and (draft.place is None or is_country(draft.place.place)
                                          or found.place.country_code == draft.place.place.country_code):
                    draft.place, draft.place_inherited = found, index not in draft.sentences
                    break
            else:
                # Nothing narrower after it: the scene the report opened with, in that country ("in Sao Paulo, … fans
                # gathered … . The protest took place to prevent a protest by supporters of the President of Brazil").
                first = resolver.first_scene()
                if first is not None and draft.place is not None and is_country(draft.place.place) and not draft.apart \
                        and first.place.country_code == draft.place.place.country_code:
                    draft.place, draft.place_inherited = first, True

    def _country_name(self, code: str | None) -> str | None:
        if code is None or self.gazetteer is None:
            return None
        place = self.gazetteer.country(code)
        return getattr(place, "name", None) if place else None

    def _to_incident(self, draft: _Draft, article: Article, anchor: dt.date, country: str | None,
                     protest_context: bool = False, others: list[triggers.Trigger] | None = None) -> Incident:
        place = draft.place.place if draft.place else None
        event_type, sub_event_type = _coded_type(draft, protest_context)
        confidence = _confidence(draft, (event_type, sub_event_type), others or [])
        admin1 = None
        if place is not None:
            admin1 = place.name if place.feature_code == "ADM1" else place.admin1
        side1, side2 = actor_stage.coded_sides(event_type, sub_event_type, draft.actor1, draft.actor2,
                                               getattr(place, "country", None) or country, draft.context or "")
        return Incident(
            event_date=draft.date.date.isoformat(),
            date_precision=draft.date.precision,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=side1.name if side1 else None,
            actor2=side2.name if side2 else None,
            inter1=side1.inter if side1 else None,
            inter2=side2.inter if side2 else None,
            location=place.name if place else None,
            admin1=admin1,
            country=getattr(place, "country", None) or country,
            country_code=place.country_code if place else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            geo_precision=draft.place.precision if draft.place else None,
            fatalities=draft.fatalities,
            injuries=draft.injuries,
            evidence=" ".join(draft.evidence),
            source_title=article.title,
            source_url=article.url,
            published=anchor.isoformat(),
            confidence=confidence,
            doc_id=article.doc_id,
        )
