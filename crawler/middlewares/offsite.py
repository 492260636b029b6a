"""The portal's edge: its host names, and only the ports it is crawled on.

Scrapy's offsite rule compares host names alone, so a link from the portal to another port of the
same machine (an admin console on :8080, a search engine's API on :9200) would be followed and
archived as if it were the portal. Here the host names still come from the profile (its
allowed_domains and the start URLs' hosts, subdomains included), and the ports from the start URLs:

- a host that a start URL names is crawled on that URL's port only; a start URL on a standard
  port (80 or 443) admits both, as portals move between http and https;
- any other host of the portal, on the standard ports only.

To crawl a portal on another port too, give a start URL on that port.
"""

from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware

STANDARD_PORTS = frozenset({80, 443})
_DEFAULT_PORT = {"http": 80, "https": 443}


def _host_and_port(url: str) -> tuple[str, int | None]:
    try:
        split = urlsplit(url)
        return (split.hostname or "").lower(), split.port or _DEFAULT_PORT.get(split.scheme)
    except ValueError:  # not a URL: a bad IPv6 address, a port that is not a number or out of range
        return "", None


class PortScope:
    """Which ports of which hosts a crawl started from ``start_urls`` may reach."""

    def __init__(self, start_urls):
        self._ports: dict[str, set[int]] = {}
        for url in start_urls:
            host, port = _host_and_port(url)
            if host and port:
                self._ports.setdefault(host, set()).update(STANDARD_PORTS if port in STANDARD_PORTS else {port})

    def allows(self, url: str) -> bool:
        host, port = _host_and_port(url)
        return port in self._ports.get(host, STANDARD_PORTS)


class PortalOffsiteMiddleware(OffsiteMiddleware):
    """Scrapy's offsite filter (host names) plus the ports of ``spider.scope``, for every request:
    links, sitemap entries, requisites and redirects alike."""

    def should_follow(self, request, spider) -> bool:
        return super().should_follow(request, spider) and spider.scope.allows(request.url)
