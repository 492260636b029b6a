"""What a dataset holds, counted while it is written (so never more than counters in memory), and
the crawl history behind it: runs, growth, and what is missing."""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from archive.dataset.arrow_schema import RECORD_FIELD_NAMES
from archive.dataset.gaps import failure_gaps, reject_reasons
from record.crawl_dir import CrawlDirectory
from record.ledger import CHANGE_KINDS

NO_CATEGORY = "(none)"
NO_DATE = "(no date)"


def is_filled(value) -> bool:
    return value is not None and value != "" and value != [] and value != {}


@dataclass
class DatasetStats:
    records: int = 0
    schema_versions: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    by_year: Counter = field(default_factory=Counter)
    by_month_category: Counter = field(default_factory=Counter)  # ("2023-10", category) -> records
    filled: Counter = field(default_factory=Counter)  # field -> records where it has a value
    published: list[str] = field(default_factory=list)  # [first, last]
    fetched: list[str] = field(default_factory=list)

    def add(self, record: dict) -> None:
        self.records += 1
        self.schema_versions[record["schema_version"]] += 1
        category = record.get("category") or NO_CATEGORY
        self.by_category[category] += 1
        # published_at is ISO 8601 in the portal's own +07:00, so its first characters are the
        # local year and month, and strings of one offset sort as their instants do.
        published = record.get("published_at")
        if published:
            self.by_year[published[:4]] += 1
            self.by_month_category[published[:7], category] += 1
            _widen(self.published, published)
        else:
            self.by_year[NO_DATE] += 1
        self.filled.update(name for name in RECORD_FIELD_NAMES if is_filled(record.get(name)))
        _widen(self.fetched, record["fetched_at"])

    def completeness(self) -> list[tuple[str, int, float]]:
        """(field, records with a value, percent) for every column, in schema order."""
        return [(name, self.filled[name], 100 * self.filled[name] / self.records if self.records else 0.0)
                for name in RECORD_FIELD_NAMES]


def _widen(span: list[str], value: str) -> None:
    if not span:
        span[:] = [value, value]
    else:
        span[:] = [min(span[0], value), max(span[1], value)]


@dataclass
class RunSummary:
    run_id: str
    started_at: str | None
    finished_at: str | None
    status: str | None
    pages: int | None
    new: int  # articles first recorded in this run
    changed: int  # new versions of articles recorded earlier
    # Those new versions by kind (docs/schema.md, `changes`); versions written before there were
    # stored changes are counted in `changed` only.
    edited: int = 0
    removed: int = 0
    unlisted: int = 0
    restored: int = 0


@dataclass
class CrawlHistory:
    runs: list[RunSummary]
    profiles: list[str]
    start_urls: list[str]
    articles: int  # distinct canonical URLs over all runs
    versions: int  # records in articles.jsonl
    gaps: Counter  # reason -> URLs still missing
    rejected: int
    reject_fields: Counter

    @property
    def portals(self) -> list[str]:
        return sorted({urlsplit(url).netloc for url in self.start_urls})

    @classmethod
    def of(cls, crawl: CrawlDirectory) -> "CrawlHistory":
        ledger = crawl.ledger()
        reports = {report.get("run_id") or "": report for report in crawl.run_reports()}
        runs = []
        # A run that wrote no report (killed, not resumed yet) still shows through its records.
        for run_id in sorted(reports.keys() | ledger.by_run.keys()):
            report = reports.get(run_id, {})
            records = ledger.by_run.get(run_id)
            runs.append(RunSummary(
                run_id=run_id or "(unknown)", started_at=report.get("started_at"), finished_at=report.get("finished_at"),
                status=report.get("status"), pages=report.get("counts", {}).get("pages"),
                new=records.new if records else 0, changed=records.changed if records else 0,
                **({kind: getattr(records, kind) for kind in CHANGE_KINDS} if records else {}),
            ))
        rejected, reject_fields = reject_reasons(crawl)
        return cls(
            runs=runs,
            profiles=sorted({r["profile"] for r in reports.values() if r.get("profile")}),
            start_urls=sorted({url for r in reports.values() for url in r.get("start_urls", [])}),
            articles=len(ledger.latest),
            versions=ledger.records,
            gaps=failure_gaps(crawl, max(reports, default=None)),
            rejected=rejected,
            reject_fields=reject_fields,
        )
