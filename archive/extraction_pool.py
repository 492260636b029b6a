"""Article extraction in a small pool of worker processes, results handed back in input order.

What `reextract --jobs N` runs on: pages go to N processes through a bounded window (a few
pages per worker in flight, so memory stays flat however long the input), and come back in the
order they went in, so that versions are numbered exactly as one process numbers them. With one
job, pages are extracted in this process, with no pool at all.

A worker that dies (killed, out of memory, a crash in a C library) breaks the pool; the pages in
flight are then tried again one at a time in a fresh pool, so that only the page that kills a
worker is lost, recorded with the reason, and the run goes on.
"""

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar

from extraction.article import PageTooLarge, extract_article
from extraction.page import Page
from extraction.profiles import Profile
from extraction.resolve import resolve_profile
from record.schema import problems

Item = TypeVar("Item")
# Pages in flight per worker: enough to keep each busy while the parent writes results.
_IN_FLIGHT_PER_JOB = 4


@dataclass(frozen=True)
class ExtractionTask:
    page: Page
    # The profile for every page, or None to choose one per page (by `recorded`, the profile the
    # crawl recorded, then the page's URL and markup), as resolve_profile does.
    profile: Profile | None = None
    recorded: str | None = None
    # The record's `warc` provenance, known before extraction: set in the worker, so that the
    # schema check (a few ms a record) runs there too.
    warc: dict | None = None


@dataclass(frozen=True)
class Extraction:
    record: dict | None  # None: not an article, or not extracted (then `failure` says why)
    failure: str | None = None
    # What the record schema finds wrong with the record (record.schema.problems).
    problems: tuple[str, ...] = ()


def extract(task: ExtractionTask) -> Extraction:
    """One page's extraction and the check of its record, as a worker (or this process, with
    one job) runs them."""
    profile = task.profile or resolve_profile(recorded=task.recorded, page=task.page)
    try:
        record = extract_article(task.page, profile)
    except PageTooLarge as too_large:
        return Extraction(None, str(too_large))
    if record is None:
        return Extraction(None)
    record["warc"] = task.warc
    return Extraction(record, problems=tuple(problems(record)))


def _pool(jobs: int) -> ProcessPoolExecutor:
    # fork: workers start at once with everything already imported; the callers are plain
    # command-line processes, with no threads to copy.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def _died(task: ExtractionTask) -> Extraction:
    return Extraction(None, f"not extracted: the extraction worker died while reading {task.page.url}")


def _one_at_a_time(pending: list[tuple[Item, ExtractionTask]], jobs: int) -> tuple[list[tuple[Item, Extraction]], ProcessPoolExecutor]:
    """The pages that were in flight when the pool broke, each alone in a fresh pool: a page that
    kills its worker again is the one that did; the others come out as usual."""
    outcomes = []
    pool = _pool(jobs)
    for item, task in pending:
        try:
            outcomes.append((item, pool.submit(extract, task).result()))
        except BrokenProcessPool:
            outcomes.append((item, _died(task)))
            pool.shutdown(wait=True, cancel_futures=True)
            pool = _pool(jobs)
    return outcomes, pool


def extract_in_order(items: Iterable[tuple[Item, ExtractionTask]], jobs: int = 1) -> Iterator[tuple[Item, Extraction]]:
    """(item, extraction) for each (item, task) of `items`, in their order; `item` is whatever
    the caller keeps beside the page (it stays in this process). An exception other than a page
    being too large stops the run, as it would with one job."""
    if jobs <= 1:
        for item, task in items:
            yield item, extract(task)
        return
    window: deque[tuple[Item, ExtractionTask, Future | None]] = deque()
    pool = _pool(jobs)
    source = iter(items)
    try:
        while True:
            while len(window) < jobs * _IN_FLIGHT_PER_JOB and (following := next(source, None)) is not None:
                item, task = following
                try:
                    future = pool.submit(extract, task)
                except BrokenProcessPool:  # a worker died since the last result: its page is in the window
                    future = None
                window.append((item, task, future))
                if future is None:
                    break
            if not window:
                return
            item, task, future = window[0]
            try:
                if future is None:
                    raise BrokenProcessPool
                outcome = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                outcomes, pool = _one_at_a_time([(i, t) for i, t, _ in window], jobs)
                window.clear()
                yield from outcomes
                continue
            window.popleft()
            yield item, outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
