"""Memory at scale: one crawl of a large demo portal, its resident memory sampled every 0.5 s.

The crawl is ``portal-archive crawl --demo --demo-articles N`` (the portal in a child process)
with the pipeline settings of the overhead figure: no requisites, no index or WACZ package.
Memory is the crawl's: its own process and the extraction workers it reads pages in, summed;
each apart, and the portal's, are reported beside it.
"""

import subprocess
import time
from pathlib import Path

from bench import REPO
from bench.crawl_result import CrawlResult, timed_crawl_command
from bench.crawl_settings import PIPELINE_ONLY_SETTINGS, as_cli_options
from bench.figures import Figure, below, informative
from bench.memory import LineCounter, MemorySample, MemorySampler, child_pids, command_line

MB = 1e6
PEAK_RSS_LIMIT_MB = 400
# Memory that grew in proportion to pages would grow 300 % from a quarter of the crawl to its
# end; flat memory grows little once the crawl's working set is in place.
GROWTH_LIMIT_PERCENT = 25
QUARTERS = (25, 50, 75, 100)
# How the demo portal's process is told from the crawl's workers: `python -m demo_portal ...`.
_PORTAL = "demo_portal"


def _rss_at(samples: list[MemorySample], percent: int, total: int) -> MemorySample:
    """The first sample taken once `percent` of the crawl's pages were fetched; for 100 %, the
    largest of the last quarter: the crawl's last fetches (files of a document, a retry) can come
    after its workers were stopped, when its memory is no longer what the crawl held."""
    if percent == 100:
        return max((s for s in samples if s.progress >= total * 0.75), key=lambda s: s.total_rss_bytes, default=samples[-1])
    wanted = total * percent / 100
    return next((s for s in samples if s.progress >= wanted), samples[-1])


def _portal_sampler(crawl_pid: int, timeout: float = 30) -> MemorySampler | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if portals := [pid for pid in child_pids(crawl_pid) if _PORTAL in command_line(pid)]:
            return MemorySampler(portals[0], progress=lambda: 0).start()
        time.sleep(0.1)
    return None


def measure_scale(articles: int, workdir: Path) -> tuple[list[Figure], dict]:
    workdir.mkdir(parents=True, exist_ok=True)
    output, result_path = workdir / "crawl", workdir / "result.json"
    options = ["--demo", "--demo-articles", str(articles), "--output", str(output),
               *as_cli_options({"LOG_LEVEL": "WARNING", **PIPELINE_ONLY_SETTINGS})]
    with open(workdir / "console.log", "w", encoding="utf-8") as console:
        process = subprocess.Popen(timed_crawl_command("bench.full_crawl", result_path, ["--", *options]),
                                   stdout=console, stderr=subprocess.STDOUT, cwd=REPO)
        crawl = MemorySampler(process.pid, progress=LineCounter(output / "crawl.log"), leave_out=_PORTAL).start()
        portal = _portal_sampler(process.pid)
        exit_code = process.wait()
    samples = crawl.stop()
    portal_samples = portal.stop() if portal else []
    if exit_code != 0 or not samples:
        raise RuntimeError(f"the scale crawl exited {exit_code}: see {workdir / 'console.log'}")
    result = CrawlResult.load(result_path)

    peak = max(s.total_rss_bytes for s in samples) / MB
    process_peak = max(max(s.rss_bytes for s in samples), samples[-1].peak_bytes) / MB
    workers_peak = max(s.descendants_rss_bytes for s in samples) / MB
    marks = {percent: _rss_at(samples, percent, result.fetches) for percent in QUARTERS}
    at = {percent: sample.total_rss_bytes / MB for percent, sample in marks.items()}
    growth = (at[100] - at[25]) / at[25] * 100
    # The steady slope, from a quarter to three quarters of the crawl (start-up and shutdown left out).
    pages_between = max(marks[75].progress - marks[25].progress, 1)
    slope = (at[75] - at[25]) / pages_between * 1000
    figures = [
        informative("scale_pages", result.fetches, "pages", f"HTTP responses in a crawl of a {articles}-article demo portal"),
        informative("scale_wall_seconds", result.seconds, "s", "the whole crawl, portal start-up included"),
        informative("scale_pages_per_second", result.fetches_per_second, "pages/s"),
        below("scale_peak_rss_mb", peak, "MB", PEAK_RSS_LIMIT_MB,
              "crawl process and its extraction workers, VmRSS summed, sampled every 0.5 s"),
        informative("scale_crawl_process_peak_rss_mb", process_peak, "MB", "the crawl process alone (VmRSS samples and VmHWM)"),
        informative("scale_workers_peak_rss_mb", workers_peak, "MB", "its extraction workers together"),
        *(informative(f"scale_rss_at_{percent}_percent_mb", at[percent], "MB",
                      f"crawl process and workers once {percent} % of pages were fetched"
                      + (" (the last quarter's largest)" if percent == 100 else "")) for percent in QUARTERS),
        below("scale_rss_growth_25_to_100_percent", growth, "%", GROWTH_LIMIT_PERCENT,
              "RSS growth from 25 % of pages to the last quarter's largest (proportional growth would be 300 %)"),
        informative("scale_rss_growth_per_1000_pages_mb", slope, "MB",
                    "steady growth between 25 % and 75 % of pages: what a much larger crawl would add"),
    ]
    details = {
        "articles": articles,
        # Which side is the bottleneck: CPU seconds each process used during the crawl.
        "crawl_cpu_seconds": round(samples[-1].cpu_seconds, 1),
        "workers_cpu_seconds": round(samples[-1].descendants_cpu_seconds, 1),
        "portal_cpu_seconds": round(portal_samples[-1].cpu_seconds, 1) if portal_samples else None,
        "portal_peak_rss_mb": round(max((s.peak_bytes for s in portal_samples), default=0) / MB, 1),
        "samples_seconds_rss_mb_workers_rss_mb_pages": [
            [round(s.seconds, 1), round(s.rss_bytes / MB, 1), round(s.descendants_rss_bytes / MB, 1), s.progress] for s in samples],
    }
    return figures, details
