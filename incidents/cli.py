"""`python -m incidents`: extract incidents from reports, and store them.

These commands are contracts other tools call: keep their options and output stable.
Errors reach the user as one line on stderr and an exit status, never a traceback.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from incidents.articles import parse_date, read_articles
from incidents.errors import IncidentsError, InputError
from incidents.ingest import ingest, open_extractor, publication_date

EXAMPLES = """\
examples:
  python -m incidents extract report.txt --published 2018-02-06
  cat report.txt | python -m incidents extract - --published 2018-02-06 --title "Su-25 downed"
  python -m incidents extract articles.jsonl          # one {"id","text","published",...} per line
  python -m incidents ingest data/reports/ --published 2018-02-06
  DATABASE_URL=sqlite:///team.sqlite python -m incidents ingest feeds/*.jsonl
  python -m incidents ingest https://example.org/news/2018/02/06/su25-idlib
"""

WATCH_EXAMPLES = """\
examples:
  python -m incidents watch https://example.org/world/rss.xml --every 15m
  python -m incidents watch https://example.org/atom.xml https://example.net/rss --once   # from cron
"""

DATA_EXAMPLES = """\
examples:
  python -m incidents export > incidents.csv            # ACLED's columns
  python -m incidents export --format geojson --output incidents.geojson --start 2018-02-01
  python -m incidents export --types "Battles,Riots" --end 2018-12-31 -o battles_riots.csv
  python -m incidents import-dataset acled_export.csv    # or a UCDP GED CSV
  DATABASE_URL=sqlite:///team.sqlite python -m incidents import-dataset ged_syria.csv --format ucdp
"""


def _date_arg(value: str) -> dt.date:
    try:
        return parse_date(value, origin="--published")
    except InputError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m incidents",
        description="Turn conflict reports into ACLED-style incidents (JSON Lines), and store them.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="print the incidents found in a report as JSON Lines",
        description="Print one JSON object per incident found in PATH (a text file, - for stdin, "
                    "a directory of .txt/.md files, a .jsonl file of articles, or an http(s) URL of a web page).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("path", metavar="PATH")
    extract.add_argument("--published", type=_date_arg, metavar="YYYY-MM-DD",
                         help="publication date: 'on Saturday' is resolved against it")
    extract.add_argument("--title", metavar="T", help="source title recorded with each incident")
    extract.add_argument("--url", metavar="U", help="source URL recorded with each incident")

    store = commands.add_parser(
        "ingest",
        help="extract and store; re-running adds nothing twice",
        description="Extract the incidents in every PATH and store them in $DATABASE_URL "
                    "(default: the embedded SQLite file data/cache/incidents.sqlite).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    store.add_argument("paths", nargs="+", metavar="PATH")
    store.add_argument("--published", type=_date_arg, metavar="YYYY-MM-DD",
                       help="publication date for inputs that do not carry one")
    store.add_argument("--no-merge", action="store_true",
                       help="do not merge the new incidents with other reports of the same event "
                            "(run `python -m incidents merge` later)")
    store.add_argument("--workers", type=_workers_arg, default=1, metavar="N",
                       help="worker processes extracting and storing in parallel (default 1; "
                            "one per core is the most that helps)")

    export = commands.add_parser(
        "export",
        help="write the stored incidents as an ACLED-layout CSV or as GeoJSON",
        description="Write the incidents in $DATABASE_URL (default: data/cache/incidents.sqlite) as a CSV "
                    "with ACLED's columns or as a GeoJSON FeatureCollection of points, to standard output "
                    "or atomically to --output.",
        epilog=DATA_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", choices=("csv", "geojson"), default=None,
                        help="csv (ACLED's columns; the default) or geojson (the default for an --output "
                             "ending in .geojson or .json)")
    export.add_argument("--output", "-o", metavar="FILE", help="write here (atomically) instead of standard output")
    export.add_argument("--start", type=_filter_date_arg("--start"), metavar="YYYY-MM-DD",
                        help="first event date exported")
    export.add_argument("--end", type=_filter_date_arg("--end"), metavar="YYYY-MM-DD",
                        help="last event date exported")
    export.add_argument("--types", type=_types_arg, metavar="TYPES",
                        help='ACLED event types, comma-separated, e.g. "Battles,Riots"')

    watch = commands.add_parser(
        "watch",
        help="poll RSS/Atom feeds and ingest their new items",
        description="Poll every FEED_URL (RSS or Atom) and store the incidents of items not seen before "
                    "(their linked pages, else their summaries) in $DATABASE_URL. Seen items are remembered "
                    "in the store's feed_items table. Ctrl-C stops with a summary.",
        epilog=WATCH_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    watch.add_argument("feeds", nargs="+", metavar="FEED_URL")
    watch.add_argument("--every", type=_interval_arg, default=15 * 60.0, metavar="INTERVAL",
                       help="time between polls: 30s, 15m (the default), 2h, 1d")
    watch.add_argument("--no-merge", action="store_true",
                       help="do not merge the new incidents with other reports of the same event "
                            "(run `python -m incidents merge` later)")
    watch.add_argument("--once", action="store_true", help="poll once and exit (for cron)")

    dataset = commands.add_parser(
        "import-dataset",
        help="store the events of an ACLED export or a UCDP GED CSV; re-running adds nothing twice",
        description="Store every row of FILE, an ACLED export or a UCDP GED CSV (told from its header), "
                    "as an incident in $DATABASE_URL. Rows are keyed on the dataset and their id.",
        epilog=DATA_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dataset.add_argument("file", metavar="FILE")
    dataset.add_argument("--no-merge", action="store_true",
                       help="do not merge the new incidents with other reports of the same event "
                            "(run `python -m incidents merge` later)")
    dataset.add_argument("--format", choices=("acled", "ucdp"), default=None,
                         help="the file's format (default: told from its header)")
    _add_merge_commands(commands)
    return parser


MERGE_EXAMPLES = """\
examples:
  python -m incidents merge --dry-run      # what would merge, and why
  python -m incidents merge                # merge every incident not considered yet
  python -m incidents explain 1234         # the reports of event 1234 and why each is in it
  python -m incidents unmerge 1240         # take incident 1240 out of its event
  python -m incidents unmerge --all        # back to one event per incident
