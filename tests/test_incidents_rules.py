"""ACLED coding rules, one table row per rule: a short report in our own words -> its type.

Run through the whole extractor without a gazetteer, so what is checked is the
triggers, the actors and the coding rules that depend on who did what to whom.
"""
import datetime as dt

import pytest

from incidents import actors, triggers
from incidents.articles import Article
from incidents.extract import Extractor
from incidents.places import find_mentions
from incidents.text import LoweredText, fast_pattern

PUBLISHED = dt.date(2020, 5, 10)


def coded(text: str) -> tuple[str, str] | None:
    """(event type, sub-event type) of the report's most confident incident."""
    found = Extractor(None).extract(Article(text=text, published=PUBLISHED))
    if not found:
        return None
    best = max(found, key=lambda incident: incident.confidence)
    return best.event_type, best.sub_event_type


BATTLE = ("Battles", "Armed clash")
ATTACK = ("Violence against civilians", "Attack")
MOB = ("Riots", "Mob violence")
VIOLENT_DEMO = ("Riots", "Violent demonstration")


@pytest.mark.parametrize(
    "text, expected",
    [
        # A device left behind is a remote explosive, whoever it hit.
        ("On 3 May 2020, a bomb planted by insurgents killed two soldiers on the ring road near Kandahar.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("On 4 May 2020, a truck ran over a mine outside the village, wounding the driver.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("On 4 May 2020, a rebel-planted mine destroyed an army truck.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # Rocket-propelled grenades are artillery in ACLED's coding, not grenades.
        ("On 5 May 2020, militants fired an RPG at a police vehicle in the market.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        # A grenade dropped from a drone is an air strike.
        ("On 2 May 2020, separatists dropped a grenade from a drone on army trenches.",
         ("Explosions/Remote violence", "Air/drone strike")),
        # Fire answered by fire is a battle, even with artillery, even when bystanders are hurt.
        ("On 6 May 2020, the two armies exchanged artillery fire along the border.", BATTLE),
        ("On 6 May 2020, troops exchanged fire with smugglers near the crossing and two civilians were hurt.", BATTLE),
        ("On 7 May 2020, gunmen attacked a checkpoint and the soldiers returned fire.", BATTLE),
        # Shelling told as part of ground fighting is coded as the fighting.
        ("On 8 May 2020, clashes broke out on the front line amid heavy shelling of the town.", BATTLE),
        # Grenades thrown in a gunfight are part of the fight.
        ("On 9 May 2020, gunmen attacked a police patrol with grenades and rifles.", BATTLE),
    ],
)
def test_weapons_and_two_sided_fire(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Who was hit decides: an armed victim makes a battle, a civilian an attack.
        ("On 2 May 2020, rebels shot dead a police officer at the market.", BATTLE),
        ("On 2 May 2020, Taliban militants shot dead a shopkeeper in the bazaar.", ATTACK),
        ("On 3 May 2020, al Shabaab militants attacked an army base outside the town.", BATTLE),
        ("On 3 May 2020, gunmen killed two farmers in their fields.", ATTACK),
        # Civilians hurt in the crossfire of a clash do not turn it into one-sided violence.
        ("On 4 May 2020, soldiers clashed with rebels in the hills and a child was wounded.", BATTLE),
        # "Killed four fighters and detained two": the killing is the event, not the arrests.
        ("On 5 May 2020, soldiers killed four militants and detained two others during a raid.", BATTLE),
    ],
)
def test_who_was_hit_decides_between_battle_and_attack(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A crowd throwing stones at police with no demand voiced is a mob.
        ("On 2 May 2020, villagers pelted stones at police who had come to enforce the curfew.", MOB),
        # With a protest or a demand, the same stones make a violent demonstration.
        ("On 2 May 2020, students protesting fee rises pelted stones at police outside the campus.", VIOLENT_DEMO),
        ("On 3 May 2020, residents burned tyres and blocked the highway, demanding water.", VIOLENT_DEMO),
        # Unarmed groups fighting each other are a mob; armed ones, a battle.
        ("On 4 May 2020, two groups of villagers clashed over a land dispute, injuring six.", MOB),
        ("On 4 May 2020, supporters of the two parties clashed with each other after the rally was cancelled.", VIOLENT_DEMO),
        ("On 4 May 2020, rival gangs clashed in the port district, exchanging gunfire.", BATTLE),
        ("On 5 May 2020, a mob lynched a man accused of theft.", MOB),
    ],
)
def test_crowds_riot_as_mobs_or_demonstrations(text, expected):
    assert coded(text) == expected


def test_a_riot_in_a_report_about_protests_is_a_violent_demonstration():
    text = ("Hundreds protested on 1 May 2020 against power cuts in the capital. "
            "On 2 May 2020, crowds torched the offices of the electricity board.")
    found = Extractor(None).extract(Article(text=text, published=PUBLISHED))
    assert [(i.event_date, i.sub_event_type) for i in found] == [
        ("2020-05-01", "Peaceful protest"), ("2020-05-02", "Violent demonstration")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Gathering with a demand is a protest without the word.
        ("On 2 May 2020, nurses gathered outside the hospital to demand unpaid wages.", ("Protests", "Peaceful protest")),
        ("On 2 May 2020, residents banged pots and pans from their balconies against the president.",
         ("Protests", "Peaceful protest")),
        # Arrests at a protest are how the authorities met it.
        ("On 3 May 2020, about 40 workers protested at the factory gate. Police arrested 5 of them.",
         ("Protests", "Protest with intervention")),
        ("On 3 May 2020, activists held a rally in the square and 12 people were detained.",
         ("Protests", "Protest with intervention")),
        # An arrest that is the protest's grievance is not an intervention.
        ("On 3 May 2020, journalists protested against the arrest of their editor. He was arrested last week.",
         ("Protests", "Peaceful protest")),
        # Police watching without acting is not an intervention.
        ("On 3 May 2020, thousands marched through the city. Police blocked some roads but did not disperse them.",
         ("Protests", "Peaceful protest")),
        # Killing protesters is excessive force.
        ("On 4 May 2020, traders protested against new taxes; soldiers opened fire, killing a protester.",
         ("Protests", "Excessive force against protesters")),
    ],
)
def test_protests_and_how_they_were_met(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The side the ground was taken from tells who took it, when the taker is not named.
        ("On 2 May 2020, allied tribal units took control of two hills from Houthi forces.",
         ("Battles", "Government regains territory")),
        ("On 2 May 2020, government troops recaptured the town after heavy fighting.",
         ("Battles", "Government regains territory")),
        ("On 2 May 2020, Islamic State fighters seized the town of Qaryatayn.",
         ("Battles", "Non-state actor overtakes territory")),
        # Ground taken and a flag raised without a fight is a non-violent transfer.
        ("On 3 May 2020, militants entered the village and raised their black flag over the school.",
         ("Strategic developments", "Non-violent transfer of territory")),
        # "A motorcade took place in the city" takes no city.
        ("On 3 May 2020, a motorcade took place in the city centre to protest the lockdown.",
         ("Protests", "Peaceful protest")),
    ],
)
def test_territory(text, expected):
    assert coded(text) == expected


def test_a_suicide_bomber_stopped_before_he_struck_is_not_a_suicide_bombing():
    result = coded("On 4 May 2020, soldiers shot and killed a suicide bomber before he reached the base.")
    assert result is not None and result[1] != "Suicide bomb"


@pytest.mark.parametrize(
    "sentence, names",
    [
        # A generic word right after a named group is that group, not a second actor.
        ("Taliban militants shot a teacher", ["Taliban", "Civilians (X)"]),
        ("presumed JNIM or ISGS militants burned a school", ["JNIM: Group for Support of Islam and Muslims"]),
        # People named by what they are, not by a side, are civilians ("the Donbass People's Militia" is not).
        ("gunmen killed two farmers", ["Unidentified Armed Group (X)", "Civilians (X)"]),
        ("rebels fired at the positions of the Donbass People's Militia", ["Rebel groups (X)", "Militia (X)"]),
    ],
)
def test_actor_mentions(sentence, names):
    assert [a.name for a in actors.find_actors(sentence, country="X")] == names


def test_the_side_ground_is_taken_from_does_not_act():
    mentions = actors.find_actors("units took control of the hill from pro-Houthi forces", country="X")
    first, second = actors.assign_actors(mentions, trigger_start=6)
    assert first is None and second.name == "Ansar Allah" and second.source


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        (r"\bshell(?:ed|ing)\b", "Troops SHELLED the town", "SHELLED"),
        (r"(?-i:\bIS\b) fighters", "IS fighters attacked", "IS fighters"),
        (r"(?-i:\bIS\b) fighters", "this is fighters' land", None),
        (r"\bistanbul\b", "İstanbul police", "İstanbul"),  # lower-casing changes the length: the original is used
    ],
)
def test_lexicon_patterns_match_regardless_of_case_and_slice_the_original(pattern, text, expected):
    m = fast_pattern(pattern).search(LoweredText(text))
    assert (text[m.start():m.end()] if m else None) == expected


