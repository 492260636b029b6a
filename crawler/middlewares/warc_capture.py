"""Downloader middleware that writes every HTTP exchange to WARC as it came off the network.

It sits next to the downloader (order 950), so it sees the request after every other middleware
has set its headers, and the response before decompression, redirects or retries touch it.
"""

from datetime import datetime, timezone
from pathlib import Path

import scrapy
import warcio
from scrapy import signals
from scrapy.exceptions import NotConfigured

from archive.exchange import Exchange, HttpRequest, HttpResponse
from archive.records import reason_phrase
from archive.warc_writer import RotatingWarcWriter
from crawler import __version__


def _header_pairs(headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name in headers
        for value in headers.getlist(name)
    ]


def exchange_from(request: scrapy.Request, response: scrapy.http.Response) -> Exchange:
    return Exchange(
        request=HttpRequest(request.method, request.url, _header_pairs(request.headers), request.body or b""),
        response=HttpResponse(
            status=response.status,
            reason=reason_phrase(response.status),
            protocol=response.protocol or "HTTP/1.1",
            headers=_header_pairs(response.headers),
            body=response.body,
        ),
        fetched_at=datetime.now(timezone.utc),
        ip_address=str(response.ip_address) if response.ip_address else None,
        truncated="disconnect" if "dataloss" in response.flags else None,
    )


def warcinfo_fields(settings, spider_name: str) -> dict[str, str]:
    return {
        "software": f"portal-archive/{__version__} (Scrapy/{scrapy.__version__}; warcio/{warcio.__version__})",
        "format": "WARC File Format 1.1",
        "conformsTo": "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "hostname": RotatingWarcWriter.hostname(),
        "operator": settings.get("WARC_OPERATOR") or "",
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": settings.get("USER_AGENT"),
        "isPartOf": settings.get("PORTAL_CRAWL_NAME") or spider_name,
        "description": settings.get("WARC_DESCRIPTION") or f"portal-archive crawl, profile {settings.get('PORTAL_PROFILE')}",
        "profile": settings.get("PORTAL_PROFILE") or "",
    }


class WarcCaptureMiddleware:
    def __init__(self, writer: RotatingWarcWriter, stats):
        self.writer = writer
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED"):
            raise NotConfigured
        writer = RotatingWarcWriter(
            Path(settings.get("PORTAL_OUTPUT_DIR")) / "warc",
            warcinfo=warcinfo_fields(settings, crawler.spidercls.name),
            prefix=settings.get("WARC_PREFIX"),
            max_size=settings.getint("WARC_MAX_SIZE"),
            worker_id=settings.get("WARC_WORKER_ID"),
        )
        middleware = cls(writer, crawler.stats)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request, response, spider):
        location = self.writer.write_exchange(exchange_from(request, response))
        request.meta["warc"] = {"filename": location.filename, "record_id": location.record_id, "offset": location.offset}
        self.stats.inc_value("warc/records", 2)
        self.stats.inc_value("warc/response_bytes", len(response.body))
        return response

    def spider_closed(self, spider):
        self.writer.close()
        self.stats.set_value("warc/files", list(self.writer.closed_files))
