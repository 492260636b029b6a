"""A record's problems are the same whether the compiled schema passes it first or jsonschema
reads it alone (record/schema.py): every golden article and document passes, and the same
records spoiled in the ways records go wrong (and in ways the compiled check reads more loosely
or more strictly: tuples, a final newline, impossible dates, true for 1) get jsonschema's
readable problems, word for word."""

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.document import extract_document
from extraction.page import Page
from extraction.resolve import resolve_profile
from record.fields import set_by_the_crawl
from record.schema import _inlined, article_validator, document_validator, problems

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from regenerate import extract_golden, golden_pages  # noqa: E402

DOCUMENTS = Path(__file__).parent / "golden" / "documents"


def _records() -> list[dict]:
    found = []
    for path in golden_pages():
        _, record = extract_golden(path)
        if record is not None:
            found.append({**record, "fetched_at": "2026-01-01T00:00:00+00:00", **set_by_the_crawl()})
    for path in sorted(DOCUMENTS.glob("*.html")):
        case = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        page = Page(case["url"], path.read_bytes())
        found.append({**extract_document(page, resolve_profile(page=page)), "fetched_at": "2026-01-01T00:00:00+00:00"})
    return found


RECORDS = _records()


def _by_jsonschema(record: dict) -> list[str]:
    """The problems jsonschema alone finds (a validator given: the compiled check is skipped)."""
    return problems(record, document_validator() if record.get("kind") == "document" else article_validator())


def test_every_golden_record_passes_both():
    assert len(RECORDS) > 20 and any(r.get("kind") == "document" for r in RECORDS)
    for record in RECORDS:
        assert problems(record) == [] == _by_jsonschema(record), record["url"]


SPOILERS = {
    "title empty": lambda r: r.update(title=""),
    "title with a final newline": lambda r: r.update(title=r["title"] + "\n"),
    "paragraphs a tuple": lambda r: r.update(paragraphs=tuple(r["paragraphs"])),
    "tags a tuple": lambda r: r.update(tags=("a", "b")),
    "tags repeated": lambda r: r.update(tags=["a", "a"]),
    "url not http": lambda r: r.update(url="ftp://example.gov.vn/x"),
    "no canonical_url": lambda r: r.pop("canonical_url"),
    "an unknown field": lambda r: r.update(colour="red"),
    "version true": lambda r: r.update(version=True),
    "version 1.0": lambda r: r.update(version=1.0),
    "schema_version 1": lambda r: r.update(schema_version=1),
    "published_at a date only": lambda r: r.update(published_at="2020-01-02"),
    "published_at impossible": lambda r: r.update(published_at="2020-13-45T25:61:00+07:00"),
    "issued_on impossible": lambda r: r.update(issued_on="2020-02-30"),
    "issued_on with a final newline": lambda r: r.update(issued_on="2020-02-03\n"),
    "image without alt": lambda r: r.update(images=[{"url": "https://example.gov.vn/a.jpg", "caption": None}]),
    "status removed without evidence": lambda r: r.update(status="removed"),
    "warc offset negative": lambda r: r.update(warc={"filename": "a.warc.gz", "record_id": "<urn:uuid:" + "0" * 36 + ">", "offset": -1}),
    "fetched_at a number": lambda r: r.update(fetched_at=5),
}


@pytest.mark.parametrize("spoil", list(SPOILERS), ids=list(SPOILERS))
def test_a_spoiled_record_gets_jsonschemas_problems(spoil):
    for record in RECORDS:
        spoiled = json.loads(json.dumps(record))
        SPOILERS[spoil](spoiled)
        assert problems(spoiled) == _by_jsonschema(spoiled), (spoil, record["url"])
    spoiled = json.loads(json.dumps(RECORDS[0]))
    SPOILERS[spoil](spoiled)
    if spoil not in CHECKED_ONLY_WITH_OPTIONAL_PACKAGES:
        assert bool(problems(spoiled)) == (spoil not in JSONSCHEMA_ACCEPTS), spoil


# What jsonschema passes and the compiled check hands to it: a final newline ("$" matches before
# one, the compiled "\Z" does not) and 1.0 as an integer (the compiled check wants an int).
JSONSCHEMA_ACCEPTS = {"title with a final newline", "version 1.0"}
# jsonschema checks a date-time's values only with rfc3339-validator installed.
CHECKED_ONLY_WITH_OPTIONAL_PACKAGES = {"published_at impossible"}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | st.floats(allow_nan=False, width=16) | st.sampled_from(
        ["", " ", "x", "x\n", "2020-01-02", "2020-02-30", "2020-01-02T03:04:05+07:00", "https://a.vn/", "sha256:" + "a" * 64]),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner) | st.dictionaries(st.sampled_from(["url", "title", "x"]), inner, max_size=2),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(range(len(RECORDS))), st.lists(st.tuples(st.sampled_from(sorted(set().union(*RECORDS))), JSON_VALUES), max_size=3))
def test_any_field_set_to_any_value_gets_jsonschemas_problems(index, changes):
    record = json.loads(json.dumps(RECORDS[index]))
    record.update(changes)
    assert problems(record) == _by_jsonschema(record)


def test_only_a_bare_reference_to_the_definitions_is_inlined_for_the_compiled_check():
    defs = {"text": {"type": "string", "minLength": 1}}
    schema = {"type": "array", "items": {"$ref": "#/$defs/text", "description": "a line"}, "$defs": defs}
    assert _inlined(schema, defs) == {"type": "array", "items": {"type": "string", "minLength": 1, "description": "a line"}}
    with pytest.raises(ValueError, match="only a bare reference"):
        _inlined({"$ref": "#/$defs/text", "maxLength": 3}, defs)  # a sibling that validates would be lost
