"""Scrapy settings of portal-archive: polite defaults for real government portals.

Every value can be overridden per crawl (`portal-archive crawl -s NAME=VALUE` or `scrapy crawl -s`).
Settings of our own components carry their prefix: PORTAL_*, WARC_*.
"""

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
DOWNLOAD_TIMEOUT = 60
RETRY_TIMES = 3
# Scrapy would drop an oversized response; PORTAL_MAX_RESPONSE_SIZE keeps its first bytes instead,
# archived as WARC-Truncated (likewise PORTAL_MAX_FETCH_TIME, in seconds, for a trickling body).
DOWNLOAD_MAXSIZE = 0
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
PORTAL_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
PORTAL_MAX_FETCH_TIME = 300.0
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

# What to crawl: a profile (crawler/profiles/*.toml or a path) and optional extra start URLs/domains.
PORTAL_PROFILE = "drupal7"
PORTAL_START_URLS: list[str] = []
PORTAL_ALLOWED_DOMAINS: list[str] = []
PORTAL_CRAWL_NAME = ""
# Where this crawl's files go: articles.jsonl, rejects.jsonl, failures.jsonl, run.json, warc/.
# Run it again with the same directory for an incremental crawl (or to resume a killed one).
PORTAL_OUTPUT_DIR = "output"
# Crawl state (what was fetched, ETags, WARC locations): default sqlite:<output>/state.sqlite.
PORTAL_STATE_URI = ""
# Known articles are re-checked with conditional requests: every run while younger than
# RECENT_DAYS (by publication date), then once every OLD_EVERY_DAYS.
PORTAL_RECHECK_RECENT_DAYS = 30
PORTAL_RECHECK_OLD_EVERY_DAYS = 7
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
    "pipelines.jsonl_writer.ArticleWriterPipeline": 300,
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

# Archive the images, stylesheets, scripts and attachments of article pages, so replay shows
# the page as it looked. They are never parsed for links nor turned into records.
PORTAL_REQUISITES_ENABLED = True
