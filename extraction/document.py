"""A page and a profile in, a document record out: legal documents (văn bản) as their own records.

The profile's ``[document]`` section (extraction/profiles/document_section.py) says how the portal
shows one: label cells ("Số ký hiệu", "Ngày ban hành", …) whose neighbours hold the values, a
selector list per field, the heading that opens the full text, the document's id in the URL.
A document shown on several pages (vbpl's "Toàn văn" and "Thuộc tính" tabs) gives one partial
record per page, all with the same ``canonical_url``; `merge_documents` makes them one record.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from lxml import etree
from parsel import Selector

from extraction.article import MAX_EXTRACTION_BYTES, PageTooLarge
from extraction.dates import parse_day
from extraction.fields import media
from extraction.fields.published import published_by_profile
from extraction.html_blocks import paragraphs as block_paragraphs, remove, text_of
from extraction.page import Page
from extraction.parsed_page import ParsedPage, is_vietnamese, parse
from extraction.profiles import Profile
from extraction.profiles.document_section import DATE_FIELDS, TEXT_FIELDS, DocumentRules, label_key
from extraction.selection import first, first_element
from extraction.shape import shows_document
from extraction.text import normalize_text
from extraction.urls import absolute_url, canonicalize_url
from record.fields import SCHEMA_VERSION, fetched_at, language_of, set_by_the_crawl

KIND = "document"
# A number as printed: "101/2015/QH13", "1125/BGDĐT-GDTH", "03/2017/TT-BGDĐT", or "Không số".
_NUMBER = re.compile(r"(?:\S*\d\S*/\S+|không số)$", re.IGNORECASE)
_NUMBER_LABEL = re.compile(r"^số(?:\s+(?:ký\s+)?hiệu)?\s*:?\s*", re.IGNORECASE)
# Lines of underscores or dashes under a heading: layout, not text.
_RULE_LINE = re.compile(r"^[\s_\-–—=.*]*$")
_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_NO_DOCUMENTS = re.compile(r"^không có văn bản", re.IGNORECASE)
_CONTENT_FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, "posted_at", "full_text", "paragraphs")


def document_id(url: str, rules: DocumentRules) -> str | None:
    match = re.search(rules.id_pattern, url, re.IGNORECASE) if rules.id_pattern else None
    return match[1] if match else None


def _recased(capitals: str, page_text: str) -> str:
    """A name printed in capitals ("QUỐC HỘI") as the page writes it elsewhere ("Quốc hội"),
    else with only its first letter capital."""
    if not capitals or capitals != capitals.upper() or capitals == capitals.lower():
        return capitals
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, capitals.split())) + r"(?!\w)", re.IGNORECASE)
    for match in pattern.finditer(page_text):
        if match[0] != match[0].upper():
            return normalize_text(match[0])
    return capitals[:1] + capitals[1:].lower()


def _label_values(scope: Selector, rules: DocumentRules) -> dict[str, str]:
    """Each field a label names, with the text beside the label."""
    values: dict[str, str] = {}
    for selector in rules.label_cells:
        for cell in scope.css(selector):
            element, text = cell.root, text_of(cell.root)
            targets = rules.targets(text)
            if targets:
                found = _beside(element, text, len(targets))
            else:  # "Tình trạng hiệu lực: Còn hiệu lực" in one cell
                label, colon, rest = text.partition(":")
                targets, found = (rules.targets(label), [normalize_text(rest)]) if colon else ((), [])
            for name, value in zip(targets, found):
                if value and name not in values:
                    values[name] = value
    return values


def _beside(label: etree._Element, label_text: str, count: int) -> list[str]:
    """The `count` values after a label: its following cells, else the rest of its parent's text."""
    cells = [sibling for sibling in label.itersiblings() if isinstance(sibling.tag, str)]
    if cells:
        return [text_of(cell) for cell in cells[:count]]
    parent = label.getparent()
    whole = text_of(parent) if parent is not None else ""
    return [normalize_text(whole[len(label_text):])] if whole.startswith(label_text) else []


