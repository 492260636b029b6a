"""An href joined to the URL of the page it is on (``urljoin``), remembered where the page does
not matter: a portal's pages name the same stylesheets, scripts, icons and menu addresses, written
as absolute paths (``/sites/all/themes/site/style.css``) or whole URLs, on every page.

For such an href ``urljoin`` reads only the base's scheme and host: an absolute path takes the
base's scheme and host and nothing else of it; a whole URL is given back as written for a scheme
other than the base's, and re-assembled from its own parts for the base's. So what it gives is
remembered by (scheme, host, href); any other href (``bai-1.html``, ``?trang=2``, ``#top``) is
joined each time. tests/test_extraction_fast_paths.py holds the two ways equal.
"""

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

# The start of an http(s) URL that urlsplit, w3lib and the canonical form all give back as written:
# the scheme, a host in lower case (urlsplit lowers it; IDNA keeps ASCII), a port without a
# leading zero that urlsplit takes. links.py and urls.py follow it with the path each accepts.
ORIGIN_AS_WRITTEN = r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}))?"
# An href urljoin reads against the base's scheme and host alone: an absolute path ("/a", not
# "//" nor "/" followed by what urlsplit removes, which could make it one), or a URL naming its
# scheme and a host.
JOINED_BY_HOST = re.compile(r"/(?![/\t\r\n])[^\t\r\n]*|[A-Za-z][A-Za-z0-9+.-]*://[^/?#\t\r\n][^\t\r\n]*")
# (base scheme, base host, href) -> the href joined
_BY_HOST: dict[tuple[str, str, str], str] = {}
_BY_HOST_KEPT = 16384


@lru_cache(maxsize=64)
def host_key(base: str) -> tuple[str, str] | None:
    """The base's scheme and host, as urljoin reads them (None: a base urljoin cannot read, or none)."""
    if not base:
        return None  # urljoin gives the href as it is
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    return parts.scheme, parts.netloc


def _joined(base: str, href: str) -> str | None:
    joined = urljoin(base, href)
    if "//" in href:
        urlsplit(joined).port  # its own host and port: one out of range raises here, not in urljoin
    return joined


def join(base: str, href: str) -> str | None:
    """urljoin(base, href); None for an href naming no address a browser would follow either:
    an unclosed IPv6 bracket (``http://[::1``), a port out of range or not a number."""
    try:
        if (host := host_key(base)) is None or not JOINED_BY_HOST.fullmatch(href):
            return _joined(base, href)
        key = (*host, href)
        if (joined := _BY_HOST.get(key)) is None:
            if len(_BY_HOST) >= _BY_HOST_KEPT:
                _BY_HOST.clear()
            joined = _BY_HOST[key] = _joined(base, href)
        return joined
    except ValueError:
        return None
