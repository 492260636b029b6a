"""Publication dates: markup first, then the visible date, never the header's clock."""

import pytest
from parsel import Selector

from extraction.dates import parse_visible_date, to_iso
from extraction.fields.published import GENERIC_MACHINE_SELECTORS, guessed_visible_date, machine_date
from extraction.profiles import load_profile


@pytest.mark.parametrize(
    "profile, text, expected",
    [
        ("liferay", "Ngày đăng 18/03/2019 | 03:10 PMLượt xem: 1523", "2019-03-18T15:10:00+07:00"),
        ("liferay", "(29/06/2026, 14:49)View count: 2.345", "2026-06-29T14:49:00+07:00"),
        ("liferay", "18/03/19", "2019-03-18T00:00:00+07:00"),
        ("sharepoint", "Ngày đăng: 23/12/2020 2:45:12 CH", "2020-12-23T14:45:12+07:00"),
        ("sharepoint", "17/01/2020 9:05 SA", "2020-01-17T09:05:00+07:00"),
        ("sharepoint", "Cập nhật: 09:45 17/01/2020", "2020-01-17T09:45:00+07:00"),
    ],
)
def test_family_date_formats(profile, text, expected):
    assert to_iso(parse_visible_date(text, load_profile(profile).article.date_formats)) == expected


def test_json_ld_in_a_graph():
    document = Selector(text='<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
                             ' {"@type": "NewsArticle", "datePublished": "2020-01-17T03:05:00Z"}]}</script>')
    found = machine_date(document, GENERIC_MACHINE_SELECTORS)
    assert (found.iso, found.source) == ("2020-01-17T10:05:00+07:00", "json-ld")


def test_meta_is_meta_and_rdfa_is_rdfa():
    meta = Selector(text='<meta property="article:published_time" content="2020-01-17T09:45:00+07:00">')
    rdfa = Selector(text='<span property="dc:date dc:created" content="2020-01-17T09:45:00+07:00"></span>')
    assert machine_date(meta, GENERIC_MACHINE_SELECTORS).source == "meta"
    assert machine_date(rdfa, GENERIC_MACHINE_SELECTORS).source == "rdfa"


def test_the_guess_skips_the_header_clock_and_prefers_a_time_of_day():
    formats = load_profile("drupal7").article.date_formats
    document = Selector(text="""<body><header><div class="date">Thứ Hai, 20/01/2020</div></header>
        <div class="date-bar">Thứ Hai, 20/01/2020</div><h1>Tiêu đề</h1>
        <div class="post-date">17/01/2020</div><p>Đăng lúc 17/01/2020 - 09:45</p></body>""")
    assert guessed_visible_date(document, formats).iso == "2020-01-17T09:45:00+07:00"
