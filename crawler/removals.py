"""Articles that leave the portal: what a crawl takes as evidence, and the confirmation it needs.

A confirmed case becomes a tombstone version of the article (record/tombstone.py, docs/schema.md):

- removed: a known article answers 404 or 410, or redirects to the home page or a listing. One
  such answer is only a suspicion: the URL is requested once more, at the back of the run's queue,
  and a second such answer makes the tombstone (both captures are its evidence). A timeout, a
  reset, a 5xx or a 429 is no evidence of anything: the URL is a failure, tried again next run.
- unlisted: a known article that no page or sitemap linked in PORTAL_UNLISTED_AFTER_RUNS runs in a
  row, while its URL still answers 200 or 304. Only runs whose discovery was complete count: a
  run in which a listing, sitemap or other page that is not an article failed neither counts nor
  resets the runs.
- restored: a tombstoned article the portal serves again (an unlisted one: that a page links
  again) is read as any article, and its new version says "restored" (pipelines/versions.py).

Nothing links a removed article any more, so once discovery is done (the first time the crawl has
nothing left to do) every known article that no page linked in this run is requested again, as
the re-check schedule says (crawler/recheck.py). Known articles are those of the directory's
articles.jsonl; the workers of a distributed crawl each hold a share of it, so there this late
re-check is off and only the articles a worker meets get the confirmation above.
"""

import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.items import Removal
from crawler.recheck import Plan
from crawler.state import Outcome
from crawler.state.keeper import article_history
from extraction.urls import absolute_url
from record.fields import PUBLISHED, REMOVED, UNLISTED, fetched_at

GONE = (404, 410)
REDIRECTS = (301, 302, 303, 307, 308)
# After every other request: the confirmation of a suspicion comes as late in the run as it can.
CONFIRMATION_PRIORITY = -100


class RemovalWatch:
    def __init__(self, spider):
        crawler = spider.crawler
        self.spider = spider
        self.ledger = article_history(crawler).ledger
        self.state = spider.keeper.state
        self.run_id = spider.keeper.run_id
        self.stats = crawler.stats
        self.unlisted_after = max(1, crawler.settings.getint("PORTAL_UNLISTED_AFTER_RUNS"))
        self._late_recheck = not crawler.settings.get("PORTAL_REDIS_URL")
        self._rechecked = False
        self._discovery_failed = False
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    def request_meta(self, url: str) -> dict:
        """What a request carries when `url` is a known article: its redirects come back to the spider."""
        if url not in self.ledger:
            return {}
        return {"known_article": True, "dont_redirect": True, "handle_httpstatus_list": [304, *REDIRECTS]}

    # --- answers --------------------------------------------------------------

    def answer(self, response) -> list | None:
        """What a known article's answer means, or None when the spider is to read it as any page."""
        meta = response.meta
        if not meta.get("known_article"):
            return None
        url = response.request.url
        status = self.ledger.status_of(url)
        if response.status in REDIRECTS:
            target = absolute_url(response.url, (response.headers.get("Location") or b"").decode("latin-1"))
            if target is not None and self._is_listing(target):
                return list(self._suspect(response, url, f"HTTP {response.status} to a listing ({target})", target))
            # Elsewhere (a new address, a chain that comes back): followed as any redirect is.
            return [scrapy.Request(url, callback=self.spider.parse_page, errback=self.spider.on_failure,
                                   dont_filter=True, cb_kwargs=response.request.cb_kwargs)]
        if response.status not in (200, 304):
            return None
        if meta.get("unlisted_runs") and status == PUBLISHED:
            runs = meta["unlisted_runs"]
            reason = f"linked from no listing or sitemap in {runs} run{'s' if runs > 1 else ''} in a row"
            return [Removal(url, UNLISTED, f"{reason}; the URL still answers HTTP {response.status}",
                            [self._capture(response, url)])]
        if meta.get("unlinked") and status == UNLISTED:
            self.state.save_outcome(Outcome(url, self.run_id, UNLISTED))  # still served, still unlinked
            return []
        return None

    def failed(self, failure) -> list | None:
        """A known article answering 404 or 410, or None for any other failure (which is noted)."""
        request = failure.request
        response = failure.value.response if failure.check(HttpError) else None
        if request.meta.get("known_article") and response is not None and response.status in GONE:
            return list(self._suspect(response, request.url, f"HTTP {response.status}", None))
        self.note_failure(request)
        return None

    def note_failure(self, request) -> None:
        """A page that failed: if it could have linked articles, this run's discovery is incomplete."""
        if getattr(request.callback, "__name__", "") == "parse_requisite" or request.meta.get("known_article"):
            return
        patterns = self.spider.profile.discovery.article_urls
        if not any(re.search(pattern, request.url) for pattern in patterns):
            self._discovery_failed = True

    def _suspect(self, response, url: str, reason: str, location: str | None):
        capture = self._capture(response, url, location)
        if self.ledger.status_of(url) == REMOVED:  # still gone: looked at again when the schedule says
            self.state.save_outcome(Outcome(url, self.run_id, REMOVED))
            return
        first = response.meta.get("suspected")
        if first:
            yield Removal(url, REMOVED, f"{reason}, again on a second request", [first, capture])
            return
        self.stats.inc_value("portal/removals_suspected")
        yield scrapy.Request(url, callback=self.spider.parse_page, errback=self.spider.on_failure, dont_filter=True,
                             priority=CONFIRMATION_PRIORITY, meta={**self.request_meta(url), "suspected": capture})

    def _capture(self, response, url: str, location: str | None = None) -> dict:
        moment = response.meta.get("fetched_at") or datetime.now(timezone.utc)
        return {"url": url, "fetched_at": fetched_at(moment), "http_status": response.status,
                "location": location, "warc": response.meta.get("warc")}

    def _is_listing(self, url: str) -> bool:
        if urlsplit(url).path in ("", "/"):
            return True
        return any(re.search(pattern, url) for pattern in self.spider.profile.discovery.listing_urls)

    # --- the late re-check ------------------------------------------------------

    def spider_idle(self, spider):
        if self._rechecked or not self._late_recheck:
            return
        self._rechecked = True
        requests = list(self._rechecks())
        for request in requests:
            spider.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def _rechecks(self):
        complete = not self._discovery_failed and not self.stats.get_value("portal/traps/over_budget")
        self.stats.set_value("portal/discovery_complete", complete)
        recheck = self.spider.recheck
        for url in sorted(self.ledger.latest):
            status = self.ledger.status_of(url)
            if self.spider.linked(url):
                if status == PUBLISHED and self.state.unlinked_runs(url)[0]:
                    self.state.save_unlinked_runs(url, 0, self.run_id)
                continue
            if not self.spider._in_scope(url):
                continue
            meta = {**self.request_meta(url), "unlinked": True}
            runs = self._count_unlinked(url, complete) if status == PUBLISHED else 0
            if runs >= self.unlisted_after:
                plan, headers = Plan.CONDITIONAL, recheck.conditional_headers(url)
                meta["unlisted_runs"] = runs
            else:
                plan, headers = recheck.plan(url, linked=False)
            if plan in (Plan.FETCH, Plan.CONDITIONAL):
                self.stats.inc_value("portal/rechecked_unlinked")
                yield scrapy.Request(url, callback=self.spider.parse_page, errback=self.spider.on_failure,
                                     headers=headers, meta=meta)

    def _count_unlinked(self, url: str, complete: bool) -> int:
        runs, last_run = self.state.unlinked_runs(url)
        if complete and last_run != self.run_id:  # a resumed run counts once
            runs += 1
            self.state.save_unlinked_runs(url, runs, self.run_id)
        return runs
