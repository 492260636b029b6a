"""Selectors answered from the page's index (extraction/css_match.py) give what parsel gives, on
every golden page and a large vendor-style page: the same elements in the same order, for every
selector of every profile and the generic readers, in the whole page and in parts of it, after the
tree is cut up and after tags change; ``::attr`` and ``::text`` read as parsel reads them."""

import dataclasses
import sys
from pathlib import Path

import pytest
from lxml import etree
from parsel import Selector

from bench.vendor_pages import vendor_page_html
from demo_portal import DEMO_PROFILE
from extraction.css_compile import compile_selector
from extraction.css_match import retag
from extraction.page import Page
from extraction.parsed_page import DecodedText, _parse
from extraction.profiles import available_profiles, load_profile
from extraction.selection import elements, first_element, matches, select, texts

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from regenerate import golden_pages  # noqa: E402


def _documents():
    for path in golden_pages():
        yield path.name, Page("https://example.gov.vn/x", path.read_bytes()).decoded().text
    yield "vendor-150kb", vendor_page_html(150)


DOCUMENTS = list(_documents())


def _profile_selectors():
    for profile in [load_profile(n) for n in available_profiles()] + [load_profile(str(DEMO_PROFILE))]:
        for version in (profile, *(v.profile for v in profile.versions)):
            yield from version.markers
            yield from version.boilerplate.selectors
            for rules in (version.article, version.document):
                for field in dataclasses.fields(rules) if rules else ():
                    values = getattr(rules, field.name)
                    if field.name != "date_formats" and isinstance(values, tuple):
                        yield from (v for v in values if isinstance(v, str))


# What the readers ask besides the profiles', and shapes the profiles do not have yet.
OTHER_SELECTORS = [
    "a[href], [onclick], iframe[src], embed[src], object[data], frame[src]", "iframe[src], embed[src], object[data], frame[src]",
    "meta[property='og:site_name'], meta[name='copyright'], meta[name='DC.Publisher'], meta[name='application-name']",
    "script[type='application/ld+json']", "title", "img", "#breadcrumb .breadcrumb", "[class*='breadcrumb']",
    "nav[aria-label='breadcrumb']", ".image-caption, .caption, figcaption", "h1, h2, h3, h4, h5, h6, .title, .box-title, strong",
    "*", "div *", "div > *", "body > div > div", "div p, p", "p, div", "ul > li > a", "li a", "table tr td", "div > p",
    "[class]", "[id]", "[class~='title']", "[class|='field']", "[href$='.pdf']", "[href^='http']", "[lang]", "html",
    "html body", "html > body", "body", "td + td", "li:first-child a", "p:not(.x)", "[title='']", "[class='']",
    "A", "DIV.title", "[ID]", ".a\\ b", "#x.y", "div.a.b > span.c d", "form input[type='hidden']", "[class~='']", "[class~='a b']",
    "[class*='a']", "[class*='title']", "[class*='a b']", "div[class*='e']", "ul [class*='item']",
    # Groups of one-compound members asked in parts: several of one tag, and members naming no tag.
    "a[href], a.title, [id], p", "a[title], [href], a[href], .title", "span, [onclick], a[href$='.pdf'], a",
]
SELECTORS = sorted({s.split("::attr(")[0] for s in _profile_selectors()} | set(OTHER_SELECTORS))


def _parsed(html: str):
    return _parse("https://example.gov.vn/x", DecodedText(html)).document