"""


def _add_merge_commands(commands) -> None:
    """`merge`, `unmerge` and `explain`: one event from the reports of several sources (incidents/merge.py)."""
    common = dict(epilog=MERGE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    merge = commands.add_parser(
        "merge", help="merge the incidents that report the same event (explainable, reversible)",
        description="Place every stored incident not considered yet into an event: reports of one type "
                    "family, places within 2 km (5 km for a place known only as near one; one province at "
                    "province precision) and dates within a day (a week at week precision) become one event. Incidents are never changed; the "
                    "decisions and their reasons are kept in the store. Re-running changes nothing.", **common)
    merge.add_argument("--dry-run", action="store_true", help="print what would merge and why; write nothing")
    unmerge = commands.add_parser(
        "unmerge", help="take an incident out of its event, or undo every merge",
        description="Take incident ID out of the event it was merged into (it then stays on its own), "
                    "or with --all drop every merge decision (each incident is its own event again; "
                    "the next merge merges again).", **common)
    which = unmerge.add_mutually_exclusive_group(required=True)
    which.add_argument("incident", nargs="?", type=_id_arg, metavar="ID", help="the incident to take out")
    which.add_argument("--all", action="store_true", help="undo every merge")
    explain = commands.add_parser(
        "explain", help="show the reports of an event and why each was merged into it",
        description="Print event EVENT_ID's combined record, then each of its reports with the rule "
                    "that placed it there, who decided (auto or analyst) and when.", **common)
    explain.add_argument("event", type=_id_arg, metavar="EVENT_ID")


def _id_arg(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number above 0)")
    return number


def _filter_date_arg(option: str):
    def parse(value: str) -> str:
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
    return parse


def _interval_arg(value: str) -> float:
    from incidents.feeds import parse_interval

    try:
        return parse_interval(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _types_arg(value: str) -> list[str]:
    from incidents.record import EVENT_TYPES

    known = {name.lower(): name for name in EVENT_TYPES}
    types = []
    for part in value.split(","):
        part = " ".join(part.split())
        if not part:
            continue
        if part.lower() not in known:
            raise argparse.ArgumentTypeError(
                f"unknown event type {part!r} (ACLED's types are: {', '.join(EVENT_TYPES)})")
        types.append(known[part.lower()])
    if not types:
        raise argparse.ArgumentTypeError("no event type given")
    return list(dict.fromkeys(types))


def _progress_to_stderr(done: int, total: int, label: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total} {label}", end="", file=sys.stderr, flush=True)


def cmd_extract(args) -> int:
    extractor = open_extractor(progress=_progress_to_stderr)
    failed = 0
    for item in read_articles(args.path, published=args.published, title=args.title, url=args.url):
        if isinstance(item, InputError):
            print(f"error: {item}", file=sys.stderr)
            failed += 1
            continue
        anchor = publication_date(item, args.published)
        if anchor is None:
            anchor = dt.date.today()
            print(f"warning: {item.origin}: no publication date given (--published); "
                  f"relative dates are resolved against today, {anchor}", file=sys.stderr)
        for incident in extractor.extract(item, published=anchor):
            print(json.dumps(incident.to_dict(), ensure_ascii=False))
    return 1 if failed else 0


def _workers_arg(value: str) -> int:
    if not value.strip().isdigit() or not 1 <= int(value) <= 64:
        raise argparse.ArgumentTypeError(f"--workers: {value!r} is not a number of processes from 1 to 64")
    return int(value)


def _merge_new(store, args) -> None:
    """Merge the run's new incidents with other reports of the same event (incidents/merge.py),
    unless --no-merge; the result goes to stderr so stdout keeps the run's summary line."""
    from incidents.merge import merge_pending

    if getattr(args, "no_merge", False):
        return
    try:
        merged = merge_pending(store)
    except IncidentsError as err:  # the incidents are stored; only the merge is left for later
        print(f"error: merging not done ({err}); run `python -m incidents merge`", file=sys.stderr)
        return
    print(f"merge: {merged.line()}", file=sys.stderr, flush=True)


