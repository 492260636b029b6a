"""Building WARC records for an exchange, with warcio doing digests and serialisation.

Chunked transfer coding policy: the HTTP client removes chunk framing before we see the body,
so the response record stores the de-chunked body, drops ``Transfer-Encoding: chunked`` and
carries a ``Content-Length`` equal to the stored body's length (added likewise when a response
was delimited by the connection closing and had none). Content codings (gzip, br) are
never touched: the body stays as the server sent it, with its ``Content-Encoding``.
"""

from dataclasses import dataclass
from datetime import timezone
from http import HTTPStatus
from io import BytesIO
from urllib.parse import urlsplit

from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.utils import Digester

from archive.exchange import Exchange, Headers
from archive.warc.headers import header_values, is_chunked, without_headers

WARC_VERSION = "WARC/1.1"
IDENTICAL_PAYLOAD = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


@dataclass(frozen=True)
class StoredCopy:
    """A response already in the archive, which a revisit record points at."""
    target_uri: str
    warc_date: str
    record_id: str
    payload_digest: str


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio writes for this body (sha1, base32)."""
    digester = Digester("sha1")
    digester.update(body)
    return str(digester)


def reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def warc_date(exchange: Exchange) -> str:
    """WARC 1.1 date with microseconds, in UTC (warcio expects a naive UTC datetime)."""
    moment = exchange.fetched_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return datetime_to_iso_date(moment, use_micros=True)


def _stored_response_headers(headers: Headers, body: bytes) -> Headers:
    """Headers consistent with the stored body: see the chunked transfer coding policy above."""
    if not is_chunked(headers) and header_values(headers, "Content-Length"):
        return list(headers)
    return without_headers(headers, "Transfer-Encoding", "Content-Length") + [("Content-Length", str(len(body)))]


def _request_target(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return target, parts.netloc


def _response_http_headers(exchange: Exchange) -> StatusAndHeaders:
    response = exchange.response
    return StatusAndHeaders(
        f"{response.status} {response.reason or reason_phrase(response.status)}",
        _stored_response_headers(response.headers, response.body),
        protocol=response.protocol,
    )


def _response_warc_headers(exchange: Exchange, warcinfo_id: str) -> dict[str, str]:
    warc_headers = {"WARC-Date": warc_date(exchange), "WARC-Warcinfo-ID": warcinfo_id}
    if exchange.ip_address:
        warc_headers["WARC-IP-Address"] = exchange.ip_address
    if exchange.truncated:
        warc_headers["WARC-Truncated"] = exchange.truncated
    warc_headers.update(exchange.extra_warc_headers)
    return warc_headers


def response_record(builder: RecordBuilder, exchange: Exchange, warcinfo_id: str):
    response = exchange.response
    http_headers = _response_http_headers(exchange)
    warc_headers = _response_warc_headers(exchange, warcinfo_id)
    return builder.create_warc_record(
        exchange.request.url, "response",
        payload=BytesIO(response.body), length=len(response.body),
        http_headers=http_headers, warc_headers_dict=warc_headers,
    )


def revisit_record(builder: RecordBuilder, exchange: Exchange, warcinfo_id: str, original: StoredCopy, profile: str):
    """HTTP headers of this exchange, the payload left to `original` (identical, or not modified)."""
    warc_headers = _response_warc_headers(exchange, warcinfo_id)
    warc_headers["WARC-Refers-To"] = original.record_id
    record = builder.create_revisit_record(
        exchange.request.url, original.payload_digest, original.target_uri, original.warc_date,
        http_headers=_response_http_headers(exchange), warc_headers_dict=warc_headers,
    )
    record.rec_headers.replace_header("WARC-Profile", profile)
    return record


def request_record(builder: RecordBuilder, exchange: Exchange, warcinfo_id: str, response_id: str):
    request = exchange.request
    target, host = _request_target(request.url)
    headers = list(request.headers)
    if not header_values(headers, "Host"):
        headers.insert(0, ("Host", host))
    http_headers = StatusAndHeaders(f"{request.method} {target} {request.protocol}", headers, protocol="")
    warc_headers = {
        "WARC-Date": warc_date(exchange),
        "WARC-Warcinfo-ID": warcinfo_id,
        "WARC-Concurrent-To": response_id,
    }
    return builder.create_warc_record(
        request.url, "request",
        payload=BytesIO(request.body), length=len(request.body),
        http_headers=http_headers, warc_headers_dict=warc_headers,
    )
