"""CSS selectors answered from an index of the page, not by a walk of the page per selector.

parsel hands ``.field-item`` to libxml2 as cssselect's XPath, which tests the class of every
element of the page: about 0.2 ms per selector on a portal page, and a profile asks some forty.
Here a selector is parsed once (extraction/css_compile.py, which says what is read and what is
left to parsel), and an index of the tree lists its elements by each word of their class and by
id (by tag and by attribute name when first asked). A selector's elements come from the shortest list
that must hold them, each tested against the whole selector on the tree as it is now, up to the
scope; a bare tag after a combinator (``.field-item a``) is looked for under the elements the
rest of the selector matches. tests/test_css_match.py compares the answers with parsel's on every
golden page, before and after the tree is cut up.

The index is trusted for one thing: an element a selector matches is in the list it is looked
for in. Readers remove elements and rewrite text and attribute values, but never add elements,
classes, ids or attributes, and change a tag only through `retag`; so the lists hold every
answer, and what was removed from the tree is left out by the walk up to the scope.
"""
import re
import weakref
from functools import lru_cache

from lxml import etree

from extraction.css_compile import Chain, Compound, includes, words

# Attribute names XPath takes as they are (looked up in one walk of libxml2's).
_XML_NAME = re.compile(r"^[a-z_][a-z0-9_.-]*$")


# The elements below the top (the context) with a class, with an id: in document order, each once.
_WITH_CLASS = etree.XPath("descendant::*/@class/..")
_WITH_ID = etree.XPath("descendant::*/@id/..")


@lru_cache(maxsize=256)
def _elements_with_attribute(name: str) -> etree.XPath:
    return etree.XPath(f"descendant::*/@{name}/..")


# The words of each class attribute value met: a portal's pages repeat a few hundred values, and
# the words come out of this faster than out of a split (and are hashed already).
_CLASS_WORDS: dict[str, tuple[str, ...]] = {}
_MAX_CLASS_VALUES = 10_000


def _split_class(value: str) -> tuple[str, ...]:
    if len(_CLASS_WORDS) >= _MAX_CLASS_VALUES:
        _CLASS_WORDS.clear()
    split = _CLASS_WORDS[value] = tuple(value.split() if value.isprintable() else words(value))
    return split


class _TreeIndex:
    """The elements of a tree below its top in document order, by each word of their class and
    by id; by tag, by attribute name and by position when first asked. The top element itself is
    in no list: the index is kept as long as the top's proxy lives, and must not keep it alive."""

    def __init__(self, top):
        self.classes: dict[str, list] = {}
        self.ids: dict[str, list] = {}
        self._tags: dict[str, list] = {}
        self._class_sets: dict[str, set] = {}
        self._members: dict[Compound, set] = {}
        self._attributes: dict[str, list] = {}
        self._positions: dict | None = None
        classes, ids = self.classes, self.ids
        class_words = _CLASS_WORDS
        for element in _WITH_CLASS(top):  # libxml2 finds them: Python sees no element without one
            if (split := class_words.get(value := element.get("class"))) is None:
                split = _split_class(value)
            for word in split:
                if word in classes:
                    classes[word].append(element)
                else:
                    classes[word] = [element]
        for element in _WITH_ID(top):
            if (value := element.get("id")) in ids:
                ids[value].append(element)
            else:
                ids[value] = [element]

    def with_tag(self, tag: str, top) -> list:
        """The elements of the tag, found by lxml's walk when first asked: a page's selectors
        name a dozen tags, and elements are only ever removed, which the lists' users allow for."""
        if (found := self._tags.get(tag)) is None:
            found = self._tags[tag] = [e for e in top.iter(tag) if e is not top]
        return found

    def has_classes(self, element, classes: tuple[str, ...]) -> bool:
        if element.getparent() is None:  # the top (or what was cut from the tree): read as it is
            value = element.get("class")
            return value is not None and all(includes(value, c) for c in classes)
        for word in classes:
            if (members := self._class_sets.get(word)) is None:
                members = self._class_sets[word] = set(self.classes.get(word, ()))
            if element not in members:
                return False
        return True

    def members(self, compound: Compound, candidates: list) -> set:
        """The compound's candidates that match it (elements are never added, nor classes, ids,
        attributes or, without a new index, tags: a set good for the tree's lifetime)."""
        if (found := self._members.get(compound)) is None:
            found = self._members[compound] = set(candidates) if compound.is_one_name else {e for e in candidates if compound.holds(e, self)}
        return found

    def with_class_holding(self, text: str, top) -> list:
        """The elements whose class holds the text, which has no XML white space: so one of their
        class's words holds it, and the index's words are looked at rather than every element."""
        lists = [members for word, members in self.classes.items() if text in word]
        if len(lists) < 2:
            return lists[0] if lists else []
        return self.in_order({element: None for members in lists for element in members}, top, top)

    def with_attribute(self, name: str, top) -> list:
        if (found := self._attributes.get(name)) is None:
            if _XML_NAME.match(name):
                found = _elements_with_attribute(name)(top)
            else:
                elements = top.iter(etree.Element)
                next(elements)
                found = [e for e in elements if e.get(name) is not None]
            self._attributes[name] = found
        return found

    def in_order(self, elements, scope, top) -> list:
        """The elements (all at or below the scope) in document order."""
        if len(elements) < 2:
            return list(elements)
        if scope is not top:  # numbered afresh: a scope is mostly a small part of the page
            positions = {e: i for i, e in enumerate(scope.iter(etree.Element))}
        elif (positions := self._positions) is None:
            positions = self._positions = {e: i for i, e in enumerate(top.iter(etree.Element)) if i}
        return sorted(elements, key=lambda e: positions.get(e, 0))


