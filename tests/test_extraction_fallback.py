"""The generic fallback: trafilatura's body untouched on pages that are not Vietnamese, the
portal rules on pages that are, and one place (article.py) deciding when it runs."""

from pathlib import Path

import trafilatura

from extraction.article import extract_article
from extraction.fields.body import TRAFILATURA_OPTIONS
from extraction.page import Page
from extraction.text import normalize_text
from extraction.profiles import load_profile

GOLDEN = Path(__file__).parent / "golden"
ENGLISH = """<html lang="en"><head><title>Harbour bridge reopens after repairs | Coastal News</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened to traffic on Monday after eight months of repairs to its steel deck and cables.</p>
<p>Engineers replaced more than four hundred bolts and repainted the main span, the transport department said.</p>
<p>Cyclists will have a separate lane for the first time, and the speed limit has been cut to forty miles an hour.</p>
<p>REUTERS</p></article>
<section id="comments"><p>Great news for commuters!</p></section>
<footer>Copyright Coastal News</footer></body></html>"""


def lines(text: str) -> list[str]:
    return [t for t in map(normalize_text, (text or "").splitlines()) if t]


def test_options_are_the_benchmark_defaults_without_comments():
    assert TRAFILATURA_OPTIONS == {"include_comments": False}


def test_an_english_body_is_trafilaturas_own_less_the_headline():
    record = extract_article(Page("https://news.example.org/bridge", ENGLISH.encode()), None)
    expected = lines(trafilatura.extract(ENGLISH, **TRAFILATURA_OPTIONS))
    assert expected[0] == record["title"] == "Harbour bridge reopens after repairs"
    assert record["paragraphs"] == expected[1:]
    assert "REUTERS" in record["paragraphs"]  # a Vietnamese byline rule would have taken it
    assert record["lead"] is None and record["author"] is None and record["language"] == "en"


def test_the_english_golden_page_body_equals_trafilatura():
    html = (GOLDEN / "fallback" / "english-news-article.html").read_text(encoding="utf-8")
    record = extract_article(Page("https://courier.example.org/news/x", html.encode()), None)
    assert [record["title"], *record["paragraphs"]] == lines(trafilatura.extract(html, **TRAFILATURA_OPTIONS))
    assert "Great news" not in record["body_text"] and "RiverResident" not in record["body_text"]


def test_a_profile_record_missing_only_the_date_gets_the_date_alone():
    html = (GOLDEN / "drupal7" / "zen-theme-visible-date.html").read_text(encoding="utf-8")
    # A theme that prints the date in <time>, which the drupal7 profile does not look at.
    moved = html.replace('<p class="submitted">Đăng ngày 05/12/2021 - 16:30</p>', "<time>05/12/2021 - 16:30</time>")
    url, profile = "https://snnptnt.example.gov.vn/vi/tin-tuc/x", load_profile("drupal7")
    full = extract_article(Page(url, html.encode()), profile)
    filled = extract_article(Page(url, moved.encode()), profile)
    assert full["extraction"] == "profile" and full["fallback_fields"] == []
    assert filled["extraction"] == "fallback" and filled["fallback_fields"] == ["published_at"]
    assert filled["published_at"] == full["published_at"] == "2021-12-05T16:30:00+07:00"
    same = ("title", "lead", "paragraphs", "author", "images", "attachments", "breadcrumb", "tags")
    assert {f: filled[f] for f in same} == {f: full[f] for f in same}


def test_without_a_profile_the_fallback_reads_the_page():
    record = extract_article(Page("https://news.example.org/bridge", ENGLISH.encode()), None)
    assert (record["extraction"], record["profile"]) == ("fallback", None)
    assert record["fallback_fields"][:3] == ["title", "body_text", "paragraphs"]


def test_vietnamese_furniture_and_byline_leave_the_fallback_body():
    html = """<html lang="vi"><head><title>Khánh thành trường học mới ở xã Đạ Nhim - Cổng TTĐT huyện</title></head><body>
<div class="header"><div class="date-bar">Thứ Hai, 20/01/2020</div></div>
<div class="main"><h1>Khánh thành trường học mới ở xã Đạ Nhim</h1><div class="ngay">Cập nhật: 09:45 17/01/2020</div>
<div class="noi-dung"><p>Sáng 17/1, huyện khánh thành Trường Tiểu học Đạ Nhim với 12 phòng học, tổng vốn đầu tư 9 tỷ đồng.</p>
<p>Ngôi trường mới giúp hơn 300 học sinh người dân tộc thiểu số không còn phải học nhờ ở nhà văn hóa thôn.</p>
<p>Dịp này, các nhà hảo tâm trao tặng 200 bộ sách giáo khoa và 300 áo ấm cho học sinh của trường.</p>
<p>Tin, ảnh: Lan Anh</p><p>Nguồn: Báo Lâm Hà</p></div>
<div class="tin-khac"><h3>Tin liên quan</h3><ul><li><a href="/a">Khởi công cầu treo ở thôn 3, xã Đạ Nhim, huyện Lâm Hà</a></li></ul></div></div>
<div class="footer"><p>Bản quyền thuộc UBND huyện Lâm Hà</p></div></body></html>"""
    record = extract_article(Page("https://lamha.example.gov.vn/tin/123", html.encode()), None)
    assert record["title"] == "Khánh thành trường học mới ở xã Đạ Nhim"
    assert (record["author"], record["source"]) == ("Lan Anh", "Báo Lâm Hà")
    assert record["published_at"] == "2020-01-17T09:45:00+07:00"
    assert record["paragraphs"][-1].startswith("Dịp này") and len(record["paragraphs"]) == 3


def test_a_date_htmldate_cannot_hold_costs_the_page_only_its_metadata():
    # htmldate, reading the dates for trafilatura's metadata, raises on an offset of a day or more
    # ("+25:00"): the generic reader asks for the metadata's author when the page names none, and
    # the page used to give no record.
    paragraph = ("<p>Sáng ngày 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính"
                 " năm qua và triển khai nhiệm vụ trọng tâm trong thời gian tới.</p>")
    html = ('<html lang="vi"><head><title>Hội nghị tổng kết cải cách hành chính</title>'
            '<meta property="article:published_time" content="2024-01-01T00:00:00+25:00"></head><body>'
            '<div class="menu"><a href="/">Trang chủ</a></div><div class="noi-dung">'
            f'<h1>Hội nghị tổng kết cải cách hành chính</h1>{paragraph * 6}</div></body></html>')
    record = extract_article(Page("https://cong.example.gov.vn/tin-tuc/hoi-nghi-1", html.encode()), None)
    assert record["extraction"] == "fallback"
    assert record["title"] == "Hội nghị tổng kết cải cách hành chính"
    assert record["author"] is None and record["body_text"].startswith("Sáng ngày 12/3")
