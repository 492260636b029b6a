"""The report's plots as PNG: articles per month by category, field completeness, crawl growth.

Figures are made with matplotlib's object API and drawn by its Agg canvas, never through pyplot:
no display, no global figure state, nothing to close, safe under cron.
"""

import io
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from archive.dataset.stats import CrawlHistory, DatasetStats

DPI = 100
LEGEND_CATEGORIES = 10  # a portal with dozens of categories shows its largest, the rest as one


@dataclass(frozen=True)
class Plot:
    name: str  # file name, e.g. "articles-per-month.png"
    title: str
    png: bytes


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _months(first: str, last: str) -> list[str]:
    """Every month from first to last ("YYYY-MM"), so a month without articles shows as a gap."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def per_month_by_category(stats: DatasetStats, unit: str) -> Plot:
    figure = Figure(figsize=(12, 5.5))
    axes = figure.add_subplot()
    if stats.published:
        months = _months(stats.published[0][:7], stats.published[1][:7])
        ranked = [category for category, _ in stats.by_category.most_common()]
        groups = [(category, [category]) for category in ranked[:LEGEND_CATEGORIES]]
        if len(ranked) > LEGEND_CATEGORIES:
            groups[-1] = (f"{len(ranked) - LEGEND_CATEGORIES + 1} other categories", ranked[LEGEND_CATEGORIES - 1:])
        bottom = [0] * len(months)
        for label, categories in groups:
            heights = [sum(stats.by_month_category[month, c] for c in categories) for month in months]
            axes.bar(range(len(months)), heights, bottom=bottom, width=0.9, label=label)
            bottom = [b + h for b, h in zip(bottom, heights)]
        ticks = [i for i, month in enumerate(months) if month.endswith("-01")] or [0]
        axes.set_xticks(ticks, [months[i][:4] if months[i].endswith("-01") else months[i] for i in ticks])
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", title="category")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("month published")
    axes.set_ylabel(unit)
    axes.set_title(f"{unit.capitalize()} per month, by category")
    return Plot("articles-per-month.png", "Articles per month by category", _png(figure))


def field_completeness(stats: DatasetStats) -> Plot:
    rows = stats.completeness()
    figure = Figure(figsize=(8, 0.28 * len(rows) + 1.2))
    axes = figure.add_subplot()
    positions = range(len(rows))
    percents = [percent for _, _, percent in rows]
    axes.barh(positions, percents, color="#3b7dd8")
    axes.set_yticks(positions, [name for name, _, _ in rows], fontsize="small")
    axes.invert_yaxis()
    axes.set_xlim(0, 112)  # room for the labels right of a full bar
    axes.set_xticks(range(0, 101, 20))
    for position, percent in zip(positions, percents):
        axes.text(percent + 1, position, f"{percent:.0f} %", va="center", fontsize="x-small")
    axes.set_xlabel("% of records with a value (not null, not empty)")
    axes.set_title("Field completeness")
    return Plot("field-completeness.png", "Field completeness", _png(figure))


def _run_label(run_id: str) -> str:
    """20261127T230416Z -> 2026-11-27 23:04:16"""
    if len(run_id) != 16:
        return run_id
    return f"{run_id[:4]}-{run_id[4:6]}-{run_id[6:8]} {run_id[9:11]}:{run_id[11:13]}:{run_id[13:15]}"


def crawl_growth(history: CrawlHistory) -> Plot:
    figure = Figure(figsize=(max(7, 0.6 * len(history.runs) + 4), 4.5))
    axes = figure.add_subplot()
    positions = range(len(history.runs))
    new = [run.new for run in history.runs]
    # New versions by kind; a version written before kinds were stored counts as an edit.
    vanished = [run.removed + run.unlisted for run in history.runs]
    restored = [run.restored for run in history.runs]
    edited = [run.changed - gone - back for run, gone, back in zip(history.runs, vanished, restored)]
    bottom = list(new)
    axes.bar(positions, new, width=0.6, label="new articles", color="#3b7dd8")
    for counts, label, colour in ((edited, "edited (new version)", "#f0a030"), (vanished, "removed or unlisted", "#c0392b"),
                                  (restored, "restored", "#2e8b57")):
        axes.bar(positions, counts, width=0.6, bottom=bottom, label=label, color=colour)
        bottom = [b + c for b, c in zip(bottom, counts)]
    total, cumulative = 0, []
    for count in new:
        total += count
        cumulative.append(total)
    axes.plot(positions, cumulative, marker="o", color="#202020", label="articles in the collection")
    axes.set_xlim(-0.8, len(history.runs) - 0.2)
    axes.set_ylim(0, max(cumulative + [1]) * 1.1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xticks(positions, [_run_label(run.run_id) for run in history.runs], rotation=30, ha="right", fontsize="small")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    axes.set_xlabel("run (UTC start)")
    axes.set_ylabel("articles")
    axes.set_title("Crawl growth over runs")
    return Plot("crawl-growth.png", "Crawl growth over runs", _png(figure))


def render_plots(stats: DatasetStats, history: CrawlHistory, all_versions: bool) -> list[Plot]:
    unit = "records (all versions)" if all_versions else "articles"
    # Labels are the portal's text: a category holding "$…$" is shown as written, not read as TeX.
    with rc_context({"text.parse_math": False}):
        return [per_month_by_category(stats, unit), field_completeness(stats), crawl_growth(history)]
