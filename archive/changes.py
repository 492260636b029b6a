"""What a portal changed: the edited, removed, unlisted and restored articles of a crawl directory.

Read from articles.jsonl in one pass: each version the crawl wrote with a `changes` object
(record/version_diff.py) is one entry, newest first, with the capture before and the capture
after as replay links (pywb URLs with the two capture times, as `portal-archive replay` serves
them). The texts are not diffed again here: the crawl stored the diff with the version.
"""

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone

from record.crawl_dir import CrawlDirectory
from record.fields import TOMBSTONES

KINDS = ("edited", "removed", "unlisted", "restored")
# `portal-archive replay DIR --port 8080` serves the crawl here (the collection is called "crawl").
DEFAULT_REPLAY = "http://127.0.0.1:8080/crawl/"
CSV_COLUMNS = ("changed_at", "kind", "url", "title", "version", "previous_version", "fields", "paragraphs_added",
               "paragraphs_removed", "paragraphs_changed", "removed_at", "evidence", "http_status",
               "replay_before", "replay_after")


def capture_timestamp(moment: str) -> str:
    """The 14-digit UTC timestamp of a replay URL, from an ISO 8601 time."""
    return datetime.fromisoformat(moment).astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")


def replay_url(base: str, moment: str, url: str) -> str:
    return f"{base.rstrip('/')}/{capture_timestamp(moment)}/{url}"


@dataclass
class _Capture:
    version: int
    fetched_at: str
    url: str
    status: str


def _kind(record: dict) -> str | None:
    kind = (record.get("changes") or {}).get("kind")
    return kind if kind in KINDS else None


def collect(crawl: CrawlDirectory, since: date | None = None, replay: str = DEFAULT_REPLAY) -> list[dict]:
    """The entries, newest first; `since`: only changes seen on or after that day (UTC)."""
    last: dict[str, _Capture] = {}
    entries = []
    for record in crawl.articles(all_versions=True):
        url = record["canonical_url"]
        before = last.get(url)
        last[url] = _Capture(record.get("version") or 0, record["fetched_at"], record["url"], record.get("status") or "published")
        kind = _kind(record)
        if kind is None or before is None:
            continue
        if since and datetime.fromisoformat(record["fetched_at"]).astimezone(timezone.utc).date() < since:
            continue
        entries.append(_entry(record, kind, before, replay))
    entries.sort(key=lambda e: (e["changed_at"], e["url"]), reverse=True)
    return entries


def _entry(record: dict, kind: str, before: _Capture, replay: str) -> dict:
    changes = record["changes"]
    return {
        "kind": kind,
        "url": record["canonical_url"],
        "title": record.get("title"),
        "changed_at": record["fetched_at"],
        "run_id": record.get("run_id"),
        "version": record.get("version"),
        "previous_version": before.version,
        "fields": changes["fields"],
        "values": changes["values"],
        "paragraphs": changes["paragraphs"],
        "items": changes["items"],
        "removed_at": record.get("removed_at") if kind in TOMBSTONES else None,
        "evidence": record.get("evidence") if kind in TOMBSTONES else None,
        "before": {"version": before.version, "captured_at": before.fetched_at, "status": before.status,
                   "replay": replay_url(replay, before.fetched_at, before.url)},
        "after": {"version": record.get("version"), "captured_at": record["fetched_at"], "status": record.get("status") or "published",
                  "replay": replay_url(replay, record["fetched_at"], record["url"])},
    }


def counts(entries: list[dict]) -> dict[str, int]:
    return {kind: sum(1 for e in entries if e["kind"] == kind) for kind in KINDS}


def as_json(entries: list[dict], since: date | None, replay: str) -> str:
    report = {"since": since.isoformat() if since else None, "replay": replay, "counts": counts(entries), "changes": entries}
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _cell(value):
    """A text a spreadsheet would run as a formula (=, +, -, @ first) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_csv(entries: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        ops = [p["op"] for p in e["paragraphs"]]
        evidence = e["evidence"] or {}
        writer.writerow([_cell(value) for value in (
            e["changed_at"], e["kind"], e["url"], e["title"], e["version"], e["previous_version"], ";".join(e["fields"]),
            ops.count("added"), ops.count("removed"), ops.count("changed"), e["removed_at"] or "",
            evidence.get("reason", ""), evidence.get("http_status", ""), e["before"]["replay"], e["after"]["replay"],
        )])
    return out.getvalue()

