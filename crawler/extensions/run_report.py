"""Writes run.json at the end of every crawl: what was fetched, written and failed, and how fast."""

import json
import time
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals


class RunReport:
    def __init__(self, crawler):
        self.crawler = crawler
        self.started_at = datetime.now(timezone.utc)
        self._clock = time.monotonic()
        self.spider = None

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        # After spider_closed, when every component (the WARC writer too) has closed its files.
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_opened(self, spider):
        self.spider = spider

    def engine_stopped(self):
        spider = self.spider
        settings = self.crawler.settings
        stats = self.crawler.stats
        output = Path(settings.get("PORTAL_OUTPUT_DIR"))
        report = {
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "elapsed_seconds": round(time.monotonic() - self._clock, 3),
            "finish_reason": stats.get_value("finish_reason"),
            "profile": spider.profile.name,
            "start_urls": list(spider.profile.discovery.start_urls),
            "output_dir": str(output.resolve()),
            "counts": {
                "pages": stats.get_value("response_received_count", 0),
                "articles": stats.get_value("portal/articles", 0),
                "rejects": stats.get_value("portal/rejects", 0),
                "duplicates": stats.get_value("portal/duplicates", 0),
                "failures": stats.get_value("portal/failures", 0),
                "robots_forbidden": stats.get_value("robotstxt/forbidden", 0),
                "bytes": stats.get_value("downloader/response_bytes", 0),
            },
            "warc_files": stats.get_value("warc/files", []),
            "index": stats.get_value("warc/cdxj"),
            "wacz": stats.get_value("warc/wacz"),
        }
        output.mkdir(parents=True, exist_ok=True)
        (output / "run.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
