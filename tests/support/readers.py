"""Page readers that misbehave on purpose, for the tests of the worker pool. Workers import what
they run by name, so these live in a module, not in a test.

A page whose URL contains ``/die-here`` kills the worker reading it (SIGKILL: no Python cleanup,
as the kernel's out-of-memory killer or a crash in a C library would); one whose URL contains
``/hang-here`` takes far longer than any time bound the tests set.
"""

import os
import signal
import time

from archive.extraction_pool import ExtractionTask, extract
from extraction.page_reading import read_page
from support.commands import _cli_main_with_output_to

DIES, HANGS = "/die-here", "/hang-here"


def _misbehave(url: str) -> None:
    if DIES in url:
        os.kill(os.getpid(), signal.SIGKILL)
    if HANGS in url:
        time.sleep(600)


def extract_or_misbehave(task: ExtractionTask):
    _misbehave(task.page.url)
    return extract(task)


def read_or_misbehave(page, rules):
    _misbehave(page.url)
    return read_page(page, rules)


def crawl_with_misbehaving_reader(argv, stdout_path, stderr_path, cwd):
    """The command's main() with read_or_misbehave reading the crawl's pages (ForkedCrawl's target)."""
    import crawler.page_reader

    crawler.page_reader.read_page = read_or_misbehave
    _cli_main_with_output_to(argv, stdout_path, stderr_path, cwd)


def crawl_with_a_pool_that_cannot_start(argv, stdout_path, stderr_path, cwd):
    """The command's main() with the crawl's pool of readers failing to start, as when no process can be forked."""
    import crawler.page_reader

    def cannot_start(workers, timeout):
        raise OSError(11, "Resource temporarily unavailable")

    crawler.page_reader.WorkerPool = cannot_start
    _cli_main_with_output_to(argv, stdout_path, stderr_path, cwd)
