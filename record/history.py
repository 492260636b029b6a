"""A crawl's articles.jsonl as the crawl writing to it needs it: the version ledger, and each
article's latest version, read back when a new version must be compared with it.

One pass over the file at the start of a run builds the ledger and notes where each latest
version starts; a version is read back only when the article changes (to store what changed,
record/version_diff.py) or goes (its tombstone keeps its last content, record/tombstone.py).
"""

import json
import os
from pathlib import Path

from record.fields import CHANGES_FIELD, PUBLISHED
from record.jsonl import read_jsonl_positions
from record.ledger import LEDGER_FIELDS, VersionLedger, content_hash
from record.version_diff import changes_between


class ArticleHistory:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.ledger = VersionLedger()
        # canonical_url -> where its latest version's line starts, or (numbered by this run) the end
        # of the file when it was numbered: it is written after that, so only offsets are kept.
        self._starts: dict[str, int] = {}
        start = 0
        for end, record in read_jsonl_positions(self.path, required=LEDGER_FIELDS):
            url = record["canonical_url"]
            if (record.get("version") or 0) > self.ledger.latest.get(url, -1):
                self._starts[url] = start
            self.ledger.add(record)
            start = end

    def latest_record(self, canonical_url: str) -> dict | None:
        """The latest version of an article, as written."""
        start = self._starts.get(canonical_url)
        if start is None:
            return None
        with open(self.path, "rb") as stream:
            stream.seek(start)
            for line in stream:
                if line.strip() and (record := json.loads(line))["canonical_url"] == canonical_url:
                    return record
        return None

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
        self.remember(record)
        return True

    def remember(self, record: dict) -> None:
        """A version numbered by this run, about to be appended: the next comparison is with it."""
        try:
            self._starts[record["canonical_url"]] = os.stat(self.path).st_size
        except FileNotFoundError:
            self._starts[record["canonical_url"]] = 0
