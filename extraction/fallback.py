"""The generic fallback: trafilatura's extraction, in the shape of an article record.

For pages no profile claims, and for fields a profile's selectors miss. On any page the body is
trafilatura's, with the settings that score best in article-extraction benchmarks: the default
"balanced" focus, which trafilatura 2.3 tunes on them and which already retries in recall mode
when it finds little (favor_precision gives up the baseline rescue and loses recall;
favor_recall lets in more of what surrounds the article), with readers' comments left out as the
benchmarks' ground truth and our records do. Only when the page is Vietnamese do the portal
rules of PORTALS.md apply on top: layout tables read as blocks, legacy text repaired, furniture,
the headline, the dateline and image captions out of the body, the closing byline into
``author``/``source``. Other pages keep trafilatura's text as it is, less a first line that only
repeats the headline.
"""

from dataclasses import dataclass, field
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from parsel import Selector

from extraction import media
from extraction.byline import split_byline
from extraction.dates import parse_machine_date, parse_visible_date, to_iso
from extraction.furniture import Furniture
from extraction.html_blocks import text_of
from extraction.page import Page
from extraction.parsed_page import ParsedPage, is_vietnamese, parse
from extraction.portal_text import (
    common_ancestor, furniture_headings, in_furniture_box, is_dateline, lead_from_description, portal_title, source_elements,
    unwrap_layout_tables,
)
from extraction.profile_fields import breadcrumb, category_from
from extraction.published import (
    GENERIC_MACHINE_SELECTORS, Published, all_family_date_formats, guessed_visible_date, machine_date,
)
from record.fields import CONTENT_FIELDS, SCHEMA_VERSION, fetched_at, is_empty, language_of, set_by_the_crawl
from extraction.selection import first
from extraction.text import normalize_text
from extraction.profiles import Discovery, Profile
from extraction.urls import canonicalize_url

# Settings of trafilatura.extract that the body comes from; see the module docstring.
TRAFILATURA_OPTIONS = {"include_comments": False}
_GENERIC_BREADCRUMB = ("#breadcrumb .breadcrumb", ".breadcrumb", "#breadcrumbs", "[class*='breadcrumb']", "nav[aria-label='breadcrumb']")
_PARAGRAPH_WORDS = 8
_GENERIC_CAPTIONS = (".image-caption", ".caption", "figcaption", ".image-field-caption", ".ms-rteStyle-Caption")
# Pages of unknown sites: only the parameters every site uses for tracking are dropped.
_NO_PROFILE = Profile(name="none", family="none", discovery=Discovery(drop_query_params=("utm_*", "fbclid", "gclid", "jsessionid")))


def _date_formats(profile: Profile | None) -> tuple[str, ...]:
    return profile.article.date_formats if profile is not None else all_family_date_formats()


def _published(document: Selector, profile: Profile | None, dateline: Published | None, guess: str | None) -> Published | None:
    selectors = (*(profile.article.published_at if profile else ()), *GENERIC_MACHINE_SELECTORS)
    if found := machine_date(document, selectors) or guessed_visible_date(document, _date_formats(profile)) or dateline:
        return found
    # htmldate's guess (from the URL, headers or text) has no time of day: the last resort.
    moment = parse_machine_date(guess or "")
    return Published(to_iso(moment), "heuristic") if moment else None


def _trafilatura(parsed: ParsedPage, url: str, vietnamese: bool):
    """trafilatura on the page as it came, except on Vietnamese pages: their legacy text repaired
    and their layout tables unwrapped, which trafilatura would read as one row of a data table."""
    source = parsed.text
    if vietnamese:
        unwrap_layout_tables(parsed.document.root)
        source = etree.tostring(parsed.document.root, encoding="unicode", method="html")
    return trafilatura.bare_extraction(source, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)


@dataclass
class _Body:
    title: str
    lines: list[str]
    lead: str | None = None
    author: str | None = None
    source: str | None = None
    images: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    dateline: Published | None = None


def _media(body: _Body, document: Selector, sources, base_url: str) -> None:
    """Images and attachments under the element holding the extracted text. Short lines (a
    section name, a menu entry) have namesakes all over the page: paragraphs place it better."""
    placed = [(line, e) for line, e in zip(body.lines, sources) if e is not None]
    long = [e for line, e in placed if len(line.split()) >= _PARAGRAPH_WORDS]
    root = common_ancestor(long if len(long) >= 2 else [e for _, e in placed])
    if root is not None:
        body.images = media.images(root, base_url, ("img",), _GENERIC_CAPTIONS)
        body.attachments = media.attachments(root, base_url, ())


