"""Discovery beyond links: ASP.NET postback pagers, load-more JSON endpoints, feeds (crawler/discovery)."""

import json
from urllib.parse import parse_qs

import pytest
from scrapy.http import HtmlResponse, JsonResponse, XmlResponse

from crawler.discovery import feeds, load_more
from crawler.discovery.postback import PostbackFollower, pager_postbacks
from extraction.page_discovery import attribute_markup, linked_files, load_more_endpoints
from extraction.page import Page
from extraction.parsed_page import parse

LISTING = """<html><body><form name="aspnetForm" method="post" action="./tin-tuc.aspx" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" value="STATE1" /><input type="hidden" name="__EVENTVALIDATION" value="VALID1" />
<input type="hidden" name="__EVENTTARGET" value="" /><input type="hidden" name="__EVENTARGUMENT" value="" />
<input type="text" name="q" value="" /><input type="submit" name="btnSearch" value="Tìm" />
<ul><li><a href="ChiTiet.aspx?id=1">Bài một</a></li></ul>
<div class="pager"><span>1</span>
<a href="javascript:__doPostBack('ctl00$Main$rptPaging$ctl02$lnkPage','')">2</a>
<a href="javascript:__doPostBack(&#39;ctl00$Main$gvNews&#39;,&#39;Page$3&#39;)">3</a>
<a href="javascript:__doPostBack('ctl00$Main$lnkTiep','')">Trang sau</a></div>
<a href="javascript:__doPostBack('ctl00$Header$lnkLogout','')">Đăng xuất</a>
<a onclick="__doPostBack('ctl00$Poll$btnVote','')" href="#">Bình chọn</a>
</form></body></html>"""


def _html(body: str, url: str = "http://portal.example/Trang/tin-tuc.aspx") -> HtmlResponse:
    return HtmlResponse(url, body=body.encode(), encoding="utf-8")


def test_pager_postbacks_are_found_and_other_postbacks_are_not():
    found = [(p.target, p.argument) for p in pager_postbacks(_html(LISTING).selector)]
    assert found == [("ctl00$Main$rptPaging$ctl02$lnkPage", ""), ("ctl00$Main$gvNews", "Page$3"), ("ctl00$Main$lnkTiep", "")]


def test_a_postback_posts_the_whole_form_with_target_and_argument():
    [second, third, following] = PostbackFollower(per_form=10).requests(_html(LISTING), None)
    assert (second.method, second.url) == ("POST", "http://portal.example/Trang/tin-tuc.aspx")
    form = parse_qs(third.body.decode(), keep_blank_values=True)
    assert form["__VIEWSTATE"] == ["STATE1"] and form["__EVENTVALIDATION"] == ["VALID1"]
    assert form["__EVENTTARGET"] == ["ctl00$Main$gvNews"] and form["__EVENTARGUMENT"] == ["Page$3"]
    assert "btnSearch" not in form  # no button was clicked: the pager link submits the form
    assert parse_qs(following.body.decode())["__EVENTTARGET"] == ["ctl00$Main$lnkTiep"]


def test_each_postback_is_followed_once_and_a_form_at_most_per_form_times():
    follower = PostbackFollower(per_form=2)
    assert len(list(follower.requests(_html(LISTING), None))) == 2
    assert follower.capped == {"http://portal.example/Trang/tin-tuc.aspx"}
    # The same pager on page 2 (another view state) asks for nothing already asked for.
    again = PostbackFollower(per_form=10)
    assert len(list(again.requests(_html(LISTING), None))) == 3
    assert list(again.requests(_html(LISTING.replace("STATE1", "STATE2")), None)) == []


@pytest.mark.parametrize("action", ["http://[bad/x", "http://portal.example:99999999/x"])
def test_a_form_posting_to_no_address_has_no_postbacks_to_follow(action):
    # It used to raise: the page's feeds and load-more endpoints, read after its pager, were lost.
    page = LISTING.replace('action="./tin-tuc.aspx"', f'action="{action}"')
    assert list(PostbackFollower(per_form=10).requests(_html(page), None)) == []


def test_a_base_that_is_no_url_is_ignored_by_the_pagers_form_as_by_the_links():
    [second, _, _] = PostbackFollower(per_form=10).requests(_html(LISTING.replace("<html><body>", '<html><head><base href="http://[bad/"></head><body>')), None)
    assert second.url == "http://portal.example/Trang/tin-tuc.aspx"
    bad_port = LISTING.replace("<html><body>", '<html><head><base href="http://portal.example:99999/"></head><body>')
    assert [r.url for r in PostbackFollower(per_form=10).requests(_html(bad_port), None)][0] == "http://portal.example/Trang/tin-tuc.aspx"


