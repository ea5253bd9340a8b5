"""Which extracted incident a gold event is scored against.

The extractor codes one incident per place, as ACLED and UCDP do: "airstrikes on Idlib and Aleppo" gives
two incidents told by the same evidence. A gold event is scored against the highest-confidence incident
(the first on ties) or, among the incidents told by that incident's evidence as the same kind of event
(its places named together), the one nearest the gold point. Incidents told by other evidence are never
chosen for being near, so extracting more events cannot buy a better score.
"""
from __future__ import annotations

from incidents.evaluate import km_between


def aligned(found: list[dict], latitude: float | None, longitude: float | None) -> dict | None:
    """The incident of `found` (dicts as Incident.to_dict gives them) that a gold event at that point is scored against."""
    if not found:
        return None
    best = max(found, key=lambda incident: incident["confidence"])
    if latitude is None or longitude is None:
        return best
    same = [i for i in found if i["evidence"] == best["evidence"] and i["sub_event_type"] == best["sub_event_type"]
            and i.get("latitude") is not None]
    if len(same) < 2:
        return best
    return min(same, key=lambda i: km_between((latitude, longitude), (i["latitude"], i["longitude"])))


def incidents_per_source(counts: list[int]) -> str:
    """How many incidents each source text gave, on average, and the share with more than one."""
    if not counts:
        return "n/a"
    several = sum(n > 1 for n in counts)
    return f"{sum(counts) / len(counts):.2f} incidents per text; {100 * several / len(counts):.1f} % of texts gave more than one"
