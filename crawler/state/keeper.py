"""One crawl state per crawler: the run lock, the state store, and the run it belongs to.

The first component that asks (``crawl_state(crawler)``) opens them; they are closed when the
engine stops, after every other component has finished writing.
"""

from datetime import datetime, timezone
from pathlib import Path
from weakref import WeakKeyDictionary

from scrapy import signals

from record.run_lock import RunLock
from crawler.state import CrawlState, open_state

_KEEPERS: "WeakKeyDictionary[object, CrawlStateKeeper]" = WeakKeyDictionary()


def new_run_id(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ")


class CrawlStateKeeper:
    def __init__(self, crawler):
        settings = crawler.settings
        output = Path(settings.get("PORTAL_OUTPUT_DIR"))
        self.lock = RunLock(output).acquire()
        self.state: CrawlState = open_state(settings.get("PORTAL_STATE_URI") or f"sqlite:{output / 'state.sqlite'}")
        now = datetime.now(timezone.utc)
        self.run_id, self.resumed = self.state.begin_run(new_run_id(now), now.isoformat(timespec="seconds"))
        crawler.stats.set_value("portal/run_id", self.run_id)
        crawler.stats.set_value("portal/resumed", self.resumed)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    def spider_closed(self, spider, reason):
        # Only a crawl that ran to its end finishes the run; anything else is resumed next time.
        if reason == "finished":
            self.state.finish_run(self.run_id, datetime.now(timezone.utc).isoformat(timespec="seconds"), reason)
        self.state.commit()

    def engine_stopped(self):
        self.state.close()
        self.lock.release()


def crawl_state(crawler) -> CrawlStateKeeper:
    if crawler not in _KEEPERS:
        _KEEPERS[crawler] = CrawlStateKeeper(crawler)
    return _KEEPERS[crawler]
