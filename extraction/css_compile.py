"""CSS selectors parsed once (by cssselect) into what the page index answers them from
(extraction/css_match.py): compound selectors (``div.node#main[lang]``) joined by descendant and
child combinators, groups of them. Read by cssselect's HTML rules: element and attribute names in
lower case, values compared as written, classes split at XML white space as ``normalize-space``
splits them. Every attribute operator but ``!=`` is read; namespaces, case flags, pseudo-classes,
sibling combinators and pseudo-elements are not (compile_selector gives None: parsel answers).
"""

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from cssselect import parse
from cssselect.parser import Attrib, Class, CombinedSelector, Element, Hash

_XML_WHITESPACE = str.maketrans("\t\r\n", "   ")
# cssselect's test for a ``~=`` value it can match (xpath.py is_non_whitespace).
_NON_WHITESPACE = re.compile(r"^[^ \t\r\n\f]+$")


def words(value: str) -> list[str]:
    """The value split at XML white space (what ``normalize-space`` splits at): str.split()
    when it holds no other white space (all of which is unprintable), which is faster."""
    return value.split() if value.isprintable() else [w for w in value.translate(_XML_WHITESPACE).split(" ") if w]


def includes(value: str | None, word: str) -> bool:
    """XPath's ``contains(concat(' ', normalize-space(@a), ' '), ' word ')``, for a word without
    white space: whether it is one of the value's words split at XML white space."""
    return value is not None and word in words(value)


_OPERATORS = {
    "exists": lambda value, wanted: value is not None,
    "=": lambda value, wanted: value == wanted,
    # (cssselect matches no value with white space: the compound is never built with one, _compound.)
    "~=": includes,
    "|=": lambda value, wanted: value is not None and (value == wanted or value.startswith(wanted + "-")),
    "^=": lambda value, wanted: bool(wanted) and value is not None and value.startswith(wanted),
    "$=": lambda value, wanted: bool(wanted) and value is not None and value.endswith(wanted),
    "*=": lambda value, wanted: bool(wanted) and value is not None and wanted in value,
}


class _Unsupported(ValueError):
    """A selector this module does not read: parsel answers it."""


@dataclass(frozen=True)
class Compound:
    """One compound selector (``div.node#main[lang]``): what a single element must be."""
    tag: str | None = None
    classes: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    # (name, operator, value) of each attribute test.
    attributes: tuple[tuple[str, str, str | None], ...] = ()

    # Only one class, id or tag: every element in the index's list for it matches.
    is_one_name: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "is_one_name", len(self.classes) + len(self.ids) + (self.tag is not None) == 1 and not self.attributes)
        if not (self.ids or self.classes) and len(self.attributes) == 1:
            # A tag and one attribute test, or the attribute test alone (``a[href]``, ``[onclick]``):
            # the test asked most, per element of a part of the page, made without the loops.
            object.__setattr__(self, "holds", _holds_one_attribute(self.tag, *self.attributes[0]))

    def holds(self, element, index: "_TreeIndex") -> bool:
        if self.tag is not None and element.tag != self.tag:
            return False
        if self.ids and any(element.get("id") != i for i in self.ids):
            return False
        if self.classes and not index.has_classes(element, self.classes):
            return False
        for name, operator, wanted in self.attributes:
            if not _OPERATORS[operator](element.get(name), wanted):
                return False
        return True

    def candidates(self, index: "_TreeIndex", top) -> list | None:
        """A list in document order holding every element below the top that this compound
        matches: the index's shortest for its ids and classes, else the one for its tag, else
        for its first attribute; None for the universal selector."""
        if self.ids or self.classes:
            if len(self.ids) + len(self.classes) == 1:
                return index.ids.get(self.ids[0], ()) if self.ids else index.classes.get(self.classes[0], ())
            return min([index.ids.get(i, ()) for i in self.ids] + [index.classes.get(c, ()) for c in self.classes], key=len)
        if self.tag is not None:
            return index.with_tag(self.tag, top)
        if self.attributes:
            name, operator, wanted = self.attributes[0]
            if name == "class" and operator == "*=" and wanted and not any(c in wanted for c in " \t\r\n"):
                return index.with_class_holding(wanted, top)  # ("[class*='breadcrumb']")
            return index.with_attribute(name, top)
        return None


def _holds_one_attribute(tag: str | None, name: str, operator: str, wanted: str | None):
    """Compound.holds for a compound of a tag (or none) and one attribute test."""
    test = _OPERATORS[operator]
    if operator == "exists":
        if tag is None:
            return lambda element, index: element.get(name) is not None
        return lambda element, index: element.tag == tag and element.get(name) is not None
    if tag is None:
        return lambda element, index: test(element.get(name), wanted)
    return lambda element, index: element.tag == tag and test(element.get(name), wanted)


@dataclass(frozen=True)
class Chain:
    """Compound selectors joined by combinators (" " or ">"): ``combinators[k]`` joins
    compounds[k - 1] to compounds[k]; ``combinators[0]`` is None."""
    compounds: tuple[Compound, ...]
    combinators: tuple[str | None, ...]

    @cached_property
    def without_last(self) -> "Chain":
        return Chain(self.compounds[:-1], self.combinators[:-1])


def _compound(tree) -> Compound:
    classes, ids, attributes = [], [], []
    while not isinstance(tree, Element):
        if isinstance(tree, Class):
            classes.append(tree.class_name)
        elif isinstance(tree, Hash):
            ids.append(tree.id)
        elif isinstance(tree, Attrib) and tree.namespace is None and tree.flag is None and tree.operator in _OPERATORS:
            wanted = tree.value.value if tree.value is not None else None
            if tree.operator == "~=" and not _NON_WHITESPACE.match(wanted):
                raise _Unsupported("~= with white space")  # never matches in cssselect; left to it
            attributes.append((tree.attrib.lower(), tree.operator, wanted))
        else:
            raise _Unsupported(repr(tree))
        tree = tree.selector
    if tree.namespace is not None:
        raise _Unsupported(repr(tree))
    if any(any(c.isspace() for c in name) for name in (*classes, *ids)):
        raise _Unsupported("white space in a class or id")  # only written with escapes; cssselect never matches it
    tag = tree.element.lower() if tree.element else None
    return Compound(tag, tuple(reversed(classes)), tuple(reversed(ids)), tuple(reversed(attributes)))


def _chain(tree) -> Chain:
    compounds, combinators = [], []
    while isinstance(tree, CombinedSelector):
        if tree.combinator not in (" ", ">"):
            raise _Unsupported(tree.combinator)
        compounds.append(_compound(tree.subselector))
        combinators.append(tree.combinator)
        tree = tree.selector
    compounds.append(_compound(tree))
    combinators.append(None)
    return Chain(tuple(reversed(compounds)), tuple(reversed(combinators)))


@lru_cache(maxsize=4096)
def compile_selector(css: str) -> tuple[Chain, ...] | None:
    """The selector's chains (one per member of a group), parsed once; None when this module does
    not read it (parsel is to answer it)."""
    try:
        parsed = parse(css)
        if any(s.pseudo_element is not None for s in parsed):
            return None
        return tuple(_chain(s.parsed_tree) for s in parsed)
    except _Unsupported:
        return None
