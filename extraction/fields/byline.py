"""Bylines and source lines at the end of Vietnamese portal articles.

Editors close an article with lines such as ``T/h: Mai Hiếu``, ``Tin, ảnh: Minh Đảm``,
``Nguồn: TTXVN``, ``Theo Báo Nhân Dân``, ``PV``, or a bare name in capitals (``N. NGA``), and
sometimes a photo credit of its own (``Ảnh: Hoàng Anh``). Others set the byline apart by its
look: a name right-aligned or centred, pushed right by a run of non-breaking spaces, or all bold
("Đặng Anh - Thành Tâm", "Phạm Văn Phải – Phó Hiệu trưởng …"), or a letter's signature block
(place and date, role, name). They are the record's ``author`` and ``source``, never part of its
body; a photographer credited apart is named after the writer.

Precedence: the closing byline, then a byline element the profile names outside the body
("Tác giả: …"), then, for pages no profile reads, the author their metadata names. A name that
is the site's own (``og:site_name``, the ``<title>``'s suffix, the copyright or publisher meta)
or an organisation's ("Trường …", "Sở …", "UBND …") is never an author.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree
from parsel import Selector

from extraction.furniture import Furniture
from extraction.html_blocks import BLOCK_TAGS, is_all_bold, leaf_blocks, paragraphs, remove, text_of
from extraction.selection import elements, texts
from extraction.text import normalize_text

_LABELLED_AUTHOR = re.compile(
    r"^(?:T/h|TH|Tổng hợp|Tin,? ?ảnh|Tin và ảnh|Bài,? ?ảnh|Bài và ảnh|Tin|Bài|Bài viết|Tác giả|"
    r"Nhóm PV|PV|CTV|Phóng viên|Nhóm phóng viên|Người viết|ST|Sưu tầm|Nội dung|Người đăng|Người thực hiện)\s*:\s*(?P<name>.+?)\.?$",
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
    if (match := _LABELLED_AUTHOR.match(line)) and not is_organisation(match["name"]):
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


def byline_outside_body(document: Selector, selectors, furniture: Furniture) -> Byline:
    """The byline and source lines of the profile's byline elements (read before boilerplate
    removal), without a button label they end with ("Copy link")."""
    found = Byline()
    for selector in selectors:
        for element in elements(document, selector):
            for line in paragraphs(element):
                if read := read_byline_line(furniture.strip_trailing(line)):
                    found = Byline(found.author or read.author, found.source or read.source, found.photo or read.photo)
    return merge_photo_credit(found)


def generic_byline(lines: list[str], blocks: dict[str, etree._Element], metadata_author: Callable[[], str | None],
                   names: set[str]) -> tuple[list[str], Byline]:
    """The closing byline off the body — labelled lines, then a byline set apart by its look
    (`blocks`: the block each line came from); without one, the author the page's metadata names
    (asked for only then) unless that is the site's or an organisation's name, and its name
    closing the body is a byline in any case."""
    lines, byline = split_byline(lines)
    taken, set_apart = closing_byline([(line, blocks.get(line)) for line in lines])
    lines = lines[:len(lines) - taken]
    author = byline.author or set_apart.author
    if not author:
        author = metadata_author()
        if is_site_or_organisation(author, names):
            author = None
        if author and lines and lines[-1] == author:
            lines.pop()
    return lines, Byline(author=author, source=byline.source or set_apart.source)


# --- bylines set apart by their look ------------------------------------------------------------

_ALIGNED = re.compile(r"text-align\s*:\s*(?:right|center)", re.IGNORECASE)
_SET_APART_NBSP = 5
_MAX_SET_APART = 80
_CLOSING_BLOCKS = 4
# Organisations sign notices; they are not authors.
_ORGANISATION = re.compile(
    r"^(?:Trường|Phòng|Sở|UBND|Ủy ban|Uỷ ban|Ban|Cổng|Bộ|Cục|Chi cục|Tổng cục|Hội đồng|Công đoàn|Đoàn|Chi bộ|Đảng bộ|"
    r"Liên đội|Văn phòng|Trung tâm|Báo|Đài|Tạp chí|Website|Trang)\b", re.IGNORECASE,
)
_OUTLET = re.compile(r"^\(?\s*(?:Báo|Đài|Tạp chí|Thông tấn|TTXVN|Cổng)\b[^()]*\)?\.?$")
_NAME_PARTS = re.compile(r"\s+[-–—]\s+|\s*\(|,\s*")


def _is_set_apart(block: etree._Element) -> bool:
    """Right-aligned or centred, pushed right by non-breaking spaces, or all bold."""
    for element in block.iter():
        if isinstance(element.tag, str) and (_ALIGNED.search(element.get("style") or "") or (element.get("align") or "").lower() in ("right", "center")):
            return True
    raw = "".join(block.itertext())
    indent = raw[:len(raw) - len(raw.lstrip())]
    return indent.count("\u00a0") >= _SET_APART_NBSP or is_all_bold(block)


def is_organisation(name: str) -> bool:
    return bool(_ORGANISATION.match(name.strip()))


def looks_like_name(line: str) -> bool:
    """A person's name, alone or before a role or outlet: "Đặng Anh - Thành Tâm", "Phạm Văn Phải –
    Phó Hiệu trưởng …", "MỘNG THƯỜNG (Báo ảnh Đất Mũi)", "Lê Thị Bình"."""
    first = _NAME_PARTS.split(line.strip(), maxsplit=1)[0].strip().rstrip(".")
    words = first.split()
    if not 2 <= len(words) <= 5 or is_organisation(first):
        return False
    return all(w[0].isupper() for w in words) and not any(ch.isdigit() for ch in first)


