"""Writes valid article records to articles.jsonl, one JSON object per line, UTF-8.

Only once a record is on disk is its URL marked as recorded in the crawl state, so a crawl
killed in between fetches the page again instead of losing the article.
"""

from crawler.state import Outcome
from crawler.state.keeper import crawl_directory, crawl_state
from extraction.document import KIND as DOCUMENT
from record.fields import TOMBSTONES
from record.jsonl import JsonLinesFile


class ArticleWriterPipeline:
    def __init__(self, articles: JsonLinesFile, crawler):
        self.articles = articles
        self.stats = crawler.stats
        self.keeper = crawl_state(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(JsonLinesFile(crawl_directory(crawler).articles_file), crawler)

    def process_item(self, item):
        if isinstance(item, dict) and item.get("kind") != DOCUMENT:  # documents: pipelines/documents.py
            self.articles.write(item)
            # A tombstone's outcome is its status: the re-check schedule looks at it apart (crawler/recheck.py).
            outcome = item["status"] if item.get("status") in TOMBSTONES else "recorded"
            self.keeper.state.save_outcome(Outcome(item["url"], self.keeper.run_id, outcome, published_at=item["published_at"]))
            self.stats.inc_value("portal/articles")
        return item

    def close_spider(self):
        self.articles.close()