def test_the_drone_and_rpg_rows_outrank_the_grenade_row():
    assert triggers.best_trigger("They dropped a grenade from a drone.").sub_event_type == "Air/drone strike"
    assert triggers.best_trigger("They fired a rocket-propelled grenade.").sub_event_type == \
        "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 2 May 2020, gunmen kidnapped a trader on the highway.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        # Abducted and then killed: the killing is what is coded, by who the victim was.
        ("On 2 May 2020, gunmen kidnapped a trader on the highway; his body was found the next day.", ATTACK),
        ("On 2 May 2020, insurgents abducted three soldiers at a checkpoint and later killed them.", BATTLE),
    ],
)
def test_abducted_and_killed(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 6 May 2020, insurgents attacked an army position on the ridge.", BATTLE),
        ("On 6 May 2020, a shoot-out broke out between police and two suspects in the slum.", BATTLE),
        # Two sides known only by acronyms are still two sides.
        ("On 6 May 2020, ABC forces attacked XYZ forces near the airport.", BATTLE),
    ],
)
def test_attacks_on_armed_posts_and_gunfights_are_battles(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 5 May 2020, workers of a textile mill demanded three months of unpaid wages outside the mill.",
         ("Protests", "Peaceful protest")),
        ("On 5 May 2020, residents gathered outside the town hall demanding clean water.", ("Protests", "Peaceful protest")),
        ("On 5 May 2020, soldiers opened fire on a minibus at the roadblock, wounding the driver.", ATTACK),
        ("On 5 May 2020, the bodies of two men were found by the river with gunshot wounds.", ATTACK),
        ("On 5 May 2020, a man threw acid at a nurse on her way to work.", ATTACK),
    ],
)
def test_demands_shootings_and_bodies(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A road blocked "in both directions" is a protest; fire "in both directions" is a battle.
        ("On 1 May 2020, protesters blocked the coastal highway in both directions.", ("Protests", "Peaceful protest")),
        ("On 1 May 2020, monitors recorded 40 explosions along the line, fired in both directions.", BATTLE),
        # "Looted funds" is a grievance, not looting by the crowd.
        ("On 1 May 2020, protesters gathered outside the central bank and demanded the return of looted funds.",
         ("Protests", "Peaceful protest")),
    ],
)
def test_words_that_look_violent_but_are_not(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 1 May 2020, twenty soldiers switched sides and joined the insurgents in the district.",
        "On 1 May 2020, government troops were deployed to the island's airport.",
        "On 1 May 2020, the militia set up checkpoints at the entrances of the town.",
        "On 1 May 2020, members of the cartel delivered boxes of food to families in the city.",
        # What an armed group does between fights: hands out aid, drills, patrols, arrives in force,
        # threatens in its messages, loses members.
        "On 1 May 2020, members of the gang were filmed handing out food parcels to residents.",
        "On 1 May 2020, the militia held military exercises on the edge of the city.",
        "On 1 May 2020, village women formed a patrol to keep outsiders away during the lockdown.",
        "On 1 May 2020, hundreds of armed tribesmen arrived in the district at the call of their sheikh.",
        "On 1 May 2020, the cartel posted videos threatening anyone who breaks its curfew.",
        "On 1 May 2020, dozens of fighters left the newly formed faction.",
        # Forces massed or recruits trained, and rules laid on the public, told without a label.
        "On 1 May 2020, the rebels mobilised hundreds of men near the frontline.",
        "On 1 May 2020, the insurgents were recruiting young men in the border villages.",
        "On 1 May 2020, the governor banned all gatherings in the province for two weeks.",
    ],
)
def test_change_to_group_or_activity(text):
    assert coded(text) == ("Strategic developments", "Change to group/activity")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 2 May 2020, police arrested four men suspected of smuggling fuel.", ("Strategic developments", "Arrests")),
        # Only the state arrests: an armed group detaining people is abducting them.
        ("On 2 May 2020, HTS security forces arrested a camp manager in Idlib.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        # An arrest told after an assault is its aftermath.
        ("On 2 May 2020, six men assaulted two police officers at a roadblock. They were arrested the next day.", MOB),
        ("On 2 May 2020, during an arrest raid, soldiers shot a teenager in the leg.", ATTACK),
    ],
)
def test_arrests_and_what_they_follow(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Armed militiamen fighting each other are a battle, even over grazing land.
        ("On 4 May 2020, armed militiamen from two clans clashed near the wells; three people were killed.", BATTLE),
        # The police named far from the verb are not its object.
        ("On 5 May 2020, a man was shot and wounded by five masked gunmen in what police called a gang feud.", ATTACK),
        ("On 1 May 2020, a boy was killed when unexploded ordnance went off in a field.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ],
)
def test_militias_bystanders_and_old_ordnance(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 3 May 2020, rebels pounded an army base in the valley.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("On 3 May 2020, militants launched a rocket across the border into a field.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("On 3 May 2020, the air force targeted rebel positions outside the city.",
         ("Explosions/Remote violence", "Air/drone strike")),
        ("On 3 May 2020, the army bombed insurgent camps in the forest.", ("Explosions/Remote violence", "Air/drone strike")),
        # A sniper's victim decides the type, as for any attack.
        ("On 3 May 2020, a policeman was wounded by an insurgent sniper at the gate.", BATTLE),
        ("On 3 May 2020, two soldiers were wounded following an attack by insurgents on a checkpoint.", BATTLE),
    ],
)
def test_remote_fire_and_attacks_told_passively(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Off duty, a soldier or policeman is attacked as a civilian would be.
        ("On 7 May 2020, gunmen shot dead an off-duty police officer outside his home.", ATTACK),
        # The one acted on is the one named after the verb.
        ("On 7 May 2020, members of the security forces opened fire on a civilian car at a checkpoint, killing a man.",
         ATTACK),
    ],
)
def test_victims(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 8 May 2020, two insurgents were killed when a bomb they were planting exploded prematurely.",
         ("Strategic developments", "Disrupted weapons use")),
        ("On 8 May 2020, a roadside bomb was found near the bridge and defused by the army.",
         ("Strategic developments", "Disrupted weapons use")),
        ("On 8 May 2020, police recovered rifles and ammunition from a hideout in the hills.",
         ("Strategic developments", "Disrupted weapons use")),
        ("On 8 May 2020, police dismantled a cocaine lab on the edge of the city.",
         ("Strategic developments", "Looting/property destruction")),
        # "Intercepted a car" is a way of stopping a car, not a weapon disrupted.
        ("On 8 May 2020, two gunmen intercepted a car and shot the driver dead.", ATTACK),
    ],
)
def test_disrupted_weapons_use(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 6 May 2020, the government released 40 prisoners from the central jail.", ("Strategic developments", "Other")),
        ("On 6 May 2020, soldiers prevented a foreign patrol from entering the town.", ("Strategic developments", "Other")),
        ("On 6 May 2020, border guards fired shots into the air near the river crossing.", ("Strategic developments", "Other")),
        ("On 6 May 2020, 300 families were displaced following fighting near the village.", ("Strategic developments", "Other")),
        # Things taken or destroyed with no one hurt are looting or property destruction.
        ("On 6 May 2020, militants raided several houses in the village, taking away food and motorcycles.",
         ("Strategic developments", "Looting/property destruction")),
        ("On 6 May 2020, militants attacked and burned a school in the village.",
         ("Strategic developments", "Looting/property destruction")),
        ("On 6 May 2020, militants attacked the village, burned a school and killed two teachers.", ATTACK),
    ],
)
def test_other_and_property(text, expected):
    assert coded(text) == expected


def test_an_armed_group_that_is_arrested_is_not_abducting():
    text = "On 1 May 2020, law enforcement detained dozens of gang members; 35 gang leaders were arrested."
    assert coded(text) == ("Strategic developments", "Arrests")


@pytest.mark.parametrize(
    "text",
    [
        "On 2 May 2020, attackers threw a grenade at an army post. Soldiers reacted with gunfire.",
        "On 2 May 2020, rebels fired mortars at army positions. Monitors recorded 30 explosions in both directions.",
        "On 2 May 2020, government forces responded to rebel shelling near the dam.",
    ],
)
def test_fire_that_is_answered_is_a_battle(text):
    assert coded(text) == BATTLE


@pytest.mark.parametrize(
    "text, expected",
    [
        # A lockdown told as background does not make an assault a security measure.
        ("On 2 May 2020, police assaulted a taxi driver for not wearing a mask during the lockdown.", ATTACK),
        ("On 2 May 2020, the governor imposed a curfew on the city after a week of unrest.",
         ("Strategic developments", "Change to group/activity")),
        ("On 2 May 2020, members of a criminal group were seen beating people with sticks for breaking the curfew.", ATTACK),
    ],
)
def test_assaults_during_a_lockdown(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 8 May 2020, migrant workers held a protest demanding trains home. Police resorted to a lathi charge.",
         ("Protests", "Protest with intervention")),
        ("On 8 May 2020, families held a rally outside the court. At least one protester was arrested.",
         ("Protests", "Protest with intervention")),
        ("On 8 May 2020, a demonstration over food aid turned violent outside the governor's office.", VIOLENT_DEMO),
        ("On 8 May 2020, residents built barricades and set them on fire to demand emergency funds.", VIOLENT_DEMO),
    ],
)
def test_how_protests_went(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 30 April 2020, villagers assaulted police personnel who were enforcing the lockdown.",
        "On 30 April 2020, a group of citizens attacked a police officer who tried to reopen the highway.",
        "On 30 April 2020, clashes erupted between Palestinians and Israeli forces during an arrest raid.",
    ],
)
def test_people_turning_on_the_police_are_a_mob(text):
    assert coded(text) == MOB


@pytest.mark.parametrize(
    "text",
    [
        # Those attacked answered with force: two armed sides, a battle.
        ("On 5 May 2020, police officers were patrolling a housing estate when presumed gang members walked up "
         "and started shooting. The police shot back and wounded one of the attackers."),
        # The answer may be told in a sentence between the attack and the toll.
        ("On 6 May 2020, suspected herder militiamen attacked the hamlet of Dogo and took away cattle. "
         "Local hunters' militiamen routed the assailants. No casualties reported."),
        ("On 30 April 2020, civil police shut down a drug lab in a suburb. Two armed men exchanged fire with the "
         "officers during the raid, and one of the men was killed."),
        # A member of a security service, however the service is named, is one of the state's forces.
        ("Around 29 April 2020, a member of the regime's intelligence service was found killed on a road with his "
         "belongings taken. A rebel faction is believed to have killed him."),
        # "killing three policemen": the harm told with an -ing verb.
        "On 15 March 2020, a policeman turned his rifle on his comrades, killing 3 policemen and injuring 1 at a checkpoint.",
    ],
)
def test_armed_victims_or_answered_fire_make_a_battle(text):
    assert coded(text) == BATTLE


def test_villagers_chasing_gunmen_away_keep_an_attack_an_attack():
    assert coded("On 7 May 2020, gunmen shot dead a farmer in his field; villagers chased away the attackers.") == ATTACK


def test_harm_told_in_a_later_sentence_keeps_an_attack_an_attack():
    text = ("On 3 May 2020, armed men set two trucks on fire on the forest road. "
            "They threatened the drivers with guns. One of the drivers was injured in the leg.")
    assert coded(text) == ATTACK


