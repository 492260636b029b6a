"""Images with their captions, and attached documents with their media types, inside an article.

With a profile, under the article's root element; without one, under the element that holds the
text the generic reader extracted: a whole page's images are logos and banners.
"""

import mimetypes
import re
from urllib.parse import unquote, urlsplit

from lxml import etree
from parsel import Selector

from extraction.html_blocks import is_all_italic, remove, text_of
from extraction.text import normalize_text, optional_text
from extraction.urls import absolute_url

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".rtf", ".zip", ".rar", ".7z")
_MAX_CAPTION = 400
# Caption classes of every family: for pages no profile describes.
_GENERIC_CAPTIONS = (".image-caption", ".caption", "figcaption", ".image-field-caption", ".ms-rteStyle-Caption")
# Lines of fewer words (a section name, a menu entry) have namesakes all over the page.
_PARAGRAPH_WORDS = 8
_EXTENSION = re.compile(r"(\.[a-z0-9]{2,5})(?=/|$)")
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
        if following is not None:
            classes = set((following.get("class") or "").split())
            if following.tag == "figcaption" or classes & caption_classes:
                return following
            alone = not text_of(node) or node is image
            if alone and following.tag in ("p", "div") and is_all_italic(following) and len(text_of(following)) < _MAX_CAPTION:
                return following
            if alone and following.tag == "tr" and 0 < len(text_of(following)) < _MAX_CAPTION:
                return following
            return None
        node = node.getparent()
    return None


def images(root: etree._Element, base_url: str, selectors, caption_selectors) -> list[dict]:
    """Images under `root` with caption and alt text; their caption elements leave the tree."""
    caption_classes = {c.lstrip(".") for c in caption_selectors if c.startswith(".")}
    found: dict[str, dict] = {}
    for selector in selectors:
        for image in Selector(root=root).css(selector):
            element = image.root
            src = element.get("src") or element.get("data-src")
            if not src or src.startswith("data:"):
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
    path = unquote(urlsplit(href.strip()).path).lower()
    return any(e in DOCUMENT_EXTENSIONS for e in _EXTENSION.findall(path))


def attachments(root: etree._Element, base_url: str, selectors) -> list[dict]:
    """File links: the profile's attachment selectors, and any link to a document file."""
    found: dict[str, dict] = {}
    scope = Selector(root=root)
    links = [a for s in selectors for a in scope.css(s)]
    links += [a for a in scope.css("a[href]") if _is_document(a.attrib["href"])]
    for link in links:
        href = link.attrib.get("href", "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if (url := absolute_url(base_url, href)) is None:
            continue
        kind = media_type(url, link.attrib.get("type"))
        if kind.startswith("image/"):
            continue  # a picture linked to its full size is one of the images, not an attachment
        title = text_of(link.root) or unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
        found.setdefault(url, {"url": url, "title": title, "media_type": kind})
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
