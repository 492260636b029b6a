"""A crawl's articles.jsonl as the crawl writing to it needs it: the version ledger, and each
article's latest version, read back when a new version must be compared with it.

One pass over the file at the start of a run builds the ledger and notes where each latest
version starts; a version is read back only when the article changes (to store what changed,
record/version_diff.py) or goes (its tombstone keeps its last content, record/tombstone.py).
"""

import json
from pathlib import Path

from record.fields import CHANGES_FIELD, PUBLISHED
from record.jsonl import read_jsonl_positions
from record.ledger import LEDGER_FIELDS, VersionLedger, content_hash
from record.version_diff import changes_between


class ArticleHistory:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.ledger = VersionLedger()
        # canonical_url -> where its latest version's line starts, for versions read at the start.
        self._starts: dict[str, int] = {}
        start = 0
        for end, record in read_jsonl_positions(self.path, required=LEDGER_FIELDS):
            url = record["canonical_url"]
            if (record.get("version") or 0) > self.ledger.latest.get(url, -1):
                self._starts[url] = start
            self.ledger.add(record)
            start = end
        # Versions numbered since are appended after the last complete line read (an unfinished
        # one is cut off before the first append, record/jsonl.py): their latest is the last line
        # of theirs from there. Only their URLs are kept, not the file's size when each was
        # numbered: no stat for each new version.
        self._appended_from = start
        self._appended: set[str] = set()

    def latest_record(self, canonical_url: str) -> dict | None:
        """The latest version of an article, as written."""
        if canonical_url in self._appended:
            latest = None
            for record in self._records_from(self._appended_from):
                if record["canonical_url"] == canonical_url:
                    latest = record
            return latest
        start = self._starts.get(canonical_url)
        if start is None:
            return None
        for record in self._records_from(start):
            if record["canonical_url"] == canonical_url:
                return record
        return None

    def _records_from(self, start: int):
        with open(self.path, "rb") as stream:
            stream.seek(start)
            for line in stream:
                if line.strip():
                    yield json.loads(line)

    def next_version(self, record: dict, run_id: str | None, digest: str | None = None) -> bool:
        """Number `record` as its article's next version, with what changed since the last one;
        False when it is that version unchanged (nothing to write). A record read from a page is
        a published version; a tombstone comes with its status. `digest`: the record's content
        hash when already known (the fields added here for a published version are not hashed)."""
        if "status" not in record:
            record.update(status=PUBLISHED, removed_at=None, evidence=None)
        url = record["canonical_url"]
        digest = digest or content_hash(record)
        # The latest version is read back only to store what changed: not for an unchanged one.
        changed = url in self.ledger and not self.ledger.is_latest(url, digest)
        previous = self.latest_record(url) if changed else None
        if not self.ledger.next_version(record, run_id, digest):
            return False
        record[CHANGES_FIELD] = changes_between(previous, record) if previous else None
        self._appended.add(url)  # about to be appended: the next comparison is with it
        return True