@pytest.mark.parametrize(
    "text, country_code, admin1, max_precision",
    [
        # A state's short form in parentheses is no country code: TN here is Tamil Nadu, not Tunisia.
        ("On 6 May 2020, workers held a protest in Coimbatore city (Coimbatore, TN) demanding wages.", "IN", None, 1),
        # A country named in passing ("the US dollar") is not where it happened.
        ("On 30 April 2020, protesters against the high US dollar exchange rate blocked the main road in Beirut.",
         "LB", None, 1),
        # The province in parentheses places the village in its country: Edo is Nigeria's state, not old Tokyo.
        ("On 8 May 2020, a police team in Auchi (Etsako West LGA, Edo) was attacked by armed youths.", "NG", None, 1),
        # A country is the last resort when a place near the scene is known.
        ("On 28 April 2020, rebels fired machine guns at residential neighbourhoods on the outskirts of "
         "Hays city in western Yemen (Hays, Al Hudaydah).", "YE", "Al Hudaydah", 2),
        # "in southern Qalqiliyah": a direction before the name still marks the scene.
        ("On 1 May 2020, soldiers fired live bullets at two farmers near the fence in southern Qalqiliyah.", "PS", None, 2),
        # Names after the scene's comma say where it lies: Acatlan in Hidalgo, not Puebla's.
        ("On 29 April 2020, in Acatlan, Hidalgo, fair workers protested blocking the roads.", "MX", "Hidalgo", 1),
        ("Around 7 May 2020, a councillor was shot dead by gunmen in Barangay Lawa, Calamba, Laguna.", "PH", None, 2),
        # A capitalised word that is only another place's alternate name does not vote for its country
        # ("No" for Ghana's Ho, "Molotov" for Russia's Perm).
        ("On 4 May 2020, jets targeted fuel trucks in Gharyan. No casualties were reported.", "LY", None, 1),
        ("On 29 April 2020, rioters hurled Molotov cocktails at soldiers in Tripoli, Lebanon.", "LB", None, 1),
        # A region in parentheses known only abroad does not move a large city out of its country
        # (Haiti also has a Nord-Ouest).
        ("On 1 May 2020, moto-taxi riders marched in Bamenda town (Mezam, Nord-Ouest) against the separatists.",
         "CM", None, 1),
        # A town after the scene's comma is no unit: Cortes is not Brazil's Cortês when Choloma is Honduran.
        ("On 30 April 2020, in Choloma, Cortes, men broke into a home and shot a man dead.", "HN", None, 1),
        # A town right before "<name> state", with no preposition, is still the scene.
        ("On 29 April 2020, Caripe, Monagas state, residents blocked a road to demand gas.", "VE", "Monagas", 1),
        # A lower-case word for the unit's kind does not end the chain of names after the scene.
        ("On 5 May 2020, in Higuerote, Brion municipality, Miranda state, guard officers were moved to secure the beach.",
         "VE", "Miranda", 1),
        ("On 3 March 2020, insurgents killed two police officers in the Naychin village, Urozgan.", "AF", None, 3),
        # The unit named after "in" places a village in its country: Syria's Mansura, not Egypt's large city.
        ("On 29 April 2020, masked gunmen shot a shepherd dead in Mansura in Ar-Raqqa.", "SY", None, 1),
        # A country named as where goods came from does not outvote the town where people marched.
        ("On 5 May 2020, lorry drivers who carry goods from Turkey held a rally in Batumi.", "GE", None, 1),
        # A quarter named before its town: the town is the place.
        ("On 4 May 2020, two families fought with sticks in Wadi area of Vadodara city.", "IN", None, 1),
        # A town after the scene in parentheses is its context, even when a province abroad shares its
        # name's sound (Malaysia's Sabah is no city outweighing Tripoli).
        ("On 27 April 2020, stray shells fell in Al Mawz Street in As Sabaa (Tripoli).", "LY", None, 2),
        # An unknown village falls back to its local unit, named with the word for its kind ("Biu LGA").
        ("On 6 May 2020, insurgents burned the church of Dabirowa (Biu LGA, Borno).", "NG", None, 2),
        # The only namesake known lies in another province than the one named: the narrower unit named is the place.
        ("On 30 April 2020, in Caracoli, Malambo, Atlantico department, neighbours protested to ask for food.",
         "CO", "Atlántico", 2),
        # "al" with a space is still the name's article; the town after "in" holds the scene, it is not the scene.
        ("On 8 May 2020, gunmen shot two civilians dead in al Bab in Aleppo.", "SY", None, 1),
        ("On 4 May 2020, gunmen killed a shepherd at the entrance of Tal Tamer city in Al-Hasakeh.", "SY", None, 2),
        # "Beirut's Hamra district": the owning city votes for its country; "the Bank" alone is no place.
        ("On 1 May 2020, hundreds of people blocked the road outside the Central Bank in Beirut's Hamra district "
         "and shouted at the Governor of the Bank.", "LB", None, 2),
        # A city written with its quarter after a dash is that city.
        ("On 4 May 2020, hundreds of people rallied in Belgrade-Vracar against the curfew.", "RS", None, 1),
        # A tie between countries goes to the one whose place named dwarfs the other's: Jamaica's capital, not
        # Australia's Kingston beside its hamlet of Denham.
        ("On 6 May 2020, in Kingston city, inhabitants of Denham Town attacked police officers.", "JM", None, 1),
    ],
)
def test_places(gazetteer, text, country_code, admin1, max_precision):
    (incident,) = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert incident.country_code == country_code
    assert admin1 is None or incident.admin1 == admin1
    assert incident.geo_precision <= max_precision


@pytest.mark.parametrize(
    "text, location, admin1",
    [
        # A Philippine province is the town's second-level unit (its first is a region): the San Rafael of Bulacan.
        ("On 2 May 2020, a drug suspect was killed during a police raid in Barangay Capihan, San Rafael, Bulacan.",
         "San Rafael", "Central Luzon"),
        # A town's namesake in another region is no reading when the town named next lies in the province named.
        ("On 30 April 2020, two NPA militants were killed in a firefight with the police in Macarthur, Monreal, Masbate.",
         "Monreal", "Bicol Region"),
        # A front told with the units it lies in is a place, not a front named after a place elsewhere.
        ("On 9 May 2020, pro-Hadi forces thwarted a pro-Houthi incursion in Al Wahabiyah frontline (As Sawadiyah, "
         "Al Bayda), killing dozens of pro-Houthi elements.", "As Sawadiyah", "Al Bayda"),
        # "wa" joins the parts of an Arabic name ("and"): one district, not Saudi Arabia's Al Jawf for the unit named.
        ("On 8 May 2020, 21 Saudi-led coalition airstrikes targeted Khabb wa ash Shaaf district (Al Jawf).",
         "Khabb wa ash Sha'af", "Al Jawf"),
        # The units in brackets after "in northwestern Yemen" are the scene's.
        ("On 7 May 2020, coalition air raids were reported on Al Jarr area in northwestern Yemen (Abs, Hajjah), killing "
         "four citizens.", "Abs", "Ḩajjah"),
        # "X village under Y police station (district, state)": the village is in the station's area.
        ("On 8 May 2020, two village groups clashed and threw acid on each other in Kewata village under Dalsing "
         "Sarai police station (Samastipur, Bihar) over a land dispute.", "Dalsingh Sarai", "Bihar"),
        # A word for the site ("square") does not hide the units named after it.
        ("On 1 May 2020, unions held demonstrations at Taksim square, Beyoglu, Istanbul on Workers' Day.",
         "Istanbul", "Istanbul"),
        # Libya's districts and Iraq's provinces as ACLED spells them.
        ("On 30 April 2020, LNA forces targeted GNA positions with heavy artillery fire in Al-Swani (Aljfara).",
         "As Sawānī", "Al Jafārah"),
        ("On 2 May 2020, IS snipers killed a PMF fighter in Tall Ad Dhahab in Saladin province.",
         "Salah ad Din", "Salah ad Din"),
        # Cameroon's regions by their French names: an unknown town stands in its region.
        ("On 28 April 2020, Boko Haram looted a house in Kolofata town (Mayo-Sava, Extreme-Nord).", "Far North",
         "Far North"),
        # A city and its quarter after a dash: the quarter's last word alone is no town abroad (Slovenia's Grad).
        ("On 28 April 2020, residents of a neighborhood in Belgrade-Stari Grad, Serbia, protested against construction "
         "work.", "Belgrade", None),
        # The incident told in a later sentence that names only the country is at the scene the report opened with.
        ("On 9 May 2020, in the Central Zone of Sao Paulo, Sao Paulo, fans of the club gathered in Avenida Paulista. "
         "The protest took place to prevent a protest by supporters of the President of Brazil.", "São Paulo", None),
    ],
)
def test_where_units_and_sites_place_the_scene(gazetteer, text, location, admin1):
    (incident,) = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert incident.location == location
    assert admin1 is None or incident.admin1 == admin1


@pytest.mark.parametrize(
    "text",
    [
        # A word capitalised because it opens a sentence is no place: "Day" is not South Dakota's Day County.
        "Nurses of the district hospital continued their hunger strike over unpaid wages. Day 12.",
        # "Congress" opening a sentence, and a body's kind ("the Union") said in passing, are no places either.
        "Congress workers staged a sit-in against the price rise.",
        "Members of the teachers' Union held a demonstration demanding regular posts.",
    ],
)
def test_a_report_that_names_no_place_gets_none_rather_than_a_namesake_abroad(gazetteer, text):
    (incident,) = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert incident.country_code is None and incident.latitude is None


@pytest.mark.parametrize(
    "text, country_code",
    [
        # A party of one country places a report whose only place is a name both sides of a border share.
        ("BJP workers staged a protest in Punjab against the state government.", "IN"),
        ("PTI workers staged a protest in Hyderabad against load-shedding.", "PK"),
        # With no place named at all, the party's country is where it happened (precision 3).
        ("Awami League activists attacked a procession of Chhatra Dal.", "BD"),
        # A place named only in that other country keeps its own: the group does not move it.
        ("Afghan Taliban fighters attacked a police post in Swat.", "PK"),
    ],
)
def test_parties_and_groups_of_one_country_place_the_report(gazetteer, text, country_code):
    (incident,) = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert incident.country_code == country_code


def test_an_event_told_at_two_places_is_an_incident_at_each_with_the_toll_split(gazetteer):
    text = "On 2 May 2020, Russian jets struck Idlib and Aleppo, killing 5 civilians."
    found = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert [i.location for i in found] == ["Idlib", "Aleppo"]
    assert [i.fatalities for i in found] == [3, 2]  # as ACLED splits a toll: evenly, the remainder to the first
    assert {i.sub_event_type for i in found} == {"Air/drone strike"} and found[0].evidence == found[1].evidence


def test_places_joined_in_the_countryside_stay_near_and_one_place_stays_one_incident(gazetteer):
    found = Extractor(gazetteer).extract(Article(
        text="On 2 May 2020, regime forces shelled the countryside of Hama and Idlib.", published=PUBLISHED))
    assert [(i.location, i.geo_precision) for i in found] == [("Ḩamāh", 2), ("Idlib", 2)]
    (single,) = Extractor(gazetteer).extract(Article(
        text="On 2 May 2020, regime forces shelled Idlib and its countryside.", published=PUBLISHED))
    assert single.location == "Idlib"


def test_a_sentence_telling_two_events_gives_each_its_kind_place_and_toll(gazetteer):
    text = "On 2 May 2020, air raids on Arbin and shelling on areas in Douma killed nine people."
    found = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert sorted((i.sub_event_type, i.fatalities) for i in found) == [
        ("Air/drone strike", None), ("Shelling/artillery/missile attack", 9)]
    assert len({i.location for i in found}) == 2


def test_a_list_of_places_ending_in_and_is_an_incident_at_each(gazetteer):
    text = "On 2 May 2020, Russian jets struck Saraqeb, Maarat al-Numan and Kafr Nabl, killing 12 civilians."
    found = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert len({i.location for i in found}) == 3 and sum(i.fatalities for i in found) == 12
    assert {i.geo_precision for i in found} == {1}


@pytest.mark.parametrize(
    "text, country_code",
    [
        # A name with "and" in it is one place, not a list: Foca in Bosnia and Herzegovina, not Turkey's Foça.
        ("On 29 April 2020, locals protested in Foca, Bosnia and Herzegovina, against a hydro power plant.", "BA"),
        # A district and its province before "and": the province is where the district lies.
        ("On 19 March 2020, militants attacked Afghan forces in Alishing district, Laghman, and Bati Kot district, "
         "Nangarhar.", "AF"),
    ],
)
def test_names_with_and_that_are_no_list(gazetteer, text, country_code):
    found = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert found and all(i.country_code == country_code for i in found)


def test_a_dateline_opening_the_report_still_places_it(gazetteer):
    text = "Sunamganj, Jan 2 (UNB) Over 50 people were injured in a clash between two groups of farmers on Friday."
    (incident,) = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert incident.country_code == "BD"


def test_two_armed_sides_before_the_verb_fight_each_other():
    text = "On 15 April 2023, the army and the paramilitary RSF fought across the capital, killing 56 civilians."
    assert coded(text) == BATTLE


