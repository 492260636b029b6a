"""The baseline: a plain Scrapy spider that fetches a given list of URLs and does nothing else.

``python -m bench.bare_spider --result RESULT.json --urls URLS.txt``: Scrapy's default settings
plus the shared ones (same concurrency, robots.txt obeyed), timed from inside the process once
its components are loaded, as the pipeline's (bench/crawl_imports.py).
"""

import argparse
import time
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

from bench.crawl_imports import import_crawl_components
from bench.crawl_result import CrawlResult
from bench.crawl_settings import SHARED_SETTINGS


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], **kwargs):
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self):
        for url in self.urls:
            # Each URL exactly once, as the pipeline fetched it: a redirect or an error page is
            # one response here too, never followed nor retried into a different set of fetches.
            yield scrapy.Request(
                url, callback=self.parse, dont_filter=True,
                meta={"dont_redirect": True, "handle_httpstatus_all": True},
            )

    def parse(self, response):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bare_spider", description=__doc__.splitlines()[0])
    parser.add_argument("--result", type=Path, required=True, help="where to write the timing (JSON)")
    parser.add_argument("--urls", type=Path, required=True, help="the URLs to fetch, one a line")
    args = parser.parse_args(argv)
    urls = args.urls.read_text(encoding="utf-8").split()

    process = CrawlerProcess(SHARED_SETTINGS)
    crawler = process.create_crawler(BareSpider)
    import_crawl_components(crawler.settings)
    started, cpu_started = time.perf_counter(), time.process_time()
    process.crawl(crawler, urls=urls)
    process.start()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    fetches = crawler.stats.get_value("downloader/response_count", 0)
    CrawlResult(seconds=seconds, fetches=fetches, cpu_seconds=cpu_seconds).save(args.result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
