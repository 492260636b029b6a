"""Which profile reads a page that came without one (a saved page, a WARC from elsewhere)."""

from parsel import Selector

from extraction.page import Page
from extraction.parsed_page import is_vietnamese
from extraction.profiles import Profile, family_profiles, profile_for_url


def choose_profile(url: str, body: bytes) -> Profile | None:
    """The site profile claiming the URL's domain, else the family whose markers the page shows
    most (listing pages too, so that they are not taken for articles), else None: the generic
    fallback reads it. Families describe Vietnamese portals, so only a Vietnamese page gets one."""
    if profile := profile_for_url(url):
        return profile
    document = Selector(text=Page(url, body).text())
    if not is_vietnamese(document):
        return None
    score, family = max(((sum(1 for s in f.markers if document.css(s)), f) for f in family_profiles()), key=lambda pair: pair[0])
    return family if score else None
