"""Where the article sits on the portal: its breadcrumb trail, its category and its tags.

The category is the profile's category element when it has one, else the deepest breadcrumb
entry that is neither the article itself nor the home page. Tags come from profiles only.
"""

import re

from parsel import Selector

from extraction.selection import first, first_element, values
from extraction.text import normalize_text

# Breadcrumb markup of every family: for pages no profile describes.
GENERIC_BREADCRUMB = ("#breadcrumb .breadcrumb", ".breadcrumb", "#breadcrumbs", "[class*='breadcrumb']", "nav[aria-label='breadcrumb']")
_BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:»|›|>|/|\||→)\s*")


def breadcrumb(document: Selector, selectors) -> list[str]:
    """Read after boilerplate removal, so Drupal's invisible "You are here" heading is gone."""
    trail = first_element(document, selectors)
    if trail is None:
        return []
    crumbs: list[str] = []
    for piece in trail.root.itertext():
        crumbs.extend(c for c in map(normalize_text, _BREADCRUMB_SEPARATORS.split(piece)) if c)
    return crumbs


def category_from(trail: list[str], title: str | None) -> str | None:
    """The deepest breadcrumb entry that is not the article itself nor the home page."""
    crumbs = [c for c in trail if c != title]
    return crumbs[-1] if len(crumbs) > 1 else None


def category_by_profile(document: Selector, selectors) -> str | None:
    """The profile's category element, read before boilerplate removal (None: take the breadcrumb's)."""
    found = first(document, selectors)
    return found.value if found else None


def tags_by_profile(document: Selector, selectors) -> list[str]:
    return list(dict.fromkeys(tag for selector in selectors for tag in map(normalize_text, values(document, selector)) if tag))
