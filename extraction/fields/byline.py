"""Bylines and source lines at the end of Vietnamese portal articles.

Editors close an article with lines such as ``T/h: Mai Hiếu``, ``Tin, ảnh: Minh Đảm``,
``Nguồn: TTXVN``, ``Theo Báo Nhân Dân``, ``PV``, or a bare name in capitals (``N. NGA``), and
sometimes a photo credit of its own (``Ảnh: Hoàng Anh``). They are the record's ``author`` and
``source``, never part of its body; a photographer credited apart is named after the writer.
A profile may also name elements outside the body that hold such lines; pages no profile reads
fall back on the author their metadata names.
"""

import re
from dataclasses import dataclass

from parsel import Selector

from extraction.html_blocks import paragraphs

_LABELLED_AUTHOR = re.compile(
    r"^(?:T/h|TH|Tổng hợp|Tin,? ?ảnh|Tin và ảnh|Bài,? ?ảnh|Bài và ảnh|Tin|Bài|Bài viết|Tác giả|"
    r"Nhóm PV|PV|CTV|Phóng viên|Nhóm phóng viên|Người viết)\s*:\s*(?P<name>.+?)\.?$",
    re.IGNORECASE,
)
_LABELLED_SOURCE = re.compile(r"^\(?\s*Nguồn(?: tin| bài)?\s*:\s*(?P<name>.+?)\s*\)?\.?$", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(r"^\(?\s*Ảnh\s*:\s*(?P<name>[^.;:]{2,60}?)\s*\)?\.?$", re.IGNORECASE)
_THEO_SOURCE = re.compile(r"^\(?\s*Theo\s+(?P<name>[^,;:]{2,80}?)\s*\)?\.?$")
_INITIALS = {"PV", "BBT", "CTV", "PV.", "BBT."}
# A bare byline in capitals: "MINH ĐẢM", "N. NGA", "HOÀNG ANH - MINH THU".
_CAPITALS_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ.\- ]{1,48}[A-ZĐÀ-Ỹ.]$")
_MAX_BYLINE_WORDS = 8


@dataclass
class Byline:
    author: str | None = None
    source: str | None = None
    photo: str | None = None


def _is_upper_name(line: str) -> bool:
    return bool(_CAPITALS_NAME.match(line)) and line == line.upper() and len(line.split()) <= 6


def read_byline_line(line: str) -> Byline | None:
    """The author or source a paragraph names, or None when it is ordinary text."""
    line = line.strip()
    if not line or len(line.split()) > _MAX_BYLINE_WORDS + 4:
        return None
    if match := _LABELLED_SOURCE.match(line):
        return Byline(source=match["name"].strip())
    if match := _LABELLED_AUTHOR.match(line):
        return Byline(author=match["name"].strip())
    if match := _PHOTO_CREDIT.match(line):
        return Byline(photo=match["name"].strip())
    if match := _THEO_SOURCE.match(line):
        if len(match["name"].split()) <= _MAX_BYLINE_WORDS:
            return Byline(source=match["name"].strip())
    if line.rstrip(".") in {i.rstrip(".") for i in _INITIALS}:
        return Byline(author=line.rstrip("."))
    if _is_upper_name(line):
        return Byline(author=line)
    return None


def split_byline(paragraphs: list[str]) -> tuple[list[str], Byline]:
    """Take the byline, photo credit and source lines off the end of the body paragraphs."""
    body = list(paragraphs)
    found = Byline()
    # At most three closing lines, one of each kind, in any order.
    for _ in range(3):
        if not body:
            break
        line = read_byline_line(body[-1])
        if line is None or any(getattr(line, k) and getattr(found, k) for k in ("author", "source", "photo")):
            break
        found = Byline(found.author or line.author, found.source or line.source, found.photo or line.photo)
        body.pop()
    return body, merge_photo_credit(found)


def merge_photo_credit(byline: Byline) -> Byline:
    """The record has one ``author`` field: the writer, then the photographer if another person."""
    names = [n for n in (byline.author, byline.photo) if n]
    author = ", ".join(dict.fromkeys(names)) or None
    return Byline(author=author, source=byline.source)


def byline_outside_body(document: Selector, selectors) -> Byline:
    """The byline and source lines of the profile's byline elements (read before boilerplate removal)."""
    found = Byline()
    for selector in selectors:
        for element in document.css(selector):
            for line in paragraphs(element.root):
                if read := read_byline_line(line):
                    found = Byline(found.author or read.author, found.source or read.source, found.photo or read.photo)
    return merge_photo_credit(found)


def generic_byline(lines: list[str], metadata_author: str | None) -> tuple[list[str], Byline]:
    """The closing byline off the body; without one, the author the page's metadata names, whose
    name closing the body is a byline in any case."""
    lines, byline = split_byline(lines)
    if not byline.author and metadata_author and lines and lines[-1] == metadata_author:
        lines.pop()
    return lines, Byline(author=byline.author or metadata_author, source=byline.source)
