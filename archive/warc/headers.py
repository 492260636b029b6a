"""HTTP and WARC header lists read case-insensitively, and kept in their order with repeats."""

from collections.abc import Iterable

from archive.exchange import Headers


def header_values(headers: Iterable[tuple[str, str]], name: str) -> list[str]:
    """Every value of `name` (two Set-Cookie lines give two values), whatever the capitalisation."""
    name = name.lower()
    return [value for key, value in headers if key.lower() == name]


def first_header(headers: Iterable[tuple[str, str]], name: str) -> str | None:
    values = header_values(headers, name)
    return values[0] if values else None


def without_headers(headers: Iterable[tuple[str, str]], *names: str) -> Headers:
    dropped = {name.lower() for name in names}
    return [(key, value) for key, value in headers if key.lower() not in dropped]


def is_chunked(headers: Iterable[tuple[str, str]]) -> bool:
    """Whether the headers declare a chunked transfer coding."""
    return any("chunked" in value.lower() for value in header_values(headers, "Transfer-Encoding"))


def content_codings(headers: Iterable[tuple[str, str]]) -> list[str]:
    """The content codings in the order the server applied them (`gzip`, `br`, ...)."""
    return [c.strip().lower() for v in header_values(headers, "Content-Encoding") for c in v.split(",") if c.strip()]