def _same(scope: Selector, selector: str) -> None:
    expected = [found.root for found in scope.css(selector)]
    got = elements(scope, selector)
    assert len(got) == len(expected) and all(a is b for a, b in zip(got, expected)), selector


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_every_selector_finds_what_parsel_finds_in_the_page_and_its_parts(name, html):
    document = _parsed(html)
    for selector in SELECTORS:
        _same(document, selector)
    parts = [document.root.find(".//body")] + [e.root for s in (".node", "article", "table", "ul", "div") for e in document.css(s)[:2]]
    for part in (p for p in parts if p is not None):
        for selector in SELECTORS:
            _same(Selector(root=part, type="html"), selector)
    assert len(SELECTORS) > 300


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_after_the_tree_is_cut_up_and_retagged_the_answers_follow(name, html):
    document = _parsed(html)
    elements(document, "div")  # the index is built before the tree changes
    for selector in ("script", "style", ".field-label", "ul.links", "#comments", "[id$='_pnTinKhac']", "header", "table tr"):
        for found in elements(document, selector)[:3]:
            found.getparent().remove(found)
    for table in elements(document, "table")[:2]:
        for element in [table, *table.iter("tr", "td", "tbody")]:
            retag(element, "div")
    for selector in SELECTORS:
        _same(document, selector)
    cut_out = [found for found in elements(document, "div")[1:3] if found.getparent() is not None]
    for found in cut_out:
        found.getparent().remove(found)
    for part in [e for s in (".node", "ul", "div") for e in elements(document, s)[:2]] + cut_out:
        for selector in SELECTORS:
            _same(Selector(root=part, type="html"), selector)


def test_a_tree_of_plain_lxml_elements_is_read_too():
    html = "<html><body><div class='a b'><p id='x'>1</p><p class='b'>2</p></div><span class='b'>3</span></body></html>"
    plain = Selector(root=etree.HTML(html), type="html")
    for selector in (".b", "div .b", "#x", "p, span", "div > p.b"):
        _same(plain, selector)
    assert [e.tag for e in elements(plain, ".b")] == ["div", "p", "span"]


@pytest.mark.parametrize("name,html", DOCUMENTS[::5], ids=[d[0] for d in DOCUMENTS[::5]])
def test_attributes_and_texts_read_as_parsel_reads_them(name, html):
    document = _parsed(html)
    for css in ("meta", "a", "img", "link[rel='canonical']", "meta[property='og:url']", "[property~='dc:date']"):
        for attribute in ("content", "href", "src"):
            having = [value for value, _ in matches(document, f"{css}::attr({attribute})") if value]
            assert having == [v for v in document.css(f"{css}::attr({attribute})").getall() if v]
    for css in ("title", "script[type='application/ld+json']", "p", "h1, h2", "div", "td, table"):
        each = ", ".join(f"{member}::text" for member in css.split(", "))
        assert texts(document, css) == document.css(each).getall()
    assert [s.root for s in select(document, "p")] == elements(document, "p")


def test_selectors_outside_the_index_are_left_to_parsel():
    for selector in ("li:first-child a", "td + td", "p ~ p", "a::text", "[x!='y']", "[x='y' i]", "svg|rect", ".a\\ b"):
        assert compile_selector(selector) is None, selector
    for selector in ("div.a#b[c~='d'] > p", "a, b", "[id$='x']", "*"):
        assert compile_selector(selector) is not None, selector


def test_the_first_element_is_a_true_parsel_selector_of_it():
    document = _parsed(DOCUMENTS[0][1])
    found = first_element(document, [".no-such-class", "p", "div"])
    assert found and found.root is document.css("p")[0].root
    assert found.get() == document.css("p")[0].get()
    assert [s.root for s in found.css("*")] == [s.root for s in Selector(root=found.root).css("*")]
    assert [bool(s) for s in found.css("::text")] == [bool(s) for s in Selector(root=found.root).css("::text")]
    assert first_element(document, [".no-such-class"]) is None


def test_class_values_met_again_on_another_page_are_read_as_the_first_time():
    values = ["a\u00a0b", "a\tb c", "a\x0bb", " a  b ", "a\u2003b", "b"]
    html = "<html><body>" + "".join(f"<p class='{v}'>{i}</p>" for i, v in enumerate(values)) + "</body></html>"
    for _ in range(2):  # the second page's values all come from what the first one's were split into
        document = _parsed(html)
        for selector in (".a", ".b", ".c", "p.a.b", ".a\u00a0b"):
            _same(document, selector)
