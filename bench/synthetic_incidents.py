"""Realistic synthetic incidents for dashboard benchmarks.

    python bench/synthetic_incidents.py N STORE.sqlite

ACLED-like mix of event types, dates spread over a year, points scattered
around real conflict-affected cities (coordinates written here), actors,
fatalities and evidence text of realistic length. Writes through the real
store (`Store.add_articles`), so the dashboard reads it exactly as it would
read extracted incidents.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incidents.record import EVENT_TYPES, Incident  # noqa: E402
from incidents.store import Store  # noqa: E402

# (city, admin1, country, code, latitude, longitude, weight)
CITIES = [
    ("Idlib", "Idlib", "Syria", "SY", 35.93, 36.63, 8), ("Aleppo", "Aleppo", "Syria", "SY", 36.20, 37.16, 6),
    ("Deir ez-Zor", "Deir ez-Zor", "Syria", "SY", 35.34, 40.14, 3), ("Kharkiv", "Kharkiv", "Ukraine", "UA", 49.99, 36.23, 7),
    ("Donetsk", "Donetsk", "Ukraine", "UA", 48.02, 37.80, 7), ("Kherson", "Kherson", "Ukraine", "UA", 46.64, 32.62, 4),
    ("Mosul", "Nineveh", "Iraq", "IQ", 36.34, 43.13, 3), ("Taizz", "Taizz", "Yemen", "YE", 13.58, 44.02, 4),
    ("Maiduguri", "Borno", "Nigeria", "NG", 11.85, 13.16, 4), ("Mogadishu", "Banadir", "Somalia", "SO", 2.04, 45.34, 4),
    ("Gao", "Gao", "Mali", "ML", 16.27, -0.04, 2), ("Khartoum", "Khartoum", "Sudan", "SD", 15.50, 32.56, 4),
    ("Goma", "North Kivu", "DR Congo", "CD", -1.68, 29.23, 3), ("Kandahar", "Kandahar", "Afghanistan", "AF", 31.61, 65.71, 2),
    ("Mandalay", "Mandalay", "Myanmar", "MM", 21.97, 96.08, 2), ("Cali", "Valle del Cauca", "Colombia", "CO", 3.45, -76.53, 2),
]
TYPE_WEIGHTS = {"Battles": 30, "Explosions/Remote violence": 25, "Violence against civilians": 15,
                "Protests": 20, "Riots": 5, "Strategic developments": 5}
ACTORS = ["Military Forces of {c}", "Rebel groups ({c})", "Unidentified Armed Group ({c})", "Protesters ({c})",
          "Civilians ({c})", "Police Forces of {c}"]
SENTENCE = ("On {d}, {a1} and {a2} were involved in a {s} near {p}, {ad}, according to local sources; "
            "{f} people were reported killed and several others injured in the area.")


def incidents(n: int, *, seed: int = 7, start: dt.date = dt.date(2023, 1, 1)):
    """`n` synthetic incidents, reproducible for a given seed."""
    rng = random.Random(seed)
    cities = rng.choices(CITIES, weights=[c[-1] for c in CITIES], k=n)
    types = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()), k=n)
    for i, (city, event_type) in enumerate(zip(cities, types)):
        name, admin1, country, code, lat, lon, _ = city
        day = start + dt.timedelta(days=rng.randrange(365))
        sub = rng.choice(EVENT_TYPES[event_type])
        precision = rng.choices((1, 2, 3), weights=(70, 20, 10))[0]
        spread = 0.02 if precision == 1 else 0.3
        a1, a2 = (rng.choice(ACTORS).format(c=country) for _ in range(2))
        fatalities = rng.choice([None, 0, 0, 1, 2, 3, 5, 12]) if event_type not in ("Protests",) else None
        yield Incident(
            event_date=day.isoformat(), date_precision=rng.choice((1, 1, 1, 2)), event_type=event_type,
            sub_event_type=sub, actor1=a1, actor2=a2, location=f"{name} area {i % 97}", admin1=admin1,
            country=country, country_code=code, latitude=round(lat + rng.gauss(0, spread), 5),
            longitude=round(lon + rng.gauss(0, spread), 5), geo_precision=precision, fatalities=fatalities,
            injuries=None, evidence=SENTENCE.format(d=day.isoformat(), a1=a1, a2=a2, s=sub.lower(), p=name,
                                                    ad=admin1, f=fatalities or 0),
            source_title=f"Synthetic report {i}", source_url=f"https://example.org/synthetic/{i}",
            published=(day + dt.timedelta(days=1)).isoformat(), confidence=round(rng.uniform(0.4, 0.95), 2),
        )


def fill(store: Store, n: int, *, batch: int = 5000) -> int:
    """Write `n` synthetic incidents, one pseudo-article each, in batches."""
    items = []
    for i, incident in enumerate(incidents(n)):
        items.append({"content_hash": f"synthetic-{n}-{i}", "incidents": [incident], "title": incident.source_title,
                      "url": incident.source_url, "published": incident.published})
        if len(items) == batch:
            store.add_articles(items)
            items = []
    store.add_articles(items)
    return store.count_incidents()


if __name__ == "__main__":
    count, path = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{fill(Store(f'sqlite:///{path}'), count)} incidents in {path}")
