"""What a profile file must hold, checked when it is loaded, so that a mistake stops the command
at once rather than every page of a crawl: values of the right type, CSS selectors that compile,
URL patterns that are regular expressions, start URLs that are URLs. Each mistake is one
ProfileError naming the file and the key."""

import re
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

from cssselect import SelectorError
from parsel.csstranslator import css2xpath

from extraction.css_compile import compile_selector

VIETNAM = timezone(timedelta(hours=7))


class ProfileError(ValueError):
    """A profile that cannot be found or does not make sense."""


def _shown(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def string(value, where: str) -> str:
    if not isinstance(value, str):
        raise ProfileError(f"{where}: expected a string, not {_shown(value)}")
    return value


def strings(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ProfileError(f"{where}: expected a list of strings (in [ ]), not the string {_shown(value)}")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ProfileError(f"{where}: expected a list of strings, not {_shown(value)}")
    return tuple(value)


def selectors(value, where: str) -> tuple[str, ...]:
    """CSS selectors as parsel reads them (``::attr(name)`` and ``::text`` included). Each is
    compiled here, once, for the page index (extraction/css_match.py); one it does not read is
    translated as parsel will translate it."""
    found = strings(value, where)
    for selector in found:
        try:
            if compile_selector(selector) is None:
                css2xpath(selector)
        except SelectorError as error:
            raise ProfileError(f"{where}: bad CSS selector {_shown(selector)}: {error}") from None
    return found


def patterns(value, where: str) -> tuple[str, ...]:
    found = strings(value, where)
    for pattern in found:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ProfileError(f"{where}: bad regular expression {_shown(pattern)}: {error}") from None
    return found


def web_urls(value, where: str) -> tuple[str, ...]:
    found = strings(value, where)
    for url in found:
        try:
            parts = urlsplit(url)
            parts.port
        except ValueError as error:
            raise ProfileError(f"{where}: {_shown(url)} is not a URL: {error}") from None
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ProfileError(f"{where}: {_shown(url)} is not an absolute http(s) URL")
    return found


def table(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise ProfileError(f"{where}: expected a table, not {_shown(value)}")
    return value


def tables(value, where: str) -> list[dict]:
    """An array of tables, such as the ``[[versions]]`` of a profile."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ProfileError(f"{where}: expected an array of tables ([[...]] sections), not {_shown(value)}")
    return value


def moment(value, where: str) -> datetime | None:
    """A version boundary: a TOML date or date-time (or an ISO string); local times are Vietnam's."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ProfileError(f"{where}: not a date: {_shown(value)}") from None
    if not isinstance(value, date):
        raise ProfileError(f"{where}: expected a date or date-time, not {_shown(value)}")
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value if value.tzinfo else value.replace(tzinfo=VIETNAM)