def test_a_province_owned_by_a_country_is_the_place(gazetteer):
    text = "On 7 March 2024, gunmen abducted pupils from schools in Kuriga, in north-western Nigeria's Kaduna state."
    (incident,) = Extractor(gazetteer).extract(Article(text=text, published=PUBLISHED))
    assert incident.country_code == "NG" and incident.admin1.startswith("Kaduna")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Security measures: On 8 May 2020, the governor extended the ban on marches and protests for 15 days.",
         ("Strategic developments", "Change to group/activity")),
        ("On 2 May 2020, the governor closed the border crossings and instituted a curfew.",
         ("Strategic developments", "Change to group/activity")),
        ("On 5 May 2020, national guard officers were moved to secure the coast after a landing attempt.",
         ("Strategic developments", "Change to group/activity")),
        ("On 5 May 2020, the militia turned two schools into military barracks.",
         ("Strategic developments", "Headquarters or base established")),
        ("On 5 May 2020, insurgents set up a new camp in the forest.",
         ("Strategic developments", "Headquarters or base established")),
    ],
)
def test_security_measures_and_bases(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 9 May 2020, residents protested the power cuts; soldiers fired into the crowd.", "Excessive force against protesters"),
        ("On 9 May 2020, students marched on parliament and police shot dead a protester.", "Excessive force against protesters"),
        ("On 9 May 2020, students marched on parliament and police fired tear gas.", "Protest with intervention"),
    ],
)
def test_force_against_protesters(text, expected):
    assert coded(text)[1] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The person shot dead earlier is the protest's grievance, not force used on the protest.
        ("On 3 May 2020, relatives of a guard who was accidentally shot dead held a protest outside the clinic.",
         ("Protests", "Peaceful protest")),
        # People held for having joined protests: the arrest is the event.
        ("On 6 May 2020, at least 30 people were arrested over three days for taking part in protests against the decree.",
         ("Strategic developments", "Arrests")),
    ],
)
def test_protests_named_as_grievance_or_reason(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Ground taken even when "control" is misspelt; positions or buildings taken are not ground.
        ("On 3 May 2020, government troops took contol of two villages from the rebels.",
         ("Battles", "Government regains territory")),
        ("On 3 May 2020, loyalist fighters repelled a rebel incursion and gained control over key positions.", BATTLE),
        ("On 3 May 2020, army units pushed the insurgents back and made territorial gains.",
         ("Battles", "Government regains territory")),
        ("On 3 May 2020, armed men took control of a sawmill building and set part of it on fire.",
         ("Strategic developments", "Looting/property destruction")),
    ],
)
def test_territory_is_ground_not_positions(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A grenade carried or seized is no grenade attack.
        ("On 2 May 2020, police shot dead a gang member who was armed with a hand grenade at a checkpoint.", BATTLE),
        ("On 2 May 2020, a youth threw a grenade at a bus stop, wounding three passengers.",
         ("Explosions/Remote violence", "Grenade")),
        # Shot at, and the police shot back: a fight between two armed sides.
        ("On 2 May 2020, gang members approached a police patrol and started shooting. The officers shot back and wounded one.",
         BATTLE),
        # An attack aimed at fighters, told actively or passively, is a battle.
        ("On 2 May 2020, tribal fighters attacked Houthi forces on the frontline, killing several.", BATTLE),
        ("On 2 May 2020, rebels were attacked by the army near the river crossing.", BATTLE),
        ("On 2 May 2020, a soldier shot a Palestinian in the leg during a raid.", ATTACK),
    ],
)
def test_who_was_armed_decides_the_fight(text, expected):
    assert coded(text) == expected


SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


@pytest.mark.parametrize(
    "text, expected",
    [
        # Someone shot who was himself a trafficker, a gang's member or armed: two armed sides, a battle.
        ("On 1 May 2020, a man was shot dead in the street. The victim had charges against him for drug trafficking.",
         BATTLE),
        ("On 3 May 2020, a man was shot dead outside a bar. The victim was armed.", BATTLE),
        ("On 28 April 2020, an alleged member of Los Zetas was shot and wounded in the market.", BATTLE),
        ("On 27 April 2020, a drug trafficker was found dead on a farm road.", BATTLE),
        # A criminal record alone does not make the victim one of an armed side.
        ("On 29 April 2020, a man with a criminal record was shot dead by gunmen on a motorcycle.", ATTACK),
        # Forces killing a commander or fighters of an armed group fought that group.
        ("On 29 April 2020, army troops killed a suspected ISGS commander and his son near the border.", BATTLE),
        # Fire opened on civilians by name stays an attack, though two armed sides are named.
        ("On 8 May 2020, anti-Houthi forces (coded as pro-Hadi forces) opened fire on civilians in a hamlet, killing a woman.",
         ATTACK),
        ("On 6 May 2020, members of the pro-Hadi Special Security forces opened fire on a civilian car at a checkpoint, "
         "killing a teacher.", ATTACK),
        # Fire opened against a police unit is a fight with the police.
        ("On 6 May 2020, robbers blew open a bank's safe and opened fire against a military police unit.", BATTLE),
    ],
)
def test_armed_victims_and_fire_at_the_police(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Heavy machine guns alone, from afar, are coded like shelling; with small arms or fire in both
        # directions they are a fight.
        ("On 9 May 2020, monitors recorded 12 bursts of fire involving heavy machineguns near the village.", SHELLING),
        ("On 9 May 2020, rebels fired heavy machine guns and small arms at army positions near the village.", BATTLE),
        ("On 9 May 2020, monitors recorded 40 bursts of fire involving heavy machineguns in both directions "
         "of the line near the village.", BATTLE),
    ],
)
def test_heavy_machine_guns_from_afar(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 29 April 2020, a shopkeeper was beaten to death by police in the bazaar.", ATTACK),
        ("On 8 May 2020, a stray bullet hit and injured a woman inside her house.", ATTACK),
        ("On 2 May 2020, soldiers fired tear gas canisters at farmers working their land.", ATTACK),
        ("On 2 March 2020, insurgents took 40 villagers hostage on the highway.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("On 7 May 2020, militants seized a vehicle belonging to a councillor in the village.",
         ("Strategic developments", "Looting/property destruction")),
        # An explosion of unknown source, or explosives used to break in, is a remote explosive.
        ("On 5 May 2020, a caretaker was injured in an explosion at a shrine.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("On 29 April 2020, an explosion, of unknown origin, took place in the village.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # Machine guns fired at areas from afar, with an aside between the weapon and its target.
        ("On 2 May 2020, government forces fired machine guns, assumedly heavy, at three residential areas of the city.",
         SHELLING),
        ("On 30 April 2020, rebels fired 12.7mm machine guns, along with sniper rifles, at farms and homes near the coast.",
         SHELLING),
        ("On 7 March 2020, a soldier was killed and two were wounded by a blast on the market road.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # Abducted earlier and now found dead or beaten: the harm found is what is coded.
        ("On 30 April 2020, a trader who was abducted by gunmen last week was found dead near the highway.", ATTACK),
        ("On 28 April 2020, a man who was kidnapped in the next town was found naked, beaten and tied on a road.", ATTACK),
        # Traffic blocked by a crowd with demands is a protest.
        ("On 2 May 2020, thousands of stranded workers blocked the traffic on the national highway, asking to go home.",
         ("Protests", "Peaceful protest")),
    ],
)
def test_more_ways_to_tell_violence(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 3 May 2020, hundreds of migrant labourers came out on the roads of the industrial area, asking to go home.",
         ("Protests", "Peaceful protest")),
        ("On 1 May 2020, students blocked the train's rails to reject the exam results.", ("Protests", "Peaceful protest")),
        # Violence named as the protest's cause is not the protest turning violent.
        ("On 30 April 2020, residents protested outside the power office for the replacement of a burnt transformer.",
         ("Protests", "Peaceful protest")),
        ("On 3 May 2020, farmers protested outside the agency after a chemical spill destroyed their crops.",
         ("Protests", "Peaceful protest")),
        ("On 3 May 2020, farmers protested outside the agency and burned tyres.", VIOLENT_DEMO),
    ],
)
def test_protests_and_their_grievances(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2020, residents of a hill village beat and tied up a man they accused of stealing land.",
        "On 9 May 2020, a scuffle over a land dispute led to firing in the village, killing one person.",
        "On 1 May 2020, a man was assaulted by his neighbour's kin for reporting a quarantine breach.",
    ],
)
def test_neighbours_and_kin_turning_violent_are_a_mob(text):
    assert coded(text) == MOB


# Regression: a war's toll so far, told after an attack ("the insurgency has killed more than
# 27,000 people"), was read as the attack's fatalities (the demo's Konduga bombing showed 27,000).
@pytest.mark.parametrize(
    "text, fatalities",
    [
        ("Two bombers killed 12 people at a market in Maiduguri on Sunday. "
         "The decade-long insurgency has killed more than 27,000 people.", 12),
        ("Gunmen killed four villagers near Gao on Friday. The conflict has so far claimed thousands of lives.", 4),
        ("Fighting killed nine soldiers near Palma on Tuesday. Troops later retook the road.", 9),
    ],
)
def test_a_wars_toll_so_far_is_no_incidents_count(text, fatalities):
    found = Extractor(None).extract(Article(text=text, published=PUBLISHED))
    assert [incident.fatalities for incident in found] == [fatalities]


def test_a_wars_toll_so_far_alone_makes_no_incident():
    text = "The war in Yemen has killed more than 150,000 people since 2015, the monitors said on Monday."
    assert Extractor(None).extract(Article(text=text, published=PUBLISHED)) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # A policeman or soldier on the receiving end, told passively or as the object: the state was fought.
        ("On 3 May 2020, two police officers on patrol were shot by a man on a motorbike.", BATTLE),
        ("On 3 May 2020, herders stabbed and wounded a soldier at a market and took his rifle.", BATTLE),
        # Someone who no longer serves, or who only wore a uniform, is not an armed side.
        ("On 3 May 2020, a retired army officer was shot dead by gunmen outside his home.", ATTACK),
        ("On 3 May 2020, gunmen dressed in police uniforms broke into a house and shot dead two brothers.", ATTACK),
        # A crowd turning on the police with sticks and stones is a mob, not a battle.
        ("On 3 May 2020, about twenty residents attacked police officers with sticks and stones when they enforced the curfew.",
         MOB),
        # The one ambushed was himself of an armed trade.
        ("On 6 May 2020, gunmen ambushed and shot dead a man in the market. The victim was wanted for drug trafficking.",
         BATTLE),
    ],
)
def test_armed_victims_and_attackers(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Gangs, poachers or families fighting with guns are armed sides, not rioters.
        ("On 6 May 2020, two families fought in the old quarter and pistols were fired; one person was hurt.", BATTLE),
        ("On 4 May 2020, forest rangers clashed with armed poachers inside the reserve.", BATTLE),
        # With sticks, and a police station named only as the jurisdiction, it stays a mob.
        ("On 4 May 2020, two village groups clashed with sticks in a hamlet under the Rampur police station, injuring five.",
         MOB),
    ],
)
def test_armed_groups_are_not_mobs(text, expected):
    assert coded(text) == expected


def test_a_police_station_named_as_a_jurisdiction_is_not_an_actor():
    assert actors.find_actors("two groups clashed in a village under the Rampur police station", country="X") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # Arrests after a shooting are its aftermath, in one sentence as in two.
        ("On 2 May 2020, soldiers opened fire on villagers fleeing the camp, wounding several and arresting others.", ATTACK),
        # A plan told in a relative clause does not make what followed it hypothetical.
        ("On 5 May 2020, police confronted robbers who were planning to rob a bank, and a shoot-out followed.", BATTLE),
        # An attack on someone handing out aid is the attack.
        ("On 1 May 2020, gunmen shot dead a man while he was distributing food in the camp.", ATTACK),
    ],
)
def test_aftermath_plans_and_background_activity(text, expected):
    assert coded(text) == expected


def test_an_old_attack_recalled_as_background_is_not_a_new_incident():
    """Regression: a 2022 report recalling that "the same junction was hit in October 2017" made a 2017 incident."""
    text = ("On Monday, gunmen attacked a checkpoint at the river junction, killing four soldiers. "
            "The same junction was hit in October 2017 by a truck bomb that killed 90 people.")
    found = Extractor(None).extract(Article(text=text, published=dt.date(2022, 3, 9)))
    assert [(i.event_date, i.sub_event_type, i.fatalities) for i in found] == [("2022-03-07", "Armed clash", 4)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # The authorities acting on the crowd, however the report words it.
        ("On 4 May 2020, tailors marched to the ministry. Police officers arrested marchers who had no permit.",
         ("Protests", "Protest with intervention")),
        ("On 4 May 2020, nurses held a vigil outside the hospital and police forced them to disperse after a minute.",
         ("Protests", "Protest with intervention")),
        # Being forced out of work by a lockdown is the grievance, not an intervention.
        ("On 4 May 2020, artisans protested after being forced to stop working by the lockdown.",
         ("Protests", "Peaceful protest")),
    ],
)
def test_interventions_in_other_words(text, expected):
    assert coded(text) == expected


