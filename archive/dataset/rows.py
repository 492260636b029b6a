"""A crawl's article records as the dataset holds them, for the export and the loader alike."""

from collections.abc import Iterator

from archive.dataset.arrow_schema import VERSION_COUNT_COLUMN
from record.crawl_dir import CrawlDirectory
from record.fields import PUBLISHED

# Records written before articles had a status are published, with no changes stored.
_BEFORE_STATUS = (("status", PUBLISHED), ("removed_at", None), ("evidence", None), ("changes", None))


def dataset_rows(crawl: CrawlDirectory, all_versions: bool = False) -> Iterator[dict]:
    """Each article's latest version (or every version), with how many versions the crawl holds of it."""
    versions = crawl.ledger().latest
    for record in crawl.articles(all_versions):
        for name, default in _BEFORE_STATUS:
            record.setdefault(name, default)
        record[VERSION_COUNT_COLUMN] = versions.get(record["canonical_url"]) or 1
        yield record
