"""A page and a profile in, an article record out: the one extraction path of crawls and tools.

Here, and only here, is decided when the generic fallback runs: on pages no profile claims, and
on article pages where the profile's selectors miss a required field (title, body, date). Then
the fallback's values fill the missing fields, the record says ``"extraction": "fallback"`` and
``fallback_fields`` names what came from it — which is how template drift shows in a crawl.
"""

import re

from parsel import Selector

from extraction.fallback import extract_with_fallback
from extraction.page import Page
from extraction.parsed_page import parse
from extraction.profile_fields import read_with_profile
from record.fields import CONTENT_FIELDS, REQUIRED_FIELDS, is_empty
from extraction.profiles import Profile


def is_article(page: Page, document: Selector, profile: Profile) -> bool:
    """URL patterns decide when the profile has them; otherwise the markup does."""
    rules = profile.article
    if profile.discovery.article_urls:
        if not any(re.search(p, page.url) for p in profile.discovery.article_urls):
            return False
    elif not any(document.css(s) for s in rules.detect):
        return False
    return not any(document.css(s) for s in rules.not_article)


# What comes with a required field when the fallback supplies it: a body the profile could not
# find means its byline, lead, images and attachments were missed too.
_COMPANIONS = {
    "title": (),
    "body_text": ("paragraphs", "lead", "author", "source", "images", "attachments"),
    "published_at": (),
}


def _fill_in(record: dict, fallback: dict) -> dict:
    """The profile's record with its missing required fields (and their companions) from the fallback's."""
    merged = dict(record)
    filled = []
    for field in REQUIRED_FIELDS:
        if not is_empty(merged[field]) or is_empty(fallback[field]):
            continue
        for name in (field, *_COMPANIONS[field]):
            if is_empty(merged[name]) and not is_empty(fallback[name]):
                merged[name] = fallback[name]
                filled.append(name)
    if "published_at" in filled:
        merged["published_at_source"] = fallback["published_at_source"]
    if "paragraphs" in filled:
        # The fallback's body may open with what the profile already read as headline or lead.
        merged["paragraphs"] = [p for p in merged["paragraphs"] if p not in (merged["title"], merged["lead"])]
        merged["body_text"] = "\n\n".join(merged["paragraphs"])
    if filled:
        merged["extraction"] = "fallback"
        merged["fallback_fields"] = [f for f in CONTENT_FIELDS if f in filled]
    return merged


def extract_article(page: Page, profile: Profile | None) -> dict | None:
    """The article record of a page, or None when the profile says the page is not an article.

    Without a profile the fallback reads the page. Required fields may still come out empty:
    validation downstream decides what a record must have.
    """
    if profile is None:
        return extract_with_fallback(page)
    profile = profile.at(page.fetched_at)
    parsed = parse(page)
    if not is_article(page, parsed.document, profile):
        return None
    record = read_with_profile(page.url, parsed.document, profile, page.fetched_at)
    record["text_encoding_note"] = parsed.encoding_note
    if all(not is_empty(record[field]) for field in REQUIRED_FIELDS):
        return record
    return _fill_in(record, extract_with_fallback(page, profile))
