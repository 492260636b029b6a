"""`portal-archive extract` on pages of portals it has no site profile for: the family is
recognised by its markup, or the generic fallback reads the page, and the record says which."""

import json
from pathlib import Path

from conftest import run_cli

GOLDEN = Path(__file__).parent / "golden"


def extract(page: Path, *args, check=True):
    case = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    result = run_cli("extract", page, "--url", case["url"], *args, check=check)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return result, records


def test_a_liferay_page_is_read_by_the_liferay_family():
    result, [record] = extract(GOLDEN / "liferay" / "asset-publisher-portlet-header.html")
    assert (record["profile"], record["extraction"]) == ("liferay", "profile")
    assert record["title"] == "Tỉnh triển khai chương trình chuyển đổi số năm 2019"  # not "TIN TỨC - SỰ KIỆN"
    assert record["published_at"] == "2019-03-18T15:10:00+07:00"
    assert record["author"] == "Minh Đảm" and "Tin, ảnh" not in record["body_text"]
    assert "portlet" not in result.stderr and result.stderr == ""


def test_a_sharepoint_page_is_read_by_the_sharepoint_family():
    _, [record] = extract(GOLDEN / "sharepoint" / "chitiettintuc-source-panel.html")
    assert (record["profile"], record["extraction"]) == ("sharepoint", "profile")
    assert (record["author"], record["source"]) == ("Thu Hà", "Báo Hòa Lâm")
    assert record["canonical_url"] == "https://hoalam.example.gov.vn/Trang/ChiTietTinTuc.aspx?nid=2871"


def test_a_family_listing_page_is_not_an_article():
    for page in (GOLDEN / "liferay" / "listing-asset-publisher-page-2.html", GOLDEN / "sharepoint" / "listing-page-2.html"):
        result, records = extract(page, check=False)
        assert result.returncode == 1 and records == []
        assert "not an article according to profile" in result.stderr


def test_a_page_no_profile_claims_is_read_by_the_fallback_and_says_so():
    result, [record] = extract(GOLDEN / "fallback" / "custom-cms-portlet-header.html")
    assert (record["profile"], record["extraction"]) == (None, "fallback")
    assert "read by the generic fallback" in result.stderr
    assert record["title"] == "Hòa Lâm đón nhận Bằng xếp hạng di tích quốc gia đặc biệt"
    assert (record["author"], record["source"]) == ("Hoàng Anh", "Báo Hòa Lâm")


def test_a_profile_that_misses_the_body_gets_it_from_the_fallback():
    result, [record] = extract(GOLDEN / "drupal7" / "panels-body-fallback.html")
    assert (record["profile"], record["extraction"]) == ("drupal7", "fallback")
    assert record["fallback_fields"] == ["body_text", "paragraphs", "author"]
    assert "the generic fallback gave body_text, paragraphs, author" in result.stderr


def test_an_english_page_is_not_claimed_by_a_vietnamese_family(tmp_path):
    page = (GOLDEN / "fallback" / "english-news-article.html").read_text(encoding="utf-8")
    # Even with Drupal 7's markers, a page in English is no Vietnamese portal's.
    drupal = tmp_path / "english-drupal.html"
    drupal.write_text(page.replace("<head>", '<head>\n<meta name="Generator" content="Drupal 7 (http://drupal.org)">'), encoding="utf-8")
    result = run_cli("extract", drupal, "--url", "https://courier.example.org/news/x")
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["profile"], record["extraction"], record["language"]) == (None, "fallback", "en")
