"""The record's schema is one contract: every record of a real crawl meets it, docs/schema.md
documents every field of it, and the dataset's Arrow columns say the same thing in Arrow types."""

import re
from pathlib import Path

import pyarrow as pa

from archive.dataset.arrow_schema import article_schema
from record.schema import article_schema as json_schema
from record.schema import problems

SCHEMA_DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"


def resolve(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    return node


def allows_null(node: dict, defs: dict) -> bool:
    node = resolve(node, defs)
    if node.get("type") == "null" or None in node.get("enum", [object()]):
        return True
    return any(allows_null(branch, defs) for branch in node.get("anyOf", []) + node.get("oneOf", []))


def value_branch(node: dict, defs: dict) -> dict:
    """The schema of the non-null values a field takes."""
    node = resolve(node, defs)
    branches = [resolve(b, defs) for b in node.get("anyOf", []) if resolve(b, defs).get("type") != "null"]
    return branches[0] if branches else node


def arrow_type_fits(node: dict, arrow_type: pa.DataType, defs: dict) -> bool:
    node = value_branch(node, defs)
    kind = node.get("type")
    if kind == "array":
        return pa.types.is_list(arrow_type) and arrow_type_fits(node["items"], arrow_type.value_type, defs)
    if kind == "object":
        names = [arrow_type.field(i).name for i in range(arrow_type.num_fields)] if pa.types.is_struct(arrow_type) else []
        return names == list(node["properties"]) and all(
            arrow_type_fits(node["properties"][name], arrow_type.field(name).type, defs)
            and arrow_type.field(name).nullable == allows_null(node["properties"][name], defs)
            for name in names)
    if kind == "integer":
        return pa.types.is_integer(arrow_type)
    if node.get("format") == "date-time":
        return pa.types.is_timestamp(arrow_type) and arrow_type.tz is not None
    return pa.types.is_string(arrow_type)


def test_every_record_of_the_demo_crawl_validates(demo_articles):

    invalid = {r["url"]: problems(r) for r in demo_articles if problems(r)}
    assert len(demo_articles) > 600
    assert not invalid, next(iter(invalid.items()))


def test_every_record_carries_the_schema_version(demo_articles):
    assert {r["schema_version"] for r in demo_articles} == {json_schema()["properties"]["schema_version"]["const"]}


def test_every_schema_property_is_documented_in_docs_schema_md():
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text))
    missing = [name for name in json_schema()["properties"] if name not in documented]
    assert not missing, f"docs/schema.md does not document {missing}"


def test_arrow_columns_are_the_json_schema_fields_in_arrow_types():
    schema = json_schema()
    defs = schema["$defs"]
    arrow = article_schema()
    assert sorted(arrow.names) == sorted(schema["properties"])
    for field in arrow:
        node = schema["properties"][field.name]
        # A field a record may leave out is null in its row.
        assert field.nullable == (allows_null(node, defs) or field.name not in schema["required"]), field.name
        assert arrow_type_fits(node, field.type, defs), (field.name, field.type)

