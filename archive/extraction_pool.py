"""Pages read by a pool of worker processes: the crawl's page readings and `reextract --jobs N`.

pebble's ProcessPool runs them: each task (a page, or a batch of pages) has a time bound. A task
that takes longer than the bound costs one worker that much time: pebble stops that worker and
starts another, and the task comes back as a failure with the reason. A worker that dies (killed,
out of memory, a crash in a C library) is replaced too, and only the task it was running is lost:
pebble knows which task each worker held. Any other exception of a page is raised where its result
is asked for, as in one process. A batch that fails is read again one page a task by its caller,
so that only the page at fault fails. A task costs this process ~0.3-0.6 ms of CPU (mostly in
pebble's threads) and its worker ~0.5 ms besides the reading: pages go in batches where they can.

Workers start from a fork server (multiprocessing's "forkserver") that has imported the
extraction modules and compiled the record checks once (archive/extraction_preload.py): each worker is forked from that clean, single-threaded process, never
from the crawl's, whose reactor and pebble's own threads a fork would copy mid-flight (a lock
held by another thread stays held forever in the child).

A profile goes to the workers with every page (in the rules it is read by) and comes back with its
reading (the profile that read it): pickled in full, its 6 KB cost each side about as much as the
rest of the task. Between the processes of a pool (multiprocessing's pickler only) it travels as
bytes pickled once per process, with their digest; a process that has unpickled those bytes
before takes the profile it already has.
"""

import hashlib
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, TimeoutError as TaskTimeout
from dataclasses import dataclass
from itertools import islice
from multiprocessing.reduction import ForkingPickler
from typing import TypeVar

from pebble import ProcessExpired, ProcessPool

from extraction.article import PageTooLarge, extract_article
from extraction.page import Page
from extraction.profiles import Profile
from extraction.resolve import resolve_profile
from record.ledger import content_hash
from record.schema import problems

Item = TypeVar("Item")
_PRELOADED = ["archive.extraction_preload"]
# Seconds one page may take: the largest page extraction accepts takes a few; a page past this is a
# trap or a pathological tree (the crawl's PORTAL_EXTRACTION_TIMEOUT has the same default).
DEFAULT_TIME_BOUND = 60.0
# extract_in_order gives the workers pages in batches (the crawl's PageReader, smaller ones): a task of one
# page cost this process about 0.3 ms of CPU (pickling, pebble's threads, a future), a quarter of
# what it spent a page re-extracting; 8 pages a task 0.12 ms a page, 16 0.10 ms, 32 0.08 ms (more
# pages read again when one fails). extract_in_order keeps two batches a worker in flight: one read
# while the other travels.
PAGES_PER_TASK = 16
BATCHES_IN_FLIGHT_PER_WORKER = 2


# Profiles by id() as sent (kept alive here, so that an id is not reused) and by digest as received.
# A crawl meets a handful of profiles; the bounds only keep a long-lived process from growing.
_PICKLED_PROFILES: dict[int, tuple[Profile, bytes, bytes]] = {}
_PROFILES_BY_DIGEST: dict[bytes, Profile] = {}
_PROFILES_KEPT = 64


def _remember(profile: Profile, digest: bytes, state: bytes) -> None:
    if len(_PICKLED_PROFILES) >= _PROFILES_KEPT:
        _PICKLED_PROFILES.clear()
        _PROFILES_BY_DIGEST.clear()
    _PICKLED_PROFILES[id(profile)] = (profile, digest, state)
    _PROFILES_BY_DIGEST.setdefault(digest, profile)


def _pickled_profile(profile: Profile):
    known = _PICKLED_PROFILES.get(id(profile))
    if known is None or known[0] is not profile:
        state = pickle.dumps(profile, protocol=pickle.HIGHEST_PROTOCOL)
        known = (profile, hashlib.blake2b(state, digest_size=16).digest(), state)
        _remember(*known)
    return _unpickled_profile, known[1:]


def _unpickled_profile(digest: bytes, state: bytes) -> Profile:
    profile = _PROFILES_BY_DIGEST.get(digest)
    if profile is None:
        profile = pickle.loads(state)
        _remember(profile, digest, state)  # sent back with the same digest: the sender takes its own
    return profile


ForkingPickler.register(Profile, _pickled_profile)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the crawl stops gracefully and closes the pool;
    # a worker killed by it would turn the pages in flight into failures.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _fork_server_context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOADED)
    return context


def start_fork_server() -> None:
    """Start the workers' fork server now and wait until it has loaded what it preloads (about half a
    second of CPU), so that a pool made later in this process forks its workers at once."""
    probe = _fork_server_context().Process(target=os.getpid)
    probe.start()
    probe.join()


