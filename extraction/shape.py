"""Whether a page has an article's shape, and whether what the generic reader found on it is a
listing's: what keeps listings, category and home pages from giving article records.

An article's shape is a headline over one block of running text: several paragraphs in one
container (or one text broken by ``<br>``), long enough to be read. A listing repeats teasers —
headings that link elsewhere, each with its own short summary, date or thumbnail — so its
paragraphs are spread over many containers, or sit between linked headings. ``og:type=article``,
``article:published_time`` and schema.org NewsArticle items are no evidence either way: portals
put them on listings too.

`has_article_shape` decides, when a profile does not recognise a page, that the generic reader
reads it at all. `is_run_of_teasers` looks at the text the generic reader found: text that sits in
teasers, with no running text of the page's own beside it, is a listing's (an article with a list
of related news, or a document with its related documents, keeps its own text, and the list is
dropped from it). A site's home page (`is_home_page`) is never an article. Each test is one pass
over the page's paragraphs or headings, never over every element's text; when the generic reader
read only the article's region (extraction/article_region.py), the teasers are looked for there
and in the region's neighbours only.
"""

import re
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector

from extraction.html_blocks import text_of
from extraction.profiles.document_section import DocumentRules
from extraction.selection import select
from extraction.text import normalize_text

# Running text: at least this many paragraphs holding this many characters in one container (a
# listing gives each teaser its own container, so its summaries never add up).
_MIN_PARAGRAPHS = 2
_MIN_TEXT = 200
# A container whose paragraphs sit between this many linked headings is a list of teasers.
_MIN_TEASERS = 3
# The page's frame: footer (address, copyright), header, menus, sidebars. An element inside one of
# these, or inside an element whose id or class says footer, is in the frame.
_FRAME_TAGS = frozenset({"footer", "header", "nav", "aside"})
_HEADLINES = "h1, [itemprop='headline'], meta[property='og:title']"
_LINKED_HEADINGS = "./*[self::h2 or self::h3 or self::h4 or self::h5][.//a[@href]]"


_FOOTER_CASE = str.maketrans("FOTER", "foter")


def _is_frame(element: etree._Element) -> bool:
    return (element.tag in _FRAME_TAGS or "footer" in (element.get("id") or "").translate(_FOOTER_CASE)
            or "footer" in (element.get("class") or "").translate(_FOOTER_CASE))


class PageFrame:
    """Which elements sit in the page's frame, each ancestor looked at once for a whole page."""

    def __init__(self) -> None:
        self._known: dict[etree._Element, bool] = {}

    def holds(self, element: etree._Element, *, itself: bool = False) -> bool:
        """Whether an ancestor of the element (or, with `itself`, the element) is a frame element."""
        return self._is_or_in_frame(element if itself else element.getparent())

    def _is_or_in_frame(self, element: etree._Element | None) -> bool:
        chain = []
        while element is not None and element not in self._known:
            chain.append(element)
            element = element.getparent()
        answer = self._known[element] if element is not None else False
        for node in reversed(chain):
            answer = answer or _is_frame(node)
            self._known[node] = answer
        return answer


def _document_order(element: etree._Element) -> list[int]:
    """A key putting elements in document order: the place of each of its ancestors among its siblings."""
    places = []
    while (parent := element.getparent()) is not None:
        places.append(parent.index(element))
        element = parent
    return places[::-1]


def running_text(document: Selector) -> etree._Element | None:
    """The container holding the most paragraph text outside the page's frame, when that is
    running text: the parent of ``<p>`` elements, or an element of lines broken by ``<br>``."""
    frame = PageFrame()
    totals: dict[etree._Element, list[int]] = {}
    for body in document.root.iter("body"):
        for paragraph in body.iter("p"):
            if not frame.holds(paragraph):
                count_and_length = totals.setdefault(paragraph.getparent(), [0, 0])
                count_and_length[0] += 1
                count_and_length[1] += len(text_of(paragraph))
    breaks: dict[etree._Element, int] = {}
    for line_break in document.root.iter("br"):  # lxml finds them without a Python step per element
        breaks[line_break.getparent()] = breaks.get(line_break.getparent(), 0) + 1
    holders = [e for e, count in breaks.items() if count >= 2 and e.tag != "body" and next(e.iterancestors("body"), None) is not None]
    for holder in sorted(holders, key=_document_order):
        if not frame.holds(holder):
            count, length = totals.setdefault(holder, [0, 0])
            totals[holder] = [max(count, breaks[holder] + 1), max(length, len(text_of(holder)))]
    if not totals:
        return None
    container, (count, length) = max(totals.items(), key=lambda item: item[1][1])
    return container if count >= _MIN_PARAGRAPHS and length >= _MIN_TEXT else None