_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _top(element):
    if element.getparent() is None:
        return element
    top = element
    for top in element.iterancestors():
        pass
    return top


# The tree asked last and its index (weak references to both: the index lives as long as the
# top's proxy, in _INDEXES): most questions are about the same tree.
_NOTHING = (lambda: None, lambda: None)
_last: tuple = _NOTHING


def _index_of(top) -> _TreeIndex:
    """The index of the tree under `top`, built on first use."""
    global _last
    if _last[0]() is top and (index := _last[1]()) is not None:
        return index
    try:
        if (index := _INDEXES.get(top)) is None:
            index = _INDEXES[top] = _TreeIndex(top)
        _last = (weakref.ref(top), weakref.ref(index))
    except TypeError:  # plain lxml elements take no weak reference: indexed for this call only
        index = _TreeIndex(top)
    return index


def retag(element, tag: str) -> None:
    """Give an element another tag, in a way the selectors asked afterwards see."""
    global _last
    element.tag = tag
    _INDEXES.pop(_top(element), None)
    _last = _NOTHING


def page_names(element) -> tuple[set, set]:
    """The class names and ids of the element's tree, its top's included."""
    top = _top(element)
    index = _index_of(top)
    return set(index.classes) | set(words(top.get("class") or "")), set(index.ids) | {top.get("id")}


def _ancestors_within(element, scope, above_scope) -> list | None:
    """The element's ancestors up to the scope (included); None when it is not below the scope:
    the walk up stops at the first of the scope's own ancestors (`above_scope`) it meets."""
    if element is scope:
        return []
    found = []
    for ancestor in element.iterancestors():
        if ancestor in above_scope:
            return None
        found.append(ancestor)
        if ancestor is scope:
            return found
    return None


def _leads_up(tests, combinators, k: int, ancestors: list, start: int) -> bool:
    """Whether compounds 0..k-1 match among ancestors[start:], joined to the element that
    matches compound k (the one below ancestors[start]) by combinators[k]; tests[j] tells
    whether an element matches compound j."""
    if k == 0:
        return True
    test = tests[k - 1]
    if k == 1 and combinators[1] == " ":  # the common case: any ancestor will do
        return any(map(test, ancestors[start:]))
    if combinators[k] == ">":
        return start < len(ancestors) and test(ancestors[start]) and _leads_up(tests, combinators, k - 1, ancestors, start + 1)
    return any(test(ancestors[j]) and _leads_up(tests, combinators, k - 1, ancestors, j + 1) for j in range(start, len(ancestors)))


def _test(compound: Compound, candidates: list, index: _TreeIndex):
    """Whether an element matches the compound, by membership of those of its candidates that
    match, found once per tree (the top, in no list, is tested as it is)."""
    members = index.members(compound, candidates)
    return lambda element: element in members or (element.getparent() is None and compound.holds(element, index))


def _below(element, scope, above_scope) -> bool:
    """Whether the element is the scope or below it (not cut from the tree since it was indexed)."""
    if element is scope:
        return True
    for ancestor in element.iterancestors():
        if ancestor is scope:
            return True
        if ancestor in above_scope:
            return False
    return False


def _above(scope, top) -> set | frozenset:
    return frozenset() if scope is top else set(scope.iterancestors())


def _compound_elements(scope, top, compound: Compound, index: _TreeIndex) -> list:
    """The elements at or below the scope that one compound selector matches, in document order."""
    if scope is not top and compound.tag is not None and not (compound.ids or compound.classes):
        # A tag under part of the page: lxml finds it there faster than the page's every element
        # of the tag is walked up from.
        if compound.is_one_name:
            return list(scope.iter(compound.tag))
        return [e for e in scope.iter(compound.tag) if compound.holds(e, index)]
    candidates = compound.candidates(index, top)
    if candidates is None:  # the universal selector
        return [e for e in scope.iter(etree.Element) if compound.holds(e, index)]
    if compound.is_one_name:
        if scope is top:
            found = []
            for element in candidates:  # still in the tree: the walk up from it ends at the top
                last = element
                for last in element.iterancestors():
                    pass
                if last is top:
                    found.append(element)
        else:
            above_scope = _above(scope, top)
            found = [e for e in candidates if _below(e, scope, above_scope)]
    else:
        above_scope = _above(scope, top)
        found = [e for e in candidates if compound.holds(e, index) and _below(e, scope, above_scope)]
    if scope is top and compound.holds(top, index):
        found.insert(0, top)  # the top is in no list
    return found