def cmd_ingest(args) -> int:
    from incidents.ingest import stop_on_interrupt
    from incidents.progress import ProgressLine
    from incidents.store import Store

    store = Store()
    extractor = open_extractor(progress=_progress_to_stderr)  # with --workers, this builds the gazetteer once
    with stop_on_interrupt() as stop:
        shown = ProgressLine(sys.stderr, stop=stop)
        summary = ingest(args.paths, store=store, extractor=extractor, published=args.published,
                         workers=args.workers, stop=stop, progress=shown.update, on_error=shown.error)
    shown.finish()
    print(summary.line(), flush=True)
    if not summary.interrupted:
        _merge_new(store, args)
    if summary.interrupted:
        print("interrupted: the articles stored so far are complete; run the same command again "
              "to finish (they are skipped)", file=sys.stderr)
        return 130
    return 1 if summary.failed else 0


def _open_existing_store():
    """The store to export from; an SQLite file that does not exist yet is an error, not created."""
    import sqlalchemy as sa

    from incidents.store import Store, database_url

    url = database_url()
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        parsed = None
    if (parsed is not None and parsed.get_backend_name() == "sqlite"
            and parsed.database not in (None, "", ":memory:") and not os.path.exists(parsed.database)):
        raise IncidentsError(f"no store at {parsed.database} (nothing ingested yet? set DATABASE_URL)")
    return Store()


