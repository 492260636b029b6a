"""WARC records read back one at a time, from .warc.gz or plain .warc files, never a whole file.

A gzip file is walked member by member (archive/warc/members.py) and warcio parses each member,
so a record's offset is the start of its member, records sharing a member are seen, and a file
cut while it was written is told apart from a complete one. Anything that is not a readable WARC
raises UnreadableWarc, naming the file and the offset where reading had to stop.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from archive.warc.members import GZIP_MAGIC, CutMember, GzipMember, NotGzip, gzip_members

NOT_A_WARC = "not a gzip/WARC file"


class UnreadableWarc(ValueError):
    """A file, or the bytes at `offset` in it, that cannot be read as WARC; `cut` when it ends too soon."""

    def __init__(self, path: Path, offset: int, problem: str, cut: bool = False):
        where = str(path) if offset == 0 else f"{path} @{offset}"
        super().__init__(f"{where}: {problem}")
        self.path, self.offset, self.problem, self.cut = path, offset, problem, cut


class _QuietWarcIterator(WARCIterator):
    """warcio's iterator for WARC only (bytes that happen to look like an ARC header are not WARC),
    with its warning about a Content-Length that does not match the record
    kept off stderr: it is counted in `err_count` and raised here as UnreadableWarc instead."""
    INC_RECORD = ""


@dataclass
class StoredRecord:
    record: ArcWarcRecord  # its block is read from `record.raw_stream` before the next record comes
    offset: int  # of its gzip member (in a plain .warc file, of the record itself)
    member: int  # which gzip member holds it, counting from 0 (a plain file's records count one each)


class _ReadableMember:
    """A gzip member as warcio reads it, its faults raised as UnreadableWarc naming the file."""

    def __init__(self, path: Path, member: GzipMember):
        self._path, self._member = path, member

    def read(self, size: int = -1) -> bytes:
        try:
            return self._member.read(size)
        except CutMember as error:
            raise UnreadableWarc(self._path, error.offset, error.problem, cut=True) from None


def _records_in(path: Path, stream, member_start: int | None, member_index: int, check_digests: bool) -> Iterator[StoredRecord]:
    """The records of one gzip member (starting at `member_start`), or of a whole plain file (None)."""
    iterator = _QuietWarcIterator(stream, check_digests=check_digests)
    try:
        for index, record in enumerate(iterator):
            if member_start is None:  # a plain file: every record stands on its own
                offset, member = iterator.offset, index
            else:
                offset, member = member_start, member_index
            yield StoredRecord(record, offset, member)
            iterator.read_to_end()
            if iterator.err_count:
                raise UnreadableWarc(path, offset, "record does not end where its Content-Length says")
            if getattr(record.raw_stream, "limit", 0) > 0:
                if member_start is None:
                    raise UnreadableWarc(path, offset, "record is cut short: the file ends inside it", cut=True)
                raise UnreadableWarc(path, offset, "record is shorter than its Content-Length says")
    except ArchiveLoadFailed as error:
        offset = iterator.offset if member_start is None else member_start
        problem = NOT_A_WARC if offset == 0 else f"not a WARC record ({str(error).strip().splitlines()[0]})"
        raise UnreadableWarc(path, offset, problem) from None


def warc_records(path: Path, check_digests: bool = False) -> Iterator[StoredRecord]:
    """Every record of a WARC file, in order; raises UnreadableWarc where the file stops being WARC."""
    with open(path, "rb") as stream:
        if stream.read(len(GZIP_MAGIC)) != GZIP_MAGIC:
            stream.seek(0)
            yield from _records_in(path, stream, None, 0, check_digests)
            return
        stream.seek(0)
        try:
            for index, member in enumerate(gzip_members(stream)):
                yield from _records_in(path, _ReadableMember(path, member), member.start, index, check_digests)
        except NotGzip as error:
            raise UnreadableWarc(path, error.offset, NOT_A_WARC if error.offset == 0 else "bytes that are not a gzip member") from None
        except CutMember as error:
            raise UnreadableWarc(path, error.offset, error.problem, cut=True) from None


def unreadable_from_the_start(path: Path) -> UnreadableWarc | None:
    """Why `path` is not a WARC file at all (its first record unreadable, or no record), else None."""
    records = warc_records(path)
    try:
        if next(records, None) is None:
            return UnreadableWarc(path, 0, "empty: no WARC records")
        next(records, None)  # the first record's own checks run as the next one is reached
    except UnreadableWarc as error:
        return error if error.offset == 0 else None
    finally:
        records.close()
    return None
