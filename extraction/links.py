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

What an href becomes is remembered: a portal's menus and footers name the same addresses on every
page and often twice on one, and joining a URL, making it safe and filtering it costs far more
than looking it up (about 80 % of the links of a page are ones already seen). An href written as
an absolute path (``/tin-tuc/``) or a whole URL is remembered by the base's scheme and host, as
``urljoin`` reads no more of the base for it; any other (``bai-1.html``, ``?trang=2``) is joined
on each page. A new link already in the form safe_url_string and the join give back (most are)
is kept as written, without them.
"""

import re
from functools import lru_cache
from urllib.parse import urljoin, urlparse, urlsplit

from lxml import etree
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding
from w3lib.html import get_base_url, strip_html5_whitespace
from w3lib.url import safe_url_string

from extraction.url_join import JOINED_BY_HOST, ORIGIN_AS_WRITTEN, host_key as url_host_key

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
    """The URL a page's relative links are read against: its <base href>, joined to its URL; the
    page's URL when the base is no URL (``http://host:99999/``), which browsers ignore too."""
    try:
        return get_base_url(text[:_BASE_SCAN], url, encoding)
    except ValueError:
        return url


def _ignored_extension(url: str, path: str | None = None) -> bool:
    """`path`: the URL's path when known (urlparse's)."""
    path = (urlparse(url).path if path is None else path).lower()
    rest, dot, last = path.rpartition(".")
    if not dot:
        return False
    # "tar.gz" is the one two-part extension Scrapy lists.
    return last in IGNORED_EXTENSIONS or f"{rest.rpartition('.')[2]}.{last}" in IGNORED_EXTENSIONS


_HREFS = etree.XPath("//a/@href | //area/@href", smart_strings=False)  # in document order
# A resolved link that depends on the page's whole URL, not only on its scheme (see _resolved).
_PAGE_DEPENDENT = object()


# A joined link that safe_url_string gives back as it is, and the last join too (whatever the
# page's scheme: urljoin gives a URL of another scheme as it is, and re-assembles one of the same
# scheme and a host from parts that are the link's): http(s), a host in lower case (urlsplit
# lowers it; IDNA keeps ASCII), a port with no leading zero that urlsplit takes, a path of
# characters w3lib leaves unescaped without dot segments, parameters or escapes, and a query and
# fragment of such characters, each non-empty when written (an empty one is dropped). Most of a
# page's new links are such; the test suite holds the two ways equal (test_extraction_fast_paths).
_SAFE_AS_WRITTEN = re.compile(
    ORIGIN_AS_WRITTEN +
    r"(?P<path>/(?:[A-Za-z0-9\-_~/]|\.(?<!/\.))*)(?:\?[A-Za-z0-9\-_~.=&/]+)?(?:#[A-Za-z0-9\-_~.=&/]+)?")


def _encodes_as_ascii(url: str, encoding: str) -> bool:
    """Whether the page's encoding, which w3lib encodes a query and a fragment in, gives the
    ASCII URL's own bytes (not so for UTF-16 or UTF-7, say)."""
    try:
        return url.encode(encoding) == url.encode("ascii")
    except (LookupError, UnicodeError):
        return False


@lru_cache(maxsize=16384)
def _resolved(joined: str, encoding: str, page_scheme: str, deny: tuple[re.Pattern, ...]):
    """What one href, joined to the page's base, gives: the link LinkExtractor keeps, None when
    it keeps none, or _PAGE_DEPENDENT (see _resolved_the_plain_way)."""
    if (as_written := _SAFE_AS_WRITTEN.fullmatch(joined)) and _encodes_as_ascii(joined, encoding):
        return _kept(joined, deny, as_written["path"])
    return _resolved_the_plain_way(joined, encoding, page_scheme, deny)


def _resolved_the_plain_way(joined: str, encoding: str, page_scheme: str, deny: tuple[re.Pattern, ...]):
    """_resolved made safe and joined as LinkExtractor does. The last join against the page's URL
    depends only on the URL's scheme when the safe URL names a scheme and a host (urljoin returns
    it re-assembled) or a scheme other than the page's (urljoin returns it as is), which is every
    link but an oddity like ``http:bai.html``; those are resolved for each page."""
    try:
        safe = safe_url_string(joined, encoding=encoding)
        parts = urlsplit(safe)
    except ValueError:  # bogus links (an invalid IPv6 host, a bad port) are skipped, as Scrapy skips them
        return None
    if not parts.scheme or (parts.scheme == page_scheme and not parts.netloc):
        return _PAGE_DEPENDENT
    return _kept(urljoin(f"{page_scheme}://page.invalid/", safe), deny)


