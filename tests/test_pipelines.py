"""Item pipelines built as Scrapy builds them, fed records directly."""

import json

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.items import FetchFailure
from pipelines.dedupe import DuplicateArticlePipeline
from pipelines.failures import FailureLogPipeline
from pipelines.jsonl_writer import ArticleWriterPipeline
from pipelines.validate import ArticleValidationPipeline


def valid_record(**changes):
    record = {
        "schema_version": "1.0", "url": "http://h.vn/tin-tuc/a", "canonical_url": "http://h.vn/tin-tuc/a",
        "title": "Tiêu đề", "lead": None, "body_text": "Đoạn một.", "paragraphs": ["Đoạn một."],
        "author": "Mai Hiếu", "source": None, "published_at": "2020-01-17T09:45:00+07:00",
        "published_at_source": "rdfa", "category": "Tin tổng hợp", "breadcrumb": ["Trang chủ"], "tags": [],
        "images": [{"url": "http://h.vn/a.jpg", "caption": None, "alt": None}],
        "attachments": [{"url": "http://h.vn/a.pdf", "title": "a.pdf", "media_type": "application/pdf"}],
        "language": "vi", "fetched_at": "2026-01-01T00:00:00+00:00", "profile": "drupal7", "extraction": "profile",
        "warc": {"filename": "x.warc.gz", "record_id": "<urn:uuid:12345678-1234-1234-1234-123456789abc>", "offset": 0},
        "run_id": None, "version": None, "content_hash": None, "supersedes": None,
        "fallback_fields": [], "text_encoding_note": None,
    }
    record.update(changes)
    return record


def build(cls, tmp_path):
    return build_from_crawler(cls, get_crawler(settings_dict={"PORTAL_OUTPUT_DIR": str(tmp_path)}))


def test_valid_records_pass_and_are_written(tmp_path):
    validate, writer = build(ArticleValidationPipeline, tmp_path), build(ArticleWriterPipeline, tmp_path)
    record = valid_record()
    writer.process_item(validate.process_item(record))
    writer.close_spider()
    validate.close_spider()
    assert json.loads((tmp_path / "articles.jsonl").read_text(encoding="utf-8")) == record
    assert "Tiêu đề" in (tmp_path / "articles.jsonl").read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    assert (tmp_path / "rejects.jsonl").read_text() == ""


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"title": ""}, "title"),
        ({"paragraphs": []}, "paragraphs"),
        ({"published_at": None}, "published_at"),
        ({"published_at": "2020-01-17T09:45:00Z"}, "published_at"),
        ({"author": "  Mai Hiếu"}, "author"),
        ({"surprise": 1}, "Additional properties"),
        ({"images": [{"url": "a.jpg", "caption": None, "alt": None}]}, "images/0/url"),
    ],
)
def test_invalid_records_go_to_rejects_with_the_reason(tmp_path, changes, reason):
    validate = build(ArticleValidationPipeline, tmp_path)
    with pytest.raises(DropItem):
        validate.process_item(valid_record(**changes))
    validate.close_spider()
    [reject] = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert reject["url"] == "http://h.vn/tin-tuc/a"
    assert any(reason in r for r in reject["reasons"]), reject["reasons"]


def test_second_copy_of_an_article_is_dropped(tmp_path):
    dedupe = build(DuplicateArticlePipeline, tmp_path)
    dedupe.process_item(valid_record())
    with pytest.raises(DropItem, match="duplicate"):
        dedupe.process_item(valid_record(url="http://h.vn/node/1"))


def test_failures_are_written_and_articles_pass_through(tmp_path):
    failures = build(FailureLogPipeline, tmp_path)
    record = valid_record()
    assert failures.process_item(record) is record
    failures.process_item(FetchFailure("http://h.vn/x", "HTTP 404", status=404, attempts=1, referer="http://h.vn/"))
    failures.close_spider()
    written = json.loads((tmp_path / "failures.jsonl").read_text())
    assert written.pop("run_id").endswith("Z")
    assert written == {"url": "http://h.vn/x", "reason": "HTTP 404", "status": 404, "attempts": 1, "referer": "http://h.vn/"}


def test_an_article_read_beside_the_crawl_is_versioned_by_the_hash_it_came_with(tmp_path):
    """The worker hashes the record it read (extraction/page_reading.py); the version pipeline
    takes that hash, which is the hash of the record as it is written."""
    from crawler.items import ArticleRecord
    from pipelines.versions import ArticleVersionPipeline
    from record.fields import RUN_DEPENDENT_FIELDS
    from record.ledger import content_hash

    read = valid_record()
    versions = build(ArticleVersionPipeline, tmp_path)
    written = versions.process_item(ArticleRecord(read, (), content_hash(read)))
    assert written["content_hash"] == content_hash(written) == content_hash(read)
    assert set(written) - set(read) <= RUN_DEPENDENT_FIELDS | {"status"}
    # The hash it came with is the one used (no second hashing in the crawl's process).
    other = versions.process_item(ArticleRecord(valid_record(url="http://h.vn/b", canonical_url="http://h.vn/b"), (), "sha256:given"))
    assert other["content_hash"] == "sha256:given"
