"""Furniture paragraphs: labels, labels with counters, prefixes, the header's date bar."""

import pytest

from extraction.furniture import Furniture
from extraction.profiles import load_profile


@pytest.mark.parametrize("profile", [load_profile("liferay"), None])
@pytest.mark.parametrize(
    "paragraph",
    ["Tin liên quan", "TIN LIÊN QUAN:", "Lượt xem: 1.523", "Đang truy cập: 45", "Tổng lượt truy cập 3.456.789",
     "Bản quyền thuộc Ủy ban nhân dân tỉnh Lâm Hà", "Thứ Sáu, 17/01/2020", "Truy cập nội dung luôn"],
)
def test_furniture(profile, paragraph):
    assert paragraph in Furniture.of(profile)


@pytest.mark.parametrize(
    "paragraph",
    ["Tin liên quan đến dự án được đăng trên cổng.", "Lượt xem của người dân tăng 20% so với năm trước.",
     "Thứ Sáu, 17/01/2020, UBND tỉnh tổ chức hội nghị.", "Quyền của người dân được bảo đảm."],
)
def test_sentences_that_start_like_furniture_are_text(paragraph):
    assert paragraph not in Furniture.of(None)


def test_a_portlet_header_is_furniture_for_liferay_and_sharepoint():
    for name in ("liferay", "sharepoint"):
        assert "TIN TỨC - SỰ KIỆN" in Furniture.of(load_profile(name))
