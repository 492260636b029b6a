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
