"""Images with their captions, and attached documents with their media types, inside an article.

With a profile, under the article's root element; without one, under the element that holds the
text the generic reader extracted: a whole page's images are logos and banners.
"""

import mimetypes
import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

from lxml import etree
from parsel import Selector

from extraction.html_blocks import is_all_italic, remove, text_of
from extraction.selection import elements
from extraction.text import normalize_text, optional_text
from extraction.urls import absolute_url

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".rtf", ".zip", ".rar", ".7z")
_MAX_CAPTION = 400
_FONT_SIZE = re.compile(r"font-size\s*:\s*(?P<size>\d+(?:\.\d+)?)\s*(?P<unit>pt|px)", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(r"\b(?:Ảnh|Nguồn ảnh)\s*:", re.IGNORECASE)
# Icons by folder or file name: share buttons (f.jpg, t.jpg, g.jpg), print and mail icons, spacers.
_ICON_PATH = re.compile(r"/(?:icons?|social|App/Corporate/images)/|captcha|/adf/|spacer|blank\.gif|pixel\.gif", re.IGNORECASE)
_ICON_NAME = re.compile(
    r"^(?:[a-z]|icon[_-]?\w*|print\w*|email\w*|mail\w*|facebook\w*|twitter\w*|zalo\w*|google\w*|share\w*|rss\w*|"
    r"arrow\w*|bullet\w*|home|logo\w*|loading\w*|no-image\w*|gotop\w*|top)\.(?:gif|png|jpe?g|svg)$"
)
_SHARE_LINK = re.compile(r"sharer|share|print|sendmail|mailto:|btn_|twitter\.com/intent|zalo", re.IGNORECASE)
# Caption classes of every family: for pages no profile describes.
_GENERIC_CAPTIONS = (".image-caption", ".caption", "figcaption", ".image-field-caption", ".ms-rteStyle-Caption")
# Lines of fewer words (a section name, a menu entry) have namesakes all over the page.
_PARAGRAPH_WORDS = 8
_EXTENSION = re.compile(r"(\.[a-z0-9]{2,5})(?=/|$)")
# Download functions portals call from links: downloadFile('id','../upload/x.pdf'),
# downloadfile('x.doc','/Attachments/1/x.doc'), taiVe(…), download(…).
_DOWNLOAD_CALL = re.compile(r"\b(?:download\w*|tai_?ve\w*|taive\w*|open_?file\w*)\s*\((?P<arguments>[^()]*)\)", re.IGNORECASE)
_STRING_ARGUMENT = re.compile(r"'([^']*)'|\"([^\"]*)\"")
# Where a viewer page names the file it shows: pdf.js ?file=, Office Online ?sourcedoc=, Google ?url=.
_VIEWER_PARAMETERS = ("file", "sourcedoc", "src", "url", "doc")
_PDF_VIEW = re.compile(r"pdf_?view|view_?pdf", re.IGNORECASE)
# Link texts that say what the link does, not what the file is: the file's name is the title.
_GENERIC_LINK_TEXT = re.compile(
    r"(?:tải (?:về|xuống|file|tệp)?(?: tại đây)?|tải|download|xem(?: nhanh| file| chi tiết| trực tuyến)?|"
    r"file đính kèm|tệp đính kèm|tài liệu đính kèm|đính kèm|view|open)?", re.IGNORECASE)
# Word and Excel types that Python's table lacks on some systems.
_MEDIA_TYPES = {
    ".doc": "application/msword", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".rar": "application/vnd.rar", ".7z": "application/x-7z-compressed",
}


def _caption_for(image: etree._Element, root: etree._Element, caption_classes: set[str]) -> etree._Element | None:
    """The element captioning an image: a caption-classed or all-italic block right after it, or
    the next row of the one-cell table editors wrap a picture in."""
    node = image
    while node is not None and node is not root:
        following = node.getnext()
        while following is not None and not text_of(following) and following.find(".//img") is None and following.tag != "img":
            following = following.getnext()  # an empty paragraph between picture and caption
        if following is not None:
            classes = set((following.get("class") or "").split())
            if following.tag == "figcaption" or classes & caption_classes:
                return following
            alone = not text_of(node) or node is image
            if alone and following.tag in ("p", "div") and len(text_of(following)) < _MAX_CAPTION and _looks_like_caption(following):
                return following
            if alone and following.tag == "tr" and 0 < len(text_of(following)) < _MAX_CAPTION:
                return following
            return None
        node = node.getparent()
    return None


def _font_size(block: etree._Element) -> float | None:
    """The first font size the block's styles set, in points."""
    for element in block.iter():
        if isinstance(element.tag, str) and (match := _FONT_SIZE.search(element.get("style") or "")):
            return float(match["size"]) * (0.75 if match["unit"].lower() == "px" else 1)
    return None


def _looks_like_caption(block: etree._Element) -> bool:
    """All italic, a photo credit in it ("Ảnh: …"), or set smaller than the paragraph after it."""
    if is_all_italic(block) or _PHOTO_CREDIT.search(text_of(block)):
        return True
    size, after = _font_size(block), block.getnext()
    while after is not None and not text_of(after):
        after = after.getnext()
    after_size = _font_size(after) if after is not None else None
    return size is not None and after_size is not None and size < after_size


def _is_layout_image(image: etree._Element, src: str) -> bool:
    """Share, print and mail buttons, icons, spacers and captchas: pictures of the page, not of the article."""
    try:
        path = urlsplit(src).path
    except ValueError:  # no URL ("http://[::1"): the image is left out by absolute_url
        path = src
    name = unquote(path).rsplit("/", 1)[-1].lower()
    if _ICON_PATH.search(src) or _ICON_NAME.match(name):
        return True
    for ancestor in image.iterancestors("a"):
        if _SHARE_LINK.search(f"{ancestor.get('href', '')} {ancestor.get('onclick', '')} {ancestor.get('class', '')}"):
            return True
    return False


def images(root: etree._Element, base_url: str, selectors, caption_selectors) -> list[dict]:
    """Images under `root` with caption and alt text; their caption elements leave the tree."""
    caption_classes = {c.lstrip(".") for c in caption_selectors if c.startswith(".")}
    found: dict[str, dict] = {}
    for selector in selectors:
        for element in elements(Selector(root=root), selector):
            src = element.get("src") or element.get("data-src")
            if not src or src.startswith("data:") or _is_layout_image(element, src):
                continue
            caption_element = _caption_for(element, root, caption_classes)
            caption = text_of(caption_element) if caption_element is not None else normalize_text(element.get("title"))
            if caption_element is not None:
                remove(caption_element)
            if (url := absolute_url(base_url, src)) is None:
                continue
            found.setdefault(url, {"url": url, "caption": caption or None, "alt": optional_text(element.get("alt"))})
    return list(found.values())


def media_type(url: str, declared: str | None = None) -> str:
    declared = (declared or "").split(";", 1)[0].strip().lower()
    if declared:
        return declared
    path = unquote(urlsplit(url).path).lower()
    # Liferay names a document by its title, then its UUID: /documents/10180/0/QD-123.pdf/4f2a-….
    extension = next((e for e in reversed(_EXTENSION.findall(path)) if e in DOCUMENT_EXTENSIONS or e in _MEDIA_TYPES), "")
    if not extension and "." in path.rsplit("/", 1)[-1]:
        extension = path[path.rfind("."):]
    return _MEDIA_TYPES.get(extension) or mimetypes.guess_type("x" + extension)[0] or "application/octet-stream"


def _is_document(href: str) -> bool:
    return _is_document_path(urlsplit(href.strip()).path)


def _is_document_path(path: str) -> bool:
    return any(e in DOCUMENT_EXTENSIONS for e in _EXTENSION.findall(unquote(path).lower()))


def _looks_like_file(value: str) -> bool:
    return "/" in value or _is_document(value)


def _script_file(script: str) -> tuple[str, str | None] | None:
    """(file, name) named by a download call such as ``downloadfile('name','/path/file.pdf')`` or
    ``downloadFile('5f3a…','../upload/file.pdf')``: the last string argument that looks like a
    path, and the one before it when it looks like a file name."""
    for call in _DOWNLOAD_CALL.finditer(script):
        arguments = [a or b for a, b in _STRING_ARGUMENT.findall(call["arguments"])]
        files = [i for i, a in enumerate(arguments) if _looks_like_file(a)]
        if files:
            at = files[-1]
            name = arguments[at - 1] if at and _is_document(arguments[at - 1]) else None
            return arguments[at], name
    return None


@lru_cache(maxsize=4096)  # a portal's pages repeat most of their links (tags, sections, files)
def _viewed_file(src: str) -> str | None:
    """The file a document viewer shows: pdf.js's ``file=``, Office Online's ``sourcedoc=``,
    else the address itself when it is a file or a PDF view (``/pdfview?dDocName=``); None for
    an address that is no URL (``http://[::1``)."""
    try:
        parts = urlsplit(src)
    except ValueError:
        return None
    query = dict(parse_qsl(parts.query)) if parts.query else {}
    for name in _VIEWER_PARAMETERS:
        if query.get(name, "").strip():
            return query[name].strip()
    stripped = src.strip()  # the same string, unless the caller left white space around it
    if _is_document_path((parts if stripped is src else urlsplit(stripped)).path) or _PDF_VIEW.search(parts.path):
        return src
    return None


def _file_links(scope: Selector) -> list[tuple[str, str | None, etree._Element]]:
    """(address, name or None, element) of every file the markup points to: links, download
    calls in ``href="javascript:…"`` and ``onclick``, and document viewers in frames."""
    found = []
    for element in elements(scope, "a[href], [onclick], iframe[src], embed[src], object[data], frame[src]"):
        attributes = element.attrib
        href = attributes.get("href", "").strip()
        if href.lower().startswith("javascript:") or attributes.get("onclick"):
            for script in (href, attributes.get("onclick", "")):
                if called := _script_file(script):
                    found.append((called[0], called[1], element))
                    break
        if href and not href.lower().startswith(("javascript:", "#", "mailto:")):
            if viewed := _viewed_file(href):
                found.append((viewed, None, element))
        source = attributes.get("src") or attributes.get("data") or ""
        if element.tag in ("iframe", "embed", "object", "frame") and (viewed := _viewed_file(source.strip())):
            found.append((viewed, None, element))
    return found


def embedded_files(scope: Selector, base_url: str) -> list[str]:
    """Addresses of the files a page shows in frames (a PDF viewer's ``file=``, a PDF view): what
    a reader of the page sees, archived with it even where the page gives no record."""
    found = []
    for element in elements(scope, "iframe[src], embed[src], object[data], frame[src]"):
        if (viewed := _viewed_file((element.attrib.get("src") or element.attrib.get("data") or "").strip())) is not None:
            if (url := absolute_url(base_url, viewed)) is not None and url.startswith(("http://", "https://")):
                found.append(url)
    return list(dict.fromkeys(found))


def _title(element: etree._Element, name: str | None, url: str) -> str:
    """The link's text, unless it only says "download" or "view": then the file's name."""
    text = text_of(element) if element.tag == "a" else ""
    if text and not _GENERIC_LINK_TEXT.fullmatch(text.strip(" ().:-")):
        return text
    return normalize_text(name) or unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or url


def attachments(root: etree._Element, base_url: str, selectors) -> list[dict]:
    """Attached files: the profile's attachment selectors, then any link, download call or
    document viewer under `root` that names a document file; one entry per file."""
    found: dict[str, dict] = {}
    scope = Selector(root=root)
    chosen = [(a.get("href", "").strip(), None, a) for s in selectors for a in elements(scope, s)]
    for href, name, element in chosen + _file_links(scope):
        if not href or href.startswith(("#", "mailto:")) or href.lower().startswith("javascript:"):
            continue
        if (url := absolute_url(base_url, href)) is None or not url.startswith(("http://", "https://")):
            continue
        kind = media_type(url, element.get("type") if element.tag == "a" else None)
        if kind.startswith("image/") or kind == "text/html":
            continue  # a picture linked to its full size is one of the images; a page is not a file
        found.setdefault(url, {"url": url, "title": _title(element, name, url), "media_type": kind})
    return list(found.values())


def _common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    """The deepest element holding all of them; None when that is the whole page."""
    if len(elements) < 2:
        return None
    for candidate in [elements[0], *elements[0].iterancestors()]:
        if all(candidate is e or any(a is candidate for a in e.iterancestors()) for e in elements[1:]):
            return None if candidate.tag in ("html", "body") else candidate
    return None


def media_around_text(lines: list[str], sources: list[etree._Element | None], base_url: str) -> tuple[list[dict], list[dict]]:
    """Images and attachments under the element holding the generic reader's lines (`sources`:
    the element each line came from). Paragraphs place it better than short lines."""
    placed = [(line, e) for line, e in zip(lines, sources) if e is not None]
    long = [e for line, e in placed if len(line.split()) >= _PARAGRAPH_WORDS]
    root = _common_ancestor(long if len(long) >= 2 else [e for _, e in placed])
    if root is None:
        return [], []
    return images(root, base_url, ("img",), _GENERIC_CAPTIONS), attachments(root, base_url, ())
