"""The incident record: ACLED's field names and taxonomy, so analysts recognise them.

Everything that leaves the pipeline (JSON Lines, the store, CSV, the map) is an
`Incident`; its field order is the column order of exports.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# ACLED's event types and their sub-event types, spelled exactly as ACLED does.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Chemical weapon",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TO_TYPE: dict[str, str] = {
    sub: event_type for event_type, subs in EVENT_TYPES.items() for sub in subs
}

# ACLED's actor types ("inter" codes).
INTER_CODES = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}

# ACLED's time precision: 1 the day is known, 2 the week, 3 only the month.
DATE_PRECISION = {1: "day", 2: "week", 3: "month"}
# ACLED's geo precision: 1 the named place, 2 near it or part of a region,
# 3 only a province/region known.
GEO_PRECISION = {1: "named place", 2: "near a place / part of a region", 3: "province or region"}


@dataclass
class Incident:
    """One incident as an ACLED coder would record it, with its evidence."""

    event_date: str                      # ISO date, YYYY-MM-DD
    date_precision: int                  # 1 day, 2 week, 3 month
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None            # ACLED actor type: 1 state forces ... 8 external/other
    inter2: int | None = None
    location: str | None = None
    admin1: str | None = None
    country: str | None = None
    country_code: str | None = None      # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None     # 1, 2 or 3
    fatalities: int | None = None        # None when the text gives none
    injuries: int | None = None
    evidence: str = ""
    source_title: str | None = None
    source_url: str | None = None
    published: str | None = None         # ISO date of the report
    confidence: float = 0.5              # 0-1
    doc_id: str | None = None            # set when the article came from a .jsonl file
    extras: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if SUB_EVENT_TO_TYPE.get(self.sub_event_type) != self.event_type:
            raise ValueError(
                f"sub_event_type {self.sub_event_type!r} is not an ACLED sub-event of {self.event_type!r}"
            )
        if self.date_precision not in DATE_PRECISION:
            raise ValueError(f"date_precision must be 1, 2 or 3, not {self.date_precision!r}")
        if self.geo_precision is not None and self.geo_precision not in GEO_PRECISION:
            raise ValueError(f"geo_precision must be 1, 2 or 3, not {self.geo_precision!r}")

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape: every record field, `doc_id` only when set."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "extras"}
        if out["doc_id"] is None:
            del out["doc_id"]
        return out


RECORD_FIELDS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Incident) if f.name not in ("extras", "doc_id")
)
