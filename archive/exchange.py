"""One HTTP exchange as it went over the wire, in plain Python types.

The crawler fills these from its own objects; everything in ``archive/`` works on them alone,
so WARC code never depends on the crawling framework.
"""

from dataclasses import dataclass
from datetime import datetime

Headers = list[tuple[str, str]]


@dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    headers: Headers
    body: bytes = b""
    protocol: str = "HTTP/1.1"


@dataclass(frozen=True)
class HttpResponse:
    status: int
    reason: str
    protocol: str
    headers: Headers
    # The body as received, content encodings (gzip, br) untouched; chunked framing already removed.
    body: bytes


@dataclass(frozen=True)
class Exchange:
    request: HttpRequest
    response: HttpResponse
    fetched_at: datetime
    ip_address: str | None = None
    # WARC-Truncated reason ("length", "time", "disconnect", "unspecified") when the body is incomplete.
    truncated: str | None = None
