"""The headline: the profile's title selectors, or, on pages no profile reads, the element whose
text the ``<title>`` or ``og:title`` repeats. Never the site's name, never a portlet's header."""

import re

from lxml import etree
from parsel import Selector

from extraction.furniture import Furniture
from extraction.html_blocks import short_texts, text_of
from extraction.selection import Found, first
from extraction.text import normalize_text

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»)\s+")
_NOT_HEADLINES = {"html", "head", "title", "body", "a", "option", "script", "style"}
_MAX_HEADLINE = 300


def _og_site_names(document: Selector) -> set[str]:
    return {normalize_text(n).casefold() for n in document.css("meta[property='og:site_name']::attr(content)").getall()}


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


def headline_element(document: Selector, furniture: Furniture) -> etree._Element | None:
    """The element printing the headline: the longest text on the page that the <title> or
    og:title repeats, never the portlet header above it nor the site's name (the <title>'s last part)."""
    titles = [normalize_text(t) for t in document.css("title::text, meta[property='og:title']::attr(content)").getall()]
    reference = " ".join(titles).casefold()
    site_names = _og_site_names(document)
    site_names |= {_TITLE_SEPARATORS.split(t)[-1].casefold() for t in titles if _TITLE_SEPARATORS.search(t)}
    bodies = document.css("body")
    best, best_text = None, ""
    for element, text in (short_texts(bodies[0].root, _MAX_HEADLINE) if bodies else {}).items():
        if element.tag in _NOT_HEADLINES:
            continue
        if len(text) <= len(best_text) or text in furniture or text.casefold() in site_names:
            continue
        if text.casefold() in reference:
            best, best_text = element, text
    return best


def generic_title(headline: etree._Element | None, metadata_title: str, furniture: Furniture) -> str:
    """The headline's text; without one, the title trafilatura read from the metadata unless it is furniture."""
    if headline is not None:
        return text_of(headline)
    return metadata_title if metadata_title not in furniture else ""