def test_a_page_without_view_state_has_no_postbacks_to_follow():
    assert list(PostbackFollower(per_form=10).requests(_html(LISTING.replace("__VIEWSTATE", "x").replace("__EVENTTARGET", "y")), None)) == []


def test_load_more_endpoints_and_the_links_in_their_json():
    page = _html('<a class="btn-view-more" href="javascript:void(0)" data-url="/ajax/list?cat=3&amp;pageNo=2">Xem thêm</a>'
                 '<img data-url="/not/an/endpoint.jpg" /><div data-url="#top"></div>', "http://portal.example/tin-tuc/")
    expected = ["http://portal.example/ajax/list?cat=3&pageNo=2"]
    assert load_more_endpoints(page.selector.root, page.url, None) == expected
    assert load_more_endpoints(page.selector.root, page.url, attribute_markup(page.body)) == expected  # the markup names data-url
    shouted = _html('<A HREF="#" DATA-URL="/ajax/list?cat=3&amp;pageNo=2">Xem thêm</A>', "http://portal.example/tin-tuc/")
    assert load_more_endpoints(shouted.selector.root, shouted.url, attribute_markup(shouted.body)) == expected
    # The parser takes NUL out of a name: markup holding one is not asked, the tree is.
    broken = Page("http://portal.example/tin-tuc/", b'<html><body><a href="#" data-\x00url="/ajax/list?cat=3&amp;pageNo=2">Xem</a></body></html>')
    assert load_more_endpoints(parse(broken).document.root, broken.url, attribute_markup(broken.body)) == expected
    answer = JsonResponse("http://portal.example/ajax/list?cat=3&pageNo=2", body=json.dumps({
        "items": [{"title": "Bài hai", "url": "/tin-tuc/bai-hai.html"}, {"title": "Bài ba", "link": "http://portal.example/tin-tuc/bai-ba.html"}],
        "html": '<li><a href="/tin-tuc/bai-bon.html">Bài bốn</a><a href="//[">x</a></li>', "next": "/ajax/list?cat=3&pageNo=3", "note": "/ not a link",
        # Values naming no address are left out; they used to raise, and the answer gave no link.
        "more": [{"url": "http://[bad/x"}, {"url": "http://portal.example:99999999/x"}, {"link": "http://portal.example:port/"}],
    }).encode())
    items, following = load_more.json_links(answer)
    assert items == ["http://portal.example/tin-tuc/bai-hai.html", "http://portal.example/tin-tuc/bai-ba.html",
                     "http://portal.example/tin-tuc/bai-bon.html"]
    assert following == ["http://portal.example/ajax/list?cat=3&pageNo=3"]
    assert load_more.json_links(JsonResponse("http://portal.example/x", body=b"not json")) == ([], [])


def test_feeds_declared_in_the_head_and_their_item_links():
    page = _html('<html><head><link rel="alternate" type="application/rss+xml" href="/rss/tin-tuc.rss" />'
                 '<link rel="stylesheet" href="/s.css" /></head><body></body></html>', "http://portal.example/")
    assert linked_files(page.selector.root, page.url)[1] == ["http://portal.example/rss/tin-tuc.rss"]
    rss = XmlResponse("http://portal.example/rss/tin-tuc.rss", body=(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title><link>http://portal.example/</link>'
        '<item><title>Một</title><link>http://portal.example/tin-tuc/mot.html</link></item>'
        '<item><title>Hai</title><link> /tin-tuc/hai.html </link></item>'
        # Links naming no address are left out; they used to raise, and the feed gave no link.
        '<item><link>http://[bad/x</link></item><item><link>http://portal.example:99999999/x</link></item></channel></rss>').encode())
    atom = XmlResponse("http://portal.example/atom.xml", body=(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="/tin-tuc/ba.html"/>'
        '<link rel="enclosure" href="/files/ba.pdf"/></entry></feed>').encode())
    assert feeds.is_feed(rss.body) and feeds.is_feed(atom.body) and not feeds.is_feed(b"<html><body>rss</body></html>")
    assert feeds.item_links(rss) == ["http://portal.example/tin-tuc/mot.html", "http://portal.example/tin-tuc/hai.html"]
    assert feeds.item_links(atom) == ["http://portal.example/tin-tuc/ba.html"]
