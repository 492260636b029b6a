"""Rebuild article records from WARC files alone, with the extraction code the crawl uses.

Pages are read in capture order; each is extracted with the profile (and the profile version)
valid at its capture date, numbered into versions with the crawl's own ledger, validated with
the crawl's own schema, and given the provenance of the response that holds it.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archive.extraction_pool import DEFAULT_TIME_BOUND, Extraction, ExtractionTask, extract, extract_in_order
from archive.warc.http_body import UndecodableBody
from archive.warc.pages import ArchivedCapture, PageProblem, archived_captures
from extraction.page import Page
from extraction.profiles import Profile
from record.jsonl import JsonLinesFile, read_jsonl
from record.fields import RUN_DEPENDENT_FIELDS
from record.history import ArticleHistory


@dataclass
class ReextractSummary:
    pages: int = 0
    articles: int = 0
    unchanged: int = 0
    not_articles: int = 0
    rejects: int = 0
    problems: list[PageProblem] = field(default_factory=list)


@dataclass(frozen=True)
class CaptureTask:
    """A capture for a worker to decode and extract: decoding its body (a gzip member inflated, most
    often) is then the workers' work, not the reading process's."""
    capture: ArchivedCapture
    profile: Profile | None

    @property
    def url(self) -> str:
        return self.capture.url


def extract_capture(task: CaptureTask) -> Extraction | UndecodableBody:
    """The capture's extraction, or why its body does not decode (then it is no page of the run)."""
    try:
        archived = task.capture.page()
    except UndecodableBody as error:
        return error
    page = Page(archived.url, archived.body, archived.content_type, archived.captured_at)
    return extract(ExtractionTask(page, task.profile, archived.warcinfo.get("profile"), archived.location.provenance()))


def reextract(warc_paths: Iterable[Path], output: Path, profile: Profile | None = None, jobs: int = 1) -> ReextractSummary:
    """Write output/articles.jsonl (and rejects.jsonl) from the HTML captures in `warc_paths`.

    The profile is `profile` if given, else the known profile the file's warcinfo names (the
    crawl's; looked up by name only), else the one `resolve_profile` picks for each page. A known
    profile that cannot be read raises ProfileError. With `jobs` above one, pages are extracted
    by that many worker processes and written in capture order all the same: the same records;
    a page whose extraction takes longer than DEFAULT_TIME_BOUND, or kills its worker, is a
    problem of the run with the reason.
    """
    summary = ReextractSummary()
    history = ArticleHistory(output / "articles.jsonl")
    articles, rejects = JsonLinesFile(output / "articles.jsonl"), JsonLinesFile(output / "rejects.jsonl")

    met_reading: list[PageProblem] = []

    def tasks():
        for capture in archived_captures(warc_paths, met_reading):
            # Problems met reading the files go with the next capture, so that they are reported in
            # the order one job reports them, however far reading runs ahead of the workers.
            before = met_reading.copy()
            met_reading.clear()
            yield (capture, before), CaptureTask(capture, profile)

    try:
        for (archived, before), extraction in extract_in_order(tasks(), jobs, DEFAULT_TIME_BOUND, extract_capture):
            summary.problems += before
            if isinstance(extraction, UndecodableBody):
                summary.problems.append(archived.undecodable(extraction))
                continue
            summary.pages += 1
            record = extraction.record
            if extraction.failure:
                summary.problems.append(PageProblem(f"{archived.url}: {extraction.failure}"))
                continue
            if record is None:
                summary.not_articles += 1
                continue
            if extraction.problems:
                rejects.write({"url": record["url"], "reasons": list(extraction.problems), "record": record})
                summary.rejects += 1
            elif history.next_version(record, run_id=None, digest=extraction.content_hash):
                articles.write(record)
                summary.articles += 1
            else:
                summary.unchanged += 1
        summary.problems += met_reading
    finally:
        articles.close()
        rejects.close()
    return summary


def records_by_version(path: Path) -> dict[tuple[str, str], dict]:
    """The records of a JSON Lines file keyed by (canonical_url, version); ValueError naming the
    file when it is missing or not a file of article records."""
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    try:
        return {(r["canonical_url"], r["version"]): r for r in read_jsonl(path)}
    except (OSError, ValueError) as error:
        raise ValueError(f"{path}: not a JSON Lines file of article records ({error})") from None
    except (KeyError, TypeError):
        raise ValueError(f"{path}: not a JSON Lines file of article records (a line without canonical_url or version)") from None


def compare(old: dict[tuple[str, str], dict], new: dict[tuple[str, str], dict]) -> dict:
    """Per field, how many records differ between two sets of records_by_version()."""
    changed = Counter()
    for key in old.keys() & new.keys():
        for name in (old[key].keys() | new[key].keys()) - RUN_DEPENDENT_FIELDS - {"content_hash", "supersedes"}:
            if old[key].get(name) != new[key].get(name):
                changed[name] += 1
    return {
        "matched": len(old.keys() & new.keys()),
        "only_in_old": len(old.keys() - new.keys()),
        "only_in_new": len(new.keys() - old.keys()),
        "changed_fields": dict(changed.most_common()),
    }
