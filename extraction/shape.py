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
over the page's paragraphs or headings, never over every element's text.
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
# The page's frame: footer (address, copyright), header, menus, sidebars.
_PAGE_FRAME = (
    "ancestor::footer or ancestor::header or ancestor::nav or ancestor::aside or "
    "ancestor::*[contains(translate(@id, 'FOTER', 'foter'), 'footer') or contains(translate(@class, 'FOTER', 'foter'), 'footer')]"
)
_HEADLINES = "h1, [itemprop='headline'], meta[property='og:title']"
_LINKED_HEADINGS = "./*[self::h2 or self::h3 or self::h4 or self::h5][.//a[@href]]"


def _running_text(document: Selector) -> etree._Element | None:
    """The container holding the most paragraph text, when that is running text."""
    totals: dict[etree._Element, list[int]] = {}
    for paragraph in document.xpath(f"//body//p[not({_PAGE_FRAME})]"):
        parent = paragraph.root.getparent()
        if parent is not None:
            count_and_length = totals.setdefault(parent, [0, 0])
            count_and_length[0] += 1
            count_and_length[1] += len(text_of(paragraph.root))
    for holder in document.xpath(f"//body//*[count(br) >= 2][not({_PAGE_FRAME})]"):
        totals.setdefault(holder.root, [0, 0])
        totals[holder.root] = [max(totals[holder.root][0], len(holder.root.findall("br")) + 1),
                               max(totals[holder.root][1], len(text_of(holder.root)))]
    if not totals:
        return None
    container, (count, length) = max(totals.items(), key=lambda item: item[1][1])
    return container if count >= _MIN_PARAGRAPHS and length >= _MIN_TEXT else None


def has_article_shape(document: Selector) -> bool:
    """A headline and one block of running text that is not a run of teasers."""
    if not document.css(_HEADLINES):
        return False
    container = _running_text(document)
    return container is not None and len(container.xpath(_LINKED_HEADINGS)) < _MIN_TEASERS



# --- listings: what the generic reader found is a run of teasers -------------------------------

# A teaser's headline: a heading, a schema.org headline or an element of a "title" class that is,
# holds or sits in a link (the link to the item it announces).
_TEASER_HEADLINES = (
    "//body//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or @itemprop='headline'"
    " or contains(translate(@class, 'TILE', 'tile'), 'title')][self::a[@href] or .//a[@href] or ancestor::a[@href]]"
)
# A pager: its element, or a link to the next page.
_PAGER = (
    "//body//*[contains(translate(concat(@class, ' ', @id), 'PAGINRHT', 'paginrht'), 'pagin')"
    " or contains(translate(concat(@class, ' ', @id), 'PAGINRHT', 'paginrht'), 'pager')"
    " or contains(translate(concat(@class, ' ', @id), 'PAGINRHT', 'paginrht'), 'phantrang')] | //a[@rel='next'] | //link[@rel='next']"
)
_NEXT_PAGE = frozenset({"»", "›", ">>", "tiếp", "tiếp theo", "trang sau", "trang tiếp", "next"})
# Teasers come in groups of siblings: this many, or one fewer beside a pager.
_MIN_GROUP = 3
# Text of the page's own beside teasers: one paragraph this long, or this much in all.
_RUNNING_LINE = 100
_RUNNING_TOTAL = 200


def _has_pager(document: Selector) -> bool:
    if document.xpath(_PAGER):
        return True
    return any(normalize_text(t).casefold() in _NEXT_PAGE for t in document.xpath("//body//a[@href]").xpath("string()").getall())


def teaser_items(document: Selector) -> set[etree._Element]:
    """The items of the page's lists of teasers: each the largest element around one teaser
    headline whose siblings hold the others (a ``<li>``, an ``<article>``, a ``div.item``), in
    groups of at least _MIN_GROUP siblings (one fewer when the page has a pager)."""
    found = [h.root for h in document.xpath(_TEASER_HEADLINES)]
    outermost = set(found)
    headlines = [h for h in found if not any(a in outermost for a in h.iterancestors())]
    around: dict[etree._Element, int] = {}
    for headline in headlines:
        for ancestor in headline.iterancestors():
            around[ancestor] = around.get(ancestor, 0) + 1
    groups: dict[etree._Element, list[etree._Element]] = {}
    for headline in headlines:
        item = headline
        while (parent := item.getparent()) is not None and around[parent] == 1:
            item = parent
        if parent is not None:
            groups.setdefault(parent, []).append(item)
    least = _MIN_GROUP - 1 if _has_pager(document) else _MIN_GROUP
    return {item for items in groups.values() if len(items) >= least for item in items}


def teasers_of(document: Selector, sources: list[etree._Element | None]) -> list[etree._Element | None]:
    """For each element a line of text came from, the teaser of a list it sits in (else None)."""
    items = teaser_items(document)
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
