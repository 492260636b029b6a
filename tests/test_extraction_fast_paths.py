"""The short cuts of the extraction hot path give what the plain way gives, on every golden page
and on a large, deep vendor-style page: selectors skipped for a class or id the page lacks, the
page-level legacy-encoding pre-check, and the counter search skipped for paragraphs that cannot
end in one (the generic reader's short cuts: tests/test_generic_reader_shortcuts.py)."""

import dataclasses
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parsel import Selector

from bench.vendor_pages import vendor_page_html
from extraction.furniture import _COUNTER, _may_end_in_a_counter
from extraction.legacy_encoding import _may_hold_legacy_text, detect
from extraction.page import Page
from extraction.profiles import family_profiles
from extraction.selection import select

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from regenerate import golden_pages  # noqa: E402


def _documents():
    for path in golden_pages():
        yield path.name, Page("https://example.gov.vn/x", path.read_bytes()).decoded().text
    yield "vendor-150kb", vendor_page_html(150)
    yield "entities", "<html><body><div><p>&amp;amp;" + "x " * 200 + "</p></div><p>Tin &amp;amp; ảnh</p></body></html>"


DOCUMENTS = list(_documents())


def _profile_selectors():
    for profile in family_profiles():
        for field in dataclasses.fields(profile.article):
            values = getattr(profile.article, field.name)
            if isinstance(values, tuple):
                yield from (v.split("::attr(")[0] for v in values if isinstance(v, str) and "%" not in v)
        yield from profile.boilerplate.selectors


SELECTORS = sorted(set(_profile_selectors()))


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_skipping_selectors_changes_no_match(name, html):
    document = Selector(text=html, type="html")
    for selector in SELECTORS:
        plain = [e.root for e in document.css(selector)]
        assert [e.root for e in select(document, selector)] == plain, selector
    assert len(SELECTORS) > 50


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_the_page_level_legacy_check_never_hides_a_legacy_page(name, html):
    root = Selector(text=html, type="html").root
    texts = [t for e in root.iter() for t in (e.text, e.tail, e.get("alt") if isinstance(e.tag, str) else None) if t]
    if detect(texts)[0] is not None:
        assert _may_hold_legacy_text(root)
    if "legacy" in name:
        assert _may_hold_legacy_text(root)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab 1.,:\n\t\u0663\u00b2x\u00a0", max_size=8))
def test_a_paragraph_not_ending_like_a_counter_has_none_to_take_off(text):
    if not _may_end_in_a_counter(text):
        assert _COUNTER.sub("", text) == text
