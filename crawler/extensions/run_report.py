"""Writes run.json at the end of every crawl (and keeps each run's in runs/): what was fetched,
written and failed, the extraction health, and a verdict with the exit code it stands for; and
prints its summary, for `portal-archive crawl` and `scrapy crawl portal` alike.
"""

import sys
import time
from collections import Counter
from datetime import datetime, timezone

from scrapy import signals

from crawler.profile_choice import profile_name
from crawler.state.keeper import crawl_directory
from record.exit_codes import FAILED, PARTIAL, SUCCESS


def articles_found(counts: dict) -> int:
    """Articles this run found, written or not: new and changed ones, and those it confirmed unchanged,
    left for a later re-check, or found older than --since; and documents, which a portal of
    legal documents holds instead of news."""
    return sum(counts[k] for k in ("articles", "articles_unchanged", "articles_not_modified", "articles_not_due", "articles_before_since",
                                   "documents", "documents_unchanged"))


def too_few_articles(counts: dict, profile: str, min_pages: int, share: float) -> tuple[int, str] | None:
    """(exit code, the one line saying why) when the crawl read HTML pages but found no articles, or far
    too few: fewer than `share` of them, once it has read at least `min_pages`. Nothing recorded at
    all (not even a record rejected as invalid) is a failed run (3); otherwise partial (1)."""
    pages, found, rejected = counts["html_pages"], articles_found(counts), counts["rejects"]
    if pages == 0 or (found and (pages < min_pages or found >= share * pages)):
        return None
    shaped = counts["article_shaped_pages"]
    why = (f"{'no article' if not found else f'only {found} article(s)'} recorded from {pages} HTML page(s) with profile {profile}"
           f" ({shaped} page(s) looked like articles{f', {rejected} record(s) rejected: rejects.jsonl' if rejected else ''}): ")
    if shaped > found or rejected:
        why += ("the profile does not read this portal's articles; run again with --profile auto (the default for --start-url)"
                " or another --profile, and try `portal-archive extract URL` on one of its articles")
    else:
        why += ("none of its pages looked like articles either; check that the start URL is the portal's home page,"
                " that robots.txt and the scope let the crawl reach its news pages, or write a site profile")
    return (FAILED if not (found or rejected) else PARTIAL), why


def verdict(finish_reason: str | None, counts: dict, failures: Counter, drift: list[str], shared_frontier: bool = False,
            few_articles: tuple[int, str] | None = None) -> tuple[str, int, list[str]]:
    """success, partial (some URLs failed after retries, far too few articles) or failed (nothing
    usable, no article at all, drift, cut short)."""
    problems = []
    if finish_reason != "finished":
        problems.append(f"the crawl did not finish ({finish_reason}); run the same command again to resume")
    # A worker that joins a shared crawl when the frontier is already empty has nothing to fetch.
    if counts["pages_ok"] == 0 and not shared_frontier:
        problems.append("no page could be fetched: is the portal reachable?")
    problems += drift
    if few_articles and few_articles[0] == FAILED:
        problems.append(few_articles[1])
    if problems:
        return "failed", FAILED, problems
    # A 4xx is the portal's own broken link, recorded but not our failure to archive.
    ours = sum(n for reason, n in failures.items() if not reason.startswith("HTTP 4"))
    if ours:
        problems.append(f"{ours} URL(s) failed after retries; the next run retries them")
    if few_articles:
        problems.append(few_articles[1])
    if problems:
        return "partial", PARTIAL, problems
    return "success", SUCCESS, []


def summary(report: dict) -> str:
    """The run report in a few lines, as a crawl prints it when it ends."""
    counts = report["counts"]
    lines = [
        f"\nCrawl {report['finish_reason']} in {report['elapsed_seconds']:.1f} s: {report['status']}"
        f" (profile {_profile_tried(report['profile_choice'])}, run {report['run_id']}{', resumed' if report['resumed'] else ''})",
        f"  output:    {report['output_dir']}",
        f"  pages:     {counts['pages']} fetched ({counts['pages_ok']} answered 2xx/3xx), {counts['bytes'] / 1e6:.1f} MB",
        f"  articles:  {counts['articles']} written to articles.jsonl ({counts['articles_new']} new,"
        f" {counts['articles_changed']} changed; {counts['articles_unchanged'] + counts['articles_not_modified']} unchanged,"
        f" {counts['articles_not_due']} not due for a re-check; {counts['rejects']} rejected, {counts['copies']} copies)",
        *([f"  documents: {counts['documents']} written to documents.jsonl ({counts['documents_new']} new,"
           f" {counts['documents_changed']} changed; {counts['documents_unchanged']} unchanged,"
           f" {counts['documents_unfinished']} left unfinished for the next run)"]
          if counts["documents"] or counts["documents_unchanged"] or counts["documents_unfinished"] else []),
        f"  failures:  {counts['failures']} (failures.jsonl)",
        f"  WARC:      {len(report['warc_files'])} file(s) in warc/, {counts['revisits']} revisit record(s)",
    ]
    lines += [f"  recovered: {r['open_file']} from an interrupted run ({r['records_kept']} records kept)"
              for r in report["warc_recovered"]]
    return "\n".join(lines)


def _profile_tried(choice: dict) -> str:
    recognised = choice["recognised"]
    if choice["requested"] != "auto":
        return choice["requested"]
    if recognised is None or recognised["family"] is None:
        return "auto (no family recognised: the generic reader)"
    return f"auto ({recognised['family']}, recognised at {recognised['from_url']})"


