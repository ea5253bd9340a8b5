"""Who: the two sides of an incident as ACLED codes them, from the text and from the event type.

Reports are in our own words, run through the whole extractor without a gazetteer: no country
is known, so names say "Unknown" (as find_actors writes them); names with a country are checked
on the stage itself.
"""
import datetime as dt

import pytest

from incidents.actors import ActorMention, coded_sides
from incidents.articles import Article
from incidents.extract import Extractor


def sides(text: str) -> tuple:
    """(sub-event type, actor1, inter1, actor2, inter2) of the report's most confident incident."""
    found = Extractor(None).extract(Article(text=text, published=dt.date(2020, 5, 10)))
    best = max(found, key=lambda incident: incident.confidence)
    return best.sub_event_type, best.actor1, best.inter1, best.actor2, best.inter2


@pytest.mark.parametrize(
    "text, expected",
    [
        # Protesters stage every protest; the state is the second side only where it intervened.
        ("On 4 May 2020, teachers protested outside the ministry, demanding their unpaid salaries.",
         ("Peaceful protest", "Protesters (Unknown)", 6, None, None)),
        ("On 4 May 2020, police fired tear gas to disperse hundreds of students protesting against fee rises.",
         ("Protest with intervention", "Protesters (Unknown)", 6, "Police Forces of Unknown", 1)),
        # Rioters make every riot; residents named in a violent demonstration are the demonstrators.
        ("On 4 May 2020, residents burned tyres and blocked the main road, denouncing weeks without water.",
         ("Violent demonstration", "Rioters (Unknown)", 5, None, None)),
        ("On 4 May 2020, a mob lynched a man accused of stealing a goat.",
         ("Mob violence", "Rioters (Unknown)", 5, "Civilians (Unknown)", 7)),
        # A riot's second side: a second crowd, or the police who met it.
        ("On 4 May 2020, supporters of the two candidates clashed with each other with sticks outside the polling station.",
         ("Mob violence", "Rioters (Unknown)", 5, "Rioters (Unknown)", 5)),
        ("On 4 May 2020, residents burned tyres and blocked the highway. Police later dispersed them with tear gas.",
         ("Violent demonstration", "Rioters (Unknown)", 5, "Police Forces of Unknown", 1)),
        # Violence against civilians with no perpetrator named: an unidentified armed group.
        ("On 4 May 2020, a shopkeeper was shot dead in the central market.",
         ("Attack", "Unidentified Armed Group (Unknown)", 3, "Civilians (Unknown)", 7)),
        ("On 4 May 2020, a roadside bomb exploded near the bus station, wounding two civilians.",
         ("Remote explosive/landmine/IED", "Unidentified Armed Group (Unknown)", 3, "Civilians (Unknown)", 7)),
        # The state arrests, even when the report says only who was arrested.
        ("On 4 May 2020, 12 opposition activists were arrested in the capital.",
         ("Arrests", "Police Forces of Unknown", 1, "Civilians (Unknown)", 7)),
        # Sides the text names are kept.
        ("On 4 May 2020, Al Shabaab militants killed three villagers near the river.",
         ("Attack", "Al Shabaab", 2, "Civilians (Unknown)", 7)),
        ("On 4 May 2020, the army clashed with Al Shabaab fighters outside the town.",
         ("Armed clash", "Military Forces of Unknown", 1, "Al Shabaab", 2)),
        # Forces ACLED names by their own names: AMISOM, Somalia's army, the Donbas separatists, the NPA.
        ("On 4 May 2020, AMISOM forces clashed with Al Shabaab militants near Qoryoley.",
         ("Armed clash", "AMISOM: African Union Mission in Somalia", 8, "Al Shabaab", 2)),
        ("On 4 May 2020, Al Shabaab militants attacked SNA forces' base in Bariire village.",
         ("Armed clash", "Al Shabaab", 2, "Military Forces of Somalia", 1)),
        ("On 4 May 2020, the DPR forces fired small arms and grenade launchers at Ukrainian positions near Avdiivka.",
         ("Armed clash", "NAF: United Armed Forces of Novorossiya", 2, "Military Forces of Ukraine", 1)),
        # Who found the dead did not kill them.
        ("On 4 May 2020, police found the bodies of two men with gunshot wounds in Culiacan.",
         ("Attack", "Unidentified Armed Group (Unknown)", 3, "Civilians (Unknown)", 7)),
        # Armed men who attack a protest are its other side, and the force is excessive: men were killed.
        ("On 4 May 2020, PMF fighters attacked protesters in Nasiriyah, killing 3.",
         ("Excessive force against protesters", "Protesters (Unknown)", 6, "PMF: Popular Mobilization Forces", 3)),
        # A state's guns named by the kind of weapon.
        ("On 4 May 2020, regime artillery shelled Kafr Nabl.",
         ("Shelling/artillery/missile attack", "Military Forces of Syria", 1, None, None)),
        ("On 4 May 2020, an Israeli drone strike hit a car in Quneitra.",
         ("Air/drone strike", "Military Forces of Israel", 1, None, None)),
        # Who a device hit, or who was killed with nobody named acting, is the side acted on.
        ("On 4 May 2020, a roadside bomb struck an army vehicle in Deir ez-Zor, killing 2 soldiers.",
         ("Remote explosive/landmine/IED", "Unidentified Armed Group (Unknown)", 3, "Military Forces of Unknown", 1)),
        ("On 4 May 2020, an army officer was assassinated in Daraa.",
         ("Armed clash", "Unidentified Armed Group (Unknown)", 3, "Military Forces of Unknown", 1)),
        # "had an encounter": a gunfight, in the Philippines as in South Asia.
        ("On 4 May 2020, NPA rebels and the Philippine Army had an encounter in the village.",
         ("Armed clash", "NPA: New People's Army", 2, "Military Forces of Philippines", 1)),
        # A self-defence militia attacked is an armed side.
        ("On 4 May 2020, Fulani militiamen attacked Dogon hunters (Dan Na Ambassagou) in Bankass.",
         ("Armed clash", "Militia (Unknown)", 4, "Dan Na Ambassagou", 3)),
    ],
)
def test_the_sides_an_acled_coder_records(text, expected):
    assert sides(text) == expected


