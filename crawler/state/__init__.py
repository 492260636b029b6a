"""What the crawler remembers between runs, behind one small interface.

A backend is chosen by the scheme of ``PORTAL_STATE_URI`` (``sqlite:`` by default, in the crawl's
output directory), the way Scrapy's FilesPipeline picks a store: see ``STATE_BACKENDS``.
"""

from dataclasses import dataclass
from typing import Iterator, Protocol
from urllib.parse import urlsplit


@dataclass
class Capture:
    """The stored copy of a URL's payload: what conditional requests and revisits refer to."""
    url: str
    status: int
    fetched_at: str  # ISO 8601, UTC
    warc_date: str  # the WARC-Date of the stored record
    payload_digest: str
    warc_filename: str
    warc_record_id: str
    warc_offset: int
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Outcome:
    """What became of a URL in a run: recorded, unchanged, page, not_modified, failed, skipped."""
    url: str
    run_id: str
    outcome: str
    reason: str | None = None
    published_at: str | None = None


class CrawlState(Protocol):
    def begin_run(self, run_id: str, started_at: str) -> tuple[str, bool]: ...
    def knows_run(self, run_id: str) -> bool: ...
    def finish_run(self, run_id: str, finished_at: str, status: str) -> None: ...
    def capture(self, url: str) -> Capture | None: ...
    def save_capture(self, capture: Capture) -> None: ...
    def outcome(self, url: str) -> Outcome | None: ...
    def save_outcome(self, outcome: Outcome) -> None: ...
    def urls_with_outcome(self, outcome: str) -> Iterator[str]: ...
    # Runs in a row in which no page linked a known article, and the last of them (crawler/removals.py).
    def unlinked_runs(self, url: str) -> tuple[int, str | None]: ...
    def save_unlinked_runs(self, url: str, runs: int, run_id: str) -> None: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...


def open_state(uri: str) -> CrawlState:
    from crawler.state.redis import RedisState
    from crawler.state.sqlite import SqliteState

    backends = {"sqlite": SqliteState, "redis": RedisState, "rediss": RedisState}
    scheme = urlsplit(uri).scheme or "sqlite"
    if scheme not in backends:
        raise ValueError(f"unknown crawl state backend {scheme!r} in {uri!r} (known: {', '.join(backends)})")
    return backends[scheme].from_uri(uri)
