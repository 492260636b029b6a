"""A page and a profile in, an article record out: the one extraction path of crawls and tools."""

import json
import mimetypes
import re
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from crawler.parsers.byline import split_byline
from crawler.parsers.dates import parse_machine_date, parse_visible_date, to_iso
from crawler.parsers.html_blocks import is_all_italic, paragraphs, remove, text_of
from crawler.parsers.page import Page
from crawler.parsers.text import normalize_text, optional_text
from crawler.profiles import Profile
from crawler.urls import canonicalize_url

SCHEMA_VERSION = "1.0"
_ATTRIBUTE = re.compile(r"^(?P<css>.*?)::attr\((?P<name>[^)]+)\)$")
_BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:»|›|>|/|\||→)\s*")
_DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".rtf", ".zip", ".rar", ".7z")


def _values(scope: Selector, selector: str) -> list[str]:
    """Text (or attribute values, with ``::attr(name)``) of every element the selector matches."""
    if match := _ATTRIBUTE.match(selector):
        return scope.css(f"{match['css']}::attr({match['name']})").getall()
    return [text_of(el.root) for el in scope.css(selector)]


def _first(scope: Selector, selectors, read=normalize_text):
    """The first non-empty value of the first selector that yields one, and that selector."""
    for selector in selectors:
        for value in _values(scope, selector):
            if result := read(value):
                return result, selector
    return None, None


def _first_element(scope: Selector, selectors) -> Selector | None:
    for selector in selectors:
        if found := scope.css(selector):
            return found[0]
    return None


def is_article(page: Page, document: Selector, profile: Profile) -> bool:
    """URL patterns decide when the profile has them; otherwise the markup does."""
    rules = profile.article
    if profile.discovery.article_urls:
        if not any(re.search(p, page.url) for p in profile.discovery.article_urls):
            return False
    elif not any(document.css(s) for s in rules.detect):
        return False
    return not any(document.css(s) for s in rules.not_article)


def _published_at(document: Selector, profile: Profile) -> tuple[str | None, str | None]:
    rules = profile.article
    moment, selector = _first(document, rules.published_at, parse_machine_date)
    if moment:
        kind = "rdfa" if "property" in selector else "meta"
        return to_iso(moment), kind
    for script in document.css("script[type='application/ld+json']::text").getall():
        if moment := parse_machine_date(_json_ld_date(script)):
            return to_iso(moment), "json-ld"
    moment, _ = _first(document, rules.published_at_visible, lambda t: parse_visible_date(t, rules.date_formats))
    return (to_iso(moment), "visible") if moment else (None, None)


def _json_ld_date(script: str) -> str:
    try:
        data = json.loads(script)
    except ValueError:
        return ""
    for node in data if isinstance(data, list) else [data]:
        if isinstance(node, dict) and isinstance(node.get("datePublished"), str):
            return node["datePublished"]
    return ""


def _breadcrumb(document: Selector, profile: Profile) -> list[str]:
    """Read after boilerplate removal, so Drupal's invisible "You are here" heading is gone."""
    trail = _first_element(document, profile.article.breadcrumb)
    if trail is None:
        return []
    crumbs: list[str] = []
    for piece in trail.root.itertext():
        crumbs.extend(c for c in map(normalize_text, _BREADCRUMB_SEPARATORS.split(piece)) if c)
    return crumbs


def _caption_for(image: etree._Element, root: etree._Element, caption_css: list[str]) -> etree._Element | None:
    """The element captioning an image: a caption-classed or all-italic block right after it."""
    node = image
    while node is not None and node is not root:
        following = node.getnext()
        if following is not None:
            classes = set((following.get("class") or "").split())
            if following.tag == "figcaption" or classes & caption_css:
                return following
            alone = not text_of(node) or node is image
            if alone and following.tag in ("p", "div") and is_all_italic(following) and len(text_of(following)) < 400:
                return following
            return None
        node = node.getparent()
    return None


