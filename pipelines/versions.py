"""Article versions across runs: a changed article gets a new record that names the one it
supersedes; an unchanged one is not written again.

The ledger of what was written is articles.jsonl itself, read at start, so a crawl killed and
started again never writes the same version twice.
"""

import hashlib
import json

from scrapy.exceptions import DropItem

from crawler.state.keeper import crawl_state
from crawler.state import Outcome
from pipelines.jsonl import output_path, read_jsonl

# Fields that say when and how a page was captured, not what the article says.
RUN_DEPENDENT_FIELDS = frozenset({"url", "fetched_at", "warc", "run_id", "version", "content_hash", "supersedes"})


def content_hash(record: dict) -> str:
    content = {k: v for k, v in record.items() if k not in RUN_DEPENDENT_FIELDS}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ArticleVersionPipeline:
    def __init__(self, crawler):
        self.stats = crawler.stats
        self.keeper = crawl_state(crawler)
        self.latest: dict[str, tuple[int, str]] = {}
        for record in read_jsonl(output_path(crawler, "articles.jsonl")):
            self.latest[record["canonical_url"]] = (record["version"], record["content_hash"])

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if not isinstance(item, dict):
            return item
        digest = content_hash(item)
        version, previous = self.latest.get(item["canonical_url"], (0, None))
        if previous == digest:
            self.keeper.state.save_outcome(Outcome(item["url"], self.keeper.run_id, "unchanged", published_at=item["published_at"]))
            self.stats.inc_value("portal/articles_unchanged")
            raise DropItem(f"unchanged since version {version}: {item['canonical_url']}")
        item.update(run_id=self.keeper.run_id, version=version + 1, content_hash=digest, supersedes=previous)
        self.latest[item["canonical_url"]] = (version + 1, digest)
        self.stats.inc_value("portal/articles_changed" if previous else "portal/articles_new")
        return item
