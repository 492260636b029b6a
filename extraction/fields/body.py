"""The lead (sapo) and the body paragraphs.

With a profile: the lead and body elements its selectors name, less the title, lead and date
elements a template puts inside the body, and less furniture. Without one: trafilatura's text,
with the settings that score best in article-extraction benchmarks — the default "balanced"
focus, which trafilatura 2.3 tunes on them and which already retries in recall mode when it
finds little (favor_precision gives up the baseline rescue and loses recall; favor_recall lets in
more of what surrounds the article), readers' comments left out as the benchmarks' ground truth
and our records do. On Vietnamese pages the portal rules of PORTALS.md apply on top: layout
tables read as blocks, lines in boxes headed by furniture dropped, the headline, section name and
captions out of the body, and the first paragraph as lead when the description meta repeats it
or the page sets it apart (all bold, or a heading) above the body.
"""

import os
import sys
from bisect import bisect_left, bisect_right
from copy import deepcopy
from dataclasses import dataclass

import trafilatura
from lxml import etree
from parsel import Selector

from extraction.css_match import retag
from extraction.fields.byline import Byline, byline_set_apart
from extraction.furniture import Furniture
from extraction.html_blocks import is_all_bold, paragraphs, remove, text_of
from extraction.parsed_page import ParsedPage
from extraction.selection import Found, contains, first, first_element
from extraction.text import normalize_text

# Settings of trafilatura.extract that the generic body comes from; see the module docstring.
TRAFILATURA_OPTIONS = {"include_comments": False}
# Longer than this, a "date" element is a container that happens to hold the date: keep it.
_MAX_DATELINE = 200
_SNIPPET_WORDS = 6
_MIN_DESCRIPTION = 40
# Sorts after every text beginning with what it follows.
_LAST_CHARACTER = chr(sys.maxunicode)


# --- with a profile ---------------------------------------------------------------------------

def lead_by_profile(scope: Selector, selectors) -> Found | None:
    return first(scope, selectors)


def _detach_from(body: etree._Element, elements) -> None:
    """Title, lead and date are fields of their own: out of the body when a template puts them in it."""
    for element in elements:
        if element is not None and contains(body, element) and not contains(element, body):
            remove(element)


def body_by_profile(scope: Selector, selectors, furniture: Furniture, title: Found | None, lead: Found | None,
                    date_element: etree._Element | None) -> tuple[list[str], Byline, bool]:
    """The paragraphs of the first body element that has some, without the title, lead or date
    elements inside it, furniture, the headline repeated, or a first paragraph repeating the lead;
    the closing byline set apart by its look, taken out of them (labelled byline lines are still
    on); and whether a body element was there at all (an empty one: the article is a picture or
    a file, and there is no text to look for elsewhere)."""
    if date_element is not None and len(normalize_text(" ".join(date_element.itertext()))) > _MAX_DATELINE:
        date_element = None
    found: list[str] = []
    byline = Byline()
    located = False
    for body in (first_element(scope, [selector]) for selector in selectors):
        if body is None:
            continue
        located = True
        _detach_from(body.root, [title and title.element, lead and lead.element, date_element])
        byline = byline_set_apart(body.root)
        if found := furniture.strip(paragraphs(body.root)):
            break
    # The headline said again is no body, unless it is all the text the page gives (beside a file).
    found = [p for p in found if p != (title.value if title else "")] or found
    if lead and len(found) > 1 and found[0] == lead.value:  # a body that only repeats the lead stays
        found.pop(0)
    return found, byline, located


# --- without one ------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrafilaturaReading:
    title: str
    lines: list[str]
    # The author and date the page's metadata names (htmldate's guess for the date).
    author: str | None
    date: str | None


_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
_BLOCKS_IN_CELL = "./tr/td/*[self::p or self::div or self::table or self::h1 or self::h2 or self::h3 or self::ul] | ./tbody/tr/td/*[self::p or self::div or self::table or self::h1 or self::h2 or self::h3 or self::ul]"


def _unwrap_layout_tables(root: etree._Element) -> None:
    """Old portals lay the whole page out in tables; read as data tables, the article comes out
    as one row of cells. A table whose cells hold paragraphs or other tables becomes divs."""
    layout = [t for t in root.iter("table") if t.xpath(_BLOCKS_IN_CELL)]
    for table in layout:
        for element in [table, *table.iter(*_TABLE_PARTS[1:])]:
            if element is table or any(a is table for a in element.iterancestors()):
                retag(element, "div")  # so that the selectors asked afterwards see a div


# What the reader does not see: tabs other than the open one, and elements hidden by style or attribute.
_HIDDEN = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' tab-pane ') and not(contains(concat(' ', normalize-space(@class), ' '), ' active '))]"
    " | //*[@hidden] | //*[contains(translate(@style, ' ', ''), 'display:none')]"
)


def _without_hidden(root: etree._Element) -> etree._Element:
    """A copy of the page without what the reader does not see: closed tabs (a case-law page's
    properties and related lists), hidden dialogs, what a frame or player holds for browsers that
    cannot show it ("Trình duyệt không hỗ trợ iframe"). The page itself keeps them: a labelled date
    in a closed tab is still the page's date."""
    visible = deepcopy(root)
    for element in visible.xpath(_HIDDEN):
        if element.getparent() is not None and element.tag not in ("html", "body"):
            remove(element)
    for frame in visible.iter("iframe", "object", "video", "audio"):  # what shows only where these cannot
        frame.text = None
        for child in list(frame):
            frame.remove(child)
    return visible


