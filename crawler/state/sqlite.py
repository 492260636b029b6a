"""Crawl state in one SQLite file: safe against a kill at any moment (WAL, committed every second)."""

import sqlite3
import time
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Iterator

from crawler.state import Capture, Outcome

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, started_at TEXT, finished_at TEXT, status TEXT);
CREATE TABLE IF NOT EXISTS captures (
    url TEXT PRIMARY KEY, status INTEGER, fetched_at TEXT, warc_date TEXT, payload_digest TEXT,
    warc_filename TEXT, warc_record_id TEXT, warc_offset INTEGER, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS outcomes (
    url TEXT PRIMARY KEY, run_id TEXT, outcome TEXT, reason TEXT, published_at TEXT);
CREATE INDEX IF NOT EXISTS outcomes_by_outcome ON outcomes (outcome);
CREATE TABLE IF NOT EXISTS unlinked (url TEXT PRIMARY KEY, runs INTEGER, run_id TEXT);
"""
_COMMIT_EVERY_SECONDS = 1.0


def _columns(cls) -> str:
    return ", ".join(f.name for f in fields(cls))


def _placeholders(cls) -> str:
    return ", ".join("?" for _ in fields(cls))


def _row(cls) -> attrgetter:
    """A record's values in column order (dataclasses.astuple deep-copies each value: 25 µs a row, here 0.5)."""
    return attrgetter(*(f.name for f in fields(cls)))


_CAPTURE_ROW, _OUTCOME_ROW = _row(Capture), _row(Outcome)
_SELECT_CAPTURE = f"SELECT {_columns(Capture)} FROM captures WHERE url = ?"
_SAVE_CAPTURE = f"INSERT OR REPLACE INTO captures ({_columns(Capture)}) VALUES ({_placeholders(Capture)})"
_SELECT_OUTCOME = f"SELECT {_columns(Outcome)} FROM outcomes WHERE url = ?"
# An outcome that names no publication date keeps the one known for its URL: one statement, no read first.
_SAVE_OUTCOME = (
    f"INSERT INTO outcomes ({_columns(Outcome)}) VALUES ({_placeholders(Outcome)}) ON CONFLICT (url) DO UPDATE SET "
    + ", ".join(f"{f.name} = excluded.{f.name}" for f in fields(Outcome) if f.name not in ("url", "published_at"))
    + ", published_at = COALESCE(excluded.published_at, outcomes.published_at)"
)


class SqliteState:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level="DEFERRED")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.commit()
        self._last_commit = time.monotonic()
        # The URLs (by hash) with a capture, and with an outcome: a URL without one, as every new
        # URL is, is answered without a query (two a page; in the bench's crawl, on a busy machine,
        # 25-55 µs of the crawl thread's CPU each, against 5-14 µs for the answer from the set).
        self._captured = {hash(url) for (url,) in self._db.execute("SELECT url FROM captures")}
        self._with_outcome = {hash(url) for (url,) in self._db.execute("SELECT url FROM outcomes")}

    @classmethod
    def from_uri(cls, uri: str) -> "SqliteState":
        return cls(Path(uri.split(":", 1)[1] if uri.startswith("sqlite:") else uri))

    def begin_run(self, run_id: str, started_at: str) -> tuple[str, bool]:
        """Resume the last run if it never finished, else start `run_id`; says which and whether resumed."""
        unfinished = self._db.execute(
            "SELECT run_id FROM runs WHERE finished_at IS NULL ORDER BY started_at DESC LIMIT 1").fetchone()
        if unfinished:
            return unfinished[0], True
        self._db.execute("INSERT INTO runs (run_id, started_at) VALUES (?, ?)", (run_id, started_at))
        self._db.commit()
        return run_id, False

    def knows_run(self, run_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM runs WHERE run_id = ?", (run_id,)).fetchone() is not None

    def finish_run(self, run_id: str, finished_at: str, status: str) -> None:
        self._db.execute("UPDATE runs SET finished_at = ?, status = ? WHERE run_id = ?", (finished_at, status, run_id))
        self._db.commit()

    def previous_runs(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM runs WHERE finished_at IS NOT NULL").fetchone()[0]

    def capture(self, url: str) -> Capture | None:
        if hash(url) not in self._captured:
            return None
        row = self._db.execute(_SELECT_CAPTURE, (url,)).fetchone()
        return Capture(*row) if row else None

    def save_capture(self, capture: Capture) -> None:
        self._db.execute(_SAVE_CAPTURE, _CAPTURE_ROW(capture))
        self._captured.add(hash(capture.url))
        self._maybe_commit()

    def outcome(self, url: str) -> Outcome | None:
        if hash(url) not in self._with_outcome:
            return None
        row = self._db.execute(_SELECT_OUTCOME, (url,)).fetchone()
        return Outcome(*row) if row else None

    def save_outcome(self, outcome: Outcome) -> None:
        self._db.execute(_SAVE_OUTCOME, _OUTCOME_ROW(outcome))
        self._with_outcome.add(hash(outcome.url))
        self._maybe_commit()

    def urls_with_outcome(self, outcome: str) -> Iterator[str]:
        for (url,) in self._db.execute("SELECT url FROM outcomes WHERE outcome = ? ORDER BY url", (outcome,)).fetchall():
            yield url

    def unlinked_runs(self, url: str) -> tuple[int, str | None]:
        row = self._db.execute("SELECT runs, run_id FROM unlinked WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (0, None)

    def save_unlinked_runs(self, url: str, runs: int, run_id: str) -> None:
        if runs:
            self._db.execute("INSERT OR REPLACE INTO unlinked (url, runs, run_id) VALUES (?, ?, ?)", (url, runs, run_id))
        else:
            self._db.execute("DELETE FROM unlinked WHERE url = ?", (url,))
        self._maybe_commit()

    def _maybe_commit(self) -> None:
        if time.monotonic() - self._last_commit >= _COMMIT_EVERY_SECONDS:
            self.commit()

    def commit(self) -> None:
        self._db.commit()
        self._last_commit = time.monotonic()

    def close(self) -> None:
        self._db.commit()
        self._db.close()
