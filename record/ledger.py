"""Article versions: which version of each article is the latest, and what a new one looks like.

The one numbering of versions, used by the crawl (pipelines/versions.py), re-extraction from
WARC (archive/reextract.py), the dataset export (record/crawl_dir.py) and the merge of workers'
outputs (archive/merge.py). It holds two small values per article (and the status of those whose
latest version is a tombstone, docs/schema.md), never the records.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from record.fields import PUBLISHED, REMOVED, RUN_DEPENDENT_FIELDS, UNLISTED

CHANGE_KINDS = ("edited", "removed", "unlisted", "restored")
# What a record written to articles.jsonl carries for the ledger to read it back.
LEDGER_FIELDS = ("canonical_url", "version", "content_hash")


def content_hash(record: dict) -> str:
    """sha256 of the content fields, and of the status of a tombstone.

    "published" is left out, so that a record hashes as records did before there was a status.
    """
    content = {k: v for k, v in record.items()
               if k not in RUN_DEPENDENT_FIELDS and not (k == "status" and v == PUBLISHED)}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class RunRecords:
    new: int = 0  # first versions of articles
    changed: int = 0  # later versions (tombstones and restorations included)
    # Later versions by the kind of their stored changes (record/version_diff.py), when read back.
    edited: int = 0
    removed: int = 0
    unlisted: int = 0
    restored: int = 0


class VersionLedger:
    def __init__(self):
        self.latest: dict[str, int] = {}  # canonical_url -> its latest version
        self.hashes: dict[str, str] = {}  # canonical_url -> the content_hash of that version
        self.status: dict[str, str] = {}  # canonical_url -> the status of a latest version that is a tombstone
        self.records = 0  # records added or numbered
        self.by_run: dict[str, RunRecords] = {}  # run_id ("" for none) -> what it wrote

    @classmethod
    def of(cls, written: Iterable[dict]) -> "VersionLedger":
        ledger = cls()
        for record in written:
            ledger.add(record)
        return ledger

    def __contains__(self, canonical_url: str) -> bool:
        return canonical_url in self.latest

    def __len__(self) -> int:
        return len(self.latest)

    def add(self, record: dict) -> None:
        """Take in a record already numbered (a line of articles.jsonl); the highest version wins."""
        url, version = record["canonical_url"], record.get("version") or 0
        if version > self.latest.get(url, -1):
            self.latest[url], self.hashes[url] = version, record.get("content_hash")
            self._set_status(url, record.get("status"))
        self._count(record.get("run_id"), version, (record.get("changes") or {}).get("kind"))

    def next_version(self, record: dict, run_id: str | None, digest: str | None = None) -> bool:
        """Number `record` as the next version of its article; False when it is the latest unchanged.

        `digest` is the record's content hash when already known (a record read back from a file).
        """
        digest = digest or content_hash(record)
        url = record["canonical_url"]
        if self.is_latest(url, digest):
            return False
        previous = self.hashes.get(url)
        version = self.latest.get(url, 0) + 1
        record.update(run_id=run_id, version=version, content_hash=digest, supersedes=previous)
        self.latest[url], self.hashes[url] = version, digest
        self._set_status(url, record.get("status"))
        self._count(run_id, version, None)
        return True

    def is_latest(self, canonical_url: str, digest: str) -> bool:
        """Whether a record of this content hash is the article's latest version (nothing new)."""
        return self.hashes.get(canonical_url) == digest

    def status_of(self, canonical_url: str) -> str | None:
        """The status of the article's latest version ("published", "removed", "unlisted"); None if unknown."""
        if canonical_url not in self.latest:
            return None
        return self.status.get(canonical_url, PUBLISHED)

    def _set_status(self, url: str, status: str | None) -> None:
        if status in (REMOVED, UNLISTED):
            self.status[url] = status
        else:
            self.status.pop(url, None)

    def _count(self, run_id: str | None, version: int, kind: str | None) -> None:
        self.records += 1
        run = self.by_run.setdefault(run_id or "", RunRecords())
        if version > 1:
            run.changed += 1
        else:
            run.new += 1
        if kind in CHANGE_KINDS:
            setattr(run, kind, getattr(run, kind) + 1)