def cmd_export(args) -> int:
    from incidents.exports import to_acled_csv, write_export, write_geojson

    if args.start and args.end and args.start > args.end:
        print(f"error: --start {args.start} is after --end {args.end}", file=sys.stderr)
        return 2
    fmt = args.format
    if fmt is None:
        fmt = "geojson" if args.output and args.output.lower().endswith((".geojson", ".json")) else "csv"
    store = _open_existing_store()
    rows = store.iter_incidents(start=args.start, end=args.end, types=args.types)
    if fmt == "csv":
        def write(fp):
            return to_acled_csv(rows, fp), 0
    else:
        def write(fp):
            return write_geojson(rows, fp)
    try:
        written, skipped = write_export(args.output, write)
        if args.output is None:
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:
        print(f"error: cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
        return 1
    where = f" to {args.output}" if args.output else ""
    note = f", {skipped} skipped (no coordinates)" if fmt == "geojson" else ""
    print(f"{written} incidents exported{where}{note}", file=sys.stderr)
    return 0


def cmd_watch(args) -> int:
    from incidents.feeds import watch
    from incidents.store import Store
    from incidents.web import looks_like_url

    for url in args.feeds:
        if not looks_like_url(url) or not url.lower().startswith(("http://", "https://")):
            print(f"error: {url}: a feed is an http or https URL", file=sys.stderr)
            return 2
    store = Store()
    extractor = open_extractor(progress=_progress_to_stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)

    def on_error(message: str) -> None:
        print(f"error: {message}", file=sys.stderr, flush=True)

    def on_poll(this, total) -> None:
        if this.ingest.incidents_stored:
            _merge_new(store, args)
        if not args.once:
            stamp = dt.datetime.now().isoformat(timespec="seconds")
            print(f"{stamp} {this.new_items} new items; {this.ingest.line()}", flush=True)

    total = watch(args.feeds, store=store, extractor=extractor, every=args.every, once=args.once,
                  on_error=on_error, on_poll=on_poll)
    print(total.line(), flush=True)
    return 1 if total.ingest.failed else 0


def cmd_import_dataset(args) -> int:
    from incidents.datasets import import_dataset
    from incidents.errors import StoreError
    from incidents.store import Store

    store = Store()
    interactive = sys.stderr.isatty()

    def on_error(message: str) -> None:
        if interactive:
            print("\r\033[K", end="", file=sys.stderr)
        print(f"error: {message}", file=sys.stderr)

    def progress(rows: int, label: str) -> None:
        if interactive:
            print(f"\r{rows} rows read, {label}", end="", file=sys.stderr, flush=True)

    try:
        summary = import_dataset(args.file, store=store, format=args.format, on_error=on_error, progress=progress)
    except StoreError as err:
        if interactive:
            print(file=sys.stderr)
        print(f"error: {err}", file=sys.stderr)
        return 1
    if interactive:
        print(file=sys.stderr)
    print(summary.line())
    _merge_new(store, args)
    return 1 if summary.failed else 0


def cmd_merge(args) -> int:
    from incidents.merge import merge_pending

    store = _open_existing_store()
    summary = merge_pending(store, dry_run=args.dry_run)
    if args.dry_run:
        for decision in summary.decisions:
            if decision.joined:
                print(f"#{decision.incident_id} -> event {decision.event_id}: {decision.reason}")
        print(f"dry run, nothing written: {summary.line()}")
    else:
        print(summary.line())
    return 0


def cmd_unmerge(args) -> int:
    from incidents.merge import unmerge, unmerge_all

    store = _open_existing_store()
    if args.all:
        dropped = unmerge_all(store)
        print(f"{dropped} merge decisions dropped: every incident is its own event again "
              "(the next `merge` merges them again)")
        return 0
    left = unmerge(store, args.incident)
    if left is None:
        print(f"incident {args.incident} is not merged with other reports: nothing changed")
    else:
        print(f"incident {args.incident} taken out of event {left}; it stays on its own")
    return 0


def cmd_explain(args) -> int:
    from incidents.merge import explain

    store = _open_existing_store()
    explanation = explain(store, args.event)
    if explanation is None:
        link = store.event_link(args.event)
        where = (f": incident {args.event} is part of event {link['event_id']} "
                 f"(python -m incidents explain {link['event_id']})") if link else ""
        print(f"error: no event {args.event}{where}", file=sys.stderr)
        return 1
    print(explanation.text())
    return 0


def main(argv: list[str] | None = None) -> int:
    from geo import GeoError

    args = build_parser().parse_args(argv)
    try:
        return {"extract": cmd_extract, "ingest": cmd_ingest, "export": cmd_export,
                "import-dataset": cmd_import_dataset, "watch": cmd_watch,
                "merge": cmd_merge, "unmerge": cmd_unmerge, "explain": cmd_explain}[args.command](args)
    except (IncidentsError, GeoError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
