"""The one spider: discovers a portal's pages, fetches them, and hands articles to the pipelines.

Discovery follows the profile: start URLs, robots.txt ``Sitemap:`` lines and the sitemaps they
name, links on listing and article pages that stay on the portal's domains, and what
crawler/discovery finds beyond links (postback pagers, load-more endpoints, feeds). With
``profile=auto`` the site's family is recognised from its pages (crawler/profile_choice.py).
"""

import re
import sys
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest, ResponseDataLossError
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.discovery import feeds, load_more
from crawler.discovery.postback import PostbackFollower
from crawler.documents import DocumentChains
from crawler.page_reader import PageReader
from crawler.state.keeper import crawl_directory, crawl_state
from crawler.items import ArticleRecord, FetchFailure
from crawler.middlewares.offsite import PortScope
from crawler.profile_choice import AUTO, ProfileChoice
from extraction.dates import parse_machine_date
from extraction.page_reading import PageReading
from extraction.profiles import Discovery, Profile, ProfileError
from extraction.resolve import resolve_profile
from crawler.recheck import Plan, RecheckPolicy
from crawler.removals import RemovalWatch
from crawler.signals import article_extracted, page_links_extracted, profile_recognised
from crawler.state import Outcome
from extraction.urls import absolute_url, canonicalize_url
from record.crawl_dir import REFUSALS, default_output

# IgnoreRequest messages of Scrapy's robots.txt and offsite middlewares; any other (too many
# redirects, a compression bomb) is a page not archived, recorded as a failure.
POLICY_REFUSALS = ("Forbidden by robots.txt", "Filtered offsite request")


def _as_list(value) -> list[str]:
    """Spider arguments arrive as comma-separated strings from ``-a``, settings as lists."""
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


# The crawl's rules until the site's family is recognised: every link, tracking parameters dropped.
AUTO_PROFILE = Profile(name=AUTO, family=AUTO, discovery=Discovery(drop_query_params=("utm_*", "fbclid", "gclid", "jsessionid")))


def _url_key(url: str) -> int:
    # Python's own str hash: 64 bits, at a tenth of the cost of a blake2b digest of as many, and
    # every link of every page is keyed (22,084 links in the demo crawl, for 1,522 URLs).
    return hash(url)


