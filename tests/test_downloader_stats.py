"""PortalDownloaderStats counts what Scrapy's DownloaderStats counts, to the byte."""

from scrapy import Request
from scrapy.downloadermiddlewares.stats import DownloaderStats
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.middlewares.downloader_stats import PortalDownloaderStats

EXCHANGES = [
    (Request("http://127.0.0.1:8000/tin-tuc/bai-1.html", headers={"Accept-Encoding": "gzip, deflate", "Cookie": ["a=1", "b=2"]}),
     200, {"Content-Type": "text/html; charset=utf-8", "Set-Cookie": ["SESS=1; path=/", "has_js=1"], "Vary": "Accept-Encoding"},
     "<p>Ủy ban</p>".encode()),
    (Request("https://hoalam.gov.vn/Default.aspx;jsessionid=1?page=2&q=đ", method="POST", body=b"__EVENTTARGET=pager"),
     302, {"Location": "/Default.aspx?page=3"}, b""),
    (Request("http://127.0.0.1:8000", headers={"Referer": "http://127.0.0.1:8000/", "X-Empty": []}), 404, {}, b"khong co"),
    (Request("http://[::1]:8080/anh.png"), 799, {"Content-Encoding": []}, bytes(100)),
    (Request("http://127.0.0.1:8000/robots.txt", method="HEAD"), 503, {"Retry-After": "120"}, b""),
]


def stats_after(middleware_class):
    crawler = get_crawler(settings_dict={"DOWNLOADER_STATS": True})
    crawler.stats.open_spider()
    middleware = middleware_class.from_crawler(crawler)
    for request, status, headers, body in EXCHANGES:
        assert middleware.process_request(request) is None
        response = Response(request.url, status=status, headers=headers, body=body, request=request)
        assert middleware.process_response(request, response) is response
    return crawler.stats.get_stats()


def test_same_counts_as_scrapy():
    ours = stats_after(PortalDownloaderStats)
    assert ours == stats_after(DownloaderStats)
    assert ours["downloader/request_count"] == ours["downloader/response_count"] == len(EXCHANGES)
    assert ours["downloader/request_bytes"] > 300 and ours["downloader/response_bytes"] > 300
