"""Content-Encoding undone within a size limit, so a compression bomb cannot exhaust memory.

This project sets DOWNLOAD_MAXSIZE to 0 so that an oversized download is kept (truncated) by
crawler/extensions/fetch_limits.py rather than dropped. To Scrapy's HttpCompressionMiddleware,
0 means "inflate without limit": a 1 MB gzip body that expands to gigabytes would all be held in
memory. This is the same middleware with its own limit, PORTAL_MAX_DECOMPRESSED_SIZE. The WARC
keeps the compressed bytes as received (it captures before this middleware runs).
"""

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest


class DecompressedTooLarge(IgnoreRequest):
    """A body that grows past PORTAL_MAX_DECOMPRESSED_SIZE when decompressed."""


class BoundedHttpCompressionMiddleware(HttpCompressionMiddleware):
    def __init__(self, stats=None, *, crawler=None):
        super().__init__(stats, crawler=crawler)
        # The limit HttpCompressionMiddleware reads when a request sets no download_maxsize.
        self._max_size = crawler.settings.getint("PORTAL_MAX_DECOMPRESSED_SIZE")

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except IgnoreRequest as error:
            raise DecompressedTooLarge(
                f"body over PORTAL_MAX_DECOMPRESSED_SIZE ({self._max_size} bytes) once decompressed"
                f" ({len(response.body)} bytes as received)"
            ) from error