def _kept(link: str, deny: tuple[re.Pattern, ...], path: str | None = None) -> str | None:
    if link.split("://", 1)[0] not in _SCHEMES:
        return None
    if any(pattern.search(link) for pattern in deny) or _ignored_extension(link, path):
        return None
    return link


def _resolved_on_page(joined: str, url: str, encoding: str, deny: tuple[re.Pattern, ...]) -> str | None:
    try:
        return _kept(urljoin(url, safe_url_string(joined, encoding=encoding)), deny)
    except ValueError:
        return None


# (base scheme, base host, encoding, page scheme, deny) -> {an href as written -> (joined, link as
# _resolved gives it)}: one table a site's pages share, looked up by the href before it is stripped.
_BY_HOST: dict[tuple, dict[str, tuple[str, object]]] = {}
# At ~560 bytes an href, the tables of a worker hold ~18 MB at most. What they save is the hrefs a
# site repeats on every page (menus, footers: a few hundred); a full table is emptied and refills.
_BY_HOST_KEPT = 4096  # hrefs a table keeps
_BY_HOST_TABLES = 8


def _table_by_host(host_key: tuple[str, str], encoding: str, page_scheme: str, deny: tuple[re.Pattern, ...]) -> dict:
    key = (*host_key, encoding, page_scheme, deny)
    if (table := _BY_HOST.get(key)) is None:
        if len(_BY_HOST) >= _BY_HOST_TABLES:
            _BY_HOST.clear()
        table = _BY_HOST[key] = {}
    elif len(table) >= _BY_HOST_KEPT:
        table.clear()
    return table


# What urlsplit takes out of a URL wherever it is.
_REMOVED_BY_URLSPLIT = re.compile("[\t\r\n]")


def _joined(base: str, href: str, base_as_written: bool) -> str:
    """urljoin(base, href). `base_as_written`: the base is in the form _SAFE_AS_WRITTEN takes, with
    no fragment, which urljoin gives back as it is: then an href of a fragment alone (a page's
    "#main-content", "#") goes after it, as urljoin puts it, less an empty one."""
    if base_as_written and href.startswith("#") and not _REMOVED_BY_URLSPLIT.search(href):
        return base + href if len(href) > 1 else base
    return urljoin(base, href)


def _joined_and_resolved(href: str, base: str, encoding: str, page_scheme: str, deny: tuple[re.Pattern, ...],
                         base_as_written: bool) -> tuple[str, object] | None:
    """(the href joined to the base, what _resolved gives for it), None when it cannot be joined."""
    try:
        joined = _joined(base, href, base_as_written)
    except ValueError:
        return None
    return joined, _resolved(joined, encoding, page_scheme, deny)


def page_links(root: etree._Element, url: str, base: str, encoding: str, deny: tuple[re.Pattern, ...]) -> list[str]:
    """The links of the page parsed into `root`, as LinkExtractor gives them (see the module's doc)."""
    page_scheme = urlsplit(url).scheme
    host_key = url_host_key(base)
    known = _table_by_host(host_key, encoding, page_scheme, deny) if host_key is not None else {}
    base_as_written = "#" not in base and _SAFE_AS_WRITTEN.fullmatch(base) is not None
    found: dict[str, None] = {}
    seen: set[str] = set()  # hrefs as written: each is read once
    for written in _HREFS(root):
        if written in seen:
            continue
        seen.add(written)
        if (answer := known.get(written)) is None:
            href = strip_html5_whitespace(written)
            answer = _joined_and_resolved(href, base, encoding, page_scheme, deny, base_as_written)
            if answer is None:
                continue
            if host_key is not None and JOINED_BY_HOST.fullmatch(href):
                known[written] = answer
        joined, link = answer
        if link is _PAGE_DEPENDENT:
            link = _resolved_on_page(joined, url, encoding, deny)
        if link is not None:
            found.setdefault(link, None)
    return list(found)