class PortalSpider(scrapy.Spider):
    name = "portal"

    @classmethod
    def from_crawler(cls, crawler, *args, profile=None, start_urls=None, allowed_domains=None, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.requested_profile = profile or settings.get("PORTAL_PROFILE") or AUTO
        try:
            base = AUTO_PROFILE if spider.requested_profile == AUTO else resolve_profile(spider.requested_profile)
        except ProfileError as error:
            raise ValueError(str(error)) from None
        spider.profile = base.with_site(
            start_urls=_as_list(start_urls) + settings.getlist("PORTAL_START_URLS"),
            allowed_domains=_as_list(allowed_domains) + settings.getlist("PORTAL_ALLOWED_DOMAINS"),
        )
        if not spider.profile.discovery.start_urls:
            raise ValueError(f"profile {spider.profile.name!r} has no start URLs: give --start-url (or -a start_urls=...)")
        spider.start_urls = list(spider.profile.discovery.start_urls)
        spider.allowed_domains = list(spider.profile.discovery.allowed_domains)
        spider.scope = PortScope(spider.start_urls)  # and the ports: crawler/middlewares/offsite.py
        spider.choice = ProfileChoice(None if base is AUTO_PROFILE else spider.profile)
        spider.postbacks = PostbackFollower(settings.getint("PORTAL_POSTBACKS_PER_FORM"))
        spider._feeds: set[str] = set()
        # Articles left for a later run, and articles read in this one (a redirecting link such as
        # /node/N can bring one of the former): counted apart, so that the counts add up.
        spider._not_due: set[int] = set()
        spider._read: set[int] = set()
        spider.documents = DocumentChains(spider)  # legal documents, read from all their tabs and files
        if not settings.get("PORTAL_OUTPUT_DIR"):  # `scrapy crawl portal`: a new directory, as `portal-archive crawl` gives
            settings.set("PORTAL_OUTPUT_DIR", str(default_output(spider.profile.name)), priority="cmdline")
        # The first of our components to run: the directory is locked and checked before any other touches it.
        try:
            crawl_directory(crawler)
        except REFUSALS as refused:
            # Nothing is open yet: one line and the exit code of `portal-archive crawl`, not a traceback.
            print(f"scrapy crawl {cls.name}: {refused}", file=sys.stderr, flush=True)
            raise SystemExit(refused.exit_code) from None
        spider.reader = PageReader.from_crawler(crawler, spider.choice)  # HTML pages read beside the crawl
        return spider

    async def start(self):
        self.keeper = crawl_state(self.crawler)
        self.recheck = RecheckPolicy(
            self.keeper.state, self.keeper.run_id,
            self.settings.getfloat("PORTAL_RECHECK_RECENT_DAYS"), self.settings.getfloat("PORTAL_RECHECK_OLD_EVERY_DAYS"),
        )
        self._followed: set[int] = set()
        self.watch = RemovalWatch(self)  # known articles that left the portal: crawler/removals.py
        since = self.settings.get("PORTAL_SINCE")
        self.since = since and parse_machine_date(since)
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_page, errback=self.on_failure)
        # What failed last time is tried again; a page the portal says is gone (4xx) is not.
        for url in self.keeper.state.urls_with_outcome("failed"):
            outcome = self.keeper.state.outcome(url)
            if self._in_scope(url) and not (outcome.reason or "").startswith("HTTP 4"):
                if request := self._request(url, self.parse_page):
                    yield request
        origins = dict.fromkeys(f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in self.start_urls)
        for origin in origins:
            yield scrapy.Request(
                f"{origin}/robots.txt", callback=self.parse_robots, errback=self.on_failure,
                meta={"handle_httpstatus_all": True, "dont_obey_robotstxt": True}, priority=10,
            )

    def _request(self, url: str, callback, referer: str | None = None) -> scrapy.Request | None:
        """The request for a URL as the re-check schedule wants it, or None when it is not to be fetched."""
        plan, headers = self.recheck.plan(url)
        if plan is Plan.NOT_DUE:
            self._not_due.add(_url_key(url))
            return None
        if plan is Plan.DONE_THIS_RUN:
            self.crawler.stats.inc_value(f"portal/skipped_{plan.value}")  # once a URL: _follow decides each once
            return None
        meta = {"handle_httpstatus_list": [304]} if plan is Plan.CONDITIONAL else {}
        meta.update(self.watch.request_meta(url))
        return scrapy.Request(
            url, callback=callback, errback=self.on_failure, headers=headers, meta=meta,
            cb_kwargs={"referer": referer} if referer else {},
        )

    def linked(self, url: str) -> bool:
        """Whether a page or sitemap of this run linked `url` (or a link brought its article in)."""
        key = _url_key(url)
        return key in self._followed or key in self._read

    def _in_scope(self, url: str) -> bool:
        try:
            return self.profile.claims_url(url) and self.scope.allows(url)
        except ValueError:  # not a URL at all ("http://[::1")
            return False

    def _wanted(self, url: str) -> bool:
        discovery = self.profile.discovery
        patterns = discovery.article_urls + discovery.listing_urls
        if not patterns:
            return True
        return any(re.search(p, url) for p in patterns)

    def _follow(self, urls, referer: str):
        """The requests for the links `urls` not decided yet in this run."""
        followed = self._followed
        for url in urls:
            # Every page links the same menus and blocks: decide each URL once per run, before the
            # canonical form, the re-check query and a Request are spent on it (a 64-bit hash a URL);
            # most links of a page are answered here, by one set lookup.
            if (key := _url_key(url)) not in followed and (request := self._decide(url, key, referer)):
                yield request

    def _decide(self, url: str, key: int, referer: str) -> scrapy.Request | None:
        """The request for a link not decided yet (`key`: its URL key), or None."""
        self._followed.add(key)
        url = canonicalize_url(url, self.profile)
        # Links written differently (a fragment, a tracking parameter) are one page: decided, and counted, once.
        canonical_key = _url_key(url)
        if canonical_key != key:
            if canonical_key in self._followed:
                return None
            self._followed.add(canonical_key)
        if self._in_scope(url) and self._wanted(url):
            return self._request(url, self.parse_page, referer)
        return None

    def parse_robots(self, response):
        if response.status != 200 or not isinstance(response, TextResponse):
            return
        for line in response.text.splitlines():
            name, _, value = line.partition(":")
            if name.strip().lower() == "sitemap" and value.strip():
                if (location := absolute_url(response.url, value)) is None:
                    self.crawler.stats.inc_value("portal/failures")
                    yield FetchFailure(url=value.strip(), reason=f"robots.txt Sitemap: is not a URL (in {response.url})", referer=response.url)
                    continue
                yield scrapy.Request(location, callback=self.parse_sitemap, errback=self.on_failure, cb_kwargs={"referer": response.url})

    def parse_sitemap(self, response, referer=None):
        if truncated := self._truncated(response, referer):
            yield truncated
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz: a decompression bomb stops at the size limit
            body = gunzip(body, max_size=self.settings.getint("PORTAL_MAX_RESPONSE_SIZE"))
        sitemap = Sitemap(body)
        for entry in sitemap:
            location = entry.get("loc")
            if not location:
                continue
            # A relative <loc> is read against the sitemap's own URL.
            if (joined := absolute_url(response.url, location)) is None:
                self.crawler.stats.inc_value("portal/failures")
                yield FetchFailure(url=location, reason=f"sitemap <loc> is not a URL (in {response.url})", referer=response.url)
                continue
            location = joined
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(location, callback=self.parse_sitemap, errback=self.on_failure, cb_kwargs={"referer": response.url})
            else:
                yield from self._follow((location,), response.url)
        # libxml2 gives up on an entity-expansion bomb without raising (Scrapy parses with recover=True).
        if gave_up := [e.message for e in sitemap.xmliter.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]:
            self.crawler.stats.inc_value("portal/failures")
            yield FetchFailure(url=response.url, reason=f"sitemap not read to the end: {gave_up[0]}",
                               status=response.status, referer=referer)

    def _truncated(self, response, referer):
        """A response cut by a size or time limit: archived as it is, but neither parsed nor trusted."""
        if "download_stopped" not in response.flags:
            return None
        self.watch.note_failure(response.request)
        self.crawler.stats.inc_value("portal/failures")
        return FetchFailure(
            url=response.url, reason=f"truncated ({response.meta.get('truncated', 'stopped')} limit)",
            status=response.status, referer=referer,
        )

    async def parse_page(self, response, referer=None):
        if truncated := self._truncated(response, referer):
            yield truncated
            return
        if (answered := self.watch.answer(response)) is not None:  # a known article's redirect, or its absence from listings
            for entry in answered:
                yield entry
            return
        if response.status == 304:
            self.keeper.state.save_outcome(Outcome(response.url, self.keeper.run_id, "not_modified"))
            self.crawler.stats.inc_value("portal/articles_not_modified")
            return
        if isinstance(response, HtmlResponse):
            entries = self._read_html(response, await self.reader.read(response, self), referer)
        elif isinstance(response, XmlResponse) and feeds.is_feed(response.body):
            entries = self.parse_feed(response, referer)
        elif isinstance(response, TextResponse) and response.body.lstrip()[:1] in (b"{", b"["):
            entries = self._read_json(response)
        else:
            return
        for entry in entries:
            yield entry

    def recognised(self, response, recognition) -> None:
        """The site's family is known (crawler/page_reader.py): discovery follows its rules from now on."""
        if self.choice.site is not None:  # its deny patterns and query parameters
            self.profile = self.choice.site.with_site(start_urls=self.profile.discovery.start_urls,
                                                      allowed_domains=self.profile.discovery.allowed_domains)
        self.crawler.signals.send_catch_log(profile_recognised, response=response, recognition=recognition)

    def _read_html(self, response, reading: PageReading | str, referer):
        stats = self.crawler.stats
        stats.inc_value("portal/html_pages")
        if isinstance(reading, str):  # too slow to read, or its worker died: archived, not read
            stats.inc_value("portal/failures")
            yield FetchFailure(url=response.url, reason=reading, status=response.status, referer=referer)
            return
        response.meta["text_fingerprint"] = reading.text_fingerprint  # for the trap guard
        if reading.looks_like_article:
            stats.inc_value("portal/article_shaped_pages")
        if reading.profile_chosen:
            self.choice.count(reading.profile)
            yield from self._article(response, reading, referer)
            yield from self.documents.read(response, reading)
        self.crawler.signals.send_catch_log(page_links_extracted, response=response, outlinks=reading.links, referer=referer)
        yield from self._follow(reading.links, response.url)
        yield from self._beyond_links(response, reading)

    def _article(self, response, reading: PageReading, referer):
        """The page's record, if it is an article, not before --since, and not a copy of a page its
        canonical link names (a print copy: that page is followed instead and gives the record)."""
        if reading.failure:  # too large to extract: archived whole all the same; the reason goes with the failures
            self.crawler.stats.inc_value("portal/failures")
            yield FetchFailure(url=response.url, reason=reading.failure, status=response.status, referer=referer)
            return
        if reading.record is None:
            # Not an article, but a file it shows in a viewer (a PDF-only notice) is what its reader sees.
            if self.settings.getbool("PORTAL_REQUISITES_ENABLED"):
                yield from self._requisite_requests(response, reading.embedded_files)
            return
        record = ArticleRecord(reading.record, reading.problems, reading.content_hash)
        if self._before_since(record):
            self.crawler.stats.inc_value("portal/articles_before_since")
            return
        if original := self._copy_of(record, response.url):
            self.crawler.stats.inc_value("portal/copies")
            yield from self._follow((original,), response.url)
            return
        self.crawler.stats.inc_value("portal/articles_extracted")
        self._read.add(_url_key(record["canonical_url"]))
        if reading.profile is not None:  # template drift is a profile's; the generic reader has none to drift from
            self.crawler.signals.send_catch_log(article_extracted, response=response, record=record, profile=reading.profile)
        yield record
        if self.settings.getbool("PORTAL_REQUISITES_ENABLED"):
            # Images, stylesheets, scripts and attachments, so that replay looks like the page.
            yield from self._requisite_requests(response, reading.requisites + [a["url"] for a in record["attachments"]])

    def _copy_of(self, record, url: str) -> str | None:
        """The URL of the page this one copies, when its canonical link names another page of the portal.

        A canonical link naming the portal's home or a start URL is a theme's mistake (every page
        says so), not a copy: the page is then read as itself.
        """
        if record["canonical_url"] == url:  # most pages name themselves: one canonical form, no copy
            return None
        canonical = canonicalize_url(record["canonical_url"], self.profile)
        if canonical == canonicalize_url(url, self.profile) or not self._in_scope(canonical):
            return None
        if urlsplit(canonical).path in ("", "/") or canonical in self.start_urls:
            return None
        return canonical

    def _beyond_links(self, response, reading: PageReading):
        """What a page names besides its links: postback pagers, load-more endpoints and feeds."""
        if reading.postback_pager:  # only such pages are parsed again, for form2request
            for request in self.postbacks.requests(response, callback=self.parse_page, errback=self.on_failure,
                                                   cb_kwargs={"referer": response.url}):
                if self._in_scope(request.url):
                    self.crawler.stats.inc_value("portal/postbacks")
                    yield request
        yield from self._follow(reading.load_more, response.url)
        # A feed a page links is fetched as a page (parse_page reads it as a feed); one it declares in
        # its head is followed even where the profile keeps such URLs out: the site names it.
        for url in reading.feeds:
            yield from self._feed(url, response.url)

    def _feed(self, url: str, referer: str):
        if url in self._feeds or len(self._feeds) >= self.settings.getint("PORTAL_FEEDS_MAX") or not self._in_scope(url):
            return
        self._feeds.add(url)
        yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_failure, cb_kwargs={"referer": referer})

    def parse_feed(self, response, referer=None):
        if truncated := self._truncated(response, referer):
            yield truncated
            return
        if not feeds.is_feed(response.body):
            return
        self.crawler.stats.inc_value("portal/feeds")
        yield from self._follow(feeds.item_links(response), response.url)

    def _read_json(self, response):
        items, following = load_more.json_links(response)
        yield from self._follow(items + (following if items else []), response.url)

    def closed(self, reason):
        self.crawler.stats.set_value(f"portal/skipped_{Plan.NOT_DUE.value}", len(self._not_due - self._read))
        self.crawler.stats.set_value("portal/documents_unfinished", self.documents.unfinished())
        for action in sorted(self.postbacks.capped):
            self.logger.warning("postback pager of %s: stopped at PORTAL_POSTBACKS_PER_FORM pages", action)

    def _before_since(self, record) -> bool:
        published = parse_machine_date(record.get("published_at") or "")
        return bool(self.since and published and published < self.since)

    def _requisite_requests(self, response, urls):
        """Fetched as written in the page (no canonical form: replay looks them up by that URL) and
        archived, but neither parsed for links nor turned into records."""
        for url in dict.fromkeys(urls):
            if self._in_scope(url):
                yield scrapy.Request(
                    url, callback=self.parse_requisite, errback=self.on_failure,
                    cb_kwargs={"referer": response.url}, priority=-1,
                )

    def claim(self, url: str) -> None:
        """`url` decided for this run: a document's tab, which its chain fetches, is not followed again as a link."""
        self._followed.update((_url_key(url), _url_key(canonicalize_url(url, self.profile))))

    # A document's chain (crawler/documents.py): its other tabs, read as pages too, then its files.
    async def parse_document_tab(self, response, document, referer=None):
        async for entry in self.parse_page(response, referer):
            yield entry
        for entry in self.documents.next_step(document):
            yield entry

    async def parse_document_file(self, response, document, referer=None):
        async for entry in self.documents.file_arrived(response, document):
            yield entry

    def on_document_failure(self, failure):
        yield from self.on_failure(failure)
        yield from self.documents.failed(failure)

    def parse_requisite(self, response, referer=None):
        self.crawler.stats.inc_value("portal/requisites")
        if truncated := self._truncated(response, referer):
            yield truncated

    def on_failure(self, failure):
        request = failure.request
        if failure.check(IgnoreRequest) and str(failure.value).startswith(POLICY_REFUSALS):
            return  # robots.txt or an offsite rule said no: a policy, not a failure
        if (gone := self.watch.failed(failure)) is not None:  # a known article's 404 or 410: crawler/removals.py
            yield from gone
            return
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
        elif failure.check(ResponseDataLossError):  # Scrapy raises it without a word
            reason = ("ResponseDataLossError: the connection closed before the whole body came"
                      " (fewer bytes than its Content-Length, or an unfinished chunked body)")
        else:
            reason = f"{type(failure.value).__name__}: {failure.value}".strip()
        self.crawler.stats.inc_value("portal/failures")
        yield FetchFailure(
            url=request.meta.get("redirect_urls", [request.url])[0],  # as linked: a redirect loop ends anywhere
            reason=reason,
            status=status,
            attempts=request.meta.get("retry_times", 0) + 1,
            referer=request.cb_kwargs.get("referer"),
        )
