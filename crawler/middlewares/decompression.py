"""Content-Encoding undone within a size limit, so a compression bomb cannot exhaust memory.

This project sets DOWNLOAD_MAXSIZE to 0 so that an oversized download is kept (truncated) by
crawler/extensions/fetch_limits.py rather than dropped. To Scrapy's HttpCompressionMiddleware,
0 means "inflate without limit": a 1 MB gzip body that expands to gigabytes would all be held in
memory. This is the same middleware with its own limit, PORTAL_MAX_DECOMPRESSED_SIZE. The WARC
keeps the compressed bytes as received (it captures before this middleware runs).

Nearly every page of a portal comes gzip-encoded, so the crawl process pays this per page. Two
steps are cheaper here than in Scrapy, with the same results: a gzip body that is one sound
member is inflated by zlib in one call (Scrapy reads it 64 KiB at a time through GzipFile; any
other body still goes that way), and the decoded response is built from the received one's
attributes, sharing its headers instead of copying them (the received response is dropped once
this returns).
"""

import zlib

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware, logger
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.responsetypes import responsetypes
from scrapy.utils._compression import _DecompressionMaxSizeExceeded

_GZIP_WBITS = 16 + zlib.MAX_WBITS
# Attributes of the received response that the decoded one does not take over.
_REPLACED = frozenset({"headers", "body", "encoding"})


class DecompressedTooLarge(IgnoreRequest):
    """A body that grows past PORTAL_MAX_DECOMPRESSED_SIZE when decompressed."""


def gunzipped_whole(body: bytes, max_size: int) -> bytes | None:
    """The body of a gzip stream that is exactly one sound member no larger than max_size (0: no
    limit) once inflated; None for anything else (a bad checksum, a cut stream, more members,
    bytes after it, over the limit), which Scrapy's gunzip reads and judges as ever."""
    decompressor = zlib.decompressobj(_GZIP_WBITS)
    try:
        data = decompressor.decompress(body, max_size + 1) if max_size else decompressor.decompress(body)
    except zlib.error:
        return None
    if not decompressor.eof or decompressor.unused_data or (max_size and len(data) > max_size):
        return None
    return data


class BoundedHttpCompressionMiddleware(HttpCompressionMiddleware):
    def __init__(self, stats=None, *, crawler=None):
        super().__init__(stats, crawler=crawler)
        # The limit HttpCompressionMiddleware reads when a request sets no download_maxsize.
        self._max_size = crawler.settings.getint("PORTAL_MAX_DECOMPRESSED_SIZE")

    @staticmethod
    def _decode(body: bytes, encoding: bytes, max_size: int) -> bytes:
        if encoding in (b"gzip", b"x-gzip"):
            data = gunzipped_whole(body, max_size)
            if data is not None:
                return data
        return HttpCompressionMiddleware._decode(body, encoding, max_size)

    def process_response(self, request, response):
        # Scrapy's HttpCompressionMiddleware.process_response, the headers shared rather than copied.
        if request.method == "HEAD":
            return response
        content_encoding = response.headers.getlist("Content-Encoding")
        if not content_encoding:
            return response
        max_size = request.meta.get("download_maxsize", self._max_size)
        warn_size = request.meta.get("download_warnsize", self._warn_size)
        try:
            decoded_body, content_encoding = self._handle_encoding(response.body, content_encoding, max_size)
        except _DecompressionMaxSizeExceeded as error:
            logger.warning(
                f"Ignored response {response} because its body ({len(response.body)} B compressed, "
                f"{error.decompressed_size} B decompressed so far) exceeded DOWNLOAD_MAXSIZE ({max_size} B)"
                " during decompression."
            )
            raise DecompressedTooLarge(
                f"body over PORTAL_MAX_DECOMPRESSED_SIZE ({self._max_size} bytes) once decompressed"
                f" ({len(response.body)} bytes as received)"
            ) from error
        if len(response.body) < warn_size <= len(decoded_body):
            logger.warning(
                f"{response} body size after decompression ({len(decoded_body)} B) is larger than the "
                f"download warning size ({warn_size} B)."
            )
        headers = response.headers
        if content_encoding:
            self._warn_unknown_encoding(response, content_encoding)
            headers["Content-Encoding"] = content_encoding
        else:
            del headers["Content-Encoding"]
        if self.stats:
            self.stats.inc_value("httpcompression/response_bytes", len(decoded_body))
            self.stats.inc_value("httpcompression/response_count")
        respcls = responsetypes.from_args(headers=headers, url=response.url, body=decoded_body)
        # Response.replace would work out the received response's encoding (a text class is chosen
        # by the URL's extension alone while the body is compressed), only to throw it away.
        kept = {name: getattr(response, name) for name in response.attributes if name not in _REPLACED}
        # As Scrapy: a text response's encoding is worked out again from the decoded body.
        text = {"encoding": None} if issubclass(respcls, TextResponse) else {}
        decoded = respcls(**kept, body=decoded_body, **text)
        decoded.headers = headers
        return decoded
