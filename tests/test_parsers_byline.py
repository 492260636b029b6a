import pytest

from extraction.fields.byline import read_byline_line, split_byline


@pytest.mark.parametrize(
    "line, author, source",
    [
        ("T/h: Mai Hiếu", "Mai Hiếu", None),
        ("Tin, ảnh: Minh Đảm", "Minh Đảm", None),
        ("Tin: Lan Anh", "Lan Anh", None),
        ("Bài, ảnh: Trần Hùng", "Trần Hùng", None),
        ("Nguồn: TTXVN", None, "TTXVN"),
        ("(Nguồn: Cổng TTĐT Chính phủ)", None, "Cổng TTĐT Chính phủ"),
        ("Theo Báo Nhân Dân", None, "Báo Nhân Dân"),
        ("PV", "PV", None),
        ("BBT", "BBT", None),
        ("MINH ĐẢM", "MINH ĐẢM", None),
        ("N. NGA", "N. NGA", None),
    ],
)
def test_byline_forms(line, author, source):
    found = read_byline_line(line)
    assert (found.author, found.source) == (author, source)


@pytest.mark.parametrize(
    "line",
    [
        "UBND tỉnh tổ chức hội nghị tổng kết năm 2019.",
        "Theo kế hoạch, năm 2020 tỉnh sẽ đầu tư 300 tỷ đồng cho giao thông nông thôn.",
        "Hội nghị đã thống nhất các nội dung sau:",
        "Phát biểu tại hội nghị, Chủ tịch UBND tỉnh nhấn mạnh",
    ],
)
def test_ordinary_sentences_are_not_bylines(line):
    assert read_byline_line(line) is None


def test_name_and_source_lines_both_leave_the_body():
    body, byline = split_byline(["Đoạn một.", "Đoạn hai.", "MINH ĐẢM", "Nguồn: TTXVN"])
    assert body == ["Đoạn một.", "Đoạn hai."]
    assert (byline.author, byline.source) == ("MINH ĐẢM", "TTXVN")


def test_only_the_closing_lines_are_read():
    body, byline = split_byline(["T/h: Mai Hiếu", "Đoạn cuối của bài."])
    assert body == ["T/h: Mai Hiếu", "Đoạn cuối của bài."]
    assert byline.author is None and byline.source is None


def test_two_author_lines_keep_the_earlier_in_the_body():
    body, byline = split_byline(["Đoạn.", "PV", "BBT"])
    assert body == ["Đoạn.", "PV"]
    assert byline.author == "BBT"
