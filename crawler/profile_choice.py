"""Which profile reads each page of a crawl: a pinned one, or the site's family recognised from its pages.

With ``--profile auto`` (the default when only start URLs are given) nobody has to know the portal's
CMS. The first page the crawl reads (the home page of the first start URL) names the site's family:
the one whose markers it shows (extraction.resolve, the one place that decides it; each page's
reading applies it to the page's tree: extraction/page_reading.py; a packaged site profile
claiming the host wins over any family). From then on that family's
discovery rules (paths not to crawl, query parameters to drop) steer the crawl, and each page is
read by the profile its own markers point to, or by the site's family when it shows none; with no
family at all the generic reader reads it. A profile named with ``--profile`` pins every page.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field

from extraction.page_reading import ReadingRules, SiteRecognition
from extraction.profiles import Profile, ProfileError
from extraction.resolve import resolve_profile

logger = logging.getLogger(__name__)

AUTO = "auto"
GENERIC = "generic"  # how run.json names the reader of pages no profile reads


def profile_name(requested: str) -> str:
    """How run.json and the warcinfo name the profile asked for: "auto", or the name the profile
    gives itself rather than the path of its file (reextract looks names up among known profiles)."""
    try:
        return resolve_profile(requested).name if requested and requested != AUTO else requested
    except ProfileError:
        return requested


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

    def rules(self, recognise: bool, **more) -> ReadingRules:
        """What a page's reading needs to choose its profile as this crawl does
        (extraction/page_reading.py); `recognise`: the page is to name the site's family."""
        return ReadingRules(pinned=self.pinned, site=self.site, recognise=recognise,
                            site_claims=self.recognition is not None and self.recognition.by == "site profile", **more)

    def recognised(self, url: str, found: SiteRecognition) -> Recognition:
        """The site's family, as the first page read named it; None in `family` when no family's markers show."""
        profile = found.profile
        self.recognition = Recognition(url, profile.name if profile else None, list(found.markers),
                                       "site profile" if found.by_site_profile else "markers")
        self.site = profile
        logger.info(self.recognition.log_line())
        return self.recognition

    def count(self, profile: Profile | None) -> None:
        """One more page read by `profile` (None: the generic reader)."""
        self.pages_by_profile[profile.name if profile else GENERIC] += 1

    def report(self, requested: str) -> dict:
        """What run.json says about the choice."""
        recognised = None
        if self.recognition is not None:
            recognised = {"family": self.recognition.family, "from_url": self.recognition.url,
                          "by": self.recognition.by, "markers": self.recognition.markers}
        return {"requested": requested, "recognised": recognised, "pages_read_by": dict(self.pages_by_profile.most_common())}
