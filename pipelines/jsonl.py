"""Append-only JSON Lines files that survive a crash: every line is flushed as it is written."""

import json
from pathlib import Path


class JsonLinesFile:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
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
