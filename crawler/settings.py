"""Scrapy settings of portal-archive: polite defaults for real government portals.

Every value can be overridden per crawl (`portal-archive crawl -s NAME=VALUE` or `scrapy crawl -s`).
Settings of our own components carry their prefix: PORTAL_*, WARC_*.
"""

import os

from scrapy.settings.default_settings import EXTENSIONS_BASE as _SCRAPY_EXTENSIONS

import record.fields
from crawler import __version__

BOT_NAME = "portal-archive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Who we are and how to reach the operator: `portal-archive crawl --contact` fills this in.
PORTAL_CONTACT = ""
USER_AGENT = f"portal-archive/{__version__} (web archiving of public government information)"

# Politeness: provincial portals are small servers run by small teams.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# A server that sends nothing for this long fails the fetch; one that answers but trickles its
# body is cut at PORTAL_MAX_FETCH_TIME (shorter), keeping what came as WARC-Truncated.
DOWNLOAD_TIMEOUT = 180.0  # seconds; Scrapy reads it as a float (-s DOWNLOAD_TIMEOUT=2.5)
RETRY_TIMES = 3
# Scrapy would drop an oversized response; PORTAL_MAX_RESPONSE_SIZE keeps its first bytes instead,
# archived as WARC-Truncated (likewise PORTAL_MAX_FETCH_TIME, in seconds, for a trickling body).
DOWNLOAD_MAXSIZE = 0
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
PORTAL_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
PORTAL_MAX_FETCH_TIME = 120.0
# HTML pages are read (parsed once: links, article, document, schema check) by this many worker
# processes beside the crawl, so that fetching never waits for extraction (crawler/page_reader.py):
# one per CPU the crawl may use; 0 reads them in the crawl's own process (for debugging). A page
# whose reading takes longer than PORTAL_EXTRACTION_TIMEOUT seconds, or whose worker dies, is
# recorded as a failure with the reason (archived all the same); its worker is replaced.
PORTAL_EXTRACTION_WORKERS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
PORTAL_EXTRACTION_TIMEOUT = 60.0  # as reextract's (archive/extraction_pool.py DEFAULT_TIME_BOUND)
# Items and requests of one page handed on in parallel: Scrapy starts that many asyncio tasks for
# every callback's output, even an empty one (scrapy/utils/asyncio.py _parallel_asyncio). Our
# pipelines are synchronous and a request is only scheduled, so nothing is gained by more than one:
# Scrapy's 100 cost the crawl's process ~2 ms of CPU a page, 16 still ~0.3 ms, for nothing.
CONCURRENT_ITEMS = 1
# No way into a running crawl: Scrapy's Telnet console and its remote-control HTTP server (which runs
# any Python code it is sent) are both off. A crawl is watched through its log and run.json. The
# remote control is also left out of Scrapy's own extensions, so that -s REMOTE_CONTROL_ENABLED=True
# cannot turn it on and Scrapy never imports it (aiohttp and a TLS context: ~0.25 s of CPU a crawl):
# Scrapy imports every extension EXTENSIONS names, even one set to None.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
EXTENSIONS_BASE = {path: order for path, order in _SCRAPY_EXTENSIONS.items() if path != "scrapy.extensions.remote_control.RemoteControl"}
LOG_LEVEL = "INFO"
# Scrapy's DEBUG line for each fetch and item made only when shown (crawler/log_formatter.py).
LOG_FORMATTER = "crawler.log_formatter.ShownOnlyLogFormatter"
# Scrapy's stats collector less a shim it runs on every access (crawler/stats.py).
STATS_CLASS = "crawler.stats.CrawlStats"

