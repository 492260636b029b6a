"""What a page names for a crawl besides its links, read from its parsed tree: the files that make
it look as it does (requisites), the feeds its head declares, the endpoints of its "Xem thêm"
(load more) buttons, whether it looks like an article, and the fingerprint of its visible text.

Each query is compiled once, not at every page.
"""

import hashlib
import re

from lxml import etree

from extraction.css_compile import includes
from extraction.url_join import join


# Images, stylesheets, scripts and icons (archived with an article so that replay looks like the
# page) and the feeds a page declares in its head (followed even where the profile keeps such URLs
# out: the site names them) are read in one walk of lxml's over these tags, not by a union of
# cssselect's XPaths, which walks the tree once for each member and sorts what it found
# (tests/test_extraction_fast_paths.py holds the two equal):
#   img::attr(src), link[rel~='stylesheet']::attr(href), script::attr(src), link[rel~='icon']::attr(href),
#   input[type='image']::attr(src); link[rel~='alternate'][type*='rss' or *='atom']::attr(href)
_LINKING_TAGS = ("img", "link", "script", "input")


def _linked(root: etree._Element) -> tuple[list[str], list[str]]:
    """The page's requisites and declared feeds, as written, in document order."""
    files, feeds = [], []
    for element in root.iter(_LINKING_TAGS):
        tag = element.tag
        if tag == "link":
            if (rel := element.get("rel")) is None or (href := element.get("href")) is None:
                continue
            if includes(rel, "stylesheet") or includes(rel, "icon"):
                files.append(href)
            if includes(rel, "alternate") and (kind := element.get("type")) is not None and ("rss" in kind or "atom" in kind):
                feeds.append(href)
        elif (src := element.get("src")) is not None and (tag != "input" or element.get("type") == "image"):
            files.append(src)
    return files, feeds


# A "Xem thêm" button names its JSON endpoint in one of these (crawler/discovery/load_more.py reads the answers).
ENDPOINT_ATTRIBUTES = ("data-url", "data-href", "data-ajax-url", "data-load-more", "data-more-url", "data-next",
                       "data-next-url", "data-next-page", "data-endpoint")
# The queries below start from attributes: the tree's elements are walked without a test each
# (a predicate tried on every element costs several times the walk); tests run on the few found.
_ENDPOINTS = etree.XPath(f"({' | '.join(f'.//@{name}/..' for name in ENDPOINT_ATTRIBUTES)})"
                         "[not(self::img or self::source or self::script)]")
# Asked of the page's markup first (`attribute_markup`): the nine walks above cost more than
# finding that it names none of the attributes, which most pages do not.
_NAMES_ENDPOINT = re.compile(b"|".join(name.encode() for name in ENDPOINT_ATTRIBUTES))
# A page "looks like an article" (for the run report only, never to decide): a body marked as the
# article's (itemprop=articleBody), or a headline with an article's item type or Open Graph type
# around it. og:type=article alone is no sign: listings of some platforms carry it too (a category's page).
_ARTICLE_TYPES = ("schema.org/NewsArticle", "schema.org/Article", "schema.org/BlogPosting")
# The marked body or typed headline is asked only of a page whose markup names itemprop or itemtype:
# two walks of the tree that most pages need not pay.
_MARKED_AS_ARTICLE = etree.XPath(
    "boolean(.//@itemprop[. = 'articleBody'] | .//@itemtype[" + " or ".join(f"contains(., '{t}')" for t in _ARTICLE_TYPES)
    + "]/../descendant::h1)")
# The visible text: the body's text nodes but those of scripts and styles. Most pages have none
# in the body, and asking each text node whether its parent is one costs more than reading them.
_BODY_TEXT = etree.XPath("//body//text()", smart_strings=False)
_VISIBLE_TEXT = etree.XPath("//body//text()[not(parent::script or parent::style)]", smart_strings=False)
# Written \d\d* rather than \d+: a pattern that opens with a character class is searched for
# by a scan of the text for that class, one that opens with a repeat by a match tried at every
# position (about three times the instructions on a page's text).
_DIGITS = re.compile(r"\d\d*")


def linked_files(root: etree._Element, base: str) -> tuple[list[str], list[str]]:
    """The addresses of a page's images, stylesheets, scripts and icons, and of the feeds it
    declares, as written (joined to its base)."""
    files, feeds = _linked(root)
    return ([url for value in map(str.strip, files) if value and (url := join(base, value))],
            [url for href in map(str.strip, feeds) if href and (url := join(base, href))])


def attribute_markup(markup: bytes | None) -> bytes | None:
    """The bytes a tree was parsed from (None: unknown), as the names of its attributes are looked
    for in them: in lower case, as lxml's HTML parser gives the names (a name holds no character
    reference); None for markup holding NUL, which the parser takes out (``data-\\0url`` is data-url)."""
    return markup.lower() if markup is not None and b"\x00" not in markup else None


def load_more_endpoints(root: etree._Element, base: str, names: bytes | None) -> list[str]:
    """The URLs a page's load-more controls fetch. `names`: attribute_markup of the page (None:
    the tree alone is searched)."""
    if names is not None and not _NAMES_ENDPOINT.search(names):
        return []
    found = []
    for element in _ENDPOINTS(root):
        for name in ENDPOINT_ATTRIBUTES:
            value = (element.get(name) or "").strip()
            if value and not value.startswith(("#", "javascript:")) and ("/" in value or "?" in value) \
                    and (url := join(base, value)):
                found.append(url)
    return list(dict.fromkeys(found))


def looks_like_article(root: etree._Element, names: bytes | None) -> bool:
    """`names`: attribute_markup of the page (None: the tree alone is searched)."""
    if (names is None or b"itemprop" in names or b"itemtype" in names) and _MARKED_AS_ARTICLE(root):
        return True
    return _open_graph_article(root)


def _open_graph_article(root: etree._Element) -> bool:
    """A meta og:type=article, one h1 and three paragraphs at least, below the root: what
    ``boolean(.//meta/@property[. = 'og:type']/../@content[. = 'article']) and count(.//h1) = 1
    and count(.//p) >= 3`` tells, in two walks of lxml's by tag rather than XPath's three walks of
    every node (tests/test_extraction_fast_paths.py holds the two equal)."""
    if not any(meta.get("property") == "og:type" and meta.get("content") == "article" and meta is not root
               for meta in root.iter("meta")):
        return False
    headings = paragraphs = 0
    for element in root.iter("h1", "p"):
        if element is not root:
            if element.tag == "h1":
                headings += 1
            else:
                paragraphs += 1
    return headings == 1 and paragraphs >= 3


def text_fingerprint(text: str) -> bytes:
    """What copies of one page share: its words, without the digits and spacing that vary."""
    shape = " ".join(_DIGITS.sub("", text).split())
    return hashlib.blake2b(shape.encode("utf-8"), digest_size=16).digest()


def _body_has_code(root: etree._Element) -> bool:
    """Whether a <body> holds a script or a style: lxml's walks by tag, which stop at the first
    found, cost less than the XPath's two walks of the whole tree."""
    return any(next(body.iter("script", "style"), None) is not None for body in root.iter("body"))


def visible_text_fingerprint(root: etree._Element) -> bytes:
    """The text_fingerprint of what a page shows (its body's text, scripts and styles left out)."""
    return text_fingerprint(" ".join((_VISIBLE_TEXT if _body_has_code(root) else _BODY_TEXT)(root)))
