"""Document records (crawler/documents.py): numbered as versions against documents.jsonl, then written there.

The article pipelines before these (validate: by the document schema; dedupe: by kind and
canonical URL) take documents as they come; the article version and writer pipelines leave them
to these. The ledger is documents.jsonl itself, read at start, as articles.jsonl is for articles:
an unchanged document is not written again, a changed one is its next version.
"""

from scrapy.exceptions import DropItem

from crawler.state.keeper import crawl_directory, crawl_state
from extraction.document import KIND as DOCUMENT
from record.jsonl import JsonLinesFile, read_jsonl
from record.ledger import LEDGER_FIELDS, VersionLedger


def _is_document(item) -> bool:
    return isinstance(item, dict) and item.get("kind") == DOCUMENT


class DocumentVersionPipeline:
    def __init__(self, crawler):
        self.stats = crawler.stats
        self.keeper = crawl_state(crawler)
        self.ledger = VersionLedger.of(read_jsonl(crawl_directory(crawler).documents_file, required=LEDGER_FIELDS))

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if not _is_document(item):
            return item
        known = item["canonical_url"] in self.ledger
        if not self.ledger.next_version(item, self.keeper.run_id):
            self.stats.inc_value("portal/documents_unchanged")
            raise DropItem(f"unchanged document: {item['canonical_url']}")
        self.stats.inc_value("portal/documents_changed" if known else "portal/documents_new")
        return item


class DocumentWriterPipeline:
    """Opens documents.jsonl at the first document: a crawl of a portal without any leaves none."""

    def __init__(self, path, stats):
        self.path = path
        self.documents: JsonLinesFile | None = None
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawl_directory(crawler).documents_file, crawler.stats)

    def process_item(self, item):
        if _is_document(item):
            self.documents = self.documents or JsonLinesFile(self.path)
            self.documents.write(item)
            self.stats.inc_value("portal/documents")
        return item

    def close_spider(self):
        if self.documents is not None:
            self.documents.close()
