"""Every saved page under tests/golden/<family>/ gives exactly its expected record."""

import sys
from pathlib import Path

import pytest

from record.fields import set_by_the_crawl
from record.schema import problems

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from quality_report import beats, score  # noqa: E402
from regenerate import extract_golden, golden_pages  # noqa: E402

PAGES = golden_pages()



def test_every_family_has_golden_pages():
    assert {p.parent.name for p in PAGES} >= {"drupal7", "liferay", "sharepoint", "viettel", "vnpt", "fallback"}


def test_each_family_has_a_page_that_is_not_an_article():
    not_articles = {p.parent.name for p in PAGES if extract_golden(p)[0]["expected"] is None}
    assert not_articles >= {"liferay", "sharepoint", "viettel", "vnpt"}


@pytest.mark.parametrize("page", PAGES, ids=[f"{p.parent.name}/{p.stem}" for p in PAGES])
def test_golden_page(page):
    case, record = extract_golden(page)
    assert record == case["expected"]
    if record is None:
        return
    for field in ("title", "body_text", "published_at", "canonical_url"):
        assert record[field], f"{field} is empty"
    # Pages of the fallback folder are read by the generic fallback alone; the others by a profile.
    expected_path = "fallback" if page.parent.name == "fallback" else record["extraction"]
    assert record["extraction"] == expected_path
    assert (record["profile"] is None) == (page.parent.name == "fallback")
    # The golden record leaves out what a crawl sets; the schema wants them, null outside a crawl.
    assert not problems({**record, "fetched_at": "2026-01-01T00:00:00+00:00", **set_by_the_crawl()})


def test_our_extraction_beats_plain_trafilatura_on_every_column():
    for family, (mine, theirs) in score().items():
        lost = [column for column, won in beats(mine, theirs).items() if not won]
        assert not lost, f"{family}: not better than trafilatura on {lost}"
