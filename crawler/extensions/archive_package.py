"""After a crawl: the CDXJ index of its WARC files and a WACZ package listing its article pages."""

import logging
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archive.cdxj import write_cdxj
from archive.wacz import WaczError, write_wacz
from record.jsonl import read_jsonl

logger = logging.getLogger(__name__)


def article_pages(articles_file: Path) -> list[dict]:
    return [{"url": r["url"], "title": r["title"]} for r in read_jsonl(articles_file) if r.get("warc")]


class ArchivePackage:
    def __init__(self, crawler):
        self.crawler = crawler
        self.output = Path(crawler.settings.get("PORTAL_OUTPUT_DIR"))

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED") or not settings.getbool("WARC_INDEX_ENABLED"):
            raise NotConfigured
        extension = cls(crawler)
        # engine_stopped comes after spider_closed, when the WARC files are closed and renamed.
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self):
        settings, stats = self.crawler.settings, self.crawler.stats
        warcs = sorted((self.output / "warc").glob("*.warc.gz"))
        if not warcs:
            return
        index = self.output / "indexes" / "index.cdxj"
        stats.set_value("warc/cdxj_lines", write_cdxj(warcs, index))
        stats.set_value("warc/cdxj", str(index.relative_to(self.output)))
        if not settings.getbool("WACZ_ENABLED"):
            return
        name = settings.get("PORTAL_CRAWL_NAME") or self.output.name
        wacz = self.output / f"{name}.wacz"
        try:
            write_wacz(warcs, article_pages(self.output / "articles.jsonl"), wacz,
                       title=name, description=settings.get("WARC_DESCRIPTION") or "")
        except WaczError as error:
            logger.error("WACZ package not written: %s", error)
            stats.set_value("warc/wacz_error", str(error))
            return
        stats.set_value("warc/wacz", wacz.name)
