"""A page and a profile in, an article record out: the one extraction path of crawls and tools.

The page is decoded and parsed once; each field is read by its module under extraction/fields/,
the profile's reader first. Here, and only here, is decided when the generic reader runs: on
pages no profile claims, and on article pages where the profile's selectors miss a required
field (title, body, date). Then its values fill the missing fields, the record says
``"extraction": "fallback"`` and ``fallback_fields`` names what came from it — which is how
template drift shows in a crawl. The record itself is put together in one place, `_record`.
"""

import re
from dataclasses import dataclass

from lxml import etree
from parsel import Selector

from extraction.article_region import article_region
from extraction.fields import media
from extraction.fields.body import (
    body_by_profile, lead_by_profile, lead_from_description, lead_set_apart, lines_of_the_body, lines_outside_furniture_boxes,
    lines_outside_link_lists,
    read_with_trafilatura, source_elements,
)
from extraction.fields.byline import (
    Byline, block_of, byline_outside_body, generic_byline, is_site_or_organisation, site_names, split_byline,
)
from extraction.fields.published import Dates, dateline_date, generic_published, is_dateline, published_by_profile
from extraction.fields.taxonomy import GENERIC_BREADCRUMB, breadcrumb, category_by_profile, category_from, tags_by_profile
from extraction.fields.title import generic_title, headline_element, title_by_profile
from extraction.furniture import Furniture
from extraction.html_blocks import remove
from extraction.page import Page
from extraction.parsed_page import ParsedPage, is_vietnamese, parse
from extraction.profiles import Discovery, Profile
from extraction.selection import elements, first, first_element
from extraction.shape import has_article_shape, is_home_page, is_run_of_teasers, shows_document, teasers_of
from extraction.urls import absolute_url, canonicalize_url
from record.fields import CONTENT_FIELDS, REQUIRED_FIELDS, SCHEMA_VERSION, fetched_at, is_empty, language_of, set_by_the_crawl

# Past these sizes a page is archived but not extracted, so that one huge page cannot hold a
# crawl for minutes (see PageTooLarge). The profile's reader costs about half a second of CPU per
# MB; the generic reader five times that, and more than linearly, so it has a lower bound.
MAX_EXTRACTION_BYTES = 8 * 2**20
MAX_GENERIC_BYTES = 2 * 2**20
_GENERIC_CANONICAL = ("link[rel='canonical']::attr(href)", "meta[property='og:url']::attr(content)")
# Pages of unknown sites: only the parameters every site uses for tracking are dropped.
_NO_PROFILE = Profile(name="none", family="none", discovery=Discovery(drop_query_params=("utm_*", "fbclid", "gclid", "jsessionid")))
# What comes with a required field when the generic reader supplies it: a body the profile could
# not find means its byline, lead, images and attachments were missed too.
_COMPANIONS = {
    "title": (),
    "body_text": ("paragraphs", "lead", "author", "source", "images", "attachments"),
    "published_at": (),
}


class PageTooLarge(ValueError):
    """A page over an extraction limit: archived, but not read for a record. The message is the
    reason to record ("not extracted: page of 50.0 MB over the 8 MB extraction limit")."""

    def __init__(self, size: int, limit: int, which: str = "extraction limit"):
        super().__init__(f"not extracted: page of {size / 2**20:.1f} MB over the {limit / 2**20:g} MB {which}")
        self.size, self.limit = size, limit


@dataclass
class _Reading:
    """What one reader (the profile's or the generic one) found on a page."""
    content: dict  # the record's CONTENT_FIELDS, and published_at_source and published_at_machine after published_at
    canonical_link: str | None
    language: str
    # Required fields the page has an element for, empty: the generic reader is not to fill them.
    empty_on_the_page: frozenset[str] = frozenset()


def _profile_verdict(page: Page, document: Selector, profile: Profile) -> bool | None:
    """True: an article of the profile's; False: the profile knows it is not one (`not_article`,
    or a document its ``[document]`` section reads and its article rules do not claim: the
    generic reader would take the document's header table and related list for an article);
    None: the profile does not recognise the page (its URL patterns or `detect` miss)."""
    rules = profile.article
    if any(elements(document, s) for s in rules.not_article):
        return False
    if profile.discovery.article_urls:
        claimed = any(re.search(p, page.url) for p in profile.discovery.article_urls)
    else:
        claimed = any(elements(document, s) for s in rules.detect)
    if claimed:
        return True
    return False if profile.document and shows_document(document, profile.document) else None