def test_implied_sides_are_named_after_the_incidents_country():
    police = ActorMention("Police Forces of Kenya", 1, 10, 16, agent=True)
    assert [(a.name, a.inter) for a in coded_sides("Protests", "Protest with intervention", police, None, "Kenya")] \
        == [("Protesters (Kenya)", 6), ("Police Forces of Kenya", 1)]
    actor1, actor2 = coded_sides("Violence against civilians", "Attack", None, None, "Kenya")
    assert (actor1.name, actor1.inter, actor2.name, actor2.inter) == ("Unidentified Armed Group (Kenya)", 3, "Civilians (Kenya)", 7)
    # Implied sides have no span in the text; an air strike by no one named stays unattributed.
    assert actor1.start == -1
    assert coded_sides("Explosions/Remote violence", "Air/drone strike", None, None, "Syria") == (None, None)


@pytest.mark.parametrize(
    "sentence, country, expected",
    [
        # A country's forces by its adjective or its name: its own forces at home, external forces abroad.
        ("Military forces of Armenia fired on the positions of the military forces of Azerbaijan.", "Azerbaijan",
         [("Military Forces of Armenia", 8), ("Military Forces of Azerbaijan", 1)]),
        ("Ethiopian troops clashed with Al Shabaab near the border.", "Somalia",
         [("Military Forces of Ethiopia", 8), ("Al Shabaab", 2)]),
        ("Kenyan soldiers repulsed the attack.", "Kenya", [("Military Forces of Kenya", 1)]),
        # Two countries in one phrase are two sides.
        ("Military forces of India and Pakistan exchanged fire across the line.", "India",
         [("Military Forces of India", 1), ("Military Forces of Pakistan", 8)]),
        ("Indian and Pakistani troops exchanged fire across the line.", "India",
         [("Military Forces of India", 1), ("Military Forces of Pakistan", 8)]),
    ],
)
def test_a_countrys_forces_are_named_after_it(sentence, country, expected):
    from incidents.actors import find_actors

    assert [(a.name, a.inter) for a in find_actors(sentence, country=country)] == expected
