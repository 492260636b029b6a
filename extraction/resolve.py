"""Which profile reads a page: the one place crawl, extract, reextract and the golden tests decide it."""

from parsel import Selector

from extraction.article import MAX_EXTRACTION_BYTES
from extraction.page import Page
from extraction.parsed_page import is_vietnamese
from extraction.profiles import Profile, available_profiles, family_profiles, load_profile, profile_for_url


def resolve_profile(requested: str | None = None, *, recorded: str | None = None, page: Page | None = None,
                    document: Selector | None = None) -> Profile | None:
    """The profile for a page, in this order:

    1. `requested`, the profile a user names (``--profile``): a known profile's name or a path to
       a .toml file;
    2. `recorded`, the profile a crawl recorded with the page (a WARC's warcinfo): looked up
       among the known profiles by name only, never as a path, since a foreign file may say
       anything; one this installation does not know passes on to the next rule (give
       `requested` to read such pages with their own profile);
    3. for a `page`: the site profile claiming its URL's domain, else the family whose markers
       the page shows most (listing pages too, so that they are not taken for articles), for a
       Vietnamese page only (the families describe Vietnamese portals), and not for a page too
       large to extract;
    4. None: the generic reader reads the page.

    `document`: the page already parsed from its text as served, when the caller has it (the
    crawl's page reading), so that rule 3 does not parse it again.

    A profile that cannot be found or read, or does not make sense, raises ProfileError.
    """
    if requested:
        return load_profile(requested)
    if recorded and recorded in available_profiles():
        return load_profile(recorded)
    if page is None:
        return None
    if profile := profile_for_url(page.url):
        return profile
    if len(page.body) > MAX_EXTRACTION_BYTES:
        return None  # not to be extracted (extract_article says why), so not parsed to choose a reader either
    return _family_shown(document if document is not None else Selector(text=page.text()))


def _family_shown(document: Selector) -> Profile | None:
    """The family whose markers a page's tree shows most; None for a page that is not Vietnamese
    (the families describe Vietnamese portals) or shows no family's markers."""
    if not is_vietnamese(document):
        return None
    score, family = max(((sum(1 for s in f.markers if document.css(s)), f) for f in family_profiles()), key=lambda pair: pair[0])
    return family if score else None