def has_article_shape(document: Selector) -> bool:
    """A headline and one block of running text that is not a run of teasers."""
    if not document.css(_HEADLINES):
        return False
    container = running_text(document)
    return container is not None and len(container.xpath(_LINKED_HEADINGS)) < _MIN_TEASERS



# --- listings: what the generic reader found is a run of teasers -------------------------------

# A teaser's headline: a heading, a schema.org headline or an element of a "title" class that is,
# holds or sits in a link (the link to the item it announces).
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_CASE = str.maketrans("TILE", "tile")
# A pager: its element (by its class or id), or a link to the next page.
_PAGER_NAMES = ("pagin", "pager", "phantrang")
_PAGER_CASE = str.maketrans("PAGINRHT", "paginrht")
_NEXT_PAGE = frozenset({"»", "›", ">>", "tiếp", "tiếp theo", "trang sau", "trang tiếp", "next"})
# Teasers come in groups of siblings: this many, or one fewer beside a pager.
_MIN_GROUP = 3
# Text of the page's own beside teasers: one paragraph this long, or this much in all.
_RUNNING_LINE = 100
_RUNNING_TOTAL = 200


def _is_teaser_headline(element: etree._Element) -> bool:
    if not (element.tag in _HEADINGS or element.get("itemprop") == "headline"
            or "title" in (element.get("class") or "").translate(_TITLE_CASE)):
        return False
    if element.tag == "a" and element.get("href") is not None:
        return True
    return (any(link.get("href") is not None for link in element.iterdescendants("a"))
            or any(link.get("href") is not None for link in element.iterancestors("a")))


def _has_pager(document: Selector) -> bool:
    root = document.root
    if any(link.get("rel") == "next" for link in root.iter("a", "link")):
        return True
    for body in root.iter("body"):
        for element in body.iterdescendants(etree.Element):
            label = f"{element.get('class', '')} {element.get('id', '')}".translate(_PAGER_CASE)
            if any(name in label for name in _PAGER_NAMES):
                return True
    return any(normalize_text(link.xpath("string()")).casefold() in _NEXT_PAGE for link in root.xpath("//body//a[@href]"))


def _headlines_in(element: etree._Element, enough: int) -> int:
    """How many teaser headlines are at or below the element, none counted inside another, up to `enough`."""
    count, waiting = 0, [element]
    while waiting:
        node = waiting.pop()
        if _is_teaser_headline(node):
            count += 1
            if count >= enough:
                break
        else:
            waiting.extend(node.iterchildren(etree.Element))
    return count


def _groups_under(top: etree._Element) -> dict[etree._Element, list[etree._Element]]:
    """The groups of teaser items below `top`: for each element holding two outermost teaser
    headlines or more, the largest elements around one headline each among its children."""
    elements = top.iter(etree.Element)
    if top.tag == "body":
        next(elements)  # the body itself is no headline
    headlines, inside = [], None  # in document order, outermost: none inside the last one found
    for element in elements:
        if inside is not None:
            if any(a is inside for a in element.iterancestors()):
                continue
            inside = None
        if _is_teaser_headline(element):
            headlines.append(element)
            inside = element
    around: dict[etree._Element, int] = {}
    for headline in headlines:
        for ancestor in headline.iterancestors():
            around[ancestor] = around.get(ancestor, 0) + 1
            if ancestor is top:
                break
    groups: dict[etree._Element, list[etree._Element]] = {}
    for headline in headlines:
        item = headline
        while (parent := item.getparent()) is not None and around.get(parent) == 1:
            item = parent
        if parent is not None and parent in around:  # past the top, only _item_around knows
            groups.setdefault(parent, []).append(item)
    return groups


