"""A page decoded, parsed and its legacy Vietnamese text repaired: what every field reader reads."""

import threading
from dataclasses import dataclass

from lxml import etree
from parsel import Selector
from parsel.selector import create_root_node

from extraction.legacy_encoding import repair_legacy_text
from extraction.page import DecodedText, Page
from extraction.text import looks_vietnamese


@dataclass(frozen=True)
class ParsedPage:
    url: str
    decoded: DecodedText
    document: Selector
    # What was done about a wrong charset or a legacy encoding (the record's text_encoding_note).
    encoding_note: str | None

    @property
    def text(self) -> str:
        return self.decoded.text

    def reparsed(self) -> "ParsedPage":
        """The page parsed afresh from its decoded text, for a reader that must not see what an
        earlier one removed from this tree (the profile's boilerplate)."""
        return _parse(self.url, self.decoded)


def parse(page: Page) -> ParsedPage:
    return _parse(page.url, page.decoded())


class PageElement(etree.ElementBase):
    """The elements of a parsed page: plain lxml elements that take weak references (the
    selector index is kept per tree, extraction/css_match.py). lxml.html's own classes, which
    parsel uses, cost a call into Python each time lxml hands out an element."""


class _PageParser(etree.HTMLParser):
    def __init__(self, **options):
        # No table of id attributes: nothing here looks an element up by XPath's id(), and
        # libxml2 fills it for every element with an id as it parses.
        super().__init__(collect_ids=False, **options)
        self.set_element_class_lookup(etree.ElementDefaultClassLookup(element=PageElement))


# What bytes.strip() takes off, which str.strip() takes off too (with other white space).
_ASCII_WHITESPACE = " \t\n\r\x0b\x0c"
# One parser of bytes per thread, used page after page (lxml's parsers take one document at a time).
_PARSERS = threading.local()


def _strips_as_bytes_strip(text: str) -> bool:
    """Whether str.strip() takes off of the text what bytes.strip() takes off of its UTF-8: the
    white space at each end is ASCII, looked at from the ends rather than by stripping copies."""
    start, end = 0, len(text)
    while start < end and text[start] in _ASCII_WHITESPACE:
        start += 1
    while end > start and text[end - 1] in _ASCII_WHITESPACE:
        end -= 1
    return start == end or not (text[start].isspace() or text[end - 1].isspace())


def _tree(url: str, decoded: DecodedText) -> etree._Element:
    """The tree parsel's Selector(text=..., type="html") parses (its create_root_node, its
    options). When the page's bytes are the text's UTF-8 and strip as the text strips, they are
    parsed as they are, as create_root_node parses bytes, instead of the text encoded again."""
    text = decoded.text
    if decoded.utf8 is None or b"\x00" in decoded.utf8 or not _strips_as_bytes_strip(text):
        return create_root_node(text, _PageParser, base_url=url)
    if (parser := getattr(_PARSERS, "utf8", None)) is None:
        parser = _PARSERS.utf8 = _PageParser(recover=True, encoding="utf-8", huge_tree=True)
    root = etree.fromstring(decoded.utf8.strip() or b"<html/>", parser=parser, base_url=url)
    return root if root is not None else etree.fromstring(b"<html/>", parser=parser, base_url=url)


def _parse(url: str, decoded: DecodedText) -> ParsedPage:
    document = Selector(root=_tree(url, decoded), type="html")
    legacy_note = repair_legacy_text(document.root)
    return ParsedPage(url, decoded, document, "; ".join(n for n in (decoded.note, legacy_note) if n) or None)


def is_vietnamese(document: Selector) -> bool:
    """Declared Vietnamese (``<html lang="vi">``), or Vietnamese to read."""
    declared = (document.xpath("/html/@lang").get() or "").lower()
    return declared.startswith("vi") or looks_vietnamese(" ".join(document.css("body ::text").getall())[:20000])
