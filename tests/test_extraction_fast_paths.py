"""The short cuts of the extraction hot path give what the plain way gives, on every golden page
and on a large, deep vendor-style page: selectors skipped for a class or id the page lacks, the
page-level legacy-encoding pre-check and its searches by letter, links kept as written, hrefs
joined by host, requisites and feeds read in one walk, the Open Graph article found by tag, the
counter found from the end of a paragraph, and the page's own bytes parsed (the generic reader's
short cuts: tests/test_generic_reader_shortcuts.py)."""

import dataclasses
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from parsel import Selector
from parsel.csstranslator import css2xpath
from parsel.selector import create_root_node

from bench.vendor_pages import vendor_page_html
from extraction.furniture import _without_counter
from extraction.page_discovery import _linked, _open_graph_article
from extraction.links import _SAFE_AS_WRITTEN, _joined, _resolved, _resolved_the_plain_way
from extraction.url_join import join
from extraction.legacy_encoding import _ALT_AND_TITLE, _TCVN3_SYMBOLS, _VNI_EVIDENCE, _has_tcvn3_word, _has_vni_evidence, _may_hold_legacy_text, detect
from extraction.page import Page
from extraction.parsed_page import _ASCII_WHITESPACE, _PageParser, _strips_as_bytes_strip, _tree
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
    assert sorted(_ALT_AND_TITLE(root)) == sorted(root.xpath("//@alt | //@title"))
    texts = [t for e in root.iter() for t in (e.text, e.tail, e.get("alt") if isinstance(e.tag, str) else None) if t]
    if detect(texts)[0] is not None:
        assert _may_hold_legacy_text(root)
    if "legacy" in name:
        assert _may_hold_legacy_text(root)


def _tcvn3_word_the_plain_way(text: str) -> bool:
    return any(any(c in _TCVN3_SYMBOLS for c in run) and re.search("[A-Za-z]", run) for run in text.split())


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aZ µ»©\xad×þ\n\xa0\u3000é1", max_size=10))
def test_tcvn3_words_found_by_their_symbols_are_those_of_the_plain_way(text):
    assert _has_tcvn3_word(text) == _tcvn3_word_the_plain_way(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aeyoôÔöùõÙâáãÃñÑø ", max_size=6))
def test_vni_evidence_found_with_the_rare_letters_first_is_the_pattern_s(text):
    assert _has_vni_evidence(text) == bool(_VNI_EVIDENCE.search(text))


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_tcvn3_words_and_vni_evidence_found_the_fast_way_on_every_golden_page(name, html):
    texts = [t for t in Selector(text=html, type="html").root.itertext()]
    whole = " ".join(texts)
    assert _has_tcvn3_word(whole) == _tcvn3_word_the_plain_way(whole)
    assert _has_vni_evidence(whole) == bool(_VNI_EVIDENCE.search(whole))
    for text in texts:
        assert _has_tcvn3_word(text) == _tcvn3_word_the_plain_way(text)
        assert _has_vni_evidence(text) == bool(_VNI_EVIDENCE.search(text))


# The rule _without_counter follows, as the pattern it replaced wrote it.
_COUNTER = re.compile(r"[\s:.]*[\d][\d.,\s]*$")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab 1.,:\n\t\u0663\u00b2x\u00a0\u2028\u00bd\uff11", max_size=12))
def test_the_counter_found_from_the_end_is_the_one_the_pattern_takes_off(text):
    assert _without_counter(text) == _COUNTER.sub("", text)


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_the_counter_found_from_the_end_on_every_golden_paragraph(name, html):
    lines = [line for text in Selector(text=html, type="html").root.itertext() for line in (text, text.strip(), text + " 1.2")]
    assert any(_COUNTER.search(line) for line in lines)
    for line in lines:
        assert _without_counter(line) == _COUNTER.sub("", line)


@pytest.mark.parametrize("path", golden_pages(), ids=[p.name for p in golden_pages()])
def test_a_page_parsed_from_its_own_bytes_is_the_tree_of_its_text(path):
    decoded = Page("https://example.gov.vn/x", path.read_bytes()).decoded()
    tree = _tree("https://example.gov.vn/x", decoded)
    from_text = create_root_node(decoded.text, _PageParser, base_url="https://example.gov.vn/x")
    assert etree.tostring(tree, encoding="unicode") == etree.tostring(from_text, encoding="unicode")
    assert decoded.utf8 is None or decoded.utf8.decode("utf-8") == decoded.text


def test_most_golden_pages_take_the_short_cut():
    assert sum(Page("https://example.gov.vn/x", p.read_bytes()).decoded().utf8 is not None for p in golden_pages()) > 10


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u3000ax", max_size=8))
def test_the_ends_looked_at_strip_as_the_copies_strip(text):
    assert _strips_as_bytes_strip(text) == (len(text.strip()) == len(text.strip(_ASCII_WHITESPACE)))


@pytest.mark.parametrize("body", [
    b"\xc2\xa0<p>x</p>\n", b"<p>x</p>\xe3\x80\x80", b"<p>x\x00y</p>", b"\xef\xbb\xbf<p>x</p>", b"  <p>a\xcc\x81</p>  ",
    b"\n<p>x</p>\r\n", b"", b"   ", b"\x1c<p>x</p>", b"<p>\xff</p>",
])
def test_bytes_the_text_differs_from_are_parsed_as_the_text(body):
    decoded = Page("https://example.gov.vn/x", body).decoded()
    from_text = create_root_node(decoded.text, _PageParser, base_url="https://example.gov.vn/x")
    assert etree.tostring(_tree("https://example.gov.vn/x", decoded)) == etree.tostring(from_text)


# A link made safe and joined (extraction/links.py): the links written as safe_url_string and
# urljoin give them back are kept as written, and that is what the plain way gives them as.
_HOSTS = st.sampled_from(["example.gov.vn", "127.0.0.1", "a-b.vn", "Example.vn", "xn--t-tin.vn", "a..vn", "-a.vn",
                          "[::1]", "tỉnh.vn", "user@host.vn", "a" * 64 + ".vn", ""])
_PORTS = st.sampled_from(["", ":8080", ":41261", ":080", ":0", ":65535", ":59999", ":60000", ":99999", ":", ":x"])
# Half of them written with the characters of links kept as written, so that most of those take the short cut.
_URL_TEXT = st.text(alphabet="aZ09-_~/.%;?#&='|é !\t", max_size=14) | st.text(alphabet="aZ09-_~/.?#&=", max_size=14)


@settings(max_examples=4000, deadline=None)
@given(st.sampled_from(["http", "https", "HTTP", "ftp", "file"]), _HOSTS, _PORTS, _URL_TEXT,
       st.sampled_from(["utf-8", "ascii", "cp1252", "cp1258", "utf-16", "utf-7", "shift_jis", "gb18030"]),
       st.sampled_from(["http", "https", "ftp"]), st.sampled_from([(), (re.compile("print"),)]))
def test_links_kept_as_written_are_what_the_plain_way_gives(scheme, host, port, rest, encoding, page_scheme, deny):
    joined = f"{scheme}://{host}{port}/{rest}"
    assert _resolved.__wrapped__(joined, encoding, page_scheme, deny) == _resolved_the_plain_way(joined, encoding, page_scheme, deny)


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(["http", "https"]), st.sampled_from(["example.gov.vn", "127.0.0.1", "a-b.vn"]),
       st.sampled_from(["", ":8080", ":41261", ":59999"]), st.text(alphabet="aZ09-_~/.?#&=", max_size=14),
       st.sampled_from(["utf-8", "cp1258", "utf-16"]), st.sampled_from(["http", "https"]))
