"""Checks a WARC collection against what a faithful archive needs (docs/warc.md lists them).

``warcio check`` only compares digests. These checks also catch what breaks replay: an HTTP
Content-Length that disagrees with the stored body, a body stored decompressed under a
``Content-Encoding: gzip`` header, a response without its request, records sharing a gzip
member, a file without warcinfo first, and non-page records typed as HTML at a page's URI.
Files are streamed record by record: memory stays small whatever their size.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archive.warc.files import find_warc_files, is_open
from archive.warc.headers import content_codings, header_values, is_chunked
from archive.warc.http_body import UndecodableBody, dechunked
from archive.warc.read import StoredRecord, UnreadableWarc, warc_records

_BLOCK_SIZE = 64 * 1024


@dataclass
class Problem:
    file: str
    offset: int | None
    record_id: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] + ([f"@{self.offset}"] if self.offset is not None else []) + ([self.record_id] if self.record_id else [])
        return f"{' '.join(where)}: {self.message}"


@dataclass
class Report:
    files: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.files > 0


@dataclass
class _Collection:
    """What the checks across files need, kept small: IDs and URIs, never bodies."""
    requested: set[str] = field(default_factory=set)  # response IDs that a request record points at
    responses: list[tuple[str, int, str, str]] = field(default_factory=list)  # file, offset, ID, URI
    page_uris: set[str] = field(default_factory=set)
    html_non_pages: list[tuple[str, int, str, str, str, str]] = field(default_factory=list)


class _CountedPayload:
    """A record's payload read once, in blocks: counts its bytes and keeps the first two."""

    def __init__(self, stream):
        self._stream = stream
        self.length = 0
        self.head = b""

    def _seen(self, data: bytes) -> bytes:
        if len(self.head) < 2:
            self.head = (self.head + data)[:2]
        self.length += len(data)
        return data

    def read(self, size: int = _BLOCK_SIZE) -> bytes:
        return self._seen(self._stream.read(size))

    def readline(self, size: int = _BLOCK_SIZE) -> bytes:
        return self._seen(self._stream.readline(size))

    def read_through(self) -> None:
        while self.read():
            pass


def _check_http_payload(record, problem) -> None:
    http = record.http_headers
    payload = _CountedPayload(record.raw_stream)
    if is_chunked(http.headers):
        try:
            for _ in dechunked(payload):
                pass
        except UndecodableBody as error:
            problem(f"Transfer-Encoding: chunked, but the stored body has no chunk framing ({error}; drop the header)")
    payload.read_through()
    declared = http.get_header("Content-Length")
    if declared is not None and not record.rec_headers.get_header("WARC-Truncated") and declared.strip() != str(payload.length):
        problem(f"HTTP Content-Length is {declared.strip()} but {payload.length} bytes are stored")
    codings = content_codings(http.headers)
    if codings and codings[-1] in ("gzip", "x-gzip") and payload.length and payload.head != b"\x1f\x8b":
        problem("Content-Encoding: gzip, but the stored body is not gzip (it was stored decompressed)")
    if len(http.statusline.split(" ", 1)) < 2:
        problem(f"status line without reason phrase: {http.statusline!r}")


def _check_record(record, problem) -> None:
    headers = record.rec_headers
    if record.rec_type in ("response", "resource", "metadata", "request") and not headers.get_header("WARC-Block-Digest"):
        problem("no WARC-Block-Digest")
    if record.rec_type == "response" and record.http_headers is not None:
        if not headers.get_header("WARC-Payload-Digest"):
            problem("response without WARC-Payload-Digest")
        if not headers.get_header("WARC-IP-Address"):
            problem("response without WARC-IP-Address")
        _check_http_payload(record, problem)
    while record.raw_stream.read(_BLOCK_SIZE):  # the digests are checked once the block is read through
        pass
    if record.digest_checker.passed is False:
        for message in record.digest_checker.problems:
            problem(f"digest: {message}")


def _note_for_collection(stored: StoredRecord, name: str, record_id: str, collection: _Collection) -> None:
    record, headers = stored.record, stored.record.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    if record.rec_type == "request":
        collection.requested.update(header_values(headers.headers, "WARC-Concurrent-To"))
    elif record.rec_type in ("response", "revisit"):
        collection.page_uris.add(uri)
        if record.rec_type == "response":
            collection.responses.append((name, stored.offset, record_id, uri))
    content_type = (headers.get_header("Content-Type") or "").lower()
    if record.rec_type in ("metadata", "resource") and "html" in content_type:
        collection.html_non_pages.append((name, stored.offset, record_id, record.rec_type, uri, content_type))


def _check_file(path: Path, report: Report, collection: _Collection) -> None:
    name = str(path)
    if is_open(path):
        report.problems.append(Problem(name, None, None, "file is still .open: the writer never closed it"))
    versions, warcinfo_ids, records_before = set(), set(), report.records
    previous_offset, sharing = None, Counter()  # gzip members holding more than one record
    try:
        for stored in warc_records(path, check_digests=True):
            record, headers = stored.record, stored.record.rec_headers
            report.records += 1
            if stored.offset == previous_offset:
                sharing[stored.offset] += 1
            previous_offset = stored.offset
            record_id = headers.get_header("WARC-Record-ID")
            problem = lambda message, o=stored.offset, r=record_id: report.problems.append(Problem(name, o, r, message))  # noqa: E731
            versions.add(headers.protocol)
            if stored.member == 0 and record.rec_type != "warcinfo":
                problem(f"first record is {record.rec_type}, not warcinfo")
            if record.rec_type == "warcinfo":
                warcinfo_ids.add(record_id)
            elif headers.get_header("WARC-Warcinfo-ID") not in warcinfo_ids:
                problem("WARC-Warcinfo-ID missing or not naming this file's warcinfo")
            _note_for_collection(stored, name, record_id, collection)
            _check_record(record, problem)
    except UnreadableWarc as error:
        report.problems.append(Problem(name, error.offset or None, None, error.problem))
    else:
        if report.records == records_before:
            report.problems.append(Problem(name, None, None, "empty: no WARC records"))
    for offset, more in sharing.items():
        report.problems.append(Problem(name, offset, None, f"{more + 1} records in one gzip member (need one each)"))
    if len(versions) > 1:
        report.problems.append(Problem(name, None, None, f"more than one WARC version: {sorted(versions)}"))


def _check_collection(collection: _Collection, report: Report) -> None:
    """Checks across files: every response has its request; no HTML-typed non-page record at a page URI."""
    for name, offset, record_id, uri in collection.responses:
        if record_id not in collection.requested:
            report.problems.append(Problem(name, offset, record_id, f"response for {uri} has no request record"))
    for name, offset, record_id, record_type, uri, content_type in collection.html_non_pages:
        if uri in collection.page_uris:
            report.problems.append(Problem(name, offset, record_id, f"{record_type} record typed {content_type} at page URI {uri}: replay could serve it as the page"))


def verify(paths: Iterable[Path]) -> Report:
    report, collection = Report(), _Collection()
    for path in find_warc_files(paths):
        report.files += 1
        _check_file(path, report, collection)
    _check_collection(collection, report)
    return report
