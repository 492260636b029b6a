"""The lead (sapo) and the body paragraphs.

With a profile: the lead and body elements its selectors name, less the title, lead and date
elements a template puts inside the body, and less furniture. Without one: trafilatura's text,
with the settings that score best in article-extraction benchmarks — the default "balanced"
focus, which trafilatura 2.3 tunes on them and which already retries in recall mode when it
finds little (favor_precision gives up the baseline rescue and loses recall; favor_recall lets in
more of what surrounds the article), readers' comments left out as the benchmarks' ground truth
and our records do. On Vietnamese pages trafilatura reads the article's region when the page has
one (extraction/article_region.py: a deep page's menus and sidebars cost trafilatura most of its
time, and give lines the rules below throw away), and the portal rules of PORTALS.md apply on
top: layout tables read as blocks, lines in boxes headed by furniture dropped, the headline,
section name and captions out of the body, and the first paragraph as lead when the description
meta repeats it or the page sets it apart (all bold, or a heading) above the body.
"""

import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from copy import deepcopy
from functools import cached_property

import trafilatura
from lxml import etree
from parsel import Selector

from extraction.article_region import HIDDEN, region_with_head
from extraction.css_match import retag
from extraction.fields.byline import Byline, byline_set_apart
from extraction.furniture import Furniture
from extraction.html_blocks import is_all_bold, paragraphs, remove, text_of
from extraction.parsed_page import ParsedPage
from extraction.selection import Found, contains, elements, first, first_element
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

class TrafilaturaReading:
    """What trafilatura read: the lines of the text, and, when first asked, the title and author
    the page's metadata names and htmldate's guess of the page's date. On the article's region
    those cost more than the lines (the date is the whole page's, and costs a whole reading), and
    the generic reader mostly finds them on the page itself."""

    def __init__(self, lines: list[str], metadata: Callable[[], object | None], date_guess: Callable[[], str | None]):
        self.lines = lines
        self._metadata = metadata
        self._date_guess = date_guess

    @cached_property
    def _names(self) -> tuple[str, str | None]:
        metadata = self._metadata()
        return (normalize_text(metadata.title), normalize_text(metadata.author) or None) if metadata else ("", None)

    @property
    def title(self) -> str:
        return self._names[0]

    @property
    def author(self) -> str | None:
        return self._names[1]

    @cached_property
    def date_guess(self) -> str | None:
        return self._date_guess()


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


def _drop_hidden(root: etree._Element) -> etree._Element:
    """A copy of the page, without what the reader does not see: closed tabs (a case-law page's
    properties and related lists), hidden dialogs, what a frame or player holds for browsers that
    cannot show it ("Trình duyệt không hỗ trợ iframe"). The page itself keeps them: a labelled date
    in a closed tab is still the page's date."""
    for element in root.xpath(HIDDEN):
        if element.getparent() is not None and element.tag not in ("html", "body"):
            remove(element)
    for frame in root.iter("iframe", "object", "video", "audio"):  # what shows only where these cannot
        frame.text = None
        for child in list(frame):
            frame.remove(child)
    return root


def _visible_source(parsed: ParsedPage, region: etree._Element | None) -> str:
    root = parsed.document.root
    copy = deepcopy(root) if region is None else region_with_head(root, region)
    return etree.tostring(_drop_hidden(copy), encoding="unicode", method="html")


def _bare_extraction(source: str, url: str, with_metadata: bool = True):
    return trafilatura.bare_extraction(source, url=url, with_metadata=with_metadata, **TRAFILATURA_OPTIONS)


def read_with_trafilatura(parsed: ParsedPage, url: str, vietnamese: bool,
                          region: etree._Element | None = None) -> TrafilaturaReading:
    """trafilatura on the page as it came, except on Vietnamese pages: their legacy text repaired,
    their layout tables unwrapped (in the parsed tree too), which trafilatura would read as one
    row of a data table, what the reader does not see left out, and only the article's region
    read when there is one (extraction/article_region.py). htmldate's guess of the date is the
    whole page's all the same."""
    source = parsed.text
    if vietnamese:
        _unwrap_layout_tables(parsed.document.root)
        source = _visible_source(parsed, region)
    extracted = _bare_extraction(source, url, with_metadata=region is None)
    lines = [t for t in map(normalize_text, (extracted.text or "").splitlines()) if t] if extracted else []
    if region is None or not extracted:
        return TrafilaturaReading(lines, lambda: extracted, lambda: extracted.date if extracted else None)
    return TrafilaturaReading(
        lines, lambda: _unless_a_date_breaks(lambda: trafilatura.extract_metadata(source, default_url=url)),
        lambda: getattr(_unless_a_date_breaks(lambda: _bare_extraction(_visible_source(parsed, None), url)), "date", None),
    )


