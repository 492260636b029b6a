"""Turning an HTML element into paragraphs of text, the way a reader sees its blocks."""

import re

from lxml import etree

from extraction.text import normalize_text

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address", "center", "hr",
})
_LINE_BREAK = "\n"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(element: etree._Element) -> list[str]:
    """Normalised text of each block in `element`; two ``<br>`` in a row also end a paragraph."""
    found: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        for chunk in _PARAGRAPH_BREAK.split("".join(buffer)):
            if text := normalize_text(chunk):
                found.append(text)
        buffer.clear()

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None:  # comments and processing instructions: only their tail is text
            return
        tag = tag.lower()
        if tag == "br":
            buffer.append(_LINE_BREAK)
            return
        is_block = tag in BLOCK_TAGS
        if is_block:
            flush()
        buffer.append(node.text or "")
        for child in node:
            walk(child)
            buffer.append(child.tail or "")
        if is_block:
            flush()

    walk(element)
    flush()
    return found


def text_of(element: etree._Element) -> str:
    return normalize_text(" ".join(element.itertext()))


def is_all_italic(element: etree._Element) -> bool:
    """A paragraph whose whole text is emphasised: how editors mark an image caption."""
    whole = text_of(element)
    if not whole:
        return False
    outermost = (e for e in element.iter("em", "i") if not any(a.tag in ("em", "i") for a in e.iterancestors()))
    return normalize_text(" ".join(map(text_of, outermost))) == whole


def remove(element: etree._Element) -> None:
    """Drop an element but keep the text that follows it (its tail) in the document."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
