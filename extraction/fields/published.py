"""When an article was published: machine-readable markup first, then the date the reader sees.

With a profile, its RDFa/meta selectors, then its visible-date selectors read with its formats.
Without one (or where they miss), the generic markup every CMS may carry, then dates in elements
whose class or id says date, then a dateline taken out of the body, then htmldate's guess.
"""

import json
import re
from dataclasses import dataclass
from functools import cache

from lxml import etree
from parsel import Selector

from extraction.dates import DATE_LABEL, DATELINE_WORDS, parse_machine_date, parse_visible_date, to_iso
from extraction.html_blocks import text_of
from extraction.profiles import Profile, family_profiles
from extraction.selection import first

# Where dates hide on pages of any CMS, for pages no profile describes.
GENERIC_MACHINE_SELECTORS = (
    "[property~='dc:date']::attr(content)", "[property~='dc:created']::attr(content)",
    "meta[property='article:published_time']::attr(content)", "meta[itemprop='datePublished']::attr(content)",
    "[itemprop='datePublished']::attr(datetime)", "[itemprop='datePublished']::attr(content)",
    "meta[name='pubdate']::attr(content)", "meta[name='publishdate']::attr(content)",
)
_DATE_LIKE = re.compile(r"date|time|ngay|publish|posted|created|cap-?nhat|thoi-?gian", re.IGNORECASE)
# The header's clock and calendar also say "date": they give today's date, not the article's.
_NOT_THE_ARTICLE = re.compile(r"clock|today|date-?bar|weather|calendar|lich|time-?now", re.IGNORECASE)
_OUTSIDE_ARTICLE = {"header", "nav", "footer", "aside", "form", "select"}
_MAX_DATE_TEXT = 160
_MAX_DATELINE = 100


@dataclass(frozen=True)
class Published:
    iso: str
    # rdfa, meta, json-ld, visible or heuristic: which kind of markup the date was read from.
    source: str
    element: etree._Element | None = None


@cache
def all_family_date_formats() -> tuple[str, ...]:
    """Every family's date formats: for pages no profile describes."""
    return tuple(dict.fromkeys(f for family in family_profiles() for f in family.article.date_formats))


def date_formats(profile: Profile | None) -> tuple[str, ...]:
    return profile.article.date_formats if profile is not None else all_family_date_formats()


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
    for script in document.css("script[type='application/ld+json']::text").getall():
        if moment := parse_machine_date(_json_ld_date(script)):
            return Published(to_iso(moment), "json-ld")
    return None


def visible_date(document: Selector, selectors, formats) -> Published | None:
    """The first of the selectors' elements whose text holds a date in one of the formats."""
    found = first(document, selectors, lambda text: parse_visible_date(text, formats))
    return Published(to_iso(found.value), "visible", found.element) if found else None


def published_by_profile(document: Selector, profile: Profile) -> Published | None:
    rules = profile.article
    return machine_date(document, rules.published_at) or visible_date(document, rules.published_at_visible, rules.date_formats)


def _date_candidates(document: Selector):
    for element in document.root.iter():
        if not isinstance(element.tag, str):
            continue
        label = f"{element.get('class', '')} {element.get('id', '')}"
        labelled = bool(element.text and DATE_LABEL.search(element.text))
        if element.tag != "time" and not _DATE_LIKE.search(label) and not labelled:
            continue
        if _NOT_THE_ARTICLE.search(label) or any(a.tag in _OUTSIDE_ARTICLE for a in element.iterancestors()):
            continue
        text = text_of(element)
        if text and len(text) <= _MAX_DATE_TEXT:
            yield element, text


def guessed_visible_date(document: Selector, formats) -> Published | None:
    """For pages no profile describes: dates in elements whose class or id says date, outside the
    header and footer; one with a time of day wins over a bare date."""
    bare = None
    for element, text in _date_candidates(document):
        moment = parse_visible_date(text, formats)
        if moment is None:
            continue
        if moment.hour or moment.minute or re.search(r"\d{1,2}:\d{2}", text):
            return Published(to_iso(moment), "visible", element)
        bare = bare or Published(to_iso(moment), "visible", element)
    return bare


def is_dateline(paragraph: str) -> bool:
    """A line that only says when ("Ngày đăng 18/03/2019 | 03:10 PM Lượt xem: 1523")."""
    if len(paragraph) > _MAX_DATELINE or parse_visible_date(paragraph, all_family_date_formats()) is None:
        return False
    rest = DATELINE_WORDS.sub(" ", paragraph)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 1


def dateline_date(datelines: list[str], profile: Profile | None) -> Published | None:
    """The date of the first dateline the generic reader took out of the body."""
    if datelines and (moment := parse_visible_date(datelines[0], date_formats(profile))):
        return Published(to_iso(moment), "visible")
    return None


def generic_published(document: Selector, profile: Profile | None, dateline: Published | None, guess: str | None) -> Published | None:
    """Machine markup (the profile's selectors, then any CMS's), a date-labelled element, the
    body's dateline, and last htmldate's guess, which has no time of day."""
    selectors = (*(profile.article.published_at if profile else ()), *GENERIC_MACHINE_SELECTORS)
    if found := machine_date(document, selectors) or guessed_visible_date(document, date_formats(profile)) or dateline:
        return found
    moment = parse_machine_date(guess or "")
    return Published(to_iso(moment), "heuristic") if moment else None
