"""The names of a distributed crawl's Redis keys, all under ``portal-archive:<crawl name>:``."""

import re
from dataclasses import dataclass

PREFIX = "portal-archive"
# Crawl names and worker ids end up in Redis keys, directory names and WARC file names.
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def crawl_prefix(crawl: str) -> str:
    return f"{PREFIX}:{crawl}"


@dataclass(frozen=True)
class RunKeys:
    """The keys of one run of a crawl: its frontier and the workers crawling it.

    They carry the run id, so that the next run (tomorrow's incremental crawl) starts with an
    empty frontier and dupe filter, while a run that is resumed finds its own again.
    """
    crawl: str
    run_id: str

    @property
    def base(self) -> str:
        return f"{crawl_prefix(self.crawl)}:run:{self.run_id}"

    @property
    def frontier(self) -> str:
        """Sorted set of requests to fetch (scrapy-redis's priority queue)."""
        return f"{self.base}:frontier"

    @property
    def seen(self) -> str:
        """Set of the fingerprints of every request ever scheduled (scrapy-redis's dupe filter)."""
        return f"{self.base}:seen"

    @property
    def workers(self) -> str:
        """Set of the ids of the workers that joined the run and have not left it."""
        return f"{self.base}:workers"

    @property
    def starting(self) -> str:
        """Set of the workers still reading their spider's start requests."""
        return f"{self.base}:starting"

    @property
    def status(self) -> str:
        """"open" while the run is crawled, "finished" after; missing if Redis lost its data."""
        return f"{self.base}:status"

    @property
    def leases_prefix(self) -> str:
        return f"{self.base}:leases:"

    def leases(self, worker: str) -> str:
        """Hash of the requests `worker` took from the frontier and is not done with (request → score)."""
        return self.leases_prefix + worker

    def alive(self, worker: str) -> str:
        """Key that expires unless `worker` keeps renewing it."""
        return f"{self.base}:alive:{worker}"
