"""Writes every URL that failed, with its reason and run, to failures.jsonl; the next run retries it."""

from dataclasses import asdict

from crawler.state.keeper import crawl_state
from crawler.items import FetchFailure
from crawler.state import Outcome
from record.jsonl import JsonLinesFile, output_path


class FailureLogPipeline:
    def __init__(self, failures: JsonLinesFile, crawler):
        self.failures = failures
        self.keeper = crawl_state(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(JsonLinesFile(output_path(crawler, "failures.jsonl")), crawler)

    def process_item(self, item):
        if isinstance(item, FetchFailure):
            self.failures.write({**asdict(item), "run_id": self.keeper.run_id})
            self.keeper.state.save_outcome(Outcome(item.url, self.keeper.run_id, "failed", reason=item.reason))
            self.stats.inc_value(f"portal/failures_by_reason/{item.reason}")
        return item

    def close_spider(self):
        self.failures.close()
