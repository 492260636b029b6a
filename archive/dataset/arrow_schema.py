"""The dataset's columns: the article record's JSON Schema in Arrow types, and the conversion.

``published_at`` is ``timestamp[us, tz=+07:00]``: the record's own fixed offset. Vietnam has kept
+07:00 since 1975; a zone name such as Asia/Ho_Chi_Minh would give dates from before then the
offsets of their day, not the one the record states. ``fetched_at`` is UTC, as the WARC-Date is.
Lists stay lists and images, attachments and the WARC location stay structs, so no field needs
parsing again after loading.
"""

from collections.abc import Iterable
from datetime import datetime

import pyarrow as pa

PUBLISHED_AT_TZ = "+07:00"
FETCHED_AT_TZ = "UTC"
SEGMENTED_COLUMN = "body_segmented"

_text = pa.string()
_texts = pa.list_(_text)

IMAGE = pa.struct([pa.field("url", _text, nullable=False), pa.field("caption", _text), pa.field("alt", _text)])
ATTACHMENT = pa.struct([
    pa.field("url", _text, nullable=False),
    pa.field("title", _text, nullable=False),
    pa.field("media_type", _text, nullable=False),
])
WARC_LOCATION = pa.struct([
    pa.field("filename", _text, nullable=False),
    pa.field("record_id", _text, nullable=False),
    pa.field("offset", pa.int64(), nullable=False),
])
# A tombstone's evidence and a version's changes (docs/schema.md, record/version_diff.py).
CAPTURE = pa.struct([
    pa.field("fetched_at", pa.timestamp("us", tz=FETCHED_AT_TZ), nullable=False),
    pa.field("http_status", pa.int32(), nullable=False),
    pa.field("location", _text),
    pa.field("warc", WARC_LOCATION),
])
EVIDENCE = pa.struct([
    pa.field("reason", _text, nullable=False),
    pa.field("http_status", pa.int32(), nullable=False),
    pa.field("location", _text),
    pa.field("captures", pa.list_(CAPTURE), nullable=False),
])
CHANGES = pa.struct([
    pa.field("kind", _text, nullable=False),
    pa.field("fields", _texts, nullable=False),
    pa.field("values", pa.list_(pa.struct([pa.field("field", _text, nullable=False), pa.field("old", _text), pa.field("new", _text)])),
             nullable=False),
    pa.field("paragraphs", pa.list_(pa.struct([
        pa.field("op", _text, nullable=False), pa.field("old_index", pa.int32()), pa.field("new_index", pa.int32()),
        pa.field("old", _text), pa.field("new", _text)])), nullable=False),
    pa.field("items", pa.list_(pa.struct([pa.field("field", _text, nullable=False), pa.field("added", _texts, nullable=False),
                                          pa.field("removed", _texts, nullable=False)])), nullable=False),
])
# Not in the record: how many versions the crawl holds of the row's article (export.py fills it in).
VERSION_COUNT_COLUMN = "version_count"

# The JSON Schema's properties, nullable exactly where a record may have null or leave the field out
# (tests/test_dataset_schema.py holds the two schemas together).
# Where a record's capture is, and which version of it the record is: articles and documents alike.
PROVENANCE_FIELDS = (
    pa.field("warc", WARC_LOCATION),
    pa.field("run_id", _text),
    pa.field("version", pa.int32()),
    pa.field("content_hash", _text),
    pa.field("supersedes", _text),
)
ARTICLE_FIELDS = (
    pa.field("schema_version", _text, nullable=False),
    pa.field("url", _text, nullable=False),
    pa.field("canonical_url", _text, nullable=False),
    pa.field("title", _text, nullable=False),
    pa.field("lead", _text),
    pa.field("body_text", _text, nullable=False),
    pa.field("paragraphs", _texts, nullable=False),
    pa.field("author", _text),
    pa.field("source", _text),
    pa.field("published_at", pa.timestamp("us", tz=PUBLISHED_AT_TZ), nullable=False),
    pa.field("published_at_source", _text, nullable=False),
    pa.field("published_at_machine", pa.timestamp("us", tz=PUBLISHED_AT_TZ)),
    pa.field("category", _text),
    pa.field("breadcrumb", _texts, nullable=False),
    pa.field("tags", _texts, nullable=False),
    pa.field("images", pa.list_(IMAGE), nullable=False),
    pa.field("attachments", pa.list_(ATTACHMENT), nullable=False),
    pa.field("language", _text, nullable=False),
    pa.field("fetched_at", pa.timestamp("us", tz=FETCHED_AT_TZ), nullable=False),
    pa.field("profile", _text),
    pa.field("extraction", _text, nullable=False),
    pa.field("fallback_fields", _texts, nullable=False),
    pa.field("text_encoding_note", _text),
    *PROVENANCE_FIELDS,
    pa.field("status", _text),
    pa.field("removed_at", pa.timestamp("us", tz=FETCHED_AT_TZ)),
    pa.field("evidence", EVIDENCE),
    pa.field("changes", CHANGES),
)
RECORD_FIELD_NAMES = tuple(field.name for field in ARTICLE_FIELDS)
_TIMESTAMP_FIELDS = ("published_at", "published_at_machine", "fetched_at", "removed_at")


class RecordShapeError(ValueError):
    """A record does not fit the columns: a field with no column (dropping it would lose data
    silently) or no value where every record must have one."""


def article_schema(segmented: bool = False, version_count: bool = False) -> pa.Schema:
    fields = list(ARTICLE_FIELDS)
    if version_count:
        fields.append(pa.field(VERSION_COUNT_COLUMN, pa.int32(), nullable=False))
    if segmented:
        fields.append(pa.field(SEGMENTED_COLUMN, _text, nullable=False))
    return pa.schema(fields)


def check_fields(record: dict, schema: pa.Schema) -> None:
    unknown = record.keys() - set(schema.names)
    if unknown:
        raise RecordShapeError(
            f"record {record.get('canonical_url')} has field(s) {', '.join(sorted(unknown))} that the dataset has no "
            "column for: add them to archive/dataset/arrow_schema.py"
        )
    missing = [field.name for field in schema if not field.nullable and record.get(field.name) is None]
    if missing:
        raise RecordShapeError(f"record {record.get('canonical_url')} has no {', '.join(missing)}, which every record has")


def _row(record: dict) -> dict:
    row = dict(record)
    for name in _TIMESTAMP_FIELDS:
        if row.get(name) is not None:
            row[name] = datetime.fromisoformat(row[name])
    if row.get("evidence"):
        row["evidence"] = {**row["evidence"], "captures": [
            {**capture, "fetched_at": datetime.fromisoformat(capture["fetched_at"])} for capture in row["evidence"]["captures"]]}
    return row


def record_batch(records: Iterable[dict], schema: pa.Schema) -> pa.RecordBatch:
    rows = []
    for record in records:
        check_fields(record, schema)
        rows.append(_row(record))
    return pa.RecordBatch.from_pylist(rows, schema=schema)
