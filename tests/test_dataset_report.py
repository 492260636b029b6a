"""The dataset card and the HTML report of a real demo crawl's export: what they say is the demo
portal's truth, and the report's plots load in headless Chromium with no network."""

import re
import shutil
import subprocess
from collections import Counter

import pytest
from markdown_it import MarkdownIt

from archive.dataset.card import render_card
from archive.dataset.describe import ExportInfo
from archive.dataset.plots import render_plots
from archive.dataset.report import render_report
from archive.dataset.stats import CrawlHistory, DatasetStats, RunSummary
from conftest import run_cli

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Appended to a copy of the report: once the page has loaded, write each image's decoded width
# into the DOM that --dump-dom prints.
IMAGE_PROBE = """<script>
window.addEventListener("load", () => {
  document.body.dataset.imageWidths = Array.from(document.images, image => image.naturalWidth).join(",");
});
</script>"""


@pytest.fixture(scope="module")
def exported(demo_crawl, tmp_path_factory):
    path = tmp_path_factory.mktemp("card") / "articles.jsonl.gz"
    run_cli("export", demo_crawl["output"], "--format", "jsonl.gz", "--output", path)
    return path


@pytest.fixture(scope="module")
def card(exported):
    return (exported.parent / "articles.jsonl.gz.card.md").read_text(encoding="utf-8")


def test_the_report_shows_its_plots_in_chromium(exported, tmp_path):
    report = (exported.parent / "articles.jsonl.gz.report.html").read_text(encoding="utf-8")
    assert "<script" not in report and not re.search(r'(src|href)="(https?:)?//', report)  # opens offline
    probe = tmp_path / "report.html"
    probe.write_text(report.replace("</body>", IMAGE_PROBE + "</body>"), encoding="utf-8")
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: `make test` installs it"
    result = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                             probe.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    widths = re.search(r'data-image-widths="([^"]*)"', result.stdout)
    assert widths, "the page did not finish loading"
    assert [int(w) > 0 for w in widths.group(1).split(",")] == [True, True, True]
    for title in ("Articles per month by category", "Field completeness", "Crawl growth over runs"):
        assert f'alt="{title}"' in result.stdout


def test_the_card_says_what_was_crawled_and_when(demo_crawl, card):
    manifest = demo_crawl["manifest"]
    assert "| profile | demo |" in card
    assert "| runs | 1: first started" in card
    articles = manifest["articles"]
    published = sorted(a["published_at"] for a in articles)
    assert f"| published | {published[0]} to {published[-1]} |" in card


def test_the_card_counts_articles_per_category_and_year(demo_crawl, card):
    articles = demo_crawl["manifest"]["articles"]
    for category, count in Counter(a["category"] for a in articles).items():
        assert f"| {category} | {count} |" in card
    for year, count in Counter(a["published_at"][:4] for a in articles).items():
        assert f"| {year} | {count} |" in card


def test_the_card_measures_field_completeness(demo_crawl, card):
    articles = demo_crawl["manifest"]["articles"]
    for field in ("author", "source", "lead"):
        filled = sum(1 for a in articles if a[field])
        assert f"| {field} | {filled} | {100 * filled / len(articles):.1f} % |" in card
    assert f"| title | {len(articles)} | 100.0 % |" in card


def test_the_card_lists_known_gaps_and_the_licence_note(demo_crawl, card):
    assert f"| HTTP 404 | {len(demo_crawl['manifest']['missing'])} |" in card
    assert "## Licence and attribution" in card and "grant no licence" in card
    assert "portal-archive replay" in card



# Markup for the card and report, and TeX for the plots' labels ("$\\frac{$" once stopped the export).
HOSTILE = '<script>alert("x")</script> & [link](javascript:alert(1)) | `code` <img src=x onerror=alert(2)> $\\frac{$'


def hostile_export(tmp_path):
    """An export whose crawl hands back markup everywhere it can: category, start URL, failure text, folder."""
    stats = DatasetStats()
    stats.add({"category": HOSTILE, "published_at": "2024-05-01T08:00:00+07:00", "fetched_at": "2026-01-01T00:00:00+00:00",
               "schema_version": "1.0", "title": HOSTILE, "body_text": "x"})
    history = CrawlHistory(
        runs=[RunSummary(run_id=HOSTILE, started_at=None, finished_at=None, status=HOSTILE, pages=1, new=1, changed=0)],
        profiles=[HOSTILE], start_urls=[f"http://h.vn/{HOSTILE}", "http://<b>evil</b>/"], articles=1, versions=1,
        gaps=Counter({HOSTILE: 1}), rejected=1, reject_fields=Counter({HOSTILE: 1}),
    )
    info = ExportInfo(path=tmp_path / "articles.parquet", format="parquet", all_versions=False, segmented=False,
                      crawl_dir=tmp_path / HOSTILE.replace("/", "-"), exported_at="2026-01-01T00:00:00+00:00",
                      tool_version="0")
    return info, stats, history, render_plots(stats, history, False)


def test_the_report_escapes_everything_the_crawl_hands_it(tmp_path):
    report = render_report(*hostile_export(tmp_path))
    assert "<script" not in report and "<img src=x" not in report and "<b>evil" not in report
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in report  # shown as text


def test_the_card_shows_everything_the_crawl_hands_it_as_text(tmp_path):
    card = render_card(*hostile_export(tmp_path), "articles.parquet.report.html", "articles.parquet.plots")
    # As a Markdown viewer shows it (CommonMark with tables, as GitHub and Hugging Face render cards).
    rendered = MarkdownIt("commonmark").enable("table").render(card)
    assert "<script" not in rendered and "<img src=x" not in rendered and "<b>evil" not in rendered
    assert 'href="javascript:' not in rendered and "<code>code</code>" not in rendered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in rendered  # the reader sees the characters
    rows = [line for line in card.splitlines() if line.startswith(("| start URLs |", "| profile | &lt;script"))]
    assert len(rows) == 2 and all(len(re.findall(r"(?<!\\)\|", row)) == 3 for row in rows)  # still two cells
