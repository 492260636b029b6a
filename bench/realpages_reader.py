"""`extract PAGE --url URL` as the development set's scorer calls it, read by one reader alone:

    python -m bench.realpages_reader --reader generic|trafilatura extract PAGE.html --url URL

`generic`: our extraction with no profile (extract_article(page, None)); `trafilatura`: plain
``trafilatura.bare_extraction`` with metadata and default settings, its date (a day, no time)
put at midnight +07:00. One JSON line on stdout, as `portal-archive extract` prints; exit 1 when
the reader gives nothing. For bench/realpages_report.py, which compares them with ours.
"""

import argparse
import json
import sys
from pathlib import Path

import trafilatura

from extraction.article import extract_article
from extraction.page import Page


def _trafilatura_record(page: Page) -> dict | None:
    found = trafilatura.bare_extraction(page.text(), url=page.url, with_metadata=True)
    if not found or not found.text:
        return None
    day = (found.date or "")[:10]
    return {
        "title": found.title, "body_text": found.text, "author": found.author,
        "published_at": f"{day}T00:00:00+07:00" if day else None,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reader", choices=("generic", "trafilatura"), required=True)
    parser.add_argument("command", choices=("extract",))
    parser.add_argument("page", type=Path)
    parser.add_argument("--url", required=True)
    args = parser.parse_args(argv)
    page = Page(args.url, args.page.read_bytes())
    record = extract_article(page, None) if args.reader == "generic" else _trafilatura_record(page)
    if record is None:
        print(f"{args.page}: no record", file=sys.stderr)
        return 1
    print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
