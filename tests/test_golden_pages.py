"""Every saved page under tests/golden/<family>/ gives exactly its expected record."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from regenerate import extract_golden, golden_pages  # noqa: E402

PAGES = golden_pages()


def test_every_family_has_golden_pages():
    assert {p.parent.name for p in PAGES} >= {"drupal7"}


@pytest.mark.parametrize("page", PAGES, ids=[f"{p.parent.name}/{p.stem}" for p in PAGES])
def test_golden_page(page):
    case, record = extract_golden(page)
    assert record == case["expected"]
    if record is not None:
        for field in ("title", "body_text", "published_at", "canonical_url"):
            assert record[field], f"{field} is empty"
