"""PortalCookiesMiddleware sends and keeps exactly the cookies Scrapy's CookiesMiddleware does.

One conversation with a portal (sessions, domain cookies, public suffixes, deletions, separate
jars, dont_merge_cookies, cookies set on redirects, responses without cookies) runs through both
middlewares; the Cookie headers sent, the jars after every exchange and the COOKIES_DEBUG lines
must be the same.
"""

import logging

# First: importing crawler keeps tldextract (which Scrapy's cookie module sets up on import) from
# fetching the public-suffix list from the Internet.
from crawler.middlewares.cookies import PortalCookiesMiddleware
from scrapy import Request
from scrapy.downloadermiddlewares.cookies import CookiesMiddleware
from scrapy.http import Response
from scrapy.utils.test import get_crawler

PORTAL = "https://hoalam.example.gov.vn"
SESSION = "ASP.NET_SessionId=k3j4h5; path=/; HttpOnly"

# (method, url, request cookies, request headers, meta, response status, response headers)
CONVERSATION = [
    ("GET", PORTAL + "/", None, {}, {}, 200, {"Set-Cookie": [SESSION, "has_js=1; path=/"]}),
    ("GET", PORTAL + "/tin-tuc/bai-1.html", None, {}, {}, 200, {"Content-Type": "text/html"}),
    ("GET", PORTAL + "/files/van-ban.pdf", None, {"Cookie": "stale=1"}, {}, 200, {"Content-Type": "application/pdf"}),
    ("POST", PORTAL + "/Default.aspx?page=2", {"lang": "vi"}, {}, {}, 302,
     {"Location": "/Default.aspx?page=3", "Set-Cookie": ["pager=3; path=/Default.aspx", "lang=en; Max-Age=0"]}),
    ("GET", PORTAL + "/Default.aspx?page=3", None, {}, {}, 200,
     {"Set-Cookie": ["wide=1; Domain=.example.gov.vn; path=/", "suffix=1; Domain=gov.vn; path=/"]}),
    ("GET", "https://tintuc.example.gov.vn/", None, {}, {}, 200, {"Set-Cookie": "other=2; path=/; Secure"}),
    ("GET", "https://gov.vn/", None, {}, {}, 200, {"Set-Cookie": "at_suffix=1; Domain=gov.vn"}),
    ("GET", PORTAL + "/tin-tuc/", [{"name": "mine", "value": "x", "domain": "hoalam.example.gov.vn", "path": "/tin-tuc"}],
     {}, {"cookiejar": "second"}, 200, {"Set-Cookie": "second_session=9; path=/"}),
    ("GET", PORTAL + "/tin-tuc/bai-2.html", None, {}, {"cookiejar": "second"}, 200, {}),
    ("GET", PORTAL + "/khong-cookie", {"ignored": "1"}, {"Cookie": "own=1"}, {"dont_merge_cookies": True}, 200,
     {"Set-Cookie": "not_kept=1"}),
    ("GET", "http://127.0.0.1:8000/", None, {}, {}, 200, {"Set-Cookie": ["SESSabc=1; path=/; HttpOnly", "has_js=1; path=/"]}),
    ("GET", "http://127.0.0.1:8000/a.html", None, {}, {}, 200, {"Set-Cookie": ["SESSabc=2; path=/; HttpOnly", "has_js=1; path=/"]}),
    ("GET", "http://127.0.0.1:8000/anh.png", None, {}, {}, 200, {"Content-Type": "image/png"}),
    ("GET", PORTAL + "/", None, {}, {}, 200, {"Set-Cookie2": 'v2=1; Version="1"; Path="/"'}),
    ("GET", PORTAL + "/het-phien", None, {}, {}, 200, {"Set-Cookie": "ASP.NET_SessionId=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/"}),
    ("GET", PORTAL + "/", None, {}, {}, 200, {}),
]


def jars(middleware):
    return {key: sorted((c.domain, c.path, c.name, c.value, c.secure, c.expires, c.version) for c in jar)
            for key, jar in middleware.jars.items() if len(jar)}


def converse(middleware_class, caplog):
    middleware = middleware_class.from_crawler(get_crawler(settings_dict={"COOKIES_DEBUG": True}))
    sent, kept = [], []
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="scrapy.downloadermiddlewares.cookies"):
        for method, url, cookies, headers, meta, status, response_headers in CONVERSATION:
            request = Request(url, method=method, cookies=cookies, headers=headers, meta=dict(meta))
            assert middleware.process_request(request) is None
            sent.append(request.headers.getlist("Cookie"))
            response = Response(url, status=status, headers=response_headers, request=request)
            assert middleware.process_response(request, response) is response
            kept.append(jars(middleware))
    return sent, kept, [record.getMessage() for record in caplog.records if record.name == "scrapy.downloadermiddlewares.cookies"]


def test_same_cookies_sent_and_kept_as_scrapy(caplog):
    theirs, ours = converse(CookiesMiddleware, caplog), converse(PortalCookiesMiddleware, caplog)
    assert ours == theirs
    sent, kept, debug_lines = ours
    # The conversation exercises what it claims to: a session sent back, a deletion, two jars, the
    # public suffix's cookie kept for its own host only, debug lines both ways.
    assert sent[1] == [b"ASP.NET_SessionId=k3j4h5; has_js=1"] and sent[2] == sent[1]
    assert sent[9] == [b"own=1"]
    assert "lang" not in {name for _, _, name, *_ in kept[3][None]}
    assert {name for _, _, name, *_ in kept[7]["second"]} == {"mine", "second_session"}
    assert [c for c in kept[6][None] if c[2] == "at_suffix"][0][0] == "gov.vn"
    assert all(c[2] != "suffix" for c in kept[6][None])
    assert any(line.startswith("Sending cookies to") for line in debug_lines)
    assert any(line.startswith("Received cookies from") for line in debug_lines)
