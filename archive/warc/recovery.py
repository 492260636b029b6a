"""Closing the ``.open`` WARC file a killed crawl left behind, without losing what it holds.

The file is cut back to the last point where it was consistent: after a complete request/response
(or revisit) pair, or a complete warcinfo/metadata/resource record. A response whose request never
made it, and a record cut mid-write, are dropped; the page they belong to is fetched again.
The file is read member by member, never whole.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.warc.files import closed_path, open_warc_files
from archive.warc.members import CutMember, GzipMember, NotGzip, gzip_members

_OPENS_A_PAIR = ("response", "revisit")


@dataclass
class Recovery:
    open_file: str
    closed_file: str | None
    records_kept: int
    bytes_dropped: int


def _record_type(member: GzipMember) -> str | None:
    try:
        record = next(iter(ArchiveIterator(member)), None)
    except ArchiveLoadFailed:
        return None
    return record.rec_type if record else None


def _consistent_end(path: Path) -> tuple[int, int]:
    """(offset after the last consistent record, records up to there)."""
    consistent_end, kept, records, pair_open = 0, 0, 0, False
    with open(path, "rb") as stream:
        try:
            for member in gzip_members(stream):
                record_type = _record_type(member)
                if record_type is None:
                    break
                end = member.read_through()
                records += 1
                if record_type in _OPENS_A_PAIR:
                    pair_open = True
                elif record_type == "request" or not pair_open:
                    pair_open = False
                    consistent_end, kept = end, records
        except (CutMember, NotGzip):
            pass
    return consistent_end, kept


def recover_open_file(path: Path) -> Recovery:
    size = path.stat().st_size
    consistent_end, kept = _consistent_end(path)
    if consistent_end == 0:
        path.unlink()
        return Recovery(path.name, None, 0, size)
    with open(path, "r+b") as stream:
        stream.truncate(consistent_end)
    final = closed_path(path)
    os.replace(path, final)
    return Recovery(path.name, final.name, kept, size - consistent_end)


def recover_directory(directory: Path) -> list[Recovery]:
    return [recover_open_file(p) for p in open_warc_files(directory)]