# Headlines: terse, in the present tense, often undated and sometimes all in capitals.
@pytest.mark.parametrize(
    "text, expected",
    [
        # A text that is only a title-case headline is its own report, not a page title to drop.
        ("Border Troops Shell Two Hamlets Near Qarnaz", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        # Entities in fetched headlines are decoded ("&#8217;" is an apostrophe).
        ("Gunmen&#8217;s ambush kills three guards near the ford", BATTLE),
        # Ground taken, told in the present.
        ("Militants seize a village north of the dam", ("Battles", "Non-state actor overtakes territory")),
        ("The army retakes the hill town after a week", ("Battles", "Government regains territory")),
        ("Insurgents take control of the old quarter", ("Battles", "Non-state actor overtakes territory")),
        # An advance on a place is fighting for it; "battles" in the plural too.
        ("Jihadists advance on the district centre", BATTLE),
        ("Fierce battles take place at the bridgehead", BATTLE),
        # Killings told by their noun.
        ("Executions of three farmers in the mountain villages", ATTACK),
        # Air raids told as "raids" with what they hit, and bombing as a noun.
        ("Renewed raids target the orchards south of the lake", ("Explosions/Remote violence", "Air/drone strike")),
        ("Bombing on the eastern plain leaves casualties", ("Explosions/Remote violence", "Air/drone strike")),
        # Fire aimed at areas, the weapon unnamed.
        ("Loyalist units target rebel-held neighbourhoods of the port", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        # A blast of unknown source, suicide explosions, mines that kill.
        ("A loud explosion shook the market district", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("Twin suicide explosions hit the bus depot", ("Explosions/Remote violence", "Suicide bomb")),
        ("Old mines kill two shepherds on the ridge", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # Undated, with only a toll to tell ("killed", "kills", "casualties", "martyrs"): still the report's event.
        ("Engineer killed in the northern desert", ATTACK),
        ("Casualties in the two river towns", ATTACK),
        # But a car bombing is no air strike.
        ("A car bombing shook the market district", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # Present-tense ground-taking words only in the third person or before a plural subject's object, never
        # after "to": a plan to seize, a demand to take back land, police acting to regain control.
        ("On 4 May 2020, farmers demonstrated asking the council to take back the fields given away.", ("Protests", "Peaceful protest")),
        ("On 4 May 2020, inmates protested inside the jail; guards intervened and fired into the air to regain control.",
         ("Protests", "Protest with intervention")),
        # Reinforcements arriving "as battles continue" are the news; the battles are background.
        ("On 2 May 2020, militia reinforcements arrived on the two frontlines as battles continue there.",
         ("Strategic developments", "Change to group/activity")),
    ],
)
def test_headlines(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Arabic names keep a lower-case article: "al-Zarqa" is a name, not "Zarqa" after a stray word.
        ("Warplanes strike al-Zarqa town", [("al-Zarqa", "scene")]),
        # Headline verbs in the present mark the scene.
        ("Troops shell Kafr Tala", [("Kafr Tala", "scene")]),
        ("Jets target Dar Amin", [("Dar Amin", "scene")]),
        # "the capital X" and "the vicinity of X".
        ("Clashes at the outskirts of the capital Bandar", [("Bandar", "near")]),
        ("Fighting in the vicinity of Qasr Nur", [("Qasr Nur", "near")]),
        # The countryside of a town is around it, not in it.
        ("Shelling in the countryside of Marun", [("Marun", "near")]),
        ("Clashes in Marun countryside and in Tell Sabi", [("Marun", "near"), ("Tell Sabi", "scene")]),
        # A possessive at the end of a name: the owner is the place.
        ("Shells hit Marun’s neighbourhoods", [("Marun", "scene")]),
        # A road or front named after a place is not that place.
        ("Shelling on the Marun road near Qasr Nur", [("Qasr Nur", "near")]),
        # A building or body after "the", with a town after it, is inside that town.
        ("Rioters threw stones outside the Central Bank in Sidon", [("Sidon", "scene")]),
        # Portuguese names keep their small words.
        ("Two men shot in Foz do Iguacu, Parana", [("Foz do Iguacu", "scene"), ("Parana", "near")]),
        # A district owned by a city: the city is near, the district the scene.
        ("Crowds blocked the road in Beirut's Hamra district", [("Beirut", "near"), ("Hamra district", "scene")]),
        # A quarter before its town is near the town, which is the scene.
        ("Families fought in Wadi area of Vadodara", [("Wadi", "near"), ("Vadodara", "scene")]),
    ],
)
def test_headline_place_mentions(sentence, expected):
    """The names that can be an incident's place (role "other" is never one), with their role."""
    assert [(m.text, m.role) for m in find_mentions(sentence) if m.role != "other"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Tear gas shells are fired at crowds; they are not artillery, so a stone-throwing crowd stays a mob.
        ("On 6 May 2020, youths hurled stones and clashed with police, who fired tear gas shells at them, "
         "in the old market.", MOB),
        # Every form of the throwing verbs, and a brawl with the police, make a protest violent.
        ("On 6 May 2020, demonstrators were throwing stones at the town hall during a march against fuel prices.",
         VIOLENT_DEMO),
        ("On 6 May 2020, a brawl broke out between marchers and the police at a rally over unpaid wages.", VIOLENT_DEMO),
        # Windows smashed with no one hurt, and drugs taken by the police: property, in ACLED's coding.
        ("On 6 May 2020, activists smashed the windows of a bank branch in the city centre.",
         ("Strategic developments", "Looting/property destruction")),
        ("On 6 May 2020, highway police seized a van full of marijuana at a checkpoint outside the city.",
         ("Strategic developments", "Looting/property destruction")),
        # Harm the report denies is no harm: the looting stays looting.
        ("On 6 May 2020, militants stopped and looted a passenger bus on the coast road. No casualties were reported.",
         ("Strategic developments", "Looting/property destruction")),
        # Ordnance from a war long over that goes off is "Other"; ordnance of unknown age stays an explosive.
        ("On 6 May 2020, a farmer was killed when a mine left over from the civil war went off in his field.",
         ("Strategic developments", "Other")),
        ("On 6 May 2020, two children were hurt after a shell from the 1990s war exploded near their school.",
         ("Strategic developments", "Other")),
        ("On 1 May 2020, a boy was killed when unexploded ordnance went off in a field.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # A missile stopped in the air, however many words stand between verb and missile.
        ("On 6 May 2020, air defences intercepted at least one ballistic missile over the capital.",
         ("Strategic developments", "Disrupted weapons use")),
        # Members of a group named like an organisation fighting the state's forces: a battle, not a mob.
        ("On 6 May 2020, members of the Red Hand clashed with National Guard officers near the ranch. Two men died.",
         BATTLE),
        # "X or Y fighters", "X/Y militants": the source is unsure who acted; one side, not two.
        ("On 6 May 2020, Boko Haram or ISWAP fighters kidnapped a village chief near the market.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("On 6 May 2020, ISWAP/Boko Haram militants abducted two herders near the lake.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        # A crowd the police broke up was a protest met with force, even with no protest word.
        ("On 6 May 2020, police dispersed about 200 stranded workers on the bridge who were trying to walk home.",
         ("Protests", "Protest with intervention")),
        # Shouting slogans, or a group denouncing something in public, is a protest.
        ("On 6 May 2020, a crowd of traders gathered outside the mayor's office, shouting slogans about market fees.",
         ("Protests", "Peaceful protest")),
        ("On 6 May 2020, residents of the district denounced the closure of the clinic in front of the town hall.",
         ("Protests", "Peaceful protest")),
    ],
)
def test_crowds_property_old_ordnance_and_uncertain_attribution(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A thrashing, or a supposed witch beaten, is rough justice by neighbours: a mob.
        ("On 6 May 2020, an elderly woman was thrashed in the village square on suspicion of witchcraft.", MOB),
        ("On 6 May 2020, a man accused of witchcraft was beaten to death near his home.", MOB),
        # A suspect taken by the police is an arrest, not a mob.
        ("On 6 May 2020, police arrested a suspected thief at the bus station.", ("Strategic developments", "Arrests")),
    ],
)
def test_rough_justice_is_mob_violence(text, expected):
    assert coded(text) == expected


PEACEFUL = ("Protests", "Peaceful protest")


@pytest.mark.parametrize(
    "text, expected",
    [
        # "Encounter": a gunfight between the security forces and militants; a staged one is a killing.
        ("On 4 May 2020, two rebel cadres were killed in an encounter with the police near Tarvali.", BATTLE),
        ("On 4 May 2020, a raid on a hideout in Morvan was met with resistance and an encounter ensued.", BATTLE),
        ("On 4 May 2020, the security forces gunned down three suspected cadres of the KLM in Peshawri forest.", BATTLE),
        # Fire aimed at a post or a vehicle of the forces, and posts or columns attacked, told from their side.
        ("On 4 May 2020, unknown men opened fire on a police van in Dalkot, wounding at least four policemen.", BATTLE),
        ("On 4 May 2020, insurgents fired upon a security outpost in Rambeli district. Nobody was hurt.", BATTLE),
        ("On 4 May 2020, troops across the border fired three rounds at a forward army post near Kelmi.", BATTLE),
        ("On 4 May 2020, a military convoy came under attack near Sondu. Three soldiers killed.", BATTLE),
        ("On 4 May 2020, army patrols were ambushed by gunmen outside Tavora.", BATTLE),
        # A convoy that is not the forces' stays an attack on those in it.
        ("On 4 May 2020, a magistrate's convoy came under attack by unknown gunmen in Velda; his driver was killed.",
         ATTACK),
        # Soldiers or policemen on the receiving end, however the toll is told.
        ("On 4 May 2020, a soldier is killed in Darnet district, perpetrators unknown.", BATTLE),
        ("On 4 May 2020, a sniper shot dead a young army soldier near the line of control at Pelwan.", BATTLE),
        ("On 4 May 2020, a jawan was shot and wounded by gunmen in Kotrang.", BATTLE),
        ("On 4 May 2020, a UN peacekeeper was killed by unidentified armed men near Bembi.", BATTLE),
        ("On 4 May 2020, a policeman died of gunshot wounds he had sustained in an attack in Harun.", BATTLE),
        # ... unless they were attacked at home or out of uniform: as civilians.
        ("On 4 May 2020, gunmen shot a policeman dead outside his house in Marzan.", ATTACK),
        ("On 4 May 2020, militants stormed the home of an army officer in Tell Rasi and killed him.", ATTACK),
        ("On 4 May 2020, a police inspector was gunned down in civilian clothes while driving his own car in Suran.", ATTACK),
        # The dead were fighters: a battle, however briefly told.
        ("On 4 May 2020, one militant killed and another arrested during a search operation in Gorab.", BATTLE),
        ("On 4 May 2020, an operation against separatists in Kelat left nine militants dead.", BATTLE),
        ("On 4 May 2020, army units kill four members of the Red Dawn Front near Omolo.", BATTLE),
        ("On 4 May 2020, six militants, including two commanders, were killed by troops near Baraj.", BATTLE),
        # Members of a community are not fighters.
        ("On 4 May 2020, gunmen killed five members of the Arvani community in Tessi.", ATTACK),
        # Two armies firing at each other, or caught in their crossfire.
        ("On 4 May 2020, a woman was killed when troops of Arland and Belmark fired at each other near Coss.", BATTLE),
        ("On 4 May 2020, a farmer died in a crossfire near the border village of Lemko.", BATTLE),
        ("On 4 May 2020, the army attacked the KRF near Taung Lay. No casualties were reported.", BATTLE),
        ("On 4 May 2020, fighting broke out between government troops and KRF troops in Mali Bum, forcing villagers "
         "to flee.", BATTLE),
        # The state against unarmed people, with no guns: a mob.
        ("On 4 May 2020, police and voters clashed outside a polling booth in Harpur.", MOB),
        ("On 4 May 2020, striking mill workers clashed with security forces at the gate of a factory in Dhanpur.",
         MOB),
    ],
)
def test_who_was_fighting_whom(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Protest forms by their own names.
        ("On 4 May 2020, contract teachers continued their strike in Belapur over unpaid wages.", PEACEFUL),
        ("On 4 May 2020, nurses at the district hospital in Sarang began an indefinite strike.", PEACEFUL),
        ("On 4 May 2020, members of a farmers' union staged a dharna outside the collector's office in Munnar.",
         PEACEFUL),
        ("On 4 May 2020, shopkeepers formed a human chain on the main road of Pelur against a new tax.", PEACEFUL),
        ("On 4 May 2020, the opposition observed a dawn-to-dusk hartal in Kusum district.", PEACEFUL),
        ("On 4 May 2020, party workers burnt an effigy of the chief minister in Ranod.", PEACEFUL),
        ("On 4 May 2020, hundreds of villagers staged a rasta roko on the highway near Tilwar.", PEACEFUL),
        ("On 4 May 2020, activists of a youth wing brought out a procession in Sabari town.", PEACEFUL),
        # Stopped before it began: the protest met by the police.
        ("On 4 May 2020, 40 students were detained when they tried to march towards the assembly in Karvi.",
         ("Protests", "Protest with intervention")),
        # Strike supporters burning vehicles riot.
        ("On 4 May 2020, hartal supporters torched two buses in Madhupur.", MOB),
        # Police who "open fire" on protesters, in a headline's present tense.
        ("On 4 May 2020, police open fire on opposition protesters in Kisoro, killing two.",
         ("Protests", "Excessive force against protesters")),
    ],
)
def test_protest_forms_by_their_names(text, expected):
    assert coded(text) == expected


def test_an_air_force_continuing_its_strikes_is_no_labour_dispute():
    found = coded("On 4 May 2020, the air force continued its strikes against militant hideouts in the Terah valley.")
    assert found is None or found[0] != "Protests"


@pytest.mark.parametrize(
    "text, expected",
    [
        # An arrest denied is no arrest.
        ("No arrests have been made after the death of a party organiser in Velmora last week.", None),
        ("On 4 May 2020, police arrested two men in Kelu. No one was arrested in Tarsu.",
         ("Strategic developments", "Arrests")),
    ],
)
def test_arrests_denied(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Devices and drones told in a few more ways.
        ("On 4 May 2020, an RCIED exploded beside a police pickup near Dhusa village.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("On 4 May 2020, a mine believed to be planted by insurgents killed a soldier on the road to Harik.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("On 4 May 2020, two guards were wounded in a bomb attack on the customs post at Zelim.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("On 4 May 2020, drones launched by an unidentified armed group targeted the Kuras airbase.",
         ("Explosions/Remote violence", "Air/drone strike")),
        # Gunmen who wound are attacking; militants who "were killed" are not.
        ("On 4 May 2020, unknown gunmen badly wounded a shepherd near Tamlit.", ATTACK),
        ("On 4 May 2020, five militants were killed when troops raided a hideout in Sorkh valley.", BATTLE),
    ],
)
def test_devices_drones_and_gunmen(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Headline wording, in the present tense.
        ("On 4 May 2020, government forces regain control of the water station east of Tarmala.",
         ("Battles", "Government regains territory")),
        ("On 4 May 2020, the rebels advance once again in the Qasr camp south of Dumeir.", BATTLE),
        ("On 4 May 2020, rebel fighters expel government troops from Tell Hamdi after heavy fighting.",
         ("Battles", "Non-state actor overtakes territory")),
        ("On 4 May 2020, unknown explosions shake two areas in the countryside of Jebel Marun.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # Guards told "to regain control" of a prison are not taking ground.
        ("On 4 May 2020, inmates staged a protest in the Vessa prison and guards fired into the air to regain control.",
         ("Protests", "Protest with intervention")),
    ],
)
def test_headline_ground_and_blasts(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A claim is the only word for the attack; people beaten however they are described.
        "On 4 May 2020, insurgents claimed an attack in Merebi village. Fatalities unreported.",
        "On 4 May 2020, members of a gang were filmed beating young men with sticks in Tolapan for breaking the curfew.",
    ],
)
def test_attacks_told_by_a_claim_or_a_beating(text):
    assert coded(text) == ATTACK


def test_a_strike_by_jets_is_no_labour_strike_but_one_by_workers_is():
    assert coded("On 4 May 2020, a strike by coalition jets killed three fighters near Harad.")[0] != "Protests"
    assert coded("On 4 May 2020, a strike by transport workers in Melgar entered its third day.") == PEACEFUL


AIR_STRIKE = ("Explosions/Remote violence", "Air/drone strike")


@pytest.mark.parametrize(
    "text, expected",
    [
        # Aircraft named as what shelled or bombarded: an air strike, in the past or in a headline's present.
        ("On 4 May 2020, government helicopters bombarded Tel Safra.", AIR_STRIKE),
        ("Army helicopters bombard farms around Tel Safra", AIR_STRIKE),
        ("On 4 May 2020, coalition jets shelled the outskirts of Tel Safra.", AIR_STRIKE),
        # Guns bombarding are artillery, whatever the tense.
        ("Government artillery bombards Tel Safra", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        # A short name in quotes opens a headline, not a quotation.
        ("“Border Guards” shell the countryside of Tel Safra", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        # A quotation opening the sentence is still someone's statement.
        ("\"We will shell Tel Safra until the rebels leave,\" the commander said on 4 May 2020.", None),
    ],
)
def test_bombardment_by_aircraft_and_quoted_names_in_headlines(text, expected):
    assert coded(text) == expected


PROTEST_FORCE = ("Protests", "Excessive force against protesters")
INTERVENTION = ("Protests", "Protest with intervention")
HQ = ("Strategic developments", "Headquarters or base established")
DISRUPTED = ("Strategic developments", "Disrupted weapons use")
OTHER = ("Strategic developments", "Other")
CHANGE = ("Strategic developments", "Change to group/activity")
GAINED = ("Battles", "Government regains territory")
OVERTAKEN = ("Battles", "Non-state actor overtakes territory")


@pytest.mark.parametrize(
    "text, expected",
    [
        # Fire opened on a crowd told in the next sentence, with no object: lethal force on the protest.
        ("On 4 May 2020, villagers marched to the district office over land grabs. Police opened fire, wounding two marchers.",
         PROTEST_FORCE),
        # Someone killed by the police during a protest, whoever the report calls him.
        ("On 4 May 2020, police killed a man during a sit-in by fishermen against a port project.", PROTEST_FORCE),
        # Arrests the crowd protests, or that are long past, are no intervention in the protest.
        ("On 8 May 2020, protesters gathered outside the court and demanded the release of activists who were detained "
         "in recent demonstrations.", ("Protests", "Peaceful protest")),
        ("On 8 May 2020, residents held a vigil protesting the execution of a commander arrested 2 years ago.",
         ("Protests", "Peaceful protest")),
        ("On 8 May 2020, residents protested; police arrested 2 of them.", ("Protests", "Protest with intervention")),
        # A killing the crowd protested against is its grievance, not force used on it.
        ("On 4 May 2020, townspeople demonstrated after a soldier shot and killed a shopkeeper.", ("Protests", "Peaceful protest")),
        # Live rounds fired into the air, and tear gas fired at a crowd, are an intervention, not lethal force.
        ("On 4 May 2020, youths protested the curfew in the market; gendarmes fired live rounds into the air to disperse them.",
         INTERVENTION),
        ("On 4 May 2020, dock workers rallied at the port and police fired tear gas at the crowd.", INTERVENTION),
        # Stun grenades thrown at a protest are crowd control, not a grenade attack.
        ("On 4 May 2020, police fired stun grenades at students protesting outside the ministry.", INTERVENTION),
        # Protesters taken away however it is worded.
        ("On 4 May 2020, a dozen pensioners picketed the ministry; six of them were taken into custody.", INTERVENTION),
        # Cars set ablaze by protesters make the protest violent.
        ("On 4 May 2020, residents protested over water cuts and set two municipal cars ablaze.", VIOLENT_DEMO),
    ],
)
def test_how_force_on_a_protest_is_coded(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Posts and bases set up, actively or passively.
        ("On 4 May 2020, Turkish troops set up a new observation post near the village of Kafr Nuran.", HQ),
        ("On 4 May 2020, a new military base was established by coalition forces near the oil field.", HQ),
        ("On 4 May 2020, militiamen turned the secondary school into a military camp.", HQ),
        # A camp for the sick or the displaced is no base.
        ("On 4 May 2020, the army set up an isolation camp for returning migrants in the border town.", None),
        # Attacks stopped before they happened, weapons found or defused.
        ("On 4 May 2020, intelligence officers foiled a car bomb plot in the capital, arresting two men.", DISRUPTED),
        ("On 4 May 2020, two mortar shells near the school were neutralised by army engineers.", DISRUPTED),
        ("On 4 May 2020, soldiers discovered a cache of rifles and grenades in a cave near the border.", DISRUPTED),
        # Captives freed by an armed group are a release ("Other").
        ("On 4 May 2020, the rebels freed 14 soldiers they had held since March.", OTHER),
        # A mine from a war decades over going off, told in the next sentence.
        ("On 4 May 2020, a farmer was killed when a landmine exploded in his field near Battambang. "
         "Heavy fighting took place there in the 1980s.", OTHER),
        # Forces on the move.
        ("On 4 May 2020, a Turkish military convoy of 30 vehicles entered Idleb through the Kafr Lusin crossing.", CHANGE),
        ("On 4 May 2020, Russian and Turkish troops conducted their sixth joint patrol along the M4 highway.", CHANGE),
        # Drugs found by the police: property, in ACLED's coding, before the arrests that followed.
        ("On 4 May 2020, customs officers found 200 kilograms of cocaine in a container at the port. Two men were arrested.",
         ("Strategic developments", "Looting/property destruction")),
    ],
)
def test_strategic_developments(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The Houthi authorities are coded as state forces: what they do to people they hold is an arrest.
        ("On 4 May 2020, Houthi security forces arrested eleven teachers in Dhamar.", ("Strategic developments", "Arrests")),
        # Fighters captured alive by the state are arrested.
        ("On 4 May 2020, Afghan commandos captured three Taliban fighters in a raid in Kunduz.",
         ("Strategic developments", "Arrests")),
        # Both of Libya's rival governments' forces are state forces.
        ("On 4 May 2020, GNA forces took control of the town of Al Asabaa from LNA forces.", GAINED),
        # Tribesmen are a militia, not the state, whoever they took the ground from.
        ("On 4 May 2020, tribesmen took control of the village of Al Qurayshiyah from Houthi forces.", OVERTAKEN),
        # The Houthis arrest as a state, but ground they take is overtaken, not regained by the government.
        ("On 4 May 2020, Houthi forces took control of the town of Al Hazm after clashes with pro-Hadi forces.", OVERTAKEN),
        # Ground taken by driving a side out, or won back told with a hyphen.
        ("On 4 May 2020, the army dislodged Boko Haram militants from their camps near the forest.", GAINED),
        ("On 4 May 2020, Malian troops cleared two villages of JNIM fighters.", GAINED),
        ("On 4 May 2020, the army announced the re-capture of Janaale after two days of fighting.", GAINED),
        ("On 4 May 2020, Taliban fighters captured two checkpoints in Qaisar district.", OVERTAKEN),
        # Two wings of one force fighting each other are a battle, whoever is caught in it.
        ("On 4 May 2020, clashes broke out between two factions of government forces in the city, killing two civilians.", BATTLE),
        # An armed gang fighting soldiers stays a battle when the next sentence tells it burned things.
        ("On 4 May 2020, members of a drug gang clashed with soldiers in the village. They also burned a patrol car.", BATTLE),
    ],
)
def test_who_holds_and_takes_ground_and_people(text, expected):
    assert coded(text) == expected


PEACEFUL = ("Protests", "Peaceful protest")
GRENADE = ("Explosions/Remote violence", "Grenade")
REMOTE = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
PROPERTY = ("Strategic developments", "Looting/property destruction")


@pytest.mark.parametrize(
    "text, expected",
    [
        # A fire or crude bomb thrown at a bus that burns its passengers is an attack on civilians …
        ("On 4 May 2020, three passengers suffered burns when unknown men threw a petrol bomb into a bus near Feni.", ATTACK),
        ("On 4 May 2020, two rickshaw pullers were wounded when attackers lobbed a bomb at their stand in Lalbagh.", ATTACK),
        # … thrown at a house with nobody hurt, a riot; at the police by a gang, a grenade attack.
        ("On 4 May 2020, some men hurled two cocktails at the house of a party leader in Khulna. Nobody was hurt.", MOB),
        ("On 4 May 2020, unknown men hurled crude bombs at a police van in Rajshahi, injuring two constables.", GRENADE),
        # Crude bombs set off in the street are hand-made explosives, a riot when pickets set them off.
        ("On 4 May 2020, three crude bombs were exploded near the court building in Chittagong.", GRENADE),
        ("On 4 May 2020, pickets blasted five crude bombs in the bazaar of Bogra.", VIOLENT_DEMO),
        # A planted or hidden device, and infrastructure blown up.
        ("On 4 May 2020, insurgents detonated a bomb hidden in a parked car outside a shop in Yala.", REMOTE),
        ("On 4 May 2020, separatists blew up two pylons of a power line near Sibi.", REMOTE),
        # Police by their ranks and forces are an armed side when attacked.
        ("On 4 May 2020, TTP militants attacked Deputy Superintendent Bahadur Khan and shot him dead in Peshawar.", BATTLE),
        ("On 4 May 2020, unknown armed men shot dead a Levies official on duty in Gandawa.", BATTLE),
        ("On 4 May 2020, unidentified gunmen shot dead an SHO in Larkana.", BATTLE),
        # Vehicles set alight: property destruction, a riot when it enforces a shutdown or a crowd did it.
        ("On 4 May 2020, a truck was set afire by unknown men on the highway near Bogra.", PROPERTY),
        ("On 4 May 2020, blockaders set two trucks ablaze on the highway near Bogra.", VIOLENT_DEMO),
        ("On 4 May 2020, a bus was set afire near the stadium on the second day of the hartal.", VIOLENT_DEMO),
        ("On 4 May 2020, a doctor's car was set alight by angry residents in the township.", MOB),
        # Crowd violence in South Asian wording.
        ("On 4 May 2020, a brief scuffle broke out among supporters of two parties at a polling centre in Delhi.", MOB),
        ("On 4 May 2020, three reporters were hurt by vendors at the market in Rajshahi.", MOB),
        ("On 4 May 2020, election-related violence was reported in two villages of the district.", MOB),
        # The police using a lathicharge met a crowd.
        ("On 4 May 2020, police resorted to a mild lathicharge to clear the crowd from the site.",
         ("Protests", "Protest with intervention")),
        # A shutdown told by its day or its sponsor, a strike told otherwise, and protest deeds by their names.
        ("On 4 May 2020, the transport blockade, enforced by the opposition alliance, entered its ninth day.", PEACEFUL),
        ("On 4 May 2020, sanitation workers have been striking for a week over unpaid wages.", PEACEFUL),
        ("On 4 May 2020, thousands of home guards continued their strike on 4 May across the state.", PEACEFUL),
        ("On 4 May 2020, villagers blocked construction of a dump near their fields.", PEACEFUL),
        ("On 4 May 2020, hundreds of farmers laid siege to the power office after the cuts.", PEACEFUL),
        ("On 4 May 2020, students of a college continued to march towards the capital.", PEACEFUL),
        ("On 4 May 2020, hundreds of fishermen gathered at the town hall to submit a petition to the governor.", PEACEFUL),
        # Terse battles and attacks.
        ("On 4 May 2020, the army engaged rebel forces in gunfire near the river.", BATTLE),
        ("On 4 May 2020, insurgents fired on a group of soldiers near the camp.", BATTLE),
        ("On 4 May 2020, cattle raiders fire on civilians, injuring one.", ATTACK),
        ("On 4 May 2020, a local party worker was hacked by unknown men in his village.", ATTACK),
        # Fighters giving themselves up.
        ("On 4 May 2020, forty rebels handed themselves into the police.", ("Strategic developments", "Agreement")),
    ],
)
def test_south_asian_and_terse_wordings(text, expected):
    assert coded(text) == expected


def test_an_arrest_for_calling_a_strike_stays_an_arrest():
    assert coded("On 4 May 2020, police arrested 20 party workers for calling a 12-hour strike.") == \
        ("Strategic developments", "Arrests")


def test_guineas_ruling_party_rpg_is_no_rocket_propelled_grenade():
    text = ("On 28 April 2020, elected members of the RPG (ruling) party blocked the office of the RPG Vice-Mayor of "
            "Matam commune in Conakry.")
    assert coded(text) != ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert coded("On 5 May 2020, militants fired an RPG at a police vehicle in the market.") == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")


@pytest.mark.parametrize(
    "text, expected",
    [
        # A kidnapper named as whom a crowd punished is no abduction: the crowd's violence is the event.
        ("On 5 May 2020, residents set ablaze the house of a suspected kidnapper in Ondo.", MOB),
        # A drone brought down is a weapon's use disrupted; an explosion of unknown origin, a remote explosive.
        ("On 5 May 2020, a drone was shot down by air defences over Hmeimim airbase.",
         ("Strategic developments", "Disrupted weapons use")),
        ("On 5 May 2020, an explosion of unknown origin hit a weapons depot in Jamraya.",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        # Trees uprooted or cut down are property destroyed.
        ("On 5 May 2020, settlers uprooted 100 olive trees belonging to Palestinians in Sinjil.",
         ("Strategic developments", "Looting/property destruction")),
    ],
)
def test_crowds_and_property(text, expected):
    assert coded(text) == expected


def test_a_wire_dateline_and_a_capital_named_by_its_country(gazetteer):
    """"ADEN (Reuters) -" votes for Yemen; "Yemen's capital Sanaa" is the scene; the missiles intercepted over a Saudi
    city and the fighting on a front are events of their own."""
    text = ("ADEN (Reuters) - Saudi-led coalition air strikes hit a Houthi-held district of Yemen's capital Sanaa on "
            "Monday, residents said, hours after the Houthis fired missiles at the Saudi city of Jizan.\n"
            "The Houthi-run health ministry said seven people were killed in the strikes on the Sawan neighbourhood.\n"
            "The coalition said it had intercepted two ballistic missiles over Jizan and that there were no casualties.\n"
            "Fighting also continued on the Hodeidah front, where government-aligned forces said they had killed dozens "
            "of Houthi fighters.")
    found = Extractor(gazetteer).extract(Article(text=text, published=dt.date(2020, 5, 12)))
    kinds = {(i.country_code, i.sub_event_type) for i in found}
    assert ("YE", "Air/drone strike") in kinds and ("SA", "Disrupted weapons use") in kinds
    assert ("YE", "Armed clash") in kinds
    strike = next(i for i in found if i.sub_event_type == "Air/drone strike")
    assert strike.location == "Sanaa" and strike.fatalities == 7 and strike.event_date == "2020-05-11"


def test_what_a_wire_report_tells_before_and_beside_its_lead(gazetteer):
    """The day someone spoke is not the day it happened; "Separately, …" tells another event; "Last year, …" is
    background whose toll belongs to no incident."""
    text = ("MAIDUGURI, Nigeria (Reuters) - Islamist insurgents killed 20 farmers in an attack on a village in northeast "
            "Nigeria's Borno state, residents and a militia leader said on Thursday.\n"
            "The gunmen, believed to be members of Boko Haram, arrived on motorcycles on Wednesday evening and opened "
            "fire on farmers working in their fields near Koshebe village.\n"
            "Separately, the army said its troops repelled an attack by ISWAP fighters on a military base in Monguno, "
            "killing 17 militants.\n"
            "Last year, more than 100 people were killed in a similar attack in the same area.")
    found = Extractor(gazetteer).extract(Article(text=text, published=dt.date(2020, 5, 12)))
    assert sorted((i.sub_event_type, i.event_date, i.fatalities) for i in found) == [
        ("Armed clash", "2020-05-06", 17),
        ("Attack", "2020-05-06", 20),
    ]
    clash = next(i for i in found if i.sub_event_type == "Armed clash")
    assert clash.location == "Monguno" and clash.date_precision == 2


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Residents said on Thursday that insurgents killed 20 farmers on Wednesday.", ("2020-05-06", False)),
        ("Insurgents killed 20 farmers, residents said on Thursday.", ("2020-05-07", True)),
        # A wire dateline's date is the report's, not the event's.
        ("LAGOS, May 11 (Reuters) - Police fired live rounds at protesters in Lagos on Sunday, killing two people.",
         ("2020-05-10", False)),
        ("Last year, more than 100 people were killed in a similar attack.", None),
        ("Boko Haram seized more than 270 girls in Chibok in 2014.", None),
        ("In May 2020, jets struck the town.", ("2020-05-12", False)),
    ],
)
def test_the_day_told_the_day_spoken_and_years_gone_by(sentence, expected):
    from incidents import dates

    found = dates.event_date(sentence, dt.date(2020, 5, 12), skip_until=dates.dateline_end(sentence, dt.date(2020, 5, 12)))
    assert (found.date.isoformat(), found.said) == expected if expected else found is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # Stun grenades fired at a march are how it was broken up, not a grenade attack.
        ("On 9 May 2020, soldiers fired rubber bullets and stun grenades to disperse a march in Mandalay, and arrested "
         "dozens.", ("Protests", "Protest with intervention")),
        # A fight over land told in a report on protests is a mob's, not a demonstration's.
        ("On 11 May 2020, farmers blocked railway tracks in Amritsar. Meanwhile, two groups clashed with stones and "
         "sticks in a village in Ludhiana district over a land dispute, injuring six people.",
         ("Riots", "Mob violence")),
    ],
)
def test_crowds_met_by_force_and_crowds_fighting(text, expected):
    found = Extractor(None).extract(Article(text=text, published=PUBLISHED))
    assert expected in {(i.event_type, i.sub_event_type) for i in found}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Myanmar security forces shot dead at least seven protesters in Myingyan.", 7),
        ("Police found the bodies of six men dumped along a highway.", 6),
        ("Gunmen shot dead a man outside the mosque.", 1),
        # Two groups of dead, however many words name the first: one toll.
        ("Three suspected militants and a soldier were killed in a gunfight in Kupwara.", 4),
        ("Gunmen killed a man and a woman at the market.", 2),
    ],
)
def test_deaths_told_as_shot_dead_or_bodies_found(sentence, expected):
    from incidents import counts

    assert counts.fatalities(sentence) == expected


