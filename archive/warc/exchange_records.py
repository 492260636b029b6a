"""Building WARC records for an exchange, serialised by warcio's writer.

Their WARC headers are built whole here (warcio's own order and values), payload digests included,
so warcio only adds the block digest, content type and length as it writes.

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
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
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


def _sha1_digest(data: bytes) -> str:
    digester = Digester("sha1")
    digester.update(data)
    return str(digester)


_EMPTY_PAYLOAD_DIGEST = _sha1_digest(b"")  # every GET's request record has it


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio writes for this body (sha1, base32)."""
    return _sha1_digest(body) if body else _EMPTY_PAYLOAD_DIGEST


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


def _response_warc_headers(exchange: Exchange, warcinfo_id: str, date: str) -> Headers:
    warc_headers = [("WARC-Date", date), ("WARC-Warcinfo-ID", warcinfo_id)]
    if exchange.ip_address:
        warc_headers.append(("WARC-IP-Address", exchange.ip_address))
    if exchange.truncated:
        warc_headers.append(("WARC-Truncated", exchange.truncated))
    return warc_headers


def record_headers(first: Headers, record_type: str, uri: str, *last: tuple[str, str]) -> StatusAndHeaders:
    """A record's WARC headers, built whole and in the order warcio's own builder gives them
    (`first`, type, a new record ID, target URI, then `last`), so warcio has no header to look up,
    add or digest again before writing; its writer adds the block digest, content type and length."""
    return StatusAndHeaders("", [
        *first, ("WARC-Type", record_type), ("WARC-Record-ID", StatusAndHeadersParser.make_warc_id()),
        ("WARC-Target-URI", uri), *last,
    ], protocol=WARC_VERSION)


def _response_record(builder: RecordBuilder, exchange: Exchange, warc_headers: Headers, digest: str):
    response = exchange.response
    return builder.create_warc_record(
        exchange.request.url, "response", payload=BytesIO(response.body), length=len(response.body),
        http_headers=_response_http_headers(exchange),
        warc_headers=record_headers(warc_headers, "response", exchange.request.url, ("WARC-Payload-Digest", digest)),
    )


def _revisit_record(builder: RecordBuilder, exchange: Exchange, warc_headers: Headers, original: StoredCopy, profile: str):
    """HTTP headers of this exchange, the payload left to `original` (identical, or not modified)."""
    record = builder.create_revisit_record(
        exchange.request.url, original.payload_digest, original.target_uri, original.warc_date,
        http_headers=_response_http_headers(exchange),
        warc_headers_dict={**dict(warc_headers), "WARC-Refers-To": original.record_id},
    )
    record.rec_headers.replace_header("WARC-Profile", profile)
    return record


def _request_record(builder: RecordBuilder, exchange: Exchange, date: str, warcinfo_id: str, response_id: str):
    request = exchange.request
    target, host = _request_target(request.url)
    headers = list(request.headers)
    if not header_values(headers, "Host"):
        headers.insert(0, ("Host", host))
    warc_headers = [("WARC-Date", date), ("WARC-Warcinfo-ID", warcinfo_id), ("WARC-Concurrent-To", response_id)]
    return builder.create_warc_record(
        request.url, "request", payload=BytesIO(request.body), length=len(request.body),
        http_headers=StatusAndHeaders(f"{request.method} {target} {request.protocol}", headers, protocol=""),
        warc_headers=record_headers(warc_headers, "request", request.url, ("WARC-Payload-Digest", payload_digest(request.body))),
    )


def exchange_records(
    builder: RecordBuilder, exchange: Exchange, warcinfo_id: str, digest: str,
    revisit_of: StoredCopy | None = None, profile: str = "",
):
    """The response record (or, given `revisit_of`, a revisit record with that profile) and its request record.

    `digest` is the response body's payload digest, which the caller has already worked out."""
    date = warc_date(exchange)
    warc_headers = _response_warc_headers(exchange, warcinfo_id, date)
    if revisit_of is None:
        response = _response_record(builder, exchange, warc_headers, digest)
    else:
        response = _revisit_record(builder, exchange, warc_headers, revisit_of, profile)
    response_id = response.rec_headers.get_header("WARC-Record-ID")
    return response, _request_record(builder, exchange, date, warcinfo_id, response_id)
