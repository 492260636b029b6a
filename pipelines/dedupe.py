"""Drops a second record of the same article (same canonical URL reached through another link)."""

from scrapy.exceptions import DropItem


class DuplicateArticlePipeline:
    def __init__(self, stats):
        self.seen: set[str] = set()
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        if not isinstance(item, dict):
            return item
        key = item["canonical_url"]
        if key in self.seen:
            self.stats.inc_value("portal/duplicates")
            raise DropItem(f"duplicate article {key} (fetched as {item['url']})")
        self.seen.add(key)
        return item
