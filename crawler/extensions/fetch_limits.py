"""Size and time limits per fetch that keep what arrived, so the archive can say it is cut short.

Scrapy's own DOWNLOAD_MAXSIZE discards an oversized response; an archive would rather keep the
first bytes and mark the record ``WARC-Truncated``. This extension stops the download through
Scrapy's ``bytes_received`` signal and notes the reason in ``request.meta["truncated"]``.
"""

import time

from scrapy import signals
from scrapy.exceptions import NotConfigured, StopDownload


class FetchLimits:
    def __init__(self, max_size: int, max_time: float):
        self.max_size = max_size
        self.max_time = max_time

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        limits = cls(settings.getint("PORTAL_MAX_RESPONSE_SIZE"), settings.getfloat("PORTAL_MAX_FETCH_TIME"))
        if not limits.max_size and not limits.max_time:
            raise NotConfigured
        crawler.signals.connect(limits.headers_received, signal=signals.headers_received)
        crawler.signals.connect(limits.bytes_received, signal=signals.bytes_received)
        return limits

    def headers_received(self, headers, body_length, request, spider):
        # The clock starts when the server answers: time spent waiting in Scrapy's queue, or for
        # a server that never answers (DOWNLOAD_TIMEOUT's job), is not the body's fault.
        request.meta["fetch_started"] = time.monotonic()
        request.meta["bytes_received"] = 0

    def bytes_received(self, data, request, spider):
        received = request.meta["bytes_received"] = request.meta.get("bytes_received", 0) + len(data)
        if self.max_size and received > self.max_size:
            request.meta["truncated"] = "length"
        elif self.max_time and time.monotonic() - request.meta.get("fetch_started", time.monotonic()) > self.max_time:
            request.meta["truncated"] = "time"
        else:
            return
        raise StopDownload(fail=False)
