"""Extraction is bounded by the page's size: a huge page is archived but not read for a record,
and the reason says so, so that one page cannot hold a crawl for minutes."""

import pytest

from extraction.article import MAX_EXTRACTION_BYTES, MAX_GENERIC_BYTES, PageTooLarge, extract_article
from extraction.page import Page
from extraction.profiles import load_profile
from extraction.resolve import resolve_profile

DRUPAL = load_profile("drupal7")
HEAD = ("<html lang='vi'><head><title>Hội nghị tổng kết</title><meta name='Generator' content='Drupal 7'>"
        "<meta property='article:published_time' content='2024-01-02T10:00:00+07:00'></head>"
        "<body class='page-node'><h1 id='page-title'>Hội nghị tổng kết</h1><div class='node node-full'>")
PARAGRAPH = "<p>Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, số {}.</p>\n"


def drupal_page(size: int, body_class: str = "field-name-body") -> Page:
    paragraphs, total, number = [], len(HEAD), 0
    while total < size:
        paragraphs.append(PARAGRAPH.format(number))
        total += len(paragraphs[-1].encode())
        number += 1
    html = HEAD + f"<div class='{body_class}'><div class='field-item'>" + "".join(paragraphs) + "</div></div></div></body></html>"
    return Page("https://tinh.gov.vn/tin-tuc/hoi-nghi", html.encode())


@pytest.mark.parametrize("profile", [None, DRUPAL])
def test_a_page_over_the_limit_is_not_extracted(profile):
    page = Page("https://tinh.gov.vn/a", b"<html><body>" + b"x" * MAX_EXTRACTION_BYTES + b"</body></html>")
    with pytest.raises(PageTooLarge, match=r"^not extracted: page of 8\.0 MB over the 8 MB extraction limit$") as refused:
        extract_article(page, profile)
    assert refused.value.size == len(page.body) and refused.value.limit == MAX_EXTRACTION_BYTES


def test_the_generic_reader_has_a_lower_limit():
    page = Page("https://tinh.gov.vn/a", b"<html><body>" + b"<p>tin</p>" * (MAX_GENERIC_BYTES // 10 + 1) + b"</body></html>")
    with pytest.raises(PageTooLarge, match=r"over the 2 MB limit of the generic reader$"):
        extract_article(page, None)


def test_a_large_page_the_profile_reads_whole_is_extracted():
    page = drupal_page(MAX_GENERIC_BYTES + 100_000)
    record = extract_article(page, DRUPAL)
    assert record["extraction"] == "profile" and record["title"] == "Hội nghị tổng kết"
    assert record["paragraphs"][-1].startswith("Ủy ban nhân dân tỉnh") and len(record["paragraphs"]) > 20_000


def test_a_large_page_whose_profile_misses_the_body_says_the_generic_reader_was_needed():
    page = drupal_page(MAX_GENERIC_BYTES + 100_000, body_class="no-known-body")
    with pytest.raises(PageTooLarge, match="limit of the generic reader, which the profile's missing fields need"):
        extract_article(page, DRUPAL)


def test_a_page_too_large_to_extract_is_not_parsed_to_choose_its_profile():
    small = drupal_page(10_000)
    assert resolve_profile(page=small).name == "drupal7"  # its markers say Drupal 7
    huge = Page(small.url, small.body.replace(b"</body>", b"<!--" + b"x" * MAX_EXTRACTION_BYTES + b"--></body>"))
    assert resolve_profile(page=huge) is None
