"""The seed report's facts, told in our own words (tests/fixtures/su25_idlib_2018.txt).

Published Tuesday 2018-02-06, it describes four incidents and nothing else:
the Su-25 shot down over Maasran on Saturday, air strikes across Idlib province on
Sunday and on Monday, and chlorine barrel bombs on Saraqeb on Sunday. Its link
lists and the State Department's statement are not incidents.
"""
import datetime as dt
from pathlib import Path

import pytest

from incidents.articles import Article
from incidents.extract import Extractor

FIXTURE = Path(__file__).parent / "fixtures" / "su25_idlib_2018.txt"


@pytest.fixture(scope="module")
def found(gazetteer):
    article = Article(text=FIXTURE.read_text(encoding="utf-8"), published=dt.date(2018, 2, 6),
                      title="Russian pilot downed over Idlib", url="https://example.org/su25")
    return Extractor(gazetteer).extract(article)


def _one(found, event_date, sub_event_type):
    matches = [i for i in found if i.event_date == event_date and i.sub_event_type == sub_event_type]
    assert len(matches) == 1, [(i.event_date, i.sub_event_type, i.location) for i in found]
    return matches[0]


def test_exactly_the_four_incidents(found):
    assert sorted((i.event_date, i.event_type, i.sub_event_type) for i in found) == [
        ("2018-02-03", "Battles", "Armed clash"),
        ("2018-02-04", "Explosions/Remote violence", "Air/drone strike"),
        ("2018-02-04", "Explosions/Remote violence", "Chemical weapon"),
        ("2018-02-05", "Explosions/Remote violence", "Air/drone strike"),
    ]


def test_shoot_down_over_maasran(found):
    shoot_down = _one(found, "2018-02-03", "Armed clash")
    assert shoot_down.location == "Maasran" and shoot_down.geo_precision == 1
    assert shoot_down.latitude == pytest.approx(35.708, abs=0.01)
    assert shoot_down.longitude == pytest.approx(36.805, abs=0.01)
    assert shoot_down.country_code == "SY"
    assert shoot_down.actor1 == "Hayat Tahrir al Sham"
    assert shoot_down.fatalities == 1
    assert "Maasran" in shoot_down.evidence


def test_airstrikes_across_idlib_province(found):
    sunday = _one(found, "2018-02-04", "Air/drone strike")
    monday = _one(found, "2018-02-05", "Air/drone strike")
    for strike in (sunday, monday):
        assert strike.admin1 and strike.admin1.startswith("Idlib")
        assert strike.geo_precision == 3  # only the province is known
    assert monday.fatalities == 15
    assert "hospitals" in monday.evidence


def test_chlorine_on_saraqeb(found):
    chlorine = _one(found, "2018-02-04", "Chemical weapon")
    assert chlorine.location in ("Saraqib", "Saraqeb") and chlorine.geo_precision == 1
    assert chlorine.injuries == 9
    assert chlorine.fatalities is None


def test_nothing_from_link_lists_or_statements(found):
    evidence = " ".join(i.evidence for i in found)
    for boilerplate in ("Palmyra", "Mourn", "Nuclear", "alarmed", "Veterans"):
        assert boilerplate not in evidence
    assert all(i.published == "2018-02-06" and i.event_date <= "2018-02-06" for i in found)
    assert all(0 < i.confidence <= 1 for i in found)
