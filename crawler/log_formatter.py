"""Scrapy's DEBUG lines for every fetch and every item, made only when a log handler shows them.

Scrapy logs "Crawled (200) <GET ...>" for each response and "Scraped from <200 ...>" with each
item at DEBUG, under a root logger left at NOTSET: at LOG_LEVEL INFO (ours) or WARNING each
record is made, the caller's frame looked up, and then dropped by the handler, ~10 µs of CPU
apiece, two a page. A log formatter returning None is Scrapy's way to skip a message
(scrapy/logformatter.py); with `-s LOG_LEVEL=DEBUG`, or any handler that takes DEBUG records, they
are logged as before.
"""

import logging

from scrapy.logformatter import LogFormatter

_ENGINE = logging.getLogger("scrapy.core.engine")  # where Scrapy logs "Crawled"
_SCRAPER = logging.getLogger("scrapy.core.scraper")  # and "Scraped from"


def shown(logger: logging.Logger, level: int) -> bool:
    """Whether a record of `level` from `logger` reaches a handler that emits it (the walk of
    logging.Logger.callHandlers; with no handler at all, logging's last resort)."""
    if not logger.isEnabledFor(level):
        return False
    handled = False
    current: logging.Logger | None = logger
    while current is not None:
        for handler in current.handlers:
            handled = True
            if level >= handler.level:
                return True
        current = current.parent if current.propagate else None
    return not handled and logging.lastResort is not None and level >= logging.lastResort.level


class ShownOnlyLogFormatter(LogFormatter):
    def crawled(self, request, response, spider):
        return super().crawled(request, response, spider) if shown(_ENGINE, logging.DEBUG) else None

    def scraped(self, item, response, spider):
        return super().scraped(item, response, spider) if shown(_SCRAPER, logging.DEBUG) else None
