"""Crawler traps: URLs and pages that would keep a crawl busy forever, and how to tell them.

Portals generate endless URL spaces without meaning to: calendars that link next month forever,
language switchers that nest (``/en/vi/en/vi/…``), pagination past the last item, the same page
under many URLs. Three cheap signs catch them, and a page budget per site stops what slips by:

- the URL's shape: a path segment repeated, an absurd depth, an explosion of query parameters;
- the page's text: the same text (digits aside, since dates, counters and page numbers are what
  differ between copies) under more than a few URLs means the links of further copies lead
  nowhere new (the fingerprint: extraction/page_discovery.py, read with the page);
- the budget: at most PORTAL_MAX_PAGES_PER_SITE pages requested per site in one run.
"""

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class UrlRules:
    max_segment_repeats: int = 2
    max_path_depth: int = 16
    max_query_params: int = 16

    def verdict(self, url: str) -> tuple[str, str] | None:
        """(rule, explanation) when a URL looks like a trap, else None."""
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        # Only words count: "-" (Liferay's /-/) and numbers (/2011/11/11/) repeat in honest URLs.
        words = Counter(s for s in segments if _LETTER.search(s))
        if words:
            segment, repeats = words.most_common(1)[0]
            if repeats > self.max_segment_repeats:
                return "repeated_segment", f"path segment {segment!r} repeated {repeats} times"
        if len(segments) > self.max_path_depth:
            return "deep_path", f"path {len(segments)} segments deep"
        params = parse_qsl(parts.query, keep_blank_values=True)
        if len(params) > self.max_query_params:
            return "query_explosion", f"{len(params)} query parameters"
        return None


class DuplicatePages:
    """Counts the URLs each page text was seen under; after ``allowed`` of them, a copy is a trap."""

    def __init__(self, allowed: int):
        self.allowed = allowed
        self._copies: Counter[tuple[str, bytes]] = Counter()

    def seen(self, site: str, fingerprint: bytes) -> bool:
        """Count one more URL with this text on this site; True once it is one too many."""
        key = (site, fingerprint)
        self._copies[key] += 1
        return self._copies[key] > self.allowed


class PageBudget:
    """New pages per site, up to ``limit`` (0: no limit); a URL counts once however often it is linked."""

    def __init__(self, limit: int):
        self.limit = limit
        self._admitted: set[str] = set()
        self._per_site: Counter[str] = Counter()

    def admit(self, site: str, url: str) -> bool:
        if url in self._admitted:
            return True
        if self.limit and self._per_site[site] >= self.limit:
            return False
        self._admitted.add(url)
        self._per_site[site] += 1
        return True
