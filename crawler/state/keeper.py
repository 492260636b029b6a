"""One crawl directory and one crawl state per crawler: the lock, the state store, the run.

The spider asks for the directory first (``crawl_directory``, from ``PortalSpider.from_crawler``),
so that every entry point, the CLI and ``scrapy crawl`` alike, locks it and checks that it is ours
before any component reads, recovers or writes anything in it. The first component that asks
for the state (``crawl_state(crawler)``) opens it; both are closed when the engine stops, after
every other component has finished writing.
"""

import time
from datetime import datetime, timezone
from weakref import WeakKeyDictionary

from scrapy import signals

from crawler.state import CrawlState, open_state
from record.crawl_dir import CrawlDirectory
from record.history import ArticleHistory

_DIRECTORIES: "WeakKeyDictionary[object, CrawlDirectory]" = WeakKeyDictionary()
_HISTORIES: "WeakKeyDictionary[object, ArticleHistory]" = WeakKeyDictionary()
_KEEPERS: "WeakKeyDictionary[object, CrawlStateKeeper]" = WeakKeyDictionary()


def new_run_id(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ")


def begin_run(state: CrawlState) -> tuple[str, bool]:
    """The run this crawl is part of, and whether it resumes one: the unfinished run, else a new
    one named after the second it starts. A crawl that starts in the second a run it follows
    started (a small site crawled twice in a row) waits for the next second: a run's id is its
    own, in the crawl state, runs/ and every record it writes."""
    while True:
        now = datetime.now(timezone.utc)
        if not state.knows_run(run_id := new_run_id(now)):
            return state.begin_run(run_id, now.isoformat(timespec="seconds"))
        time.sleep(1 - now.microsecond / 1e6)


def crawl_directory(crawler) -> CrawlDirectory:
    """The crawl's output directory (PORTAL_OUTPUT_DIR), claimed for this crawl: raises REFUSALS."""
    if crawler not in _DIRECTORIES:
        _DIRECTORIES[crawler] = CrawlDirectory(crawler.settings.get("PORTAL_OUTPUT_DIR")).claim()
    return _DIRECTORIES[crawler]


def article_history(crawler) -> ArticleHistory:
    """The crawl's articles.jsonl read once, for the version pipeline and the spider's removal watch."""
    if crawler not in _HISTORIES:
        _HISTORIES[crawler] = ArticleHistory(crawl_directory(crawler).articles_file)
    return _HISTORIES[crawler]


class CrawlStateKeeper:
    def __init__(self, crawler):
        settings = crawler.settings
        self.directory = crawl_directory(crawler)
        self.state: CrawlState = open_state(settings.get("PORTAL_STATE_URI") or f"sqlite:{self.directory.state_file}")
        self.run_id, self.resumed = begin_run(self.state)
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
        self.directory.release()


def crawl_state(crawler) -> CrawlStateKeeper:
    if crawler not in _KEEPERS:
        _KEEPERS[crawler] = CrawlStateKeeper(crawler)
    return _KEEPERS[crawler]
