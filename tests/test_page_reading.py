"""A page read once (extraction/page_reading.py) gives the records that reading it field by field gives.

The crawl reads each page from one tree: links first, then the article (whose reader cuts the tree
up), then the document part from a fresh parse of the same text. Here, on every golden page, the
reading's record and document are those of extract_article and extract_document on their own,
its profile is the one resolve_profile picks, and a worker process reads a page as this one does.
"""

import hashlib
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from archive.extraction_pool import WorkerPool, start_fork_server
from extraction.article import PageTooLarge, extract_article
from extraction.document import extract_document
from extraction.page import Page
from extraction.page_discovery import _DIGITS, _body_has_code, attribute_markup, looks_like_article, text_fingerprint, visible_text_fingerprint
from extraction.page_reading import ReadingRules, read_page
from extraction.parsed_page import parse
from extraction.resolve import resolve_profile
from record.schema import problems

GOLDEN = Path(__file__).parent / "golden"
PAGES = sorted(GOLDEN.glob("*/*.html"))
WARC = {"filename": "x.warc.gz", "offset": 0, "length": 1, "record_id": "<urn:uuid:0>"}


def _page(path: Path) -> Page:
    return Page(f"https://cong.example.gov.vn/{path.parent.name}/{path.stem}", path.read_bytes(), "text/html; charset=utf-8",
                datetime(2026, 1, 1, tzinfo=timezone.utc))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_one_reading_gives_the_records_of_separate_readings(path):
    page = _page(path)
    reading = read_page(page, ReadingRules(warc=WARC))  # auto: the profile the page's markers name
    profile = resolve_profile(page=page)
    assert reading.profile_chosen and reading.profile == profile
    expected = extract_article(page, profile)
    if expected is not None:
        expected["warc"] = WARC
    assert reading.record == expected
    assert reading.problems == (tuple(problems(expected)) if expected else ())
    document = extract_document(page, profile)
    if document is not None:
        document["warc"] = WARC
    assert reading.document == document



@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_control_characters_in_a_pages_text_are_read_past(path):
    # A paste from a word processor leaves them (a vertical tab, written as is or as &#11;, for a
    # line break). lxml keeps them in the tree but refuses them back, so removing boilerplate,
    # which keeps a removed element's tail, raised: the page gave no record and no links.
    body = path.read_bytes()

    def reading(html: bytes):
        return read_page(replace(_page(path), body=html), ReadingRules(warc=WARC))
    # Blank ones read as a space...
    assert reading(body.replace(b"</div>", b"</div>\x0b").replace(b"</span>", b"</span>&#12;")) \
        == reading(body.replace(b"</div>", b"</div> ").replace(b"</span>", b"</span> "))
    # ... and the others neither stop the reading nor reach the record, as a browser shows nothing.
    plain = reading(body)
    marked = reading(body.replace(b"</div>", b"</div>\x01").replace(b"</span>", b"</span>&#xfffe;").replace(b"</a>", b"</a>\x13"))
    assert (marked.record, marked.links) == (plain.record, plain.links)


