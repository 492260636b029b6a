"""The links of a page, read from the tree extraction parses: what Scrapy's
``LinkExtractor(deny=..., tags=("a", "area"), attrs=("href",))`` gives, without a second parse.

The same rules, in the same order (scrapy/linkextractors/lxmlhtml.py): the ``href`` of every
``<a>`` and ``<area>`` in document order, stripped of HTML5 white space, joined to the base URL
(a ``<base href>`` in the first 4,096 characters, read as Scrapy reads it), made safe with the
page's encoding and joined to the page's URL; then kept only when its scheme is http, https, ftp
or file, no deny pattern matches it and its path does not end with an extension Scrapy ignores
(one set lookup where Scrapy tries each of its 91 extensions with ``endswith``); each URL once,
as first written, fragments kept. tests/test_page_reading_links.py compares both on every golden
page and on demo pages.
"""

import re
from urllib.parse import urljoin, urlparse

from lxml import etree
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding
from w3lib.html import get_base_url, strip_html5_whitespace
from w3lib.url import safe_url_string

# scrapy.linkextractors.IGNORED_EXTENSIONS (tests check that the two are the same).
IGNORED_EXTENSIONS = frozenset({
    "7z", "7zip", "bz2", "rar", "tar", "tar.gz", "xz", "zip",  # archives
    "mng", "pct", "bmp", "gif", "jpg", "jpeg", "png", "pst", "psp", "tif", "tiff", "ai", "drw", "dxf", "eps", "ps",
    "svg", "cdr", "ico", "webp",  # images
    "mp3", "wma", "ogg", "wav", "ra", "aac", "mid", "au", "aiff",  # audio
    "3gp", "asf", "asx", "avi", "mov", "mp4", "mpg", "qt", "rm", "swf", "wmv", "m4a", "m4v", "flv", "webm",  # video
    "xls", "xlsm", "xlsx", "xltm", "xltx", "potm", "potx", "ppt", "pptm", "pptx", "pps", "doc", "docb", "docm", "docx",
    "dotm", "dotx", "odt", "ods", "odg", "odp",  # office suites
    "css", "pdf", "exe", "bin", "rss", "dmg", "iso", "apk", "jar", "sh", "rb", "js", "hta", "bat", "cpl", "msi", "msp",
    "py",  # other
})
_SCHEMES = frozenset({"http", "https", "file", "ftp"})
# Where Scrapy looks for <base href>: the first characters of the page's text.
_BASE_SCAN = 4096


def url_encoding(content_type: str | None, body: bytes) -> str:
    """The encoding Scrapy's response would give the page, for the query part of its links: the
    one its bytes, headers or markup declare, else ASCII or UTF-8 when the bytes are that."""
    declared = read_bom(body)[0] or http_content_type_encoding(content_type) or html_body_declared_encoding(body)
    if declared:
        return resolve_encoding(declared) or declared
    if body.isascii():
        return "ascii"
    return "utf-8"


def base_url(text: str, url: str, encoding: str) -> str:
    """The URL a page's relative links are read against: its <base href>, joined to its URL."""
    return get_base_url(text[:_BASE_SCAN], url, encoding)


def _ignored_extension(url: str) -> bool:
    path = urlparse(url).path.lower()
    rest, dot, last = path.rpartition(".")
    if not dot:
        return False
    # "tar.gz" is the one two-part extension Scrapy lists.
    return last in IGNORED_EXTENSIONS or f"{rest.rpartition('.')[2]}.{last}" in IGNORED_EXTENSIONS


def page_links(root: etree._Element, url: str, base: str, encoding: str, deny: tuple[re.Pattern, ...]) -> list[str]:
    """The links of the page parsed into `root`, as LinkExtractor gives them (see the module's doc)."""
    found: dict[str, None] = {}
    for element in root.iter("a", "area"):
        href = element.get("href")
        if href is None:
            continue
        try:
            link = urljoin(base, strip_html5_whitespace(href))
            link = urljoin(url, safe_url_string(link, encoding=encoding))
        except ValueError:  # bogus links (an invalid IPv6 host, a bad port) are skipped, as Scrapy skips them
            continue
        if link in found or link.split("://", 1)[0] not in _SCHEMES:
            continue
        if any(pattern.search(link) for pattern in deny) or _ignored_extension(link):
            continue
        found[link] = None
    return list(found)
