"""Every field of an article record read with a profile's selectors (the profile path)."""

import re
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector

from extraction import media
from extraction.byline import Byline, merge_photo_credit, read_byline_line, split_byline
from extraction.furniture import Furniture
from extraction.html_blocks import paragraphs, remove
from extraction.published import machine_date, visible_date
from record.fields import SCHEMA_VERSION, fetched_at, language_of, set_by_the_crawl
from extraction.selection import contains, first, first_element, values
from extraction.text import normalize_text
from extraction.profiles import Profile
from extraction.urls import canonicalize_url

_BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:»|›|>|/|\||→)\s*")
# Longer than this, a "date" element is a container that happens to hold the date: keep it.
_MAX_DATELINE = 200


def _title_reader(document: Selector, furniture: Furniture):
    """Accept a headline unless it is the site's name or a portlet header ("TIN TỨC - SỰ KIỆN")."""
    site_names = {normalize_text(n).casefold() for n in document.css("meta[property='og:site_name']::attr(content)").getall()}

    def read(text: str) -> str | None:
        title = normalize_text(text)
        if not title or title in furniture or title.casefold() in site_names:
            return None
        return title
    return read


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


def _byline_outside_body(document: Selector, selectors) -> Byline:
    found = Byline()
    for selector in selectors:
        for element in document.css(selector):
            for line in paragraphs(element.root):
                if read := read_byline_line(line):
                    found = Byline(found.author or read.author, found.source or read.source, found.photo or read.photo)
    return merge_photo_credit(found)


def _detach_from(body: etree._Element, elements) -> None:
    """Title, lead and date are fields of their own: out of the body when a template puts them in it."""
    for element in elements:
        if element is not None and contains(body, element) and not contains(element, body):
            remove(element)


def read_with_profile(url: str, document: Selector, profile: Profile, fetched=None) -> dict:
    """The record as the profile's selectors read it; fields they miss stay empty.

    Removes the profile's boilerplate from `document`, so a second reading needs a fresh parse.
    """
    rules = profile.article
    furniture = Furniture.of(profile)
    base_url = urljoin(url, document.css("base::attr(href)").get() or "")
    canonical = first(document, rules.canonical, lambda href: urljoin(base_url, href.strip()) if href.strip() else None)
    title = first(document, rules.title, _title_reader(document, furniture))
    published = machine_date(document, rules.published_at) or visible_date(document, rules.published_at_visible, rules.date_formats)
    tags = list(dict.fromkeys(tag for selector in rules.tags for tag in map(normalize_text, values(document, selector)) if tag))
    category = first(document, rules.category)
    # Without the article's root, images and files come from the body alone: a whole page's are
    # logos and banners.
    root_selector = first_element(document, rules.root) or first_element(document, rules.body)
    root = root_selector.root if root_selector is not None else None
    attachments = media.attachments(root, base_url, rules.attachments) if root is not None else []
    outside_byline = _byline_outside_body(document, rules.byline)

    for selector in profile.boilerplate.selectors:
        for element in document.css(selector):
            remove(element.root)

    trail = breadcrumb(document, rules.breadcrumb)
    scope = Selector(root=root if root is not None else document.root)
    lead = first(scope, rules.lead)
    images = media.images(root, base_url, rules.images, rules.image_captions) if root is not None else []
    body = first_element(scope, rules.body)
    body_paragraphs: list[str] = []
    if body is not None:
        dateline = published.element if published and published.element is not None else None
        if dateline is not None and len(normalize_text(" ".join(dateline.itertext()))) > _MAX_DATELINE:
            dateline = None
        _detach_from(body.root, [title and title.element, lead and lead.element, dateline])
        body_paragraphs = furniture.strip(paragraphs(body.root))
    lead_text = lead.value if lead else None
    title_text = title.value if title else ""
    body_paragraphs = [p for p in body_paragraphs if p != title_text]
    if lead_text and body_paragraphs and body_paragraphs[0] == lead_text:
        body_paragraphs.pop(0)
    body_paragraphs, byline = split_byline(body_paragraphs)

    return {
        "schema_version": SCHEMA_VERSION,
        "url": url,
        "canonical_url": canonicalize_url(canonical.value if canonical else url, profile),
        "title": title_text,
        "lead": lead_text,
        "body_text": "\n\n".join(body_paragraphs),
        "paragraphs": body_paragraphs,
        "author": byline.author or outside_byline.author,
        "source": byline.source or outside_byline.source,
        "published_at": published.iso if published else None,
        "published_at_source": published.source if published else None,
        "category": category.value if category else category_from(trail, title_text),
        "breadcrumb": trail,
        "tags": tags,
        "images": images,
        "attachments": attachments,
        "language": language_of(document.xpath("/html/@lang").get() or document.xpath("/html/@xml:lang").get(), profile.language),
        "fetched_at": fetched_at(fetched),
        "profile": profile.name,
        "extraction": "profile",
        "fallback_fields": [],
        "text_encoding_note": None,
        "warc": None,
        **set_by_the_crawl(),
    }
