"""Small markup helpers shared by the page renderers (escaping, dates, Drupal fields)."""

from __future__ import annotations

import hashlib
import html
from datetime import date, datetime

from . import vocabulary as vocab
from .content import ArticleStub

CSS_JS_QUERY = "q5x7k2"  # Drupal's css_js_query_string cache buster


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def rich_text(raw: str, nbsp_entity: bool = True) -> str:
    """Escape editor text; no-break spaces as ``&nbsp;`` (CKEditor) or raw."""
    escaped = esc(raw)
    return escaped.replace("\xa0", "&nbsp;") if nbsp_entity else escaped


def weekday_date(day: date) -> str:
    """ "Thứ Sáu, 17/01/2020" """
    return f"{vocab.WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"


def short_date(moment: datetime) -> str:
    return f"{moment:%d/%m/%Y}"


def listing_date(moment: datetime) -> str:
    return f"{moment:%d/%m/%Y - %H:%M}"


def submitted_text(stub: ArticleStub) -> str:
    """The visible date of an article; the format varies a little by node."""
    moment = stub.published
    form = 0 if stub.nid == 1 else stub.nid % 4
    if form == 0:
        return f"{weekday_date(moment.date())} - {moment:%H:%M}"
    if form == 1:
        return f"{moment:%d/%m/%Y - %H:%M}"
    if form == 2:
        return f"Cập nhật: {moment:%H:%M %d/%m/%Y}"
    return f"{moment:%d/%m/%Y %H:%M:%S}"


def token(*parts: object, length: int = 43) -> str:
    """A stable pseudo-random token (form build ids, theme tokens, sessions)."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()
    return (digest * 2)[:length]


def link_list(stubs: list[ArticleStub], with_dates: bool = True) -> str:
    """A Views "item list" of article links, as related/latest blocks print it."""
    rows = []
    for index, stub in enumerate(stubs, start=1):
        position = " views-row-first" if index == 1 else ""
        position += " views-row-last" if index == len(stubs) else ""
        parity = "odd" if index % 2 else "even"
        date_html = (f' <span class="date">({short_date(stub.published)})</span>'
                     if with_dates else "")
        rows.append(
            f'<li class="views-row views-row-{index} views-row-{parity}{position}">'
            f'<span class="views-field views-field-title"><span class="field-content">'
            f'<a href="{stub.path}">{esc(stub.title)}</a></span></span>{date_html}</li>')
    return '<div class="item-list"><ul>' + "\n".join(rows) + "</ul></div>"


def views_block(block_id: str, heading: str, inner: str) -> str:
    view_name = block_id.replace("-", "_")
    return (
        f'<div id="block-views-{block_id}-block" class="block block-views">\n'
        f'<h2>{heading}</h2>\n<div class="content">\n'
        f'<div class="view view-{block_id} view-id-{view_name} view-display-id-block '
        f'view-dom-id-{token(block_id, length=32)}">\n<div class="view-content">\n'
        f'{inner}\n</div>\n</div>\n</div>\n</div>')


def breadcrumb_html(*links: tuple[str, str]) -> str:
    trail = " » ".join(f'<a href="{href}">{esc(name)}</a>' for name, href in links)
    return ('<div id="breadcrumb"><h2 class="element-invisible">You are here</h2>'
            f'<div class="breadcrumb">{trail}</div></div>')


def body_classes(kind: str, extra: str = "") -> str:
    front = "front" if kind == "front" else "not-front"
    return f"html {front} not-logged-in one-sidebar sidebar-second {extra}".strip()


def field(name: str, kind: str, items: list[str], label: str | None = None,
          item_attrs: str = "") -> str:
    """Drupal 7 field.tpl.php markup; items alternate even/odd."""
    label_class = "field-label-above" if label else "field-label-hidden"
    label_html = f'<div class="field-label">{label}:&nbsp;</div>' if label else ""
    rendered = "".join(
        f'<div class="field-item {"even" if i % 2 == 0 else "odd"}"{item_attrs}>{item}</div>'
        for i, item in enumerate(items))
    return (f'<div class="field field-name-{name} field-type-{kind} {label_class}">'
            f'{label_html}<div class="field-items">{rendered}</div></div>')
