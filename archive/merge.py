"""One collection out of the output directories of a distributed crawl's workers.

Each worker of a distributed crawl writes a crawl directory of its own (articles.jsonl, warc/).
Merging gives what a single crawl would have given: every WARC file in one warc/ folder (hard
links where the file system allows, copies otherwise), the articles once each (by canonical URL,
latest version), one CDXJ index and one WACZ package.

The inputs' WARC files and records are never changed. A WARC left ``.open`` by a killed worker
is copied and the copy is recovered (cut back to its last complete exchange), exactly as the
worker's own restart would.
Version numbers are recounted across workers: a worker knows only the versions it wrote itself,
so an article edited between two runs and fetched by another worker the second time is version 1
in that worker's file, and version 2 in the merged collection.
"""

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from archive.cdxj import write_cdxj
from archive.wacz import write_wacz
from archive.warc.files import closed_path, find_warc_files, is_open
from archive.warc.recovery import recover_open_file
from record.crawl_dir import CrawlDirectory, check_plain_name, crawl_owning
from record.jsonl import JsonLinesFile, read_jsonl
from record.ledger import VersionLedger

# A merged record is placed by the run that wrote it and when: a record without them (the output
# of `reextract`, which belongs to no run) cannot be ordered among the workers' runs.
MERGED_RECORD_FIELDS = ("canonical_url", "url", "run_id", "fetched_at", "content_hash")


@dataclass
class MergeReport:
    inputs: list[str]
    warc_files: list[str] = field(default_factory=list)
    warc_recovered: list[dict] = field(default_factory=list)
    records_read: int = 0
    articles: int = 0
    index_lines: int = 0
    wacz: str | None = None


def is_crawl_directory(path: Path) -> bool:
    crawl = CrawlDirectory(path)
    return crawl.warc_dir.is_dir() or crawl.articles_file.is_file()


def crawl_directories(paths: list[Path]) -> list[Path]:
    """The crawl directories among `paths`, or in them: a distributed crawl's output holds one per worker."""
    found = []
    for path in paths:
        if is_crawl_directory(path):
            found.append(path)
        else:
            found += sorted(p for p in path.iterdir() if p.is_dir() and is_crawl_directory(p))
    return found


def latest_versions(records: list[dict]) -> list[dict]:
    """One record per canonical URL: the latest content, numbered by the versions seen before it.

    Fetched again without a change (two workers, or a page re-fetched after a kill): same version.
    """
    ledger, latest = VersionLedger(), {}
    for record in sorted(records, key=lambda r: (r["canonical_url"], r["run_id"], r["fetched_at"])):
        candidate = dict(record)
        if ledger.next_version(candidate, record["run_id"], digest=record["content_hash"]):
            latest[record["canonical_url"]] = candidate
    return list(latest.values())


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


def gather_warcs(directories: list[Path], warc_dir: Path, report: MergeReport) -> list[Path]:
    warc_dir.mkdir(parents=True, exist_ok=True)
    for directory in directories:
        for source in find_warc_files([CrawlDirectory(directory).warc_dir]):
            target = warc_dir / source.name
            if target.exists() or closed_path(target).exists():
                raise FileExistsError(f"two inputs have a WARC file named {source.name}")
            if is_open(source):
                # A copy, never a link: recovery truncates the file it is given.
                shutil.copy2(source, target)
                recovery = recover_open_file(target)
                report.warc_recovered.append({**vars(recovery), "from": str(directory)})
            else:
                _link_or_copy(source, target)
    warcs = find_warc_files([warc_dir], include_open=False)
    report.warc_files = [w.name for w in warcs]
    return warcs


def check_output(output: Path, name: str) -> None:
    """Refuse (ValueError, FileExistsError) an output that is not new, or that is a crawl's own file."""
    check_plain_name(name, "collection name")
    if owner := crawl_owning(output):
        raise FileExistsError(f"{output} is a file of the crawl in {owner.path}; merge into a new directory")
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise FileExistsError(f"{output} is not empty; merge into a new directory")


def merge_crawls(directories: list[Path], output: Path, name: str, package: bool = True) -> MergeReport:
    """Merge worker crawl directories into `output`, which must not exist or be empty.

    Every record is read (and checked) before anything is written.
    """
    check_output(output, name)
    records = [r for d in directories for r in read_jsonl(CrawlDirectory(d).articles_file, required=MERGED_RECORD_FIELDS)]
    articles = latest_versions(records)
    merged = CrawlDirectory(output)
    report = MergeReport(inputs=[str(d) for d in directories], records_read=len(records), articles=len(articles))
    warcs = gather_warcs(directories, merged.warc_dir, report)
    with JsonLinesFile(merged.articles_file) as lines:
        for record in articles:
            lines.write(record)
    if warcs:
        report.index_lines = write_cdxj(warcs, merged.index_file)
        if package:
            report.wacz = write_wacz(warcs, merged.wacz_pages(), merged.wacz_file(name), title=name).name
    (output / "merge.json").write_text(json.dumps(vars(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return report
