"""Rebuild the article records from WARC files, without touching the portal.

Reads the HTML responses (and identical-payload revisits, resolved to their originals), runs the
crawl's own extraction with the profile valid at each capture date, and writes articles.jsonl with
the same provenance. --compare OLD.jsonl reports, per field, how many records changed. --jobs N
extracts with N worker processes, writing the same records in the same order.

Exit status: 0 when every page was read; 1 when some were not (a file cut short or damaged
part-way is read up to that point, with a warning naming it; pages that do not decode, rejected
records); 2 when an input is missing or not a WARC file at all, or --compare is not a file of
records: nothing is written then.
"""

import argparse
import json
import sys
from pathlib import Path

from archive.reextract import compare, records_by_version, reextract
from archive.warc.files import find_warc_files
from archive.warc.read import unreadable_from_the_start
from extraction.profiles import ProfileError
from extraction.resolve import resolve_profile
from record.exit_codes import PARTIAL, SUCCESS, USAGE

_COMMAND = "portal-archive reextract"


def add_arguments(parser):
    parser.add_argument("paths", nargs="+", type=Path, metavar="WARC_OR_DIR")
    parser.add_argument("--output", type=Path, required=True, metavar="DIR", help="where articles.jsonl and rejects.jsonl go")
    parser.add_argument("--profile", help="profile for every page (default: chosen per page by its URL or markup)")
    parser.add_argument("--compare", type=Path, metavar="OLD.jsonl", help="report per-field differences with earlier records")
    parser.add_argument("--jobs", type=_job_count, default=1, metavar="N",
                        help="extract with N worker processes (default 1; the records are the same, in the same order)")


def _job_count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a number of jobs (a whole number from 1): {value!r}")
    return int(value)


def _bad_inputs(args) -> list[str]:
    """One line per input that makes the run pointless; empty when it can start."""
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return [f"no such file or directory: {p}" for p in missing]
    paths = find_warc_files(args.paths, include_open=False)
    if not paths:
        return [f"no WARC files found in {', '.join(map(str, args.paths))}"]
    return [str(error) for error in map(unreadable_from_the_start, paths) if error]


def run(args) -> int:
    try:
        profile = resolve_profile(args.profile)
    except ProfileError as error:
        print(f"{_COMMAND}: {error}", file=sys.stderr)
        return USAGE
    bad = _bad_inputs(args)
    if bad:
        for line in bad:
            print(f"{_COMMAND}: {line}", file=sys.stderr)
        return USAGE
    try:
        old = records_by_version(args.compare) if args.compare else None
    except ValueError as error:
        print(f"{_COMMAND}: --compare {error}", file=sys.stderr)
        return USAGE
    taken = [args.output / name for name in ("articles.jsonl", "rejects.jsonl") if (args.output / name).exists()]
    if taken:
        print(f"{_COMMAND}: {taken[0]} exists; choose an empty --output", file=sys.stderr)
        return USAGE
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"{_COMMAND}: --output {args.output}: {error.strerror or error}", file=sys.stderr)
        return USAGE
    paths = find_warc_files(args.paths, include_open=False)
    summary = reextract(paths, args.output, profile, args.jobs)
    for problem in summary.problems:
        if problem.file_cut:
            print(f"{_COMMAND}: warning: {problem}; pages before that point were read", file=sys.stderr)
        else:
            print(f"  skipped: {problem}", file=sys.stderr)
    print(f"{summary.pages} HTML page(s) in {len(paths)} WARC file(s): {summary.articles} record(s) written to"
          f" {args.output / 'articles.jsonl'} ({summary.unchanged} unchanged captures, {summary.not_articles} not articles,"
          f" {summary.rejects} rejected)")
    if old is not None:
        print(json.dumps(compare(old, records_by_version(args.output / "articles.jsonl")), ensure_ascii=False, indent=2))
    return PARTIAL if summary.rejects or summary.problems else SUCCESS
