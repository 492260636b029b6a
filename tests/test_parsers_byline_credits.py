"""Byline forms beyond the basic ones: photo credits, "Nguồn tin:", combinations."""

from extraction.fields.byline import read_byline_line, split_byline


def test_source_panel_and_author_labels():
    assert read_byline_line("Nguồn tin: Báo Hòa Lâm").source == "Báo Hòa Lâm"
    assert read_byline_line("Tác giả: Thu Hà").author == "Thu Hà"
    assert read_byline_line("Phóng viên: Quốc Việt").author == "Quốc Việt"


def test_a_separate_photo_credit_is_named_after_the_writer():
    body, byline = split_byline(["Đoạn một.", "Tin: Lan Anh", "Ảnh: Hoàng Anh", "Nguồn: TTXVN"])
    assert body == ["Đoạn một."]
    assert (byline.author, byline.source) == ("Lan Anh, Hoàng Anh", "TTXVN")


def test_a_photo_credit_alone_names_the_photographer():
    body, byline = split_byline(["Đoạn một.", "Ảnh: Hoàng Anh"])
    assert body == ["Đoạn một."] and byline.author == "Hoàng Anh"


def test_the_same_person_is_named_once():
    _, byline = split_byline(["Đoạn.", "Tin: Minh Đảm", "Ảnh: Minh Đảm"])
    assert byline.author == "Minh Đảm"


def test_a_caption_sentence_is_not_a_photo_credit():
    assert read_byline_line("Ảnh: Quang cảnh hội nghị tổng kết năm 2019 tại hội trường UBND tỉnh. Ảnh: Hoàng Anh") is None
