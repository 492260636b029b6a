"""Whether a page has an article's shape: what decides, when a profile does not recognise a page,
that the generic reader still reads it — and that listings, category and home pages do not.

An article's shape is a headline over one block of running text: several paragraphs in one
container (or one text broken by ``<br>``), long enough to be read. A listing repeats teasers —
headings that link elsewhere, each with its own short summary — so its paragraphs are spread over
many containers, or sit between linked headings. ``og:type=article``, ``article:published_time``
and schema.org NewsArticle items are no evidence either way: portals put them on listings too.
Each test is one pass over the page's paragraphs, never over every element's text.
"""

from lxml import etree
from parsel import Selector

from extraction.html_blocks import text_of

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

