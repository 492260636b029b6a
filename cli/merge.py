"""Merge the output directories of a distributed crawl's workers into one collection.

Every WARC file in one warc/ folder (a killed worker's .open file recovered in the copy), the
articles once each (by canonical URL, latest version), one CDXJ index and one WACZ package.
The workers' WARC files and records are read, never changed.
"""

import json
import sys
from pathlib import Path

from archive.merge import crawl_directories, merge_crawls
from archive.wacz import WaczError
from record.crawl_dir import CrawlDirectory
from record.exit_codes import FAILED, LOCKED, USAGE
from record.jsonl import JsonLinesError
from record.run_lock import CrawlLocked


def add_arguments(parser):
    parser.add_argument("inputs", nargs="+", type=Path, metavar="DIR",
                        help="worker output directories, or a directory that holds them (crawl --redis --output DIR)")
    parser.add_argument("--output", type=Path, required=True, help="new directory for the merged collection")
    parser.add_argument("--name", help="the collection's name, for the WACZ package (default: the output directory's name)")
    parser.add_argument("--no-wacz", action="store_true", help="do not build the WACZ package")


def run(args) -> int:
    missing = [p for p in args.inputs if not p.is_dir()]
    if missing:
        print(f"portal-archive merge: no such directory: {', '.join(map(str, missing))}", file=sys.stderr)
        return USAGE
    directories = crawl_directories(args.inputs)
    if not directories:
        print("portal-archive merge: no crawl output (warc/ or articles.jsonl) in the given directories", file=sys.stderr)
        return USAGE
    for directory in directories:
        try:
            CrawlDirectory(directory).check_unlocked()
        except CrawlLocked as error:
            print(f"portal-archive merge: {error}; merge when it has finished", file=sys.stderr)
            return LOCKED
    name = args.name or args.output.resolve().name
    try:
        report = merge_crawls(directories, args.output, name, package=not args.no_wacz)
    except JsonLinesError as error:
        print(f"portal-archive merge: {error} (merge takes the output directories of crawls)", file=sys.stderr)
        return USAGE
    except (FileExistsError, ValueError) as error:
        print(f"portal-archive merge: {error}", file=sys.stderr)
        return USAGE
    except WaczError as error:
        print(f"portal-archive merge: {error}", file=sys.stderr)
        return FAILED
    print(f"Merged {len(directories)} crawl director{'y' if len(directories) == 1 else 'ies'} into {args.output}")
    print(f"  articles:  {report.articles} (from {report.records_read} records)")
    print(f"  WARC:      {len(report.warc_files)} file(s) in warc/, index of {report.index_lines} lines in indexes/index.cdxj")
    for recovered in report.warc_recovered:
        print(f"  recovered: {recovered['open_file']} from {recovered['from']} ({recovered['records_kept']} records kept)")
    if report.wacz:
        print(f"  WACZ:      {report.wacz}")
    return 0