# What to crawl: a profile (extraction/profiles/*.toml or a path) and optional extra start URLs/domains.
# "auto": the site's family is recognised from its pages (crawler/profile_choice.py).
PORTAL_PROFILE = "auto"
PORTAL_START_URLS: list[str] = []
PORTAL_ALLOWED_DOMAINS: list[str] = []
PORTAL_CRAWL_NAME = ""
# Where this crawl's files go (record/crawl_dir.py): articles.jsonl, run.json, warc/, state.sqlite, ...
# Run it again with the same directory for an incremental crawl (or to resume a killed one).
# Empty: a new directory output/<profile>-<time>, as `portal-archive crawl` without --output.
PORTAL_OUTPUT_DIR = ""
# Crawl state (what was fetched, ETags, WARC locations): default sqlite:<output>/state.sqlite.
PORTAL_STATE_URI = ""
# Known articles are re-checked with conditional requests: every run while younger than
# RECENT_DAYS (by publication date), then once every OLD_EVERY_DAYS.
PORTAL_RECHECK_RECENT_DAYS = 30
PORTAL_RECHECK_OLD_EVERY_DAYS = 7
# A known article no listing or sitemap linked in this many runs in a row (whose discovery was
# complete), while its URL still answers, gets an "unlisted" tombstone (crawler/removals.py).
PORTAL_UNLISTED_AFTER_RUNS = 3
# Only record articles published on or after this date (YYYY-MM-DD); `crawl --since`.
PORTAL_SINCE = ""

WARC_ENABLED = True
WARC_PREFIX = "portal-archive"
WARC_MAX_SIZE = 1_000_000_000
WARC_WORKER_ID = None
WARC_OPERATOR = ""
WARC_DESCRIPTION = ""
# After the crawl: indexes/index.cdxj, and <crawl name>.wacz with the article pages listed.
WARC_INDEX_ENABLED = True
WACZ_ENABLED = True

DOWNLOADER_MIDDLEWARES = {
    # Closest to the network: sees requests as sent and responses as received (still gzip-encoded).
    "crawler.middlewares.warc_capture.WarcCaptureMiddleware": 950,
}
ITEM_PIPELINES = {
    "pipelines.validate.ArticleValidationPipeline": 100,
    "pipelines.dedupe.DuplicateArticlePipeline": 200,
    "pipelines.versions.ArticleVersionPipeline": 250,
    "pipelines.documents.DocumentVersionPipeline": 260,
    "pipelines.jsonl_writer.ArticleWriterPipeline": 300,
    "pipelines.documents.DocumentWriterPipeline": 310,
    "pipelines.failures.FailureLogPipeline": 400,
}
EXTENSIONS = {
    # Loaded first so that its index and package are in the run report, which comes after it.
    "crawler.extensions.fetch_limits.FetchLimits": 300,
    "crawler.extensions.archive_package.ArchivePackage": 400,
    "crawler.extensions.run_report.RunReport": 500,
    "crawler.extensions.progress.Progress": 600,
}
# Seconds between progress lines on a terminal (0: none). Nothing is shown when not on a terminal.
PORTAL_PROGRESS_INTERVAL = 2.0
# Python's garbage collector paced for the crawl (what it costs a page: crawler/extensions/gc_pacing.py).
EXTENSIONS["crawler.extensions.gc_pacing.GcPacing"] = 700

# Discovery beyond links (crawler/discovery/): ASP.NET postback pager pages followed per form
# action at most, and feeds declared in page heads fetched at most, per crawl.
PORTAL_POSTBACKS_PER_FORM = 200
PORTAL_FEEDS_MAX = 100
# A crawl that read at least PORTAL_FEW_ARTICLES_MIN_PAGES HTML pages and recorded fewer articles than
# PORTAL_FEW_ARTICLES_SHARE of them has not found the portal's articles: not `success` (run_report.py).
PORTAL_FEW_ARTICLES_MIN_PAGES = 40
PORTAL_FEW_ARTICLES_SHARE = 0.05

# Archive the images, stylesheets, scripts and attachments of article pages, so replay shows
# the page as it looked. They are never parsed for links nor turned into records.
PORTAL_REQUISITES_ENABLED = True