def _item_around(region: etree._Element) -> tuple[etree._Element, list[etree._Element]] | None:
    """The teaser item holding the region, with its group, if the region sits in one: the child,
    holding one teaser headline, of the smallest element around the region holding two. Only
    the region's neighbours are looked at, each as far as its first two headlines."""
    element, count = region, _headlines_in(region, 2)
    while count < 2 and element.tag != "body" and (parent := element.getparent()) is not None:
        more = sum(_headlines_in(sibling, 2 - count) for sibling in parent.iterchildren(etree.Element)
                   if sibling is not element)
        if count == 1 and count + more >= 2:
            group = [child for child in parent.iterchildren(etree.Element) if _headlines_in(child, 2) == 1]
            return element, group
        element, count = parent, count + more
    return None


def teaser_items(document: Selector, region: etree._Element | None = None) -> set[etree._Element]:
    """The items of the page's lists of teasers: each the largest element around one teaser
    headline whose siblings hold the others (a ``<li>``, an ``<article>``, a ``div.item``), in
    groups of at least _MIN_GROUP siblings (one fewer when the page has a pager). With a
    `region`, only the items at or below it, and the one holding it: those of a page's lines
    read from it."""
    body = next(document.root.iter("body"), None)
    if body is None:
        return set()
    if region is None or any(_is_teaser_headline(a) for a in region.iterancestors() if a.tag not in ("body", "html")):
        groups = _groups_under(body)  # the whole page's: the region sits in a headline
    else:
        groups = _groups_under(region)
        if (holding := _item_around(region)) is not None:
            groups[holding[0].getparent()] = holding[1]
    pairs = any(len(items) == _MIN_GROUP - 1 for items in groups.values())
    least = _MIN_GROUP - 1 if pairs and _has_pager(document) else _MIN_GROUP
    return {item for items in groups.values() if len(items) >= least for item in items}


def teasers_of(document: Selector, sources: list[etree._Element | None],
               region: etree._Element | None = None) -> list[etree._Element | None]:
    """For each element a line of text came from (all in the `region`, when given), the teaser of
    a list it sits in (else None)."""
    items = teaser_items(document, region)
    return [next((a for a in (source, *source.iterancestors()) if a in items), None) if source is not None else None
            for source in sources]


def is_run_of_teasers(lines: list[str], teasers: list[etree._Element | None], title: str) -> bool:
    """Whether the text the generic reader found (`lines`, and for each the teaser it sits in) is
    a listing's: most of it in teasers, two at least, and none of it running text of the page's
    own (a paragraph, or enough short lines), which an article with a list of related news, or a
    document with its related documents, has beside the list."""
    inside = sum(len(line) for line, teaser in zip(lines, teasers) if teaser is not None)
    own = [len(line) for line, teaser in zip(lines, teasers) if teaser is None and line.casefold() != title.casefold()]
    return (len({t for t in teasers if t is not None}) >= 2 and inside > sum(own)
            and max(own, default=0) < _RUNNING_LINE and sum(own) < _RUNNING_TOTAL)


# The home page's address: the site's root, or its index file, with no query.
_HOME_PATH = re.compile(r"/?(?:(?:index|default|home|trang-?chu)\.(?:s?html?|php|aspx?|jsp))?", re.IGNORECASE)


def is_home_page(url: str) -> bool:
    """Whether the URL is a site's home page: a front page of many sections, never an article."""
    parts = urlsplit(url)
    return not parts.query and bool(_HOME_PATH.fullmatch(parts.path))


def shows_document(document: Selector, rules: DocumentRules) -> bool:
    """Whether a page shows a legal document, as a profile's ``[document]`` section describes one."""
    return any(select(document, s) for s in rules.detect) and not any(select(document, s) for s in rules.not_document)
