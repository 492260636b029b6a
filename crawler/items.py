"""What the spider hands to the pipelines besides article records (plain dicts)."""

from dataclasses import dataclass


@dataclass
class FetchFailure:
    """A URL that could not be archived or extracted, and why; the next run retries it."""
    url: str
    reason: str
    status: int | None = None
    attempts: int = 1
    referer: str | None = None


@dataclass
class Removal:
    """A known article confirmed gone ("removed") or linked from nowhere ("unlisted"): the version
    pipeline writes its tombstone (crawler/removals.py, record/tombstone.py)."""
    canonical_url: str
    status: str
    reason: str
    captures: list[dict]  # {"url", "fetched_at", "http_status", "location", "warc"}, oldest first