def _chain_elements(scope, top, chain: Chain, index: _TreeIndex) -> list:
    """The elements at or below the scope that the chain matches, in document order."""
    compounds = chain.compounds
    if len(compounds) == 1:
        return _compound_elements(scope, top, compounds[0], index)
    lists = [compound.candidates(index, top) for compound in compounds]
    for found, compound in zip(lists, compounds):
        if found is not None and not found and not compound.holds(top, index):
            return []  # a tag, class, id or attribute no element has
    last = compounds[-1]
    if not (last.ids or last.classes):
        return _under_the_rest(scope, top, chain, index)
    every_one_holds = last.is_one_name
    if scope is top and len(compounds) == 2 and chain.combinators[1] == " " and lists[0] is not None:
        # "A B" asked of the whole page (the commonest chain): one walk up from each B to the top.
        members = index.members(compounds[0], lists[0])
        found = []
        for element in lists[-1]:
            if every_one_holds or last.holds(element, index):
                below_a_member, ancestor = False, element
                for ancestor in element.iterancestors():
                    if ancestor in members:  # (the top is in no list)
                        below_a_member = True
                if ancestor is top and (below_a_member or compounds[0].holds(top, index)):
                    found.append(element)
        return found
    found = []
    tests = None
    above_scope = _above(scope, top)
    for element in lists[-1]:
        if (every_one_holds or last.holds(element, index)) and (ancestors := _ancestors_within(element, scope, above_scope)) is not None:
            if tests is None:
                tests = [_test(c, found_list, index) if found_list is not None else (lambda e, c=c: c.holds(e, index))
                         for c, found_list in zip(compounds[:-1], lists)]
            if _leads_up(tests, chain.combinators, len(compounds) - 1, ancestors, 0):
                found.append(element)
    return found


def _under_the_rest(scope, top, chain: Chain, index: _TreeIndex) -> list:
    """A chain's elements found under what the chain less its last compound matches: for a
    last compound without a class or id (``.field-item a``), whose tag is all over the page."""
    last = chain.compounds[-1]
    tag = last.tag or etree.Element
    contexts = _chain_elements(scope, top, chain.without_last, index)
    every_one_holds = last.is_one_name  # a bare tag, which lxml's walk already picks
    if chain.combinators[-1] == ">":
        children = [child for context in contexts for child in context.iterchildren(tag) if every_one_holds or last.holds(child, index)]
        return index.in_order(children, scope, top) if len(contexts) > 1 else children
    found, seen = [], set()
    for context in contexts:  # in document order: a context inside an earlier one adds nothing
        for element in context.iter(tag):
            if element is not context and element not in seen and (every_one_holds or last.holds(element, index)):
                seen.add(element)
                found.append(element)
    return found


@lru_cache(maxsize=256)
def _tested_by_tag(compounds: tuple[Compound, ...]) -> tuple[dict[str, tuple[Compound, ...]], tuple[Compound, ...]]:
    """The compounds an element of each tag named is to be tested against (those naming its tag
    and those naming none), and those an element of any other tag is."""
    untagged = tuple(c for c in compounds if c.tag is None)
    by_tag = {c.tag: tuple(t for t in compounds if t.tag == c.tag) + untagged for c in compounds if c.tag is not None}
    return by_tag, untagged


def _in_part(scope, compounds: tuple[Compound, ...], index: _TreeIndex) -> list:
    by_tag, untagged = _tested_by_tag(compounds)
    found = []
    for element in scope.iter(etree.Element):  # a plain loop: no generator made per element
        for compound in by_tag.get(element.tag, untagged):
            if compound.holds(element, index):
                found.append(element)
                break
    return found


def select_compiled(scope, chains: tuple[Chain, ...]) -> list:
    """The elements at or below the scope element that the compiled selector matches, in
    document order, each once: what ``Selector(root=scope).css(selector)`` gives."""
    top = _top(scope)
    index = _index_of(top)
    if len(chains) == 1:
        return _chain_elements(scope, top, chains[0], index)
    if scope is not top and all(len(chain.compounds) == 1 for chain in chains):
        # Compounds asked in part of the page (``a[href], [onclick], iframe[src]``): one walk of
        # the part, in document order, each element tested only against the compounds naming
        # its tag and those naming none.
        return _in_part(scope, tuple(chain.compounds[0] for chain in chains), index)
    # Members that are one compound with a tag (``a[href], iframe[src]``): one walk of lxml's
    # for all their tags, in document order.
    tagged: dict[str, list[Compound]] = {}
    rest = []
    for chain in chains:
        if len(chain.compounds) == 1 and chain.compounds[0].tag is not None:
            tagged.setdefault(chain.compounds[0].tag, []).append(chain.compounds[0])
        else:
            rest.append(chain)
    found = []
    for element in scope.iter(*tagged) if tagged else ():  # a plain loop: no generator made per element
        for compound in tagged[element.tag]:
            if compound.holds(element, index):
                found.append(element)
                break
    if not rest:
        return found
    union = dict.fromkeys(found)
    union.update((e, None) for chain in rest for e in _chain_elements(scope, top, chain, index))
    return index.in_order(union, scope, top)
