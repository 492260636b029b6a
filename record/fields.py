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
    return {"run_id": None, "version": None, "content_hash": None, "supersedes": None}