def _unless_a_date_breaks(read):
    """read(), or None when htmldate, reading the page's dates for it, raises on one that datetime
    cannot hold (an offset of a day or more, "+25:00"): the page is then read without them."""
    try:
        return read()
    except ValueError:
        return None


def _text_nodes(root: etree._Element):
    """(element, text) of each piece of text under the root: an element's text, and the tail of
    each element below the root, which is its parent's."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in ("script", "style") and element.text:
            yield element, element.text
        if element.tail and element is not root:
            yield element.getparent(), element.tail


def source_elements(document: Selector, lines: list[str],
                    region: etree._Element | None = None) -> list[etree._Element | None]:
    """For each extracted line, the element whose text begins it (None when not found), in the
    region the lines were read from (else the body)."""
    root = region if region is not None else next(document.root.iter("body"), document.root)
    texts = ((element, normalize_text(text)) for element, text in _text_nodes(root) if not text.isspace())
    nodes = [(element, text) for element, text in texts if text]  # an empty text begins no line
    # Node numbers sorted by text: the texts beginning with a probe are one run of them.
    by_text = sorted(range(len(nodes)), key=lambda i: nodes[i][1])
    sorted_texts = [nodes[i][1] for i in by_text]
    found = []
    for line in lines:
        # Texts holding the whole line from their start: none goes on like it longer.
        if whole := by_text[bisect_left(sorted_texts, line):bisect_right(sorted_texts, line + _LAST_CHARACTER)]:
            found.append(nodes[min(whole)][0])
            continue
        probe = " ".join(line.split()[:_SNIPPET_WORDS])
        run = by_text[bisect_left(sorted_texts, probe):bisect_right(sorted_texts, probe + _LAST_CHARACTER)]
        # Of the texts beginning like the line, the one that goes on like it longest (the first
        # in the page of those): a heading "Tòa án nhân dân tối cao" begins like many lines but
        # is none of them.
        starting = max(((_common_prefix(nodes[i][1], line), -i) for i in run), default=None)
        found.append(nodes[-starting[1]][0] if starting is not None else next((e for e, t in nodes if probe in t), None))
    return found


def _common_prefix(text: str, line: str) -> int:
    """The length of the longest beginning the two have in common (by halves: lines are long)."""
    shorter, longer = (text, line) if len(text) <= len(line) else (line, text)
    if longer.startswith(shorter):
        return len(shorter)
    low, high = 0, len(shorter) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if longer.startswith(shorter[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def _with_ancestors(elements, top: etree._Element | None) -> dict[etree._Element, int]:
    """Each of the elements and their ancestors (up to the top), with how many of the elements each holds."""
    holding: dict[etree._Element, int] = {}
    for element in elements:
        for around in (element, *element.iterancestors()):
            holding[around] = holding.get(around, 0) + 1
            if around is top:
                break
    return holding


def lines_outside_furniture_boxes(document: Selector, lines: list[str], furniture: Furniture,
                                  headline: etree._Element | None, region: etree._Element | None = None,
                                  ) -> tuple[list[str], list[etree._Element | None]]:
    """The lines not found in a box headed by furniture ("Thời tiết", "Các tin khác"), each with
    the element it came from: the smallest block around a line's element with such a heading,
    unless that block holds the headline or most of the lines (then it is the page's main region,
    not a box beside the article). The lines come from the `region` when given; it holds the
    headline, so no block this test reaches is larger, and only its headings are read."""
    scope = Selector(root=region) if region is not None else document
    boxes = [h.root for h in scope.css("h1, h2, h3, h4, h5, h6, .title, .box-title, strong") if text_of(h.root) in furniture]
    # No block above the region is reached: it holds the headline.
    holding_a_box = _with_ancestors(boxes, region)
    holding_the_headline = _with_ancestors([headline] if headline is not None else [], region)
    sources = source_elements(document, lines, region)
    placed = [e for e in sources if e is not None]
    holding_lines = _with_ancestors(placed, region)

    def in_a_box(element: etree._Element) -> bool:
        for block in (element, *element.iterancestors()):
            if block.tag in ("body", "html") or block in holding_the_headline:
                return False
            if block in holding_a_box:
                return 2 * holding_lines[block] < len(placed)
        return False
    kept = [(line, e) for line, e in zip(lines, sources) if e is None or not in_a_box(e)]
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
    metas = elements(document, "meta[name='description'], meta[property='og:description']")
    for description in (content for meta in metas if (content := meta.get("content")) is not None):
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
