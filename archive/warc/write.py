"""WARC files written the way archivists expect.

One gzip member per record; a ``warcinfo`` record first in every file; files named so they sort
and never collide across machines (prefix, timestamp, serial, host, worker); written under an
``.open`` name and renamed when complete; rotated at a size limit between exchanges, so a request
and its response always share a file.
"""

import os
import re
import socket
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from warcio.warcwriter import WARCWriter

from archive.exchange import Exchange
from archive.warc.exchange_records import WARC_VERSION, StoredCopy, exchange_records, payload_digest, record_headers
from archive.warc.files import OPEN_SUFFIX
from archive.warc.headers import content_codings, first_header
from archive.warc.location import RecordLocation
from archive.warc.member_output import GzipMemberOutput

DEFAULT_MAX_SIZE = 1_000_000_000


def _safe_name_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-.") or "x"


# Media types their format already compresses: level-9 deflate saved under 2 % of their size
# (real photos as JPEG 0.0-2.6 %, WebP 0.6 %, AVIF 0.0 %, WOFF 0.1 %, WOFF2 0.02 %, gzip and xz
# files none, DOCX-shaped zips of real portal text 0.2-0.8 %) at 20-40 µs of CPU a KB, where
# stored blocks cost under 1 µs a KB. Left out because deflate still saved more: PNG (2.5 % made by
# Pillow, 16 % for PNGs found on disk), GIF 6 %, PDF 1.5-52 %, plain zip 6-10 %, bz2 2.8 %, WAV.
_COMPRESSED_MEDIA_TYPES = frozenset({
    "image/jpeg", "image/webp", "image/avif",
    "font/woff", "font/woff2", "application/font-woff",
    "application/gzip", "application/x-gzip", "application/x-xz",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
})


def _media_type(headers) -> str:
    return (first_header(headers, "Content-Type") or "").split(";", 1)[0].strip().lower()


def _compressed_payload_size(exchange: Exchange) -> int:
    """The body's length when the server or its format compressed it (deflating it again gains
    nothing), else 0."""
    response = exchange.response
    encoded = any(coding != "identity" for coding in content_codings(response.headers))
    return len(response.body) if encoded or _media_type(response.headers) in _COMPRESSED_MEDIA_TYPES else 0


class RotatingWarcWriter:
    def __init__(
        self,
        directory: str | os.PathLike,
        warcinfo: dict[str, str],
        prefix: str = "portal-archive",
        max_size: int = DEFAULT_MAX_SIZE,
        worker_id: str | None = None,
    ):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.warcinfo_fields = dict(warcinfo)
        self.prefix = _safe_name_part(prefix)
        self.max_size = max_size
        self.host = _safe_name_part(self.hostname())
        self.worker_id = _safe_name_part(worker_id or str(os.getpid()))
        self.closed_files: list[str] = []
        self._serial = 0
        self._file = None
        self._output: GzipMemberOutput | None = None
        self._writer: WARCWriter | None = None
        self._name = ""
        self._warcinfo_id = ""

    @staticmethod
    def hostname() -> str:
        return socket.gethostname()

    @property
    def current_file(self) -> str | None:
        return self._name or None

    def _start_file(self) -> None:
        self._serial += 1
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S%f")[:17]
        self._name = f"{self.prefix}-{stamp}-{self._serial:05d}-{self.host}-{self.worker_id}.warc.gz"
        self._file = open(self.directory / (self._name + OPEN_SUFFIX), "xb")
        self._output = GzipMemberOutput(self._file)
        # The records' gzip members are the output's to write (archive/warc/member_output.py).
        self._writer = WARCWriter(self._output, gzip=False, warc_version=WARC_VERSION)
        warcinfo = self._writer.create_warcinfo_record(self._name, self.warcinfo_fields)
        self._warcinfo_id = warcinfo.rec_headers.get_header("WARC-Record-ID")
        self._write(warcinfo)
        self._file.flush()

    def _write(self, record, stored_payload: int = 0) -> RecordLocation:
        """One record, one gzip member; a payload of `stored_payload` bytes is kept uncompressed in it."""
        offset = self._file.tell()
        # + the record's closing CRLF CRLF
        self._output.begin_record(record.payload_length or 0, stored_payload + 4 if stored_payload else 0)
        self._writer.write_record(record)
        return RecordLocation(self._name, record.rec_headers.get_header("WARC-Record-ID"), offset, self._file.tell() - offset)

    def _ensure_file(self) -> None:
        if self._file is None:
            self._start_file()

    def _rotate_if_full(self) -> None:
        if self._file is not None and self._file.tell() >= self.max_size:
            self._close_file()

    def write_exchange(
        self, exchange: Exchange, revisit_of: StoredCopy | None = None, profile: str = "", digest: str | None = None,
    ) -> RecordLocation:
        """Write the response (or, given `revisit_of`, a revisit record with that profile) and its request.

        `digest` is the body's payload digest when the caller has it already. Returns where the
        response or revisit record is.
        """
        self._ensure_file()
        response, request = exchange_records(
            self._writer, exchange, self._warcinfo_id, digest or payload_digest(exchange.response.body), revisit_of, profile,
        )
        location = self._write(response, stored_payload=_compressed_payload_size(exchange) if revisit_of is None else 0)
        self._write(request)
        self._file.flush()
        self._rotate_if_full()
        return location

    def write_resource(
        self, uri: str, content_type: str, data: bytes, record_type: str = "resource", extra_headers: dict | None = None,
    ) -> RecordLocation:
        """A log, configuration, metadata or other non-HTTP record (never served by replay as a page)."""
        self._ensure_file()
        digest = payload_digest(data)  # no HTTP headers: the block is the payload
        first = {"WARC-Warcinfo-ID": self._warcinfo_id, **(extra_headers or {})}.items()
        record = self._writer.create_warc_record(
            uri, record_type, payload=BytesIO(data), length=len(data), warc_content_type=content_type,
            warc_headers=record_headers(
                first, record_type, uri,
                ("WARC-Date", self._writer.curr_warc_date()), ("WARC-Payload-Digest", digest), ("WARC-Block-Digest", digest),
            ),
        )
        # Not flushed on its own (a write call a page for the outlinks record): it goes to disk with
        # the next exchange, which is flushed before the crawl state names it, or at close.
        return self._write(record)

    def _close_file(self) -> None:
        self._file.close()
        os.replace(self.directory / (self._name + OPEN_SUFFIX), self.directory / self._name)
        self.closed_files.append(self._name)
        self._file = self._output = self._writer = None
        self._name = ""

    def close(self) -> None:
        if self._file is not None:
            self._close_file()
