"""List what a portal changed: the edited, removed, unlisted and restored articles of a crawl.

Newest first, each with what changed (fields, and the body paragraph by paragraph) and links
that open the capture before and the capture after in replay (`portal-archive replay DIR
--port 8080` serves them at the default --replay-url). HTML is one self-contained page; JSON
is for programs; CSV has one line per change. Written to stdout, or to --output.
Exit status: 0 done, 2 bad input (not a crawl directory, bad date, unwritable output).
"""

import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from archive.changes import DEFAULT_REPLAY, as_csv, as_json, collect
from archive.changes_html import as_html
from record.crawl_dir import CrawlDirectory, NotACrawlDirectory
from record.exit_codes import SUCCESS, USAGE
from record.jsonl import JsonLinesError


def add_arguments(parser):
    parser.add_argument("crawl_dir", type=Path, metavar="DIR", help="a crawl output directory")
    parser.add_argument("--since", metavar="DATE", help="only changes seen on or after this day (YYYY-MM-DD, UTC)")
    parser.add_argument("--format", choices=("html", "json", "csv"), default="html", help="html (default), json or csv")
    parser.add_argument("--replay-url", default=DEFAULT_REPLAY, metavar="URL",
                        help=f"where the crawl is replayed, up to the collection (default {DEFAULT_REPLAY})")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout")


def _fail(message: str) -> int:
    print(f"portal-archive changes: {message}", file=sys.stderr)
    return USAGE


def run(args) -> int:
    try:
        since = date.fromisoformat(args.since) if args.since else None
    except ValueError:
        return _fail(f"--since {args.since!r}: give a day as YYYY-MM-DD")
    if urlsplit(args.replay_url).scheme not in ("http", "https") or not urlsplit(args.replay_url).netloc:
        return _fail(f"--replay-url {args.replay_url!r}: give an http(s) URL such as {DEFAULT_REPLAY}")
    try:
        crawl = CrawlDirectory.existing(args.crawl_dir)
        entries = collect(crawl, since, args.replay_url)
    except (NotACrawlDirectory, JsonLinesError) as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"{args.crawl_dir}: {error.strerror or error}")
    if args.format == "json":
        text = as_json(entries, since, args.replay_url)
    elif args.format == "csv":
        text = as_csv(entries)
    else:
        text = as_html(entries, crawl.path.resolve().name, since)
    if args.output is None:
        sys.stdout.write(text)
        return SUCCESS
    if crawl.owns(args.output):
        return _fail(f"--output {args.output}: that is one of the crawl's own files; write the report elsewhere")
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        return _fail(f"--output {args.output}: {error.strerror or error}")
    return SUCCESS
