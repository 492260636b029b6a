"""The crawl's HTML pages read beside it: each page parsed once, in a pool of worker processes
(extraction/page_reading.py reads it; archive/extraction_pool.py runs the pool).

Fetching never waits for extraction: the spider's callback awaits its page's reading while the
reactor goes on downloading, and the machine's other cores do the reading. A page whose reading
outlasts PORTAL_EXTRACTION_TIMEOUT, or whose worker dies, costs that one worker (it is replaced)
and comes back as the reason to record; the page is in the WARC all the same. With
PORTAL_EXTRACTION_WORKERS = 0 pages are read in the crawl's own process (for debugging): the
same readings, one at a time on the reactor's thread.

Pages go to the workers in batches: those waiting when the reactor's turn ends are handed over
together, spread over the workers, at most 4 a task and one task a worker in flight. A task of one
page cost this process ~0.6 ms of CPU, mostly in pebble's threads (two messages a task, a poll
object per receive, locks, thread wake-ups), and its worker ~0.5 ms outside the reading (two
messages and a lock more): batches share that out when pages arrive together or wait for a
worker, and cost nothing in time when one page waits alone. A batch that outlasts the time bound,
loses its worker or raises is read again one page a task, so only the page at fault fails (a page
that hangs costs its bound twice).

How many pages wait, and why that is bounded: at most PORTAL_EXTRACTION_WORKERS tasks of 4
pages are handed to the pool; the pages waiting for a task are responses whose callbacks have
not finished, which Scrapy keeps in its scraper slot and counts by body size. Once they
pass SCRAPER_SLOT_MAX_ACTIVE_SIZE (5 MB by default) the engine's needs_backout() holds, and it
takes no new request from the scheduler until readings come back (scrapy/core/engine.py,
_start_scheduled_requests; scrapy/core/scraper.py, Slot.needs_backout). So memory stays within
that size plus the downloads already under way (CONCURRENT_REQUESTS responses).

The pool starts on a thread of its own while the crawl starts: its fork server takes about half a
second to load the extraction modules, which the first fetches need not wait for; the first page
to read waits for it. A pool that cannot start stops the crawl with one line saying why.
"""

import asyncio
import logging
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor, TimeoutError as TaskTimeout
from datetime import datetime, timezone

from pebble import ProcessExpired
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from archive.extraction_pool import WorkerPool
from crawler.profile_choice import ProfileChoice
from extraction.attachment_text import FileText, file_text, unread
from extraction.page import Page
from extraction.page_reading import PageReading, ReadingRules, read_page

logger = logging.getLogger(__name__)
POOL_FAILED = "extraction pool did not start"
POOL_FAILED_REASON = "extraction_pool_failed"  # the crawl's finish reason
_NO_POOL = RuntimeError(POOL_FAILED)  # what a task gets when the pool could not start
# One task a worker: pages that arrive while every worker reads wait for one to finish and go
# together. Against two a worker (one read while the other travels), in 8 alternated bench crawls:
# pebble's threads 0.16-0.21 -> 0.09-0.14 ms of CPU a page (lower in all 8), crawl and workers
# 8.6-9.7 -> 8.1-9.2 ms (medians of 4), pages a second the same within the noise.
TASKS_A_WORKER = 1
# At most 4 pages a task: a page's reading comes back with its whole batch, and the requests it
# names (a listing's next page, its articles) wait for it. With 16 a task (reextract's batches),
# bench crawls ran at ~0.76 of the pace of one page a task (median of 11 alternated pairs); with
# 4, at its pace or better (6 pairs: 101 against 90.5 pages a second), for about the same CPU.
PAGES_A_TASK = 4


