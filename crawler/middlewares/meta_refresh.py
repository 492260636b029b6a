"""Scrapy's meta-refresh redirects, without decoding every page to learn that it has none.

MetaRefreshMiddleware looks for <meta http-equiv="refresh"> in the first 4,096 characters of an
HTML page, and to get them it decodes the whole body and works out its base URL. In this crawl
process nothing else decodes an article page (pages are read in the extraction workers), so that
was the dearest step of the downloader chain on every page that has no refresh, nearly all.

The tag Scrapy reads must spell "refresh" (in any case) in those characters. Under UTF-8 or a
single-byte ASCII-compatible charset a letter is its own byte, and no character takes more than
4 bytes, so a page whose first 16 KiB of bytes do not hold the word cannot redirect: it goes
through untouched, as Scrapy would let it. Any other page goes to Scrapy's middleware.
"""

import codecs

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse
from w3lib.encoding import http_content_type_encoding

# Bytes that hold the first 4,096 characters Scrapy reads: a byte-order mark, then up to 4 bytes a
# character (an undecodable byte becomes one character).
_SCANNED_BYTES = 3 + 4 * 4096
# Charsets in which every ASCII letter of the text is that same byte of the body.
_LETTERS_ARE_BYTES = frozenset(codecs.lookup(name).name for name in (
    "utf-8", "ascii", "latin-1", "koi8-r", "koi8-u", "cp874",
    *(f"cp125{n}" for n in range(9)), *(f"iso8859-{n}" for n in (*range(1, 12), 13, 14, 15, 16)),
))


def cannot_refresh(response: HtmlResponse) -> bool:
    """True when the characters Scrapy's MetaRefreshMiddleware reads cannot spell "refresh"."""
    # The charset the body is decoded with, as TextResponse.text decodes it.
    charset = http_content_type_encoding(f"charset={response.encoding}")
    if charset is None or codecs.lookup(charset).name not in _LETTERS_ARE_BYTES:
        return False
    return b"refresh" not in response.body[:_SCANNED_BYTES].lower()


class PortalMetaRefreshMiddleware(MetaRefreshMiddleware):
    def process_response(self, request, response):
        if isinstance(response, HtmlResponse) and cannot_refresh(response):
            return response
        return super().process_response(request, response)
