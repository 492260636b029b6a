import unicodedata

from extraction.html_blocks import paragraphs
from extraction.page import Page
from extraction.parsed_page import parse
from extraction.text import normalize_text
from lxml import html


def test_nfd_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Ý KIẾN BẠN ĐỌC về Hiếu")
    assert decomposed != "Ý KIẾN BẠN ĐỌC về Hiếu"
    assert normalize_text(decomposed) == "Ý KIẾN BẠN ĐỌC về Hiếu"


def test_spaces_collapse_including_nbsp_and_zero_width():
    assert normalize_text("  Phó Chủ tịch\u00a0\u00a0thường trực  \u200bUBND\n tỉnh ") == "Phó Chủ tịch thường trực UBND tỉnh"


def test_double_escaped_entities_are_decoded_once_more():
    assert normalize_text("ng&agrave;y 17") == "ngày 17"
    assert normalize_text("AT&T and R&D") == "AT&T and R&D"


def test_control_characters_go_and_blank_ones_become_spaces():
    # A word processor's paste: field marks around a link's code, a bell, a vertical tab.
    assert normalize_text("Ngày\x13 HYPERLINK \x14 17\x15 tháng\x07 5\x0bnăm\x7f 2024\x85đã\ufffe") \
        == "Ngày HYPERLINK 17 tháng 5 năm 2024 đã"
    # Format characters are text: a soft hyphen stays.
    assert normalize_text("Hà\u00adNội") == "Hà\u00adNội"


def test_paragraphs_come_from_blocks_and_line_breaks_not_source_newlines():
    element = html.fragment_fromstring(
        "<div><p>Một  <b>hai</b></p>ba<br>bốn<br><br>năm<div><p>sáu\n\nbảy</p></div><!-- x --></div>"
    )
    assert paragraphs(element) == ["Một hai", "ba", "bốn", "năm", "sáu bảy"]


def test_paragraphs_of_markup_nested_deeper_than_pythons_recursion_limit():
    # An old editor's unclosed tags: over a thousand <font>s, each inside the last. The walk used
    # to be a recursion and raised RecursionError past ~1,000 levels: the page gave no record.
    depth = 1500  # beyond Python's recursion limit (1,000), within libxml2's depth (~2,000)
    page = f"<html><body><div><p>Mở đầu</p>{'<font>' * depth}Nội dung<div>Đoạn sau</div><br>cuối</div></body></html>"
    body = parse(Page("https://cong.example.gov.vn/tin-tuc/a", page.encode())).document.root.find("body")
    assert len(list(body.iter("font"))) == depth
    assert paragraphs(body) == ["Mở đầu", "Nội dung", "Đoạn sau", "cuối"]
    comment = html.fragment_fromstring("<div><!-- x --></div>")[0]
    assert paragraphs(comment) == []
