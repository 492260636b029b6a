"""Reading a profile's selector lists: CSS selectors tried in order, ``::attr(name)`` for attributes."""

import re
from dataclasses import dataclass

from lxml import etree
from parsel import Selector

from extraction.html_blocks import text_of
from extraction.text import normalize_text

_ATTRIBUTE = re.compile(r"^(?P<css>.*?)::attr\((?P<name>[^)]+)\)$")


@dataclass(frozen=True)
class Found:
    value: object
    selector: str
    # The element the value was read from (for attributes: the element carrying the attribute).
    element: etree._Element


def matches(scope: Selector, selector: str) -> list[tuple[str, etree._Element]]:
    """(text or attribute value, element) of every element the selector matches."""
    if match := _ATTRIBUTE.match(selector):
        return [(el.attrib.get(match["name"], ""), el.root) for el in scope.css(match["css"])]
    return [(text_of(el.root), el.root) for el in scope.css(selector)]


def values(scope: Selector, selector: str) -> list[str]:
    return [value for value, _ in matches(scope, selector)]


def first(scope: Selector, selectors, read=normalize_text) -> Found | None:
    """The first value `read` accepts, from the first selector that yields one."""
    for selector in selectors:
        for value, element in matches(scope, selector):
            if result := read(value):
                return Found(result, selector, element)
    return None


def first_element(scope: Selector, selectors) -> Selector | None:
    for selector in selectors:
        if found := scope.css(selector):
            return found[0]
    return None


def contains(ancestor: etree._Element, element: etree._Element) -> bool:
    return any(a is ancestor for a in element.iterancestors())
