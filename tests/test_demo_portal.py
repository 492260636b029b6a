"""Tests of the bundled demo portal: a real server on 127.0.0.1, real HTTP."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from demo_portal import DemoPortal, build_site
from demo_portal.manifest import build_manifest
from demo_portal.seed_article import SEED_PARAGRAPHS, SEED_TITLE

REPO = Path(__file__).resolve().parents[1]
BOILERPLATE = ("You are here", "Thời tiết", "LIÊN KẾT WEBSITE", "Ý KIẾN BẠN ĐỌC", "Đang truy cập")


@pytest.fixture(scope="module")
def portal():
    with DemoPortal(articles=650, seed=2020) as running:
        yield running


@pytest.fixture(scope="module")
def manifest(portal):
    return portal.manifest()


class Client:
    """One keep-alive HTTP/1.1 connection to the portal."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=10)

    def get(self, url_or_path: str, headers: dict | None = None, method: str = "GET"):
        parts = urlsplit(urljoin(self.base_url, url_or_path))
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        self.connection.request(method, target, headers=headers or {})
        response = self.connection.getresponse()
        body = response.read()
        if response.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response, body


@pytest.fixture()
def client(portal):
    http_client = Client(portal.base_url)
    yield http_client
    http_client.connection.close()


def collapse(text: str) -> str:
    return " ".join(text.split())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def text_of(element) -> str:
    return collapse(nfc(element.text_content()))


# --- the model -------------------------------------------------------------


def test_build_is_deterministic():
    base = "http://127.0.0.1:1/"
    first = build_manifest(build_site(120, seed=7), base)
    again = build_manifest(build_site(120, seed=7), base)
    other = build_manifest(build_site(120, seed=8), base)
    assert first == again
    assert first["articles"] != other["articles"]


def test_build_is_deterministic_across_processes():
    """Crawls run the portal in another process than the one computing the truth."""
    script = ("import hashlib, json; from demo_portal import build_site;"
              "from demo_portal.manifest import build_manifest;"
              "m = build_manifest(build_site(80, seed=3), 'http://127.0.0.1:1/');"
              "print(hashlib.sha256(json.dumps(m, sort_keys=True).encode()).hexdigest())")
    digests = set()
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED=hash_seed)
        digests.add(subprocess.run([sys.executable, "-c", script], env=env, cwd=REPO, check=True,
                                   capture_output=True, text=True).stdout.strip())
    local = build_manifest(build_site(80, seed=3), "http://127.0.0.1:1/")
    digests.add(hashlib.sha256(json.dumps(local, sort_keys=True).encode()).hexdigest())
    assert len(digests) == 1


def test_site_shape(manifest):
    articles = manifest["articles"]
    assert manifest["articles_count"] == len(articles) == 650
    assert [a["nid"] for a in articles] == list(range(1, 651))
    assert len(manifest["categories"]) >= 6
    assert {a["category"] for a in articles} == {c["name"] for c in manifest["categories"]}
    years = {int(a["published_at"][:4]) for a in articles}
    assert min(years) >= 2019 and max(years) <= 2025 and len(years) >= 4
    assert all(a["published_at"].endswith("+07:00") for a in articles)
    assert len({a["url"] for a in articles}) == len(articles)
    assert all(re.fullmatch(r"http://127\.0\.0\.1:\d+/tin-tuc/[a-z0-9-]+/[a-z0-9-]+", a["url"])
               for a in articles)


def test_truth_strings_are_clean_nfc(manifest):
    for article in manifest["articles"]:
        strings = [article["title"], *article["paragraphs"], *article["tags"],
                   *(i["caption"] for i in article["images"])]
        strings += [s for s in (article["lead"], article["author"], article["source"]) if s]
        for text in strings:
            assert unicodedata.is_normalized("NFC", text)
            assert text == collapse(text), text
        assert article["body_text"] == "\n\n".join(article["paragraphs"])
        assert 2 <= len(article["paragraphs"]) <= 8 or article["nid"] == 1


def test_byline_forms_are_all_covered(manifest):
    authors = {a["author"] for a in manifest["articles"]}
    sources = {a["source"] for a in manifest["articles"]}
    assert {"PV", "BBT", "Mai Hiếu", None} <= authors
    assert any(a and a.isupper() and "." in a for a in authors)  # "N. NGA"
    assert {"TTXVN", None} <= sources
    assert any(a["author"] and a["source"] for a in manifest["articles"])


