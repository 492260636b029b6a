"""Append-only JSON Lines files that survive a crash: every line is flushed as it is written."""

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


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


def read_jsonl(path: Path) -> Iterator[dict]:
    """The complete records of a JSON Lines file (an unfinished last line is skipped)."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.endswith("\n"):
                yield json.loads(line)


class JsonLinesFile:
    def __init__(self, path: Path):
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


def output_path(crawler, filename: str) -> Path:
    return Path(crawler.settings.get("PORTAL_OUTPUT_DIR")) / filename
