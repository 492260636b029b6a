"""Demo portal editions: the same portal re-crawled days later (new and edited articles)."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import unicodedata
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from demo_portal import DemoPortal, build_site
from demo_portal.__main__ import main as demo_main
from demo_portal.launcher import running_demo_portal
from demo_portal.manifest import build_manifest

ARTICLES = 200  # 4 added articles (200 // 50), 5 edited (nids 7, 47, 87, 127, 167)
BASE = "http://127.0.0.1:1/"
NOTE = re.compile(r" \(Cập nhật lúc \d\d:\d\d ngày \d\d/01/2026: [^()]+\.\)$")


@pytest.fixture(scope="module")
def portals():
    with DemoPortal(articles=ARTICLES) as first, DemoPortal(articles=ARTICLES, edition=2) as second:
        yield first, second


@pytest.fixture(scope="module")
def manifests(portals):
    return tuple(portal.manifest() for portal in portals)


def get(base_url: str, url_or_path: str, headers: dict | None = None):
    parts = urlsplit(urljoin(base_url, url_or_path))
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                           headers=headers or {})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response, body


def path_of(url: str) -> str:
    return urlsplit(url).path


def node_markup(body: bytes) -> bytes:
    """The article node itself, without the page chrome and the related-articles blocks."""
    return body[body.index(b'<div id="block-system-main"'):body.index(b'id="block-views-tin-lien-quan')]


def paragraphs_served(body: bytes, count: int) -> list[str]:
    item = lxml.html.fromstring(body).cssselect("div.node-full .field-name-body .field-item")[0]
    paragraphs, texts = item.findall("p"), []
    for index, p in enumerate(paragraphs):
        after_image = index and paragraphs[index - 1].find("img") is not None  # its caption
        if p.find("img") is None and not after_image:
            texts.append(" ".join(unicodedata.normalize("NFC", p.text_content()).split()))
    return texts[:count]


# --- the model -------------------------------------------------------------


def test_edition_one_is_the_default():
    default = build_manifest(build_site(120, seed=7), BASE)
    assert build_manifest(build_site(120, seed=7, edition=1), BASE) == default
    assert default["edition"] == 1
    assert default["changes"] == {"added": [], "edited": [], "removed": [], "unlisted": [], "restored": [], "details": {}}
    assert default["articles_count"] == len(default["articles"]) == 120


@pytest.mark.parametrize("edition", [0, 4, -1])
def test_unknown_editions_are_refused(edition, capsys):
    with pytest.raises(ValueError, match="edition must be one of 1, 2, 3"):
        build_site(30, edition=edition)
    with pytest.raises(SystemExit) as exit_info:
        demo_main(["--articles", "30", "--edition", str(edition)])
    assert exit_info.value.code == 2
    assert "--edition" in capsys.readouterr().err


@pytest.mark.parametrize("articles", [60, 650])
def test_edition_two_adds_and_edits_without_moving_urls(articles):
    one, two = build_site(articles, seed=2020), build_site(articles, seed=2020, edition=2)
    added = two.added
    assert len(added) == max(3, articles // 50)
    first_new = articles + len(one.deleted) + len(one.pages) + 1
    assert [s.nid for s in added] == list(range(first_new, first_new + len(added)))
    assert all(s.published > max(x.published for x in one.stubs + one.deleted) for s in added)
    assert [s.published for s in added] == sorted(s.published for s in added)  # nid grows with time
    assert all(s.published.year == 2026 and s.published.month == 1 for s in added)
    assert len({s.category.tid for s in added}) == min(len(added), len(two.categories))
    assert list(two.newest[:len(added)]) == sorted(added, key=lambda s: s.published, reverse=True)

    assert [s.nid for s in two.edited] == [n for n in range(2, articles + 1) if n % 40 == 7]
    for old, new in zip(one.stubs, two.stubs):  # edition-1 nodes keep nid, URL, title, date
        assert (old.nid, old.path, old.title, old.published) == (new.nid, new.path, new.title,
                                                                  new.published)
        assert (new.updated is not None) == (new in two.edited)
    assert [(s.nid, s.path) for s in two.deleted] == [(s.nid, s.path) for s in one.deleted]
    assert two.pages == one.pages
    assert not {s.path for s in added} & set(one.by_path)

    m1, m2 = build_manifest(one, BASE), build_manifest(two, BASE)
    assert m2["edition"] == 2 and m2["articles_count"] == len(m2["articles"]) == articles + len(added)
    assert m2["changes"]["added"] == [BASE.rstrip("/") + s.path for s in added]
    assert m2["changes"]["edited"] == [BASE.rstrip("/") + s.path for s in two.edited]
    assert m2["missing"] == m1["missing"] and m2["pages"] == m1["pages"]
    node_redirects = {k: v for k, v in m1["redirects"].items() if "/node/" in k and "?q=" not in k}
    assert node_redirects.items() <= m2["redirects"].items()
    edited = set(m2["changes"]["edited"])
    for old, new in zip(m1["articles"], m2["articles"]):
        if new["url"] not in edited:
            assert new == old
            continue
        assert new["paragraphs"][:-1] == old["paragraphs"][:-1]
        assert NOTE.search(new["paragraphs"][-1])
        assert NOTE.sub("", new["paragraphs"][-1]) == old["paragraphs"][-1]
        assert new["body_text"] == "\n\n".join(new["paragraphs"])
        assert {k: v for k, v in new.items() if k not in ("paragraphs", "body_text")} == \
               {k: v for k, v in old.items() if k not in ("paragraphs", "body_text")}


def test_edition_two_is_deterministic():
    first = build_manifest(build_site(90, seed=5, edition=2), BASE)
    assert build_manifest(build_site(90, seed=5, edition=2), BASE) == first


# --- served over HTTP --------------------------------------------------------


def test_added_articles_are_served_and_listed(portals, manifests):
    _, second = portals
    _, m2 = manifests
    truth = {a["url"]: a for a in m2["articles"]}
    newest = m2["changes"]["added"][-1]
    _, sitemap = get(second.base_url, "/sitemap.xml")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap.decode())
    _, rss = get(second.base_url, "/rss.xml")
    rss_links = re.findall(r"<link>(.*?)</link>", rss.decode())[1:]  # after the channel's
    _, home = get(second.base_url, "/")
    assert path_of(newest).encode() in home
    assert rss_links[:len(m2["changes"]["added"])] == m2["changes"]["added"][::-1]
    for url in m2["changes"]["added"]:
        article = truth[url]
        response, body = get(second.base_url, url)
        assert response.status == 200
        title = lxml.html.fromstring(body).cssselect("h1#page-title")[0].text_content()
        assert unicodedata.normalize("NFC", title) == article["title"]
        assert paragraphs_served(body, len(article["paragraphs"])) == article["paragraphs"]
        assert url in locs
        category = next(c for c in m2["categories"] if c["name"] == article["category"])
        _, listing = get(second.base_url, category["url"])
        rows = lxml.html.fromstring(listing).cssselect(
            "#block-system-main .views-row .views-field-title a")
        assert path_of(url) in [a.get("href") for a in rows]
        redirect, _ = get(second.base_url, f"/node/{article['nid']}")
        assert redirect.status == 301 and redirect.getheader("Location") == url
    first_url = manifests[0]["base_url"]
    assert get(first_url, path_of(newest))[0].status == 404  # not there in edition 1


def test_unchanged_article_validates_across_editions(portals, manifests):
    first, second = portals
    m1, m2 = manifests
    edited = {path_of(url) for url in m2["changes"]["edited"]}
    unchanged = [a for a in m1["articles"] if path_of(a["url"]) not in edited]
    assert len(unchanged) == len(m1["articles"]) - 5
    # the oldest, an NFD one (nid 25), and the newest (their "Tin liên quan" gains new articles)
    for article in unchanged[:8] + [m1["articles"][24]] + unchanged[-8:]:
        path = path_of(article["url"])
        old, old_body = get(first.base_url, path)
        new, new_body = get(second.base_url, path)
        assert node_markup(old_body) == node_markup(new_body)
        assert old.getheader("ETag") == new.getheader("ETag")
        assert old.getheader("Last-Modified") == new.getheader("Last-Modified")
        again, body = get(second.base_url, path, {"If-None-Match": old.getheader("ETag")})
        assert again.status == 304 and body == b""
        again, _ = get(second.base_url, path, {"If-Modified-Since": old.getheader("Last-Modified")})
        assert again.status == 304
    # the gzip variant's ETag validates too
    path = path_of(m1["articles"][1]["url"])
    zipped, _ = get(first.base_url, path, {"Accept-Encoding": "gzip"})
    assert zipped.getheader("ETag").endswith('-gzip"')
    again, _ = get(second.base_url, path, {"Accept-Encoding": "gzip",
                                           "If-None-Match": zipped.getheader("ETag")})
    assert again.status == 304


def test_edited_article_changes_text_etag_and_last_modified(portals, manifests):
    first, second = portals
    m1, m2 = manifests
    truth = {a["url"]: a for a in m2["articles"]}
    assert len(m2["changes"]["edited"]) == 5
    _, sitemap = get(second.base_url, "/sitemap.xml")
    lastmods = dict(re.findall(r"<loc>(.*?)</loc><lastmod>(.*?)</lastmod>", sitemap.decode()))
    for url in m2["changes"]["edited"]:
        path = path_of(url)
        old, old_body = get(first.base_url, path)
        new, new_body = get(second.base_url, path, {"If-None-Match": old.getheader("ETag")})
        assert new.status == 200
        assert new.getheader("ETag") not in (None, old.getheader("ETag"))
        assert parsedate_to_datetime(new.getheader("Last-Modified")) > \
            parsedate_to_datetime(old.getheader("Last-Modified"))
        since, _ = get(second.base_url, path, {"If-Modified-Since": old.getheader("Last-Modified")})
        assert since.status == 200
        article = truth[url]
        assert paragraphs_served(new_body, len(article["paragraphs"])) == article["paragraphs"]
        assert NOTE.search(article["paragraphs"][-1])
        assert b"C\xe1\xba\xadp nh\xe1\xba\xadt l\xc3\xbac" not in old_body  # "Cập nhật lúc"
        again, _ = get(second.base_url, path, {"If-None-Match": new.getheader("ETag")})
        assert again.status == 304
        assert lastmods[url].startswith("2026-01-")  # the sitemap says when it was edited


def test_if_modified_since_rules(portals, manifests):
    first, _ = portals
    path = path_of(manifests[0]["articles"][1]["url"])
    response, _ = get(first.base_url, path)
    etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
    assert get(first.base_url, path, {"If-Modified-Since": modified})[0].status == 304
    earlier = "Mon, 01 Jan 2018 00:00:00 GMT"
    assert get(first.base_url, path, {"If-Modified-Since": earlier})[0].status == 200
    assert get(first.base_url, path, {"If-Modified-Since": "not a date"})[0].status == 200
    # If-None-Match decides when both are sent (RFC 9110 13.2.2)
    assert get(first.base_url, path, {"If-None-Match": '"other"',
                                      "If-Modified-Since": modified})[0].status == 200
    assert get(first.base_url, path, {"If-None-Match": etag,
                                      "If-Modified-Since": earlier})[0].status == 304
    # pages without Last-Modified (listings) never answer 304 to a date
    assert get(first.base_url, "/", {"If-Modified-Since": modified})[0].status == 200


def test_launcher_passes_the_edition():
    with running_demo_portal(articles=30, seed=4, edition=2) as base_url:
        _, body = get(base_url, "/__manifest__.json")
    manifest = json.loads(body)
    assert manifest["edition"] == 2 and len(manifest["changes"]["added"]) == 3
    documents = manifest.pop("documents")  # the documents section, which comes with the server, not the site
    assert documents and manifest == build_manifest(build_site(30, seed=4, edition=2), manifest["base_url"])


def test_edition_two_can_take_over_the_address_of_edition_one():
    """A nightly re-crawl sees the same URLs: edition 2 restarted on edition 1's port."""
    with DemoPortal(articles=30) as first:
        assert first.port != 0 and first.base_url.endswith(f":{first.port}/")
        response, _ = get(first.base_url, "/node/7")
        url = response.getheader("Location")
        etag = get(first.base_url, url)[0].getheader("ETag")
        base_url, port = first.base_url, first.port
    with DemoPortal(articles=30, edition=2, port=port) as second:
        assert second.base_url == base_url
        assert second.manifest()["changes"]["edited"] == [url]
        response, _ = get(second.base_url, url, {"If-None-Match": etag})
        assert response.status == 200 and response.getheader("ETag") != etag
