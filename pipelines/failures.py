"""Writes every URL that failed, with its reason and run, to failures.jsonl; the next run retries it."""

from dataclasses import asdict

from crawler.items import FetchFailure
from crawler.state import Outcome
from crawler.state.keeper import crawl_directory, crawl_state
from record.jsonl import JsonLinesFile


class FailureLogPipeline:
    def __init__(self, failures: JsonLinesFile, crawler):
        self.failures = failures
        self.keeper = crawl_state(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(JsonLinesFile(crawl_directory(crawler).failures_file), crawler)

    def process_item(self, item):
        if isinstance(item, FetchFailure):
            self.failures.write({**asdict(item), "run_id": self.keeper.run_id})
            self.keeper.state.save_outcome(Outcome(item.url, self.keeper.run_id, "failed", reason=item.reason))
            self.stats.inc_value(f"portal/failures_by_reason/{item.reason}")
        return item

    def close_spider(self):
        self.failures.close()