def closing_byline(blocks: list[tuple[str, etree._Element | None]]) -> tuple[int, Byline]:
    """How many of the last (text, block) pairs form a byline set apart by its look, and what
    it says. The run is made of short set-apart blocks (a signature block: place and date, role,
    name); its author is the name nearest the end, and an outlet line in it is the source."""
    run = []
    for text, block in reversed(blocks[-_CLOSING_BLOCKS:]):
        if block is None or len(text) > _MAX_SET_APART or not _is_set_apart(block):
            break
        run.append(text)
    if len(run) == len(blocks):
        return 0, Byline()  # a byline closes a text: blocks that are all the text are the text
    found = Byline()
    for text in run:
        read = read_byline_line(text) or Byline(
            author=text if looks_like_name(text) else None, source=text.strip("() .") if _OUTLET.match(text) else None,
        )
        found = Byline(found.author or read.author, found.source or read.source, found.photo or read.photo)
    if not (found.author or found.source):
        return 0, Byline()
    return len(run), merge_photo_credit(found)


def byline_set_apart(body: etree._Element) -> Byline:
    """The closing byline set apart by its look in a body element, taken out of the tree."""
    # The last blocks with text, one more than a byline may take (closing_byline reads no further
    # back than that, and needs to know whether there is more text before it).
    blocks = []
    for block in reversed(leaf_blocks(body)):
        if text := text_of(block):
            blocks.append((text, block))
            if len(blocks) > _CLOSING_BLOCKS:
                break
    blocks.reverse()
    taken, byline = closing_byline(blocks)
    for _, block in blocks[len(blocks) - taken:] if taken else ():
        remove(block)
    return byline


def site_names(document: Selector) -> set[str]:
    """Names that are the site's own, folded: og:site_name, the copyright, publisher and
    application-name metas, and the <title>'s suffix ("… - Trường THCS …")."""
    metas = elements(document, "meta[property='og:site_name'], meta[name='copyright'], meta[name='DC.Publisher'], meta[name='application-name']")
    names = [content for meta in metas if (content := meta.get("content")) is not None]
    for title in texts(document, "title"):
        parts = re.split(r"\s+(?:\||-|–|—|::|»)\s+", normalize_text(title))
        if len(parts) > 1:
            names.append(parts[-1])
    return {folded for n in names if (folded := normalize_text(n).casefold())}


def is_site_or_organisation(name: str | None, names: set[str]) -> bool:
    folded = normalize_text(name).casefold()
    return bool(folded) and (folded in names or any(folded in n for n in names) or is_organisation(folded))


def block_of(element: etree._Element | None) -> etree._Element | None:
    """The block (paragraph, div, cell…) an element of text sits in."""
    for candidate in (element, *element.iterancestors()) if element is not None else ():
        if isinstance(candidate.tag, str) and candidate.tag.lower() in BLOCK_TAGS:
            return candidate
    return None