def _split_type_and_number(text: str) -> tuple[str | None, str | None]:
    words = text.split()
    if words and _NUMBER.match(words[-1]):
        return (" ".join(words[:-1]) or None), words[-1]
    if text.casefold().endswith("không số"):
        return (text[: -len("không số")].strip() or None), text[-len("không số"):]
    return None, None


def _is_centred(element: etree._Element) -> bool:
    return (element.get("align") or "").lower() == "center" or bool(_CENTRED.search(element.get("style") or ""))


def _heading(scope: Selector, rules: DocumentRules, issuing_body: str | None) -> str | None:
    """The centred lines that open the full text, up to the rule under them, the issuer's line or
    the first line that is not centred."""
    for selector in rules.heading:
        lines = []
        for element in scope.css(selector):
            text = text_of(element.root)
            if _RULE_LINE.match(text):
                if lines:
                    break
                continue
            if not _is_centred(element.root) or (issuing_body and text.casefold() == issuing_body.casefold() and lines):
                break
            lines.append(text)
        if lines:
            return " ".join(lines)
    return None


def _related(scope: Selector, rules: DocumentRules, base_url: str) -> list[dict]:
    found: dict[tuple, dict] = {}
    for selector in rules.related:
        for element in scope.css(selector):
            links = [element] if element.root.tag == "a" else element.css("a")
            for link in links:
                title = text_of(link.root)
                if not title or _NO_DOCUMENTS.match(title) or media._is_document(link.attrib.get("href", "")):
                    continue
                href = link.attrib.get("href", "").strip()
                url = absolute_url(base_url, href) if href and not href.lower().startswith(("javascript:", "#")) else None
                url = url if url and url.startswith(("http://", "https://")) else None
                found.setdefault((url, title), {"url": url, "title": title})
    return list(found.values())


def _attachments(document: Selector, root: etree._Element, rules: DocumentRules, base_url: str) -> list[dict]:
    containers = [e.root for s in rules.attachments for e in document.css(s)] or [root]
    found: dict[str, dict] = {}
    for container in containers:
        for attachment in media.attachments(container, base_url, ()):
            found.setdefault(attachment["url"], {**attachment, "text": None, "text_note": None})
    return list(found.values())


def _canonical(page: Page, document: Selector, profile: Profile, rules: DocumentRules, identity: str | None, base_url: str) -> str:
    if identity and rules.document_url:
        address = absolute_url(page.url, rules.document_url.format(id=identity))
        if address:  # tabs link each other as /TW/Pages/… and /tw/Pages/…: IIS paths ignore case
            parts = urlsplit(address)
            address = urlunsplit(parts._replace(path=parts.path.lower()))
    else:
        found = first(document, ("link[rel='canonical']::attr(href)", "meta[property='og:url']::attr(content)"),
                      lambda href: absolute_url(base_url, href) if href.strip() else None)
        address = found.value if found else None
    return canonicalize_url(address if address and address.startswith(("http://", "https://")) else page.url, profile)