class PageReader:
    def __init__(self, workers: int, timeout: float, choice: ProfileChoice, requisites: bool):
        if workers < 0:
            raise ValueError(f"PORTAL_EXTRACTION_WORKERS={workers}: give 0 (read in the crawl's process) or more workers")
        self._starting: Future[WorkerPool] | None = None
        if workers:
            starter = ThreadPoolExecutor(1, thread_name_prefix="extraction-pool-start")
            self._starting = starter.submit(WorkerPool, workers, timeout)
            starter.shutdown(wait=False)
        self._crawler = None  # stopped if the pool cannot start
        self._failure_told = False
        self._waiting: deque[tuple] = deque()  # (function, arguments, the caller's future) waiting for a task
        self._handing_over = False  # the waiting calls are handed over at the end of the loop's turn
        self._workers = max(1, workers)
        self._most_tasks = self._workers * TASKS_A_WORKER
        self._tasks = 0  # handed to the pool
        self._running: set[asyncio.Task] = set()
        self.choice = choice
        self.requisites = requisites  # whether the crawl fetches page requisites (a page's reading names them)
        self._recognising: asyncio.Future | None = None  # the reading of the page that names the site's family

    @classmethod
    def from_crawler(cls, crawler, choice: ProfileChoice) -> "PageReader":
        settings = crawler.settings
        reader = cls(settings.getint("PORTAL_EXTRACTION_WORKERS"), settings.getfloat("PORTAL_EXTRACTION_TIMEOUT"), choice,
                     settings.getbool("PORTAL_REQUISITES_ENABLED"))
        reader._crawler = crawler
        crawler.signals.connect(reader.stop, signal=signals.spider_closed)
        return reader

    async def read(self, response, spider) -> PageReading | str:
        """The page's reading as the crawl's profile choice and discovery rules want it, or the
        reason it has none. Until a page has named the site's family (profile auto), one page at a
        time is read to name it and the others wait: the first page read decides, as in one
        process, and `spider.recognised` steers discovery before any other page is read."""
        while self.choice.waiting and self._recognising is not None:
            await self._recognising
        recognise = self.choice.waiting
        rules = self.choice.rules(recognise, deny_urls=spider.profile.discovery.deny_urls,
                                  records=response.request.method == "GET", warc=response.meta.get("warc"),
                                  requisites=self.requisites)
        if not recognise:
            return await self._read(response, rules)
        self._recognising = asyncio.get_running_loop().create_future()
        try:
            reading = await self._read(response, rules)
            if isinstance(reading, PageReading) and reading.recognition is not None:
                spider.recognised(response, self.choice.recognised(response.url, reading.recognition))
            return reading
        finally:
            self._recognising.set_result(None)
            self._recognising = None

    async def _read(self, response, rules: ReadingRules) -> PageReading | str:
        page = Page(
            url=response.url,
            body=response.body,
            content_type=(response.headers.get("Content-Type") or b"").decode("latin-1") or None,
            fetched_at=response.meta.get("fetched_at") or datetime.now(timezone.utc),
        )
        if self._starting is None:
            return read_page(page, rules)
        # read_page looked up at each call: a test stands a misbehaving reader in for it.
        reading = await self._on_a_worker(read_page, page, rules)
        if isinstance(reading, BaseException):
            return f"not extracted: {POOL_FAILED}" if reading is _NO_POOL else self._starting.result().failure(reading, page.url)
        return reading

    async def read_file(self, body: bytes, media_type: str) -> FileText | str:
        """A document's file's text (crawler/documents.py), read beside the crawl as pages are, or
        the reason it was not read (its reading outlasted the time bound or killed its worker), to
        record as pages' are."""
        if self._starting is None:
            return file_text(body, media_type)
        if (refused := unread(body, media_type)) is not None:  # not worth a worker's turn, nor copying there
            return refused
        # file_text looked up at each call: a test stands a misbehaving reader in for it.
        found = await self._on_a_worker(file_text, body, media_type)
        if found is _NO_POOL:
            return f"text not read: {POOL_FAILED}"
        if isinstance(found, TaskTimeout):
            return f"text not read: reading the file took more than {self._starting.result().timeout:g} s (its worker was stopped and replaced)"
        if isinstance(found, ProcessExpired):
            return f"text not read: the worker reading the file died ({found}, exit code {found.exitcode})"
        return found

    async def _on_a_worker(self, function, *arguments):
        """function(*arguments) run by the pool, in a batch with the calls waiting beside it; what keeps
        it from an answer is returned, not raised: the pool's TaskTimeout or ProcessExpired, or _NO_POOL."""
        pool = await self._started_pool()
        if pool is None:
            return _NO_POOL
        answer = asyncio.get_running_loop().create_future()
        self._waiting.append((function, arguments, answer))
        if not self._handing_over:  # once the loop's other callbacks of this turn have added theirs
            self._handing_over = True
            asyncio.get_running_loop().call_soon(self._hand_over, pool)
        return await answer

    def _hand_over(self, pool: WorkerPool) -> None:
        """The waiting calls to the pool while it has room for tasks: those waiting spread over the
        workers, at most PAGES_A_TASK a task."""
        self._handing_over = False
        while self._waiting and (free := self._most_tasks - self._tasks) > 0:
            size = min(-(-len(self._waiting) // min(free, self._workers)), PAGES_A_TASK)
            batch = [self._waiting.popleft() for _ in range(size)]
            self._tasks += 1
            running = asyncio.ensure_future(self._run(pool, batch))
            self._running.add(running)  # the loop keeps only a weak reference to its tasks
            running.add_done_callback(self._running.discard)

    async def _run(self, pool: WorkerPool, batch: list[tuple]) -> None:
        """A batch's task, each caller answered with its call's result or error."""
        try:
            outcomes = await self._outcomes(pool, [(function, arguments) for function, arguments, _ in batch])
        finally:
            self._tasks -= 1
            self._hand_over(pool)
        for (_, _, answer), outcome in zip(batch, outcomes):
            if answer.done():  # its caller was cancelled
                continue
            if isinstance(outcome, BaseException) and not isinstance(outcome, (TaskTimeout, ProcessExpired)):
                answer.set_exception(outcome)  # raised in the caller, as in one process
            else:
                answer.set_result(outcome)

    @staticmethod
    async def _outcomes(pool: WorkerPool, calls: list[tuple]) -> list:
        """Each call's result or error. A batch that timed out, lost its worker or raised is run again
        one call a task (a call that hangs costs its bound twice): only the call at fault fails, as if
        each had been a task of its own from the start."""
        try:
            return await asyncio.wrap_future(pool.submit_batch(calls))
        except Exception as error:  # noqa: BLE001 - a batch of one: its call's own; of more: told apart below
            if len(calls) == 1:
                return [error]
        return await asyncio.gather(*(_alone(pool, function, arguments) for function, arguments in calls), return_exceptions=True)

    async def _started_pool(self) -> WorkerPool | None:
        """The pool once started; None if it could not start (the crawl is stopped, once, saying why)."""
        try:
            # Once started, the pool is taken as it is: no hop through the event loop for each page.
            return self._starting.result() if self._starting.done() else await asyncio.wrap_future(self._starting)
        except Exception as error:  # noqa: BLE001 - whatever kept the pool from starting
            if self._tell_failure(error) and self._crawler is not None and self._crawler.engine.spider is not None:
                deferred_from_coro(self._crawler.engine.close_spider_async(reason=POOL_FAILED_REASON))
            return None

    def _tell_failure(self, error: BaseException) -> bool:
        """Log why the pool did not start, the first time only; whether this was the first."""
        if self._failure_told:
            return False
        self._failure_told = True
        logger.error("%s: %s", POOL_FAILED, error)
        return True

    def _pool_once_started(self) -> WorkerPool | None:
        """The pool, waited for if still starting; None without one (a pool that failed is told, once)."""
        if self._starting is None:
            return None
        if (error := self._starting.exception()) is not None:
            self._tell_failure(error)
            return None
        return self._starting.result()

    def stop(self) -> None:
        """Begin stopping the pool (one still starting is waited for first: its workers would outlive
        the crawl). close() waits for the end when the engine stops, last of its handlers, so that
        the WARC files, run report and crawl state close meanwhile (pebble's join waits up to 0.1 s
        for its threads to wake)."""
        if (pool := self._pool_once_started()) is not None:
            pool.stop()
            if self._crawler is not None:
                # Connected now, after every other component's handler: it runs last.
                self._crawler.signals.connect(self.close, signal=signals.engine_stopped)

    def close(self) -> None:
        """Stop the pool and wait until its workers are gone."""
        if (pool := self._pool_once_started()) is not None:
            pool.close()


async def _alone(pool: WorkerPool, function, arguments: tuple):
    """A call of a batch that failed, run again as a task of its own (an error raised, even by
    submitting it, is the call's outcome)."""
    return await asyncio.wrap_future(pool.submit(function, *arguments))
