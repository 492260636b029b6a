"""A crawl output directory as a collection: its article versions across runs, run reports,
failures and rejects (docs/operations.md describes the layout).

articles.jsonl is append-only across runs: a changed article gets a new line with version + 1.
Selecting the latest versions takes two passes so memory holds only {canonical_url: version},
never the records: the first pass (the ledger) finds the highest version of each article, the
second streams the records and keeps those.
"""

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ARTICLES = "articles.jsonl"


class NotACrawlDirectory(FileNotFoundError):
    pass


def complete_lines(path: Path, end: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(offset after the line, line) for each line with its newline, up to byte `end`.

    A crawl may be appending while we read: an unfinished last line is not a record yet.
    """
    if not path.exists():
        return
    position = 0
    with open(path, "rb") as stream:
        for line in stream:
            if not line.endswith(b"\n") or (end is not None and position + len(line) > end):
                return
            position += len(line)
            if line.strip():
                yield position, line


def read_jsonl(path: Path) -> Iterator[dict]:
    for _, line in complete_lines(path):
        yield json.loads(line)


@dataclass
class RunRecords:
    new: int = 0  # first versions of articles
    changed: int = 0  # later versions


@dataclass
class VersionLedger:
    """What the first pass over articles.jsonl learns; small whatever the collection's size."""

    latest: dict[str, int] = field(default_factory=dict)  # canonical_url -> highest version
    records: int = 0
    end: int = 0  # bytes read: the second pass reads exactly this snapshot, even if a crawl appends
    by_run: dict[str, RunRecords] = field(default_factory=dict)

    def add(self, record: dict) -> None:
        version = record.get("version") or 0
        url = record["canonical_url"]
        if version > self.latest.get(url, -1):
            self.latest[url] = version
        self.records += 1
        run = self.by_run.setdefault(record.get("run_id") or "", RunRecords())
        if version > 1:
            run.changed += 1
        else:
            run.new += 1


class CrawlDirectory:
    def __init__(self, path: Path):
        self.path = Path(path)
        if not (self.path / ARTICLES).is_file():
            raise NotACrawlDirectory(f"{self.path} has no {ARTICLES}: is it a crawl output directory?")
        self._ledger: VersionLedger | None = None

    def ledger(self) -> VersionLedger:
        if self._ledger is None:
            ledger = VersionLedger()
            for end, line in complete_lines(self.path / ARTICLES):
                ledger.add(json.loads(line))
                ledger.end = end
            self._ledger = ledger
        return self._ledger

    def articles(self, all_versions: bool = False) -> Iterator[dict]:
        """Every version in the order written, or the latest version of each article."""
        ledger = self.ledger()
        pending = dict(ledger.latest)
        for _, line in complete_lines(self.path / ARTICLES, end=ledger.end):
            record = json.loads(line)
            if all_versions:
                yield record
            elif pending.get(record["canonical_url"]) == (record.get("version") or 0):
                # Popped so that a version written twice (which the crawler never does) is exported once.
                del pending[record["canonical_url"]]
                yield record

    def run_reports(self) -> list[dict]:
        """Each run's report, oldest first: runs/*.json, or run.json alone for a crawl before runs/."""
        paths = sorted((self.path / "runs").glob("*.json")) or [self.path / "run.json"]
        reports = [json.loads(p.read_text(encoding="utf-8")) for p in paths if p.is_file()]
        return sorted(reports, key=lambda report: report.get("run_id") or "")

    def failures(self) -> Iterator[dict]:
        return read_jsonl(self.path / "failures.jsonl")

    def rejects(self) -> Iterator[dict]:
        return read_jsonl(self.path / "rejects.jsonl")


def failure_gaps(crawl: CrawlDirectory, last_run_id: str | None) -> Counter:
    """URLs still missing, by reason: each URL's last failure, if it is a 4xx (never retried) or
    from the last run (so a retry did not fix it), and it is not an article we have."""
    last_failure: dict[str, tuple[str, str]] = {}
    for failure in crawl.failures():
        last_failure[failure["url"]] = (failure.get("run_id") or "", failure["reason"])
    articles = crawl.ledger().latest
    return Counter(
        reason for url, (run_id, reason) in last_failure.items()
        if url not in articles and (reason.startswith("HTTP 4") or run_id == last_run_id)
    )


def reject_reasons(crawl: CrawlDirectory) -> tuple[int, Counter]:
    """Records that failed the JSON Schema and were never accepted later: (count, problems by field)."""
    articles = crawl.ledger().latest
    count, fields = 0, Counter()
    for reject in crawl.rejects():
        record = reject.get("record") or {}
        if (record.get("canonical_url") or reject.get("url")) in articles:
            continue
        count += 1
        fields.update({reason.split(":", 1)[0] for reason in reject.get("reasons", [])})
    return count, fields
