"""Rebuild the article records from WARC files, without touching the portal.

Reads the HTML responses (and identical-payload revisits, resolved to their originals), runs the
crawl's own extraction with the profile valid at each capture date, and writes articles.jsonl with
the same provenance. --compare OLD.jsonl reports, per field, how many records changed.
"""

import json
import sys
from pathlib import Path

from archive.verify import warc_files
from extraction.profiles import ProfileError, load_profile
from archive.reextract import compare, reextract


def add_arguments(parser):
    parser.add_argument("paths", nargs="+", type=Path, metavar="WARC_OR_DIR")
    parser.add_argument("--output", type=Path, required=True, metavar="DIR", help="where articles.jsonl and rejects.jsonl go")
    parser.add_argument("--profile", help="profile for every page (default: chosen per page by its URL or markup)")
    parser.add_argument("--compare", type=Path, metavar="OLD.jsonl", help="report per-field differences with earlier records")


def run(args) -> int:
    try:
        profile = load_profile(args.profile) if args.profile else None
    except ProfileError as error:
        print(f"portal-archive reextract: {error}", file=sys.stderr)
        return 2
    paths = [p for p in warc_files(args.paths) if p.name.endswith((".warc", ".warc.gz"))]
    if not paths:
        print("portal-archive reextract: no WARC files found", file=sys.stderr)
        return 2
    if (args.output / "articles.jsonl").exists():
        print(f"portal-archive reextract: {args.output / 'articles.jsonl'} exists; choose an empty --output", file=sys.stderr)
        return 2
    summary = reextract(paths, args.output, profile)
    for problem in summary.problems:
        print(f"  skipped: {problem}", file=sys.stderr)
    print(f"{summary.pages} HTML page(s) in {len(paths)} WARC file(s): {summary.articles} record(s) written to"
          f" {args.output / 'articles.jsonl'} ({summary.unchanged} unchanged captures, {summary.not_articles} not articles,"
          f" {summary.rejects} rejected)")
    if args.compare:
        print(json.dumps(compare(args.compare, args.output / "articles.jsonl"), ensure_ascii=False, indent=2))
    return 1 if summary.rejects or summary.problems else 0