def extract_document(page: Page, profile: Profile | None, *, parsed: ParsedPage | None = None) -> dict | None:
    """The document record of a page (one tab's part of it, for documents shown on several
    pages), or None when the profile describes no documents or the page shows none. `parsed`:
    the page already parsed, a tree no other reader has cut up."""
    rules = profile.document if profile else None
    if rules is None:
        return None
    if len(page.body) > MAX_EXTRACTION_BYTES:
        raise PageTooLarge(len(page.body), MAX_EXTRACTION_BYTES)
    parsed = parsed or parse(page)
    document = parsed.document
    if not shows_document(document, rules):
        return None
    # When the portal put the page up (its article dates: visible post date, else datePublished),
    # read before the tree is trimmed; a document's own dates are its issue and effect.
    posted = published_by_profile(document, profile).published
    base_url = absolute_url(page.url, document.css("base::attr(href)").get() or "") or page.url
    root_selector = first_element(document, rules.root)
    scope = root_selector if root_selector is not None else document
    related = _related(scope, rules, base_url)
    for selector in rules.related:
        for element in scope.css(selector):
            remove(element.root)
    attachments = _attachments(document, scope.root, rules, base_url)
    for element in scope.css("script, style, noscript"):
        remove(element.root)

    fields = _label_values(scope, rules)
    for name in (*TEXT_FIELDS, *DATE_FIELDS):
        if name not in fields and (found := first(scope, getattr(rules, name))):
            fields[name] = found.value
    if found := first(scope, rules.type_and_number):
        kind, number = _split_type_and_number(found.value)
        fields.setdefault("document_type", kind)
        fields.setdefault("document_number", number)
        fields.setdefault("title", found.value)
    if fields.get("document_number"):
        fields["document_number"] = _NUMBER_LABEL.sub("", fields["document_number"]) or None
    if fields.get("issuing_body"):
        fields["issuing_body"] = _recased(fields["issuing_body"], parsed.text)
    heading = _heading(scope, rules, fields.get("issuing_body"))
    title = heading or fields.get("title") or fields.get("abstract")
    if not title:
        return None

    for selector in rules.boilerplate:
        for element in scope.css(selector):
            remove(element.root)
    text_root = first_element(scope, rules.full_text)
    lines = [line for line in block_paragraphs(text_root.root) if not _RULE_LINE.match(line)] if text_root is not None else []
    if lines and " ".join(lines) == fields.get("abstract"):
        lines = []  # the same text twice (Viettel's "Mô tả" and its full-text panel): the abstract only
    identity = document_id(page.url, rules)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "url": page.url,
        "canonical_url": _canonical(page, document, profile, rules, identity, base_url),
        "document_id": identity,
        "pages": [page.url],
        "title": title,
        **{name: fields.get(name) or None for name in TEXT_FIELDS if name != "title"},
        **{name: _iso_day(fields.get(name)) for name in DATE_FIELDS},
        "posted_at": posted.iso if posted else None,
        "full_text": "\n\n".join(lines) or None,
        "paragraphs": lines,
        "attachments": attachments,
        "related": related,
        # SharePoint declares lang="en" on Vietnamese pages: what the text is wins.
        "language": "vi" if is_vietnamese(document) else language_of(document.xpath("/html/@lang").get(), profile.language),
        "fetched_at": fetched_at(page.fetched_at),
        "profile": profile.name,
        "extraction": "profile",
        "text_encoding_note": parsed.encoding_note,
        "warc": None,
        **set_by_the_crawl(),
    }


def _iso_day(text: str | None) -> str | None:
    day = parse_day(text or "")
    return day.isoformat() if day else None


def merge_documents(parts: list[dict]) -> dict:
    """One record from the records of a document's pages (same canonical_url). The same parts
    give the same record whatever order they came in: the page with the full text leads, then
    the others by URL; each field is the first part's that has it."""
    ordered = sorted(parts, key=lambda part: (part["full_text"] is None, part["url"]))
    merged = dict(ordered[0])
    for name in (*_CONTENT_FIELDS, "document_id"):
        merged[name] = next((part[name] for part in ordered if part[name]), merged[name])
    attachments: dict[str, dict] = {}
    related: dict[tuple, dict] = {}
    for part in ordered:
        for attachment in part["attachments"]:
            attachments.setdefault(attachment["url"], attachment)
        for item in part["related"]:
            related.setdefault((item["url"], item["title"]), item)
    merged["attachments"] = list(attachments.values())
    merged["related"] = list(related.values())
    merged["pages"] = sorted({url for part in ordered for url in part["pages"]})
    merged["warc"] = next((part["warc"] for part in ordered if part["warc"]), None)
    return merged
