"""Spider middleware that turns an exception while reading a page into a recorded failure.

A page the parsers choke on (hostile markup, bytes that are not text) is already in the WARC,
but without this its article would be neither in articles.jsonl nor in failures.jsonl: Scrapy
only logs the traceback. Here the error is logged as before and the URL is recorded as failed,
with the exception as the reason, so the run reports it and the next run tries the page again.
"""

import logging

from crawler.items import FetchFailure

logger = logging.getLogger(__name__)


class CallbackErrors:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_spider_exception(self, response, exception):
        logger.error("Error reading %s", response.url, exc_info=exception)
        self.stats.inc_value("portal/failures")
        self.stats.inc_value(f"portal/parse_errors/{type(exception).__name__}")
        return [FetchFailure(
            url=response.url,
            reason=f"parse error: {type(exception).__name__}: {str(exception)[:300]}".strip(),
            status=response.status,
            referer=response.request.cb_kwargs.get("referer") if response.request else None,
        )]