def test_an_overnight_attack_is_dated_by_the_day_told():
    from incidents import dates

    told = dates.event_date("Rebels killed 22 civilians in an overnight attack, officials said on Wednesday.",
                            dt.date(2020, 5, 12))
    assert told.date == dt.date(2020, 5, 6)


def test_who_said_it_is_no_side_and_later_events_are_their_own(gazetteer):
    text = ("At least 15 people were killed on Friday when a car bomb exploded at a busy market in the Somali capital "
            "Mogadishu, police said.\n"
            "Al Shabaab claimed responsibility for the attack in a statement.\n"
            "Earlier in the week, the group's fighters overran an army base in the Lower Shabelle region, killing at "
            "least 10 soldiers.")
    found = Extractor(gazetteer).extract(Article(text=text, published=dt.date(2020, 5, 9)))
    bomb = next(i for i in found if i.sub_event_type == "Remote explosive/landmine/IED")
    assert (bomb.location, bomb.fatalities, bomb.actor1, bomb.actor2) == (
        "Mogadishu", 15, "Al Shabaab", "Civilians (Somalia)")
    base = next(i for i in found if i is not bomb)
    assert (base.event_type, base.admin1, base.fatalities, base.date_precision) == (
        "Battles", "Lower Shabeelle", 10, 2)


