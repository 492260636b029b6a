"""A page's links read from the tree extraction parses are the links Scrapy's LinkExtractor gives.

The crawl used LinkExtractor(deny=profile deny patterns, tags=("a", "area"), attrs=("href",)) on a
second parse of every page; extraction/links.py reads them from the one tree. Both are compared
here on every golden page, on pages of the demo portal and on a page made of the cases that differ
between naive readings: <base href>, relative and protocol-relative links, javascript: and mailto:,
ignored extensions, fragments, white space, non-ASCII paths and queries, bogus URLs.
"""

import urllib.request
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor

from demo_portal import DEMO_PROFILE, DemoPortal
from extraction.links import IGNORED_EXTENSIONS as OUR_IGNORED_EXTENSIONS
from extraction.page import Page
from extraction.page_reading import ReadingRules, read_page
from extraction.profiles import load_profile

GOLDEN = Path(__file__).parent / "golden"
FAMILY_OF_FOLDER = {"documents": "vbpl", "fallback": None}


def _scrapy_links(url: str, body: bytes, content_type: str, deny: tuple[str, ...]) -> list[str]:
    response = HtmlResponse(url, body=body, headers={"Content-Type": content_type})
    return [link.url for link in LinkExtractor(deny=deny, tags=("a", "area"), attrs=("href",)).extract_links(response)]


def _our_links(url: str, body: bytes, content_type: str, deny: tuple[str, ...]) -> list[str]:
    return read_page(Page(url, body, content_type), ReadingRules(deny_urls=deny, records=False)).links


def _deny_of(folder: str) -> tuple[str, ...]:
    name = FAMILY_OF_FOLDER.get(folder, folder)
    return load_profile(name).discovery.deny_urls if name else ()