def test_seed_article(manifest):
    seed = manifest["articles"][0]
    assert seed["title"] == SEED_TITLE
    assert seed["title"].startswith("UBND tỉnh tổ chức hội nghị tổng kết phong trào")
    assert seed["title"].endswith("năm 2020.")
    assert seed["paragraphs"] == [collapse(p) for p in SEED_PARAGRAPHS]
    assert len(seed["paragraphs"]) == 3
    assert seed["paragraphs"][0].startswith("Đồng chí Ngô Gia Tự - Ủy viên Ban thường vụ Tỉnh ủy")
    assert seed["paragraphs"][2].endswith("từ năm 2018 đến năm 2019./.")
    assert (seed["author"], seed["source"], seed["lead"]) == ("Mai Hiếu", None, None)
    assert seed["published_at"] == "2020-01-17T09:45:00+07:00"
    assert seed["category"] == "An ninh - Quốc phòng"
    assert seed["breadcrumb"] == ["Trang chủ", "Tin tức", "An ninh - Quốc phòng"]


# --- article pages ---------------------------------------------------------


def test_seed_page_carries_boilerplate_and_raw_spaces(client, manifest):
    response, body = client.get(manifest["articles"][0]["url"])
    html = body.decode("utf-8")
    assert response.status == 200
    for marker in BOILERPLATE:
        assert marker in html, marker
    assert 'property="dc:date dc:created" content="2020-01-17T09:45:00+07:00"' in html
    assert "Thứ Sáu, 17/01/2020 - 09:45" in html
    assert "thường trực &nbsp;UBND tỉnh" in html  # the stray spaces are served as they were
    assert "<strong>T/h: Mai Hiếu</strong>" in html
    assert 'class="node node-article node-promoted node-full clearfix"' in html
    assert '<link rel="shortlink" href="/node/1" />' in html


def extract(html: bytes, base_url: str) -> dict:
    """What a correct Drupal 7 extractor outputs, written against the demo's markup."""
    doc = lxml.html.fromstring(html)
    node = doc.cssselect("div.node-full")[0]
    lead = node.cssselect(".field-name-field-tom-tat .field-item")
    images = []
    for field_img in node.cssselect(".field-name-field-image img"):
        caption = node.cssselect(".field-name-field-image blockquote.image-field-caption")[0]
        images.append((urljoin(base_url, field_img.get("src")), text_of(caption),
                       nfc(field_img.get("alt")) or None))
    body_item = node.cssselect(".field-name-body .field-item")[0]
    texts = []
    paragraphs = body_item.findall("p")
    for index, p in enumerate(paragraphs):
        img = p.find("img")
        if img is not None:
            caption = text_of(paragraphs[index + 1])
            images.append((urljoin(base_url, img.get("src")), caption, nfc(img.get("alt")) or None))
        elif not (index and paragraphs[index - 1].find("img") is not None):
            texts.append(text_of(p))
    return {
        "title": text_of(doc.cssselect("h1#page-title")[0]),
        "published_at": node.cssselect('[property~="dc:date"]')[0].get("content"),
        "lead": text_of(lead[0]) if lead else None,
        "texts": texts,
        "images": images,
        "breadcrumb": [text_of(a) for a in doc.cssselect("#breadcrumb .breadcrumb a")],
        "tags": [text_of(a) for a in node.cssselect(".field-name-field-tags a")],
        "attachments": [(urljoin(base_url, a.get("href")), text_of(a), a.get("type"))
                        for a in node.cssselect(".field-name-field-file-dinh-kem a")],
    }


def test_every_article_page_matches_its_truth(client, manifest):
    for truth in manifest["articles"]:
        response, body = client.get(truth["url"])
        assert response.status == 200
        got = extract(body, manifest["base_url"])
        assert got["title"] == truth["title"]
        assert got["published_at"] == truth["published_at"]
        assert got["lead"] == truth["lead"]
        assert got["breadcrumb"] == truth["breadcrumb"]
        assert got["tags"] == truth["tags"]
        assert got["images"] == [(i["url"], i["caption"], i["alt"]) for i in truth["images"]]
        assert [(u, t) for u, t, _ in got["attachments"]] == [
            (a["url"], a["title"]) for a in truth["attachments"]]
        paragraphs, byline = got["texts"][:len(truth["paragraphs"])], got["texts"][len(truth["paragraphs"]):]
        assert paragraphs == truth["paragraphs"]
        assert len(byline) == (0 if not (truth["author"] or truth["source"]) else
                               2 if truth["author"] and truth["source"] else 1)
        for expected in (truth["author"], truth["source"]):
            assert expected is None or any(expected in line for line in byline)


