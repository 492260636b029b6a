"""HTML pages read back from WARC files, in capture order: what re-extraction works on.

Streams: one record in memory at a time. To resolve ``revisit`` records (identical payload)
it keeps the ID and location of every HTML response seen (about 150 bytes each), never bodies.
Revisits of a 304 carry no payload and say nothing new about the page, so they are passed over.
A file that stops being readable (cut short, damaged, not WARC at all) is reported in `problems`
with what was read of it kept.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.exchange import Headers
from archive.warc.exchange_records import IDENTICAL_PAYLOAD
from archive.warc.headers import first_header
from archive.warc.http_body import UndecodableBody, decoded_body
from archive.warc.location import RecordLocation
from archive.warc.read import UnreadableWarc, warc_records

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ArchivedPage:
    url: str
    captured_at: datetime
    headers: Headers
    body: bytes  # framing and content codings removed
    location: RecordLocation  # the response record that holds the payload
    warcinfo: dict[str, str]  # fields of the warcinfo record of the file it was found in

    @property
    def content_type(self) -> str | None:
        return first_header(self.headers, "Content-Type")


@dataclass(frozen=True)
class ArchivedCapture:
    """An HTML page as stored, before its body is decoded: re-extraction has its workers decode it."""
    url: str
    captured_at: datetime
    headers: Headers
    payload: bytes  # as stored: chunked framing and content codings still on
    location: RecordLocation  # the response record that holds the payload
    warcinfo: dict[str, str]
    path: Path  # the file it was found in (for a revisit, the revisit's)

    def page(self) -> ArchivedPage:
        """The page with its body decoded; raises UndecodableBody."""
        return ArchivedPage(self.url, self.captured_at, self.headers, decoded_body(self.headers, self.payload),
                            self.location, self.warcinfo)

    def undecodable(self, error: UndecodableBody) -> "PageProblem":
        return PageProblem(f"{self.path} @{self.location.offset} {self.location.record_id}: {error}")


@dataclass(frozen=True)
class PageProblem:
    """A page, or the rest of a file, that could not be read; `file_cut` when the file ends too soon."""
    message: str
    file_cut: bool = False

    def __str__(self) -> str:
        return self.message


def _captured_at(record) -> datetime:
    value = record.rec_headers.get_header("WARC-Date").replace("Z", "+00:00")
    return datetime.fromisoformat(value).astimezone(timezone.utc)


def _is_html(record) -> bool:
    http = record.http_headers
    if http is None or http.get_statuscode() != "200":
        return False
    return (http.get_header("Content-Type") or "").split(";")[0].strip().lower() in HTML_TYPES


def _warc_fields(payload: bytes) -> dict[str, str]:
    fields = {}
    for line in payload.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _payload_of(location: RecordLocation, directory: Path) -> bytes:
    with open(directory / location.filename, "rb") as stream:
        stream.seek(location.offset)
        return next(iter(ArchiveIterator(stream))).raw_stream.read()


def _captures_of(path: Path, originals: dict[str, tuple[Path, RecordLocation]], problems: list) -> Iterator[ArchivedCapture]:
    warcinfo: dict[str, str] = {}
    for stored in warc_records(path):
        record = stored.record
        if record.rec_type == "warcinfo":
            warcinfo = _warc_fields(record.raw_stream.read())
            continue
        if record.rec_type not in ("response", "revisit") or not _is_html(record):
            continue
        headers = list(record.http_headers.headers)
        if record.rec_type == "response":
            payload = record.raw_stream.read()
            location = RecordLocation(path.name, record.rec_headers.get_header("WARC-Record-ID"), stored.offset)
            originals[location.record_id] = (path.parent, location)
        elif record.rec_headers.get_header("WARC-Profile") == IDENTICAL_PAYLOAD:
            original_id = record.rec_headers.get_header("WARC-Refers-To")
            if original_id not in originals:
                problems.append(PageProblem(f"{path}: revisit of {original_id}, which is not in these files"))
                continue
            directory, location = originals[original_id]
            payload = _payload_of(location, directory)
        else:
            continue
        yield ArchivedCapture(record.rec_headers.get_header("WARC-Target-URI"), _captured_at(record), headers, payload,
                              location, warcinfo, path)


def archived_captures(warc_paths: Iterable[Path], problems: list[PageProblem]) -> Iterator[ArchivedCapture]:
    """Every HTML page captured with status 200, oldest file first, its body not yet decoded. Files
    that stop being readable part-way are added to `problems` and passed over."""
    originals: dict[str, tuple[Path, RecordLocation]] = {}
    for path in sorted(map(Path, warc_paths)):
        try:
            yield from _captures_of(path, originals, problems)
        except UnreadableWarc as error:
            problems.append(PageProblem(str(error), file_cut=error.cut))


def archived_pages(warc_paths: Iterable[Path], problems: list[PageProblem]) -> Iterator[ArchivedPage]:
    """archived_captures() decoded: bodies that do not decode are added to `problems` and passed over."""
    for capture in archived_captures(warc_paths, problems):
        try:
            yield capture.page()
        except UndecodableBody as error:
            problems.append(capture.undecodable(error))
