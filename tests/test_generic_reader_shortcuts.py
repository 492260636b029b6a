"""The generic reader's short cuts give what the plain way gives: the headline found from the
page's text pieces, the running text and page frame found in one pass, the date candidates
looked at from the headline outwards, the teasers of the article's region found without reading
the whole page. The plain ways below are the rules as first written (a walk of every element,
or the XPath of the rule); the pages are every golden page, a deep vendor-style page and pages
made to trip each short cut."""

import sys
import unicodedata
from pathlib import Path

import pytest
from parsel import Selector

from bench.vendor_pages import vendor_page_html
from extraction.article_region import article_region
from extraction.dates import find_visible_date
from extraction.fields.published import _date_text, date_formats, guessed_visible_date
from extraction.fields.title import _MAX_HEADLINE, _NOT_HEADLINES, _TITLE_SEPARATORS, _og_site_names, headline_element
from extraction.furniture import Furniture
from extraction.html_blocks import text_of
from extraction.page import Page
from extraction.parsed_page import parse
from extraction.shape import _MIN_PARAGRAPHS, _MIN_TEXT, running_text, teasers_of
from extraction.text import normalize_text

sys.path.insert(0, str(Path(__file__).parent / "golden"))
from regenerate import golden_pages  # noqa: E402

TITLE = "Hội nghị tổng kết công tác năm"
_NFD = unicodedata.normalize("NFD", TITLE)


def _page(body: str, title: str = f"{TITLE} - Cổng thông tin") -> str:
    return f'<html lang="vi"><head><title>{title}</title></head><body>{body}</body></html>'


# Pages made to trip the headline's short cut: a headline split over elements, decomposed, with
# zero-width characters, entities left in the text, a longer text holding it, ties.
TRICKY = {
    "split": _page(f"<div><h1><span>Hội nghị</span> <b>tổng kết</b> công tác năm</h1><p>{TITLE} và nhiều việc khác nữa</p></div>"),
    "decomposed": _page(f"<div><h2>{_NFD.split(' ', 1)[0]}<i> {_NFD.split(' ', 1)[1]}</i></h2></div>"),
    "mark-split": _page(f"<h1>{TITLE}</h1><div><h2>{_NFD[:2]}<i>{_NFD[2:]}</i></h2></div>"),
    "decomposed-title": _page(f"<h1>{TITLE}</h1>", title=f"{_NFD} - Cổng"),
    "zero-width": _page("<h1>Hội\u200b nghị tổng\u200d kết <span>công\ufeff tác</span> năm</h1>"),
    "entities": _page("<h1>Hội nghị &amp;amp; tổng kết</h1><p>x</p>", title="Hội nghị & tổng kết - Cổng"),
    "ties": _page(f"<div><div><span>{TITLE}</span></div></div><h1>{TITLE}</h1>"),
    "nbsp": _page(f"<h1>\xa0{TITLE}\xa0</h1><p>\xa0</p>"),
    "site-name": _page("<div class='logo'>Cổng thông tin</div><h1>Hội nghị</h1>"),
    "script": _page(f"<h1>{TITLE}<script>var x = 1;</script></h1>"),
    "in-a-teaser": _page(
        "<ul>" + "".join(f"<li><h3><a href='/{i}'>Tin số {i}</a></h3><p>Tóm tắt tin.</p></li>" for i in range(2))
        + f"<li><div class='item'><h1 class='title'><a href='/x'>{TITLE}</a></h1>"
        + "<p>Hội nghị đánh giá kết quả thực hiện nhiệm vụ trong năm qua của các đơn vị.</p>" * 4 + "</div></li></ul>"),
    "too-long": _page(f"<h1>{'công tác năm ' * 40}</h1>", title=f"{'công tác năm ' * 40}"),
}


def _documents():
    for path in golden_pages():
        yield path.name, Page("https://example.gov.vn/x", path.read_bytes()).decoded().text
    yield "vendor-150kb", vendor_page_html(150)
    yield from TRICKY.items()


DOCUMENTS = list(_documents())
IDS = [name for name, _ in DOCUMENTS]


def _plain_headline(document: Selector, furniture: Furniture):
    """headline_element's rule, reading the text of every element of the body."""
    titles = [normalize_text(t) for t in document.css("title::text, meta[property='og:title']::attr(content)").getall()]
    reference = " ".join(titles).casefold()
    site_names = _og_site_names(document) | {_TITLE_SEPARATORS.split(t)[-1].casefold() for t in titles if _TITLE_SEPARATORS.search(t)}
    best, best_text = None, ""
    for element in document.css("body")[0].root.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_HEADLINES:
            continue
        text = text_of(element)
        if len(text) > _MAX_HEADLINE or len(text) <= len(best_text) or text in furniture or text.casefold() in site_names:
            continue
        if text.casefold() in reference:
            best, best_text = element, text
    return best


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=IDS)
def test_the_headline_is_the_plain_rules(name, html):
    document = Selector(text=html, type="html")
    furniture = Furniture.of(None)
    expected = _plain_headline(document, furniture)
    assert headline_element(document, furniture) is expected
    if name in TRICKY and name not in ("site-name", "too-long", "mark-split", "script"):
        assert expected is not None  # the page has a headline to find