def read_with_trafilatura(parsed: ParsedPage, url: str, vietnamese: bool) -> TrafilaturaReading:
    """trafilatura on the page as it came, except on Vietnamese pages: their legacy text repaired,
    their layout tables unwrapped (in the parsed tree too), which trafilatura would read as one
    row of a data table, and what the reader does not see left out."""
    source = parsed.text
    if vietnamese:
        _unwrap_layout_tables(parsed.document.root)
        source = etree.tostring(_without_hidden(parsed.document.root), encoding="unicode", method="html")
    extracted = trafilatura.bare_extraction(source, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    if not extracted:
        return TrafilaturaReading("", [], None, None)
    return TrafilaturaReading(
        title=normalize_text(extracted.title),
        lines=[t for t in map(normalize_text, (extracted.text or "").splitlines()) if t],
        author=normalize_text(extracted.author) or None,
        date=extracted.date,
    )


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
    # Node numbers sorted by text: the texts beginning with a probe are one run of them.
    by_text = sorted(range(len(nodes)), key=lambda i: nodes[i][1])
    sorted_texts = [nodes[i][1] for i in by_text]
    found = []
    for line in lines:
        probe = " ".join(line.split()[:_SNIPPET_WORDS])
        run = by_text[bisect_left(sorted_texts, probe):bisect_right(sorted_texts, probe + _LAST_CHARACTER)]
        # Of the texts beginning like the line, the one that goes on like it longest (the first
        # in the page of those): a heading "Tòa án nhân dân tối cao" begins like many lines but
        # is none of them.
        starting = max(((_common_prefix(nodes[i][1], line), -i) for i in run), default=None)
        found.append(nodes[-starting[1]][0] if starting is not None else next((e for e, t in nodes if probe in t), None))
    return found


def _common_prefix(text: str, line: str) -> int:
    return len(os.path.commonprefix((text[:len(line)], line)))


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    return element is ancestor or any(a is ancestor for a in element.iterancestors())


def _in_furniture_box(element: etree._Element, boxes: list[etree._Element], headline: etree._Element | None,
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


def lines_outside_furniture_boxes(document: Selector, lines: list[str], furniture: Furniture,
                                  headline: etree._Element | None) -> tuple[list[str], list[etree._Element | None]]:
    """The lines not found in a box headed by furniture, each with the element it came from."""
    boxes = [h.root for h in document.css("h1, h2, h3, h4, h5, h6, .title, .box-title, strong") if text_of(h.root) in furniture]
    sources = source_elements(document, lines)
    placed = [e for e in sources if e is not None]
    kept = [(line, e) for line, e in zip(lines, sources) if e is None or not _in_furniture_box(e, boxes, headline, placed)]
    return [line for line, _ in kept], [e for _, e in kept]


_MIN_LINK_RUN = 3


def _is_whole_link(line: str, source: etree._Element | None) -> bool:
    if source is None:
        return False
    link = source if source.tag == "a" else next(source.iterancestors("a"), None)
    return link is not None and bool(link.get("href")) and text_of(link) == line


def lines_outside_link_lists(lines: list[str], sources: list[etree._Element | None]) -> tuple[list[str], list[etree._Element | None]]:
    """The lines less runs of lines that are each one whole link: a ticker or list of other items
    ("… thông qua 07 án lệ (18/08/2023)"), never a paragraph of the article."""
    links = [_is_whole_link(line, source) for line, source in zip(lines, sources)]
    keep = [True] * len(lines)
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and links[end]:
            end += 1
        if end - start >= _MIN_LINK_RUN:
            keep[start:end] = [False] * (end - start)
        start = end + 1
    return [line for line, k in zip(lines, keep) if k], [e for e, k in zip(sources, keep) if k]


def lines_of_the_body(lines: list[str], title: str, trail: list[str], images: list[dict]) -> list[str]:
    """The headline, the section's name (a breadcrumb entry) and image captions are not body text."""
    captions = {i["caption"] for i in images if i["caption"]}
    not_body = {title.casefold(), *(c.casefold() for c in trail)}
    return [line for line in lines if line.casefold() not in not_body and line not in captions]


def lead_from_description(document: Selector, lines: list[str]) -> str | None:
    """The first paragraph, when the page's description meta repeats it: the sapo."""
    if len(lines) < 2:
        return None
    for description in document.css("meta[name='description']::attr(content), meta[property='og:description']::attr(content)").getall():
        description = normalize_text(description).rstrip(".… ")
        if len(description) > _MIN_DESCRIPTION and lines[0].startswith(description):
            return lines[0]
    return None


# A sapo is a sentence or more; a bold line shorter than this opens the body as a sub-heading.
_MIN_SAPO = 60
_SAPO_HEADINGS = ("h2", "h3", "h4")


def lead_set_apart(lines: list[str], blocks: dict[str, etree._Element]) -> str | None:
    """The first paragraph, when the page sets it apart above the body as the sapo: all bold, or
    printed as a heading (`blocks` maps each line to the block it came from)."""
    if len(lines) < 2 or len(lines[0]) < _MIN_SAPO or lines[0].endswith(":"):
        return None
    block = blocks.get(lines[0])
    return lines[0] if block is not None and (block.tag in _SAPO_HEADINGS or is_all_bold(block)) else None
