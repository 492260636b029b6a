"""What an export holds, as data: the facts and tables that both the card (Markdown) and the
report (HTML) show, so the two never disagree."""

from dataclasses import dataclass
from pathlib import Path

from archive.dataset.stats import CrawlHistory, DatasetStats


@dataclass(frozen=True)
class ExportInfo:
    path: Path
    format: str  # "parquet" or "jsonl.gz"
    all_versions: bool
    segmented: bool
    crawl_dir: Path
    exported_at: str  # UTC, ISO 8601
    tool_version: str

    @property
    def what(self) -> str:
        return "every version of each article" if self.all_versions else "the latest version of each article"


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple]
    note: str = ""


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def overview(info: ExportInfo, stats: DatasetStats, history: CrawlHistory) -> Table:
    first_run, last_run = (history.runs[0], history.runs[-1]) if history.runs else (None, None)
    rows = [
        ("file", f"{info.path.name} ({'Parquet, zstd' if info.format == 'parquet' else 'JSON Lines, gzip'})"),
        ("records", f"{stats.records}: {info.what}"),
        ("articles in the crawl", f"{history.articles} ({history.versions} versions recorded)"),
        ("portal", ", ".join(history.portals) or "–"),
        ("profile", ", ".join(history.profiles) or "–"),
        ("start URLs", ", ".join(history.start_urls) or "–"),
        ("runs", f"{len(history.runs)}: first started {first_run and first_run.started_at or '–'}, "
                 f"last finished {last_run and last_run.finished_at or '–'} (UTC)"),
        ("changed or vanished", ", ".join(f"{sum(getattr(run, kind) for run in history.runs)} {kind}"
                                           for kind in ("edited", "removed", "unlisted", "restored"))),
        ("published", " to ".join(stats.published) or "–"),
        ("captured", " to ".join(stats.fetched) or "–"),
        ("record schema", "version " + ", ".join(sorted(stats.schema_versions)) + " (article.schema.json)"),
        ("word segmentation", "body_segmented column (underthesea)" if info.segmented else "no"),
        ("exported", f"{info.exported_at} by portal-archive {info.tool_version} from {info.crawl_dir}"),
    ]
    return Table("Overview", ("", ""), rows)


def runs_table(history: CrawlHistory) -> Table:
    rows = [(run.run_id, run.started_at or "–", run.finished_at or "–", run.status or "no report",
             "–" if run.pages is None else run.pages, run.new, run.changed) for run in history.runs]
    return Table("Runs", ("run", "started (UTC)", "finished (UTC)", "status", "pages fetched",
                          "new articles", "changed articles"), rows)


def changes_table(history: CrawlHistory) -> Table:
    """How many articles the portal edited, removed, unlisted and restored, run by run."""
    rows = [(run.run_id, run.edited, run.removed, run.unlisted, run.restored) for run in history.runs]
    totals = [sum(getattr(run, kind) for run in history.runs) for kind in ("edited", "removed", "unlisted", "restored")]
    rows.append(("all runs", *totals))
    note = ("Seen by each run against the version before: an edit is a new version with other content; removed "
            "and unlisted articles got a tombstone version (status and evidence: docs/schema.md); restored ones "
            "came back. `portal-archive changes` lists each with its diff.")
    return Table("What changed", ("run", "edited", "removed", "unlisted", "restored"), rows, note=note)


def per_category(stats: DatasetStats) -> Table:
    rows = [(category, count, _percent(count, stats.records)) for category, count in stats.by_category.most_common()]
    return Table("Records per category", ("category", "records", "share"), rows)


def per_year(stats: DatasetStats) -> Table:
    rows = [(year, stats.by_year[year], _percent(stats.by_year[year], stats.records)) for year in sorted(stats.by_year)]
    return Table("Records per year published", ("year", "records", "share"), rows)


def completeness(stats: DatasetStats) -> Table:
    rows = [(name, filled, f"{percent:.1f} %") for name, filled, percent in stats.completeness()]
    return Table("Field completeness", ("field", "records with a value", "share"), rows,
                 note="A value is anything but null, an empty string or an empty list.")


def gaps(history: CrawlHistory) -> Table:
    rows = [(reason, count) for reason, count in history.gaps.most_common()]
    rows += [(f"rejected by the schema: {name}", count) for name, count in history.reject_fields.most_common()]
    note = (
        "URLs whose last fetch failed and that are not articles in the collection: a 4xx (the portal's "
        "own broken link, not retried) or a failure in the last run (retried, failed again); listing pages "
        "and files count as well as articles. Schema rejects are pages whose record failed the JSON Schema in every run "
        f"({history.rejected} record(s)), by the field at fault; rejects.jsonl has the reasons."
    )
    return Table("Known gaps", ("reason", "URLs"), rows, note=note)


def tables(info: ExportInfo, stats: DatasetStats, history: CrawlHistory) -> list[Table]:
    return [overview(info, stats, history), runs_table(history), changes_table(history), per_category(stats), per_year(stats),
            completeness(stats), gaps(history)]
