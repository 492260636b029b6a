"""A fetched page as extraction sees it: bytes and the few headers that matter, no Scrapy objects."""

import codecs
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from w3lib.encoding import html_body_declared_encoding, html_to_unicode, http_content_type_encoding, read_bom

# A vowel followed by a combining tone mark: how windows-1258 writes Vietnamese.
_CP1258_TONES = re.compile("[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY][\u0300\u0301\u0303\u0309\u0323]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    # What was wrong with the declared charset and what was done about it; None when nothing.
    note: str | None = None
    # The page's bytes, when the text is exactly their UTF-8 (no byte-order mark, nothing replaced,
    # already NFC): the parser takes them instead of the text encoded again.
    utf8: bytes | None = None


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    content_type: str | None = None
    fetched_at: datetime | None = None

    def text(self) -> str:
        return self.decoded().text

    def decoded(self) -> DecodedText:
        """The body decoded as a browser would (BOM, HTTP charset, meta charset), in NFC, with
        the two charset mistakes portals make corrected: UTF-8 bytes under a single-byte
        declaration, and single-byte bytes under a UTF-8 declaration."""
        encoding, text = html_to_unicode(self.content_type, self.body)
        name = codecs.lookup(encoding).name
        note = None
        if name != "utf-8" and not name.startswith("utf-") and _is_utf8(self.body):
            text = self.body.decode("utf-8-sig")
            note = f"the page says its charset is {encoding} but the bytes are UTF-8; read as UTF-8"
        # Decoded without a replacement character, the bytes were UTF-8: no second decoding to find out.
        elif name == "utf-8" and "\ufffd" in text and not _is_utf8(self.body):
            single_byte = "cp1258" if len(_CP1258_TONES.findall(self.body.decode("cp1258", "replace"))) >= 3 else "cp1252"
            text = self.body.decode(single_byte, "replace")
            said = "says its charset is UTF-8" if self._declares_charset() else "declares no charset"
            note = f"the page {said} but the bytes are not UTF-8; read as {single_byte}"
        normalized = unicodedata.normalize("NFC", text)
        same_bytes = name == "utf-8" and note is None and normalized is text and not self.body.startswith(codecs.BOM_UTF8)
        return DecodedText(normalized, note, self.body if same_bytes else None)

    def _declares_charset(self) -> bool:
        """Whether the HTTP header, a byte-order mark or a meta tag names the charset (else UTF-8 is a default)."""
        return bool(http_content_type_encoding(self.content_type) or read_bom(self.body)[0] or html_body_declared_encoding(self.body))


def _is_utf8(body: bytes) -> bool:
    """Valid UTF-8 with at least one multi-byte sequence: by chance, other encodings never are."""
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
