"""HTML pages read back from WARC files, in capture order: what re-extraction works on.

Streams: one record in memory at a time. To resolve ``revisit`` records (identical payload)
it keeps the ID and location of every HTML response seen (about 150 bytes each), never bodies.
Revisits of a 304 carry no payload and say nothing new about the page, so they are passed over.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.exchange import Headers
from archive.http_body import UndecodableBody, decoded_body
from archive.records import IDENTICAL_PAYLOAD

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class RecordLocation:
    filename: str
    record_id: str
    offset: int


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
        return next((v for k, v in self.headers if k.lower() == "content-type"), None)


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


def _payload_of(path: Path, offset: int) -> bytes:
    with open(path, "rb") as stream:
        stream.seek(offset)
        return next(iter(ArchiveIterator(stream))).raw_stream.read()


def archived_pages(warc_paths: Iterable[Path], problems: list[str] | None = None) -> Iterator[ArchivedPage]:
    """Every HTML page captured with status 200, oldest file first; bodies that do not decode
    are reported in `problems` (when given) and skipped."""
    originals: dict[str, tuple[Path, int]] = {}
    for path in sorted(map(Path, warc_paths)):
        warcinfo: dict[str, str] = {}
        with open(path, "rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                if record.rec_type == "warcinfo":
                    warcinfo = _warc_fields(record.raw_stream.read())
                    continue
                if record.rec_type not in ("response", "revisit") or not _is_html(record):
                    continue
                headers = list(record.http_headers.headers)
                if record.rec_type == "response":
                    payload = record.raw_stream.read()
                    offset = iterator.get_record_offset()
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    originals[record_id] = (path, offset)
                    location = RecordLocation(path.name, record_id, offset)
                elif record.rec_headers.get_header("WARC-Profile") == IDENTICAL_PAYLOAD:
                    original_id = record.rec_headers.get_header("WARC-Refers-To")
                    if original_id not in originals:
                        if problems is not None:
                            problems.append(f"{path.name}: revisit of {original_id}, which is not in these files")
                        continue
                    original_path, offset = originals[original_id]
                    payload = _payload_of(original_path, offset)
                    location = RecordLocation(original_path.name, original_id, offset)
                else:
                    continue
                try:
                    body = decoded_body(headers, payload)
                except UndecodableBody as error:
                    if problems is not None:
                        problems.append(f"{path.name} {location.record_id}: {error}")
                    continue
                yield ArchivedPage(record.rec_headers.get_header("WARC-Target-URI"), _captured_at(record), headers, body,
                                   location, warcinfo)