def _content(title: str, lead: str | None, paragraphs: list[str], byline: Byline, dates: Dates,
             category: str | None, trail: list[str], tags: list[str], images: list[dict], attachments: list[dict]) -> dict:
    return {
        "title": title, "lead": lead, "body_text": "\n\n".join(paragraphs), "paragraphs": paragraphs,
        "author": byline.author, "source": byline.source,
        "published_at": dates.published.iso if dates.published else None,
        "published_at_source": dates.published.source if dates.published else None,
        "published_at_machine": dates.machine.iso if dates.machine else None,
        "category": category, "breadcrumb": trail, "tags": tags, "images": images, "attachments": attachments,
    }


def _base_url(document: Selector, url: str) -> str:
    hrefs = [href for base in elements(document, "base") if (href := base.get("href")) is not None]
    # (Without a <base href>, the page's own URL: what absolute_url(url, "") or url gives.)
    return (absolute_url(url, hrefs[0]) or url) if hrefs else url


def _canonical_link(document: Selector, selectors, base_url: str) -> str | None:
    found = first(document, selectors, lambda href: absolute_url(base_url, href) if href.strip() else None)
    return found.value if found else None


def _declared_language(document: Selector) -> str | None:
    root = document.root  # the document element: /html/@lang, read without XPath
    return (root.get("lang") if root.tag == "html" else None) or document.xpath("/html/@xml:lang").get()


def _remove_boilerplate(document: Selector, profile: Profile) -> None:
    for selector in profile.boilerplate.selectors:
        for element in elements(document, selector):
            remove(element)


def _read_by_profile(parsed: ParsedPage, profile: Profile) -> _Reading:
    """Every field as the profile's selectors read it; fields they miss stay empty. What is read
    from the whole page comes first: the profile's boilerplate is then removed from the tree."""
    document, rules = parsed.document, profile.article
    furniture = Furniture.of(profile)
    base_url = _base_url(document, parsed.url)
    names = site_names(document)
    canonical = _canonical_link(document, rules.canonical, base_url)
    title = title_by_profile(document, rules.title, furniture)
    dates = published_by_profile(document, profile)
    tags = tags_by_profile(document, rules.tags)
    category = category_by_profile(document, rules.category)
    # Without the article's root, images and files come from the body alone: a whole page's are
    # logos and banners.
    root_selector = first_element(document, rules.root) or first_element(document, rules.body)
    root = root_selector.root if root_selector is not None else None
    attachments = media.attachments(root, base_url, rules.attachments) if root is not None else []
    outside_byline = byline_outside_body(document, rules.byline, furniture)

    _remove_boilerplate(document, profile)

    trail = breadcrumb(document, rules.breadcrumb)
    scope = Selector(root=root if root is not None else document.root)
    lead = lead_by_profile(scope, rules.lead)
    images = media.images(root, base_url, rules.images, rules.image_captions) if root is not None else []
    paragraphs, set_apart, body_located = body_by_profile(scope, rules.body, furniture, title, lead, dates.published.element if dates.published else None)
    if paragraphs and is_dateline(paragraphs[0]):
        paragraphs = paragraphs[1:]  # a date line pasted above the text (the source outlet's) only says when
    paragraphs, byline = split_byline(paragraphs)
    author = next((a for a in (byline.author, set_apart.author, outside_byline.author) if a and not is_site_or_organisation(a, names)), None)
    byline = Byline(author=author, source=byline.source or set_apart.source or outside_byline.source)
    title_text = title.value if title else ""
    content = _content(title_text, lead.value if lead else None, paragraphs, byline, dates,
                       category or category_from(trail, title_text), trail, tags, images, attachments)
    empty = frozenset({"body_text"} if body_located and not paragraphs else ())
    return _Reading(content, canonical, language_of(_declared_language(document), profile.language), empty)


def _outside_teasers(document: Selector, lines: list[str], sources: list, title: str,
                     region: etree._Element | None) -> tuple[list[str], list] | None:
    """The lines (each with its source element, all in the `region` when there is one) not in
    teasers of a list, which announce other pages (related news beside an article); None when the
    lines are a listing's run of teasers."""
    teasers = teasers_of(document, sources, region)
    if is_run_of_teasers(lines, teasers, title):
        return None
    kept = [(line, source) for line, source, teaser in zip(lines, sources, teasers) if teaser is None]
    return [line for line, _ in kept], [source for _, source in kept]


