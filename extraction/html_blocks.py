"""Turning an HTML element into paragraphs of text, the way a reader sees its blocks."""

import re

from lxml import etree

from extraction.text import normalize_text

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "address", "center", "hr",
})
# Where a <br> was: paragraphs come from blocks and line breaks only, never from the newlines
# of the HTML source, which wrap lines in mid-sentence (Word pastes).
_LINE_BREAK = "\x00"
# What these hold is shown only by a browser that cannot show the embedded page, file or clip ("Trình
# duyệt không hỗ trợ iframe"): never text of the page.
_EMBEDDING = frozenset({"iframe", "object", "video", "audio"})


def paragraphs(element: etree._Element) -> list[str]:
    """Normalised text of each block in `element`; a ``<br>`` also ends a paragraph.

    One walk of lxml's, not a recursion: unclosed tags (a thousand ``<font>``s from an old editor)
    nest deeper than Python's recursion limit."""
    if not isinstance(element.tag, str):  # a comment or a processing instruction
        return []
    found: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        for chunk in "".join(buffer).split(_LINE_BREAK):
            if text := normalize_text(chunk):
                found.append(text)
        buffer.clear()

    walker = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            tag = node.tag.lower()
            if tag == "br":
                buffer.append(_LINE_BREAK)
                walker.skip_subtree()
            elif tag in _EMBEDDING:
                walker.skip_subtree()
            else:
                if tag in BLOCK_TAGS:
                    flush()
                buffer.append(node.text or "")
            continue
        if event == "end" and node.tag.lower() in BLOCK_TAGS:
            flush()
        if node is not element:  # comments and processing instructions: only their tail is text
            buffer.append(node.tail or "")
    flush()
    return found


def text_of(element: etree._Element) -> str:
    return normalize_text(" ".join(element.itertext()))


def is_all_italic(element: etree._Element) -> bool:
    """A paragraph whose whole text is emphasised: how editors mark an image caption."""
    return _is_all_in(element, ("em", "i"))


def is_all_bold(element: etree._Element) -> bool:
    """A paragraph whose whole text is bold: a byline, a sapo or a sub-heading."""
    return _is_all_in(element, ("strong", "b"))


def _is_all_in(element: etree._Element, tags: tuple[str, ...]) -> bool:
    whole = text_of(element)
    if not whole:
        return False
    if element.tag in tags:
        return True
    outermost = (e for e in element.iter(*tags) if not any(a.tag in tags for a in e.iterancestors() if a is not element))
    return normalize_text(" ".join(map(text_of, outermost))) == whole


def leaf_blocks(element: etree._Element) -> list[etree._Element]:
    """The blocks under `element` (itself included) that hold no other block, in document order."""
    blocks = [e for e in element.iter() if isinstance(e.tag, str) and e.tag.lower() in BLOCK_TAGS]
    holding = set()
    for block in blocks:  # the ancestors of each up to the element: none above it is a block here
        if block is not element:
            for ancestor in block.iterancestors():
                holding.add(id(ancestor))
                if ancestor is element:
                    break
    return [b for b in blocks if id(b) not in holding]


# What lxml's HTML parser keeps from a page but refuses to be given: C0 control characters but
# tab, line feed and carriage return (written as they are, or as references such as &#11;, the
# vertical tab a word processor's paste breaks lines with), and U+FFFE and U+FFFF.
_REFUSED_BY_LXML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _set(element: etree._Element, slot: str, value: str | None) -> None:
    if slot in ("text", "tail"):
        setattr(element, slot, value)
    else:
        element.set(slot, value)


def write(element: etree._Element, slot: str, value: str | None) -> None:
    """Set an element's text, tail or an attribute (`slot`) to a text made of the page's own:
    the characters lxml refuses go, one Python counts as blank as a space (as readers read it)."""
    try:
        _set(element, slot, value)
    except ValueError:  # raised before anything is set: the text is set again without them
        _set(element, slot, _REFUSED_BY_LXML.sub(lambda found: " " if found[0].isspace() else "", value))


def remove(element: etree._Element) -> None:
    """Drop an element but keep the text that follows it (its tail) in the document."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            write(previous, "tail", (previous.tail or "") + tail)
        else:
            write(parent, "text", (parent.text or "") + tail)
    parent.remove(element)
