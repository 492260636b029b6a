"""When an article was published: the date and time the reader sees, else machine-readable markup.

A page that prints its publication date with a time of day ("Ngày đăng: 19/10/2020 - 22:04")
gives that moment: it is what the editor set and the reader sees. Some platforms' machine
markup holds something else — on the Viettel portal `datePublished` is when the record was
created, minutes to months after the visible date — so the machine value is kept apart, in
``published_at_machine``, and is ``published_at`` only when the page prints no time of day.

With a profile, its visible-date selectors read with its formats (and every portal's), and its
RDFa/meta selectors. Without one (or where they miss), the date-classed element nearest the
headline, the generic markup every CMS may carry, a dateline taken out of the body, and last
htmldate's guess.
"""

import json
import re
from dataclasses import dataclass
from functools import cache

from lxml import etree
from parsel import Selector

from extraction.dates import (
    DATE_LABEL, DATELINE_WORDS, find_visible_date, parse_machine_date, parse_visible_date, to_iso, with_time_first,
)
from extraction.html_blocks import text_of
from extraction.profiles import Profile, family_profiles
from extraction.selection import first, texts

# Where dates hide on pages of any CMS, for pages no profile describes.
GENERIC_MACHINE_SELECTORS = (
    "[property~='dc:date']::attr(content)", "[property~='dc:created']::attr(content)",
    "meta[property='article:published_time']::attr(content)", "meta[itemprop='datePublished']::attr(content)",
    "[itemprop='datePublished']::attr(datetime)", "[itemprop='datePublished']::attr(content)",
    "meta[name='pubdate']::attr(content)", "meta[name='publishdate']::attr(content)",
)
_DATE_LIKE = re.compile(r"date|time|ngay|publish|posted|created|cap-?nhat|thoi-?gian", re.IGNORECASE)
# The header's clock and calendar also say "date": they give today's date, not the article's.
_NOT_THE_ARTICLE = re.compile(r"clock|today|date-?bar|weather|calendar|lich|time-?now|time-?home", re.IGNORECASE)
# Page regions that hold other items' dates, unless inside the <article> (its own <header>). Not
# <form>: ASP.NET pages are one form from top to bottom.
_OUTSIDE_ARTICLE = {"header", "nav", "footer", "aside", "select"}
_MAX_DATE_TEXT = 160
# Elements (in document order) between the headline and the date line that prints its time.
_NEAR_HEADLINE = 60
_MAX_DATELINE = 100


@dataclass(frozen=True)
class Published:
    iso: str
    # rdfa, meta, json-ld, visible or heuristic: which kind of markup the date was read from.
    source: str
    element: etree._Element | None = None
    # Whether the moment has a time of day the page gave (visible dates may be a day only).
    has_time: bool = True


@dataclass(frozen=True)
class Dates:
    """The record's ``published_at`` (with where it came from) and ``published_at_machine``."""
    published: Published | None
    machine: Published | None

    @classmethod
    def choose(cls, visible: Published | None, machine: Published | None, *fallbacks: Published | None) -> "Dates":
        """The visible moment when it has a time of day, else the machine one, else the rest in
        order; the machine one also when it is the visible minute given to the second."""
        if visible is not None and visible.has_time:
            same_minute = machine is not None and machine.iso[:16] == visible.iso[:16] and visible.iso.endswith(":00+07:00")
            return cls(machine if same_minute else visible, machine)
        return cls(next((d for d in (machine, visible, *fallbacks) if d is not None), None), machine)


@cache
def all_family_date_formats() -> tuple[str, ...]:
    """Every family's date formats: for pages no profile describes."""
    return tuple(dict.fromkeys(f for family in family_profiles() for f in family.article.date_formats))


def date_formats(profile: Profile | None) -> tuple[str, ...]:
    return with_time_first(profile.article.date_formats if profile is not None else all_family_date_formats())


def _json_ld_date(script: str) -> str:
    try:
        data = json.loads(script)
    except ValueError:
        return ""
    nodes = data if isinstance(data, list) else [data]
    nodes += [n for node in list(nodes) if isinstance(node, dict) for n in node.get("@graph", [])]
    for node in nodes:
        if isinstance(node, dict) and isinstance(node.get("datePublished"), str):
            return node["datePublished"]
    return ""


def machine_date(document: Selector, selectors) -> Published | None:
    """RDFa or meta markup (as the selectors name it), then JSON-LD ``datePublished``."""
    if found := first(document, selectors, parse_machine_date):
        kind = "meta" if found.selector.startswith("meta") else "rdfa"
        return Published(to_iso(found.value), kind, found.element)
    for script in texts(document, "script[type='application/ld+json']"):
        if moment := parse_machine_date(_json_ld_date(script)):
            return Published(to_iso(moment), "json-ld")
    return None


