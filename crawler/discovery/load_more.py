""""Xem thêm" (load more) listings fed by JSON endpoints.

The button names its endpoint in a data attribute (``data-url``, ``data-ajax-url``, …: read with
the page, extraction/page_discovery.py); the endpoint answers JSON holding the next teasers as URLs
or as HTML fragments, and often the URL of the next batch. The spider fetches the endpoints a page names and follows every URL found in the
JSON: values under keys that name a link, and ``href``s inside HTML fragments. A JSON answer that
brings no item link is the end of the list: its ``next`` URLs are not followed.
"""

import json
import re
from collections.abc import Iterator

from parsel import Selector
from scrapy.http import Response

from extraction.urls import absolute_url

_LINK_KEY = re.compile(r"(?:^|_)(?:url|link|href|path|permalink|alias)$", re.I)
_NEXT_KEY = re.compile(r"^(?:next|next_?url|next_?page(?:_?url)?|more(?:_?url)?)$", re.I)
_MAX_DEPTH = 12


def json_links(response: Response) -> tuple[list[str], list[str]]:
    """(item links, next-batch links) of a JSON answer; empty when it is not JSON."""
    try:
        data = json.loads(response.text)
    except ValueError:
        return [], []
    items, following = [], []
    for key, value in _strings(data):
        if "<a " in value or "<a\n" in value:
            items += [absolute_url(response.url, h) for h in Selector(text=value).css("a::attr(href)").getall() if h.strip()]
        elif _NEXT_KEY.match(key) and _url_like(value):
            following.append(absolute_url(response.url, value))
        elif _LINK_KEY.search(key) and _url_like(value):
            items.append(absolute_url(response.url, value))
    # A value naming no address (``http://[bad``, a port out of range) is left out, as on a page.
    return [u for u in dict.fromkeys(items) if u], [u for u in dict.fromkeys(following) if u]


def _url_like(value: str) -> bool:
    value = value.strip()
    return value.startswith(("/", "http://", "https://", "?")) and " " not in value


def _strings(data, key: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from _strings(value, str(name), depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value, key, depth + 1)
