"""Rewrite the expected records of the golden pages from the current extraction, fetching nothing.

    python tests/golden/regenerate.py [PAGE.html ...]

Each page NAME.html has NAME.json beside it with the page's "url", optional "profile" and the
"expected" record (null when the page is not an article). Without "profile" the page gets what
`portal-archive extract` would choose: a site or family profile, else the generic fallback.
Read the diff before committing: a changed expectation is a changed parser.
"""

import json
import sys
from pathlib import Path

from extraction.article import extract_article
from extraction.page import Page
from extraction.resolve import resolve_profile
from record.fields import VERSION_FIELDS

GOLDEN = Path(__file__).parent
# Set by the crawl, not by extraction (fetched_at, and the versioning of pipelines/versions.py).
RUN_DEPENDENT = ("fetched_at", *VERSION_FIELDS)


def golden_pages() -> list[Path]:
    return sorted(GOLDEN.glob("*/*.html"))


def extract_golden(page: Path) -> tuple[dict, dict | None]:
    case = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    body = page.read_bytes()
    page = Page(case["url"], body)
    record = extract_article(page, resolve_profile(case.get("profile"), page=page))
    if record is not None:
        for field in RUN_DEPENDENT:
            record.pop(field)
    return case, record


def main(paths: list[str]) -> None:
    for page in map(Path, paths) if paths else golden_pages():
        case, record = extract_golden(page)
        case["expected"] = record
        page.with_suffix(".json").write_text(json.dumps(case, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{page}: {'article' if record else 'not an article'}")


if __name__ == "__main__":
    main(sys.argv[1:])
