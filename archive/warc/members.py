"""A .warc.gz file walked gzip member by gzip member, read in blocks: never the whole file at once.

Each WARC record is its own gzip member (docs/warc.md), so a member's start is where a reader
seeks to find its record, and a member that ends before its end marker is a file cut while it
was being written.
"""

import zlib
from collections.abc import Iterator
from typing import BinaryIO

BLOCK_SIZE = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"


class NotGzip(ValueError):
    def __init__(self, offset: int):
        super().__init__(f"bytes at offset {offset} are not a gzip member")
        self.offset = offset


class CutMember(ValueError):
    """A gzip member that ends before its end marker, or whose compressed data is damaged."""

    def __init__(self, offset: int, reason: str = "is cut short"):
        super().__init__(f"gzip member at offset {offset} {reason}")
        self.offset = offset
        self.problem = f"gzip member {reason}"


class _CompressedBytes:
    """The file's compressed bytes, with a read-ahead that a finished member gives back to the next."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._ahead = b""
        self.position = 0  # offset in the file of the next byte handed out

    def peek(self, size: int) -> bytes:
        while len(self._ahead) < size:
            block = self._stream.read(BLOCK_SIZE)
            if not block:
                break
            self._ahead += block
        return self._ahead[:size]

    def take(self) -> bytes:
        data, self._ahead = (self._ahead, b"") if self._ahead else (self._stream.read(BLOCK_SIZE), b"")
        self.position += len(data)
        return data

    def give_back(self, data: bytes) -> None:
        self._ahead = data + self._ahead
        self.position -= len(data)


class GzipMember:
    """One member's decompressed bytes as a read-only stream; `end` is known once it is read through."""

    def __init__(self, source: _CompressedBytes):
        self.start = source.position
        self.end: int | None = None
        self._source = source
        self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)

    def _inflate(self, limit: int) -> bytes:
        """Up to `limit` more decompressed bytes; b"" only at the member's end."""
        while self.end is None:
            data = self._decompressor.unconsumed_tail or self._source.take()
            if not data:
                raise CutMember(self.start)
            try:
                out = self._decompressor.decompress(data, limit)
            except zlib.error as error:
                raise CutMember(self.start, f"does not decompress ({error})") from None
            if self._decompressor.eof:
                self._source.give_back(self._decompressor.unused_data)
                self.end = self._source.position
            if out:
                return out
        return b""

    def read(self, size: int = -1) -> bytes:
        """Like a file's read: `size` bytes unless the member ends first. A short read mid-member
        would make warcio, which sniffs its first read for gzip, drop bytes it could not judge."""
        if size is None or size < 0:
            return b"".join(iter(lambda: self._inflate(BLOCK_SIZE), b""))
        parts, wanted = [], size
        while wanted and (out := self._inflate(wanted)):
            parts.append(out)
            wanted -= len(out)
        return b"".join(parts)

    def read_through(self) -> int:
        """Skip what is left of the member; returns its end offset."""
        while self._inflate(BLOCK_SIZE):
            pass
        return self.end


def gzip_members(stream: BinaryIO) -> Iterator[GzipMember]:
    """Each gzip member of `stream`, in order; what the caller leaves unread of one is skipped.

    Raises NotGzip where bytes are not a gzip member, CutMember where a member is cut or damaged.
    """
    source = _CompressedBytes(stream)
    while source.peek(1):
        if source.peek(2) != GZIP_MAGIC:
            raise NotGzip(source.position)
        member = GzipMember(source)
        yield member
        member.read_through()
