"""A page decoded, parsed and its legacy Vietnamese text repaired: what every field reader reads."""

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
        super().__init__(**options)
        self.set_element_class_lookup(etree.ElementDefaultClassLookup(element=PageElement))


def _parse(url: str, decoded: DecodedText) -> ParsedPage:
    # The tree parsel's Selector(text=..., type="html") parses, with its own function and options.
    document = Selector(root=create_root_node(decoded.text, _PageParser, base_url=url), type="html")
    legacy_note = repair_legacy_text(document.root)
    return ParsedPage(url, decoded, document, "; ".join(n for n in (decoded.note, legacy_note) if n) or None)


def is_vietnamese(document: Selector) -> bool:
    """Declared Vietnamese (``<html lang="vi">``), or Vietnamese to read."""
    declared = (document.xpath("/html/@lang").get() or "").lower()
    return declared.startswith("vi") or looks_vietnamese(" ".join(document.css("body ::text").getall())[:20000])
