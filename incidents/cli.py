"""`python -m incidents`: extract incidents from reports, and store them.

These commands are contracts other tools call: keep their options and output stable.
Errors reach the user as one line on stderr and an exit status, never a traceback.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
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
                    "a directory of .txt/.md files, or a .jsonl file of articles).",
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
    return parser


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


def cmd_ingest(args) -> int:
    from incidents.store import Store

    store = Store()
    extractor = open_extractor(progress=_progress_to_stderr)
    summary = ingest(args.paths, store=store, extractor=extractor, published=args.published,
                     progress=_progress_to_stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for error in summary.errors:
        print(f"error: {error}", file=sys.stderr)
    print(summary.line())
    return 1 if summary.failed else 0


def main(argv: list[str] | None = None) -> int:
    from geo import GeoError

    args = build_parser().parse_args(argv)
    try:
        return {"extract": cmd_extract, "ingest": cmd_ingest}[args.command](args)
    except (IncidentsError, GeoError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
