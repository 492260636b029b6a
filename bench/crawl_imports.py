"""The modules a crawl loads as it starts, loaded by both sides of the overhead comparison
(bench.full_crawl, bench.bare_spider) before their clocks start: a real crawl runs for hours, and
module loading is not what the figures are about. What each side loads is read from its own
settings, as Scrapy reads them, so neither side is spared a module the other pays for. A crawl
that reads its pages in extraction workers also loads the extraction modules once more, in the
fork server its workers start from: that server is started here too."""

# Settings naming components by import path, each as a priority dict merged with its _BASE.
_COMPONENT_SETTINGS = ("ADDONS", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "ITEM_PIPELINES", "EXTENSIONS")
# Settings naming one class each, which Scrapy's crawler, engine and scheduler load as they start.
_CLASS_SETTINGS = (
    "STATS_CLASS", "LOG_FORMATTER", "REQUEST_FINGERPRINTER_CLASS", "DOWNLOADER", "SCHEDULER", "DUPEFILTER_CLASS",
    "SCHEDULER_PRIORITY_QUEUE", "SCHEDULER_DISK_QUEUE", "SCHEDULER_MEMORY_QUEUE", "ITEM_PROCESSOR", "ROBOTSTXT_PARSER",
)


def import_crawl_components(settings) -> None:
    """Import Scrapy's crawler and the add-ons, middlewares, pipelines, extensions, download handlers
    and core classes a crawl with these Scrapy settings loads (the download handlers import Scrapy's
    HTTP client and TLS set-up)."""
    import scrapy.crawler  # noqa: F401 - the engine, scraper and downloader with it
    from scrapy.utils.conf import build_component_list
    from scrapy.utils.misc import load_object
    from scrapy.utils.python import without_none_values

    for name in _COMPONENT_SETTINGS:
        for path in build_component_list(settings.getwithbase(name)):
            load_object(path)
    for name in _CLASS_SETTINGS:
        load_object(settings[name])
    # Scrapy imports every handler it is given when its downloader starts, lazy ones included.
    for path in without_none_values(settings.getwithbase("DOWNLOAD_HANDLERS")).values():
        load_object(path)
    if settings.getint("PORTAL_EXTRACTION_WORKERS"):
        from archive.extraction_pool import start_fork_server

        start_fork_server()