def _after_the_headline(lines: list[str], title: str) -> list[str]:
    """The lines after the headline's, when the generic reader's text holds it: what it found
    above the headline is the page's frame (a menu entry, the section's name), never the body."""
    folded = [line.casefold() for line in lines]
    return lines[folded.index(title.casefold()) + 1:] if title and title.casefold() in folded else lines


def _read_generically(parsed: ParsedPage, profile: Profile | None) -> _Reading | None:
    """Every field as trafilatura and, on Vietnamese pages, the portal rules read it; None when
    the text it finds is a listing's run of teasers (extraction/shape.py)."""
    document = parsed.document
    vietnamese = is_vietnamese(document)
    furniture = Furniture.of(profile)
    headline = headline_element(document, furniture) if vietnamese else None
    region = article_region(document, headline)
    extracted = read_with_trafilatura(parsed, parsed.url, vietnamese, region)
    base_url = _base_url(document, parsed.url)
    trail = breadcrumb(document, profile.article.breadcrumb if profile else GENERIC_BREADCRUMB)
    if vietnamese:
        title = generic_title(headline, lambda: extracted.title, furniture)
        lines, sources = lines_outside_link_lists(*lines_outside_furniture_boxes(document, extracted.lines, furniture, headline, region))
        if (kept := _outside_teasers(document, lines, sources, title, region)) is None:
            return None
        lines, sources = kept
        blocks = {line: block for line, source in zip(lines, sources) if (block := block_of(source)) is not None}
        images, attachments = media.media_around_text(lines, sources, base_url)
        lines = lines_of_the_body(_after_the_headline(lines, title), title, trail, images)
        datelines = [line for line in lines if is_dateline(line)]
        dateline = dateline_date(datelines, profile)
        lines, byline = generic_byline([line for line in furniture.strip(lines) if line not in datelines], blocks,
                                       lambda: extracted.author, site_names(document))
        lead = lead_from_description(document, lines) or lead_set_apart(lines, blocks)
        lines = lines[1:] if lead else lines
    else:
        title, lines, lead, dateline, byline = extracted.title, list(extracted.lines), None, None, Byline(author=extracted.author)
        if (kept := _outside_teasers(document, lines, source_elements(document, lines), title, None)) is None:
            return None
        lines, sources = kept
        images, attachments = media.media_around_text(lines, sources, base_url)
        if lines and title and lines[0].casefold() == title.casefold():
            lines.pop(0)  # the headline is the title field, not the body's first paragraph
    dates = generic_published(document, profile, dateline, None, headline)
    if dates.published is None:  # htmldate's guess is the last resort, and costs a reading of the whole page
        dates = generic_published(document, profile, dateline, extracted.date_guess, headline)
    content = _content(title, lead, lines, byline, dates, category_from(trail, title), trail, [], images, attachments)
    return _Reading(content, _canonical_link(document, _GENERIC_CANONICAL, base_url),
                    language_of(_declared_language(document), "vi" if vietnamese else "und"))


def _fill_in(content: dict, generic: dict, empty_on_the_page: frozenset[str]) -> list[str]:
    """The missing required fields (and their companions) of the profile's `content`, from the
    generic reader's, in place; the names of the fields filled in."""
    filled = []
    for field in REQUIRED_FIELDS:
        if not is_empty(content[field]) or is_empty(generic[field]) or field in empty_on_the_page:
            continue
        for name in (field, *_COMPANIONS[field]):
            if is_empty(content[name]) and not is_empty(generic[name]):
                content[name] = generic[name]
                filled.append(name)
    if "published_at" in filled:
        content["published_at_source"] = generic["published_at_source"]
        content["published_at_machine"] = content["published_at_machine"] or generic["published_at_machine"]
    if "paragraphs" in filled:
        # The generic body may open with what the profile already read as headline or lead.
        content["paragraphs"] = [p for p in content["paragraphs"] if p not in (content["title"], content["lead"])]
        content["body_text"] = "\n\n".join(content["paragraphs"])
    return [f for f in CONTENT_FIELDS if f in filled]


