"""A crawl's edges: what it may reach (the portal's ports, not every service of its host), nothing
that reaches into it (no remote control), and odd answers at the border made explicit (a relative
sitemap <loc>, a body shorter than its Content-Length)."""

import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
import scrapy
from scrapy.http import HtmlResponse

from crawler.middlewares.offsite import PortScope
from crawler.removals import RemovalWatch
from support.commands import call_forked
from support.crawls import crawl_demo_profile, read_jsonl

ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1 class="title" id="page-title">{title}</h1><div class="field-name-body"><p>{title}: nội dung bài viết
đủ dài để đọc, viết riêng cho phép thử này, không lấy từ cổng nào.</p></div></body></html>"""


class Site:
    """A tiny portal on one port of 127.0.0.1 (routes: path -> (status, headers, body)), counting hits."""

    def __init__(self, routes=None):
        self.routes = routes or {}
        self.hits = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits[self.path] += 1
                status, headers, body = site.routes.get(self.path, (404, {}, b"not here"))
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def html(text: str) -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, text.encode()


def xml(text: str) -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": "application/xml"}, text.encode()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    other_service = Site()  # another port of the same machine: not the portal
    portal = Site()
    a, b = portal.url, other_service.url
    portal.routes.update({
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nSitemap: http://[bad/s.xml\nSitemap: /sitemap-index.xml\n"),
        "/sitemap-index.xml": xml('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                  "<sitemap><loc>sitemap-a.xml</loc></sitemap><sitemap><loc>http://[::1</loc></sitemap>"
                                  f"<sitemap><loc>{a}/sitemap-b.xml</loc></sitemap></sitemapindex>"),
        "/sitemap-a.xml": xml('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                              "<url><loc>http://127.0.0.1:99999999/tin-tuc/muc/sai</loc></url>"
                              "<url><loc>/tin-tuc/muc/bai-a</loc></url></urlset>"),
        "/sitemap-b.xml": xml(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{a}/tin-tuc/muc/bai-b</loc></url>'
                              f"<url><loc>{b}/tin-tuc/muc/tu-sitemap</loc></url></urlset>"),
        "/": html(f'<html><body><a href="{b}/tin-tuc/muc/cong-khac">x</a><a href="/tin-tuc/muc/chuyen">y</a>'
                  '<a href="/tin-tuc/muc/thieu">z</a></body></html>'),
        "/tin-tuc/muc/bai-a": html(ARTICLE.format(title="Bài A")),
        "/tin-tuc/muc/bai-b": html(ARTICLE.format(title="Bài B")),
        "/tin-tuc/muc/chuyen": (301, {"Location": f"{b}/tin-tuc/muc/sau-chuyen"}, b""),
        # Says 5000 bytes, sends 100, closes.
        "/tin-tuc/muc/thieu": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": "5000"}, b"<p>" + b"x" * 97),
    })
    output = tmp_path_factory.mktemp("edges") / "out"
    try:
        result = crawl_demo_profile(f"{a}/", output, check=False, RETRY_TIMES=0)
    finally:
        portal.close()
        other_service.close()
    return {"result": result, "portal": portal, "other": other_service, "failures": read_jsonl(output / "failures.jsonl")}


def test_another_port_of_the_portal_host_is_never_reached(crawled):
    assert crawled["result"].returncode in (0, 1), crawled["result"].stderr[-2000:]
    assert crawled["portal"].hits["/tin-tuc/muc/chuyen"] == 1  # the redirect to the other port was not followed
    assert sum(crawled["other"].hits.values()) == 0  # by link, sitemap entry or redirect


def test_a_relative_loc_in_a_sitemap_index_is_read_and_the_rest_of_the_index_too(crawled):
    hits = crawled["portal"].hits
    assert hits["/sitemap-a.xml"] == 1 and hits["/sitemap-b.xml"] == 1
    assert hits["/tin-tuc/muc/bai-a"] == 1 and hits["/tin-tuc/muc/bai-b"] == 1
    assert any(f["url"] == "http://[::1" and f["reason"].startswith("sitemap <loc> is not a URL") for f in crawled["failures"])
    # A port out of range is no URL either: it used to raise past the first entry, losing the rest.
    assert any(f["url"] == "http://127.0.0.1:99999999/tin-tuc/muc/sai" and f["reason"].startswith("sitemap <loc> is not a URL")
               for f in crawled["failures"])
    assert not [f for f in crawled["failures"] if "parse error" in f["reason"]]


def test_a_robots_sitemap_line_that_is_no_url_is_a_failure_and_the_next_line_is_read(crawled):
    assert crawled["portal"].hits["/sitemap-index.xml"] == 1  # named after it; the bad line used to end the reading
    assert any(f["url"] == "http://[bad/s.xml" and f["reason"].startswith("robots.txt Sitemap: is not a URL") for f in crawled["failures"])


def test_a_known_articles_redirect_to_no_address_is_followed_as_any_redirect():
    # Its Location used to raise while the crawl asked whether it pointed at a listing (a removal).
    watch = RemovalWatch.__new__(RemovalWatch)
    watch.ledger = SimpleNamespace(status_of=lambda url: "published")
    watch.spider = SimpleNamespace(parse_page=lambda response: None, on_failure=lambda failure: None,
                                   profile=SimpleNamespace(discovery=SimpleNamespace(listing_urls=[])))
    url = "http://portal.example/tin-tuc/muc/bai"
    request = scrapy.Request(url, meta={"known_article": True})
    response = HtmlResponse(url, status=301, headers={"Location": "http://[bad/"}, request=request)
    [again] = watch.answer(response)
    assert (again.url, again.dont_filter) == (url, True)


def test_a_body_shorter_than_its_content_length_says_so(crawled):
    [failure] = [f for f in crawled["failures"] if f["url"].endswith("/tin-tuc/muc/thieu")]
    assert failure["reason"].startswith("ResponseDataLossError: the connection closed before the whole body came")
    assert "Content-Length" in failure["reason"]


@pytest.mark.parametrize("start_urls, url, allowed", [
    (["http://h.vn/"], "http://h.vn:8080/x", False),
    (["http://h.vn/"], "https://h.vn/x", True),  # http <-> https on the standard ports
    (["http://h.vn/"], "http://sub.h.vn/x", True),
    (["http://h.vn/"], "http://sub.h.vn:9200/x", False),
    (["http://h.vn:8080/"], "http://h.vn:8080/x", True),
    (["http://h.vn:8080/"], "http://h.vn/x", False),
    (["http://h.vn:8080/", "https://h.vn/"], "http://h.vn/x", True),
    (["http://h.vn/"], "http://h.vn:99999/x", False),
    (["http://h.vn/"], "http://[::1", False),
])
def test_ports_in_scope(start_urls, url, allowed):
    assert PortScope(start_urls).allows(url) is allowed


def extensions_in_a_fresh_process(settings: dict) -> list[str]:
    """The extensions a crawl with `settings` loads, found in a process that installs its reactor, as a crawl's does."""
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings
    from scrapy.utils.reactor import install_reactor

    from crawler.spiders.portal import PortalSpider

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    crawl_settings = Settings()
    crawl_settings.setmodule("crawler.settings", priority="project")
    crawl_settings.setdict(settings, priority="cmdline")
    crawler = Crawler(PortalSpider, crawl_settings)
    crawler._apply_settings()
    return [type(extension).__name__ for extension in crawler.extensions.middlewares]


def extensions_of_a_crawl(**settings) -> list[str]:
    return call_forked(extensions_in_a_fresh_process, settings)


def test_no_remote_control_and_no_telnet_in_a_crawl():
    extensions = extensions_of_a_crawl()
    assert "RunReport" in extensions  # the probe sees the crawl's extensions
    assert "RemoteControl" not in extensions and "TelnetConsole" not in extensions
    assert "RemoteControl" not in extensions_of_a_crawl(REMOTE_CONTROL_ENABLED=True)  # not even when asked for


def remote_control_imported_by_a_crawl_start() -> tuple[bool, bool]:
    """Whether Scrapy's remote-control module is loaded before and after a crawl loads its extensions."""
    before = "scrapy.extensions.remote_control" in sys.modules
    extensions_in_a_fresh_process({"REMOTE_CONTROL_ENABLED": True})
    return before, "scrapy.extensions.remote_control" in sys.modules


def test_remote_control_never_imported_by_a_crawl():
    # Scrapy imports every extension its settings name, even one set to None: it is not named at all.
    assert call_forked(remote_control_imported_by_a_crawl_start) == (False, False)
