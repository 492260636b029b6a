"""A one-line progress display for long runs on a terminal; silent under cron or Scrapyd."""

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call


class Progress:
    def __init__(self, stats, interval: float, stream):
        self.stats = stats
        self.interval = interval
        self.stream = stream
        self.task = None
        self._started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("PORTAL_PROGRESS_INTERVAL")
        if not interval or not sys.stderr.isatty():
            raise NotConfigured
        progress = cls(crawler.stats, interval, sys.stderr)
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self, spider):
        self._started = time.monotonic()
        self.task = create_looping_call(self.show)
        self.task.start(self.interval)

    def line(self) -> str:
        value = self.stats.get_value
        pages = value("response_received_count", 0)
        rate = pages / max(time.monotonic() - self._started, 1e-9)
        return (f"pages {pages} ({rate:.1f}/s)  articles {value('portal/articles', 0)}"
                f" (unchanged {value('portal/articles_unchanged', 0) + value('portal/articles_not_modified', 0)})"
                f"  failures {value('portal/failures', 0)}")

    def show(self):
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()

    def spider_closed(self, spider, reason):
        if self.task and self.task.running:
            self.task.stop()
        self.stream.write("\n")
