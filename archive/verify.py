"""Checks a WARC collection against what a faithful archive needs (docs/warc.md lists them).

``warcio check`` only compares digests. These checks also catch what breaks replay: an HTTP
Content-Length that disagrees with the stored body, a body stored decompressed under a
``Content-Encoding: gzip`` header, a response without its request, records sharing a gzip
member, a file without warcinfo first, and non-page records typed as HTML at a page's URI.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.gzip_members import gzip_members
from archive.warc_writer import OPEN_SUFFIX

HTTP_RECORD_TYPES = ("response", "request", "revisit")


@dataclass
class Problem:
    file: str
    offset: int | None
    record_id: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.offset is None else f"{self.file} @{self.offset}"
        return f"{where} {self.record_id or ''}: {self.message}".replace("  ", " ")


@dataclass
class RecordSummary:
    file: str
    offset: int
    record_id: str
    record_type: str
    target_uri: str | None
    content_type: str
    concurrent_to: list[str]


@dataclass
class Report:
    files: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.files > 0


def warc_files(paths) -> list[Path]:
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.name.endswith((".warc", ".warc.gz", OPEN_SUFFIX)))
        else:
            found.append(path)
    return found


def _members(path: Path, data: bytes) -> Iterator[tuple[int, bytes]]:
    if path.name.endswith((".gz", ".gz" + OPEN_SUFFIX)):
        for offset, _, member in gzip_members(data):
            yield offset, member
    else:
        yield 0, data


def _read_records(member: bytes):
    iterator = ArchiveIterator(BytesIO(member), check_digests=True)
    for record in iterator:
        payload = record.raw_stream.read()
        yield record, payload


def _is_chunked(body: bytes) -> bool:
    """Whether the body is a complete chunked transfer coding (size line, data, ..., 0)."""
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            return False
        try:
            size = int(body[position:line_end].split(b";", 1)[0], 16)
        except ValueError:
            return False
        if size == 0:
            return True
        position = line_end + 2 + size + 2
        if position > len(body):
            return False


def _check_record(record, payload: bytes, problem) -> None:
    headers = record.rec_headers
    if record.digest_checker.passed is False:
        for message in record.digest_checker.problems:
            problem(f"digest: {message}")
    if record.rec_type in ("response", "resource", "metadata", "request") and not headers.get_header("WARC-Block-Digest"):
        problem("no WARC-Block-Digest")
    if record.rec_type != "response" or record.http_headers is None:
        return
    if not headers.get_header("WARC-Payload-Digest"):
        problem("response without WARC-Payload-Digest")
    if not headers.get_header("WARC-IP-Address"):
        problem("response without WARC-IP-Address")
    http = record.http_headers
    truncated = headers.get_header("WARC-Truncated")
    declared = http.get_header("Content-Length")
    if declared is not None and not truncated and declared.strip() != str(len(payload)):
        problem(f"HTTP Content-Length is {declared.strip()} but {len(payload)} bytes are stored")
    if "chunked" in (http.get_header("Transfer-Encoding") or "").lower() and not _is_chunked(payload):
        problem("Transfer-Encoding: chunked, but the stored body has no chunk framing (drop the header)")
    encoding = (http.get_header("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip") and payload and not payload.startswith(b"\x1f\x8b"):
        problem("Content-Encoding: gzip, but the stored body is not gzip (it was stored decompressed)")
    if len(http.statusline.split(" ", 1)) < 2:
        problem(f"status line without reason phrase: {http.statusline!r}")


def verify(paths) -> Report:
    report = Report()
    summaries: list[RecordSummary] = []
    for path in warc_files(paths):
        report.files += 1
        name = str(path)
        if path.name.endswith(OPEN_SUFFIX):
            report.problems.append(Problem(name, None, None, "file is still .open: the writer never closed it"))
        try:
            data = path.read_bytes()
            members = list(_members(path, data))
        except (OSError, ValueError) as error:
            report.problems.append(Problem(name, None, None, f"unreadable: {error}"))
            continue
        versions, warcinfo_ids = set(), set()
        for index, (offset, member) in enumerate(members):
            try:
                records = list(_read_records(member))
            except ArchiveLoadFailed as error:
                report.problems.append(Problem(name, offset, None, f"not a WARC record: {str(error).strip()}"))
                continue
            if len(records) != 1:
                report.problems.append(Problem(name, offset, None, f"{len(records)} records in one gzip member (need one each)"))
            for record, payload in records:
                report.records += 1
                headers = record.rec_headers
                record_id = headers.get_header("WARC-Record-ID")
                problem = lambda message, o=offset, r=record_id: report.problems.append(Problem(name, o, r, message))  # noqa: E731
                versions.add(headers.protocol)
                if index == 0 and record.rec_type != "warcinfo":
                    problem(f"first record is {record.rec_type}, not warcinfo")
                if record.rec_type == "warcinfo":
                    warcinfo_ids.add(record_id)
                elif headers.get_header("WARC-Warcinfo-ID") not in warcinfo_ids:
                    problem("WARC-Warcinfo-ID missing or not naming this file's warcinfo")
                _check_record(record, payload, problem)
                summaries.append(RecordSummary(
                    name, offset, record_id, record.rec_type, headers.get_header("WARC-Target-URI"),
                    (headers.get_header("Content-Type") or "").lower(),
                    [v for k, v in headers.headers if k.lower() == "warc-concurrent-to"],
                ))
        if len(versions) > 1:
            report.problems.append(Problem(name, None, None, f"more than one WARC version: {sorted(versions)}"))
    _check_collection(summaries, report)
    return report


def _check_collection(summaries: list[RecordSummary], report: Report) -> None:
    """Checks across files: every response has its request; no HTML-typed non-page record at a page URI."""
    request_targets = {c for s in summaries if s.record_type == "request" for c in s.concurrent_to}
    page_uris = {s.target_uri for s in summaries if s.record_type in ("response", "revisit")}
    for s in summaries:
        if s.record_type == "response" and s.record_id not in request_targets:
            report.problems.append(Problem(s.file, s.offset, s.record_id, f"response for {s.target_uri} has no request record"))
        if s.record_type in ("metadata", "resource") and s.target_uri in page_uris and "html" in s.content_type:
            report.problems.append(Problem(s.file, s.offset, s.record_id, f"{s.record_type} record typed {s.content_type} at page URI {s.target_uri}: replay could serve it as the page"))
