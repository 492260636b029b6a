"""What the spider hands to the pipelines: article and document records (dicts), failures, removals."""

from dataclasses import dataclass


class ArticleRecord(dict):
    """An article record with the verdict of its schema check (record.schema.problems) and its
    content hash (record.ledger.content_hash), both made with the record beside the crawl
    (extraction/page_reading.py): the validate and version pipelines read them instead of
    computing them again, so nothing may change the record's content on its way there (the
    version pipeline adds only fields the hash leaves out). Attributes, so they are never written
    with the record."""

    def __init__(self, record: dict, problems: tuple[str, ...], content_hash: str | None = None):
        super().__init__(record)
        self.problems = problems
        self.content_hash = content_hash


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