def test_attachment_and_image_files_are_valid(client, manifest):
    article = next(a for a in manifest["articles"] if a["attachments"] and a["images"])
    _, page = client.get(article["url"])
    response, pdf = client.get(article["attachments"][0]["url"], {"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.getheader("Content-Type") == "application/pdf"
    assert response.getheader("Content-Encoding") is None
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert f"length={len(pdf)}".encode() in page
    for image in article["images"]:
        response, jpeg = client.get(image["url"], {"Accept-Encoding": "gzip"})
        assert response.getheader("Content-Type") == "image/jpeg"
        assert response.getheader("Content-Encoding") is None
        assert jpeg[:2] == b"\xff\xd8" and jpeg[-2:] == b"\xff\xd9"
    for requisite in ("/misc/jquery.js", "/misc/drupal.js", "/sites/all/themes/hoalam/css/style.css"):
        assert f'"{requisite}?'.encode() in page or f'"{requisite}"'.encode() in page
        assert client.get(requisite)[0].status == 200


# --- HTTP behaviour --------------------------------------------------------


def test_gzip_only_when_asked(client, manifest):
    url = manifest["articles"][1]["url"]
    plain_response, plain = client.get(url)
    assert plain_response.getheader("Content-Encoding") is None
    zipped_response, unzipped = client.get(url, {"Accept-Encoding": "gzip, deflate"})
    assert zipped_response.getheader("Content-Encoding") == "gzip"
    assert zipped_response.getheader("Vary") == "Accept-Encoding"
    assert unzipped == plain
    refused, _ = client.get(url, {"Accept-Encoding": "gzip;q=0, identity"})
    assert refused.getheader("Content-Encoding") is None


def test_chunked_and_content_length_responses(client, manifest):
    chunked_article = manifest["articles"][2]  # nid 3
    response, _ = client.get(chunked_article["url"])
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert response.getheader("Content-Length") is None
    response, _ = client.get(chunked_article["url"], {"Accept-Encoding": "gzip"})
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert response.getheader("Content-Encoding") == "gzip"
    response, body = client.get(manifest["articles"][1]["url"])  # nid 2
    assert response.getheader("Transfer-Encoding") is None
    assert int(response.getheader("Content-Length")) == len(body)
    response, _ = client.get(manifest["categories"][0]["url"])
    assert response.getheader("Transfer-Encoding") == "chunked"


def test_drupal_headers(client, manifest):
    response, _ = client.get(manifest["articles"][1]["url"])
    assert len(response.headers.get_all("Set-Cookie")) == 2
    assert response.getheader("Server") == "Apache"
    assert response.getheader("X-Generator") == "Drupal 7 (http://drupal.org)"
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Date") and response.getheader("Last-Modified")
    etag = response.getheader("ETag")
    assert etag and client.get(manifest["articles"][1]["url"])[0].getheader("ETag") == etag
    not_modified, _ = client.get(manifest["articles"][1]["url"], {"If-None-Match": etag})
    assert not_modified.status == 304
    head, body = client.get(manifest["articles"][1]["url"], method="HEAD")
    assert head.status == 200 and body == b""


def test_node_urls_redirect_to_the_alias(client, manifest):
    for source, target in list(manifest["redirects"].items())[:5] + [
            (k, v) for k, v in manifest["redirects"].items() if "?q=" in k]:
        response, _ = client.get(source)
        assert response.status == 301
        assert response.getheader("Location") == target
    response, _ = client.get("/node/5")
    assert response.getheader("Location") == manifest["articles"][4]["url"]


def test_missing_pages_are_404_and_linked(client, manifest):
    assert len(manifest["missing"]) == 5
    for url in manifest["missing"] + [manifest["base_url"] + "khong-co-trang-nay"]:
        response, body = client.get(url)
        assert response.status == 404
        assert "Không tìm thấy trang" in body.decode()
    linked = set()
    for article in manifest["articles"]:
        _, body = client.get(article["url"])
        linked.update(u for u in manifest["missing"] if urlsplit(u).path.encode() in body)
        if len(linked) == len(manifest["missing"]):
            break
    assert linked == set(manifest["missing"])
    assert client.get("/sites/default/files/2020-01/khong-co.jpg")[0].status == 404


def test_robots_txt_points_to_the_sitemap(client, portal):
    response, body = client.get("/robots.txt")
    text = body.decode()
    assert response.status == 200
    assert f"Sitemap: {portal.base_url}sitemap.xml" in text
    for rule in ("Disallow: /user/", "Disallow: /search/", "Disallow: /comment/reply/",
                 "Disallow: /node/add/", "Disallow: /print/", "Disallow: /?q=admin/"):
        assert rule in text


def test_sitemap_lists_every_article_once(client, manifest):
    _, index = client.get("/sitemap.xml", {"Accept-Encoding": "gzip"})
    assert b"<sitemapindex" in index
    chunk_urls = re.findall(r"<loc>(.*?)</loc>", index.decode())
    assert len(chunk_urls) >= 2
    locs = []
    for chunk in chunk_urls:
        response, body = client.get(chunk)
        assert response.status == 200 and b"<urlset" in body
        locs += re.findall(r"<loc>(.*?)</loc>", body.decode())
        assert body.count(b"<url>") <= 500
    article_urls = [a["url"] for a in manifest["articles"]]
    assert sorted(u for u in locs if u in set(article_urls)) == sorted(article_urls)
    assert manifest["base_url"] in locs
    assert all(c["url"] in locs for c in manifest["categories"])


def test_pagination_reaches_every_article_of_a_category(client, manifest):
    category = manifest["categories"][0]
    expected = {a["url"] for a in manifest["articles"] if a["category"] == category["name"]}
    found, url, pages = set(), category["url"], 0
    while url:
        response, body = client.get(url)
        assert response.status == 200
        doc = lxml.html.fromstring(body)
        rows = doc.cssselect("#block-system-main .views-row .views-field-title a")
        assert len(rows) <= 10
        found.update(urljoin(url, a.get("href")) for a in rows)
        following = doc.cssselect("ul.pager li.pager-next a")
        url = urljoin(url, following[0].get("href")) if following else None
        pages += 1
    assert found == expected
    assert pages == -(-len(expected) // 10) > 1
    last = client.get(category["url"] + f"?page={pages}")[0]
    assert last.status == 404


def test_nfd_pages_are_nfd_on_the_wire(client, manifest):
    nfd = [a for a in manifest["articles"] if a["text_form"] == "NFD"]
    assert [a["nid"] for a in nfd] == list(range(25, 651, 25))
    _, body = client.get(nfd[0]["url"])
    html = body.decode("utf-8")
    assert unicodedata.is_normalized("NFD", html) and not unicodedata.is_normalized("NFC", html)
    assert unicodedata.normalize("NFD", nfd[0]["title"]) in html
    assert unicodedata.is_normalized("NFC", nfd[0]["title"])


def test_listing_pages_and_feeds(client, manifest):
    home_response, home = client.get("/")
    assert home_response.status == 200 and b'class="html front' in home
    assert b'href="/node/' in home and b"?q=node/" in home
    _, news = client.get("/tin-tuc")
    assert all(urlsplit(c["url"]).path.encode() in news for c in manifest["categories"])
    response, rss = client.get("/rss.xml")
    assert response.status == 200 and rss.count(b"<item>") == 20
    for page in manifest["pages"]:
        response, body = client.get(page)
        assert response.status == 200 and b"node-type-page" in body and b"dc:date" not in body


def test_manifest_endpoint_equals_method(client, portal, manifest):
    response, body = client.get("/__manifest__.json", {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert json.loads(body) == manifest == portal.manifest()
    assert manifest["base_url"] == portal.base_url
    assert manifest["generator"] == "portal-archive demo portal"


def test_module_entry_point_prints_url_and_stops_on_sigterm():
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen([sys.executable, "-m", "demo_portal", "--articles", "30", "--port", "0"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        line = process.stdout.readline().strip()
        assert re.fullmatch(r"DEMO_PORTAL_URL=http://127\.0\.0\.1:\d+/", line)
        client = Client(line.split("=", 1)[1])
        response, body = client.get("/__manifest__.json")
        assert response.status == 200 and json.loads(body)["articles_count"] == 30
        client.connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert out == "" and err == ""
