"""The records' JSON Schemas (record/schemas/article.schema.json, document.schema.json) and their validators.

A record is first checked by the schema compiled to Python (fastjsonschema), some fifty times
faster than jsonschema's validator; only a record it does not pass is read by jsonschema, which
decides and says what is wrong. The compiled check passes nothing jsonschema would not: its
formats are jsonschema's own checks, its patterns end at ``\\Z`` where jsonschema's ``$`` also
allows a final newline, and the one place it is laxer (a tuple taken for an array) is ruled out
before it runs. tests/test_schema_validation.py holds both to the same verdicts.
"""

import json
from functools import cache
from importlib import resources

import fastjsonschema
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


def _compiled(schema: dict):
    checker = FormatChecker()
    # Every format the schema names, checked as jsonschema checks it (not at all when jsonschema
    # has no checker for it installed, e.g. "uri" without rfc3987).
    formats = {name: (lambda value, name=name: checker.conforms(value, name)) for name in _formats(schema)}
    return fastjsonschema.compile(_inlined(schema, schema.get("$defs", {})), formats=formats, use_default=False)


# Keywords that say nothing about validity: a $ref's siblings may only be these to be inlined.
_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples"})
_DEFS = "#/$defs/"


def _inlined(node, defs: dict):
    """The schema with each reference to its $defs replaced by the definition. fastjsonschema
    calls a function for a reference and builds the name of the value checked for the call,
    with str.format(**locals()) for every item of an array: half the time of a check."""
    if isinstance(node, list):
        return [_inlined(value, defs) for value in node]
    if not isinstance(node, dict):
        return node
    inlined = {key: _inlined(value, defs) for key, value in node.items() if key != "$defs"}
    reference = inlined.pop("$ref", None)
    if reference is None:
        return inlined
    if not reference.startswith(_DEFS) or not set(inlined) <= _ANNOTATIONS:
        raise ValueError(f"schema reference {reference!r} with {sorted(inlined)}: only a bare reference to $defs is inlined")
    return {**_inlined(defs[reference[len(_DEFS):]], defs), **inlined}


def _formats(schema) -> set[str]:
    if isinstance(schema, dict):
        found = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        return found.union(*map(_formats, schema.values()))
    if isinstance(schema, list):
        return set().union(*map(_formats, schema))
    return set()


@cache
def _compiled_article():
    return _compiled(article_schema())


@cache
def _compiled_document():
    return _compiled(document_schema())


def compile_checks() -> None:
    """Compile the checks now rather than at the first record: a fork server does it once for the workers it forks."""
    _compiled_article()
    _compiled_document()


def _without_tuples(value) -> bool:
    """Whether no tuple is anywhere in the value: fastjsonschema takes a tuple for an array, jsonschema does not."""
    if isinstance(value, dict):
        return all(map(_without_tuples, value.values()))
    if isinstance(value, list):
        return all(map(_without_tuples, value))
    return not isinstance(value, tuple)


def _passes_compiled(record: dict) -> bool:
    check = _compiled_document() if record.get("kind") == "document" else _compiled_article()
    try:
        check(record)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def problems(record: dict, validator: Draft202012Validator | None = None) -> list[str]:
    """Each schema violation as '<field path>: <message>', in a stable order; a record of kind
    "document" is checked against the document schema unless a validator is given."""
    if validator is None and isinstance(record, dict) and _without_tuples(record) and _passes_compiled(record):
        return []
    found = []
    validator = validator or (document_validator() if record.get("kind") == "document" else article_validator())
    for error in sorted(validator.iter_errors(record), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(map(str, error.absolute_path)) or "(record)"
        found.append(f"{where}: {error.message}")
    return found
