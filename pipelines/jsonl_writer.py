"""Writes valid article records to articles.jsonl, one JSON object per line, UTF-8."""

from pipelines.jsonl import JsonLinesFile, output_path


class ArticleWriterPipeline:
    def __init__(self, articles: JsonLinesFile, stats):
        self.articles = articles
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(JsonLinesFile(output_path(crawler, "articles.jsonl")), crawler.stats)

    def process_item(self, item):
        if isinstance(item, dict):
            self.articles.write(item)
            self.stats.inc_value("portal/articles")
        return item

    def close_spider(self):
        self.articles.close()
