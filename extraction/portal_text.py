"""Portal conventions the generic fallback applies to Vietnamese pages trafilatura has read."""

import re

from lxml import etree
from parsel import Selector

from extraction.dates import parse_visible_date
from extraction.furniture import Furniture
from extraction.html_blocks import text_of
from extraction.published import all_family_date_formats
from extraction.text import normalize_text

_DATELINE_WORDS = re.compile(
    r"ngày đăng|ngày cập nhật|cập nhật|đăng lúc|đăng ngày|ngày|lượt xem|lượt đọc|view count|views?|"
    r"thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|\b(?:am|pm|sa|ch)\b",
    re.IGNORECASE,
)
_MAX_DATELINE = 100
_SNIPPET_WORDS = 6


def is_dateline(paragraph: str) -> bool:
    """A line that only says when ("Ngày đăng 18/03/2019 | 03:10 PM Lượt xem: 1523")."""
    if len(paragraph) > _MAX_DATELINE or parse_visible_date(paragraph, all_family_date_formats()) is None:
        return False
    rest = _DATELINE_WORDS.sub(" ", paragraph)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 1


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»)\s+")
_NOT_HEADLINES = {"html", "head", "title", "body", "a", "option", "script", "style"}


def portal_title(document: Selector, furniture: Furniture) -> etree._Element | None:
    """The element printing the headline: the longest text on the page that the <title> or
    og:title repeats, never the portlet header above it nor the site's name (the <title>'s last part)."""
    titles = [normalize_text(t) for t in document.css("title::text, meta[property='og:title']::attr(content)").getall()]
    reference = " ".join(titles).casefold()
    site_names = {normalize_text(n).casefold() for n in document.css("meta[property='og:site_name']::attr(content)").getall()}
    site_names |= {_TITLE_SEPARATORS.split(t)[-1].casefold() for t in titles if _TITLE_SEPARATORS.search(t)}
    bodies = document.css("body")
    best, best_text = None, ""
    for element in (bodies[0].root.iter() if bodies else ()):
        if not isinstance(element.tag, str) or element.tag in _NOT_HEADLINES:
            continue
        text = text_of(element)
        if len(text) <= len(best_text) or len(text) > 300 or text in furniture or text.casefold() in site_names:
            continue
        if text.casefold() in reference:
            best, best_text = element, text
    return best


def furniture_headings(document: Selector, furniture: Furniture) -> list[etree._Element]:
    return [h.root for h in document.css("h1, h2, h3, h4, h5, h6, .title, .box-title, strong") if text_of(h.root) in furniture]


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    return element is ancestor or any(a is ancestor for a in element.iterancestors())


def in_furniture_box(element: etree._Element, boxes: list[etree._Element], headline: etree._Element | None,
                     placed: list[etree._Element]) -> bool:
    """Whether the element sits in a block headed by furniture ("Thời tiết", "Các tin khác"): the
    smallest block around it with such a heading, unless that block holds the headline or most of
    the extracted text (then it is the page's main region, not a box beside the article)."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor.tag in ("body", "html") or (headline is not None and _inside(headline, ancestor)):
            return False
        if any(_inside(box, ancestor) for box in boxes):
            return 2 * sum(1 for e in placed if _inside(e, ancestor)) < len(placed)
    return False


def lead_from_description(document: Selector, lines: list[str]) -> str | None:
    """The first paragraph, when the page's description meta repeats it: the sapo."""
    if len(lines) < 2:
        return None
    for description in document.css("meta[name='description']::attr(content), meta[property='og:description']::attr(content)").getall():
        description = normalize_text(description).rstrip(".… ")
        if len(description) > 40 and lines[0].startswith(description):
            return lines[0]
    return None


def _text_nodes(root: etree._Element):
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in ("script", "style") and element.text:
            yield element, element.text
        if element.tail and element.getparent() is not None:
            yield element.getparent(), element.tail


def source_elements(document: Selector, lines: list[str]) -> list[etree._Element | None]:
    """For each extracted line, the element whose text begins it (None when not found)."""
    bodies = document.css("body")
    nodes = [(element, normalize_text(text)) for element, text in _text_nodes(bodies[0].root if bodies else document.root)]
    found = []
    for line in lines:
        probe = " ".join(line.split()[:_SNIPPET_WORDS])
        starting = next((e for e, t in nodes if t.startswith(probe)), None)
        found.append(starting if starting is not None else next((e for e, t in nodes if probe in t), None))
    return found


def common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    """The deepest element holding all of them; None when that is the whole page."""
    if len(elements) < 2:
        return None
    for candidate in [elements[0], *elements[0].iterancestors()]:
        if all(candidate is e or any(a is candidate for a in e.iterancestors()) for e in elements[1:]):
            return None if candidate.tag in ("html", "body") else candidate
    return None


_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
_BLOCKS_IN_CELL = "./tr/td/*[self::p or self::div or self::table or self::h1 or self::h2 or self::h3 or self::ul] | ./tbody/tr/td/*[self::p or self::div or self::table or self::h1 or self::h2 or self::h3 or self::ul]"


def unwrap_layout_tables(root: etree._Element) -> None:
    """Old portals lay the whole page out in tables; read as data tables, the article comes out
    as one row of cells. A table whose cells hold paragraphs or other tables becomes divs."""
    layout = [t for t in root.iter("table") if t.xpath(_BLOCKS_IN_CELL)]
    for table in layout:
        for element in [table, *table.iter(*_TABLE_PARTS[1:])]:
            if element is table or any(a is table for a in element.iterancestors()):
                element.tag = "div"
