"""BoundedHttpCompressionMiddleware gives what Scrapy's HttpCompressionMiddleware gives, within its own limit.

Each exchange runs through both middlewares (each with its own crawler, the same limit) and the
decoded responses, their headers, the stats and the errors are compared.
"""

import gzip
import zlib

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawler.middlewares.decompression import BoundedHttpCompressionMiddleware, DecompressedTooLarge, gunzipped_whole

LIMIT = 50_000
PAGE = ("<html><head><meta charset='utf-8'><title>Tin tức</title></head><body>"
        + "<p>Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng Mười.</p>" * 200 + "</body></html>").encode("utf-8")
GZIPPED = gzip.compress(PAGE)
BAD_CRC = GZIPPED[:-8] + bytes(4) + GZIPPED[-4:]
HEADERS = {"Content-Type": "text/html; charset=utf-8", "Set-Cookie": ["a=1; path=/", "b=2"],
           "Content-Encoding": "gzip", "X-Frame-Options": "SAMEORIGIN"}


def middlewares():
    settings = {"DOWNLOAD_MAXSIZE": LIMIT, "PORTAL_MAX_DECOMPRESSED_SIZE": LIMIT}
    scrapy_crawler, our_crawler = get_crawler(settings_dict=settings), get_crawler(settings_dict=settings)
    for crawler in (scrapy_crawler, our_crawler):
        crawler.stats.open_spider()
    return (HttpCompressionMiddleware.from_crawler(scrapy_crawler), scrapy_crawler.stats), \
        (BoundedHttpCompressionMiddleware.from_crawler(our_crawler), our_crawler.stats)


def outcome(middleware, request, make_response):
    try:
        response = middleware.process_response(request, make_response())
    except Exception as error:  # a body Scrapy cannot read raises (gzip.BadGzipFile): ours must too
        return type(error)
    return (type(response), response.url, response.status, response.body, list(response.headers.items()),
            response.flags, response.request, response.ip_address, response.protocol,
            getattr(response, "encoding", None))


EXCHANGES = {
    "gzip page": (HEADERS, GZIPPED),
    "x-gzip": ({**HEADERS, "Content-Encoding": "x-gzip"}, GZIPPED),
    "bad checksum": (HEADERS, BAD_CRC),
    "cut short": (HEADERS, GZIPPED[: len(GZIPPED) // 2]),
    "two members": (HEADERS, GZIPPED + gzip.compress(b"<p>hai</p>")),
    "zero padding": (HEADERS, GZIPPED + bytes(16)),
    "empty body": (HEADERS, b""),
    "not gzip at all": (HEADERS, PAGE),
    "deflate": ({**HEADERS, "Content-Encoding": "deflate"}, zlib.compress(PAGE)),
    "gzip twice": ({**HEADERS, "Content-Encoding": "gzip, gzip"}, gzip.compress(GZIPPED)),
    "an unknown coding kept": ({**HEADERS, "Content-Encoding": "foo, gzip"}, GZIPPED),
    "no content type: sniffed": ({"Content-Encoding": "gzip"}, GZIPPED),
    "a pdf": ({"Content-Type": "application/pdf", "Content-Encoding": "gzip"}, gzip.compress(b"%PDF-1.4 ...")),
    "not encoded": ({"Content-Type": "text/html"}, PAGE),
    "bomb": (HEADERS, gzip.compress(bytes(LIMIT + 1))),
    "just at the limit": (HEADERS, gzip.compress(bytes(LIMIT))),
}


@pytest.mark.parametrize("name", EXCHANGES)
@pytest.mark.parametrize("method, meta", [("GET", {}), ("HEAD", {}), ("GET", {"download_maxsize": 1000})])
# Scrapy's download handler makes a compressed response a Response, or an HtmlResponse when the URL ends in .html.
@pytest.mark.parametrize("url, received_class", [("http://127.0.0.1:8000/tin-tuc/bai-1", Response),
                                                 ("http://127.0.0.1:8000/tin-tuc/bai-1.html", HtmlResponse)])
def test_same_response_headers_and_stats_as_scrapy(name, method, meta, url, received_class):
    headers, body = EXCHANGES[name]
    request = Request(url, method=method, meta=meta)

    def make_response():
        return received_class(request.url, headers=headers, body=body, request=request, flags=["x"], protocol="HTTP/1.1")

    (scrapy_mw, scrapy_stats), (our_mw, our_stats) = middlewares()
    theirs, ours = outcome(scrapy_mw, request, make_response), outcome(our_mw, request, make_response)
    if theirs is IgnoreRequest:
        assert ours is DecompressedTooLarge
    else:
        assert ours == theirs
    assert our_stats.get_stats() == scrapy_stats.get_stats()


def test_the_bomb_is_refused_with_the_limit_named(caplog):
    request = Request("http://127.0.0.1:8000/bay/bom.html")
    response = Response(request.url, headers=HEADERS, body=gzip.compress(bytes(LIMIT * 4)), request=request)
    (_, _), (our_mw, _) = middlewares()
    with pytest.raises(DecompressedTooLarge, match=f"PORTAL_MAX_DECOMPRESSED_SIZE \\({LIMIT} bytes\\)"):
        our_mw.process_response(request, response)
    assert "exceeded DOWNLOAD_MAXSIZE" in caplog.text


def test_only_one_sound_member_is_inflated_in_one_go():
    assert gunzipped_whole(GZIPPED, 0) == PAGE
    assert gunzipped_whole(GZIPPED, len(PAGE)) == PAGE
    for other in (BAD_CRC, GZIPPED[:-1], GZIPPED + GZIPPED, GZIPPED + b"\0", PAGE, b""):
        assert gunzipped_whole(other, 0) is None
    assert gunzipped_whole(GZIPPED, len(PAGE) - 1) is None
