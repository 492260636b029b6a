"""The article's region: the part of a page the generic reader hands to trafilatura.

A page of a vendor portal platform is 100-200 KB, of which the article is a few: the rest is
menus, sidebars of teasers and a footer, a dozen levels deep. trafilatura's cost grows with all
of it, and what it reads there is thrown away by the portal rules (link lists, teasers, boxes
headed by furniture) or was never the article's. The region is the smallest element holding the
headline and the page's running text (shape.running_text), and whatever text of the page's own
follows it: a line long enough to be a paragraph, not a link's text, not in the page's frame
(header, footer, menus, sidebars), not a script's. trafilatura reads the region inside empty
copies of its ancestors (their class names say what the region is, as on the page) beside the
page's ``<head>`` (its metadata).

There is no region, and the whole page is read, when the page has no headline or no running
text, when the region would be the whole body, or when it sits in a hidden element.
"""

from copy import deepcopy

from lxml import etree
from parsel import Selector

from extraction.html_blocks import write
from extraction.shape import PageFrame, running_text

# A text this long after the region, and not a link's, may be a paragraph of the article.
_MIN_OWN_LINE = 40
_OWN_TEXT_AFTER = etree.XPath(
    f"following::text()[string-length(normalize-space()) >= {_MIN_OWN_LINE}]"
    "[not(ancestor::a or ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"
    " or ancestor::textarea or ancestor::select)]"
)
# What the reader does not see: tabs other than the open one, and elements hidden by style or attribute.
HIDDEN = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' tab-pane ') and not(contains(concat(' ', normalize-space(@class), ' '), ' active '))]"
    " | //*[@hidden] | //*[contains(translate(@style, ' ', ''), 'display:none')]"
)
_HIDDEN_AROUND = etree.XPath(HIDDEN.replace("//*", "ancestor-or-self::*"))
# The metadata trafilatura reads from scripts (extract_meta_json): the author may be there.
_METADATA_SCRIPTS = ("application/ld+json", "application/settings+json")
_WHOLE_PAGE = ("html", "body")


def _common_ancestor(first: etree._Element, second: etree._Element) -> etree._Element:
    around_first = {first, *first.iterancestors()}
    return next(e for e in (second, *second.iterancestors()) if e in around_first)


def article_region(document: Selector, headline: etree._Element | None) -> etree._Element | None:
    """The element holding the article (see the module's docstring), or None to read the whole page."""
    text = running_text(document) if headline is not None else None
    if text is None:
        return None
    region = _common_ancestor(headline, text)
    frame = PageFrame()
    for line in _OWN_TEXT_AFTER(region):
        if region.tag in _WHOLE_PAGE:
            break
        owner = line.getparent() if line.is_text else line.getparent().getparent()
        if not frame.holds(owner, itself=True):
            region = _common_ancestor(region, owner)
    if region.tag in _WHOLE_PAGE or _HIDDEN_AROUND(region):
        return None
    return region


def _shell(element: etree._Element) -> etree._Element:
    """An empty copy of the element: its tag and attributes (but namespaced ones such as xml:lang,
    which lxml does not take by name and trafilatura does not read)."""
    return etree.Element(element.tag, {name: value for name, value in element.attrib.items() if ":" not in name})


def region_with_head(root: etree._Element, region: etree._Element) -> etree._Element:
    """A new page: the root's ``<head>`` (with the page's JSON-LD metadata, wherever it is) and a
    copy of the region inside empty copies of its ancestors."""
    inner = deepcopy(region)
    inner.tail = None
    for ancestor in region.iterancestors():
        if ancestor is root:
            break
        outer = _shell(ancestor)
        outer.append(inner)
        inner = outer
    page = _shell(root)
    head = root.find("head")
    head = deepcopy(head) if head is not None else etree.SubElement(page, "head")
    page.append(head)
    for script in root.iter("script"):  # in the body, but those the reader does not see, as on the whole page
        if script.get("type") in _METADATA_SCRIPTS and next(script.iterancestors("body"), None) is not None \
                and not any(a is region for a in script.iterancestors()) and not _HIDDEN_AROUND(script):
            head.append(_shell(script))
            write(head[-1], "text", script.text)
    page.append(inner)
    return page