_FRAME = (
    "ancestor::footer or ancestor::header or ancestor::nav or ancestor::aside or "
    "ancestor::*[contains(translate(@id, 'FOTER', 'foter'), 'footer') or contains(translate(@class, 'FOTER', 'foter'), 'footer')]"
)


def _plain_running_text(document: Selector):
    totals = {}
    for paragraph in document.xpath(f"//body//p[not({_FRAME})]"):
        count_and_length = totals.setdefault(paragraph.root.getparent(), [0, 0])
        count_and_length[0] += 1
        count_and_length[1] += len(text_of(paragraph.root))
    for holder in document.xpath(f"//body//*[count(br) >= 2][not({_FRAME})]"):
        totals.setdefault(holder.root, [0, 0])
        totals[holder.root] = [max(totals[holder.root][0], len(holder.root.findall("br")) + 1),
                               max(totals[holder.root][1], len(text_of(holder.root)))]
    if not totals:
        return None
    container, (count, length) = max(totals.items(), key=lambda item: item[1][1])
    return container if count >= _MIN_PARAGRAPHS and length >= _MIN_TEXT else None


FRAMED = _page("<div class='Site-FOOTER'><p>" + "Địa chỉ của cơ quan. " * 30 + "</p><p>Điện thoại.</p></div>"
               "<div><p>Bài viết ngắn của trang.</p><p>" + "Nội dung bài viết. " * 12 + "</p></div>")


# Lines broken by <br> in a span, in a block holding only that span and two more breaks after
# it: two holders of as much text, the outer one first in the page, its breaks last.
NESTED_BREAKS = _page("<div><span>" + "<br>".join(["Dòng thứ nhất của thông báo gửi các đơn vị trực thuộc huyện."] * 4)
                      + "</span><br><br></div>")


@pytest.mark.parametrize("name,html", [*DOCUMENTS, ("framed", FRAMED), ("nested-breaks", NESTED_BREAKS)],
                         ids=[*IDS, "framed", "nested-breaks"])
def test_the_running_text_is_the_plain_rules(name, html):
    document = Selector(text=html, type="html")
    assert running_text(document) is _plain_running_text(document)
    if name == "nested-breaks":
        assert running_text(document).tag == "div"


def _plain_visible_date(document: Selector, formats, headline):
    """The nearest date to the headline of every candidate on the page, a timed one first."""
    elements = list(document.root.iter())
    anchor = elements.index(headline) if headline is not None else None
    found = []
    for position, element in enumerate(elements):
        if (text := _date_text(element)) and (visible := find_visible_date(text, formats)):
            distance = abs(position - anchor) if anchor is not None else position
            timed = visible.has_time and (anchor is None or distance <= 60)
            found.append((not timed, distance, element, timed))
    return min(found, key=lambda f: f[:2])[2:] if found else None


DATED = _page(
    "<div class='side'>" + "".join(f"<span class='date'>0{i}/02/2024 08:0{i}</span>" for i in range(1, 8)) + "</div>"
    + "<div>" + "<span>.</span>" * 70 + f"<h1>{TITLE}</h1><span class='date'>12/03/2024</span>" + "<span>.</span>" * 3
    + "<span class='date'>12/03/2024 10:30</span>" + "<span>.</span>" * 70 + "<span class='date'>13/03/2024 09:15</span></div>"
)


@pytest.mark.parametrize("name,html", [*DOCUMENTS, ("dated", DATED)], ids=[*IDS, "dated"])
def test_the_visible_date_is_the_plain_rules(name, html):
    document = Selector(text=html, type="html")
    headline = headline_element(document, Furniture.of(None))
    for anchor in (headline, None):
        found = guessed_visible_date(document, date_formats(None), anchor)
        expected = _plain_visible_date(document, date_formats(None), anchor)
        assert (found.element, found.has_time) == expected if found else expected is None
    if name == "dated":  # a time near the headline before a nearer bare date; far from it, times count for nothing
        assert text_of(guessed_visible_date(document, date_formats(None), headline).element) == "12/03/2024 10:30"
        assert text_of(guessed_visible_date(document, date_formats(None), None).element) == "01/02/2024 08:01"


@pytest.mark.parametrize("name,html", DOCUMENTS, ids=IDS)
def test_the_teasers_of_the_region_are_those_of_the_page(name, html):
    parsed = parse(Page("https://example.gov.vn/x", html.encode()))
    document = parsed.document
    region = article_region(document, headline_element(document, Furniture.of(None)))
    if region is None:
        return
    held = list(region.iter())
    assert teasers_of(document, held, region) == teasers_of(document, held)