def test_links_near_the_short_cut_are_what_the_plain_way_gives(scheme, host, port, rest, encoding, page_scheme):
    joined = f"{scheme}://{host}{port}/{rest}"
    assert _resolved.__wrapped__(joined, encoding, page_scheme, ()) == _resolved_the_plain_way(joined, encoding, page_scheme, ())
    if as_written := _SAFE_AS_WRITTEN.fullmatch(joined):  # the path read off the match is urlparse's
        assert as_written["path"] == urlparse(joined).path


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(["http://example.gov.vn", "https://127.0.0.1:41261", "HTTP://a.vn", "http://a.vn:080"]),
       st.text(alphabet="aZ09-_~/.?#&=;% ", max_size=10), st.text(alphabet="aZ#?/ \t\n\r%é", max_size=6))
def test_fragments_put_after_a_base_as_written_are_what_urljoin_gives(host, path, fragment):
    base = f"{host}/{path}"
    as_written = "#" not in base and _SAFE_AS_WRITTEN.fullmatch(base) is not None
    assert _joined(base, "#" + fragment, as_written) == urljoin(base, "#" + fragment)


@pytest.mark.parametrize("path", golden_pages(), ids=[p.name for p in golden_pages()])
def test_links_kept_as_written_on_every_golden_page(path):
    page = Page("https://example.gov.vn/tin-tuc/bai-1.html", path.read_bytes())
    root = etree.fromstring(page.body, etree.HTMLParser())
    hrefs = [urljoin(page.url, href.strip()) for href in (root.xpath("//a/@href | //area/@href | //img/@src") if root is not None else [])]
    for joined in hrefs:
        for encoding in ("utf-8", "cp1258", "utf-16"):
            assert _resolved.__wrapped__(joined, encoding, "https", ()) == _resolved_the_plain_way(joined, encoding, "https", ()), joined


def test_most_golden_links_are_kept_as_written():
    hrefs = [urljoin("https://example.gov.vn/a/", href.strip()) for path in golden_pages()
             if (root := etree.fromstring(path.read_bytes(), etree.HTMLParser())) is not None for href in root.xpath("//a/@href")]
    assert sum(1 for h in hrefs if _SAFE_AS_WRITTEN.fullmatch(h)) > 0.5 * len(hrefs) > 100