def test_hours_later_and_a_place_outside_the_unit_told(gazetteer):
    text = ("Israeli troops shot dead a Palestinian man during clashes in the West Bank city of Nablus on Thursday.\n"
            "Hours later, settlers set fire to cars and sprayed graffiti in the village of Huwara, south of Nablus.")
    found = Extractor(gazetteer).extract(Article(text=text, published=dt.date(2020, 5, 9)))
    assert ("Huwara", "Looting/property destruction", "2020-05-07") in {
        (i.location, i.sub_event_type, i.event_date) for i in found}
    text = ("Russian missiles struck an energy facility in the Kharkiv region on Tuesday, injuring two workers.\n"
            "Kyiv did not comment on the Donetsk shelling.")
    (strike,) = Extractor(gazetteer).extract(Article(text=text, published=dt.date(2020, 5, 12)))
    assert strike.admin1 == "Kharkivs’ka Oblast’" and strike.actor1 == "Military Forces of Russia"


def test_a_separate_incident_keeps_its_own_context(gazetteer):
    """The sentences after an incident that belong to the next one say nothing of it: militants killed later do not
    make the polio worker's killing a battle; the army's media wing that told of it is neither side."""
    text = ("ISLAMABAD: Unidentified gunmen shot dead a polio worker in North Waziristan on Tuesday, officials said.\n"
            "In a separate incident, a roadside bomb killed two soldiers in the same district.\n"
            "The Pakistan Army's media wing said troops had later killed four militants in the area.")
    found = Extractor(gazetteer).extract(Article(text=text, published=dt.date(2020, 5, 12)))
    kinds = {(i.sub_event_type, i.actor1, i.actor2) for i in found}
    assert ("Attack", "Unidentified Armed Group (Pakistan)", "Civilians (Pakistan)") in kinds
    assert ("Remote explosive/landmine/IED", "Unidentified Armed Group (Pakistan)", "Military Forces of Pakistan") in kinds
    # … and the troops' killing of militants told after the bombing is their own event, not the bombing's toll.
    assert ("Armed clash", "Military Forces of Pakistan", "Rebel groups (Pakistan)") in kinds
    bomb = next(i for i in found if i.sub_event_type == "Remote explosive/landmine/IED")
    assert bomb.fatalities == 2 and bomb.location == "North Waziristan"