def _only_a_file(content: dict, document: Selector, url: str) -> bool:
    """No text, and a file to see (an attachment, a PDF in a viewer): what the page shows is the
    file, not an article (body_text is required, and a title or "see the file" is not its text)."""
    return is_empty(content["body_text"]) and bool(content["attachments"] or media.embedded_files(document, url))


def _record(page: Page, parsed: ParsedPage, reading: _Reading, profile: Profile | None, extraction: str,
            fallback_fields: list[str]) -> dict | None:
    """The article record: the one place its fields are put together; None for a page whose only
    content is a file."""
    if _only_a_file(reading.content, parsed.document, page.url):
        return None
    return {
        "schema_version": SCHEMA_VERSION,
        "url": page.url,
        "canonical_url": canonicalize_url(reading.canonical_link or page.url, profile or _NO_PROFILE),
        **reading.content,
        "language": reading.language,
        "fetched_at": fetched_at(page.fetched_at),
        "profile": profile.name if profile else None,
        "extraction": extraction,
        "fallback_fields": fallback_fields,
        "text_encoding_note": parsed.encoding_note,
        "warc": None,
        **set_by_the_crawl(),
    }


def _generic_record(page: Page, parsed: ParsedPage, profile: Profile | None) -> dict | None:
    """The generic reader's record of a page no profile reads; None for a site's home page and for
    a listing, whose text is a run of teasers."""
    if is_home_page(page.url):
        return None
    generic = _read_generically(parsed, profile)
    if generic is None:
        return None
    return _record(page, parsed, generic, profile, "fallback", [f for f in CONTENT_FIELDS if not is_empty(generic.content[f])])


def extract_article(page: Page, profile: Profile | None, *, parsed: ParsedPage | None = None) -> dict | None:
    """The article record of a page, or None when the profile says the page is not an article, or
    does not recognise it and it has no article's shape (extraction/shape.py); a page with that
    shape is read by the generic reader, and its record says ``"extraction": "fallback"``.

    Without a profile the generic reader reads the page; it gives no record for a listing or a
    home page. A page whose only content is a file (a PDF in a viewer, a download) and no text
    is not an article either: its file is archived with the page (media.embedded_files), and no
    text is made up for it. Other required fields may still come out empty: validation
    downstream decides what a record must have. A page over MAX_EXTRACTION_BYTES, or over
    MAX_GENERIC_BYTES when the generic reader is needed, raises PageTooLarge, whose message is
    the reason to record. `parsed` is the page already parsed (a crawl reads its links from the
    same tree first: extraction/page_reading.py); the profile's reader cuts it up.
    """
    if len(page.body) > MAX_EXTRACTION_BYTES:
        raise PageTooLarge(len(page.body), MAX_EXTRACTION_BYTES)
    if profile is None and len(page.body) > MAX_GENERIC_BYTES:
        raise PageTooLarge(len(page.body), MAX_GENERIC_BYTES, "limit of the generic reader")
    parsed = parsed or parse(page)
    if profile is None:
        return _generic_record(page, parsed, None)
    profile = profile.at(page.fetched_at)
    verdict = _profile_verdict(page, parsed.document, profile)
    if verdict is False:
        return None
    if verdict is None:
        # No page with an article's shape is lost to a profile that does not know its template.
        if not has_article_shape(parsed.document):
            return None
        if len(page.body) > MAX_GENERIC_BYTES:
            raise PageTooLarge(len(page.body), MAX_GENERIC_BYTES, "limit of the generic reader")
        return _generic_record(page, parsed, profile)
    reading = _read_by_profile(parsed, profile)
    if all(not is_empty(reading.content[field]) or field in reading.empty_on_the_page for field in REQUIRED_FIELDS):
        return _record(page, parsed, reading, profile, "profile", [])
    if len(page.body) > MAX_GENERIC_BYTES:
        raise PageTooLarge(len(page.body), MAX_GENERIC_BYTES, "limit of the generic reader, which the profile's missing fields need")
    # A fresh tree (the profile's reader has cut this one up), without the profile's boilerplate:
    # the generic reader is to find what the profile missed, not the frames around it.
    fresh = parsed.reparsed()
    _remove_boilerplate(fresh.document, profile)
    generic = _read_generically(fresh, profile)
    filled = _fill_in(reading.content, generic.content, reading.empty_on_the_page) if generic else []
    return _record(page, parsed, reading, profile, "fallback" if filled else "profile", filled)
