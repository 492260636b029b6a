"""The researchers' dataset: load an export or a crawl directory in one line.

    from archive.dataset import load
    articles = load("output/my-portal/dataset/articles.parquet")   # pandas DataFrame
    table = load("output/my-portal", as_="arrow")                  # a crawl directory, latest versions

Exporting is ``archive.dataset.export.export`` (``portal-archive export``); docs/dataset.md has the
recipes for DuckDB and Hugging Face ``datasets``.
"""

import itertools
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from archive.dataset.arrow_schema import SEGMENTED_COLUMN, VERSION_COUNT_COLUMN, article_schema, record_batch
from archive.dataset.rows import dataset_rows
from record.crawl_dir import CrawlDirectory
from record.jsonl import read_jsonl

__all__ = ["load", "load_table"]

_LOAD_BATCH = 1000


def _table(records: Iterable[dict]) -> pa.Table:
    records = iter(records)
    first = next(records, None)
    schema = article_schema(segmented=first is not None and SEGMENTED_COLUMN in first,
                            version_count=first is not None and VERSION_COUNT_COLUMN in first)
    if first is None:
        return schema.empty_table()
    chunks = iter(lambda: list(itertools.islice(records, _LOAD_BATCH)), [])
    batches = [record_batch(chunk, schema) for chunk in itertools.chain([[first]], chunks)]
    return pa.Table.from_batches(batches, schema)


def load_table(path: Path, all_versions: bool = False) -> pa.Table:
    """An Arrow table from an export (.parquet, .jsonl.gz, .jsonl) or a crawl directory."""
    path = Path(path)
    if path.is_dir():
        return _table(dataset_rows(CrawlDirectory.existing(path), all_versions))
    if all_versions:
        raise ValueError("all_versions applies to a crawl directory; an export already chose its versions")
    if path.name.endswith(".parquet"):
        return pq.read_table(path)
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        return _table(read_jsonl(path))
    raise ValueError(f"{path}: not a crawl directory, .parquet, .jsonl or .jsonl.gz file")


def load(path, as_: str = "pandas", all_versions: bool = False):
    """The articles of an export or a crawl directory as a pandas DataFrame or (as_="arrow") an Arrow table.

    From a crawl directory: the latest version of each article, or every version with all_versions.
    Timestamps keep their zone: published_at in +07:00, fetched_at in UTC.
    """
    if as_ not in ("pandas", "arrow"):
        raise ValueError(f'as_ must be "pandas" or "arrow", not {as_!r}')
    table = load_table(path, all_versions)
    return table if as_ == "arrow" else table.to_pandas()
