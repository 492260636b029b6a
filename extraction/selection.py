"""Reading a profile's selector lists: CSS selectors tried in order, ``::attr(name)`` for attributes.

Selectors are answered from an index of the page (extraction/css_match.py), each parsed once;
the few this index does not read are answered by parsel, skipped when they name a class or id
the page does not have (most of a profile's boilerplate and fallback selectors).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from parsel import Selector, SelectorList

from extraction.css_compile import compile_selector
from extraction.css_match import page_names, select_compiled
from extraction.html_blocks import text_of
from extraction.text import normalize_text

_ATTRIBUTE = re.compile(r"^(?P<css>.*?)::attr\((?P<name>[^)]+)\)$")


# `.class` and `#id` parts of a selector, once what is inside [...] and (...) is taken out.
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_CLASS_OR_ID = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")


@lru_cache(maxsize=4096)
def _required_names(selector: str) -> tuple[frozenset[str], frozenset[str]]:
    """The classes and ids elements must carry somewhere on the page for `selector` to match
    anything; none for a group (``a, b``) or a selector with escapes, which are not read here."""
    if "," in selector or "\\" in selector:
        return frozenset(), frozenset()
    parts = _CLASS_OR_ID.findall(_BRACKETED.sub(" ", selector))
    return frozenset(n for kind, n in parts if kind == "."), frozenset(n for kind, n in parts if kind == "#")


def elements(scope: Selector, selector: str) -> list:
    """What ``scope.css(selector)`` selects, as lxml elements (strings for a ``::text`` or
    ``::attr`` selector, which parsel answers), in document order."""
    if (chains := compile_selector(selector)) is not None:
        return select_compiled(scope.root, chains)
    classes, ids = _required_names(selector)
    if classes or ids:
        page_classes, page_ids = page_names(scope.root)
        if not (classes <= page_classes and ids <= page_ids):
            return []
    return [found.root for found in scope.css(selector)]


# The text nodes right under any of the elements, in document order (as one XPath node-set).
_CHILD_TEXTS = etree.XPath("$elements/text()", smart_strings=False)


def texts(scope: Selector, selector: str) -> list[str]:
    """The text right under each element the selector matches, in document order: what
    ``::text`` after each member of the selector gives in parsel."""
    found = elements(scope, selector)
    return _CHILD_TEXTS(scope.root, elements=found) if found else []


def select(scope: Selector, selector: str) -> SelectorList:
    """``scope.css(selector)``."""
    return SelectorList(Selector(root=element, type="html") for element in elements(scope, selector))


@dataclass(frozen=True)
class Found:
    value: object
    selector: str
    # The element the value was read from (for attributes: the element carrying the attribute).
    element: etree._Element


def matches(scope: Selector, selector: str) -> list[tuple[str, etree._Element]]:
    """(text or attribute value, element) of every element the selector matches."""
    return list(_matching(scope, selector))


@lru_cache(maxsize=4096)
def _attribute_read(selector: str) -> tuple[str, str | None]:
    """The selector less its ``::attr(name)``, and the name (None: the text is read)."""
    match = _ATTRIBUTE.match(selector)
    return (match["css"], match["name"]) if match else (selector, None)


def _matching(scope: Selector, selector: str):
    css, name = _attribute_read(selector)
    if name is not None:
        return ((element.get(name, ""), element) for element in elements(scope, css))
    return ((text_of(element), element) for element in elements(scope, selector))


def values(scope: Selector, selector: str) -> list[str]:
    return [value for value, _ in matches(scope, selector)]


def first(scope: Selector, selectors, read=normalize_text) -> Found | None:
    """The first value `read` accepts, from the first selector that yields one."""
    for selector in selectors:
        for value, element in _matching(scope, selector):  # read one by one: most of them are never read
            if result := read(value):
                return Found(result, selector, element)
    return None


class _ElementSelector(Selector):
    """A parsel Selector, true for an element as parsel's is (an element's HTML is never empty)
    without serialising the element to find out (``first_element(...) or ...``)."""
    __slots__ = ()

    def __bool__(self) -> bool:
        return isinstance(self.root, etree._Element) or super().__bool__()


def first_element(scope: Selector, selectors) -> Selector | None:
    for selector in selectors:
        if found := elements(scope, selector):
            return _ElementSelector(root=found[0], type="html")
    return None


def contains(ancestor: etree._Element, element: etree._Element) -> bool:
    return any(a is ancestor for a in element.iterancestors())
