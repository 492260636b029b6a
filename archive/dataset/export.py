"""One dataset from all runs of a crawl: Parquet or gzipped JSON Lines, with its card and report.

Streaming: records go from articles.jsonl to the file in batches (one Parquet row group each), and
only counters are kept, so memory does not grow with the collection. Beside ``articles.parquet``
go ``articles.parquet.card.md``, ``articles.parquet.report.html`` and the plots in
``articles.parquet.plots/``.
"""

import gzip
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pyarrow.parquet as pq

from archive.dataset.arrow_schema import SEGMENTED_COLUMN, article_schema, check_fields, record_batch
from archive.dataset.card import render_card
from archive.dataset.describe import ExportInfo
from archive.dataset.document_export import export_documents
from archive.dataset.plots import render_plots
from archive.dataset.report import render_report
from archive.dataset.rows import dataset_rows
from archive.dataset.segment import vietnamese_segmenter
from archive.dataset.stats import CrawlHistory, DatasetStats
from record.crawl_dir import DATASET, CrawlDirectory, crawl_owning

FORMATS = {"parquet": ".parquet", "jsonl.gz": ".jsonl.gz"}
BATCH_RECORDS = 1000  # a Parquet row group: some 5 MB of article text in memory at a time


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int
    articles: int  # distinct articles in the crawl
    versions: int  # records in articles.jsonl
    card: Path
    report: Path
    plots: list[Path]


def default_output(crawl_dir: Path, format: str, all_versions: bool) -> Path:
    name = "articles-all-versions" if all_versions else "articles"
    return CrawlDirectory(crawl_dir).dataset_dir / (name + FORMATS[format])


class _ParquetSink:
    def __init__(self, path: Path, segmented: bool):
        self.schema = article_schema(segmented, version_count=True)
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")

    def write(self, records: list[dict]) -> None:
        self.writer.write_batch(record_batch(records, self.schema))

    def close(self) -> None:
        self.writer.close()


class _JsonLinesGzipSink:
    def __init__(self, path: Path, segmented: bool):
        self.schema = article_schema(segmented, version_count=True)
        # Level 6: close to 9's size at a fraction of its time.
        self.stream = gzip.open(path, "wt", encoding="utf-8", compresslevel=6)

    def write(self, records: list[dict]) -> None:
        for record in records:
            check_fields(record, self.schema)
            self.stream.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    def close(self) -> None:
        self.stream.close()


def _tool_version() -> str:
    try:
        return version("portal-archive")
    except PackageNotFoundError:
        return "unknown"


def _write_records(records, sink, segmenter, batch_records: int) -> DatasetStats:
    stats = DatasetStats()
    batch: list[dict] = []
    try:
        for record in records:
            stats.add(record)
            if segmenter:
                record[SEGMENTED_COLUMN] = segmenter(record["paragraphs"])
            batch.append(record)
            if len(batch) >= batch_records:
                sink.write(batch)
                batch = []
        if batch or stats.records == 0:
            sink.write(batch)  # an empty batch still gives an empty dataset its schema
    finally:
        sink.close()
    return stats


class OutputRefused(ValueError):
    pass


def refuse_to_overwrite(output: Path) -> None:
    """An export never writes over a crawl's own files, nor over a file that is not an earlier export."""
    side_files = [output.with_name(output.name + suffix) for suffix in (".card.md", ".report.html", ".plots")]
    for path in (output, *side_files):
        if owner := crawl_owning(path):
            raise OutputRefused(f"{path} is a file of the crawl in {owner.path}; export into its {DATASET}/ folder or elsewhere")
    if output.exists() and not (output.is_file() and side_files[0].is_file()):
        raise OutputRefused(f"{output} exists and is not an earlier export; choose another --output")


def export(crawl_dir: Path, output: Path | None = None, format: str = "parquet", all_versions: bool = False,
           segment: bool = False, batch_records: int = BATCH_RECORDS) -> ExportResult:
    """Write the dataset of a crawl directory, its card and its report; see docs/dataset.md."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    crawl = CrawlDirectory.existing(crawl_dir)
    segmenter = vietnamese_segmenter() if segment else None  # fails before any writing if missing
    output = Path(output) if output else default_output(crawl.path, format, all_versions)
    refuse_to_overwrite(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed when complete: a killed export never leaves a file that looks whole.
    partial = output.with_name(output.name + ".partial")
    sink = (_ParquetSink if format == "parquet" else _JsonLinesGzipSink)(partial, segment)
    try:
        stats = _write_records(dataset_rows(crawl, all_versions), sink, segmenter, batch_records)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, output)

    history = CrawlHistory.of(crawl)
    info = ExportInfo(path=output, format=format, all_versions=all_versions, segmented=segment,
                      crawl_dir=crawl.path.resolve(), exported_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      tool_version=_tool_version())
    result = _write_card_and_report(info, stats, history)
    if format == "parquet" and crawl.documents_file.is_file():  # legal documents: their own table beside the articles
        export_documents(crawl.documents_file, output, result.card)
    return result


def _write_card_and_report(info: ExportInfo, stats: DatasetStats, history: CrawlHistory) -> ExportResult:
    # Named after the whole file name, so a Parquet and a JSON Lines export side by side keep their own.
    name = info.path.name
    plots_dir = info.path.with_name(f"{name}.plots")
    plots_dir.mkdir(exist_ok=True)
    plots = render_plots(stats, history, info.all_versions)
    plot_paths = []
    for plot in plots:
        plot_paths.append(plots_dir / plot.name)
        plot_paths[-1].write_bytes(plot.png)
    report = info.path.with_name(f"{name}.report.html")
    report.write_text(render_report(info, stats, history, plots), encoding="utf-8")
    card = info.path.with_name(f"{name}.card.md")
    card.write_text(render_card(info, stats, history, plots, report.name, plots_dir.name), encoding="utf-8")
    return ExportResult(path=info.path, records=stats.records, articles=history.articles, versions=history.versions,
                        card=card, report=report, plots=plot_paths)
