"""JSON Lines files, the one way this project reads and writes them.

The rule for an unfinished last line: a line is a record only once its newline is written. A
crawl appends one flushed line at a time, so a reader may meet the line being written (or the
one a killed process left): readers skip it, and the next writer to append cuts it off first.
Any other line that is not a JSON object is an error naming the file and the line.
"""

import gzip
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


class JsonLinesError(ValueError):
    """A complete line that is not a record: not JSON, not an object, or without a field it needs."""

    def __init__(self, path: Path, line_number: int, problem: str):
        super().__init__(f"{path} line {line_number}: {problem}")
        self.path, self.line_number, self.problem = path, line_number, problem


def drop_partial_last_line(path: Path) -> int:
    """Cut a last line that a killed process left without its newline; returns the bytes removed."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with open(path, "r+b") as stream:
        stream.seek(-1, os.SEEK_END)
        if stream.read(1) == b"\n":
            return 0
        stream.seek(0)
        data = stream.read()
        keep = data.rfind(b"\n") + 1
        stream.truncate(keep)
    logger.warning("%s: removed an incomplete last line (%d bytes) left by an interrupted run", path, len(data) - keep)
    return len(data) - keep


def _parse(path: Path, line_number: int, line: bytes, required: Iterable[str]) -> dict:
    try:
        record = json.loads(line)
    except ValueError as error:
        raise JsonLinesError(path, line_number, f"not a JSON line ({getattr(error, 'msg', error)})") from None
    if not isinstance(record, dict):
        raise JsonLinesError(path, line_number, f"a JSON {type(record).__name__}, not a record (a JSON object)")
    for name in required:
        if record.get(name) is None:
            raise JsonLinesError(path, line_number, f"the record has no {name}")
    return record


def read_jsonl_positions(path: Path, required: Iterable[str] = (), end: int | None = None) -> Iterator[tuple[int, dict]]:
    """(offset just after the line, record) for each complete line, up to byte `end`.

    A missing file has no records. `required` names fields each record must have (not null).
    A .gz file is read through gzip, its offsets counted in the uncompressed text.
    """
    path = Path(path)
    if not path.exists():
        return
    required = tuple(required)
    position = 0
    with (gzip.open if path.name.endswith(".gz") else open)(path, "rb") as stream:
        for line_number, line in enumerate(stream, 1):
            if not line.endswith(b"\n") or (end is not None and position + len(line) > end):
                return
            position += len(line)
            if line.strip():
                yield position, _parse(path, line_number, line, required)


def read_jsonl(path: Path, required: Iterable[str] = (), end: int | None = None) -> Iterator[dict]:
    """The records of a JSON Lines file, in order (see read_jsonl_positions)."""
    for _, record in read_jsonl_positions(path, required, end):
        yield record


def first_record(path: Path) -> dict | None:
    """The first complete line of a file as a JSON object, or None if it is not one (or there is none)."""
    try:
        return next(read_jsonl(path), None)
    except (JsonLinesError, OSError, EOFError):
        return None


class JsonLinesFile:
    """A JSON Lines file open for appending, each record flushed as it is written."""

    def __init__(self, path: Path):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        drop_partial_last_line(path)
        self.path = path
        self._file = open(path, "a", encoding="utf-8")
        self.count = 0

    def write(self, record: dict) -> None:
        self._file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._file.flush()
        self.count += 1

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "JsonLinesFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
