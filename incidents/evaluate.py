"""Scoring extracted incidents against gold ones (used by tests and bench scripts).

A gold incident is found when an extracted incident of the same event type has
the same date (±1 day); among those, the closest in sub-event type and date wins.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field


@dataclass
class Score:
    gold: int = 0
    extracted: int = 0
    matched: int = 0
    same_sub_event: int = 0
    same_date: int = 0
    place_checked: int = 0
    place_within_25km: int = 0
    fatalities_checked: int = 0
    fatalities_exact: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    def lines(self) -> list[str]:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} = {100 * a / b:.1f} %" if b else "n/a"

        return [
            f"gold incidents found (type, date ±1 day): {pct(self.matched, self.gold)}",
            f"extracted incidents that match gold:       {pct(self.matched, self.extracted)}",
            f"sub-event type right, of those found:      {pct(self.same_sub_event, self.matched)}",
            f"date exact, of those found:                {pct(self.same_date, self.matched)}",
            f"place within 25 km, of those found:        {pct(self.place_within_25km, self.place_checked)}",
            f"fatalities exact, of those found:          {pct(self.fatalities_exact, self.fatalities_checked)}",
        ]


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def score_article(score: Score, gold: list[dict], found: list[dict], *, locate=None, label: str = "") -> None:
    """Add one article's comparison to `score`. `locate(name, country_code)` gives gold coordinates."""
    score.gold += len(gold)
    score.extracted += len(found)
    unused = list(found)
    for g in gold:
        g_date = dt.date.fromisoformat(g["event_date"])
        options = [
            f for f in unused
            if f["event_type"] == g["event_type"]
            and abs((dt.date.fromisoformat(f["event_date"]) - g_date).days) <= 1
        ]
        if not options:
            score.misses.append(f"{label} {g['event_date']} {g['sub_event_type']} {g.get('location')}")
            continue
        best = min(options, key=lambda f: (f["sub_event_type"] != g["sub_event_type"], f["event_date"] != g["event_date"]))
        unused.remove(best)
        score.matched += 1
        score.same_sub_event += best["sub_event_type"] == g["sub_event_type"]
        score.same_date += best["event_date"] == g["event_date"]
        if g.get("fatalities") is not None:
            score.fatalities_checked += 1
            score.fatalities_exact += best.get("fatalities") == g["fatalities"]
        if locate is not None and g.get("location") and best.get("latitude") is not None:
            point = locate(g["location"], g.get("country_code"))
            if point is not None:
                score.place_checked += 1
                score.place_within_25km += km_between(point, (best["latitude"], best["longitude"])) <= 25
    score.extras.extend(f"{label} {f['event_date']} {f['sub_event_type']} {f.get('location')}" for f in unused)