class RunReport:
    def __init__(self, crawler):
        self.crawler = crawler
        self.started_at = datetime.now(timezone.utc)
        self._clock = time.monotonic()
        self.spider = None

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        # After spider_closed, when every component (the WARC writer too) has closed its files.
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def spider_opened(self, spider):
        self.spider = spider

    def engine_stopped(self):
        if self.spider is None:
            return
        stats = self.crawler.stats
        directory = crawl_directory(self.crawler)
        prefix = "portal/failures_by_reason/"
        failures = Counter({k[len(prefix):]: v for k, v in stats.get_stats().items() if k.startswith(prefix)})
        status_counts = {k.rsplit("/", 1)[1]: v for k, v in stats.get_stats().items() if k.startswith("downloader/response_status_count/")}
        counts = {
            # Every response off the network, redirects and retried ones too, as the WARC files hold them.
            "pages": stats.get_value("downloader/response_count", 0),
            "pages_ok": sum(v for k, v in status_counts.items() if k.startswith(("2", "3"))),
            "articles": stats.get_value("portal/articles", 0),
            "articles_new": stats.get_value("portal/articles_new", 0),
            "articles_changed": stats.get_value("portal/articles_changed", 0),
            # Among the changed: tombstones, and articles back after one (crawler/removals.py).
            "articles_removed": stats.get_value("portal/articles_removed", 0),
            "articles_unlisted": stats.get_value("portal/articles_unlisted", 0),
            "articles_restored": stats.get_value("portal/articles_restored", 0),
            "articles_unchanged": stats.get_value("portal/articles_unchanged", 0),
            "articles_not_modified": stats.get_value("portal/articles_not_modified", 0),
            "articles_not_due": stats.get_value("portal/skipped_not_due", 0),
            "articles_before_since": stats.get_value("portal/articles_before_since", 0),
            # Legal documents (crawler/documents.py), written whole once their tabs and files are read.
            "documents": stats.get_value("portal/documents", 0),
            "documents_new": stats.get_value("portal/documents_new", 0),
            "documents_changed": stats.get_value("portal/documents_changed", 0),
            "documents_unchanged": stats.get_value("portal/documents_unchanged", 0),
            "documents_unfinished": stats.get_value("portal/documents_unfinished", 0),
            "document_files": stats.get_value("portal/document_files", 0),
            "rejects": stats.get_value("portal/rejects", 0),
            "duplicates": stats.get_value("portal/duplicates", 0),
            # Pages whose canonical link names another page of the portal (print copies): read there.
            "copies": stats.get_value("portal/copies", 0),
            "html_pages": stats.get_value("portal/html_pages", 0),
            "article_shaped_pages": stats.get_value("portal/article_shaped_pages", 0),
            "postbacks": stats.get_value("portal/postbacks", 0),
            "feeds": stats.get_value("portal/feeds", 0),
            "failures": sum(failures.values()),
            "robots_forbidden": stats.get_value("robotstxt/forbidden", 0),
            "bytes": stats.get_value("downloader/response_bytes", 0),
            "revisits": stats.get_value("warc/revisits", 0),
        }
        drift = list(stats.get_value("portal/template_drift") or [])
        finish_reason = stats.get_value("finish_reason")
        settings = self.crawler.settings
        shared = bool(settings.get("PORTAL_REDIS_URL"))
        choice = self.spider.choice.report(self.spider.requested_profile)
        # A worker of a shared crawl may be handed listings only: the crawl as a whole is judged by merge.
        few = None if shared else too_few_articles(counts, _profile_tried(choice), settings.getint("PORTAL_FEW_ARTICLES_MIN_PAGES"),
                                                   settings.getfloat("PORTAL_FEW_ARTICLES_SHARE"))
        status, exit_code, problems = verdict(finish_reason, counts, failures, drift, shared_frontier=shared, few_articles=few)
        report = {
            "run_id": stats.get_value("portal/run_id"),
            "resumed": stats.get_value("portal/resumed", False),
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "elapsed_seconds": round(time.monotonic() - self._clock, 3),
            "finish_reason": finish_reason,
            "status": status,
            "exit_code": exit_code,
            "problems": problems,
            "profile": profile_name(self.spider.requested_profile),
            "profile_choice": choice,
            "start_urls": list(self.spider.profile.discovery.start_urls),
            "settings": {name: self.crawler.settings.get(name) for name in (
                "PORTAL_SINCE", "PORTAL_RECHECK_RECENT_DAYS", "PORTAL_RECHECK_OLD_EVERY_DAYS", "ROBOTSTXT_OBEY",
                "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED", "USER_AGENT")},
            "output_dir": str(directory.path.resolve()),
            "counts": counts,
            "http_status": status_counts,
            "failures_by_reason": dict(failures.most_common()),
            "extraction_health": {"drift": drift, "field_counts": stats.get_value("portal/field_counts") or {}},
            "warc_files": stats.get_value("warc/files", []),
            "warc_recovered": stats.get_value("warc/recovered", []),
            "index": stats.get_value("warc/cdxj"),
            "wacz": stats.get_value("warc/wacz"),
        }
        directory.write_run_report(report)
        print(summary(report), flush=True)
        for problem in problems:
            print(f"  problem:   {problem}", file=sys.stderr, flush=True)
