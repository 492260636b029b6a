"""Checks every article record against the shipped JSON Schema; failures go to rejects.jsonl."""

import json
from importlib import resources

from jsonschema import Draft202012Validator, FormatChecker
from scrapy.exceptions import DropItem

from pipelines.jsonl import JsonLinesFile, output_path


def article_schema() -> dict:
    return json.loads(resources.files("pipelines.schemas").joinpath("article.schema.json").read_text("utf-8"))


def article_validator() -> Draft202012Validator:
    return Draft202012Validator(article_schema(), format_checker=FormatChecker())


def problems(validator: Draft202012Validator, record: dict) -> list[str]:
    """Each schema violation as '<field path>: <message>', in a stable order."""
    found = []
    for error in sorted(validator.iter_errors(record), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(map(str, error.absolute_path)) or "(record)"
        found.append(f"{where}: {error.message}")
    return found


class ArticleValidationPipeline:
    def __init__(self, rejects: JsonLinesFile, stats):
        self.validator = article_validator()
        self.rejects = rejects
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(JsonLinesFile(output_path(crawler, "rejects.jsonl")), crawler.stats)

    def process_item(self, item):
        if not isinstance(item, dict):
            return item
        found = problems(self.validator, item)
        if found:
            self.rejects.write({"url": item.get("url"), "reasons": found, "record": item})
            self.stats.inc_value("portal/rejects")
            raise DropItem(f"invalid record {item.get('url')}: {'; '.join(found)}")
        return item

    def close_spider(self):
        self.rejects.close()
