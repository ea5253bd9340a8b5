"""The embedded default: a store built on first start from the demo reports in data/."""
from __future__ import annotations

from pathlib import Path

from incidents.ingest import Progress, ingest, open_extractor
from incidents.store import REPO_ROOT, Store

DEMO_REPORTS = REPO_ROOT / "data" / "reports" / "demo_reports.jsonl"


def _slice(progress: Progress | None, offset: int, weight: int, prefix: str) -> Progress | None:
    """Maps one step's own progress onto a slice (offset, weight) of a 0-100 bar."""
    if progress is None:
        return None
    return lambda done, of, label: progress(offset + (weight * done) // max(of, 1), 100, f"{prefix}: {label}")


def ensure_demo_store(store: Store, *, progress: Progress | None = None, reports: Path = DEMO_REPORTS) -> int:
    """Fill an empty store from the demo reports; return the number of incidents stored.

    The first start also compiles the offline gazetteer, which takes a while,
    so `progress(done, total, label)` is called throughout.
    """
    if store.count_articles() > 0:
        return store.count_incidents()
    extractor = open_extractor(progress=_slice(progress, 0, 70, "Compiling the offline gazetteer"))
    ingest([str(reports)], store=store, extractor=extractor,
           progress=_slice(progress, 70, 30, "Reading the demo reports"))
    if progress is not None:
        progress(100, 100, "Ready")
    return store.count_incidents()
