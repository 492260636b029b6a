"""Re-extraction from WARC files: `reextract` with one job and with two.

The saved article pages are written to a WARC file by the crawl's own writer, then
`archive.reextract.reextract` rebuilds their records with the demo profile, as
`portal-archive reextract --jobs N` does: one job extracts in this process, two use the worker
pool of `archive/extraction_pool.py`. Time is wall-clock (parallel work is the point), so a
neighbour's load on a shared machine lowers both; the runs alternate, and the speed-up is the
median of per-pass ratios. The parent process keeps the serial part (reading the WARC,
versions, JSON), which bounds what a second core can add: the bound is given beside the speed-up,
from CPU time, which a busy neighbour does not change (Amdahl: the parent's CPU time with two
jobs as the serial share of the CPU time of one job).
"""

import shutil
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from archive.reextract import reextract
from archive.warc.write import RotatingWarcWriter
from bench.figures import Figure, at_least, informative, median
from bench.saved_pages import SavedPage
from demo_portal import DEMO_PROFILE
from extraction.profiles import load_profile

JOBS = (1, 2)


def _archive(pages: list[SavedPage], count: int, directory: Path) -> Path:
    writer = RotatingWarcWriter(directory, warcinfo={"software": "portal-archive benchmark"}, prefix="bench")
    for page in islice(cycle(pages), count):
        writer.write_exchange(page.exchange())
    writer.close()
    return directory / writer.closed_files[0]


def _pages_per_second_and_cpu(warc: Path, jobs: int, count: int) -> tuple[float, float]:
    """Pages per wall second, and CPU seconds of this (the parent) process."""
    output = Path(tempfile.mkdtemp(prefix="bench-reextract-"))
    try:
        started, cpu = time.monotonic(), time.process_time()
        summary = reextract([warc], output, load_profile(str(DEMO_PROFILE)), jobs)
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    finally:
        shutil.rmtree(output)
    if summary.pages != count or summary.problems:
        raise RuntimeError(f"reextract read {summary.pages} of {count} pages, problems: {summary.problems[:3]}")
    return count / elapsed, cpu


def measure_reextract(pages: list[SavedPage], count: int, repetitions: int) -> tuple[list[Figure], dict]:
    directory = Path(tempfile.mkdtemp(prefix="bench-reextract-warc-"))
    try:
        warc = _archive(pages, count, directory)
        runs: dict[int, list[float]] = {jobs: [] for jobs in JOBS}
        parent_cpu: dict[int, list[float]] = {jobs: [] for jobs in JOBS}
        for _ in range(repetitions):
            for jobs in JOBS:
                speed, cpu = _pages_per_second_and_cpu(warc, jobs, count)
                runs[jobs].append(speed)
                parent_cpu[jobs].append(cpu)
    finally:
        shutil.rmtree(directory)
    speedup = median(two / one for one, two in zip(runs[1], runs[2]))
    serial_share = median(parent_cpu[2]) / median(parent_cpu[1])
    bound = 1 / (serial_share + (1 - serial_share) / 2)
    figures = [
        informative("reextract_articles_per_second", median(runs[1]), "articles/s",
                    "reextract of article captures with one job (wall clock)"),
        informative("reextract_articles_per_second_2_jobs", median(runs[2]), "articles/s",
                    "the same with --jobs 2"),
        at_least("reextract_parallel_speedup", speedup, "x", 1.6, "2 jobs / 1 job, per pass (wall clock: needs two free cores)"),
        informative("reextract_parallel_speedup_bound", bound, "x",
                    "what 2 jobs can reach on 2 free cores, from the parent's share of the CPU time"),
    ]
    details = {"captures": count, "repetitions": repetitions,
               "runs_articles_per_second": {f"{jobs}_jobs": [round(v, 1) for v in values] for jobs, values in runs.items()},
               "parent_cpu_seconds": {f"{jobs}_jobs": [round(v, 2) for v in values] for jobs, values in parent_cpu.items()}}
    return figures, details