def _images(root: etree._Element, base_url: str, profile: Profile) -> list[dict]:
    caption_classes = {c.lstrip(".") for c in profile.article.image_captions if c.startswith(".")}
    found: dict[str, dict] = {}
    for selector in profile.article.images:
        for image in Selector(root=root).css(selector):
            element = image.root
            src = element.get("src") or element.get("data-src")
            if not src or src.startswith("data:"):
                continue
            caption_element = _caption_for(element, root, caption_classes)
            caption = text_of(caption_element) if caption_element is not None else normalize_text(element.get("title"))
            if caption_element is not None:
                remove(caption_element)
            url = urljoin(base_url, src.strip())
            found.setdefault(url, {"url": url, "caption": caption or None, "alt": optional_text(element.get("alt"))})
    return list(found.values())


def _attachments(root: etree._Element, base_url: str, profile: Profile) -> list[dict]:
    found: dict[str, dict] = {}
    scope = Selector(root=root)
    links = [a for s in profile.article.attachments for a in scope.css(s)]
    links += [a for a in scope.css("a[href]") if urlsplit(a.attrib["href"]).path.lower().endswith(_DOCUMENT_EXTENSIONS)]
    for link in links:
        url = urljoin(base_url, link.attrib.get("href", "").strip())
        declared = (link.attrib.get("type") or "").split(";", 1)[0].strip()
        media_type = declared or mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
        title = text_of(link.root) or urlsplit(url).path.rsplit("/", 1)[-1]
        found.setdefault(url, {"url": url, "title": title, "media_type": media_type})
    return list(found.values())


def _language(document: Selector, profile: Profile) -> str:
    declared = document.xpath("/html/@lang").get() or document.xpath("/html/@xml:lang").get() or profile.language
    return declared.split("-")[0].strip().lower() or profile.language


def extract_article(page: Page, profile: Profile) -> dict | None:
    """The article record of a page, or None when the profile says the page is not an article.

    Required fields may come out empty: validation downstream decides what a record must have.
    """
    document = Selector(text=page.text(), type="html", base_url=page.url)
    if not is_article(page, document, profile):
        return None
    rules = profile.article
    base_url = urljoin(page.url, document.css("base::attr(href)").get() or "")
    canonical, _ = _first(document, rules.canonical, lambda href: urljoin(base_url, href.strip()) if href.strip() else None)
    title, _ = _first(document, rules.title)
    published_at, published_at_source = _published_at(document, profile)
    tags = list(dict.fromkeys(tag for selector in rules.tags for tag in _values(document, selector) if tag))
    category, _ = _first(document, rules.category)
    root = _first_element(document, rules.root)
    root = root.root if root is not None else document.root
    attachments = _attachments(root, base_url, profile)

    for selector in profile.boilerplate.selectors:
        for element in document.css(selector):
            remove(element.root)

    breadcrumb = _breadcrumb(document, profile)
    lead, _ = _first(Selector(root=root), rules.lead)
    images = _images(root, base_url, profile)
    body = _first_element(Selector(root=root), rules.body)
    body_paragraphs = paragraphs(body.root) if body is not None else []
    furniture = profile.boilerplate_paragraphs
    body_paragraphs = [p for p in body_paragraphs if p.rstrip(":").casefold() not in furniture]
    if lead and body_paragraphs and body_paragraphs[0] == lead:
        body_paragraphs.pop(0)
    body_paragraphs, byline = split_byline(body_paragraphs)

    fetched_at = page.fetched_at or datetime.now(timezone.utc)
    return {
        "schema_version": SCHEMA_VERSION,
        "url": page.url,
        "canonical_url": canonicalize_url(canonical or page.url, profile),
        "title": title or "",
        "lead": lead,
        "body_text": "\n\n".join(body_paragraphs),
        "paragraphs": body_paragraphs,
        "author": byline.author,
        "source": byline.source,
        "published_at": published_at,
        "published_at_source": published_at_source,
        "category": category or _category_from(breadcrumb, title),
        "breadcrumb": breadcrumb,
        "tags": tags,
        "images": images,
        "attachments": attachments,
        "language": _language(document, profile),
        "fetched_at": fetched_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "profile": profile.name,
        "extraction": "profile",
        "warc": None,
    }


def _category_from(breadcrumb: list[str], title: str | None) -> str | None:
    """The deepest breadcrumb entry that is not the article itself nor the home page."""
    trail = [c for c in breadcrumb if c != title]
    return trail[-1] if len(trail) > 1 else None
