"""PortalMetaRefreshMiddleware redirects exactly where Scrapy's MetaRefreshMiddleware does."""

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares.meta_refresh import PortalMetaRefreshMiddleware, cannot_refresh

HEAD = '<html><head><meta charset="{charset}"><title>Thông báo</title>{meta}</head><body>'
REFRESH = '<meta http-equiv="refresh" content="0; url=/tin-tuc/moi.html">'
TEXT = "<p>Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân tháng Mười.</p>" * 40


def page(meta="", body=TEXT, charset="utf-8"):
    return (HEAD.format(charset=charset, meta=meta) + body + "</body></html>").encode(charset, "xmlcharrefreplace")


PAGES = {
    "no refresh": (page(), {}),
    "a refresh": (page(REFRESH), {}),
    "in capitals": (page(REFRESH.replace("refresh", "REFRESH")), {}),
    "refresh in the text only": (page(body="<p>refresh</p>" + TEXT), {}),
    "a refresh past 4,096 characters": (page(body=TEXT * 8 + REFRESH), {}),
    "a refresh past 4,096 characters of 3-byte letters": (page(body="ệ" * 4090 + REFRESH), {}),
    "an entity spelling it": (page(REFRESH.replace("refresh", "&#114;efresh")), {}),
    "inside noscript": (page("<noscript>" + REFRESH + "</noscript>"), {}),
    "too long a delay": (page(REFRESH.replace("0;", "999;")), {}),
    "windows-1258": (page(REFRESH, charset="windows-1258"), {}),
    "windows-1258 without one": (page(charset="windows-1258"), {}),
    "utf-16": ("\ufeff".encode("utf-16-le") + page(REFRESH).decode().encode("utf-16-le"), {}),
    "utf-8 with a byte-order mark": (b"\xef\xbb\xbf" + page(REFRESH), {}),
    "undecodable bytes": (page(REFRESH)[:60] + b"\xff\xfe" * 3000 + page(REFRESH), {}),
    "dont_redirect": (page(REFRESH), {"dont_redirect": True}),
}


def outcome(middleware_class, body, meta, method="GET", response_class=HtmlResponse):
    middleware = middleware_class.from_crawler(get_crawler(settings_dict={"METAREFRESH_ENABLED": True}))
    request = Request("http://127.0.0.1:8000/thong-bao.html", method=method, meta=dict(meta))
    response = response_class(request.url, body=body, headers={"Content-Type": "text/html"}, request=request)
    result = middleware.process_response(request, response)
    if result is response:
        return "the page"
    return type(result), result.url, result.method, result.meta.get("redirect_urls"), result.meta.get("redirect_reasons")


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("method, response_class", [("GET", HtmlResponse), ("HEAD", HtmlResponse), ("GET", TextResponse)])
def test_same_redirects_as_scrapy(name, method, response_class):
    body, meta = PAGES[name]
    assert outcome(PortalMetaRefreshMiddleware, body, meta, method, response_class) == \
        outcome(MetaRefreshMiddleware, body, meta, method, response_class)


def test_pages_without_the_word_skip_scrapys_reading_and_others_do_not():
    def response(body):
        return HtmlResponse("http://127.0.0.1:8000/a.html", body=body, headers={"Content-Type": "text/html"})

    assert cannot_refresh(response(PAGES["no refresh"][0]))
    assert cannot_refresh(response(PAGES["windows-1258 without one"][0]))
    assert cannot_refresh(response(PAGES["a refresh past 4,096 characters"][0]))
    for name in ("a refresh", "in capitals", "refresh in the text only", "utf-16", "windows-1258"):
        assert not cannot_refresh(response(PAGES[name][0])), name
    assert outcome(MetaRefreshMiddleware, *PAGES["a refresh"]) != "the page"
