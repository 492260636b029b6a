"""After a crawl: the CDXJ index of its WARC files and a WACZ package listing its article pages."""

import logging

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archive.cdxj import write_cdxj
from archive.wacz import WaczError, write_wacz
from crawler.state.keeper import crawl_directory

logger = logging.getLogger(__name__)


class ArchivePackage:
    def __init__(self, crawler):
        self.crawler = crawler

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
        directory = crawl_directory(self.crawler)
        warcs = directory.warc_files()
        if not warcs:
            return
        stats.set_value("warc/cdxj_lines", write_cdxj(warcs, directory.index_file))
        stats.set_value("warc/cdxj", str(directory.index_file.relative_to(directory.path)))
        if not settings.getbool("WACZ_ENABLED"):
            return
        name = settings.get("PORTAL_CRAWL_NAME") or None
        try:
            wacz = directory.wacz_file(name)
            write_wacz(warcs, directory.wacz_pages(), wacz, title=wacz.stem, description=settings.get("WARC_DESCRIPTION") or "")
        except (WaczError, ValueError) as error:
            logger.error("WACZ package not written: %s", error)
            stats.set_value("warc/wacz_error", str(error))
            return
        stats.set_value("warc/wacz", wacz.name)
