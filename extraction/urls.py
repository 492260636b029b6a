"""One canonical form per URL, so the same page is fetched and recorded once."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

from extraction.profiles import Profile
from extraction.url_join import ORIGIN_AS_WRITTEN, join


# A URL in the form most links already have, which the canonical form leaves as it is: http(s) and
# a host in lower case, a port without a leading zero, a path of characters that stay unescaped
# (or upper-case escapes of non-ASCII bytes) without dot segments, parameters or a query; a
# fragment, which is dropped. 1,394 of the demo crawl's 1,522 distinct links are such: checked,
# they skip the ~30 µs of the full form (tests/test_properties.py holds the two equal).
_CANONICAL_AS_WRITTEN = re.compile(
    "(" + ORIGIN_AS_WRITTEN + r"/(?:[A-Za-z0-9\-_~!$'()*+,=:@/]|%[89A-F][0-9A-F]|\.(?<!/\.))*)(?:#.*)?",
    re.DOTALL,
)


def canonicalize_url(url: str, profile: Profile) -> str:
    """Drop the fragment, ``;jsessionid=`` path parameters and the profile's session/tracking
    query parameters, then apply w3lib's canonical form (sorted query, normalised escapes)."""
    if (as_written := _CANONICAL_AS_WRITTEN.fullmatch(url)) is not None:
        return as_written[1]
    return _canonical_form(url, profile)


def _canonical_form(url: str, profile: Profile) -> str:
    parts = urlsplit(url)
    path = parts.path.split(";", 1)[0] if ";jsessionid=" in parts.path.lower() else parts.path
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not profile.drops_query_param(k)]
    cleaned = urlunsplit((parts.scheme, parts.netloc.lower(), path or "/", urlencode(query), ""))
    return _w3lib_canonicalize(cleaned, keep_fragments=False)


def absolute_url(base_url: str, href: str) -> str | None:
    """A link of the page made absolute, or None when it cannot be a URL (``http://[::1``)."""
    href = href.strip()
    if href.startswith("///") and base_url.lower().startswith(("http:", "https:")):
        # Browsers read any run of slashes before a host as "//" in web URLs (WHATWG URL); urljoin would make it a path.
        href = "//" + href.lstrip("/")
    if (joined := join(base_url, href)) is None:
        return None
    if "//" not in href:  # the base's host and port, which join leaves unchecked (an href's own it checks)
        try:
            urlsplit(joined).port
        except ValueError:
            return None
    return joined


def web_url_problem(url: str) -> str | None:
    """Why `url` cannot be a page's address (None when it can): an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        parts.port
    except ValueError as error:
        return str(error)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "not an absolute http(s) URL"
    return None
