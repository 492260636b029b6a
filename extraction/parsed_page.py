"""A page decoded, parsed and its legacy Vietnamese text repaired: what every field reader reads."""

from dataclasses import dataclass

from parsel import Selector

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


def _parse(url: str, decoded: DecodedText) -> ParsedPage:
    document = Selector(text=decoded.text, type="html", base_url=url)
    legacy_note = repair_legacy_text(document.root)
    return ParsedPage(url, decoded, document, "; ".join(n for n in (decoded.note, legacy_note) if n) or None)


def is_vietnamese(document: Selector) -> bool:
    """Declared Vietnamese (``<html lang="vi">``), or Vietnamese to read."""
    declared = (document.xpath("/html/@lang").get() or "").lower()
    return declared.startswith("vi") or looks_vietnamese(" ".join(document.css("body ::text").getall())[:20000])
