"""Article versions across runs: a changed article gets a new record that names the one it
supersedes; an unchanged one is not written again.

The ledger of what was written is articles.jsonl itself, read at start, so a crawl killed and
started again never writes the same version twice.
"""

from scrapy.exceptions import DropItem

from crawler.state import Outcome
from crawler.state.keeper import crawl_directory, crawl_state
from record.jsonl import read_jsonl
from record.ledger import LEDGER_FIELDS, VersionLedger


class ArticleVersionPipeline:
    def __init__(self, crawler):
        self.stats = crawler.stats
        self.keeper = crawl_state(crawler)
        self.ledger = VersionLedger.of(read_jsonl(crawl_directory(crawler).articles_file, required=LEDGER_FIELDS))

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if not isinstance(item, dict):
            return item
        known = item["canonical_url"] in self.ledger
        if not self.ledger.next_version(item, self.keeper.run_id):
            self.keeper.state.save_outcome(Outcome(item["url"], self.keeper.run_id, "unchanged", published_at=item["published_at"]))
            self.stats.inc_value("portal/articles_unchanged")
            raise DropItem(f"unchanged: {item['canonical_url']}")
        self.stats.inc_value("portal/articles_changed" if known else "portal/articles_new")
        return item
