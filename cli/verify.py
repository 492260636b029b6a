"""Check WARC files against every rule of a faithful archive; exit 1 and list what fails.

Beyond warcio's digest check: HTTP Content-Length against the stored body, gzip bodies stored
encoded, a request for every response, one record per gzip member, warcinfo first, one WARC
version per file, no unfinished .open files, no HTML-typed metadata at a page URI. A file that
is empty, cut short or not WARC at all fails with one line naming it. Exit status: 0 all good,
1 problems found, 2 a path is missing or holds no WARC file.
"""

import sys
from pathlib import Path

from archive.warc.check import verify
from record.exit_codes import PARTIAL, SUCCESS, USAGE


def add_arguments(parser):
    parser.add_argument("paths", nargs="+", type=Path, metavar="DIR|FILE", help="WARC files, or directories to search")


def run(args) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"portal-archive verify: no such file or directory: {', '.join(map(str, missing))}", file=sys.stderr)
        return USAGE
    report = verify(args.paths)
    if report.files == 0:
        print(f"portal-archive verify: no WARC files found in {', '.join(map(str, args.paths))}", file=sys.stderr)
        return USAGE
    for problem in report.problems:
        print(problem)
    verdict = "OK" if report.ok else f"FAILED: {len(report.problems)} problem(s)"
    print(f"{report.files} file(s), {report.records} record(s): {verdict}")
    return SUCCESS if report.ok else PARTIAL
