"""The records' JSON Schemas (record/schemas/article.schema.json, document.schema.json) and their validators."""

import json
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator, FormatChecker


def article_schema() -> dict:
    return json.loads(resources.files("record.schemas").joinpath("article.schema.json").read_text("utf-8"))


@cache
def article_validator() -> Draft202012Validator:
    return Draft202012Validator(article_schema(), format_checker=FormatChecker())


def document_schema() -> dict:
    return json.loads(resources.files("record.schemas").joinpath("document.schema.json").read_text("utf-8"))


@cache
def document_validator() -> Draft202012Validator:
    return Draft202012Validator(document_schema(), format_checker=FormatChecker())


def problems(record: dict, validator: Draft202012Validator | None = None) -> list[str]:
    """Each schema violation as '<field path>: <message>', in a stable order; a record of kind
    "document" is checked against the document schema unless a validator is given."""
    found = []
    validator = validator or (document_validator() if record.get("kind") == "document" else article_validator())
    for error in sorted(validator.iter_errors(record), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(map(str, error.absolute_path)) or "(record)"
        found.append(f"{where}: {error.message}")
    return found
