from datetime import datetime

import pytest

from extraction.dates import parse_machine_date, parse_visible_date, to_iso
from extraction.profiles import load_profile

FORMATS = list(load_profile("drupal7").article.date_formats)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thứ Sáu, 17/01/2020 - 09:45", "2020-01-17T09:45:00+07:00"),
        ("17/01/2020 09:45:12", "2020-01-17T09:45:12+07:00"),
        ("Ngày đăng 18/03/2019 | 03:10 PM", "2019-03-18T15:10:00+07:00"),
        ("(29/06/2026, 14:49)", "2026-06-29T14:49:00+07:00"),
        ("Cập nhật: 09:45 17/01/2020", "2020-01-17T09:45:00+07:00"),
        ("Ngày 17 tháng 01 năm 2020", "2020-01-17T00:00:00+07:00"),
        ("Thứ Sáu, 17/01/2020", "2020-01-17T00:00:00+07:00"),
        ("Đăng lúc 17/01/2020-09:45", "2020-01-17T09:45:00+07:00"),
        ("05/12/2021 - 16:30", "2021-12-05T16:30:00+07:00"),  # day before month
    ],
)
def test_visible_vietnamese_dates(text, expected):
    assert to_iso(parse_visible_date(text, FORMATS)) == expected


@pytest.mark.parametrize("text", ["", "Lượt xem: 1234", "117/01/2020", "32/01/2020", "17/13/2020 - 09:45"])
def test_text_without_a_valid_date(text):
    assert parse_visible_date(text, FORMATS) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-01-17T09:45:00+07:00", "2020-01-17T09:45:00+07:00"),
        ("2020-01-17T02:45:00Z", "2020-01-17T09:45:00+07:00"),
        ("2020-01-17T09:45:00", "2020-01-17T09:45:00+07:00"),  # no offset: local time
        ("2020-01-17", "2020-01-17T00:00:00+07:00"),
    ],
)
def test_machine_readable_dates_end_in_vietnam_time(value, expected):
    assert to_iso(parse_machine_date(value)) == expected


def test_machine_date_rejects_garbage():
    assert parse_machine_date("yesterday") is None
    assert parse_machine_date("") is None


def test_to_iso_keeps_the_instant():
    moment = parse_machine_date("2020-01-17T02:45:00+00:00")
    assert datetime.fromisoformat(to_iso(moment)) == moment