def test_the_ignored_extensions_are_scrapys():
    assert OUR_IGNORED_EXTENSIONS == set(IGNORED_EXTENSIONS)


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*/*.html")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_pages_give_scrapys_links(path):
    url = f"https://cong.example.gov.vn/{path.parent.name}/trang/{path.stem}.html?id=7"
    body, deny = path.read_bytes(), _deny_of(path.parent.name)
    expected = _scrapy_links(url, body, "text/html; charset=utf-8", deny)
    assert _our_links(url, body, "text/html; charset=utf-8", deny) == expected


EDGE_CASES = """<html><head><meta charset="{charset}"><base href="/goc/con/"></head><body>
<a href="bai-1.html">relative to the base</a> <a href="../len.html">up</a> <a href="/tuyet-doi">absolute path</a>
<a href="//other.example.org/x">protocol-relative</a> <a href="https://cong.example.gov.vn/a#muc-1">fragment 1</a>
<a href="https://cong.example.gov.vn/a#muc-2">fragment 2</a> <a href="#top">only a fragment</a> <a href="#">hash</a>
<a href="https://cong.example.gov.vn/a#muc-1">the same again</a> <a href=" \t bai-2.html \n">white space</a>
<a href="javascript:__doPostBack('x','')">script</a> <a href="mailto:vanthu@example.gov.vn">mail</a>
<a href="tel:0123">phone</a> <a href="ftp://files.example.gov.vn/a.txt">ftp</a> <a>no href</a> <a href="">empty</a>
<a href="/files/van-ban.pdf">pdf</a> <a href="/files/ANH.JPG">upper-case image</a> <a href="/files/goi.tar.gz">tar.gz</a>
<a href="/files/bao-cao.pdf;jsessionid=AB12">pdf with parameters</a> <a href="/files/tep.gz">gz (not ignored)</a>
<a href="/anh.jpg?w=200">image with a query</a> <a href="/trang.php?tep=a.pdf">pdf only in the query</a>
<a href="/tin-tức/bài viết?từ=khóa&amp;x=1">non-ASCII</a> <a href="http://[::1">bogus</a>
<a href="/dang-nhap?next=/">denied</a> <a href="/in/bai-3.html">denied print copy</a>
<map><area href="/vung.html" alt="area"><area nohref alt="no href"></map>
<link href="/not-a-link.html"><img src="/not-a-link.png"> <A HREF="/HOA.html">upper-case tag</A>
</body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "windows-1252"])
def test_the_cases_that_differ_between_readings_give_scrapys_links(charset):
    body = EDGE_CASES.format(charset=charset).encode(charset, "xmlcharrefreplace")
    deny = (r"/dang-nhap", r"/in/")
    url = "https://cong.example.gov.vn/chuyen-muc/trang.html?p=2"
    ours = _our_links(url, body, "text/html", deny)
    assert ours == _scrapy_links(url, body, "text/html", deny)
    assert "https://cong.example.gov.vn/goc/con/bai-1.html" in ours  # read against the <base href>
    assert {"https://cong.example.gov.vn/a#muc-1", "https://cong.example.gov.vn/a#muc-2"} <= set(ours)
    assert "https://cong.example.gov.vn/files/tep.gz" in ours and "ftp://files.example.gov.vn/a.txt" in ours
    assert "https://cong.example.gov.vn/trang.php?tep=a.pdf" in ours  # the extension of the path, not of the query
    assert not [link for link in ours if "/files/" in link and not link.endswith("tep.gz") or "mailto" in link or "/in/" in link]


def test_demo_pages_give_scrapys_links():
    deny = load_profile(str(DEMO_PROFILE)).discovery.deny_urls
    with DemoPortal(articles=30) as portal:
        home = urllib.request.urlopen(portal.base_url).read()
        pages = [portal.base_url] + _scrapy_links(portal.base_url, home, "text/html; charset=utf-8", deny)[:25]
        compared = 0
        for url in pages:
            with urllib.request.urlopen(url) as answer:
                content_type = answer.headers.get("Content-Type", "")
                body = answer.read()
            if content_type.startswith("text/html"):
                assert _our_links(url, body, content_type, deny) == _scrapy_links(url, body, content_type, deny), url
                compared += 1
    assert compared >= 20


SHARED_MENU = """<html><head><meta charset="utf-8"></head><body>
<a href="bai-1.html">relative</a> <a href="/tin-tuc/">absolute path</a> <a href="?trang=2">query only</a>
<a href="http:bai-2.html">scheme without host</a> <a href="https:bai-3.html">another scheme without host</a>
<a href="//cdn.example.org/x">protocol-relative</a> <a href="http://[::1">bogus</a> <a href="/in/bai-4.html">denied</a>
<a href="https://cong.example.gov.vn/a/../b/./c?x=1#m">dots</a> <a href="bai-1.html">relative again</a>
<a href="/a/../b/./c?x=1#m">dots in a path</a> <a href="//">two slashes</a> <a href="/	/cdn.example.org/y">a tab</a>
<a href="http://">no host</a> <a href="https:///tin-tuc/">an empty host</a> <a href="HTTPS://Cong.Example.gov.vn">upper case</a>
<a href="/;p=1">parameters</a> <a href="/tin-tuc/bài viết?từ=khóa">non-ASCII</a>
<a href=" /tin-tuc/&#9;">padded</a> <a href="&#10;#top ">a padded fragment</a> <a href="#top">a fragment</a>
</body></html>""".encode()


def test_links_remembered_from_one_page_are_right_on_another():
    # What an href gives is remembered across pages (by the base's scheme and host for absolute
    # paths and URLs): read the same hrefs on pages of other paths, hosts and schemes,
    # alternating, so that a remembered answer would show.
    urls = ["https://cong.example.gov.vn/chuyen-muc/trang.html?p=2", "http://cong.example.gov.vn/khac/trang-2.html",
            "https://khac.example.gov.vn/", "http://cong.example.gov.vn/chuyen-muc/trang.html?p=2"] * 2
    for url in urls:
        ours = _our_links(url, SHARED_MENU, "text/html", (r"/in/",))
        assert ours == _scrapy_links(url, SHARED_MENU, "text/html", (r"/in/",)), url
        assert f"{url.split(':')[0]}://cdn.example.org/x" in ours
    assert _our_links(urls[0], SHARED_MENU, "text/html", ()) == _scrapy_links(urls[0], SHARED_MENU, "text/html", ())