def test_attacked_by_armed_men_is_no_mob(gazetteer):
    text = ("BOGOTA (Reuters) - Five people were shot dead in a massacre in the southwestern Colombian department of "
            "Cauca on Sunday, the ombudsman's office said.\n"
            "The victims were attacked by armed men at a rural house in the municipality of El Tambo.")
    (massacre,) = Extractor(gazetteer).extract(Article(text=text, published=dt.date(2020, 5, 12)))
    assert (massacre.sub_event_type, massacre.location, massacre.admin1, massacre.fatalities) == (
        "Attack", "El Tambo", "Cauca Department", 5)


@pytest.mark.parametrize(
    "text",
    [
        # A trial, an anniversary or a warning recalls or fears violence; it reports none. (And a year is no toll.)
        "A court in Paris on Wednesday sentenced a man to life in prison for his role in the 2015 attacks that killed "
        "130 people.",
        "Analysts warn that a new offensive on Idlib could kill thousands and force a million people to flee.",
        "Real Madrid will clash with Barcelona on Saturday in a match that could decide the title.",
    ],
)
def test_what_is_no_incident_at_all(text):
    assert Extractor(None).extract(Article(text=text, published=PUBLISHED)) == []


def test_an_anniversary_gathering_has_no_toll_of_its_own():
    text = ("Mourners gathered in Christchurch on Sunday to mark the anniversary of the 2019 mosque shootings that "
            "killed 51 people.")
    found = Extractor(None).extract(Article(text=text, published=PUBLISHED))
    assert [(i.sub_event_type, i.fatalities) for i in found] == [("Peaceful protest", None)]


def test_an_event_told_in_another_region_borrows_no_place(gazetteer):
    text = ("KYIV (Reuters) - A Russian drone strike on an apartment building in the city of Odesa killed three people "
            "on Thursday night, the regional governor said on Friday.\n"
            "In the east, Russian forces captured the village of Novomykhailivka, the Russian defence ministry said.")
    found = Extractor(gazetteer).extract(Article(text=text, published=dt.date(2020, 5, 9)))
    capture = next(i for i in found if i.event_type == "Battles")
    assert capture.location == "Ukraine" and capture.geo_precision == 3


def test_killing_and_abducting_is_coded_as_the_killing():
    found = Extractor(None).extract(Article(
        text="On 5 May 2020, gunmen raided two villages, killing at least 30 people and abducting dozens.",
        published=PUBLISHED))
    assert [(i.sub_event_type, i.fatalities) for i in found] == [("Attack", 30)]


def test_no_break_and_zero_width_spaces_read_as_spaces():
    text = "On 5 January 2015, a hand-made\xa0bomb\xa0exploded in front of the house of a party\u200b leader in Binodpur."
    found = Extractor(None).extract(Article(text=text, published=dt.date(2015, 1, 5)))
    assert [(i.event_type, i.event_date) for i in found] == [("Explosions/Remote violence", "2015-01-05")]
    found = Extractor(None).extract(Article(text="Police fired tear\u2011gas at protesters in Santiago.", published=PUBLISHED))
    assert [i.sub_event_type for i in found] == ["Protest with intervention"]


@pytest.mark.parametrize(
    "text, published, fields, expected",
    [
        # A wire report moves from city to city: each city's event is its own incident, on the day the lead told;
        # a later sentence on a city already told adds to that city's incident.
        ("Thousands of people took to the streets of Baghdad and several southern cities on Friday to demand jobs.\n"
         "In Nasiriyah, security forces opened fire on protesters trying to storm the provincial council building, "
         "killing three and wounding 47, medical sources said.\n"
         "In Basra, demonstrators blocked roads leading to the port of Umm Qasr with burning tyres.\n"
         "Police in Baghdad used tear gas and water cannon to disperse crowds near Tahrir Square.",
         dt.date(2020, 5, 12), ("location", "sub_event_type", "event_date", "fatalities"),
         [("Baghdad", "Protest with intervention", "2020-05-08", None),
          ("Basrah", "Violent demonstration", "2020-05-08", None),
          ("Nasiriyah", "Excessive force against protesters", "2020-05-08", 3)]),
        # A town told on its own is its own event, however near the last.
        ("Thousands of demonstrators marched in Khartoum on Thursday to demand civilian rule, and security forces fired "
         "tear gas to disperse them near the presidential palace.\n"
         "In Omdurman, at least one protester was shot dead, medics said.",
         dt.date(2020, 5, 9), ("location", "sub_event_type", "fatalities"),
         [("Khartoum", "Protest with intervention", None), ("Omdurman", "Excessive force against protesters", 1)]),
        # "X came a day after Y": Y is an event a day earlier.
        ("KABUL (AP) — A suicide bomber detonated his explosives-laden vehicle outside a police compound in eastern "
         "Afghanistan on Sunday, killing at least nine people and wounding dozens, officials said.\n"
         "The attack in Gardez, the capital of Paktia province, came a day after Taliban fighters stormed a checkpoint "
         "in neighbouring Logar province, killing five soldiers.",
         dt.date(2020, 5, 12), ("sub_event_type", "event_date", "admin1", "fatalities"),
         [("Armed clash", "2020-05-09", "Logar", 5), ("Suicide bomb", "2020-05-10", "Paktia", 9)]),
        # "X and residential areas of Y": an incident at each, the toll split.
        ("BEIRUT (Reuters) - Syrian government warplanes pounded rebel-held towns in northwest Syria on Tuesday, "
         "killing at least 12 civilians, a war monitor said.\n"
         "The strikes hit a market in the town of Maarat al-Numan and residential areas of Kafr Nabl in southern "
         "Idlib province.",
         dt.date(2020, 5, 12), ("location", "fatalities"), [("Kafranbel", 6), ("Ma‘arrat an Nu‘mān", 6)]),
        # "the central Mexican state of Guanajuato" is the state, not its capital; "The attack took place in the town
        # of …" tells where the incident just told happened; the bodies found are counted.
        ("MEXICO CITY (AP) — Gunmen killed 11 people at a pool hall in the central Mexican state of Guanajuato late "
         "Sunday, state prosecutors said Monday.\n"
         "The attack took place in the town of Apaseo el Grande, where rival cartels are fighting for control of "
         "fuel theft rackets.\n"
         "On Saturday, police found the bodies of six men dumped along a highway near Celaya.",
         dt.date(2020, 5, 12), ("event_date", "sub_event_type", "location", "fatalities"),
         [("2020-05-09", "Attack", "Celaya", 6), ("2020-05-10", "Attack", "Apaseo el Grande", 11)]),
        # The other side's answer is an event of its own, on the day told.
        ("An Israeli air strike killed five members of the same family in Rafah in the southern Gaza Strip early on "
         "Monday, Palestinian health officials said.\n"
         "Militants fired rockets at southern Israel in response, the Israeli military said.",
         dt.date(2020, 5, 12), ("country_code", "sub_event_type", "event_date"),
         [("IL", "Shelling/artillery/missile attack", "2020-05-11"), ("PS", "Air/drone strike", "2020-05-11")]),
    ],
)
def test_a_wire_report_told_event_by_event(gazetteer, text, published, fields, expected):
    found = Extractor(gazetteer).extract(Article(text=text, published=published))
    assert sorted(tuple(getattr(i, field) for field in fields) for i in found) == expected
