"""The article's region (extraction/article_region.py): trafilatura reads only the part of a deep
page holding the headline and the running text, and the record is the one reading the whole page
gives. Pages written by us, in the shapes that could cut the article: the bench's vendor-style
pages, a headline outside the text's container, text after the densest block, metadata only
outside the region, a hidden article."""

from datetime import datetime, timezone

import pytest
import trafilatura
from lxml import etree

from bench.vendor_pages import vendor_page, vendor_page_html
from extraction import article
from extraction.article import extract_article
from extraction.article_region import article_region
from extraction.fields.title import headline_element
from extraction.furniture import Furniture
from extraction.page import Page
from extraction.parsed_page import parse

FETCHED = datetime(2024, 3, 12, tzinfo=timezone.utc)
TITLE = "Huyện tổ chức lễ ra quân làm giao thông nông thôn năm 2024"
PARAGRAPHS = [
    "Sáng nay, huyện tổ chức lễ ra quân làm đường giao thông nông thôn tại xã Tân Lập với hơn năm trăm người tham gia.",
    "Các xã đã huy động nhân dân hiến đất, góp ngày công và vật liệu để mở rộng mặt đường, làm rãnh thoát nước hai bên.",
    "Huyện đặt mục tiêu cứng hóa thêm ba mươi cây số đường thôn, xóm trong năm nay, ưu tiên các tuyến đến trường học.",
]
SIDEBAR = "".join(f"<li><a href='/tin/{i}'>Tin khác số {i} của huyện trong tuần qua</a> <span>(0{i % 9 + 1}/03/2024)</span></li>"
                  for i in range(30))


def _page(body: str, head: str = "") -> Page:
    html = (f'<html lang="vi"><head><title>{TITLE} - Cổng thông tin huyện</title>{head}</head>'
            f"<body>{body}</body></html>")
    return Page("https://huyen.example.gov.vn/tin-tuc/ra-quan-giao-thong", html.encode(), fetched_at=FETCHED)


def _paragraphs(texts=PARAGRAPHS) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def _region(page: Page):
    document = parse(page).document
    return document, article_region(document, headline_element(document, Furniture.of(None)))


def _whole_page_record(page: Page, monkeypatch) -> dict:
    with monkeypatch.context() as patched:
        patched.setattr(article, "article_region", lambda document, headline: None)
        return extract_article(page, None)


@pytest.mark.parametrize("kilobytes", [10, 50, 150])
def test_a_deep_vendor_page_is_read_in_its_article_alone_and_gives_the_whole_pages_record(kilobytes, monkeypatch):
    page = vendor_page(kilobytes)
    document, region = _region(page)
    assert region is not None and region.xpath(".//h1") and not region.xpath(".//ul[@class='list']")
    paragraphs = document.root.xpath("//div[@class='content']/p")
    assert paragraphs and all(region in p.iterancestors() for p in paragraphs)
    record = extract_article(page, None)
    assert record == _whole_page_record(page, monkeypatch)
    assert record["paragraphs"] == [p.text for p in paragraphs[:-1]]  # the last is the author's name
    assert record["author"] == "Minh Anh" and record["published_at"] == "2025-01-06T10:15:00+07:00"


def test_the_text_is_never_cut_off_when_the_headline_sits_outside_its_container(monkeypatch):
    # The headline in a title bar above the text's container: the region holds both.
    page = _page(f"<div class='page'><div class='title-bar'><h1>{TITLE}</h1></div>"
                 f"<div class='main'><div class='noi-dung'>{_paragraphs()}</div></div></div><ul class='side'>{SIDEBAR}</ul>")
    document, region = _region(page)
    assert region is document.root.xpath("//div[@class='page']")[0]
    record = extract_article(page, None)
    assert record == _whole_page_record(page, monkeypatch)
    assert record["paragraphs"] == PARAGRAPHS


def test_a_denser_text_beside_the_headline_than_the_article_leaves_the_whole_page_to_read(monkeypatch):
    # The headline in a title bar beside a longer introduction; the article below both: the
    # region would end before the article, whose paragraphs after it widen it to the whole page.
    intro = _paragraphs(["Giới thiệu chung về huyện, vị trí địa lý, dân số và các đơn vị hành chính trực thuộc huyện. " * 3] * 3)
    page = _page(f"<div class='top'><div class='title-bar'><h1>{TITLE}</h1></div><div class='intro'>{intro}</div></div>"
                 f"<div class='main'><div class='noi-dung'>{_paragraphs()}</div></div><ul class='side'>{SIDEBAR}</ul>")
    assert _region(page)[1] is None
    assert extract_article(page, None) == _whole_page_record(page, monkeypatch)


def test_a_paragraph_after_the_densest_block_widens_the_region(monkeypatch):
    closing = "Ban chỉ đạo huyện sẽ kiểm tra, đánh giá kết quả ra quân của từng xã vào cuối quý hai."
    page = _page(f"<div class='wrap'><div class='article'><h1>{TITLE}</h1><div class='body'>{_paragraphs()}</div></div>"
                 f"<div class='more'><p>{closing}</p></div></div><ul class='side'>{SIDEBAR}</ul>")
    document, region = _region(page)
    assert region is document.root.xpath("//div[@class='wrap']")[0]
    assert extract_article(page, None) == _whole_page_record(page, monkeypatch)


def test_links_and_short_lines_after_the_article_leave_it_alone():
    page = _page(f"<div class='wrap'><div class='article'><h1>{TITLE}</h1>{_paragraphs()}</div>"
                 f"<ul class='side'>{SIDEBAR}</ul><div class='counter'>Đang truy cập: 25</div></div>"
                 "<div class='site-footer'><p>Bản quyền thuộc Ủy ban nhân dân huyện. Địa chỉ: số 2 đường Lê Lợi, thị trấn.</p></div>")
    document, region = _region(page)
    assert region is document.root.xpath("//div[@class='article']")[0]


def test_a_hidden_article_is_not_a_region():
    page = _page(f"<div style='display: none'><div class='article'><h1>{TITLE}</h1>{_paragraphs()}</div></div><ul>{SIDEBAR}</ul>")
    assert _region(page)[1] is None


def test_metadata_outside_the_region_is_still_read():
    # No byline nor date in the text: the author is in JSON-LD at the end of the body, the date
    # only in the address (htmldate's guess, which is the whole page's).
    json_ld = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", "name": "Lê Văn Hùng"}}</script>'
    html = (f'<html lang="vi"><head><title>{TITLE} - Cổng thông tin huyện</title></head><body>'
            f"<div class='article'><h1>{TITLE}</h1>{_paragraphs()}</div><ul class='side'>{SIDEBAR}</ul>{json_ld}</body></html>")
    page = Page("https://huyen.example.gov.vn/2024/03/12/ra-quan-giao-thong.html", html.encode(), fetched_at=FETCHED)
    assert _region(page)[1] is not None
    record = extract_article(page, None)
    assert (record["title"], record["paragraphs"], record["author"]) == (TITLE, PARAGRAPHS, "Lê Văn Hùng")
    whole = trafilatura.bare_extraction(html, url=page.url, with_metadata=True, include_comments=False)
    assert whole.date == "2024-03-12"
    assert (record["published_at"], record["published_at_source"]) == ("2024-03-12T00:00:00+07:00", "heuristic")


def test_the_region_is_a_small_part_of_a_large_page():
    html = vendor_page_html(150)
    document, region = _region(Page("https://portal.example.gov.vn/tin-tuc/x", html.encode()))
    assert len(etree.tostring(region, encoding="unicode")) < len(html) / 5
