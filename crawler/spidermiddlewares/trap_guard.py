"""Spider middleware that keeps a crawl out of traps and within its page budget (crawler/trap_rules.py).

Every request the spider asks for passes here first:

- a URL that looks like a trap (repeated path segment, absurd depth, too many query parameters)
  is not requested — a policy, like robots.txt: counted in ``portal/traps/<rule>`` and logged;
- the links of a page whose text is a copy of more than PORTAL_TRAP_MAX_COPIES other pages of
  the site are not followed (``portal/traps/duplicate_content``);
- past PORTAL_MAX_PAGES_PER_SITE new pages on one site, a URL is not requested but recorded as a
  failure (once), so the run says it is partial and the next run fetches it.

Page requisites (images, stylesheets: ``parse_requisite``) come with articles already counted, so
they are not counted against the budget.
"""

import logging
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from crawler.items import FetchFailure
from crawler.trap_rules import DuplicatePages, PageBudget, UrlRules

logger = logging.getLogger(__name__)

UNBUDGETED_CALLBACKS = frozenset({"parse_requisite"})


def _site(url: str) -> str:
    return urlsplit(url).netloc.lower()


class _Once:
    """A verdict computed when first asked for: a page that yields no request is never fingerprinted."""

    def __init__(self, compute):
        self._compute = compute
        self._value = None

    def __call__(self) -> bool:
        if self._value is None:
            self._value = self._compute()
        return self._value


class TrapGuard(BaseSpiderMiddleware):
    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.stats = crawler.stats
        self.rules = UrlRules(
            max_segment_repeats=settings.getint("PORTAL_TRAP_MAX_SEGMENT_REPEATS"),
            max_path_depth=settings.getint("PORTAL_TRAP_MAX_PATH_DEPTH"),
            max_query_params=settings.getint("PORTAL_TRAP_MAX_QUERY_PARAMS"),
        )
        self.max_copies = settings.getint("PORTAL_TRAP_MAX_COPIES")
        self.duplicates = DuplicatePages(self.max_copies)
        self.budget = PageBudget(settings.getint("PORTAL_MAX_PAGES_PER_SITE"))
        self._over_budget: set[str] = set()
        self._reported: set[tuple[str, str]] = set()

    def process_spider_output(self, response, result):
        followed = _Once(lambda: self._links_followed(response))
        for entry in result:
            if (entry := self._screen(entry, response, followed)) is not None:
                yield entry

    async def process_spider_output_async(self, response, result):
        followed = _Once(lambda: self._links_followed(response))
        async for entry in result:
            if (entry := self._screen(entry, response, followed)) is not None:
                yield entry

    def get_processed_request(self, request, response):
        """Start requests (and the URLs the last run failed on) are screened like any link."""
        return self._screen(request, response, followed=lambda: True)

    def _links_followed(self, response) -> bool:
        # The fingerprint of the page's visible text comes with its reading (extraction/page_discovery.py).
        fingerprint = response.meta.get("text_fingerprint") if isinstance(response, HtmlResponse) else None
        if self.max_copies <= 0 or fingerprint is None or response.status != 200:
            return True
        if not self.duplicates.seen(_site(response.url), fingerprint):
            return True
        self.stats.inc_value("portal/traps/duplicate_content")
        self._report("duplicate_content", response.url,
                     f"same text as {self.max_copies} other pages of the site: its links are not followed")
        return False

    def _screen(self, entry, response, followed):
        """The spider's output entry, None to drop it, or a FetchFailure in place of a request."""
        if not isinstance(entry, Request):
            return entry
        if not followed():
            return None
        if verdict := self.rules.verdict(entry.url):
            rule, explanation = verdict
            self.stats.inc_value(f"portal/traps/{rule}")
            self._report(rule, entry.url, f"{explanation}: not requested")
            return None
        if getattr(entry.callback, "__name__", "") in UNBUDGETED_CALLBACKS:
            return entry
        site = _site(entry.url)
        if self.budget.admit(site, entry.url):
            return entry
        if entry.url in self._over_budget:
            return None
        self._over_budget.add(entry.url)
        self.stats.inc_value("portal/traps/over_budget")
        self.stats.inc_value("portal/failures")
        self._report("over_budget", entry.url, f"{site} reached PORTAL_MAX_PAGES_PER_SITE ({self.budget.limit}): further pages are left for the next run")
        return FetchFailure(
            url=entry.url, reason=f"not fetched: page budget of {self.budget.limit} reached for the site",
            attempts=0, referer=response.url if response is not None else None,
        )

    def _report(self, rule: str, url: str, message: str) -> None:
        """The first case of each rule on each site is logged at INFO, the others at DEBUG."""
        key = (rule, _site(url))
        level = logging.DEBUG if key in self._reported else logging.INFO
        self._reported.add(key)
        logger.log(level, "Trap (%s) at %s: %s", rule, url, message)