def visible_date(document: Selector, selectors, formats) -> Published | None:
    """The first of the selectors' elements whose text holds a date in one of the formats."""
    found = first(document, selectors, lambda text: find_visible_date(text, formats))
    return Published(to_iso(found.value.moment), "visible", found.element, found.value.has_time) if found else None


def published_by_profile(document: Selector, profile: Profile) -> Dates:
    rules = profile.article
    return Dates.choose(visible_date(document, rules.published_at_visible, date_formats(profile)), machine_date(document, rules.published_at))


def _outside_article(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag == "article":
            return False
        if ancestor.tag in _OUTSIDE_ARTICLE:
            return True
    return False


def _date_text(element) -> str | None:
    """The text of an element that may print the date: a <time>, an element whose class or id says
    date, or whose text opens with a date label, outside the page's header, footer and sidebars."""
    if not isinstance(element.tag, str):
        return None
    label = f"{element.get('class', '')} {element.get('id', '')}"
    labelled = bool(element.text and DATE_LABEL.search(element.text))
    if element.tag != "time" and not _DATE_LIKE.search(label) and not labelled:
        return None
    if _NOT_THE_ARTICLE.search(label) or _outside_article(element):
        return None
    text = text_of(element)
    return text if text and len(text) <= _MAX_DATE_TEXT else None


def _nearest_first(count: int, anchor: int):
    """Positions 0..count-1 by distance from the anchor, the earlier of two as far first."""
    yield anchor
    for distance in range(1, max(anchor, count - 1 - anchor) + 1):
        if anchor - distance >= 0:
            yield anchor - distance
        if anchor + distance < count:
            yield anchor + distance


def guessed_visible_date(document: Selector, formats, headline: etree._Element | None = None) -> Published | None:
    """For pages no profile describes: dates in elements whose class or id says date, outside the
    page's header, footer and sidebars; the one nearest the headline (in document order), one with
    a time of day before a bare date (a sidebar's teasers print bare dates). Elements are looked
    at from the headline outwards, and only as far as the answer."""
    elements = list(document.root.iter())
    anchor = elements.index(headline) if headline is not None and headline in elements else None
    nearest_bare = None
    for position in range(len(elements)) if anchor is None else _nearest_first(len(elements), anchor):
        distance = position if anchor is None else abs(position - anchor)
        if anchor is not None and distance > _NEAR_HEADLINE and nearest_bare is not None:
            break  # no date out there has a time to count, nor is nearer
        if (text := _date_text(elements[position])) is None or not (visible := find_visible_date(text, formats)):
            continue
        # Far from the headline, a date with a time is a teaser's: it may not outrank machine markup.
        timed = visible.has_time and (anchor is None or distance <= _NEAR_HEADLINE)
        published = Published(to_iso(visible.moment), "visible", elements[position], timed)
        if timed:
            return published
        nearest_bare = nearest_bare or published
    return nearest_bare


def is_dateline(paragraph: str) -> bool:
    """A line that only says when ("Ngày đăng 18/03/2019 | 03:10 PM Lượt xem: 1523")."""
    if len(paragraph) > _MAX_DATELINE or parse_visible_date(paragraph, date_formats(None)) is None:
        return False
    rest = DATELINE_WORDS.sub(" ", paragraph)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 1


def dateline_date(datelines: list[str], profile: Profile | None) -> Published | None:
    """The date of the first dateline the generic reader took out of the body."""
    if datelines and (found := find_visible_date(datelines[0], date_formats(profile))):
        return Published(to_iso(found.moment), "visible", has_time=found.has_time)
    return None


def generic_published(document: Selector, profile: Profile | None, dateline: Published | None, guess: str | None,
                      headline: etree._Element | None = None) -> Dates:
    """The date-classed element nearest the headline when it has a time of day, else machine
    markup (the profile's selectors, then any CMS's), a bare visible date, the body's dateline,
    and last htmldate's guess, which has no time of day."""
    selectors = (*(profile.article.published_at if profile else ()), *GENERIC_MACHINE_SELECTORS)
    visible = guessed_visible_date(document, date_formats(profile), headline)
    if visible is None or not visible.has_time:
        visible = dateline if dateline is not None and dateline.has_time else visible or dateline
    moment = parse_machine_date(guess or "")
    return Dates.choose(visible, machine_date(document, selectors), Published(to_iso(moment), "heuristic", has_time=False) if moment else None)
