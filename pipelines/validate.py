"""Checks every record against the shipped JSON Schema; failures go to rejects.jsonl. An article's
check ran beside the crawl, with its reading (crawler/items.py ArticleRecord): its verdict is used."""

from scrapy.exceptions import DropItem

from crawler.items import ArticleRecord
from crawler.state.keeper import crawl_directory
from record.jsonl import JsonLinesFile
from record.schema import problems


class ArticleValidationPipeline:
    def __init__(self, rejects: JsonLinesFile, stats):
        self.rejects = rejects
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(JsonLinesFile(crawl_directory(crawler).rejects_file), crawler.stats)

    def process_item(self, item):
        if not isinstance(item, dict):
            return item
        found = list(item.problems) if isinstance(item, ArticleRecord) else problems(item)
        if found:
            self.rejects.write({"url": item.get("url"), "reasons": found, "record": item})
            self.stats.inc_value("portal/rejects")
            raise DropItem(f"invalid record {item.get('url')}: {'; '.join(found)}")
        return item

    def close_spider(self):
        self.rejects.close()
