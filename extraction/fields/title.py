"""The headline: the profile's title selectors, or, on pages no profile reads, the element whose
text the ``<title>`` or ``og:title`` repeats. Never the site's name, never a portlet's header."""

import re
import unicodedata
from collections.abc import Callable

from lxml import etree
from parsel import Selector

from extraction.furniture import Furniture
from extraction.html_blocks import text_of
from extraction.selection import Found, elements, first
from extraction.text import normalize_text

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»)\s+")
_NOT_HEADLINES = {"html", "head", "title", "body", "a", "option", "script", "style"}
_MAX_HEADLINE = 300


def _og_site_names(document: Selector) -> set[str]:
    metas = elements(document, "meta[property='og:site_name']")
    return {normalize_text(n).casefold() for meta in metas if (n := meta.get("content")) is not None}


def _page_titles(document: Selector) -> list[str]:
    """The <title>'s text and og:title, in the page's order (parsel's
    ``title::text, meta[property='og:title']::attr(content)``, from the page's index)."""
    found = []
    for element in elements(document, "title, meta[property='og:title']"):
        if element.tag == "title":
            found.extend(element.xpath("text()"))
        elif (content := element.get("content")) is not None:
            found.append(content)
    return found


def title_by_profile(document: Selector, selectors, furniture: Furniture) -> Found | None:
    """The first of the selectors' texts that is neither the site's name nor a portlet header
    ("TIN TỨC - SỰ KIỆN")."""
    site_names = _og_site_names(document)

    def read(text: str) -> str | None:
        title = normalize_text(text)
        if not title or title in furniture or title.casefold() in site_names:
            return None
        return title
    return first(document, selectors, read)


# What normalize_text takes out of a text besides spaces (extraction/text.py).
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _skeleton(text: str) -> str:
    """The text decomposed, folded, without spaces and zero-width characters: the skeleton of a
    text is within that of any text holding it, save for combining marks where it begins or ends."""
    return _ZERO_WIDTH.sub("", "".join(unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold()).split()))


def _could_repeat(piece: str, reference: str, skeleton: str) -> bool | None:
    """Whether a piece of an element's text may be part of a text the reference (folded, and its
    skeleton) holds: None when the piece is no text, False when it cannot be. text_of joins pieces
    with spaces, so a piece composed as normalize_text leaves it is in the element's text as it
    is, spaces aside; others are compared by their skeletons. A piece with an ``&`` is never ruled
    out, since normalize_text decodes the entities left in a whole text."""
    if "&" in piece:
        return True
    words = piece.split(None, 1)
    if not words:
        return None
    first = unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", words[0])).casefold()
    if first and first not in reference:
        return False
    if piece.isascii() or (unicodedata.is_normalized("NFC", piece) and not _ZERO_WIDTH.search(piece)):
        return " ".join(piece.split()).casefold() in reference
    bones = _skeleton(piece)
    start, end = 0, len(bones)
    while start < end and unicodedata.combining(bones[start]):
        start += 1
    while end > start and unicodedata.combining(bones[end - 1]):
        end -= 1
    return (bones[start:end] in skeleton) if bones else None


_TEXT_PIECES = ".//text()[normalize-space()]"
_PIECES = etree.XPath(_TEXT_PIECES)
_COUNT_PIECES = etree.XPath(f"count({_TEXT_PIECES})")


def _ruled_out_by_first_word(piece: str, reference: str) -> bool:
    """What rules most pieces out at little cost: a first word the reference does not hold, when
    that word is as normalize_text leaves it (composed, no zero-width character; no entity)."""
    words = piece.split(None, 1)
    return (bool(words) and words[0].casefold() not in reference and "&" not in piece
            and (words[0].isascii() or unicodedata.is_normalized("NFC", words[0])) and not _ZERO_WIDTH.search(words[0]))


def _repeated_elements(body: etree._Element, reference: str) -> list[etree._Element]:
    """The elements under `body` (itself included), in document order, whose every piece of text
    may be part of a text the reference (folded) holds: the only ones whose whole text may be.
    Found from the pieces that may be, by counting: an element holding as many of them as it
    holds pieces. Each element is counted once, and never is the text of every element read (a
    cost of the page's size times its depth)."""
    skeleton = _skeleton(reference)
    owners, holding = [], {}
    for piece in _PIECES(body):
        if not _ruled_out_by_first_word(piece, reference) and _could_repeat(piece, reference, skeleton) is not False:
            owner = piece.getparent() if piece.is_text else piece.getparent().getparent()
            owners.append(owner)
            for element in (owner, *owner.iterancestors()):
                holding[element] = holding.get(element, 0) + 1
                if element is body:
                    break
    found: dict[etree._Element, tuple[int, int]] = {}
    ruled_out: set[etree._Element] = set()
    for number, owner in enumerate(owners):
        element, height = owner, 0
        while element not in found and element not in ruled_out:
            if _COUNT_PIECES(element) != holding[element]:
                ruled_out.add(element)  # and so is every element around it
                break
            found[element] = (number, -height)
            if element is body:
                break
            element, height = element.getparent(), height + 1
    # Document order: an element comes before the first piece of text in it, and before what it holds.
    return sorted(found, key=found.__getitem__)


def headline_element(document: Selector, furniture: Furniture) -> etree._Element | None:
    """The element printing the headline: the longest text on the page that the <title> or
    og:title repeats, never the portlet header above it nor the site's name (the <title>'s last part)."""
    titles = [normalize_text(t) for t in _page_titles(document)]
    reference = " ".join(titles).casefold()
    site_names = _og_site_names(document)
    site_names |= {_TITLE_SEPARATORS.split(t)[-1].casefold() for t in titles if _TITLE_SEPARATORS.search(t)}
    body = next(document.root.iter("body"), None)
    best, best_text = None, ""
    for element in _repeated_elements(body, reference) if body is not None else ():
        if element.tag in _NOT_HEADLINES:
            continue
        text = text_of(element)
        if len(text) > _MAX_HEADLINE or len(text) <= len(best_text) or text in furniture or text.casefold() in site_names:
            continue
        if text.casefold() in reference:
            best, best_text = element, text
    return best


def generic_title(headline: etree._Element | None, metadata_title: Callable[[], str], furniture: Furniture) -> str:
    """The headline's text; without one, the title trafilatura read from the metadata (asked for
    only then) unless it is furniture."""
    if headline is not None:
        return text_of(headline)
    title = metadata_title()
    return title if title not in furniture else ""
