"""Bylines and source lines at the end of Vietnamese portal articles.

Editors close an article with lines such as ``T/h: Mai Hiếu``, ``Tin, ảnh: Minh Đảm``,
``Nguồn: TTXVN``, ``Theo Báo Nhân Dân``, ``PV``, or a bare name in capitals (``N. NGA``).
They are the record's ``author`` and ``source``, never part of its body.
"""

import re
from dataclasses import dataclass

_LABELLED_AUTHOR = re.compile(
    r"^(?:T/h|TH|Tổng hợp|Tin,? ?ảnh|Tin và ảnh|Bài,? ?ảnh|Bài và ảnh|Tin|Bài|Bài viết|Tác giả|"
    r"Nhóm PV|PV|CTV)\s*:\s*(?P<name>.+?)\.?$",
    re.IGNORECASE,
)
_LABELLED_SOURCE = re.compile(r"^\(?\s*Nguồn\s*:\s*(?P<name>.+?)\s*\)?\.?$", re.IGNORECASE)
_THEO_SOURCE = re.compile(r"^\(?\s*Theo\s+(?P<name>[^,;:]{2,80}?)\s*\)?\.?$")
_INITIALS = {"PV", "BBT", "CTV", "PV.", "BBT."}
# A bare byline in capitals: "MINH ĐẢM", "N. NGA", "HOÀNG ANH - MINH THU".
_CAPITALS_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ.\- ]{1,48}[A-ZĐÀ-Ỹ.]$")
_MAX_BYLINE_WORDS = 8


@dataclass
class Byline:
    author: str | None = None
    source: str | None = None


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
    if match := _THEO_SOURCE.match(line):
        if len(match["name"].split()) <= _MAX_BYLINE_WORDS:
            return Byline(source=match["name"].strip())
    if line.rstrip(".") in {i.rstrip(".") for i in _INITIALS}:
        return Byline(author=line.rstrip("."))
    if _is_upper_name(line):
        return Byline(author=line)
    return None


def split_byline(paragraphs: list[str]) -> tuple[list[str], Byline]:
    """Take the byline and source lines off the end of the body paragraphs."""
    body = list(paragraphs)
    found = Byline()
    # At most two closing lines: a name line and a source line, in either order.
    for _ in range(2):
        if not body:
            break
        line = read_byline_line(body[-1])
        if line is None or (line.author and found.author) or (line.source and found.source):
            break
        found.author = found.author or line.author
        found.source = found.source or line.source
        body.pop()
    return body, found
