"""Article pages saved from the demo portal in memory, as they went over the wire.

Extraction reads them as a crawl would (decoded body, Content-Type); WARC writing stores them
as a crawl would (gzip body and headers as received, chunked framing removed).
"""

import gzip
import http.client
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from archive.exchange import Exchange, HttpRequest, HttpResponse
from extraction.page import Page
from crawler.settings import USER_AGENT

REQUEST_HEADERS = {"User-Agent": USER_AGENT, "Accept": "text/html", "Accept-Encoding": "gzip, deflate"}


@dataclass(frozen=True)
class SavedPage:
    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    raw_body: bytes  # as sent: gzip-encoded

    @property
    def content_type(self) -> str | None:
        return next((value for name, value in self.headers if name.lower() == "content-type"), None)

    @property
    def body(self) -> bytes:
        encoded = any(name.lower() == "content-encoding" and "gzip" in value for name, value in self.headers)
        return gzip.decompress(self.raw_body) if encoded else self.raw_body

    def page(self) -> Page:
        return Page(url=self.url, body=self.body, content_type=self.content_type,
                    fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc))

    def exchange(self) -> Exchange:
        """The exchange with headers already as the WARC stores them, so that our writer and raw
        warcio are given byte-identical records to write."""
        headers = [(k, v) for k, v in self.headers if k.lower() not in ("transfer-encoding", "content-length")]
        headers.append(("Content-Length", str(len(self.raw_body))))
        parts = urlsplit(self.url)
        request_headers = [("Host", parts.netloc), *REQUEST_HEADERS.items()]
        return Exchange(
            request=HttpRequest("GET", self.url, request_headers),
            response=HttpResponse(self.status, self.reason, "HTTP/1.1", headers, self.raw_body),
            fetched_at=datetime.now(timezone.utc),
            ip_address=parts.hostname,
        )


def _get(connection: http.client.HTTPConnection, target: str) -> http.client.HTTPResponse:
    connection.request("GET", target, headers=REQUEST_HEADERS)
    return connection.getresponse()


def article_urls(base_url: str, count: int) -> list[str]:
    """``count`` article URLs spread evenly over the portal's manifest."""
    connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=60)
    try:
        response = _get(connection, "/__manifest__.json")
        body = response.read()
    finally:
        connection.close()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    urls = [article["url"] for article in json.loads(body)["articles"]]
    step = max(1, len(urls) // count)
    return urls[::step][:count]


def save_article_pages(base_url: str, count: int) -> list[SavedPage]:
    """Fetch ``count`` article pages over one keep-alive connection."""
    connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=60)
    saved = []
    try:
        for url in article_urls(base_url, count):
            parts = urlsplit(url)
            response = _get(connection, parts.path + (f"?{parts.query}" if parts.query else ""))
            saved.append(SavedPage(url, response.status, response.reason, response.getheaders(), response.read()))
    finally:
        connection.close()
    return saved
