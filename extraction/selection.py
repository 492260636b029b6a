"""Reading a profile's selector lists: CSS selectors tried in order, ``::attr(name)`` for attributes."""

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from parsel import Selector, SelectorList

from extraction.html_blocks import text_of
from extraction.text import normalize_text

_ATTRIBUTE = re.compile(r"^(?P<css>.*?)::attr\((?P<name>[^)]+)\)$")


# `.class` and `#id` parts of a selector, once what is inside [...] and (...) is taken out.
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_CLASS_OR_ID = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")
# The classes and ids of each parsed page's tree, keyed by its root element.
_PAGE_NAMES: "weakref.WeakKeyDictionary[etree._Element, tuple[frozenset, frozenset]]" = weakref.WeakKeyDictionary()


@lru_cache(maxsize=4096)
def _required_names(selector: str) -> tuple[frozenset[str], frozenset[str]]:
    """The classes and ids elements must carry somewhere on the page for `selector` to match
    anything; none for a group (``a, b``) or a selector with escapes, which are not read here."""
    if "," in selector or "\\" in selector:
        return frozenset(), frozenset()
    parts = _CLASS_OR_ID.findall(_BRACKETED.sub(" ", selector))
    return frozenset(n for kind, n in parts if kind == "."), frozenset(n for kind, n in parts if kind == "#")


def _page_names(root: etree._Element) -> tuple[frozenset[str], frozenset[str]]:
    """Every class and id on the page, read once per tree (by XPath, in one pass of C). Readers
    only ever remove elements, so these stay a superset of what is left. Classes are split at
    any whitespace, finer than CSS splits them: a superset again."""
    top = root.getroottree().getroot()
    if (names := _PAGE_NAMES.get(top)) is None:
        names = _PAGE_NAMES[top] = (frozenset(" ".join(top.xpath("//@class")).split()), frozenset(top.xpath("//@id")))
    return names


def select(scope: Selector, selector: str) -> SelectorList:
    """``scope.css(selector)``, without scanning the tree for a selector naming a class or id
    the page does not have (most of a profile's boilerplate and fallback selectors)."""
    classes, ids = _required_names(selector)
    if classes or ids:
        page_classes, page_ids = _page_names(scope.root)
        if not (classes <= page_classes and ids <= page_ids):
            return SelectorList()
    return scope.css(selector)


@dataclass(frozen=True)
class Found:
    value: object
    selector: str
    # The element the value was read from (for attributes: the element carrying the attribute).
    element: etree._Element


def matches(scope: Selector, selector: str) -> list[tuple[str, etree._Element]]:
    """(text or attribute value, element) of every element the selector matches."""
    if match := _ATTRIBUTE.match(selector):
        return [(el.attrib.get(match["name"], ""), el.root) for el in select(scope, match["css"])]
    return [(text_of(el.root), el.root) for el in select(scope, selector)]


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
        if found := select(scope, selector):
            return found[0]
    return None


def contains(ancestor: etree._Element, element: etree._Element) -> bool:
    return any(a is ancestor for a in element.iterancestors())
