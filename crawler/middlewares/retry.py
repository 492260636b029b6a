"""Retries spaced out the way a struggling server needs: exponential backoff, and Retry-After obeyed.

Scrapy's RetryMiddleware retries at once. A provincial portal that answers 503 under load, or 429
to say "slow down", gets hammered by that; this subclass waits before handing the retry back:
``PORTAL_RETRY_BACKOFF_BASE`` seconds before the first retry, doubling up to
``PORTAL_RETRY_BACKOFF_MAX``, and never less than the server's ``Retry-After``. A server that asks
for more than ``PORTAL_RETRY_AFTER_MAX`` seconds is not retried in this run: the URL is recorded as
failed and the next run tries it again.

The wait holds one of the crawl's CONCURRENT_REQUESTS slots, so a server that keeps refusing
slows the crawl down rather than being asked faster.
"""

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request
from scrapy.utils.asyncio import sleep

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # an HTTP date is always GMT
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("PORTAL_RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("PORTAL_RETRY_BACKOFF_MAX")
        self.retry_after_max = settings.getfloat("PORTAL_RETRY_AFTER_MAX")

    async def process_response(self, request, response):
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if asked is not None and asked > self.retry_after_max and response.status in self.retry_http_codes:
            logger.warning("%s asks to come back in %.0f s (over PORTAL_RETRY_AFTER_MAX): left for the next run", request, asked)
            self.crawler.stats.inc_value("retry/retry_after_too_long")
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result, asked)
        return result

    async def process_exception(self, request, exception):
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, None)
        return result

    def delay(self, retry_number: int, asked: float | None) -> float:
        """Seconds before retry number ``retry_number`` (1, 2, …)."""
        backoff = min(self.backoff_max, self.backoff_base * 2 ** (retry_number - 1))
        return max(backoff, asked or 0.0)

    async def _wait(self, retry: Request, asked: float | None) -> None:
        seconds = self.delay(retry.meta["retry_times"], asked)
        if seconds > 0:
            logger.debug("Waiting %.2f s before retry %d of %s", seconds, retry.meta["retry_times"], retry)
            await sleep(seconds)
