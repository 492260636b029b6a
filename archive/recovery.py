"""Closing the ``.open`` WARC file a killed crawl left behind, without losing what it holds.

The file is cut back to the last point where it was consistent: after a complete request/response
(or revisit) pair, or a complete warcinfo/metadata/resource record. A response whose request never
made it, and a record cut mid-write, are dropped; the page they belong to is fetched again.
"""

import os
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.gzip_members import CutMember, gzip_members
from archive.warc_writer import OPEN_SUFFIX

_OPENS_A_PAIR = ("response", "revisit")


@dataclass
class Recovery:
    open_file: str
    closed_file: str | None
    records_kept: int
    bytes_dropped: int


def _record_type(member: bytes) -> str | None:
    try:
        record = next(iter(ArchiveIterator(BytesIO(member))), None)
    except ArchiveLoadFailed:
        return None
    return record.rec_type if record else None


def recover_open_file(path: Path) -> Recovery:
    data = path.read_bytes()
    consistent_end, kept, records, pair_open = 0, 0, 0, False
    try:
        for _, end, member in gzip_members(data):
            record_type = _record_type(member)
            if record_type is None:
                break
            records += 1
            if record_type in _OPENS_A_PAIR:
                pair_open = True
            elif record_type == "request" or not pair_open:
                pair_open = False
                consistent_end, kept = end, records
    except CutMember:
        pass
    final = path.with_name(path.name[: -len(OPEN_SUFFIX)])
    if consistent_end == 0:
        path.unlink()
        return Recovery(path.name, None, 0, len(data))
    with open(path, "r+b") as stream:
        stream.truncate(consistent_end)
    os.replace(path, final)
    return Recovery(path.name, final.name, kept, len(data) - consistent_end)


def recover_directory(directory: Path) -> list[Recovery]:
    return [recover_open_file(p) for p in sorted(directory.glob("*" + OPEN_SUFFIX))]
