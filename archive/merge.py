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
from archive.warc.files import OPEN_SUFFIX
from archive.warc.recovery import recover_open_file

ARTICLES = "articles.jsonl"


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
    return (path / "warc").is_dir() or (path / ARTICLES).is_file()


def crawl_directories(paths: list[Path]) -> list[Path]:
    """The crawl directories among `paths`, or in them: a distributed crawl's output holds one per worker."""
    found = []
    for path in paths:
        if is_crawl_directory(path):
            found.append(path)
        else:
            found += sorted(p for p in path.iterdir() if p.is_dir() and is_crawl_directory(p))
    return found


def read_records(path: Path) -> list[dict]:
    """Complete lines only: a worker killed mid-write leaves its last line unfinished."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.endswith("\n")]


def latest_versions(records: list[dict]) -> list[dict]:
    """One record per canonical URL: the latest content, numbered by the versions seen before it."""
    history: dict[str, list[dict]] = {}
    for record in sorted(records, key=lambda r: (r["canonical_url"], r["run_id"], r["fetched_at"])):
        versions = history.setdefault(record["canonical_url"], [])
        # Fetched again without a change (two workers, or a page re-fetched after a kill): same version.
        if not versions or versions[-1]["content_hash"] != record["content_hash"]:
            versions.append(record)
    latest = []
    for versions in history.values():
        previous = versions[-2]["content_hash"] if len(versions) > 1 else None
        latest.append({**versions[-1], "version": len(versions), "supersedes": previous})
    return latest


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


def gather_warcs(directories: list[Path], warc_dir: Path, report: MergeReport) -> list[Path]:
    warc_dir.mkdir(parents=True, exist_ok=True)
    for directory in directories:
        for source in sorted((directory / "warc").glob("*.warc.gz*")):
            target = warc_dir / source.name
            if target.exists() or (warc_dir / source.name.removesuffix(OPEN_SUFFIX)).exists():
                raise FileExistsError(f"two inputs have a WARC file named {source.name}")
            if source.name.endswith(OPEN_SUFFIX):
                # A copy, never a link: recovery truncates the file it is given.
                shutil.copy2(source, target)
                recovery = recover_open_file(target)
                report.warc_recovered.append({**vars(recovery), "from": str(directory)})
            elif source.name.endswith(".warc.gz"):
                _link_or_copy(source, target)
    warcs = sorted(warc_dir.glob("*.warc.gz"))
    report.warc_files = [w.name for w in warcs]
    return warcs


def merge_crawls(directories: list[Path], output: Path, name: str, package: bool = True) -> MergeReport:
    """Merge worker crawl directories into `output`, which must not exist or be empty."""
    if output.exists() and any(output.iterdir()):
        raise FileExistsError(f"{output} is not empty; merge into a new directory")
    report = MergeReport(inputs=[str(d) for d in directories])
    warcs = gather_warcs(directories, output / "warc", report)
    records = [r for d in directories for r in read_records(d / ARTICLES)]
    articles = latest_versions(records)
    report.records_read, report.articles = len(records), len(articles)
    with open(output / ARTICLES, "w", encoding="utf-8") as lines:
        for record in articles:
            lines.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    if warcs:
        report.index_lines = write_cdxj(warcs, output / "indexes" / "index.cdxj")
        if package:
            pages = [{"url": a["url"], "title": a["title"]} for a in articles if a.get("warc")]
            report.wacz = write_wacz(warcs, pages, output / f"{name}.wacz", title=name).name
    (output / "merge.json").write_text(json.dumps(vars(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return report