# Template drift (crawler/extensions/template_drift.py): per profile, how many article pages the
# profile's own selectors still give each field; an error and the `portal/template_drift` stat
# when a required field is missing on more than DRIFT_MAX_MISSING_SHARE of at least DRIFT_MIN_PAGES.
# Before the run report (500), whose spider_closed handler reads the stats it sets.
EXTENSIONS["crawler.extensions.template_drift.TemplateDrift"] = 450
DRIFT_ENABLED = True
DRIFT_REQUIRED_FIELDS = list(record.fields.REQUIRED_FIELDS)
DRIFT_FIELDS = ["lead", "author", "source", "category", "breadcrumb", "images", "attachments"]
DRIFT_MIN_PAGES = 20
DRIFT_MAX_MISSING_SHARE = 0.2

# Distributed crawling (docs/distributed.md): workers on any number of machines share one frontier
# and one crawl state in Redis. Set by `crawl --redis URL`; empty: this process crawls alone.
# The add-on fills in the rest: scheduler, worker extension, state URI, names.
ADDONS = {"crawler.scheduling.addon.DistributedCrawl": 0}
PORTAL_REDIS_URL = ""
# This worker's name in the crawl: Redis, WARC file names, output subdirectory. Default host-pid.
PORTAL_WORKER_ID = ""
# Seconds a worker may stay silent before the others take its requests back into the frontier.
PORTAL_WORKER_TIMEOUT = 30.0

# Reliability (docs/reliability.md): retries spaced out, redirect chains that come back to their
# start followed, compression bombs stopped, traps and a page budget per site, parse errors and
# pages over the budget recorded as failures.
DOWNLOADER_MIDDLEWARES.update({
    # Scrapy's host-name check, and the portal's ports (a link to another port is another service).
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.offsite.PortalOffsiteMiddleware": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.redirect.ChainAwareRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.decompression.BoundedHttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "crawler.middlewares.cookies.PortalCookiesMiddleware": 700,
    "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
    "crawler.middlewares.downloader_stats.PortalDownloaderStats": 850,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.meta_refresh.PortalMetaRefreshMiddleware": 580,
})
# Seconds before the first retry, doubling with each retry up to the maximum, and never less than
# the server's Retry-After; a Retry-After over PORTAL_RETRY_AFTER_MAX leaves the URL to the next run.
PORTAL_RETRY_BACKOFF_BASE = 2.0
PORTAL_RETRY_BACKOFF_MAX = 60.0
PORTAL_RETRY_AFTER_MAX = 300.0
# A body that grows past this when its Content-Encoding is undone is a compression bomb.
PORTAL_MAX_DECOMPRESSED_SIZE = 128 * 1024 * 1024
SPIDER_MIDDLEWARES = {
    # Closest to the spider: an exception while reading a page becomes a recorded failure.
    "crawler.spidermiddlewares.callback_errors.CallbackErrors": 950,
    # After UrlLengthMiddleware (800), so that URLs it drops are not counted against the budget.
    "crawler.spidermiddlewares.trap_guard.TrapGuard": 750,
}
# New pages requested per site and run (requisites not counted; 0: no limit). Past it, URLs are
# recorded as failures, and the next run fetches them.
PORTAL_MAX_PAGES_PER_SITE = 200_000
# URLs not requested: a path segment (a word) more often than this, a deeper path, more query
# parameters. Links of a page not followed when its text (digits aside) was already seen under
# PORTAL_TRAP_MAX_COPIES other URLs of the site (0: no such check).
PORTAL_TRAP_MAX_SEGMENT_REPEATS = 2
PORTAL_TRAP_MAX_PATH_DEPTH = 16
PORTAL_TRAP_MAX_QUERY_PARAMS = 16
PORTAL_TRAP_MAX_COPIES = 3
# An archive crawl goes straight to the portal. Proxies from the environment (http_proxy,
# HTTPS_PROXY, …) are ignored, so a stray variable never reroutes a crawl and an operator's proxy
# credentials never end up in request records; set HTTPPROXY_ENABLED=True to crawl through them.
HTTPPROXY_ENABLED = False
# HTTP(S) only: a hostile link, sitemap or redirect to file://, ftp://, s3:// or data: must not
# read local files or reach other services.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}
