"""Writes every URL that failed, with its reason, to failures.jsonl."""

from dataclasses import asdict

from crawler.items import FetchFailure
from pipelines.jsonl import JsonLinesFile, output_path


class FailureLogPipeline:
    def __init__(self, failures: JsonLinesFile):
        self.failures = failures

    @classmethod
    def from_crawler(cls, crawler):
        return cls(JsonLinesFile(output_path(crawler, "failures.jsonl")))

    def process_item(self, item):
        if isinstance(item, FetchFailure):
            self.failures.write(asdict(item))
        return item

    def close_spider(self):
        self.failures.close()