# An href joined to a base, remembered by the base's scheme and host (extraction/url_join.py): what
# urljoin gives, for each of two bases of one host that differ in the rest, in either order.
_BASES = st.sampled_from(["http://example.gov.vn", "https://example.gov.vn", "HTTP://Example.gov.vn", "http://a.vn:8080",
                          "http://[::1", "", "example.gov.vn", "file://", "ftp://a.vn", "mailto:"])
_HREFS = st.text(alphabet="/:.?#ahtp\t\n ;@[", max_size=12) | st.sampled_from(
    ["/a", "//b.vn/x", "/\t/b.vn", "http://b.vn/", "https://b.vn", "http:/a", "http:a", "HTTP://b.vn/x", "ftp://b.vn/",
     "/../a", "/a/./b/../c", "javascript:x()", "mailto:a@b.vn", "?q=1", "#top", "a/b", "http://[::1/a", "/a?b#c"])


@settings(max_examples=4000, deadline=None)
@given(_BASES, st.text(alphabet="/ab.?#;", max_size=6), st.text(alphabet="/ab.?#;", max_size=6), _HREFS)
def test_hrefs_joined_by_host_are_what_urljoin_gives(host, rest, other_rest, href):
    for base in (host + rest, host + other_rest):
        try:  # None: no address (urljoin raises, or the href's own port is out of range)
            expected = urljoin(base, href)
            if "//" in href:
                urlsplit(expected).port
        except ValueError:
            expected = None
        assert join(base, href) == expected


# A page's requisites and declared feeds read in one walk (extraction/page_discovery.py), and the
# plain way: cssselect's XPaths of the selectors, united.
_REQUISITES = etree.XPath(" | ".join(css2xpath(css) for css in (
    "img::attr(src)", "link[rel~='stylesheet']::attr(href)", "script::attr(src)",
    "link[rel~='icon']::attr(href)", "input[type='image']::attr(src)",
)), smart_strings=False)
_DECLARED_FEEDS = etree.XPath(" | ".join(css2xpath(css) for css in (
    "link[rel~='alternate'][type*='rss']::attr(href)", "link[rel~='alternate'][type*='atom']::attr(href)",
)), smart_strings=False)


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_requisites_and_feeds_in_one_walk_on_every_golden_page(name, html):
    root = Selector(text=html, type="html").root
    assert _linked(root) == (_REQUISITES(root), _DECLARED_FEEDS(root))


_LINKING = st.sampled_from(["img", "link", "script", "input", "a", "iframe"])
_ATTRIBUTE = st.sampled_from(["src", "href", "rel", "type"])
_VALUE = st.sampled_from(["stylesheet", "icon", "alternate", "shortcut icon", "Stylesheet", "alternate\tstylesheet",
                          "stylesheets", "image", "IMAGE", "application/rss+xml", "application/atom+xml", "text/css", "",
                          " ", "x.css", "alternate icon"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(_LINKING, st.lists(st.tuples(_ATTRIBUTE, _VALUE), max_size=4), st.booleans()), max_size=6))
def test_requisites_and_feeds_in_one_walk_are_the_xpaths(elements):
    markup = "".join(f"<{tag} " + " ".join(f'{name}="{value}"' for name, value in attributes) + ">"
                     + (f"<div><{tag} src=x></div>" if nested else "") for tag, attributes, nested in elements)
    root = Selector(text=f"<html><head></head><body>{markup}</body></html>", type="html").root
    assert _linked(root) == (_REQUISITES(root), _DECLARED_FEEDS(root))


# Whether a page carries an Open Graph article's signs (extraction/page_discovery.py), and the plain way.
_OPEN_GRAPH_ARTICLE = etree.XPath(
    "boolean(.//meta/@property[. = 'og:type']/../@content[. = 'article']) and count(.//h1) = 1 and count(.//p) >= 3")


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_the_open_graph_article_by_tag_on_every_golden_page(name, html):
    root = Selector(text=html, type="html").root
    assert _open_graph_article(root) == _OPEN_GRAPH_ARTICLE(root)
    for element in root.iter("body", "div"):  # asked of a part, as the XPath reads below its context
        assert _open_graph_article(element) == _OPEN_GRAPH_ARTICLE(element)


_SIGNS = st.sampled_from(['<meta property="og:type" content="article">', '<meta property="og:type" content="website">',
                          '<meta property="og:type">', '<meta content="article">', '<meta property="OG:type" content="article">',
                          '<meta property="og:type" content="article " >', "<h1>a</h1>", "<p>b</p>", "<div><p>c</p><h1>d</h1></div>",
                          "<P>e</P>", "<h2>f</h2>"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_SIGNS, max_size=8))
def test_the_open_graph_article_by_tag_is_the_xpath(parts):
    root = Selector(text="<html><head></head><body>" + "".join(parts) + "</body></html>", type="html").root
    assert _open_graph_article(root) == _OPEN_GRAPH_ARTICLE(root)
    for element in root.iter("div", "p", "meta"):
        assert _open_graph_article(element) == _OPEN_GRAPH_ARTICLE(element)
