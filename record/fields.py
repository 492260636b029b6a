"""The shape of an article record, shared by the profile path and the generic fallback."""

from datetime import datetime, timezone

SCHEMA_VERSION = "1.0"
# Without these a record is not an article: when the profile misses one, the fallback runs.
REQUIRED_FIELDS = ("title", "body_text", "published_at")
# Fields read from the page, in the order the fallback may fill them in.
CONTENT_FIELDS = (
    "title", "lead", "body_text", "paragraphs", "author", "source", "published_at",
    "category", "breadcrumb", "tags", "images", "attachments",
)
# Where and when the page was captured: they change with every capture, not with the article.
CAPTURE_FIELDS = ("url", "fetched_at", "warc")
# The version bookkeeping of record/ledger.py, filled in by the crawl; extraction leaves them null.
VERSION_FIELDS = ("run_id", "version", "content_hash", "supersedes")
# The article's state at a version (docs/schema.md): "published", or a tombstone's "removed" (the
# portal answers 404/410 or sends the URL to a listing) or "unlisted" (still served, linked from
# nowhere); a tombstone says when and on what evidence. `changes`: what differs from the version before.
CHANGES_FIELD = "changes"
PUBLISHED, REMOVED, UNLISTED = "published", "removed", "unlisted"
TOMBSTONES = frozenset({REMOVED, UNLISTED})
# Fields that say when and how a page was captured, not what the article says: left out of the
# content hash, and of comparisons between two extractions of the same page. (The status is
# hashed, record/ledger.py: a tombstone is a version of its own.)
RUN_DEPENDENT_FIELDS = frozenset(CAPTURE_FIELDS + VERSION_FIELDS + ("removed_at", "evidence", CHANGES_FIELD))


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def fetched_at(moment: datetime | None) -> str:
    return (moment or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def language_of(declared: str | None, default: str) -> str:
    """ISO 639 code of an ``<html lang>`` value such as ``vi-VN``."""
    code = (declared or "").replace("_", "-").split("-")[0].strip().lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else default


def set_by_the_crawl() -> dict:
    """Fields the crawl fills in (pipelines/versions.py); extraction leaves them null."""
    return dict.fromkeys(VERSION_FIELDS)
