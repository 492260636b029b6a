"""Each WARC record written as its own gzip member: what warcio, its own gzip off, writes a record to.

warcio's gzip writer deflates every byte of a record at level 9. A body the server already
compressed (gzip, brotli), or its format did (JPEG, WOFF2: the table in archive/warc/write.py),
does not shrink when deflated again, yet it is most of its record and deflating it was most of
the cost of capturing it (~125 µs of ~140 for a 7 KB gzipped demo page, ~4 ms for a 60 KB photo).
Such a payload goes into the member in stored deflate blocks; the headers before it are deflated
at level 9 as before. The member is an ordinary gzip member (one deflate stream, CRC-32
and length of the whole record), which every reader inflates to the same record bytes; it is even
a little smaller, since one Huffman block no longer has to cover both text and random bytes.
"""

import struct
import zlib
from typing import BinaryIO

_LEVEL = 9  # warcio's
_HEADERS_ROOM = 4096  # the WARC and HTTP headers before a record's payload, about


def _compressor(level: int, size: int, gzip: bool = True):
    """A compressor whose window and memory fit `size` bytes of input. With zlib's defaults (32 KB
    window, memLevel 8) each compressor allocated ~270 KB, its largest block from fresh pages
    (mmap) that page-faulted as they were filled: ~20 faults, ~25 us of system time a record, for
    a record of 1-2 KB. A window at least as long as the input finds the same matches."""
    window_bits = max(9, min(zlib.MAX_WBITS, size.bit_length()))
    wbits = 16 + window_bits if gzip else -window_bits  # a gzip header and trailer, or a raw deflate stream
    return zlib.compressobj(level, zlib.DEFLATED, wbits, max(1, window_bits - 7))


class GzipMemberOutput:
    """A file-like object: `begin_record`, then warcio's writes of one record, then its `flush` ends the member."""

    def __init__(self, file: BinaryIO):
        self._file = file
        self._compressor = None
        self._held: list[bytes] = []
        self._stored_size = 0

    def begin_record(self, payload_size: int, stored_size: int = 0) -> None:
        """A new member for a record with a payload of `payload_size` bytes; the record's last
        `stored_size` bytes (a payload already compressed, and the record's closing blank lines)
        are kept in stored blocks rather than deflated."""
        self._stored_size = stored_size
        self._held = []
        self._compressor = None if stored_size else _compressor(_LEVEL, payload_size + _HEADERS_ROOM)

    def write(self, data: bytes) -> None:
        if self._stored_size:
            self._held.append(data)
        else:
            self._file.write(self._compressor.compress(data))

    def flush(self) -> None:
        """The end of the record (warcio flushes once, after its closing blank lines)."""
        if self._stored_size:
            self._file.write(_member_with_stored_tail(b"".join(self._held), self._stored_size))
            self._held = []
        else:
            self._file.write(self._compressor.flush())
        self._compressor = None


def _member_with_stored_tail(record: bytes, stored_size: int) -> bytes:
    record = memoryview(record)
    head, tail = record[:-stored_size], record[-stored_size:]
    # zlib writes the gzip header and deflates the head, ending on a byte boundary without ending
    # the stream (a sync flush); the tail's stored blocks end it; the trailer covers the whole record.
    deflater = _compressor(_LEVEL, len(head))
    storer = _compressor(0, 0, gzip=False)  # stored blocks need no window
    checksum = zlib.crc32(tail, zlib.crc32(head))
    return b"".join((
        deflater.compress(head), deflater.flush(zlib.Z_SYNC_FLUSH),
        storer.compress(tail), storer.flush(),
        struct.pack("<II", checksum, len(record) & 0xFFFFFFFF),
    ))
