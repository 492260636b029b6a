"""Pipeline overhead: the full ``portal-archive crawl`` pipeline against a bare Scrapy spider.

Fairness: both crawl the same demo portal process, with the same settings, and fetch exactly
the same URLs. The pipeline discovers its URLs as it does on a real portal (robots.txt, sitemap,
links); a warm-up run of it records them in its crawl.log, and the bare spider is handed that
list, so it pays for fetching only, never for discovery. The warm-up also fills the portal's
response cache, so every timed run is served alike. Runs alternate bare, full, bare, full...
and the ratio is the median of the per-pair ratios. Each side's clock starts once the modules
its crawl loads are loaded (bench/crawl_imports.py, read from each side's own settings): a real
crawl runs for hours, and module loading is not what the figures are about. The CPU time per
page of each crawl process is reported beside: unlike wall time, it does not depend on what
else runs on the machine. The pipeline's counts its extraction workers too (they read the pages
beside the crawl process).
"""

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from bench.crawl_result import CrawlResult, run_timed_crawl
from bench.crawl_settings import PIPELINE_ONLY_SETTINGS, SHARED_SETTINGS, as_cli_options
from bench.figures import Figure, at_least, informative, median
from demo_portal import DEMO_PROFILE


def fetched_urls(crawl_log: Path) -> list[str]:
    """Every URL the crawl fetched, in order (the fourth field of a crawl.log line)."""
    with open(crawl_log, encoding="utf-8") as lines:
        return [line.split(" ")[3] for line in lines if line.strip()]


def urls_for_bare_spider(pipeline_urls: list[str]) -> list[str]:
    """The pipeline's fetches less one robots.txt per site: Scrapy's robots.txt middleware
    fetches that one itself, in the bare crawl as in the pipeline's."""
    urls = list(pipeline_urls)
    for origin in dict.fromkeys(f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in pipeline_urls):
        robots = f"{origin}/robots.txt"
        if robots in urls:
            urls.remove(robots)
    return urls


def _full_run(base_url: str, directory: Path) -> CrawlResult:
    options = ["--profile", str(DEMO_PROFILE), "--start-url", base_url, "--output", str(directory / "crawl"),
               *as_cli_options({**SHARED_SETTINGS, **PIPELINE_ONLY_SETTINGS})]
    return run_timed_crawl("bench.full_crawl", directory / "result.json", ["--", *options])


def _bare_run(urls_file: Path, directory: Path) -> CrawlResult:
    return run_timed_crawl("bench.bare_spider", directory / "result.json", ["--urls", str(urls_file)])


def measure_pipeline_overhead(base_url: str, pairs: int, workdir: Path) -> tuple[list[Figure], dict]:
    warmup = workdir / "warmup"
    warmup.mkdir(parents=True)
    _full_run(base_url, warmup)
    pipeline_urls = fetched_urls(warmup / "crawl" / "crawl.log")
    urls_file = workdir / "urls.txt"
    urls_file.write_text("\n".join(urls_for_bare_spider(pipeline_urls)) + "\n", encoding="utf-8")

    bare_runs: list[CrawlResult] = []
    full_runs: list[CrawlResult] = []
    same_urls = True
    for pair in range(pairs):
        bare_dir, full_dir = workdir / f"bare-{pair}", workdir / f"full-{pair}"
        bare_dir.mkdir()
        full_dir.mkdir()
        bare_runs.append(_bare_run(urls_file, bare_dir))
        full_runs.append(_full_run(base_url, full_dir))
        # The pipeline's discovery is deterministic on the demo portal; check rather than assume.
        same_urls &= Counter(fetched_urls(full_dir / "crawl" / "crawl.log")) == Counter(pipeline_urls)
        same_urls &= bare_runs[-1].fetches == full_runs[-1].fetches

    pairs_run = list(zip(bare_runs, full_runs))
    ratio = median(full.fetches_per_second / bare.fetches_per_second for bare, full in pairs_run)
    cpu_ratio = median(bare.cpu_milliseconds_per_fetch / full.cpu_milliseconds_per_fetch for bare, full in pairs_run)
    figures = [
        informative("pipeline_pages_per_second", median(r.fetches_per_second for r in full_runs), "pages/s",
                    "portal-archive crawl: WARC capture, parse, validate, JSON (no requisites, no index)"),
        informative("bare_scrapy_pages_per_second", median(r.fetches_per_second for r in bare_runs), "pages/s",
                    "a Scrapy spider fetching the same URLs and doing nothing"),
        at_least("pipeline_vs_bare_scrapy_ratio", ratio, "x", 0.8, "pipeline pages/s / bare pages/s, per pair"),
        informative("pipeline_cpu_milliseconds_per_page", median(r.cpu_milliseconds_per_fetch for r in full_runs), "ms",
                    "CPU time per page of the crawl process and its extraction workers together"),
        informative("pipeline_crawl_process_cpu_milliseconds_per_page",
                    median(r.crawl_process_cpu_milliseconds_per_fetch for r in full_runs), "ms",
                    "of which the crawl process (fetching, WARC capture, scheduling, writing)"),
        informative("bare_scrapy_cpu_milliseconds_per_page", median(r.cpu_milliseconds_per_fetch for r in bare_runs), "ms",
                    "CPU time of the bare crawl process per page"),
        informative("pipeline_vs_bare_scrapy_cpu_ratio", cpu_ratio, "x",
                    "bare CPU per page / pipeline CPU per page, per pair: the ratio without the neighbours' noise"),
    ]
    details = {
        "pairs": pairs,
        "fetches_per_run": full_runs[0].fetches,
        "same_urls_in_every_run": same_urls,
        "runs": [
            {"bare_seconds": round(bare.seconds, 3), "full_seconds": round(full.seconds, 3),
             "bare_cpu_seconds": round(bare.cpu_seconds, 3), "full_cpu_seconds": round(full.cpu_seconds, 3),
             "full_worker_cpu_seconds": round(full.worker_cpu_seconds, 3),
             "bare_fetches": bare.fetches, "full_fetches": full.fetches}
            for bare, full in pairs_run
        ],
    }
    return figures, details
