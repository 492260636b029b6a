"""Notices when a portal's templates no longer match its profile.

Portals get redesigned without notice. The crawl goes on — the generic fallback fills in what the
profile's selectors miss — but a profile that has stopped finding titles, bodies or dates needs
fixing, and an archive built from fallback guesses should say so. For each profile this counts
the article pages and how many of them the profile itself (not the fallback) gave each field.
When a required field is missing on more than DRIFT_MAX_MISSING_SHARE of at least
DRIFT_MIN_PAGES article pages, it logs an error per field, and at the end of the crawl sets:

- ``portal/template_drift``: human-readable messages, an empty list when all is well;
- ``portal/field_counts``: ``{profile: {"pages": n, field: count, ...}}``.
"""

import logging
from collections import Counter, defaultdict

from scrapy import signals
from scrapy.exceptions import NotConfigured

from record.fields import is_empty
from crawler.signals import article_extracted

logger = logging.getLogger(__name__)


class TemplateDrift:
    def __init__(self, stats, fields, required, min_pages: int, max_missing_share: float):
        self.stats = stats
        self.fields = tuple(dict.fromkeys((*required, *fields)))
        self.required = tuple(required)
        self.min_pages = min_pages
        self.max_missing_share = max_missing_share
        self.counts: dict[str, Counter] = defaultdict(Counter)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("DRIFT_ENABLED"):
            raise NotConfigured("DRIFT_ENABLED is off")
        extension = cls(
            crawler.stats,
            fields=settings.getlist("DRIFT_FIELDS"),
            required=settings.getlist("DRIFT_REQUIRED_FIELDS"),
            min_pages=settings.getint("DRIFT_MIN_PAGES"),
            max_missing_share=settings.getfloat("DRIFT_MAX_MISSING_SHARE"),
        )
        crawler.signals.connect(extension.article_extracted, signal=article_extracted)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def article_extracted(self, response, record, profile):
        counts = self.counts[profile.name]
        counts["pages"] += 1
        from_fallback = set(record.get("fallback_fields") or ())
        for field in self.fields:
            if not is_empty(record.get(field)) and field not in from_fallback:
                counts[field] += 1

    def drift(self) -> list[str]:
        """One message per profile and required field missing on too many article pages."""
        messages = []
        for name, counts in sorted(self.counts.items()):
            pages = counts["pages"]
            if pages < self.min_pages:
                continue
            for field in self.required:
                missing = pages - counts[field]
                if missing > self.max_missing_share * pages:
                    messages.append(
                        f"template drift: profile {name}: {field} missing on {missing} of {pages} article pages"
                        f" ({missing / pages:.0%})"
                    )
        return messages

    def field_counts(self) -> dict:
        return {name: {"pages": c["pages"], **{f: c[f] for f in self.fields}} for name, c in sorted(self.counts.items())}

    def spider_closed(self, spider, reason):
        messages = self.drift()
        for message in messages:
            logger.error(message)
        self.stats.set_value("portal/template_drift", messages)
        self.stats.set_value("portal/field_counts", self.field_counts())
