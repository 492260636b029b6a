"""A page decoded, parsed and its legacy Vietnamese text repaired: what both extraction paths read."""

from dataclasses import dataclass

from parsel import Selector

from extraction.legacy_encoding import repair_legacy_text
from extraction.page import Page
from extraction.text import looks_vietnamese


@dataclass(frozen=True)
class ParsedPage:
    text: str
    document: Selector
    # What was done about a wrong charset or a legacy encoding (the record's text_encoding_note).
    encoding_note: str | None
    legacy_converted: bool


def parse(page: Page) -> ParsedPage:
    decoded = page.decoded()
    document = Selector(text=decoded.text, type="html", base_url=page.url)
    legacy_note = repair_legacy_text(document.root)
    note = "; ".join(n for n in (decoded.note, legacy_note) if n) or None
    return ParsedPage(decoded.text, document, note, bool(legacy_note and legacy_note.startswith("converted")))


def is_vietnamese(document: Selector) -> bool:
    """Declared Vietnamese (``<html lang="vi">``), or Vietnamese to read."""
    declared = (document.xpath("/html/@lang").get() or "").lower()
    return declared.startswith("vi") or looks_vietnamese(" ".join(document.css("body ::text").getall())[:20000])
