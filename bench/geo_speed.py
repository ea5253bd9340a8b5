"""How fast the offline gazetteer answers: cold start, lookups per second, memory.

    python bench/geo_speed.py [--names 20000] [--fuzzy 3000]

Builds the index first if needed (not timed). Cold start is measured in a
fresh interpreter: import geo, open the index, one lookup. Then, on one core
(this process), with both wall-clock and CPU time (CPU time is what a core
spent on it; on a machine shared with other work, wall time is longer):

- exact, uncached: the names of --names random GeoNames places (a common name
  is likelier to be drawn, and has more candidates to rank), each distinct
  name once, by a freshly opened Gazetteer with the module's key cache
  cleared, so every lookup reads SQLite and ranks its candidates; three such
  passes, the best one reported (and the median);
- exact, cached: the same names again (answered by the in-process cache);
- with country + near context;
- fuzzy (`--fuzzy` names): misspelt names (one interior letter dropped), with
  their country (the fuzzy stage searches that country's names) and without
  (only well-known places are searched), each the first time; also how often
  the misspelling finds the very place it was made from.

Memory is the resident size of a separate lookup process (not this one,
which also holds the benchmark's name lists) after it has run the same
exact and fuzzy lookups.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geo  # noqa: E402
from geo import gazetteer as gazetteer_module  # noqa: E402

COLD = """
import time; t = time.perf_counter()
import geo
gaz = geo.Gazetteer()
assert gaz.geocode("Saraqeb") is not None
print(time.perf_counter() - t)
"""


MEMORY = """
import json, sys
from pathlib import Path
import geo
exact, fuzzy = json.loads(Path(sys.argv[1]).read_text())
gaz = geo.Gazetteer(fuzzy=True)
for name in exact:
    gaz.geocode(name)
for name, country in fuzzy:
    gaz.geocode(name, country=country)
status = Path("/proc/self/status").read_text().splitlines()
print(next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:")))
"""


def lookup_process_rss_mb(exact: list[str], fuzzy: list[tuple[str, str | None]]) -> float:
    """Resident memory (MB, from /proc: Linux) of a fresh process after these lookups."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([exact, fuzzy], handle)
    try:
        done = subprocess.run([sys.executable, "-c", MEMORY, handle.name], capture_output=True, text=True,
                              check=True, cwd=Path(__file__).resolve().parents[1])
        return float(done.stdout)
    finally:
        Path(handle.name).unlink()


UNCACHED_PASSES = 3


def timed(label: str, queries: list, lookup, unit: str = "lookups/s") -> list:
    """Run lookup(query) for each query; print the rate by wall and CPU time; return the answers."""
    wall, cpu = time.perf_counter(), time.process_time()
    answers = [lookup(q) for q in queries]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    found = sum(a is not None for a in answers)
    print(f"{label}: {len(queries) / cpu:,.0f} {unit} by CPU time, {len(queries) / wall:,.0f} by wall time "
          f"({found:,}/{len(queries):,} found)")
    return answers


def fresh(path: Path, **options) -> geo.Gazetteer:
    """A Gazetteer with nothing cached, not even the module's query keys."""
    gazetteer_module._query_key.cache_clear()
    return geo.Gazetteer(path, **options)


def misspell(name: str, rng: random.Random) -> str:
    """Drop one interior letter (not the first, not a space)."""
    spots = [i for i in range(1, len(name) - 1) if name[i].isalpha()]
    i = rng.choice(spots)
    return name[:i] + name[i + 1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--names", type=int, default=20_000, help="random places whose names are looked up")
    parser.add_argument("--fuzzy", type=int, default=3_000, help="misspelt names for the fuzzy lookups")
    args = parser.parse_args()

    path = geo.ensure_built()
    print(f"index: {path} ({path.stat().st_size / 1e6:.1f} MB)")

    colds = [float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(3)]
    print(f"cold start (import + open + 1 lookup): best {min(colds) * 1000:.0f} ms of 3")

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = con.execute("SELECT name, country_code, population, source || ':' || source_id FROM places "
                       "WHERE source = 'geonames'").fetchall()
    con.close()
    # Names of randomly chosen places (so a common name is likelier, as in news copy), each once.
    names = list(dict.fromkeys(random.Random(1).sample([name for name, *_ in rows], min(args.names, len(rows)))))

    # Uncached: three passes, each by a fresh Gazetteer (the machine is shared: the best pass is the
    # figure, the median says how noisy it was); the last one's cache serves the cached pass.
    rates = []
    for _ in range(UNCACHED_PASSES):
        gaz = fresh(path)
        wall, cpu = time.perf_counter(), time.process_time()
        answers = [gaz.geocode(n) for n in names]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rates.append((len(names) / cpu, len(names) / wall))
    best = max(rates)
    print(f"exact, uncached (SQLite + ranking, each name once): {best[0]:,.0f} lookups/s by CPU time, "
          f"{best[1]:,.0f} by wall time, best of {UNCACHED_PASSES} fresh passes "
          f"(median {sorted(r[0] for r in rates)[UNCACHED_PASSES // 2]:,.0f} by CPU time) "
          f"({sum(a is not None for a in answers):,}/{len(names):,} found)")
    timed("exact, cached (second pass)", names, gaz.geocode)
    timed("with country + near context (keys cached)", names[:5000],
          lambda n: gaz.geocode(n, country="SY", near=[(35.9, 36.6)]))
    gaz.close()

    # Fuzzy: names long enough for the fuzzy stage (5+ letters as forms), one letter dropped.
    rng = random.Random(2)
    fuzzy_queries = []
    local = [(name, cc, pid) for name, cc, _, pid in rows if len(name) >= 7 and name.isascii()]
    local = rng.sample(local, min(args.fuzzy, len(local)))
    known = [(name, cc, pid) for name, cc, population, pid in rows
             if population >= 100_000 and len(name) >= 7 and name.isascii()]
    known = rng.sample(known, min(args.fuzzy, len(known)))
    for label, sample, with_country in (("fuzzy, in the country named", local, True),
                                        ("fuzzy, no country (well-known places)", known, False)):
        queries = [(misspell(name, rng), cc if with_country else None) for name, cc, _ in sample]
        fuzzy_queries += queries
        gaz = fresh(path, fuzzy=True)
        matches = timed(label, queries, lambda q: gaz.match(q[0], country=q[1]))
        gaz.close()
        same = sum(m is not None and m.place.id == pid for m, (_, _, pid) in zip(matches, sample))
        stages = {s: sum(m is not None and m.stage == s for m in matches) for s in ("exact", "second", "fuzzy")}
        print(f"  found the place the misspelling was made from: {same:,}/{len(sample):,}; "
              f"answered by stage: {stages}")
    print(f"resident memory of a lookup process after all these lookups: "
          f"{lookup_process_rss_mb(names, fuzzy_queries):.0f} MB")


if __name__ == "__main__":
    main()