def _portal_body(body: _Body, document: Selector, profile: Profile | None, base_url: str, trail: list[str]) -> None:
    """PORTALS.md on top of trafilatura: headline, furniture, captions, dateline and byline out."""
    furniture = Furniture.of(profile)
    headline = portal_title(document, furniture)
    body.title = text_of(headline) if headline is not None else (body.title if body.title not in furniture else "")
    boxes = furniture_headings(document, furniture)
    sources = source_elements(document, body.lines)
    placed = [e for e in sources if e is not None]
    kept = [(line, e) for line, e in zip(body.lines, sources) if e is None or not in_furniture_box(e, boxes, headline, placed)]
    body.lines = [line for line, _ in kept]
    _media(body, document, [e for _, e in kept], base_url)
    captions = {i["caption"] for i in body.images if i["caption"]}
    # The headline, the section's name (a breadcrumb entry) and captions are not body text.
    not_body = {body.title.casefold(), *(c.casefold() for c in trail)}
    lines = [line for line in body.lines if line.casefold() not in not_body and line not in captions]
    datelines = [line for line in lines if is_dateline(line)]
    if datelines and (moment := parse_visible_date(datelines[0], _date_formats(profile))):
        body.dateline = Published(to_iso(moment), "visible")
    lines, byline = split_byline([line for line in furniture.strip(lines) if line not in datelines])
    if not byline.author and body.author and lines and lines[-1] == body.author:
        lines.pop()  # the closing name the page's metadata names as author: a byline in any case
    body.author, body.source = byline.author or body.author, byline.source
    body.lead = lead_from_description(document, lines)
    body.lines = lines[1:] if body.lead else lines


def extract_with_fallback(page: Page, profile: Profile | None = None) -> dict:
    """The record of any page, read by trafilatura plus, on Vietnamese pages, the portal rules."""
    parsed = parse(page)
    document = parsed.document
    vietnamese = is_vietnamese(document)
    extracted = _trafilatura(parsed, page.url, vietnamese)
    base_url = urljoin(page.url, document.css("base::attr(href)").get() or "")
    body = _Body(
        title=normalize_text(extracted.title) if extracted else "",
        lines=[t for t in map(normalize_text, (extracted.text or "").splitlines()) if t] if extracted else [],
        author=normalize_text(extracted.author) or None if extracted else None,
    )
    trail = breadcrumb(document, profile.article.breadcrumb if profile else _GENERIC_BREADCRUMB)
    if vietnamese:
        _portal_body(body, document, profile, base_url, trail)
    else:
        _media(body, document, source_elements(document, body.lines), base_url)
        if body.lines and body.title and body.lines[0].casefold() == body.title.casefold():
            body.lines.pop(0)  # the headline is the title field, not the body's first paragraph
    published = _published(document, profile, body.dateline, extracted.date if extracted else None)
    canonical = first(document, ("link[rel='canonical']::attr(href)", "meta[property='og:url']::attr(content)"),
                      lambda href: urljoin(base_url, href.strip()) if href.strip() else None)
    declared_language = document.xpath("/html/@lang").get() or document.xpath("/html/@xml:lang").get()
    record = {
        "schema_version": SCHEMA_VERSION,
        "url": page.url,
        "canonical_url": canonicalize_url(canonical.value if canonical else page.url, profile or _NO_PROFILE),
        "title": body.title,
        "lead": body.lead,
        "body_text": "\n\n".join(body.lines),
        "paragraphs": body.lines,
        "author": body.author,
        "source": body.source,
        "published_at": published.iso if published else None,
        "published_at_source": published.source if published else None,
        "category": category_from(trail, body.title),
        "breadcrumb": trail,
        "tags": [],
        "images": body.images,
        "attachments": body.attachments,
        "language": language_of(declared_language, "vi" if vietnamese else "und"),
        "fetched_at": fetched_at(page.fetched_at),
        "profile": profile.name if profile else None,
        "extraction": "fallback",
        "fallback_fields": [],
        "text_encoding_note": parsed.encoding_note,
        "warc": None,
        **set_by_the_crawl(),
    }
    record["fallback_fields"] = [f for f in CONTENT_FIELDS if not is_empty(record[f])]
    return record
