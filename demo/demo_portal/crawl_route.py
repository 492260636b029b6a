"""The demo portal's stable address, whatever port it really listens on.

A nightly crawl is incremental only if every run sees the same URLs, so a crawl of the demo always
uses ``DEMO_ORIGIN`` (http://127.0.0.1:8650/). The portal listens there when the port is free, and on
any free port of 127.0.0.1 when it is taken. This downloader middleware sends each request for the
stable origin to the port the portal really has, as to an HTTP proxy: the URL, the Host header and
every link the portal writes keep the stable origin, and no request ever leaves 127.0.0.1.
"""

from urllib.parse import urlsplit

DEMO_HOST = "127.0.0.1"
DEMO_PORT = 8650
DEMO_ORIGIN = f"http://{DEMO_HOST}:{DEMO_PORT}/"
# Closest to the network, after the WARC capture (950), so that nothing can undo the route.
MIDDLEWARE_ORDER = 960


class RouteToDemoPortal:
    """Setting ``DEMO_PORTAL_LISTENS_ON``: ``127.0.0.1:PORT``, where the portal of ``DEMO_ORIGIN`` listens."""

    def __init__(self, listens_on: str):
        host, _, port = listens_on.rpartition(":")
        if host != DEMO_HOST or not port.isdigit():
            raise ValueError(f"DEMO_PORTAL_LISTENS_ON must be {DEMO_HOST}:PORT, got {listens_on!r}")
        self.proxy = f"http://{listens_on}"

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("DEMO_PORTAL_LISTENS_ON"))

    def process_request(self, request):
        split = urlsplit(request.url)
        if (split.scheme, split.hostname, split.port) == ("http", DEMO_HOST, DEMO_PORT):
            request.meta["proxy"] = self.proxy
        return None


def route_settings(listening_url: str, settings) -> None:
    """Adds to a crawl's Scrapy ``settings`` the route to the portal listening at ``listening_url``
    (``http://127.0.0.1:PORT/``, as the launcher yields it), keeping its other downloader middlewares."""
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    middlewares[f"{__name__}.RouteToDemoPortal"] = MIDDLEWARE_ORDER
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority=settings.getpriority("DOWNLOADER_MIDDLEWARES"))
    settings.set("DEMO_PORTAL_LISTENS_ON", urlsplit(listening_url).netloc, priority="cmdline")
