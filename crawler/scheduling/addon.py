"""The Scrapy add-on that makes a crawl distributed when PORTAL_REDIS_URL is set, and does nothing otherwise.

One setting is all a worker needs, from the CLI (``--redis``), ``scrapy crawl -s`` or Scrapyd:
the add-on fills in the shared frontier, the worker extension, a crawl state in the same Redis
(so that re-checks and revisit records work whichever worker fetched a page before), and the
names: crawl (default the profile's) and worker (default host-pid, also in WARC file names).
"""

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.settings import SETTINGS_PRIORITIES

from crawler.redis_store.connection import default_worker_id
from crawler.scheduling.frontier import LeasingScheduler
from crawler.scheduling.workers import WorkerPresence


def state_uri(redis_url: str, crawl: str) -> str:
    """The Redis crawl state of `crawl` on the server of `redis_url` (crawler/state/redis.py)."""
    parts = urlsplit(redis_url)
    query = urlencode([*parse_qsl(parts.query), ("crawl", crawl)])
    return urlunsplit(parts._replace(query=query))


def _default(settings, name: str, value) -> None:
    """Fill in a setting left empty, at the priority it had, so that any explicit value still wins."""
    if not settings.get(name):
        settings.set(name, value, priority=settings.getpriority(name) or "addon")


class DistributedCrawl:
    def update_settings(self, settings):
        redis_url = settings.get("PORTAL_REDIS_URL")
        if not redis_url:
            return
        _default(settings, "PORTAL_CRAWL_NAME", Path(settings.get("PORTAL_PROFILE")).stem)
        _default(settings, "PORTAL_WORKER_ID", default_worker_id())
        _default(settings, "WARC_WORKER_ID", settings.get("PORTAL_WORKER_ID"))
        _default(settings, "PORTAL_STATE_URI", state_uri(redis_url, settings.get("PORTAL_CRAWL_NAME")))
        # The run, and so the frontier's keys, come from the crawl state: a state of its own per
        # worker would give every worker a crawl of its own.
        if urlsplit(settings.get("PORTAL_STATE_URI")).scheme not in ("redis", "rediss"):
            raise ValueError(f"PORTAL_STATE_URI={settings.get('PORTAL_STATE_URI')!r}: the workers of a distributed"
                             " crawl share their crawl state in Redis; leave it empty for the default")
        settings.set("SCHEDULER", LeasingScheduler, priority="addon")
        settings.set_in_component_priority_dict("EXTENSIONS", WorkerPresence, 700)
        # A worker's WARC files are a part of the collection: `portal-archive merge` packages the whole.
        if settings.getpriority("WACZ_ENABLED") <= SETTINGS_PRIORITIES["project"]:
            settings.set("WACZ_ENABLED", False, priority="project")
