"""Drops a second record of the same article or document (same kind and canonical URL, reached through another link)."""

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
        # A page can be an article and a document at once (Viettel's legal-document pages): two records.
        key = (item.get("kind", "article"), item["canonical_url"])
        if key in self.seen:
            self.stats.inc_value("portal/duplicates")
            raise DropItem(f"duplicate {key[0]} {key[1]} (fetched as {item['url']})")
        self.seen.add(key)
        return item