class WorkerPool:
    """`workers` processes running one function per page, each within `timeout` seconds (None: no bound)."""

    def __init__(self, workers: int, timeout: float | None):
        self.timeout = timeout
        self._pool = ProcessPool(max_workers=workers, initializer=_ignore_interrupts, context=_fork_server_context())
        self._closing: Future | None = None
        self._pool.schedule(os.getpid)  # the workers start now, while the caller gets ready, not at the first page

    def submit(self, function: Callable, *arguments) -> Future:
        return self._pool.schedule(function, args=arguments, timeout=self.timeout)

    def submit_batch(self, calls: list[tuple[Callable, tuple]]) -> Future:
        """One task running each function(*arguments) of `calls` in turn, within one time bound: its
        result is their results in order. A batch that fails is to be read again one call a task
        (only the call at fault then fails)."""
        return self._pool.schedule(_run_calls, args=(calls,), timeout=self.timeout)

    def failure(self, error: BaseException, url: str) -> str | None:
        """The reason to record for a page whose task ended with `error`; None when the error is
        the page's own (raised in the worker), to be raised here as it would be in one process."""
        if isinstance(error, TaskTimeout):
            return f"not extracted: reading the page took more than {self.timeout:g} s (its worker was stopped and replaced)"
        if isinstance(error, ProcessExpired):
            return f"not extracted: the extraction worker died while reading {url} ({error}, exit code {error.exitcode})"
        return None

    def stop(self) -> None:
        """Begin closing: no task is taken any more, and the workers are stopped on a thread of its
        own, so that the caller goes on with its own closing meanwhile (pebble's join waits up to
        0.1 s for its manager threads to wake); close() waits for the end."""
        if self._closing is None:
            self._pool.stop()
            closer = ThreadPoolExecutor(1, thread_name_prefix="extraction-pool-close")
            self._closing = closer.submit(self._pool.join)
            closer.shutdown(wait=False)

    def close(self) -> None:
        """Stop the pool and wait until its workers and threads are gone."""
        self.stop()
        self._closing.result()


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

    @property
    def url(self) -> str:
        return self.page.url


@dataclass(frozen=True)
class Extraction:
    record: dict | None  # None: not an article, or not extracted (then `failure` says why)
    failure: str | None = None
    # What the record schema finds wrong with the record (record.schema.problems).
    problems: tuple[str, ...] = ()
    content_hash: str | None = None  # of a record without problems (record/ledger.py), for its version


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
    found = tuple(problems(record))
    return Extraction(record, problems=found, content_hash=None if found else content_hash(record))


def extract_in_order(items: Iterable[tuple[Item, ExtractionTask]], jobs: int = 1, timeout: float | None = None,
                     extract_page: Callable[[ExtractionTask], Extraction] = extract) -> Iterator[tuple[Item, Extraction]]:
    """(item, extraction) for each (item, task) of `items`, in their order, so that versions are
    numbered exactly as one process numbers them; `item` is whatever the caller keeps beside the
    page (it stays in this process). With one job, pages are extracted here, with no pool; with
    more, a bounded window of batches of pages is in flight (memory stays flat however long the
    input). A batch that fails is read again one page a task (a page that hangs costs its bound
    twice): a page past `timeout` or whose worker died is an Extraction with the failure; an
    exception other than a page being too large stops the run, as it would with one job. `extract_page`
    is what runs for each task (a module-level function: workers import it by name)."""
    if jobs <= 1:
        for item, task in items:
            yield item, extract_page(task)
        return
    pool = WorkerPool(jobs, timeout)
    window: deque[tuple[list[tuple[Item, ExtractionTask]], Future]] = deque()
    source = iter(items)
    try:
        while True:
            while len(window) < jobs * BATCHES_IN_FLIGHT_PER_WORKER and (batch := list(islice(source, PAGES_PER_TASK))):
                window.append((batch, pool.submit_batch([(extract_page, (task,)) for _, task in batch])))
            if not window:
                return
            batch, future = window.popleft()
            try:
                outcomes = future.result()
            except Exception:  # noqa: BLE001 - told apart page by page below
                yield from _one_page_a_task(pool, batch, extract_page)
            else:
                yield from zip((item for item, _ in batch), outcomes)
    finally:
        pool.close()


def _run_calls(calls: list[tuple[Callable, tuple]]) -> list:
    return [function(*arguments) for function, arguments in calls]


def _one_page_a_task(pool: WorkerPool, batch: list[tuple[Item, ExtractionTask]],
                     extract_page: Callable[[ExtractionTask], Extraction]) -> Iterator[tuple[Item, Extraction]]:
    """A batch that timed out, lost its worker or raised, read again one page a task: only the page
    at fault fails (or raises), as if every page had been a task of its own from the start."""
    futures = [pool.submit(extract_page, task) for _, task in batch]
    for (item, task), future in zip(batch, futures):
        try:
            outcome = future.result()
        except (TaskTimeout, ProcessExpired) as error:
            outcome = Extraction(None, pool.failure(error, task.url))
        yield item, outcome
