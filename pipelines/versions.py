"""Article versions across runs: a changed article gets a new record that names the one it
supersedes and says what changed; an unchanged one is not written again; a confirmed removal
(crawler/removals.py) becomes a tombstone version.

The ledger of what was written is articles.jsonl itself, read at start, so a crawl killed and
started again never writes the same version twice.
"""

from scrapy.exceptions import DropItem

from crawler.items import Removal
from crawler.state import Outcome
from crawler.state.keeper import article_history, crawl_state
from extraction.document import KIND as DOCUMENT
from record.fields import TOMBSTONES
from record.tombstone import tombstone
from record.version_diff import RESTORED


class ArticleVersionPipeline:
    def __init__(self, crawler):
        self.stats = crawler.stats
        self.keeper = crawl_state(crawler)
        self.history = article_history(crawler)
        self.ledger = self.history.ledger

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if isinstance(item, Removal):
            return self._tombstone(item)
        if not isinstance(item, dict) or item.get("kind") == DOCUMENT:  # documents: pipelines/documents.py
            return item
        # An article read beside the crawl comes with its content hash (crawler/items.py).
        if not self.history.next_version(item, self.keeper.run_id, getattr(item, "content_hash", None)):
            self.keeper.state.save_outcome(Outcome(item["url"], self.keeper.run_id, "unchanged", published_at=item["published_at"]))
            self.stats.inc_value("portal/articles_unchanged")
            raise DropItem(f"unchanged: {item['canonical_url']}")
        self._count(item)
        return item

    def _tombstone(self, removal: Removal) -> dict:
        url = removal.canonical_url
        last = self.history.latest_record(url)
        if last is None or self.ledger.status_of(url) == removal.status:
            raise DropItem(f"{url}: already {removal.status}" if last else f"{url}: not an article of this crawl")
        record = tombstone(last, removal.status, removal.reason, removal.captures)
        self.history.next_version(record, self.keeper.run_id)
        self._count(record)
        return record

    def _count(self, record: dict) -> None:
        """The new version in the run's stats, by what changed."""
        if record["changes"] is None:
            self.stats.inc_value("portal/articles_new")
            return
        self.stats.inc_value("portal/articles_changed")
        kind = record["changes"]["kind"]
        if kind in TOMBSTONES or kind == RESTORED:
            self.stats.inc_value(f"portal/articles_{kind}")
