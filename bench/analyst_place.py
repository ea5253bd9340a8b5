"""How long an analyst's place correction takes to reach lookups: the upsert into a copy
of the index (geo/analyst.py) against a full rebuild of the index.

Works on a copy of the default index (data/cache/geo, built with `python -m geo build`)
in a temporary directory; prints the figures.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import Gazetteer, build_index, ensure_built, index_path  # noqa: E402
from geo.analyst import record_place  # noqa: E402
from geo.build import DEFAULT_DATA_DIR  # noqa: E402


def main() -> None:
    source = ensure_built(directory=DEFAULT_DATA_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copyfile(source, index_path(directory=folder))
        print(f"index: {source.stat().st_size / 1e6:.1f} MB")
        times = []
        for n in range(5):
            report = record_place("Saraqib", 35.9 + n / 1000, 36.85, country_code="SY", directory=folder)
            assert report.indexed
            times.append(report.seconds)
        print(f"record_place (upsert into a copy of the index): median {sorted(times)[2]:.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, 5 runs)")
        started = time.perf_counter()
        with Gazetteer(index_path(directory=folder)) as gaz:
            place = gaz.geocode("Saraqib")
        print(f"reopen + first lookup: {time.perf_counter() - started:.3f} s -> {place.source} "
              f"{place.latitude}, {place.longitude}")
        started = time.perf_counter()
        build_index(directory=folder)
        print(f"full rebuild with the analyst layer: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
