"""Helpers for the dashboard tests: temp stores with known incidents."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from incidents.record import Incident  # noqa: E402
from incidents.store import Store  # noqa: E402

# Text an article could carry that must never run or render as markup.
HOSTILE_ACTOR = '<img src=x onerror="alert(1)">'
HOSTILE_EVIDENCE = "Gunmen attacked `${alert(document.domain)}` a bus </script><script>alert(2)</script>."
HOSTILE_TITLE = '"><b>bold title</b>'
HOSTILE_URL = "javascript:alert(3)"


def sample_incidents() -> list[Incident]:
    """Six incidents: every event type, each geo precision, one without coordinates."""
    return [
        Incident(event_date="2024-03-01", date_precision=1, event_type="Battles", sub_event_type="Armed clash",
                 actor1="Military Forces of Ukraine", actor2="Military Forces of Russia", location="Kharkiv",
                 admin1="Kharkivska", country="Ukraine", country_code="UA", latitude=49.99, longitude=36.23,
                 geo_precision=1, fatalities=3, injuries=5, evidence="Troops clashed near Kharkiv; three died.",
                 source_title="Clashes near Kharkiv", source_url="https://news.example/kharkiv",
                 published="2024-03-02", confidence=0.9),
        Incident(event_date="2024-03-05", date_precision=2, event_type="Explosions/Remote violence",
                 sub_event_type="Air/drone strike", actor1="Military Forces of Russia", location="Odesa",
                 admin1="Odeska", country="Ukraine", country_code="UA", latitude=46.48, longitude=30.72,
                 geo_precision=2, fatalities=0, injuries=2, evidence="A drone hit a port building near Odesa.",
                 source_title="Drone strike on Odesa port", source_url="https://news.example/odesa",
                 published="2024-03-06", confidence=0.8),
        Incident(event_date="2024-03-10", date_precision=1, event_type="Protests", sub_event_type="Peaceful protest",
                 actor1="Protesters (Ukraine)", location="Lviv", admin1="Lvivska", country="Ukraine",
                 country_code="UA", latitude=49.84, longitude=24.03, geo_precision=1,
                 evidence="Hundreds marched in Lviv.", source_title="March in Lviv",
                 source_url="https://news.example/lviv", published="2024-03-10", confidence=0.7),
        Incident(event_date="2024-04-02", date_precision=3, event_type="Violence against civilians",
                 sub_event_type="Attack", actor1=HOSTILE_ACTOR, admin1="Donetska", country="Ukraine",
                 country_code="UA", latitude=48.0, longitude=37.8, geo_precision=3, fatalities=2,
                 evidence=HOSTILE_EVIDENCE, source_title=HOSTILE_TITLE, source_url=HOSTILE_URL,
                 published="2024-04-03", confidence=0.6),
        Incident(event_date="2024-04-15", date_precision=1, event_type="Riots", sub_event_type="Violent demonstration",
                 actor1="Rioters (Ukraine)", location="Somewhere", country="Ukraine", country_code="UA",
                 evidence="A crowd threw stones at the town hall.", source_title="Unrest",
                 source_url="https://news.example/unrest", published="2024-04-15", confidence=0.5),
        Incident(event_date="2024-05-20", date_precision=1, event_type="Strategic developments",
                 sub_event_type="Arrests", actor1="Police Forces of Ukraine", location="Kyiv", admin1="Kyiv City",
                 country="Ukraine", country_code="UA", latitude=50.45, longitude=30.52, geo_precision=1,
                 evidence="Police arrested two suspects in Kyiv.", source_title="Arrests in Kyiv",
                 source_url="https://news.example/kyiv", published="2024-05-21", confidence=0.8),
    ]



def merged_incidents() -> list[Incident]:
    """Two reports of one clash in Kharkiv (a day apart, 500 m apart, one type family) and a
    lone protest in Lviv: merging makes two events. The first and the last are samples."""
    clash, _, protest, *_ = sample_incidents()
    shelling = Incident(
        event_date="2024-03-02", date_precision=1, event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Russia",
        location="Kharkiv", admin1="Kharkivska", country="Ukraine", country_code="UA", latitude=49.994,
        longitude=36.232, geo_precision=1, fatalities=2, evidence="Shelling hit Kharkiv; two died.",
        source_title="Shelling in Kharkiv", source_url="https://other.example/shelling",
        published="2024-03-02", confidence=0.7)
    return [dataclasses.replace(clash, actor2=None, injuries=None), shelling, protest]

SAMPLE_FIRST_DATE = "2024-03-01"
SAMPLE_LAST_DATE = "2024-05-20"
SAMPLE_MAPPED = 5  # the Riots incident has no coordinates


def make_store(path: Path, incidents: list[Incident] | None = None) -> str:
    """A SQLite store at `path` holding `incidents` (one article each); returns its URL."""
    url = f"sqlite:///{path}"
    store = Store(url)
    try:
        for number, incident in enumerate(sample_incidents() if incidents is None else incidents):
            store.add_article(content_hash=f"test-article-{number}", incidents_found=[incident],
                              title=incident.source_title, url=incident.source_url, published=incident.published)
    finally:
        store.dispose()
    return url
