"""Writes run.json at the end of every crawl (and keeps each run's in runs/): what was fetched,
written and failed, the extraction health, and a verdict with the exit code it stands for.
"""

import json
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals

# Exit codes of `portal-archive crawl`, also written in run.json.
SUCCESS, PARTIAL, USAGE, FAILED, LOCKED = 0, 1, 2, 3, 4


def verdict(finish_reason: str | None, counts: dict, failures: Counter, drift: list[str], shared_frontier: bool = False) -> tuple[str, int, list[str]]:
    """success, partial (some URLs failed after retries) or failed (nothing usable, drift, cut short)."""
    problems = []
    if finish_reason != "finished":
        problems.append(f"the crawl did not finish ({finish_reason}); run the same command again to resume")
    # A worker that joins a shared crawl when the frontier is already empty has nothing to fetch.
    if counts["pages_ok"] == 0 and not shared_frontier:
        problems.append("no page could be fetched: is the portal reachable?")
    problems += drift
    if problems:
        return "failed", FAILED, problems
    # A 4xx is the portal's own broken link, recorded but not our failure to archive.
    ours = sum(n for reason, n in failures.items() if not reason.startswith("HTTP 4"))
    if ours:
        return "partial", PARTIAL, [f"{ours} URL(s) failed after retries; the next run retries them"]
    return "success", SUCCESS, []


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
        output = Path(self.crawler.settings.get("PORTAL_OUTPUT_DIR"))
        prefix = "portal/failures_by_reason/"
        failures = Counter({k[len(prefix):]: v for k, v in stats.get_stats().items() if k.startswith(prefix)})
        status_counts = {k.rsplit("/", 1)[1]: v for k, v in stats.get_stats().items() if k.startswith("downloader/response_status_count/")}
        counts = {
            "pages": stats.get_value("response_received_count", 0),
            "pages_ok": sum(v for k, v in status_counts.items() if k.startswith(("2", "3"))),
            "articles": stats.get_value("portal/articles", 0),
            "articles_new": stats.get_value("portal/articles_new", 0),
            "articles_changed": stats.get_value("portal/articles_changed", 0),
            "articles_unchanged": stats.get_value("portal/articles_unchanged", 0),
            "articles_not_modified": stats.get_value("portal/articles_not_modified", 0),
            "articles_not_due": stats.get_value("portal/skipped_not_due", 0),
            "articles_before_since": stats.get_value("portal/articles_before_since", 0),
            "rejects": stats.get_value("portal/rejects", 0),
            "duplicates": stats.get_value("portal/duplicates", 0),
            "failures": sum(failures.values()),
            "robots_forbidden": stats.get_value("robotstxt/forbidden", 0),
            "bytes": stats.get_value("downloader/response_bytes", 0),
            "revisits": stats.get_value("warc/revisits", 0),
        }
        drift = list(stats.get_value("portal/template_drift") or [])
        finish_reason = stats.get_value("finish_reason")
        shared = bool(self.crawler.settings.get("PORTAL_REDIS_URL"))
        status, exit_code, problems = verdict(finish_reason, counts, failures, drift, shared_frontier=shared)
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
            "profile": self.spider.profile.name,
            "start_urls": list(self.spider.profile.discovery.start_urls),
            "settings": {name: self.crawler.settings.get(name) for name in (
                "PORTAL_SINCE", "PORTAL_RECHECK_RECENT_DAYS", "PORTAL_RECHECK_OLD_EVERY_DAYS", "ROBOTSTXT_OBEY",
                "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED", "USER_AGENT")},
            "output_dir": str(output.resolve()),
            "counts": counts,
            "http_status": status_counts,
            "failures_by_reason": dict(failures.most_common()),
            "extraction_health": {"drift": drift, "field_counts": stats.get_value("portal/field_counts") or {}},
            "warc_files": stats.get_value("warc/files", []),
            "warc_recovered": stats.get_value("warc/recovered", []),
            "index": stats.get_value("warc/cdxj"),
            "wacz": stats.get_value("warc/wacz"),
        }
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        output.mkdir(parents=True, exist_ok=True)
        (output / "run.json").write_text(text, encoding="utf-8")
        if report["run_id"]:
            (output / "runs").mkdir(exist_ok=True)
            (output / "runs" / f"{report['run_id']}.json").write_text(text, encoding="utf-8")
