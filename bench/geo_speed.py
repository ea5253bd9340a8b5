"""How fast the offline gazetteer answers: cold start, lookups per second, memory.

    python bench/geo_speed.py [--names 20000]

Builds the index first if needed (not timed). Cold start is measured in a
fresh interpreter: import geo, open the index, one lookup. Lookups are timed
twice over the same distinct place names: first pass (every key goes to
SQLite) and second pass (answered by the in-process cache).
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geo  # noqa: E402

COLD = """
import time; t = time.perf_counter()
import geo
gaz = geo.Gazetteer()
assert gaz.geocode("Saraqeb") is not None
print(time.perf_counter() - t)
"""


def rss_mb() -> float:
    """Resident memory now, from /proc (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--names", type=int, default=20_000, help="distinct names to look up")
    args = parser.parse_args()

    path = geo.ensure_built()
    print(f"index: {path} ({path.stat().st_size / 1e6:.1f} MB)")

    colds = [float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(3)]
    print(f"cold start (import + open + 1 lookup): best {min(colds) * 1000:.0f} ms of 3")

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    names = [n for (n,) in con.execute("SELECT name FROM places WHERE source = 'geonames'")]
    con.close()
    names = random.Random(1).sample(names, min(args.names, len(names)))

    gaz = geo.Gazetteer(path)
    for label in ("first pass (SQLite)", "second pass (cached)"):
        started = time.perf_counter()
        found = sum(gaz.geocode(n) is not None for n in names)
        elapsed = time.perf_counter() - started
        print(f"{label}: {len(names) / elapsed:,.0f} exact lookups/s ({found}/{len(names)} found)")

    started = time.perf_counter()
    for n in names[:5000]:
        gaz.geocode(n, country="SY", near=[(35.9, 36.6)])
    print(f"with country + near context (cached keys): {5000 / (time.perf_counter() - started):,.0f} lookups/s")
    print(f"resident memory: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