@pytest.mark.parametrize("path", PAGES[::4], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_markup_nested_deeper_than_pythons_recursion_limit_is_read(path):
    # Unclosed tags from an old editor nest past Python's recursion limit: every reader walks them
    # without recursing (the paragraphs' walk raised RecursionError). What follows them is inside
    # them, so the generic reader may judge the page's shape otherwise; its links stay the same.
    body = path.read_bytes()
    plain = read_page(_page(path), ReadingRules(warc=WARC))
    nested = read_page(replace(_page(path), body=body.replace(b"</p>", b"</p>" + b"<font>" * 1500 + b"x", 1)), ReadingRules(warc=WARC))
    assert nested.links == plain.links
    if plain.record is not None and plain.record["extraction"] != "fallback":
        assert nested.record is not None


_NO_URLS = [b"http://[bad/x", b"//[", b"http://a:99999999/", b"http://x:port/"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_addresses_that_are_no_urls_are_left_out(path):
    # urllib raises on them (an unclosed IPv6 bracket, a port out of range): a page linking,
    # showing or declaring one, or taking one for its <base>, gave no record and no links.
    # Browsers follow none of them and ignore such a base: so here.
    body = path.read_bytes()
    named = b"".join(b'<a href="%s"></a><img src="%s"><iframe src="%s"></iframe>' % (url, url, url) for url in _NO_URLS)
    declared = b"".join(b'<base href="%s"><link rel="alternate" type="application/rss+xml" href="%s">' % (url, url) for url in _NO_URLS)
    with_them = re.sub(rb"(<body[^>]*>)", lambda m: m[0] + named, body, count=1)
    with_them = re.sub(rb"(<head[^>]*>)", lambda m: m[0] + declared, with_them, count=1)

    def reading(html: bytes):
        return read_page(replace(_page(path), body=html), ReadingRules(warc=WARC))
    assert reading(with_them) == reading(body)


def test_a_crawl_without_requisites_reads_all_but_them():
    with_requisites = 0
    for path in PAGES:
        page = _page(path)
        reading = read_page(page, ReadingRules(warc=WARC))
        unread = read_page(page, ReadingRules(warc=WARC, requisites=False))
        assert vars(unread) == {**vars(reading), "requisites": [], "embedded_files": []}, path
        with_requisites += bool(reading.requisites)
    assert with_requisites > len(PAGES) / 2


def test_a_page_too_large_to_extract_gives_its_links_and_the_reason():
    body = b"<html><body><a href='/tin/1'>1</a><p>" + b"x" * (9 * 2**20) + b"</p></body></html>"
    reading = read_page(Page("https://cong.example.gov.vn/lon", body), ReadingRules())
    assert reading.links == ["https://cong.example.gov.vn/tin/1"]
    assert reading.record is None and reading.failure == "not extracted: page of 9.0 MB over the 8 MB extraction limit"
    with pytest.raises(PageTooLarge):
        extract_article(Page("https://cong.example.gov.vn/lon", body), None)


def test_a_worker_reads_a_page_as_this_process_does():
    pool = WorkerPool(2, timeout=60)
    try:
        readings = [(pool.submit(read_page, _page(path), ReadingRules(warc=WARC)), path) for path in PAGES[::3]]
        for future, path in readings:
            assert future.result() == read_page(_page(path), ReadingRules(warc=WARC)), path
    finally:
        pool.close()


def test_a_stopped_pool_takes_no_page_and_its_workers_are_gone_once_closed():
    # A crawl stops its pool when the spider closes and waits for it only when the engine stops.
    pool = WorkerPool(2, timeout=60)
    workers = {pool.submit(os.getpid).result() for _ in range(8)}
    pool.stop()
    with pytest.raises(RuntimeError):
        pool.submit(os.getpid)
    pool.close()
    assert workers and not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def _fork_servers() -> set[int]:
    """This process's children that are multiprocessing fork servers (whichever thread started them)."""
    children = {int(pid) for task in Path(f"/proc/{os.getpid()}/task").iterdir() for pid in (task / "children").read_text().split()}
    return {pid for pid in children if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()}


def test_a_pool_forks_its_workers_from_the_fork_server_started_ahead():
    # The bench starts the fork server before its clock (bench/crawl_imports.py): a pool made later
    # must fork its workers from that one, not start another and load the modules again.
    start_fork_server()
    servers = _fork_servers()
    assert len(servers) == 1
    start_fork_server()
    pool = WorkerPool(1, timeout=60)
    try:
        assert {pool.submit(os.getppid).result()} == servers == _fork_servers()
    finally:
        pool.close()



def test_the_fork_server_loads_the_readers_lazy_tables_so_that_no_worker_does():
    # What the readers load at their first page (the public-suffix list, every family's dates, the
    # media types) is loaded by the preload that the workers are forked from: each worker used to
    # spend ~0.1 s of CPU on it.
    checks = ("import mimetypes, tld.utils\n"
              "import archive.extraction_preload\n"
              "from extraction.fields.published import all_family_date_formats\n"
              "loaded = dict(suffixes=bool(tld.utils.tld_names), family_dates=all_family_date_formats.cache_info().currsize == 1,\n"
              "              media_types=mimetypes.inited)\n"
              "print(sorted(name for name, done in loaded.items() if not done))\n")
    result = subprocess.run([sys.executable, "-c", checks], cwd=Path(__file__).parent.parent, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

def test_profiles_cross_to_the_workers_and_back_as_the_same_profiles():
    # A profile travels between the processes as bytes pickled once and their digest
    # (archive/extraction_pool.py): the profile that read a page comes back as this process's own
    # object when it was sent from here, and as the one resolve_profile gives here when a worker chose it.
    pinned = resolve_profile("viettel").with_site(start_urls=["https://cong.example.gov.vn/"])  # made here only
    pool = WorkerPool(2, timeout=60)
    try:
        for path in PAGES[::4] * 2:
            page = _page(path)
            reading = pool.submit(read_page, page, ReadingRules(pinned=pinned, warc=WARC)).result()
            assert reading.profile is pinned
            assert reading == read_page(page, ReadingRules(pinned=pinned, warc=WARC)), path
            chosen = pool.submit(read_page, page, ReadingRules(warc=WARC)).result().profile
            assert chosen == resolve_profile(page=page), path
    finally:
        pool.close()


CODE_CASES = [
    "<html><head><script>var a = 1;</script><style>p {}</style></head><body><p>Tin 1</p></body></html>",
    "<html><body><p>Tin 1</p><script>var a = 2;</script></body></html>",
    "<html><body><div><STYLE>p {}</STYLE><p>Tin 1</p></div></body></html>",
    "<p>no html nor body written</p><script>x()</script>",
    "<html><body><p>Tin 1</p></body></html><script>after the body</script>",
]


@pytest.mark.parametrize("markup", CODE_CASES + [p.read_text("utf-8", "replace") for p in PAGES[::4]])
def test_the_visible_texts_scripts_are_found_as_the_xpath_finds_them(markup):
    root = etree.fromstring(markup.encode(), etree.HTMLParser())
    assert _body_has_code(root) == root.xpath("boolean(//body//script | //body//style)")


def test_the_visible_text_leaves_scripts_and_styles_out():
    def fingerprint(markup: str) -> bytes:
        return visible_text_fingerprint(etree.fromstring(markup.encode(), etree.HTMLParser()))
    assert fingerprint(CODE_CASES[1]) == fingerprint(CODE_CASES[0]) == text_fingerprint("Tin 1")
    assert fingerprint(CODE_CASES[2]) == text_fingerprint("Tin")


def _plain_fingerprint(root: etree._Element) -> bytes:
    """The fingerprint as first written: one XPath for the visible text, digits taken out by \\d+."""
    text = " ".join(root.xpath("//body//text()[not(parent::script or parent::style)]"))
    return hashlib.blake2b(" ".join(re.sub(r"\d+", "", text).split()).encode("utf-8"), digest_size=16).digest()


@pytest.mark.parametrize("markup", CODE_CASES + [p.read_text("utf-8", "replace") for p in PAGES])
def test_the_fingerprint_is_the_plain_way_s(markup):
    root = etree.fromstring(markup.encode(), etree.HTMLParser())
    assert visible_text_fingerprint(root) == _plain_fingerprint(root)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٣४１a ờ\u00a0\n-/"), max_size=60))
def test_the_fingerprint_takes_out_the_digits_the_plain_pattern_does(text):
    assert _DIGITS.sub("", text) == re.sub(r"\d+", "", text)


ARTICLE_CASES = [
    b'<html><body><div itemprop="articleBody"><p>Tin</p></div></body></html>',
    b'<html><body><div ITEMPROP="articleBody"><p>Tin</p></div></body></html>',
    b'<html><body><article itemtype="https://schema.org/NewsArticle"><h1>Tin</h1></article></body></html>',
    b'<html><body><div item\x00prop="articleBody"><p>Tin</p></div></body></html>',
    b'<html><head><meta property="og:type" content="article"></head><body><h1>T</h1><p>1</p><p>2</p><p>3</p></body></html>',
    b'<html><body><div itemprop="articleBody"\x00><p>Tin</p></div></body></html>',
]
_PLAIN_LOOKS_LIKE_ARTICLE = etree.XPath(
    "boolean(.//@itemprop[. = 'articleBody'] | .//@itemtype[contains(., 'schema.org/NewsArticle') or contains(., 'schema.org/Article')"
    " or contains(., 'schema.org/BlogPosting')]/../descendant::h1) or (boolean(.//meta/@property[. = 'og:type']/../@content[. = 'article'])"
    " and count(.//h1) = 1 and count(.//p) >= 3)")


@pytest.mark.parametrize("body", ARTICLE_CASES + [p.read_bytes() for p in PAGES])
def test_whether_a_page_looks_like_an_article_is_the_plain_xpath_s(body):
    # The marked body and typed headline are asked only of markup naming itemprop or itemtype.
    parsed = parse(Page("https://cong.example.gov.vn/tin-tuc/bai-1.html", body))
    expected = _PLAIN_LOOKS_LIKE_ARTICLE(parsed.document.root)
    assert looks_like_article(parsed.document.root, attribute_markup(parsed.decoded.utf8)) == expected
    assert looks_like_article(parsed.document.root, None) == expected


def test_the_article_cases_are_told_apart():
    assert [_PLAIN_LOOKS_LIKE_ARTICLE(parse(Page("https://x.example/a", body)).document.root) for body in ARTICLE_CASES] == [True] * 6
