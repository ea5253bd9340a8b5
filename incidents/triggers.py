"""Stage 2: what happened — event triggers mapped onto ACLED's taxonomy.

The lexicon is data: each row is a pattern, the ACLED event and sub-event type it
signals, and a priority. When a sentence holds several triggers ("after
conducting airstrikes … his Su-25 was hit with a MANPAD") the highest priority
wins, so the row order encodes an ACLED coder's precedence rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from incidents.text import LoweredText, fast_pattern

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
    (r"\bsuicide (?:bomb\w*|attack\w*|car bomb\w*|vest|blast\w*|explosions?|truck)|\bexplosive vest|\bblew (?:himself|herself|themselves) up (?:at|in|near|among|outside)|\bsuicide-bomb\w*|\bsvbied\b",
     EXPLOSIONS, "Suicide bomb", 92),
    (r"\b(?:air ?strikes?|air-strikes?|air raids?|airstrike|aerial (?:bombardment|attack|bombing)s?|warplanes?|fighter jets?|bombing (?:runs?|raids?)|barrel bombs?|drone (?:strike|attack)s?|drones? (?:struck|hit|attacked|targeted)|helicopter gunships?|(?:jets|aircraft|helicopters|planes) (?:bombed|struck|hit|pounded|targeted|shelled|bombard(?:ed|s)?))\b",
     EXPLOSIONS, "Air/drone strike", 80),
    (r"(?<!tear gas )(?<!teargas )(?<!tear-gas )\b(?:shell(?:ed|ing|s)?|artillery|mortars?|rocket (?:fire|attacks?)|rockets? (?:hit|struck|landed|slammed|fell)|fired rockets?|missiles? (?:strikes?|attacks?|hit|struck|slammed)|missiles? (?:were )?(?:fired|launched)|ballistic missiles?|cruise missiles?|katyusha|grad rockets?|mlrs|howitzers?|tank fire|bombard(?:ed|ment|s|ing)?)\b",
     EXPLOSIONS, "Shelling/artillery/missile attack", 75),
    (r"\b(?:roadside bombs?|(?:rc|pb|vo)?-?ieds?|improvised explosive|land ?mines?|car bomb(?:s|ings?)?|truck bomb(?:s|ings?)?|explosive devices?|bombs? (?:exploded|went off|blast|ripped)|booby[- ]trap\w*|magnetic bombs?|sticky bombs?|vbied)\b",
     EXPLOSIONS, "Remote explosive/landmine/IED", 72),
    # A device someone left behind: "a bomb planted by …", "a Taliban-planted mine", "the explosive detonated".
    (r"\b(?:unexploded (?:ordnance|ordinance|munitions?|shells?|bombs?|devices?)|explosive remnants|(?:bombs?|mines?|explosives?|devices?) (?:suspected to (?:have been|be) |believed to (?:have been|be) |allegedly |reportedly )?planted|[\w-]+-planted (?:bombs?|mines?|explosives?)|planted (?:a |an )?(?:bomb|mine|explosive)s?|roadside explosives?|explosive attacks?|(?:bombs?|mines?|explosives?|devices?|(?:rc|pb|vo)?-?ieds?) (?:[\w-]+ ){0,6}(?:exploded|detonated|went off)|(?:stepped on|struck|hit|ran over) (?:a |an )?(?:[\w-]+ )?(?:mine|landmine|explosive))\b",
     EXPLOSIONS, "Remote explosive/landmine/IED", 73),
    # Heavy weapons fired at an area, rockets launched, anti-tank missiles: remote fire, not a fight.
    (r"\b(?:pounded|fired (?:[\w.,/-]+ ){0,8}(?:machine ?guns?|heavy weapons|medium weapons)[^.]{0,50}? at (?:[\w-]+ ){0,5}(?:areas?|neighbou?rhoods?|locations|villages?|districts?|houses|homes|farms)|"
     r"launched (?:a |an |two |three |several |\d+ )?(?:[\w-]+ )?(?:rockets?|missiles?|projectiles?)|atgms?|anti-tank (?:guided )?missiles?)\b",
     EXPLOSIONS, "Shelling/artillery/missile attack", 75),
    # An air force or drones named as what struck.
    (r"\b(?:air ?force (?:[\w-]+ ){0,2}(?:targeted|struck|bombed|hit|attacked|raided)|(?:drones?|uavs?) (?:[\w-]+ ){0,7}(?:targeted|struck|bombed|attacked))\b",
     EXPLOSIONS, "Air/drone strike", 80),
    (r"\bbombed\b", EXPLOSIONS, "Air/drone strike", 45),
    # Shoulder-fired rockets count as artillery in ACLED's coding.
    # (Guinea's ruling party is the RPG too: "members of the RPG (ruling) party", "RPG supporters".)
    (r"\b(?:rpgs?(?! \(ruling\)| (?-i:[A-Z][a-z])| (?:party|members?|supporters?|militants|activists|leaders?|officials?)\b)"
     r"|rocket[- ]propelled grenades?)\b", EXPLOSIONS, "Shelling/artillery/missile attack", 76),
    # Grenades dropped from drones are air strikes.
    (r"\b(?:dropped (?:[\w-]+ ){0,3}from (?:a |an )?(?:drone|uav|quadcopter|helicopter|plane|aircraft)s?|(?:drones?|uavs?|quadcopters?) (?:dropped|drops))\b",
     EXPLOSIONS, "Air/drone strike", 85),
    # Two sides trading fire, artillery included, is a battle rather than one-sided shelling.
    (r"\b(?:exchang\w* (?:of )?(?:gun|heavy |artillery |mortar |rocket )?(?:fire|artillery|shell\w*|mortars?|rockets?)|(?:shelling|artillery|fire) exchanges?|traded (?:gun)?fire)\b",
     BATTLES, "Armed clash", 78),
    # (Not the police's stun, smoke or tear-gas grenades fired to break up a crowd; one thrown at a house is.)
    (r"\b(?:grenade|(?<!stun )(?<!smoke )(?<!sound )(?<!flash )(?<!gas )(?<!teargas )grenades)\b", EXPLOSIONS, "Grenade", 62),
    (r"\b(?:explosions?|blasts?)(?: of unknown (?:origin|source|cause))? (?:ripped|rocked|tore|hit|struck)\b",
     EXPLOSIONS, "Remote explosive/landmine/IED", 40),
    # An explosion of unknown source, or explosives used to break in: a remote explosive in ACLED's coding.
    (r"\b(?:(?:injured|killed|wounded|hurt) (?:in|by) an? (?:[\w-]+ )?(?:explosion|blast)|an? (?:[\w-]+ )?explosion(?:, [^.,]{0,60},)? (?:took place|occurred)|used explosives|(?<!petrol )(?<!crude )(?<!cocktail )(?<!molotov )(?<!fire )bomb (?:attacks?|blasts?|explosions?))\b",
     EXPLOSIONS, "Remote explosive/landmine/IED", 41),
    # Battles
    (rf"\b(?:shot down|shoots down|downed|brought down|hit)\b[^.]{{0,60}}\b{_AIRCRAFT}|\b{_AIRCRAFT}s?\b[^.]{{0,40}}\b(?:was|were) (?:shot down|downed|brought down|hit)|\bmanpads?\b|surface-to-air|anti-aircraft (?:missile|fire)|shoulder-fired",
     BATTLES, "Armed clash", 90),
    (r"\b(?:re-?captured|re-?took|regained(?: control)?|(?<!to )regain control|took back|liberated|wrested back|restored control|re-?capture of|re-?taking|re-?captures|re-?takes|regains|liberates)\b",
     BATTLES, "Government regains territory", 86),
    (r"\b(?:(?:seized|took|taken|gained|assumed|wrested|regained|recovered) (?:full |complete |total )?cont?r?ol(?! (?:over|of) (?:an? |the |some |several |important |key )?(?:[\w-]+ )?(?:positions?|posts?|factory|factories|buildings?|houses?|farms?|plants?|offices?|compounds?|premises))|made (?:[\w-]+ )?territorial gains|recovered (?:the )?territory|(?:captured|seized|overran|took) (?-i:[A-Z])\w*(?! (?:[\w-]+ )?(?:fighters?|militants?|soldiers?|members?|commanders?|leaders?|policem[ae]n|officers?|troops|personnel|rebels?|prisoners?|captives?|hostages?|m[ae]n|wom[ae]n|elements?|suspects?|weapons|arms|vehicles?|equipment|ammunition|supplies|drones?|tanks?)\b)|overran|overrun|stormed and (?:seized|captured)|fell to|(?:captured|seized|took(?! place| part| to\b| the streets)|taken) (?:the |a )?(?:[\w-]+ ){0,3}(?:towns?|city|villages?|district|bases?|capital|provincial capital|hills?|hilltops?|check ?points?|outposts?)\b|"
     # A side driven from a place: "dislodged the militants from X", "cleared two villages of Boko Haram".
     r"dislodg(?:e|es|ed|ing) (?:the )?(?:[\w'’-]+ ){0,4}from|clear(?:ed|s|ing)? (?:[\w'’-]+ ){1,4}of (?:the )?(?:[\w'’-]+ ){0,2}"
     r"(?:militants|insurgents|rebels|fighters|jihadists|terrorists|boko haram|al[- ]shabaa?b|taliban|islamic state))\b",
     BATTLES, "Non-state actor overtakes territory", 84),
    (r"\b(?:clash(?:es|ed)?|fighting (?:between|broke out|erupted|raged)|fought|gun ?battles?|firefights?|exchange of fire|exchanged fire|ambush(?:ed|es)?|attacked (?:an? |the )?(?:army|military|police|checkpoint|base|outpost|convoy|position|patrol|barracks)\w*|(?:offensive|assault) (?:on|against)|battled?|skirmish\w*)\b",
     BATTLES, "Armed clash", 60),
    # Violence against civilians
    (r"\b(?:attacked|attacks? (?:on|by)|assault(?:ed|ing)|snipers?|waged (?:[\w-]+ ){0,2}attacks?|opened fire|beat(?:ing)? (?:[\w-]+ ){0,2}(?:people|civilians|residents|villagers|him|her|them|men|women|youths?)|"
     r"claimed (?:responsibility for )?an? (?:[\w-]+ )?attack)\b", VAC, "Attack", 30),
    (r"\b(?:raped|rape|sexual (?:violence|assault|abuse)|sexually (?:assault|abus)\w*)\b", VAC, "Sexual violence", 88),
    (r"\b(?:abduct\w*|(?<!suspected )(?<!alleged )kidnap\w*|taken hostage|held hostage|took (?:[\w-]+ ){1,3}hostages?|forcibly disappeared|seized (?:\d+|\w+) (?:students|schoolgirls|girls|passengers|people|villagers|civilians|worshippers))\b",
     VAC, "Abduction/forced disappearance", 87),
    (r"\b(?:massacred?|executed|beheaded|hacked to death|stabbed|burned alive|(?:gunmen|militants|attackers|assailants|fighters|armed (?:men|individuals|group)) (?:(?!(?:was|were|are|is|been|being|have|has|had)\b)[\w-]+ )?(?:killed|shot|opened fire|attacked|stormed|wounded|injured|stabbed)|opened fire on (?:civilians|worshippers|villagers|residents|passengers|a (?:market|mosque|church|village|bus))|shot dead|gunned down)\b",
     VAC, "Attack", 55),
    # Headline wording: terse, in the present tense, often a noun for the act.
    # Ground taken, told in the present ("rebels seize a village", "IS takes control of X").
    (r"\b(?:(?<!to )(?:seizes?|captures?|overruns?) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:towns?|city|villages?|district|base|airport|hills?|neighbou?rhoods?|camp)\b|"
     r"(?<!to )(?:seizes?|captures?|overruns?) (?-i:[A-Z])\w*(?! (?:[\w-]+ )?(?:fighters?|militants?|soldiers?|members?|commanders?|leaders?|policem[ae]n|officers?|troops|personnel|rebels?|prisoners?|captives?|hostages?|m[ae]n|wom[ae]n|elements?|suspects?|weapons|arms|vehicles?|equipment|ammunition|supplies|drones?|tanks?)\b)|(?<!to )(?:takes?|seizes?|gains?) (?:full |complete )?control\b)",
     BATTLES, "Non-state actor overtakes territory", 84),
    # Battles in the plural: below reinforcements arriving "as battles continue", which are the news then.
    (r"\bbattles\b", BATTLES, "Armed clash", 42),
    # An advance on a place is fighting for it.
    (r"\badvanc(?:e|es|ed|ing) (?:(?:once |yet )?again |further |deep(?:er)? )?(?:in|on|over|into|towards?|against|near|to)\b", BATTLES, "Armed clash", 58),
    # A side driven out of a place: "factions expel the regime forces from X", "rebels drove IS out of Y".
    (r"\b(?:expel(?:s|led|ling)?|drive(?:s)? out|drove out|oust(?:s|ed)?) (?:the )?(?:[\w'’-]+ ){0,3}(?:forces|fighters|militants|rebels|troops|army|regime|militias?|jihadists)\b|"
     r"\b(?:drive(?:s)?|drove|driven|pushed|push(?:es)?) (?:the )?(?:[\w'’-]+ ){0,3}(?:forces|fighters|militants|rebels|troops|army|regime|militias?|jihadists) out of\b",
     BATTLES, "Non-state actor overtakes territory", 84),
    # Killings told by their noun: "executions in X", "executing two men".
    (r"\b(?:execut(?:ing|ion|ions|es)|field executions?)\b", VAC, "Attack", 55),
    # Air raids told as "raids" with what they hit, and bombing as a noun, are air strikes.
    (r"\b(?:raids (?:target\w*|on|hit\w*|against|struck)|(?:intensive|intense|heavy|renewed|new) raids)\b", EXPLOSIONS, "Air/drone strike", 44),
    (r"(?<!suicide )(?<!car )(?<!truck )(?<!roadside )\bbombings?\b(?! (?:of|by) (?:a |the )?(?:suicide|car))", EXPLOSIONS, "Air/drone strike", 44),
    # Fire aimed at an area without the weapon named: "factions target regime-held areas".
    (r"(?<!was )(?<!were )\btarget(?:s|ed|ing)? (?:the |a |an )?(?:[\w-]+ ){0,3}(?:areas?|positions?|neighbou?rhoods?|countryside|outskirts|villages?|towns?|city|cities|headquarters|vicinity)\b",
     EXPLOSIONS, "Shelling/artillery/missile attack", 36),
    # A blast of unknown source: "an explosion in the city", "blasts which targeted a street", "mines kill two".
    (r"\b(?:(?:explosions?|blasts?) (?:which |that )?(?:targeted|targets?|shook|shakes?|ripped|rips|rocked|rocks?|hit|hits|struck|strikes|in|at|near|on)|mines? (?:kills?|killed|explod\w*|injur\w*|wound\w*)|mine explosions?)\b",
     EXPLOSIONS, "Remote explosive/landmine/IED", 39),
    # Protests and riots
    (r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|marched|march(?:es)? (?:through|in|to|on)|sit-ins?|took to the streets|strikers?|vigils?|(?:thousands|hundreds) (?:had |have )?(?:gathered|assembled))\b",
     PROTESTS, "Peaceful protest", 50),
    # Protest forms by their own names: a hunger or general strike, a human chain, a sit-in ("dharna"), a shutdown
    # ("hartal", "bandh"), an official encircled ("gheraoed"), an effigy burnt, a procession brought out, and a
    # march or blockade the police stopped before it began ("detained when they tried to march").
    (r"\b(?:hunger[- ]strikes?|general strikes?|human chains?|(?:held|staged|sat on|sitting on|holding|staging|observed|began|started|continued|launched) "
     r"(?:a |an |their |the )?(?:[\w-]+ )?(?:dharnas?|sit-?ins?)|dharnas?|gherao\w*|"
     r"(?:called|calling|observed|observing|enforced|enforcing|held|staged|declared|imposed|announced) (?:for )?(?:an? |the |their )?(?:[\w-]+ ){0,2}(?:hartals?|bandhs?|shutdowns?)|"
     r"(?:hartals?|bandhs?|shutdowns?) (?:was|were) (?:called|observed|enforced|held|staged|declared|imposed)|"
     r"(?:burn\w*|burnt|torched) (?:an? |the |their )?effig(?:y|ies)|effig(?:y|ies) (?:of|burning)|"
     r"(?:brought out|took out|staged|held|led) (?:a |an )?(?:[\w-]+ ){0,2}processions?|"
     r"(?:workers|employees|staff|teachers|doctors|nurses|drivers|traders|labou?rers|students) (?:[\w-]+ ){0,4}(?:continued|held|staged|began|observed|called) (?:a |an |their )?(?:[\w-]+ )?strike|"
     r"(?:tried|attempted|trying|attempting) to (?:march|stage|block|blockade|lay siege|gherao|picket)|"
     r"rasta roko|rail roko|chakka jam|jail bharo|(?:blockades?|hartals?|bandhs?|shutdowns?|strikes?) (?:[\w-]+ ){0,3}(?:enforced|called|sponsored|organi[sz]ed) by)\b",
     PROTESTS, "Peaceful protest", 50),
    # A labour strike: "employees began to strike", "teachers continued their strike", "are on strike".
    # (Never "launched a strike": that is how an army tells an attack.)
    (r"\b(?:(?:began|begin|begins|continued|continue|continues|continuing|resumed|called|calling|staged|held|observed|called off|joined|went) "
     r"(?:an? |the |their |its |for |to |on )?(?:(?:indefinite|general|nationwide|countrywide|day-?long|token|sit-down|labou?r|transport|wildcat|\d+-(?:day|hour)) )*"
     r"(?:strikes?|striking)(?! (?:against|on|targeting) )|(?:are|is|were|was|remain(?:ed)?|been) on (?:an? )?(?:[\w-]+ )?strike|strike entered|strike by (?:[\w-]+ ){0,5}(?:owners|workers|employees|teachers|doctors|nurses|unions?|staff|drivers|traders|labou?rers)|(?:indefinite|wildcat|sit-down) strikes?)\b",
     PROTESTS, "Peaceful protest", 50),
    # A crowd gathered with a demand is a protest even when the word is not used.
    (r"\b(?:(?:gathered|assembled|converged|congregated)\b[^.]{0,140}?\b(?:to (?:demand|protest|denounce|condemn|oppose|reject|call for|press for|express|show|voice|mark|commemorate|honou?r|pay tribute|support|draw attention)|demanding|and (?:chanted|voiced|condemned|denounced|demanded|held))|bang(?:ed|ing) (?:pots|pans)|pot-banging|(?:chant|shout)(?:ed|ing) (?:slogans|against|that)|held (?:placards|banners))",
     PROTESTS, "Peaceful protest", 50),
    # A group voicing a demand in public: "workers of a construction company demanded their salaries".
    (r"\b(?:workers|employees|labou?rers|residents|villagers|farmers|students|teachers|traders|merchants|vendors|drivers|doctors|nurses|people|supporters|members|relatives|families|a group of [\w-]+) (?:[\w-]+ ){0,8}(?:demanded|demanding|denounc(?:ed|ing)|to denounce)\b|\bcame out (?:on|onto) the (?:roads|streets)",
     PROTESTS, "Peaceful protest", 49),
    # A crowd the authorities broke up is a protest met with force, even when no protest word is used.
    (r"\b(?:(?:police|security forces|authorities|soldiers|troops|gendarmes?|military) (?:[\w-]+ ){0,3}dispersed|(?:was|were) (?:forcibly )?dispersed by)\b",
     PROTESTS, "Protest with intervention", 44),
    (r"\b(?:riot\w*|violent (?:protests?|demonstrations?)|(?:protesters|demonstrators|crowds?|rioters|youths|strikers|blockaders|picketers|(?:hartal|bandh|strike|blockade) supporters) (?:\w+ ){0,2}(?:torched|set fire|set \w+ (?:alight|ablaze|on fire)|burned|burnt|threw|hurled|stoned|attacked|clashed|stormed|ransacked|broke into)|(?:set|setting) (?:fire to|ablaze)[^.]{0,40}(?:police|government|office|station))\b",
     RIOTS, "Violent demonstration", 61),
    (r"\b(?:mobs?|lynch\w*|vigilantes?|angry crowds?)\b", RIOTS, "Mob violence", 62),
    # Rough justice by neighbours: a thrashing, or a suspected thief or "witch" beaten or killed.
    (r"\b(?:thrash(?:ed|ing)|(?:suspected|alleged) (?:cattle |petty )?(?:thie(?:f|ves)|robbers?|kidnappers?|child[- ]lifters?) "
     r"(?:[\w-]+ ){0,4}(?:beaten|lynched|killed|thrashed|assaulted|attacked|burnt|burned)|"
     r"(?:beat|beaten|lynched|killed|assaulted|attacked|burnt|burned) (?:[\w-]+ ){0,4}(?:suspected|alleged) (?:cattle |petty )?(?:thie(?:f|ves)|robbers?|kidnappers?|child[- ]lifters?)|"
     r"(?:suspicion|suspected|accus\w+) of (?:practi[cs]ing )?(?:witchcraft|sorcery|black magic|being (?:a )?witch(?:es)?)|branded (?:as )?(?:a )?witch)\b",
     RIOTS, "Mob violence", 57),
    # How ACLED's own notes word events ("observed a total of 12 shots", "blocked the highway").
    (r"\b(?:(?:explosions?|projectiles?)(?:/[\w/]+)? involving|fired (?:[\w-]+ ){0,2}(?:ifvs?|bmps?|tanks?|artillery|mortars?|(?:automatic )?grenade launchers?|rockets?|missiles?|howitzers?)|(?:artillery|mortar|tank|rocket) (?:shells?|rounds?))\b",
     EXPLOSIONS, "Shelling/artillery/missile attack", 74),
    (r"\b(?:shots|bursts? of fire|small[- ]arms|heavy machine ?guns?|gunfights?|shoot-?outs?|repelled (?:an|the) attack|fired (?:[\w-]+ ){0,4}(?:on|at) (?:the )?positions|exchanged (?:gun)?fire|armed confrontations?|engaged in (?:a )?(?:fight|combat|clash)\w*|fighting)\b",
     BATTLES, "Armed clash", 54),
    # Fire or missiles aimed at people, and the bodies found after.
    (r"\b(?:(?:opened fire|fired (?:[\w-]+ ){0,3}(?:bullets|shots|rounds|pellets)) (?:on|at|upon)|fired upon|wounded by (?:[\w-]+ ){0,3}fire|"
     r"(?:threw|hurled|fired) (?:a |an )?(?:[\w-]+ )?(?:rock|stone|acid|liquid|tear gas)s?(?: canisters?| grenades?| shells?)? (?:at|on|against)|whipped|flogged|"
     r"(?:remains|head|corpse|bod(?:y|ies)) (?:[\w-]+ ){0,4}(?:was|were) (?:found|discovered)|found (?:[\w-]+ ){0,3}(?:corpses?|remains|bod(?:y|ies)))\b",
     VAC, "Attack", 55),
    (r"\b(?:shot and (?:killed|injured|wounded)|shot (?:at|and)|shot (?:a|an|one|two|three|four|five|\d+) (?:[\w-]+ ){0,2}(?:man|men|woman|women|boys?|girls?|child|children|civilians?|protesters?|farmers?|residents?|villagers?|people|persons?|youths?|teenagers?)|beat(?:en|ing)? (?:up|and|a|an|the|two|three|\d+)|beaten to death|(?:was|were) (?:badly |severely )?beaten\b|(?:a |stray )?bullets? (?:hit|struck)|baton[- ]charged|lathi[- ]charged|drive-by shooting|found dead|(?:dead )?bod(?:y|ies) of|tortur\w+|started shooting|armed attack on|assassinat\w+|killed (?:a|an|one|two|three|\d+) (?:[\w-]+ ){0,2}(?:civilians?|man|men|woman|women|boy|girl|child|children|farmers?|residents?|villagers?|shepherds?|drivers?|journalists?|teachers?|traders?|people|persons?))\b",
     VAC, "Attack", 56),
    # Someone named by origin or faith, shot: "shot a Palestinian in the foot".
    (r"\bshot (?:a|an|one|two|three|\d+) (?-i:[A-Z])[\w-]+ (?:in the|and|dead)\b", VAC, "Attack", 56),
    (r"\b(?:blocked (?:the |a |several |two )?(?:[\w'’-]+ ){0,2}(?:roads?|highways?|streets?|rn ?\d+|route|bridge|entrance|railway|rails|(?:railway |train )?tracks|traffic)|barricaded|motorcade|staged a|held a (?:sit-in|rally|demonstration|march|protest)|went on strike|boycott\w*|picket\w*)\b",
     PROTESTS, "Peaceful protest", 50),
    (r"\b(?:(?:built|erected|burn\w*) (?:[\w-]+ ){0,2}barricades|(?:turned|became) violent|(?:with|using) (?:stones|rocks|machetes)|pelted (?:[\w-]+ )?(?:stones|rocks|bricks)|threw (?:stones|rocks|bricks)|stone[- ]pelting|hurled (?:stones|rocks|bricks|molotov\w*)|street[- ]fight|molotov cocktails?|(?:burn\w*|set fire to|setting fire to|set alight) (?:[\w-]+ ){0,2}(?:tyres|tires|mattresses|barricades)|forced? (?:their way|themselves) into)\b",
     RIOTS, "Violent demonstration", 61),
    (r"\b(?:villagers|residents|inhabitants|community members|locals|neighbou?rs|relatives|kin|volunteers|a group of (?:residents|villagers|people|assailants)) (?:[\w-]+ ){0,4}(?:assaulted|attacked|beat|hit|lynched|set alight|set ablaze|torched|burned|killed|stoned)\b|"
     # A quarrel among neighbours that turns violent.
     r"\b(?:scuffle|brawl|altercation)s?\b[^.]{0,60}\b(?:led to|turned|ended in)\b",
     RIOTS, "Mob violence", 62),
    # "In both directions" of fire, not of a road that protesters blocked.
    (r"\b(?:armed clash(?:es)?|(?:fire|fired|shots|explosions|projectiles|shelling)\b[^.]{0,80}\bin both directions|small arms)\b",
     BATTLES, "Armed clash", 77),
    # Fire answered by fire: "shot back", "returned fire", "heavy gunfire" between two sides.
    (r"\b(?:shot back|returned (?:the )?fire|fired back|respond\w* to (?:the )?(?:[\w-]+ )?(?:fire|shelling|attacks?)|(?:reacted|responded) with (?:gun)?fire|heavy (?:gun)?fire|engaged in (?:a )?(?:heavy )?(?:gun ?fight|fire ?fight|firefight|gunfire)|shoot-?outs?|gun ?fights?|gun ?battles?|fire ?fights?)\b",
     BATTLES, "Armed clash", 77),
    # An attack on a post that armed men hold: "attacked a Govt position", "an attack on the checkpoint".
    (r"(?<!bomb )(?<!grenade )(?<!rocket )(?<!mortar )(?<!missile )(?<!drone )(?<!suicide )"
     r"\battack(?:ed|s|ing)? (?:on )?(?:an? |the |their |its )?(?:[\w'()-]+ ){0,3}(?:bases?|positions?|check ?points?|check-?posts?|outposts?|barracks|posts?|garrisons?|convoys?|patrols?|frontlines?)\b",
     BATTLES, "Armed clash", 61),
    # A post or a column of the forces attacked, told from its side: "the convoy came under fire", "patrols were attacked".
    (r"\b(?:bases?|positions?|check ?points?|check-?posts?|outposts?|barracks|posts?|garrisons?|patrols?|"
     r"(?:military|army|police|security|troop|government) (?:[\w-]+ )?convoys?) "
     r"(?:[\w-]+ ){0,2}(?:came under (?:[\w-]+ )?(?:attack|fire)|(?:was|were) (?:attacked|ambushed|fired (?:up)?on))\b",
     BATTLES, "Armed clash", 61),
    # Fire aimed at a post or a vehicle of the forces: "opened fire on a police van", "fired upon a security outpost".
    (r"\b(?:opened fire|fired(?: [\w-]+){0,3}|firing|shot|ambush(?:ed|ing)?|raided|stormed) (?:on |upon |at )?(?:an? |the |their |its )?(?:[\w'()-]+ ){0,2}"
     r"(?:check ?points?|check-?posts?|outposts?|barracks|garrisons?|patrols?|police stations?|positions|(?:border|forward|army|military|police|security|frontier) (?:[\w-]+ )?posts?|(?:military|army|police|security|troop|government) (?:[\w-]+ )?convoys?|"
     r"(?:police|army|military|security|patrol(?:ling)?) (?:vans?|vehicles?|trucks?|pick-?ups?|jeeps?|cars?|posts?|camps?|stations?|parties|party|teams?))\b",
     BATTLES, "Armed clash", 61),
    # An attack aimed at armed men, active or passive: "attacked Houthi forces", "rebels were attacked by the army".
    (r"\b(?:attack(?:ed|s)?|waged (?:[\w-]+ ){0,3}attacks?|opened fire(?= (?:against|on|at) )) (?:on |against |at )?(?:the |an? )?(?:[\w-]+ ){0,2}(?:forces|fighters|militants|rebels|soldiers|troops|militiamen|insurgents|police (?:officers|units?|patrols?))\b|"
     r"\b(?:forces|fighters|militants|rebels|soldiers|troops|militiamen|insurgents) (?:were|was) attacked by\b",
     BATTLES, "Armed clash", 61),
    # Unarmed groups fighting each other: "two groups of villagers clashed", "supporters … fought one another".
    (r"\b(?:(?:two )?(?:rival )?groups? (?:of [\w-]+ ){0,4}(?:[\w-]+ )?clash(?:ed|es)|clash(?:ed)? with each other|fought (?:one another|each other)|(?:supporters|members|workers|activists|villagers|residents|locals|students|youths|inhabitants|families|relatives|communities|people) (?:[\w-]+ ){0,6}(?:clashed|fought)|(?:clash|fight|brawl)(?:es)? between (?:the )?(?:two )?(?:groups|families|villagers|supporters|students|communities))\b",
     RIOTS, "Mob violence", 63),
    # Civilians caught in the crossfire die in a battle; an army attacking a group named by its initials fights it.
    (r"\b(?:cross-?fire|(?:army|military|troops|forces|soldiers) (?:[\w-]+ ){0,2}attacked (?:the )?(?-i:[A-Z]{2,}\b))",
     BATTLES, "Armed clash", 58),
    (r"\b(?:thwarted|repulsed|repelled|routed|incursion|(?:security|military|clearance|counter-?terror\w*|intelligence-based|"
     r"search|cordon-and-search) operations?)\b", BATTLES, "Armed clash", 57),
    # South Asian reports call a gunfight between the security forces and militants an "encounter"
    # ("killed in an encounter with the police", "an encounter ensued"); a "fake encounter" is a killing.
    (r"\b(?:(?<!fake )(?<!staged )encounters? (?:with|between|ensued|took place|broke out|started|erupted)|(?:had|have) an? (?:armed )?encounter|"
     r"(?:in|during|after|following) (?:an? |the )?(?:[\w-]+ )?(?<!fake )(?<!staged )encounters?(?! with (?:the )?(?:press|media|journalists)))\b",
     BATTLES, "Armed clash", 59),
    (r"\b(?:movement of forces|(?:brought|sent|deployed|dispatched) (?:[\w-]+ ){0,3}reinforcements|reinforcements (?:arrived|were sent|were deployed)|fortifications|redeployed|military build-?up)\b",
     STRATEGIC, "Change to group/activity", 43),
    (r"\b(?:(?:fist|physical|street)[- ]?fights?|fight broke out|(?:attacked|attack|beaten|beat(?:en)? up|assaulted|lynched|stoned) (?:to death |badly |severely )?by (?:a group of |a mob of |some |angry |a crowd of )?(?!(?:[\w'’-]+ )?(?:heavily )?(?:armed|masked|gun-wielding)\b)(?:[\w'’-]+ ){0,2}(?:sellers|traders|vendors|villagers|residents|locals|youths|people|persons|men|crowd|mob|relatives|kin|neighbou?rs|family members|rivals|supporters|community members)|group of (?:local )?(?:young )?(?:men|youths|people|villagers|residents) (?:[\w-]+ ){0,2}(?:beat|attacked|assaulted|stoned|lynched|killed|burned))\b",
     RIOTS, "Mob violence", 63),
    # Strategic developments. ACLED's own notes often open with a label ("Defusal: On 4 May …").
    (r"^\s*(?:agreement|surrender)\s*:", STRATEGIC, "Agreement", 96),
    (r"^\s*(?:property destruction|looting|arson)\s*:", STRATEGIC, "Looting/property destruction", 96),
    (r"^\s*(?:weapons? seizure|interception|defusal|disrupted weapons use)\s*:", STRATEGIC, "Disrupted weapons use", 96),
    (r"^\s*(?:movement of forces|change to (?:armed )?group(?:/activity)?|non-violent activity|recruitment|security measures)\s*:", STRATEGIC, "Change to group/activity", 96),
    # Forces moved or fighters changing sides: activity that is neither a fight nor an agreement.
    (r"\b(?:switched sides|changed sides|joined (?:the ranks of )?(?:the )?(?:[\w-]+ ){0,2}(?:taliban|rebels|insurgents|militants|group|movement|militia|insurgency)|"
     r"(?:were|was|been|troops|forces|units) (?:reportedly |also )?(?:re)?deployed|(?:large |new )?deployment of|set up (?:new |several |two |three )?checkpoints|"
     r"reconnaissance (?:flights?|missions?)|delivered (?:[\w-]+ ){0,3}(?:food|aid|supplies|boxes|masks))\b",
     STRATEGIC, "Change to group/activity", 44),
    # What an armed group does when it is not fighting: hands out aid, drills, patrols, arms itself,
    # arrives somewhere in force, imposes rules or threatens in messages. Below every act of violence (an attack
    # on someone "while he was distributing food" is the attack), and a death told with it outranks it (extract.py).
    (r"\b(?:(?:deliver(?:s|ed|ing)?|distribut(?:es?|ed|ing)|hand(?:s|ed|ing)? out) (?:[\w-]+ ){0,3}(?:food|aid|packages|parcels|boxes|masks|supplies|relief)|"
     r"(?:military |joint |combat )?(?:exercises|drills|manoeuvres|maneuvers)|"
     r"formed (?:a |an )?(?:new )?(?:[\w-]+ )?(?:patrols?|militias?|brigades?|units?|self-defen[cs]e groups?)|(?:take|took|taking) up arms|"
     r"(?:reinforcements|forces|fighters|troops|tribesmen|militiamen|militants|soldiers|convoys?|columns?|ships?|vessels?) (?:[\w,()-]+ ){0,8}(?:arrived|landed|reached)|"
     r"left (?:the )?(?:[\w-]+ ){0,3}(?:faction|group|movement|ranks)|"
     # A column of forces on the move: "a Turkish military convoy entered Idleb".
     r"(?:convoys?|columns?|reinforcements) (?:[\w,()-]+ ){0,8}(?:entered|crossed into|headed (?:to|towards)|moved (?:to|towards|into))|"
     r"(?:impos|declar|announc|extend|order|institut|enforc)\w* (?:a |an |the )?(?:[\w-]+ ){0,2}(?:curfew|lockdown|state of emergency)|"
     r"(?:videos?|messages?|pamphlets?|leaflets?|banners?) (?:[\w-]+ ){0,6}threat\w*|threat\w* (?:[\w-]+ ){0,6}(?:videos?|messages?|pamphlets?|leaflets?))\b",
     STRATEGIC, "Change to group/activity", 29),
    # Forces gathered, moved or trained, and rules imposed on the public: ACLED's movement of forces,
    # recruitment and security measures, told without the report's own label.
    (r"\b(?:mobili[sz]ed|amassed|massed|stationed|repositioned|relocated|military build-?up|"
     r"sent (?:[\w-]+ ){0,3}(?:troops|forces|soldiers|fighters|units|armou?red vehicles)|"
     r"recruit(?:ed|ing|ment|s)|training camps?|military parades?|graduat\w+ (?:[\w-]+ ){0,3}(?:recruits|cadets|fighters)|"
     r"(?:banned|prohibited|suspended|restricted) (?:[\w-]+ ){0,4}(?:gatherings|protests|demonstrations|marches|movement|travel|traffic|entry|entries|motorcycles)|"
     r"bans? on (?:[\w-]+ ){0,3}(?:gatherings|protests|demonstrations|marches|motorcycles|movement|travel)|mandatory (?:use|wearing|quarantine))\b",
     STRATEGIC, "Change to group/activity", 29),
    (r"^\s*(?:headquarters|base) established\s*:", STRATEGIC, "Headquarters or base established", 96),
    (r"^\s*non-violent transfer of territory\s*:", STRATEGIC, "Non-violent transfer of territory", 96),
    (r"^\s*arrests?\s*:", STRATEGIC, "Arrests", 96),
    (r"\b(?:surrendered|laid down (?:their )?arms)\b", STRATEGIC, "Agreement", 47),
    (r"^\s*(?:land seizure|looting|property destruction)\s*:|\b(?:destroyed|demolished|burned|burnt|razed|damaged|vandali[sz]ed|uprooted|cut down|chopped down) (?:[\w-]+ ){0,3}(?:houses?|homes?|shops?|buildings?|property|crops|(?:olive )?trees|saplings|vehicles?|airstrip|schools?|churche?s?|mosques?|offices?|stadiums?|tribunes?|markets?|stores?|trucks?|cars?|structures?|statues?|monuments?)\b|\bseized (?:about |some |over |more than |at least |nearly |around )?(?:[\w,.-]+ ){0,2}(?:tons?|kilos?|kg|packs?|kilograms?) of\b|\bmaterial damage\b",
     STRATEGIC, "Looting/property destruction", 48),
    (r"^\s*security measures\s*:|\b(?:imposed|declared|announced|extended|ordered|instituted) (?:a |an |the )?(?:[\w-]+ ){0,2}(?:curfew|lockdown|state of emergency)\b|"
     r"\bclosed (?:the |all )?(?:[\w-]+ ){0,2}(?:border crossings?|borders)\b|\b(?:moved|sent|arrived|deployed|dispatched) to secure\b|\b(?:conducted|carried out) (?:[\w-]+ ){0,3}patrols?\b|\breinforcements\b|\bdelivered (?:food|aid|humanitarian)",
     STRATEGIC, "Change to group/activity", 42),
    (r"\b(?:returned (?:home |to \w+ )?from|evacuated|displaced|displacement|fled their homes|arrived (?:from|after))\b", STRATEGIC, "Other", 40),
    # Ordnance left from a war long over that goes off: ACLED codes it as "Other", not as remote violence.
    (r"\b(?:mines?|landmines?|ordnance|uxos?|shells?|rockets?|bombs?|munitions?|grenades?|explosives?|devices?)\b[^.]{0,80}?"
     r"\b(?:left ?over|leftover|remnants?|relics?) (?:from|of) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:wars?|conflicts?|fighting|era|regime)\b|"
     r"\b(?:mines?|landmines?|ordnance|uxos?|shells?|rockets?|bombs?|munitions?|explosives?)\b[^.]{0,80}?"
     r"\b(?:(?:from|during|since) the (?:\d{4}s|(?:[\w-]+ ){0,2}(?:civil )?war)|fighting (?:occurred|took place|raged) in the \d{4}s|world war)\b",
     STRATEGIC, "Other", 94),
    # ACLED's "Other": prisoners released, patrols turned back, shots fired only into the air, people driven from home.
    (r"^\s*other\s*:", STRATEGIC, "Other", 96),
    (r"\b(?:released (?:[\w-]+ ){0,4}prisoners|(?:were|was) released from (?:[\w-]+ ){0,2}(?:prisons?|jails?|custody)|prisoner releases?)\b",
     STRATEGIC, "Other", 97),
    # Captives freed by either side ("the Taliban freed 20 soldiers"): a release too, but below a protest
    # (which may be about a release) and any violence.
    (r"\b(?:(?:released|freed) (?:[\w-]+ ){0,4}(?:detainees|captives|inmates|soldiers|servicemen|policemen)|"
     r"(?:prisoners|detainees|captives|inmates|soldiers|servicemen|policemen) (?:[\w-]+ ){0,3}(?:were|have been|had been) (?:released|freed)(?! on bail))\b",
     STRATEGIC, "Other", 48),
    (r"\b(?:prevent\w* (?:[\w-]+ ){0,4}(?:patrols?|convoys?|columns?)|(?:patrols?|convoys?|columns?) (?:[\w-]+ ){0,3}(?:were |was )?(?:prevented|turned back|blocked)|"
     r"(?:shots|rounds|bullets) (?:[\w-]+ ){0,3}(?:in|into) the air|(?:opened|resorted to) aerial fir(?:e|ing)|(?:were|was|been) displaced (?:following|after|by|due to)|forced (?:[\w-]+ ){0,4}to flee|"
     r"(?:migrants|refugees|returnees) (?:[\w-]+ ){0,5}returned)\b",
     STRATEGIC, "Other", 65),
    # Goods or animals carried off with no one hurt: looting.
    (r"\b(?:taking away|took away|carried away|made off with|stole|stolen|rustl\w+|raided (?:[\w-]+ ){0,2}(?:cattle|livestock|goats|sheep|houses|homes|shops)|confiscat\w+|seized (?:[\w-]+ ){0,3}(?:livestock|cattle|goats|sheep|foods?|crops|goods|vehicles?|cars?|motorcycles?|motorbikes?))\b",
     STRATEGIC, "Looting/property destruction", 50),
    (r"\b(?:set (?:[\w-]+ ){0,4}on fire|arson)\b", STRATEGIC, "Looting/property destruction", 43),
    # Weapons found, taken or blowing up in the hands of those who meant to use them.
    (r"^\s*detonation\s*:|\b(?:(?:detonated|exploded|went off) prematurely|while (?:they were |he was )?(?:planting|making|assembling|transporting|handling)|"
     r"(?:they|he|militants) (?:were|was) (?:planting|making|assembling|transporting)|"
     r"(?:ieds?|bombs?|explosives?|mines?|landmines?|devices?|shells?|rockets?|grenades?|ordnance|munitions?|weapons|arms|ammunition) (?:[\w-]+ ){0,3}"
     r"(?:was|were|had been|have been) (?:safely )?(?:found|discovered|located|recovered|defused|dismantled|deactivated|neutrali[sz]ed|seized|confiscated|intercepted|uncovered)|"
     r"(?:recovered|seized|confiscated|destroyed) (?:[\w-]+ ){0,4}(?:arms|weapons|ammunition|explosives|rifles|depots|caches))\b",
     STRATEGIC, "Disrupted weapons use", 91),
    # Drug labs and fields destroyed by the police are property destruction in ACLED's coding.
    (r"\b(?:dismantled|destroyed|burned|raided) (?:a |an |the |two |several )?(?:[\w-]+ ){0,3}(?:labs?|laboratory|laboratories|plantations?|poppy fields?|coca fields?)\b",
     STRATEGIC, "Looting/property destruction", 90),
    (r"\b(?:shot down (?:[\w-]+ ){0,3}(?:drones?|missiles?|rockets?|uavs?)|controlled (?:explosion|detonation)|bomb[- ]disposal|"
     r"(?:located|found|discovered|uncovered|unearthed) (?:[\w-]+ ){0,4}(?:explosives?|ieds?|landmines?|mines|weapons|arms|ammunition|caches?|arsenals?|"
     r"(?:mortar |artillery )?shells|rockets|grenades|suicide (?:vests?|belts?)|bomb-making))\b",
     STRATEGIC, "Disrupted weapons use", 89),
    # An attack stopped before it happened: "foiled a suicide attack", "thwarted a bomb plot".
    (r"\b(?:foil(?:ed|s|ing)?|thwart(?:ed|s|ing)?|avert(?:ed|s|ing)?|prevent(?:ed|s|ing)?|disrupt(?:ed|s|ing)?) (?:an? |the |two |several )?(?:[\w-]+ ){0,3}"
     r"(?:suicide (?:attacks?|bomb\w*)|bomb(?:ing)? (?:attacks?|plots?)|bombings?|ied (?:attacks?|plots?)|explosive attacks?|car bomb\w*|terror\w* (?:attacks?|plots?)|plots?)\b",
     STRATEGIC, "Disrupted weapons use", 93),
    (r"\b(?:signed|agreed|reached|brokered|announced)\b[^.]{0,40}\b(?:ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|agreement|deal)\b|\b(?:prisoner|detainee) (?:swap|exchange)\b|\bceasefire (?:took effect|came into effect|agreed)\b",
     STRATEGIC, "Agreement", 46),
    # (Fighters "captured" alive are arrested by the state; by anyone else, `_coded_type` makes it an abduction.)
    (r"\b(?:arrest\w*|detain\w*|rounded up|taken into custody|apprehended|"
     r"captured (?:an? |the |one |two |three |four |five |several |\d+ )?(?:[\w-]+ ){0,2}(?:fighters?|militants?|insurgents?|suspects?|rebels?|commanders?|jihadists?|terrorists?))\b",
     STRATEGIC, "Arrests", 45),
    (r"\b(?:defused|dismantled (?:[\w-]+ ){0,3}(?:bombs?|ieds?|explosives?|devices?|mines?)|intercepted (?:[\w-]+ ){0,4}(?:drones?|missiles?|rockets?|projectiles?|shipments?|weapons|arms)|shot down (?:an? |\d+ |two |three |several )?(?:[\w-]+ ){0,2}(?:drones?|missiles?|rockets?)|(?:drones?|missiles?|rockets?) (?:was|were) (?:shot down|intercepted|downed)|seized (?:a |an )?(?:weapons?|arms|explosives?|ammunition)(?: cache| depot)?|weapons? caches?|arms caches?)\b",
     STRATEGIC, "Disrupted weapons use", 89),
    # A base, post or headquarters set up, told actively or passively, or a building turned into one
    # (never a camp for the displaced or the sick, or a protesters' tent camp).
    (r"\b(?:(?:set(?:s|ting)? up|establish(?:ed|es|ing)|opened|buil[dt]|building|erected|construct(?:ed|ing)|install(?:ed|ing)|creat(?:ed|ing)) "
     r"(?:a |an |its |their |two |three |several |\d+ )?(?:new )?(?!(?:[\w-]+ )?(?:quarantine|isolation|refugee|idp|displacement|relief|medical|health|protest|tent|transit)\b)"
     r"(?:[\w-]+ ){0,2}?(?:military )?(?:bases?|headquarters|hqs?|outposts?|garrisons?|camps?|barracks|(?:military|observation) (?:points?|posts?))|"
     # "established a new point near X", as reports of Turkish posts in Idleb word it.
     r"(?:set(?:s|ting)? up|establish(?:ed|es|ing)|erected) (?:a |two |three |several |\d+ )?new (?:[\w-]+ )?(?:points?|posts?)|"
     r"(?:military )?(?:bases?|headquarters|hqs?|outposts?|garrisons?|barracks|(?:military|observation) (?:points?|posts?)) (?:[\w-]+ ){0,2}(?:was|were|has been|have been|had been) "
     r"(?:newly )?(?:set up|established|erected|built|constructed|installed|opened)|"
     r"(?:into|as) (?:a |an |their |its )?(?:new )?(?:military )?(?:barracks|bases?|headquarters|outposts?|garrisons?|military (?:points?|posts?|camps?)))\b",
     STRATEGIC, "Headquarters or base established", 60),
    (r"\b(?:loot\w*|ransack\w*|torched|set (?:fire to|ablaze)|burned down|burnt down|demolished|razed|vandali[sz]ed|destroyed (?:homes|houses|shops|property|crops))\b",
     STRATEGIC, "Looting/property destruction", 43),
    (r"\b(?:blew up|dynamited) (?:the |a |an )?(?:[\w'’-]+ ){0,4}(?:mosque|church|shrine|bridge|building|minaret|school|houses?|homes?|monument|temple|tomb)s?\b",
     STRATEGIC, "Looting/property destruction", 61),
    # Ground taken and marked without a fight: "took control of the village and raised their flag".
    (r"\b(?:raised|hoisted|planted) (?:a |an |the |their |its )?(?:[\w-]+ )?(?:banner|flag)s?\b",
     STRATEGIC, "Non-violent transfer of territory", 85),
    (r"\b(?:withdrew from|pulled out of|entered (?:the )?(?:[\w-]+ ){0,2}(?:city|town|village) of|handed over (?:control|the (?:town|city|base))|evacuated from|took over (?:without|unopposed)|peacefully (?:took|handed))\b",
     STRATEGIC, "Non-violent transfer of territory", 42),
    # Things smashed or damaged with no one hurt, and drugs taken by the police: property, in ACLED's coding.
    (r"\b(?:smash(?:ed|ing) (?:[\w-]+ ){0,4}(?:windows?|glass|doors?|windscreens?|cars?|vehicles?|shops?|fronts?|facades?)|caused (?:material |heavy |some )?damages?)\b|"
     r"\b(?:seized|confiscated|seizure of|discovered|found)\b[^.]{0,60}?\b(?:marijuana|marihuana|cannabis|cocaine|heroin|narcotics|methamphetamine|drugs)\b",
     STRATEGIC, "Looting/property destruction", 47),
    (r"\b(?:merged|merger|pledged allegiance|defected|dissolved|formed a new|new (?:coalition|alliance)|announced (?:the )?formation|appointed (?:a )?new (?:leader|commander)|named (?:a )?new (?:leader|commander))\b",
     STRATEGIC, "Change to group/activity", 41),
]

# --- Rows added for headlines told in the present tense (place-selection work, UCDP headlines). ---
LEXICON += [
    # Ground taken: "SDF take over the last IS pocket in X", "factions expel the regime forces out of X".
    # ("… might lead the councillor to take over the City Hall": an office, and only a prospect.)
    (r"(?<!to )(?<!will )\b(?:takes? over|took over|taken over) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:pockets?|towns?|city|villages?|district|base|neighbou?rhoods?|hills?|areas?)\b(?! hall)|"
     r"\b(?:expels?|expelled|drives? out|drove out) (?:the |a |an )?(?:[\w-]+ ){0,4}(?:out of|from) (?-i:[A-Z])",
     BATTLES, "Non-state actor overtakes territory", 84),
    # "Institutions in the town raise the flag of the regime forces": the present tense of the row above's flags.
    (r"\b(?:raises?|hoists?) (?:a |an |the |their |its )?(?:[\w-]+ )?(?:banner|flag)s?\b",
     STRATEGIC, "Non-violent transfer of territory", 85),
    # "A drone targets a commander in X".
    (r"\b(?:drones?|uavs?) (?:targets?|strikes?|hits?|bombs?)\b", EXPLOSIONS, "Air/drone strike", 80),
    # "Losses in rebels in X", "losses among the regime forces": a toll of fighting.
    (r"\blosses (?:in|among|within) (?:the )?(?:ranks of (?:the )?)?(?:[\w-]+ ){0,2}(?:rebels|forces|fighters|factions|troops|militants|militias?)\b",
     BATTLES, "Armed clash", 30),
]

# --- Rows for terse notes and South Asian press wordings that told no event before. ---
# Hand-thrown fire and crude bombs: a "cocktail" or a "cracker" in South Asian reports is a crude bomb.
HAND_BOMB = (r"(?:(?:petrol|crude|cocktail|country-made|hand-made|handmade|home-made|homemade|fire|gasoline|kerosene|molotov) bombs?|"
             r"(?:molotov )?cocktails?|crackers?|firebombs?)")
# The thrown-bomb row's priority: `extract._coded_type` knows that row by it, and types it by whom it hurt.
THROWN_BOMB_PRIORITY = 74
LEXICON += [
    # Thrown at someone or something: typed by whom it hurt (`extract._coded_type`), a riot when nobody was hurt.
    (rf"(?<!of )\b(?:hurl\w*|threw|throw\w*|toss\w*|lobb\w*) (?:[\w-]+ ){{0,5}}?{HAND_BOMB}(?! factor)|"
     rf"\b{HAND_BOMB} (?:was|were|had been) (?:[\w-]+ )?(?:hurled|thrown|tossed|lobbed)|\bfirebombed\b|"
     rf"\b(?:petrol|crude|cocktail|molotov|fire) bomb attacks?\b|"
     r"(?<!of )\b(?:hurl\w*|threw|thrown|tossed|lobbed) (?:[\w-]+ ){0,3}?bombs? (?:at|on|into|towards|targeting)\b|"
     r"\bbombs? (?:was|were) (?:[\w-]+ )?(?:hurled|thrown|tossed|lobbed)\b",
     RIOTS, "Mob violence", THROWN_BOMB_PRIORITY),
    # Set off where they lay or went off in the street: hand-made explosives, ACLED's "Grenade".
    (rf"\b(?:explod\w*|blast\w*|blust\w*|set off|detonat\w*|burst) (?:at least |some |around |about )?(?:[\w-]+ ){{0,2}}?{HAND_BOMB}|"
     rf"\b{HAND_BOMB} (?:[\w-]+ ){{0,3}}?(?:exploded|blasted|blusted|went off|were set off|was set off|detonated|burst)|"
     rf"\b(?:blasts?|explosions?) of (?:[\w-]+ ){{0,2}}{HAND_BOMB}",
     EXPLOSIONS, "Grenade", 74),
    # Any other device set off on purpose: "exploded a cooking gas cylinder bomb", "detonated a bomb hidden in a car"
    # (below an attack told with it: "killed in an attack …, and exploded a bomb while fleeing").
    (r"\b(?:detonated|exploded|set off|blasted) (?:an? |the |two |three |\d+ )?(?:[\w-]+ ){0,3}(?:bombs?|explosives?|ieds?|devices?)\b|"
     r"\b(?:bombs?|explosives?|devices?) (?:was |were )?(?:attached|fixed|hidden|concealed)\b|\bmagnet bombs?|"
     r"\bplanted (?:the |a |an |some |two |three |[\d-]+ )?(?:[\w-]+ ){0,2}(?:bombs?|mines?|explosives?|devices?|ieds?)\b|"
     r"\bbombs? went of\b|\b(?:wounded|injured|killed|hurt) (?:[\w-]+ ){0,2}by the (?:[\w-]+ )?(?:explosion|blast)|\bexplosions? (?:[\w-]+ ){0,3}targeting\b|"
     r"\b(?:two|three|several|separate|twin) (?:[\w-]+ ){0,2}(?:explosions|blasts) (?:[\w-]+ ){0,8}(?:injured|killed|wounded)",
     EXPLOSIONS, "Remote explosive/landmine/IED", 54),
    # Infrastructure blown up by an armed group: pylons, power lines, pipelines, masts.
    (r"\b(?:blew up|blown up|blowing up|blasting|blasted|dynamited|destroyed) (?:[\w-]+ ){0,4}(?:pylons?|transmission (?:lines?|towers?)|power lines?|"
     r"(?:gas |oil )?pipelines?|electricity towers?|(?:railway |rail )(?:tracks?|lines?)|mobile towers?|(?:communication |telecom\w* )?masts?)\b(?:[^.]{0,60}\busing explosives)?|"
     r"\b(?:pylons?|transmission lines?|pipelines?|masts?) (?:[\w-]+ ){0,3}(?:were|was) blown up\b|\busing explosives\b",
     EXPLOSIONS, "Remote explosive/landmine/IED", 70),
    # Vehicles and buildings set alight ("set two trucks ablaze", "a bus was set afire", "set fire on a bus"):
    # property destruction, unless a shutdown or a crowd tells a riot (`extract._coded_type`).
    (r"\bset (?:[\w'’-]+ ){0,5}?(?:afire|alight|ablaze|an fire|on fire)\b|\bset fire (?:on|to)\b|"
     r"\b(?:was|were|been) (?:[\w-]+ )?set (?:afire|alight|ablaze|on fire)\b|\bsetting fire to\b|\b(?:tried|attempted) to torch\b",
     STRATEGIC, "Looting/property destruction", 43),
    # Two armed sides told in a few words: "the army engaged the rebels in gunfire", "firing across the LoC".
    (r"\bengaged (?:[\w'’-]+ ){1,5}in (?:an? )?(?:heavy )?(?:gunfire|gun ?fights?|fire ?fights?|fighting|combat|battles?|clash(?:es)?|skirmish(?:es)?)\b|"
     r"\b(?:firing|fire) (?:between (?:the )?(?:[\w'’-]+ ){0,3}(?:troops|forces|soldiers|army|armies)|across (?:the )?(?:loc|line of control|border))\b|"
     r"\b(?:targeted|attacked|shelled) (?:each other|one another)'?s? (?:positions|posts)\b",
     BATTLES, "Armed clash", 77),
    # Fire or an attack aimed at the forces or their posts, told tersely: "insurgents fired on a group of soldiers",
    # "rounds fired targeting the security forces", "an attack by militants on their checkpost", "assaults by government forces".
    (r"\b(?:fired|fires?|firing) (?:on|at|upon) (?:a |an |the )?(?:group of )?(?:[\w-]+ ){0,3}?(?:soldiers|troops|policem[ae]n|police|forces|personnel|patrols?)\b|"
     r"\btargeting (?:the )?(?:[\w-]+ ){0,2}(?:security forces|soldiers|troops|police|army)\b|"
     r"\btargeted (?:an? |the )?(?:[\w-]+ )?(?:posts?|outposts?|check-?posts?|bunkers?)\b|"
     r"(?<!bomb )(?<!grenade )(?<!rocket )(?<!mortar )(?<!missile )(?<!drone )(?<!suicide )\battacks? (?:[\w-]+ ){0,4}on (?:their|its|the|a|an) (?:[\w-]+ )?(?:check-?posts?|checkpoints?|posts?|outposts?|camps?|bases?)\b|"
     r"\b(?:assaults?|attacks?|offensives?) by (?:the )?(?:[\w-]+ ){0,2}(?:government forces|troops|army|soldiers|military)\b",
     BATTLES, "Armed clash", 61),
    # Fire aimed at people, told tersely or in the present: "raiders fire on civilians", "fired at the husband of …".
    (r"\b(?:fired|fires?|firing|shooting) (?:on|at|upon) (?:the |a |an |his |her |their |two |three )?(?:group of )?(?:[\w-]+ ){0,3}?"
     r"(?:civ\w{0,3}ians?|villagers|residents|passengers|farmers|people|husband|wife|son|daughter|brother|father|man|men|woman|women|boys?|girls?|"
     r"cars?|vehicles?|house|home|residence|hand|legs?|leaders?|activists?|workers?|candidates?|councillors?|drivers?|journalists?|shopkeepers?|traders?|students?)\b|"
     r"\b(?:began|begun|started) shooting\b|\bshooting sporadically\b|\bride-by (?:attack|shooting)\b",
     VAC, "Attack", 56),
    # Killings told by their manner: "slaughtered", "chopped to death", "axed to death", "was murdered", "burnt alive".
    (r"\b(?:slaughtered|hacked|chopped (?:to death|with)|axed to death|(?:burnt|burned) (?:alive|to death)|murdered|stabbed to death|"
     r"(?:doused|drenched) (?:[\w-]+ ){0,2}(?:in|with) (?:petrol|kerosene|fuel|acid)|(?:came|come|comes) under (?:an? )?attack|"
     r"carried out an? (?:[\w-]+ )?attack|mid-sea attack|firing incident|came under (?:[\w-]+ )?fire|"
     r"(?:an? )?(?:assailant|attacker|gunman) (?:[\w-]+ )?(?:shot|stabbed|killed|attacked)|"
     r"(?:gunmen|militants|attackers|assailants|raiders|bandits) (?:[\w-]+ )?(?:attack|attacks|kill|kills|shoot|shoots) |"
     r"(?:was|were) (?:[\w-]+ly )?beaten|beats (?:[\w-]+ ){0,2}(?:people|residents|villagers|civilians|men|women|youths?))\b",
     VAC, "Attack", 55),
    # Crowd violence in South Asian wording: a scuffle, jostling, a mob roughing someone up, violence erupting, infighting.
    (r"\b(?:scuffl(?:e|es|ed|ing)|jostl(?:e|ed|ing)|clashing|(?:house|home|residence|vehicle|car|bus)s? (?:was |were |had been )?stoned|fisticuffs|came to blows|roughed up|manhandled|infighting between|"
          r"(?:injured|hurt|wounded|assaulted|attacked|beaten|chased) by (?:a group of |angry |some )?(?:[\w'’-]+ ){0,2}"
     r"(?:traders|vendors|villagers|residents|locals|youths|mobs?|crowds?|supporters|rivals))\b|"
     r"\b(?:set alight|set ablaze|set on fire|torched|burnt|burned) by (?:suspected |angry )?(?:villagers|residents|locals|community members|mobs?|crowds?)\b",
     RIOTS, "Mob violence", 62),
    # Violence told without its deeds: below any killing or beating it names ("violence broke out … X was beaten to death").
    (r"\b(?:violence|tension) (?:erupted|broke out)|(?:post[- ]?poll|poll[- ]related|election[- ]related|electoral) violence|violence related to (?:the )?(?:elections?|polls?)\b",
     RIOTS, "Mob violence", 54),
    # The police breaking up a crowd with sticks: "forced police to use mild lathicharge", "resorted to a lathicharge".
    (r"\b(?:use[ds]?|using|resort(?:ed|ing)? to) (?:a |an )?(?:mild |heavy |brief )?(?:lathi|baton)[- ]?charges?\b|"
     # "soldiers fired rubber bullets to disperse a march": the march met by force
     r"\b(?:dispers(?:e|ed|es|ing)|br(?:oke|eak|eaking) up) (?:a |the |an? )?(?:[\w-]+ ){0,2}(?:marche?s?|rall(?:y|ies)|protests?|"
     r"demonstrations?|sit-ins?|vigils?|gatherings?|protesters|demonstrators)\b",
     PROTESTS, "Protest with intervention", 60),
    # A shutdown, blockade or strike told by its day or its sponsor: "the blockade, enforced by the alliance, entered
    # its 10th day", "56th day of the nationwide blockade", "(Day 3 of hartal)".
    (r"\b(?:blockades?|blockages?|hartals?|bandhs?|shutdowns?|strikes?)\b[^.]{0,40}?\b(?:enforced|called|sponsored|organi[sz]ed|imposed) by\b|"
     r"\b(?:blockades?|blockages?|hartals?|bandhs?|shutdowns?|strikes?) (?:entered|enters|continued|continues) (?:its |the |a )?(?:\d+\w*|second|third|fourth|fifth|sixth|seventh)\b|"
     r"\b\d+(?:st|nd|rd|th|iest)? (?:day of (?:the )?)?(?:[\w-]+ ){0,3}(?:blockades?|blockages?|hartals?|bandhs?|shutdowns?|indefinite)\b|"
     r"\bday \d+ of (?:the )?(?:[\w-]+ )?(?:hartals?|bandhs?|blockades?|strikes?|shutdowns?)\b|"
     r"\b(?:organi[sz]ed|observed|enforced) (?:an? |the )?(?:[\w-]+ ){0,2}(?:shutdowns?|bandhs?|hartals?)\b|\bdefied (?:the )?(?:[\w-]+ )?(?:strikes?|bandhs?|bandas?|hartals?)\b",
     PROTESTS, "Peaceful protest", 50),
    # A labour strike told otherwise: "have been striking for seven days", "went on a 48 hour strike", "teachers on strike over pay".
    (r"\b(?:(?:have|has|had) been|are|were|was|is|began|started|continued|keep|kept) striking\b|"
     r"\bon (?:an? )?(?:[\w-]+ ){0,2}strike (?:over|for|against|to|demanding|since|in protest|at|in)\b|"
     r"\b(?:go|goes|went|going|gone) on (?:an? |their |its )?(?:(?!air|drone|missile|military|rocket)[\w-]+ ){0,3}strike\b|"
     r"\b(?:announced|started|starting|declared|staged|observed|continued|continue|continuing|began|begin) (?:an? |their |its |the )?"
     r"(?:(?!air|drone|missile|military|rocket|retaliatory|surgical|precision|pre-?emptive|nuclear)[\w-]+ ){0,3}(?:strike|walk-?out)\b(?! against| targeting| on (?!\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day))|"
     r"\b\d+[- ](?:hour|day) (?:[\w-]+ )?strike\b",
     PROTESTS, "Peaceful protest", 50),
    # Protest forms by their own names and deeds: blocking work or trains, sitting on tracks, laying siege to an
    # office, marching on, an agitation, a procession (not a funeral's or a festival's), black flags shown (not a group's
    # flag raised over ground it took).
    (r"\b(?:block(?:ed|ing|s)?|obstruct(?:ed|ing)|disrupt(?:ed|ing)|halted|stopped|stalled) (?:the |a |an )?(?:[\w'’-]+ ){0,3}?"
     r"(?:traffic|trains?|construction|(?:project )?work|movement|vehicular movement|rail services|programme|program|meeting|play|hearing)s?\b|"
     r"\b(?:block(?:ed|ing|s)?|prevent(?:ed|ing)|stop(?:ped|ping)?) (?:(?!patrols?\b|convoys?\b|columns?\b|troops\b|forces\b)[\w'’-]+ ){0,5}from (?:accessing|entering|proceeding|conducting|operating|crossing|marching)\b|"
     r"\bblockade of (?:the )?(?:traffic|roads?|highways?|rail\w*)\b|\bwalked from\b[^.]{0,80}\bdemanding\b|\brais(?:ed|ing) slogans\b|"
     r"\b(?:sat|sitting|squatted) on (?:the )?(?:[\w-]+ ){0,2}(?:tracks|street|road|highway|railway line)s?\b|"
     r"\b(?:farmers|villagers|residents|workers|people|students|locals|protesters|traders|hundreds|thousands) (?:[\w-]+ ){0,3}la(?:id|y|ying) s(?:ie|ei)ges? to\b|"
     r"\bcontinu\w* (?:to march|(?:their |the )?(?:[\w-]+ )?march(?:es)?)\b|\b(?:taken|take|takes) to (?:the )?streets?\b|\bfilled the streets\b|"
     r"\b(?:took|take|taking) part in (?:an? |the )?(?:[\w'’-]+ ){0,3}(?:march|rally|procession|demonstration|protest)\b|"
     r"\bagitat(?:ion|ions|ing|ed)\b|\bsamaram\b|\bmass meetings?\b|\b(?:road|rail|rasta) rokos?\b|\bhuman (?:barricade|chain|wall)s?\b|"
     r"(?<!funeral )(?<!religious )(?<!wedding )(?<!burial )(?<!immersion )(?<!victory )\bprocessions?\b|"
     r"\b(?:tried|attempted|trying|attempting) to (?:padlock|lock|obstruct|bring out)\b|"
     r"\b(?:hoisted|waved|showed|shown|displayed) black flags\b(?! over)|\bblack flags? (?:were |was )?(?:shown|waved)|"
     r"\b(?:shops|markets|businesses|bazaars) (?:[\w,-]+ ){0,6}(?:remained|were|stayed) (?:closed|shut) (?:[\w-]+ ){0,3}(?:in response to|in protest|on a call|following a call)|"
     r"\bshut (?:down )?their (?:shops|businesses|stores)\b|\b(?:portests?|protesed|demosntrat\w*|domonstrat\w*|demonstartions?)\b",
     PROTESTS, "Peaceful protest", 49),
    # A crowd gathered to hand in a petition or ask the authorities for something.
    (r"\b(?:gather(?:ed|ing)|converged|assembled)\b[^.]{0,120}?\bto (?:lodge|submit|hand over|present|file) (?:a |an |their )?(?:petition|memorandum|complaint)|"
     r"\b(?:gather(?:ed|ing)|converged|assembled)\b[^.]{0,120}?\bto ask\b|\bmembers of (?:[\w'’()-]+ ){1,5},? demanding\b|\bgathering\b[^.]{0,80}?\bto (?:call for|demand|protest)",
     PROTESTS, "Peaceful protest", 50),
    # Fighters giving themselves up, defecting, or agreeing to terms.
    (r"\bdefect(?:s|ed)? to\b", STRATEGIC, "Change to group/activity", 41),
    (r"\bhanded themselves (?:in|over|into|to)\b|\bagreed to (?:an? )?(?:[\w-]+ ){0,2}(?:withdrawal|ceasefire|truce|pull-?out)\b|"
     r"\b(?:declares?|declared) (?:an? )?(?:[\w-]+ ){0,3}(?:ceasefire|truce)\b|\bsigned (?:an? |the )?(?:[\w-]+ ){0,2}(?:deed|accord|agreement|pact)\b",
     STRATEGIC, "Agreement", 46),
]

_COMPILED = [(fast_pattern(p), t, s, prio) for p, t, s, prio in LEXICON]

# Protest modifiers: how the authorities met the crowd.
# Lethal force, or force that maims, on a crowd that was not itself violent (ACLED's "excessive force"):
# fire opened (not into the air), live rounds, someone shot or killed at the protest, protesters tortured
# or beaten to death.
_EXCESSIVE_FORCE = re.compile(
    r"\b(?:open(?:s|ed|ing)? fire(?! (?:in|into|to|in ?to) the air| (?:with|using) (?:[\w-]+ )?(?:rubber|tear|water|plastic|sound|stun|pepper|blank))|fired (?:up)?on|"
    r"live (?:ammunition|rounds|fire|bullets)(?! (?:[\w-]+ ){0,2}(?:in|into|to) the air)|(?:shot|shooting|shoot) (?:[\w-]+ ){0,3}?dead|"
    r"shot and (?:killed|injured|wounded)|excessive force|lethal force|(?:left|leaving) (?:an?|one|two|three|\d+|several) (?:[\w-]+ )?dead|"
    r"kill(?:ed|ing) (?:at least |about |around )?(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|some|\d+) (?:[\w-]+ ){0,2}?"
    r"(?:people|persons?|m[ae]n|wom[ae]n|youths?|students?|boys?|girls?|child(?:ren)?|teenagers?|traders?|workers?|residents?|villagers?|farmers?)|"
    r"(?:an?|one|two|three|four|five|\d+) (?:[\w-]+ )?(?:people|persons?|m[ae]n|youths?|students?|protesters?|demonstrators?) (?:was|were) (?:shot dead|killed|shot and killed)|"
    r"kill(?:ed|ing) (?:\w+ ){0,3}(?:protesters?|demonstrators?|marchers?)|shot (?:dead |and killed )?(?:a |one |two |three |\d+ )?(?:protesters?|demonstrators?)|"
    r"(?:fired|shot|shooting) (?!(?:[\w-]+ ){0,3}?(?:tear|rubber|water|plastic|sound|stun|pepper|blank|warning|flares?|smoke)\b)(?:[\w-]+ ){0,3}(?:at|into|on) (?:the )?(?:protesters|demonstrators|crowds?|marchers|them)|"
    r"(?:an?|one|two|three|\d+) (?:[\w-]+ )?(?:person|people|m[ae]n|wom[ae]n|youths?|boys?|girls?|students?|protesters?|demonstrators?) (?:later )?died|"
    r"tortur\w+ (?:the |some |several )?(?:protesters|demonstrators|marchers|participants|them)|beat(?:en|ing)? (?:[\w-]+ ){0,3}to death)\b|"
    r"\b(?:protesters?|demonstrators?|marchers?|protesting [\w-]+) (?:[\w-]+ ){0,3}(?:was |were )?(?:killed|shot|died)|"
    # Armed men turning on a crowd, whoever they are: "militiamen attacked protesters in Nasiriyah, killing 3".
    r"\b(?:attacked|assaulted|stormed|raided) (?:the |a group of |peaceful )?(?:protesters|demonstrators|marchers|sit-ins?|"
    r"protest (?:camps?|sites?|tents?))\b[^.;]{0,40}\b(?:killing|injuring|wounding|leaving)\b",
    re.I,
)
_INTERVENTION = re.compile(
    r"\b(?:tear[ -]?gas|water cannons?|rubber bullets?|pellets?|dispersed|broke up|batons?|baton-charged|"
    r"beat (?:protesters|demonstrators)|intervened|(?:shot|fired) (?:in)?to the air|warning shots|"
    r"(?:shots|rounds|bullets|fire|ammunition) (?:[\w-]+ ){0,2}?(?:in|into|to) the air|"
    r"(?:arrested|detained|rounded up) (?:[\w-]+ ){0,4}(?:protesters|demonstrators|participants|activists|marchers|students|them)|"
    r"(?:protesters?|demonstrators?|participants?|activists?|marchers?) (?:[\w-]+ ){0,3}(?:were|was) (?:[\w-]+ )?(?:arrested|detained)|"
    r"lathi[- ]?charg\w*|baton[- ]charg\w*|interfered|stopped (?:the )?(?:protesters|demonstrators)|took down (?:[\w-]+ ){0,3}tents|"
    # Any arrest told with a protest is how the authorities met it: "Police arrested 2", "26 arrested".
    r"(?:arrested|detained) (?:at least |around |about )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|dozens|many)"
    r"(?! (?:years?|months?|weeks?|days?)\b)|"  # (not "a commander arrested 2 years ago")
    r"(?:\d+|persons|people|participants|organi[sz]ers) (?:[\w-]+ )?(?:were )?(?:arrested|detained)|were (?:arrested|detained) by|"
    r"used force|(?:forcibly |peacefully )?(?:removed|evicted|dispersed) by (?:the )?(?:police|security forces|authorities)|"
    # Taken away or stopped by the authorities, however worded: "taken into custody", "took them to the police
    # station", "were stopped by police", "police surrounded the group". (A fine alone is no intervention.)
    r"(?:taken (?:[\w-]+ )?|took (?:[\w-]+ ){0,3}?)into custody|(?:took|taken) (?:[\w-]+ ){0,4}?to (?:the |a )?police (?:station|headquarters)|"
    r"(?:were|was) (?:[\w-]+ )?stopped by (?:the )?(?:police|security forces|soldiers|troops|gendarmes?|authorities)|"
    r"(?:police|security forces|soldiers|troops|gendarmes?) (?:[\w-]+ ){0,4}(?:surrounded|kettled|evicted|pushed (?:them |the (?:protesters|demonstrators|crowd) )?(?:back|away))|"
    r"did not (?:allow|let) (?:the )?(?:[\w-]+ )?(?:protest|demonstration|march|statement|gathering|group|rally)|"
    r"(?:police|security forces|authorities) (?:[\w-]+ )?(?:prevented|stopped|removed|cordoned)|"
    # The authorities acting on the crowd, however the report words it.
    r"(?:police|security forces|authorities|gendarmes?|soldiers|troops|military forces) (?:[\w-]+ ){0,4}"
    r"(?:arrested|detained|forced|controlled|pushed back|confronted|blocked the (?:protesters|demonstrators|march\w*))|"
    r"forced (?:[\w-]+ ){0,3}to disperse|prevented the (?:protesters|demonstrators|marchers) from|"
    r"(?:cleared|reopened|re-opened|removed) the (?:[\w-]+ ){0,2}(?:blockades?|barricades?|roadblocks?)|pepper spray|stun grenades|sound bombs)\b",
    re.I,
)
# A crowd that fights, burns or breaks things is rioting, however it started.
_CROWD_VIOLENCE = re.compile(
    r"\b(?:clash\w*|set (?:[\w-]+ ){0,3}on fire|broke into|smash\w*|set fire|burn(?:t|ed|ing)(?! (?:an? |the |their |his )?effig)|destroyed|vandali[sz]\w*|ransack\w*|"
    r"threw|throw(?:s|ing)? (?:[\w-]+ )?(?:stones|rocks|bricks|bottles|objects|projectiles)|stone-throwing|hurl(?:ed|ing)|pelt(?:ed|ing)|"
    r"brawl\w*|scuffl\w*|stormed|(?:started|tried|attempted) to storm|torched|rioters|rioting|turned violent|"
    r"(?:with|using) (?:stones|rocks|machetes|sticks)|looted(?! (?:funds|money|valuables|assets|wealth|savings))|"
    # Property broken or set alight, and the police hurt: "set a car ablaze", "damaged vehicles", "injuring two officers".
    r"ablaze|alight|petrol bombs?|molotov\w*|violence (?:erupted|broke out)|"
    r"attacked (?:the |a |an |several |two |\d+ )?(?:[\w-]+ ){0,2}(?:police\w*|officers|gendarm\w+|soldiers|stations?|buildings?|offices?|vehicles?|cars?|shops?)|"
    r"damag(?:ed|ing) (?:the |a |an |several |some |two |\d+ )?(?:[\w-]+ ){0,2}(?:vehicles?|cars?|buildings?|offices?|property|shops?|windows?|stations?|buses)|"
    r"broke (?:the |a |several )?(?:[\w-]+ )?(?:windows?|gates?|doors?|windscreens?)|"
    r"(?:injur|wound)(?:ed|ing) (?:at least )?(?:an?|one|two|three|four|five|several|\d+) (?:[\w-]+ )?(?:police\w*|officers|gendarm\w+|soldiers)|"
    r"(?:police\w*|officers|gendarm\w+|soldiers) (?:[\w-]+ ){0,3}(?:were|was) (?:[\w-]+ )?(?:injured|wounded|hurt)(?! by))\b",
    re.I,
)


_BOMBER_STOPPED = re.compile(
    r"\b(?:killed|shot|arrested|captured|detained|intercepted|stopped|neutrali[sz]ed)\s+(?:[\w-]+\s+){0,3}suicide bombers?\b", re.I)
# A grenade carried, found or seized was never thrown: "armed with a hand grenade", "seized pistols and grenades".
_GRENADE_HELD = re.compile(
    r"\b(?:armed with|seized|recovered|confiscated|carrying|found|possession of)\b[^.;]{0,60}\bgrenades?\b", re.I)
# Stun, sound and tear-gas grenades thrown at a protest are how the police met it, not a grenade attack.
_CROWD_CONTROL_GRENADE = re.compile(r"\b(?:stun|sound|flash|flash-bang|tear[- ]?gas|smoke|concussion) grenades?\b", re.I)
_ARREST_DENIED = re.compile(r"\b(?:no|nobody|no one|none|not|yet to)(?:\s+(?:[\w-]+|one))?(?:\s+(?:was|were|has|have|had|been|yet|make|made|any))*\s*$", re.I)
# "Arrested for taking part in protests": the arrest is the event; the protest is its reason.
_ARRESTED_FOR_PROTEST = re.compile(
    r"\b(?:arrested|detained)\b[^.]{0,80}\bfor (?:participating|taking part|joining|organi[sz]ing|attending|calling|enforcing) (?:in |for )?\s*"
    r"(?:the |a |an )?(?:[\w-]+ ){0,2}(?:protests?|demonstrations?|rall(?:y|ies)|marche?s?|strikes?|bandhs?|hartals?|blockades?)\b", re.I)


# "the family of a constable who was shot dead held a protest": the shooting is the grievance.
_GRIEVANCE = re.compile(r"\bwho (?:was|were|had been|has been) (?:[\w-]+ )?$", re.I)


# Violence told as the protest's cause, not its conduct: "after water pollution destroyed their crops",
# "for the replacement of a burnt transformer", "accused of vandalising a bank".
_GRIEVANCE_BEFORE = re.compile(
    r"\b(?:after|following|against|over|for|accused of|charged with|blamed for)\b(?:(?! and )[^,;.]){0,60}$", re.I)


def _is_grievance(sentence: str, start: int) -> bool:
    if _TURNED_VIOLENT.match(sentence, start):
        return False  # "a demonstration over food aid turned violent": the protest itself did
    return bool(_GRIEVANCE_BEFORE.search(sentence[:start]))


_TURNED_VIOLENT = re.compile(r"(?:turned|became) violent", re.I)
_NON_STATE_SHOOTER = re.compile(
    r"\b(?:gunm[ae]n|(?:unknown|unidentified) (?:armed )?(?:assailants|attackers|persons|people|men|individuals|gunmen)|armed (?:men|individuals)|militia\w*|militants)\b", re.I)
_STATE_FORCE = re.compile(
    r"\b(?:police\w*|security (?:forces|personnel|officers|services)|soldiers|troops|army|military|gendarm\w+|officers|guards)\b", re.I)
# A killing or shooting told as what the crowd protested ("demonstrated after a gendarme shot and killed a
# driver"), unless the forces act anew after an "and" ("protested against the lockdown and police opened fire").
_FORCE_GRIEVANCE = re.compile(
    r"\b(?:after|following|against|over|for|accused of|blamed for)\b"
    r"(?:(?! and (?:then )?(?:the )?(?:police|security|soldiers|troops|forces|gendarmes?|army|military|officers)\b)[^,;.]){0,60}$", re.I)


# A past event named by its year or an anniversary, with what it did: "the 2019 mosque shootings that killed 51
# people", "the anniversary of the massacre". Nothing in it is news.
_YEAR_NAMED = r"the\s+(?:19|20)\d\d\s+(?:[\w-]+\s+){0,2}"  # "the 2015 attacks", "the 2019 mosque shootings"
_LAST_YEARS = r"(?:last|previous|past) year['’]s\s+"  # "last year's bombing"
_HISTORY_CLAUSE = re.compile(rf"\b(?:{_YEAR_NAMED}(?:that|which)\s+|{_LAST_YEARS}|anniversary of\s+)[^,.;]*", re.I)
# The words right before an event's own word that name it as history: "the 2015 attacks", "last year's bombing",
# "the anniversary of the massacre".
_HISTORY_BEFORE = re.compile(rf"(?:\b{_YEAR_NAMED}(?:(?:that|which)\s+)?|\b{_LAST_YEARS}(?:[\w-]+\s+)?|"
                             r"\banniversary of (?:the\s+)?(?:(?:19|20)\d\d\s+)?(?:[\w-]+\s+)?)$", re.I)


def named_as_history(sentence: str, start: int) -> bool:
    """Whether the event word at `start` is a past event named by its year or an anniversary (not news)."""
    return bool(_HISTORY_BEFORE.search(sentence[:start]))


def without_history(sentence: str) -> str:
    """The sentence with its history clauses blanked (same length: spans stay where they were)."""
    return _HISTORY_CLAUSE.sub(lambda m: " " * len(m.group(0)), sentence)


def protest_response(sentence: str) -> str | None:
    """How a protest went, by what the sentence says of the crowd and the authorities."""
    sentence = without_history(sentence)
    if any(not _is_grievance(sentence, m.start()) for m in _CROWD_VIOLENCE.finditer(sentence)):
        return "Violent demonstration"
    # (Not a killing that is the protest's grievance: "protested after police killed a man", nor one by
    # gunmen the report does not tie to the state.)
    by_state = not _NON_STATE_SHOOTER.search(sentence) or bool(_STATE_FORCE.search(sentence))
    if by_state and any(not _GRIEVANCE.search(sentence[: m.start()]) and not _FORCE_GRIEVANCE.search(sentence[: m.start()])
                        for m in _EXCESSIVE_FORCE.finditer(sentence)):
        return "Excessive force against protesters"
    if any(not _GRIEVANCE_BEFORE.search(sentence[: m.start()]) and not _RELEASE_BEFORE.search(sentence[: m.start()])
           and not _GRIEVANCE.search(sentence[: m.start()]) for m in _INTERVENTION.finditer(sentence)):
        # (Not arrests the crowd protests: "demanded the release of activists who were detained", "against the
        # detention of students", "rejecting police actions in which the officers confiscated trucks".)
        return "Protest with intervention"
    return None


# What a crowd demands back: "demanded the release of activists (who were) detained in recent demonstrations".
_RELEASE_BEFORE = re.compile(r"\b(?:release|freedom|return) of\b(?:(?! and )[^,;.]){0,60}$", re.I)


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
    text = LoweredText(sentence)
    found = [
        Trigger(event_type, sub, prio, m.start(), m.end(), sentence[m.start():m.end()])
        for pattern, event_type, sub, prio in _COMPILED
        for m in pattern.finditer(text)
    ]
    return sorted(found, key=lambda t: (-t.priority, t.start))


def best_trigger(sentence: str, found: list[Trigger] | None = None) -> Trigger | None:
    """The trigger an ACLED coder would code the sentence by, with protest and riot refinements.

    `found` is the sentence's `find_triggers` result when the caller has it already.
    """
    triggers = find_triggers(sentence) if found is None else found
    if not triggers:
        return None
    # "killed a suicide bomber before he struck": the bomb never went off.
    if triggers[0].sub_event_type == "Suicide bomb" and _BOMBER_STOPPED.search(sentence):
        triggers = [t for t in triggers if t.sub_event_type != "Suicide bomb"]
        if not triggers:
            return None
    # "No arrests have been made", "no one was arrested": an arrest denied is none.
    if any(t.sub_event_type == "Arrests" and _ARREST_DENIED.search(sentence, 0, t.start) for t in triggers):
        triggers = [t for t in triggers if not (t.sub_event_type == "Arrests" and _ARREST_DENIED.search(sentence, 0, t.start))]
        if not triggers:
            return None
    if _GRENADE_HELD.search(sentence) or (
            _CROWD_CONTROL_GRENADE.search(sentence) and any(t.event_type == PROTESTS for t in triggers)):
        triggers = [t for t in triggers if t.sub_event_type != "Grenade"]
        if not triggers:
            return None
    best = triggers[0]
    if best.sub_event_type == "Arrests":
        # "opened fire on the crowd, wounding some and arresting others": the arrests are the aftermath.
        harm = next((t for t in triggers if t.event_type in (BATTLES, EXPLOSIONS, VAC) and t.start < best.start), None)
        if harm is not None:
            best = harm
    if _ARRESTED_FOR_PROTEST.search(sentence):
        arrest = next((t for t in triggers if t.sub_event_type == "Arrests"), None)
        if arrest is not None and best.event_type in (PROTESTS, STRATEGIC):
            return Trigger(STRATEGIC, "Arrests", 97, arrest.start, arrest.end, arrest.text)
    if best.priority >= 96:
        return best  # the report's own label ("Security measures: …") is what it is
    kinds = {t.event_type for t in triggers}
    if best.event_type == RIOTS and PROTESTS in kinds and _is_grievance(sentence, best.start):
        # "protested over an attack on police by a mob": the riot is what they protested.
        triggers = [t for t in triggers if t.event_type != RIOTS]
        best = triggers[0]
    if best.event_type == RIOTS and PROTESTS in kinds:
        # A protest whose crowd burns or throws things is one violent demonstration.
        return Trigger(RIOTS, "Violent demonstration", 71, best.start, best.end, best.text)
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
    if protest.event_type == RIOTS:
        # A riot told already stays one: how the police met a mob makes it neither a protest met with
        # force nor a demonstration (`extract._coded_type` tells a mob from a violent demonstration).
        return protest
    outcome = protest_response(sentence)
    if outcome is None:
        return protest
    event_type, priority = _PROTEST_OUTCOMES[outcome]
    if priority <= protest.priority:
        return protest
    return Trigger(event_type, outcome, priority, protest.start, protest.end, protest.text)
