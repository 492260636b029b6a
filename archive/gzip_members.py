"""Walking a .warc.gz file member by member: each WARC record is its own gzip member."""

import zlib
from collections.abc import Iterator


class CutMember(ValueError):
    """A gzip member that ends before its end marker: the file was cut while being written."""

    def __init__(self, offset: int):
        super().__init__(f"gzip member at offset {offset} is cut short")
        self.offset = offset


def gzip_members(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(start offset, end offset, decompressed bytes) of each gzip member."""
    offset = 0
    while offset < len(data):
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            member = decompressor.decompress(data[offset:])
        except zlib.error as error:
            raise CutMember(offset) from error
        if not decompressor.eof:
            raise CutMember(offset)
        end = len(data) - len(decompressor.unused_data)
        yield offset, end, member
        offset = end
