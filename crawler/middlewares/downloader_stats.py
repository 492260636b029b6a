"""Scrapy's downloader stats, each size counted without building what it measures.

DownloaderStats adds to downloader/request_bytes the length of the request written out whole
(request_httprepr: every header joined into one bytes object) and to downloader/response_bytes a
header size read through Headers.getlist, which normalises each name again. The crawl process
pays both on every exchange; here the same lengths are added up from the parts.
"""

from urllib.parse import urlunparse

from scrapy.downloadermiddlewares.stats import DownloaderStats, get_status_size
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.python import to_bytes

_CRLF = len(b"\r\n")


def _lines_size(headers) -> tuple[int, int]:
    """Bytes of every "Name: value" line of Scrapy's Headers (names and values stored normalised)
    and how many lines there are."""
    size = lines = 0
    for name, values in dict.items(headers):
        size += len(values) * (len(name) + len(b": ")) + sum(map(len, values))
        lines += len(values)
    return size, lines


def request_size(request) -> int:
    """len(scrapy.utils.request.request_httprepr(request))."""
    parsed = urlparse_cached(request)
    path = urlunparse(("", "", parsed.path or "/", parsed.params, parsed.query, ""))
    size = len(to_bytes(request.method)) + len(b" ") + len(to_bytes(path)) + len(b" HTTP/1.1\r\n")
    size += len(b"Host: ") + len(to_bytes(parsed.hostname or b"")) + _CRLF
    if request.headers:
        lines_size, lines = _lines_size(request.headers)
        size += lines_size + _CRLF * max(lines - 1, 0) + _CRLF
    return size + _CRLF + len(request.body)


def response_headers_size(headers) -> int:
    """scrapy.downloadermiddlewares.stats.get_header_size(headers)."""
    return _lines_size(headers)[0] + _CRLF * (len(headers) - 1)


class PortalDownloaderStats(DownloaderStats):
    def process_request(self, request):
        self.stats.inc_value("downloader/request_count")
        self.stats.inc_value(f"downloader/request_method_count/{request.method}")
        self.stats.inc_value("downloader/request_bytes", request_size(request))

    def process_response(self, request, response):
        self.stats.inc_value("downloader/response_count")
        self.stats.inc_value(f"downloader/response_status_count/{response.status}")
        # The body, a blank line and CRLF, the headers, the status line: as DownloaderStats counts.
        size = len(response.body) + response_headers_size(response.headers) + get_status_size(response.status) + 4
        self.stats.inc_value("downloader/response_bytes", size)
        return response
