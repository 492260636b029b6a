"""One page of a crawl read once: parsed into one tree that gives its links, what else it names,
the profile that reads it, its article record (checked against the schema) and its document part.

The crawl runs `read_page` in worker processes beside it (crawler/page_reader.py), so it is
Scrapy-free and takes and gives only plain, picklable values. Everything read from the whole page
is read before the article's reader runs: the profile's reader removes boilerplate from the tree
in place. Only a page that carries a ``__doPostBack`` pager is looked at again in the crawl, where
form2request builds its requests from Scrapy's own response.
"""

import re
from dataclasses import dataclass, field

from extraction.article import PageTooLarge, extract_article
from extraction.document import extract_document
from extraction.fields.media import embedded_files
from extraction.links import base_url, page_links, url_encoding
from extraction.page import Page
from extraction.page_discovery import (attribute_markup, linked_files, load_more_endpoints, looks_like_article,
                                        visible_text_fingerprint)
from extraction.parsed_page import ParsedPage, parse
from extraction.profiles import Profile, profile_for_url
from extraction.resolve import resolve_profile
from extraction.shape import shows_document
from extraction.url_join import join
from record.ledger import content_hash
from record.schema import problems


@dataclass(frozen=True)
class ReadingRules:
    """What the crawl asks of one page: how to choose its profile, which links it keeps out."""
    # A profile the crawl was given (--profile): it reads every page.
    pinned: Profile | None = None
    # The site's profile once recognised; `site_claims`: a site profile claiming the host, which
    # then reads every page (a family only reads pages that show no other family's markers).
    site: Profile | None = None
    site_claims: bool = False
    # Auto, and no page has named the site's family yet: this one does.
    recognise: bool = False
    deny_urls: tuple[str, ...] = ()
    # A postback's answer has no URL of its own to cite (its URL is the listing's): never a record.
    records: bool = True
    warc: dict | None = None  # the records' provenance, so that their schema check runs here too
    # Whether the crawl fetches page requisites: if not, they (and the files shown in frames) are not read.
    requisites: bool = True


@dataclass(frozen=True)
class SiteRecognition:
    """What the first page read said about the site: its profile (None: no family), the markers shown."""
    profile: Profile | None
    markers: tuple[str, ...]
    by_site_profile: bool


@dataclass
class PageReading:
    links: list[str]
    requisites: list[str]  # images, stylesheets, scripts, icons: absolute, as written
    embedded_files: list[str]  # files shown in frames (a PDF viewer)
    feeds: list[str]  # declared in the head
    load_more: list[str]  # endpoints of "Xem thêm" buttons
    looks_like_article: bool
    text_fingerprint: bytes  # of the visible text (the trap guard's copies)
    postback_pager: bool  # the page names __doPostBack: the crawl reads its form
    recognition: SiteRecognition | None = None
    profile_chosen: bool = False  # whether `profile` was chosen (records are asked for)
    profile: Profile | None = None  # None: the generic reader's page
    record: dict | None = None
    problems: tuple[str, ...] = ()  # what the record schema finds wrong with `record`
    content_hash: str | None = None  # of `record` (record/ledger.py): the crawl's version pipeline reads it
    failure: str | None = None  # why the page gave no record although it may hold one (PageTooLarge)
    document: dict | None = None  # the page's part of a legal document
    # The page's <a href>s (joined to its base, scripts and mail left out), when it shows a
    # document: its other tabs are among them.
    document_links: list[str] = field(default_factory=list)


def _family(page: Page, parsed: ParsedPage) -> Profile | None:
    """resolve_profile(page=page), on the tree at hand unless legacy-encoded text was converted in
    it: families are chosen on the text as served."""
    as_served = parsed.document if parsed.encoding_note == parsed.decoded.note else None
    return resolve_profile(page=page, document=as_served)


def _recognise(page: Page, parsed: ParsedPage) -> SiteRecognition:
    site_profile = profile_for_url(page.url)
    profile = site_profile or _family(page, parsed)
    markers = tuple(s for s in profile.markers if parsed.document.css(s)) if profile else ()
    return SiteRecognition(profile, markers, site_profile is not None)


def _profile_of(page: Page, parsed: ParsedPage, rules: ReadingRules, recognition: SiteRecognition | None) -> Profile | None:
    """The profile that reads the page (crawler/profile_choice.py says how a crawl chooses)."""
    if rules.pinned is not None:
        return rules.pinned
    site, claims = rules.site, rules.site_claims
    if recognition is not None:
        site, claims = recognition.profile, recognition.by_site_profile
    if claims:
        return site
    return _family(page, parsed) or site


def read_page(page: Page, rules: ReadingRules) -> PageReading:
    parsed = parse(page)
    root = parsed.document.root
    encoding = url_encoding(page.content_type, page.body)
    base = base_url(parsed.text, page.url, encoding)
    recognition = _recognise(page, parsed) if rules.recognise else None
    names = attribute_markup(parsed.decoded.utf8)
    deny = rules.deny_urls
    if recognition is not None and recognition.profile is not None:
        deny = recognition.profile.discovery.deny_urls  # the crawl follows the recognised family's rules from now on
    files, feeds = linked_files(root, base)
    reading = PageReading(
        links=page_links(root, page.url, base, encoding, tuple(re.compile(p) for p in deny)),
        requisites=files if rules.requisites else [],
        embedded_files=embedded_files(parsed.document, page.url) if rules.requisites else [],
        feeds=feeds,
        load_more=load_more_endpoints(root, base, names),
        looks_like_article=looks_like_article(root, names),
        text_fingerprint=visible_text_fingerprint(root),
        postback_pager=b"__doPostBack" in page.body,
        recognition=recognition,
    )
    if not rules.records:
        return reading
    profile = _profile_of(page, parsed, rules, recognition)
    reading.profile_chosen, reading.profile = True, profile
    shows = profile is not None and profile.document is not None and shows_document(parsed.document, profile.document)
    if shows:
        hrefs = (href.strip() for href in root.xpath("//a/@href"))
        reading.document_links = [url for href in hrefs if href and not href.lower().startswith(("javascript:", "mailto:", "#"))
                                  and (url := join(base, href))]
    try:
        reading.record = extract_article(page, profile, parsed=parsed)
    except PageTooLarge as too_large:  # archived whole all the same; the reason goes with the failures
        reading.failure = str(too_large)
    if reading.record is not None:
        reading.record["warc"] = rules.warc
        reading.problems = tuple(problems(reading.record))
        reading.content_hash = content_hash(reading.record)
    if shows:
        try:
            reading.document = extract_document(page, profile, parsed=parsed.reparsed())
        except PageTooLarge:
            pass  # the article's reading says why
        if reading.document is not None:
            reading.document["warc"] = rules.warc
    return reading
