"""TCVN3 and VNI text back to Unicode, Unicode left alone, doubtful pages flagged."""

from parsel import Selector

from extraction.legacy_encoding import repair_legacy_text, tcvn3_to_unicode, vni_to_unicode


def test_tcvn3_words_and_uppercase_fonts():
    assert tcvn3_to_unicode("Tr\xadêng ®¹i häc Quèc gia Hµ Néi") == "Trường đại học Quốc gia Hà Nội"
    # .VnTimeH draws the small letters' codes as capitals.
    assert tcvn3_to_unicode("UBND TØNH L¢M §åNG") == "UBND TỈNH LÂM ĐỒNG"


def test_vni_words_in_both_cases():
    assert vni_to_unicode("Vieät Nam, Thaønh phoá Hoà Chí Minh") == "Việt Nam, Thành phố Hồ Chí Minh"
    assert vni_to_unicode("ngöôøi daân ñoàng baøo, thuûy lôïi, dòp") == "người dân đồng bào, thủy lợi, dịp"
    assert vni_to_unicode("TÆNH LAÂM ÑOÀNG") == "TỈNH LÂM ĐỒNG"


def tree(body: str) -> Selector:
    return Selector(text=f"<html><body>{body}</body></html>")


def test_a_tcvn3_page_is_converted_with_its_attributes():
    document = tree('<p>Héi nghÞ tæng kÕt c«ng t¸c n¨m 2005</p><img alt="Quang c¶nh héi nghÞ" src="a.jpg">'
                    "<p>Tr\xadêng ®¹i häc Quèc gia tæ chøc lÔ khai gi¶ng</p>")
    assert repair_legacy_text(document.root) == "converted from TCVN3 (ABC) legacy encoding"
    assert document.css("p::text").getall() == ["Hội nghị tổng kết công tác năm 2005", "Trường đại học Quốc gia tổ chức lễ khai giảng"]
    assert document.css("img::attr(alt)").get() == "Quang cảnh hội nghị"


def test_a_vni_page_is_converted():
    document = tree("<p>Ngöôøi daân tænh Hoøa Laâm ñoùn Teát Nguyeân ñaùn vui töôi, ñaày ñuû</p>")
    assert repair_legacy_text(document.root) == "converted from VNI-Windows legacy encoding"
    assert document.css("p::text").get() == "Người dân tỉnh Hòa Lâm đón Tết Nguyên đán vui tươi, đầy đủ"


def test_unicode_pages_are_left_alone_even_with_latin1_range_letters():
    body = "<p>HOÀNG ANH</p><p>Hoàng Văn Toàn khoá học</p><p>Tiếng Việt có dấu</p><p>café où naïve</p>"
    document = tree(body)
    assert repair_legacy_text(document.root) is None
    assert document.css("p::text").getall() == ["HOÀNG ANH", "Hoàng Văn Toàn khoá học", "Tiếng Việt có dấu", "café où naïve"]


def test_a_migrated_page_converts_only_its_legacy_text():
    document = tree("<h1>Tin tức - Sự kiện</h1><p>Ngöôøi daân tænh Hoøa Laâm ñoùn Teát vui töôi ñaày ñuû</p>")
    repair_legacy_text(document.root)
    assert document.css("h1::text").get() == "Tin tức - Sự kiện"
    assert document.css("p::text").get() == "Người dân tỉnh Hòa Lâm đón Tết vui tươi đầy đủ"


def test_too_little_evidence_is_flagged_not_converted():
    plain = "<p>Bà Chí và Hà, Tý, Sáu, Mười</p>" * 3
    document = tree(f"{plain}<p>Vieät Nam</p><p>xaõ hoäi</p>")
    assert repair_legacy_text(document.root) == "some text looks like VNI-Windows legacy encoding; left unconverted (2 words)"
    assert document.css("p::text").getall()[-2:] == ["Vieät Nam", "xaõ hoäi"]
