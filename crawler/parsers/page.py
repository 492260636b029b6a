"""A fetched page as extraction sees it: bytes and the few headers that matter, no Scrapy objects."""

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from w3lib.encoding import html_to_unicode


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    content_type: str | None = None
    fetched_at: datetime | None = None

    def text(self) -> str:
        """The body decoded as a browser would (BOM, HTTP charset, meta charset, then sniffing), in NFC."""
        _, text = html_to_unicode(self.content_type, self.body)
        return unicodedata.normalize("NFC", text)
