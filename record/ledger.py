"""Article versions: which version of each article is the latest, and what a new one looks like.

Shared by the crawl (pipelines/versions.py) and re-extraction from WARC, so both number versions
the same way. No Scrapy here.
"""

import hashlib
import json
from collections.abc import Iterable

# Fields that say when and how a page was captured, not what the article says.
RUN_DEPENDENT_FIELDS = frozenset({"url", "fetched_at", "warc", "run_id", "version", "content_hash", "supersedes"})


def content_hash(record: dict) -> str:
    content = {k: v for k, v in record.items() if k not in RUN_DEPENDENT_FIELDS}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class VersionLedger:
    def __init__(self, written: Iterable[dict] = ()):
        self.latest: dict[str, tuple[int, str]] = {}
        for record in written:
            self.latest[record["canonical_url"]] = (record["version"], record["content_hash"])

    def next_version(self, record: dict, run_id: str | None) -> bool:
        """Number `record` as the next version of its article; False when it is the latest unchanged."""
        digest = content_hash(record)
        version, previous = self.latest.get(record["canonical_url"], (0, None))
        if previous == digest:
            return False
        record.update(run_id=run_id, version=version + 1, content_hash=digest, supersedes=previous)
        self.latest[record["canonical_url"]] = (version + 1, digest)
        return True
