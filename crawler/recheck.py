"""Which known articles a run fetches again, and how: the incremental-crawl schedule.

An article recorded in an earlier run is re-checked with a conditional request (If-None-Match,
If-Modified-Since) every run while it is young, and every few days once it is old; one already
handled in this run (a resumed run) is not fetched again. An article whose latest version is a
tombstone (removed or unlisted: crawler/removals.py) is fetched whole when a page links it again,
and otherwise looked at as an old article is.
"""

from datetime import datetime, timedelta, timezone
from enum import Enum

from extraction.dates import parse_machine_date
from crawler.state import CrawlState
from record.fields import TOMBSTONES

SETTLED = frozenset({"recorded", "unchanged", "not_modified"})


class Plan(Enum):
    FETCH = "fetch"
    CONDITIONAL = "conditional"
    DONE_THIS_RUN = "done_this_run"
    NOT_DUE = "not_due"


def run_started(run_id: str) -> datetime:
    return datetime.strptime(run_id, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


class RecheckPolicy:
    def __init__(self, state: CrawlState, run_id: str, recent_days: float, old_every_days: float):
        self.state = state
        self.run_id = run_id
        self.now = run_started(run_id)
        self.recent = timedelta(days=recent_days)
        self.old_every = timedelta(days=old_every_days)

    def plan(self, url: str, linked: bool = True) -> tuple[Plan, dict[str, str]]:
        """`linked`: a page of this run links the URL (else a known article re-checked though nothing links it)."""
        outcome = self.state.outcome(url)
        if outcome is not None and outcome.outcome in TOMBSTONES:
            if outcome.run_id == self.run_id:
                return Plan.DONE_THIS_RUN, {}
            if linked or self.now - run_started(outcome.run_id) >= self.old_every:
                return Plan.FETCH, {}  # whole: a restored article is read again
            return Plan.NOT_DUE, {}
        if outcome is None or outcome.outcome not in SETTLED:
            return Plan.FETCH, {}
        if outcome.run_id == self.run_id:
            return Plan.DONE_THIS_RUN, {}
        published = parse_machine_date(outcome.published_at or "")
        young = published is None or self.now - published <= self.recent
        if not young and self.now - run_started(outcome.run_id) < self.old_every:
            return Plan.NOT_DUE, {}
        return Plan.CONDITIONAL, self.conditional_headers(url)

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match and If-Modified-Since of the stored copy, if any."""
        capture = self.state.capture(url)
        headers = {}
        if capture and capture.etag:
            headers["If-None-Match"] = capture.etag
        if capture and capture.last_modified:
            headers["If-Modified-Since"] = capture.last_modified
        return headers
