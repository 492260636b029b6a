"""The benchmarks at a tiny size (`python -m bench --quick`), so that `make bench` cannot rot.

Only the shape of the reports is checked, never a speed: benchmarks are not pass/fail.
"""

import json
import math
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIGURES = {
    "pipeline_pages_per_second", "bare_scrapy_pages_per_second", "pipeline_vs_bare_scrapy_ratio",
    "pipeline_cpu_milliseconds_per_page", "pipeline_crawl_process_cpu_milliseconds_per_page",
    "bare_scrapy_cpu_milliseconds_per_page", "pipeline_vs_bare_scrapy_cpu_ratio",
    "extraction_articles_per_second_per_core", "trafilatura_articles_per_second_per_core",
    "extraction_speedup_vs_trafilatura", "extraction_speedup_vs_trafilatura_text_only",
    "extraction_vendor_small_ms_per_100kb", "extraction_vendor_large_ms_per_100kb", "extraction_cost_growth_large_vs_small",
    "extraction_vendor_large_ms_per_page", "extraction_vendor_speedup_vs_trafilatura",
    "reextract_articles_per_second", "reextract_articles_per_second_2_jobs", "reextract_parallel_speedup",
    "reextract_parallel_speedup_bound",
    "warc_writer_megabytes_per_second", "raw_warcio_megabytes_per_second", "warc_writer_vs_raw_warcio_ratio",
    "warc_gzip_level6_speedup_over_level9", "warc_gzip_level6_size_increase_percent",
    "scale_pages", "scale_wall_seconds", "scale_pages_per_second", "scale_peak_rss_mb",
    "scale_crawl_process_peak_rss_mb", "scale_workers_peak_rss_mb",
    "scale_rss_at_25_percent_mb", "scale_rss_at_50_percent_mb", "scale_rss_at_75_percent_mb",
    "scale_rss_at_100_percent_mb", "scale_rss_growth_25_to_100_percent", "scale_rss_growth_per_1000_pages_mb",
    "export_records", "export_seconds", "export_peak_rss_mb",
}
TARGETED = {
    "pipeline_vs_bare_scrapy_ratio", "extraction_speedup_vs_trafilatura", "warc_writer_vs_raw_warcio_ratio",
    "extraction_cost_growth_large_vs_small", "extraction_vendor_speedup_vs_trafilatura", "reextract_parallel_speedup",
    "scale_peak_rss_mb", "scale_rss_growth_25_to_100_percent", "export_peak_rss_mb",
}


def test_quick_bench_writes_both_reports_with_every_figure(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--output", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-4000:]

    report = json.loads((tmp_path / "benchmarks.json").read_text(encoding="utf-8"))
    assert report["mode"] == "quick"
    machine = report["machine"]
    for key in ("cpu_model", "cores", "memory_gib", "os", "python", "git_commit"):
        assert key in machine
    for package in ("scrapy", "warcio", "lxml", "trafilatura"):
        assert machine["versions"][package]

    figures = {f["name"]: f for f in report["figures"]}
    assert set(figures) == FIGURES
    for figure in figures.values():
        assert set(figure) >= {"name", "value", "unit", "target", "met"}
        assert isinstance(figure["value"], (int, float)) and math.isfinite(figure["value"]), figure
    for name in TARGETED:
        assert figures[name]["target"] and isinstance(figures[name]["met"], bool)
    assert report["details"]["pipeline_overhead"]["same_urls_in_every_run"] is True
    # The pages are read in worker processes: their CPU and memory are the crawl's too, and found.
    assert all(run["full_worker_cpu_seconds"] > 0 for run in report["details"]["pipeline_overhead"]["runs"])
    assert figures["scale_workers_peak_rss_mb"]["value"] > 0
    assert figures["scale_peak_rss_mb"]["value"] > figures["scale_crawl_process_peak_rss_mb"]["value"]
    assert report["details"]["export"]["parquet_mb"] > 0

    markdown = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert "## 7. Export" in markdown
    for name in FIGURES:
        assert f"`{name}`" in markdown

    # After editing bench/findings.md, the Markdown is rendered again from the JSON alone.
    (tmp_path / "benchmarks.md").unlink()
    subprocess.run([sys.executable, "-m", "bench", "--render-only", "--output", str(tmp_path)], cwd=REPO, check=True, timeout=60)
    assert (tmp_path / "benchmarks.md").read_text(encoding="utf-8") == markdown
