"""Which profile reads each page of a crawl: a pinned one, or the site's family recognised from its pages.

With ``--profile auto`` (the default when only start URLs are given) nobody has to know the portal's
CMS. The first page the crawl reads (the home page of the first start URL) names the site's family:
the one whose markers it shows (extraction.resolve.resolve_profile, the one place that decides it;
a packaged site profile claiming the host wins over any family). From then on that family's
discovery rules (paths not to crawl, query parameters to drop) steer the crawl, and each page is
read by the profile its own markers point to, or by the site's family when it shows none; with no
family at all the generic reader reads it. A profile named with ``--profile`` pins every page.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field

from scrapy.http import HtmlResponse

from extraction.page import Page
from extraction.profiles import Profile, ProfileError, profile_for_url
from extraction.resolve import resolve_profile

logger = logging.getLogger(__name__)

AUTO = "auto"
GENERIC = "generic"  # how run.json names the reader of pages no profile reads

# A page "looks like an article" (for the report only, never to decide): a body marked as the
# article's, or a headline with an article's item type or Open Graph type around it.
ARTICLE_SIGNS = (
    "[itemprop='articleBody']",
    "[itemtype*='schema.org/NewsArticle'] h1", "[itemtype*='schema.org/Article'] h1",
    "[itemtype*='schema.org/BlogPosting'] h1",
)
_OG_ARTICLE = "meta[property='og:type'][content='article']"


def profile_name(requested: str) -> str:
    """How run.json and the warcinfo name the profile asked for: "auto", or the name the profile
    gives itself rather than the path of its file (reextract looks names up among known profiles)."""
    try:
        return resolve_profile(requested).name if requested and requested != AUTO else requested
    except ProfileError:
        return requested


def looks_like_article(response: HtmlResponse) -> bool:
    if any(response.css(sign) for sign in ARTICLE_SIGNS):
        return True
    # og:type=article alone is no sign: listings of some platforms carry it too (a category's page).
    return bool(response.css(_OG_ARTICLE) and len(response.css("h1")) == 1 and len(response.css("p")) >= 3)


@dataclass
class Recognition:
    """What the first page read said about the site."""
    url: str
    family: str | None
    markers: list[str] = field(default_factory=list)
    # "site profile" when a packaged site profile claims the host, "markers" when the page's markers chose.
    by: str = "markers"

    def log_line(self) -> str:
        if self.family is None:
            return (f"profile auto: {self.url} shows the markers of no known family; pages are read by the generic"
                    " reader (or by a family's profile where a page shows its markers)")
        if self.by == "site profile":
            return f"profile auto: the site profile {self.family!r} claims {self.url}; every page is read with it"
        return (f"profile auto: {self.url} is a {self.family} site ({len(self.markers)} of its markers: "
                f"{', '.join(self.markers[:4])}{', …' if len(self.markers) > 4 else ''}); pages are read with the"
                f" {self.family} profile unless their own markers name another family")


class ProfileChoice:
    """The profile of each page of one crawl; `pinned` None means auto."""

    def __init__(self, pinned: Profile | None):
        self.pinned = pinned
        self.site: Profile | None = None
        self.recognition: Recognition | None = None
        self.pages_by_profile: Counter = Counter()

    @property
    def auto(self) -> bool:
        return self.pinned is None

    @property
    def waiting(self) -> bool:
        """Auto, and no page read yet to recognise the site by."""
        return self.auto and self.recognition is None

    def recognise(self, response: HtmlResponse, page: Page) -> Recognition:
        """The site's family from its first page read; None in `family` when no family's markers show."""
        site_profile = profile_for_url(page.url)
        profile = site_profile or resolve_profile(page=page)
        markers = [s for s in profile.markers if response.css(s)] if profile else []
        self.recognition = Recognition(page.url, profile.name if profile else None, markers,
                                       "site profile" if site_profile else "markers")
        self.site = profile
        logger.info(self.recognition.log_line())
        return self.recognition

    def for_page(self, page: Page) -> Profile | None:
        if self.pinned is not None:
            profile = self.pinned
        elif self.recognition is not None and self.recognition.by == "site profile":
            profile = self.site
        else:
            profile = resolve_profile(page=page) or self.site
        self.pages_by_profile[profile.name if profile else GENERIC] += 1
        return profile

    def report(self, requested: str) -> dict:
        """What run.json says about the choice."""
        recognised = None
        if self.recognition is not None:
            recognised = {"family": self.recognition.family, "from_url": self.recognition.url,
                          "by": self.recognition.by, "markers": self.recognition.markers}
        return {"requested": requested, "recognised": recognised, "pages_read_by": dict(self.pages_by_profile.most_common())}
