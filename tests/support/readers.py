"""Page readers that misbehave on purpose, for the tests of the worker pool. Workers import what
they run by name, so these live in a module, not in a test.

A page whose URL contains ``/die-here`` kills the worker reading it (SIGKILL: no Python cleanup,
as the kernel's out-of-memory killer or a crash in a C library would); one whose URL contains
``/hang-here`` takes far longer than any time bound the tests set. A document's file is marked in
its body instead (a file's reader sees no URL): FILE_DIES, or FILE_HANGS followed by the path of
a log of the requests the portal served (see file_text_or_misbehave).
"""

import os
import signal
import time
from pathlib import Path

from archive.extraction_pool import ExtractionTask, extract
from extraction.attachment_text import file_text
from extraction.page_reading import read_page
from support.commands import _cli_main_with_output_to

DIES, HANGS = "/die-here", "/hang-here"
FILE_DIES, FILE_HANGS = b"%die-here", b"%hang-here "
# Requests served while a hanging file is read: more than a crawl holds in flight (the tests' crawl
# of files sets 4), so the portal could not have served them unless the crawl went on fetching.
FETCHES_WHILE_READING = 8


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


def file_text_or_misbehave(body: bytes, media_type: str):
    """file_text, unless the body is marked: FILE_DIES kills the worker; FILE_HANGS waits for the
    portal's log (the path after the mark, a line per request served) to grow by FETCHES_WHILE_READING
    lines, says so in a file beside it (`.fetching-went-on`), then hangs."""
    if FILE_DIES in body:
        os.kill(os.getpid(), signal.SIGKILL)
    if (mark := body.find(FILE_HANGS)) >= 0:
        served = Path(body[mark + len(FILE_HANGS):].decode().strip())
        before = len(served.read_bytes().splitlines())
        while len(served.read_bytes().splitlines()) < before + FETCHES_WHILE_READING:
            time.sleep(0.02)
        served.with_name(served.name + ".fetching-went-on").touch()
        time.sleep(600)
    return file_text(body, media_type)


def crawl_with_misbehaving_reader(argv, stdout_path, stderr_path, cwd):
    """The command's main() with read_or_misbehave reading the crawl's pages (ForkedCrawl's target)."""
    import crawler.page_reader

    crawler.page_reader.read_page = read_or_misbehave
    _cli_main_with_output_to(argv, stdout_path, stderr_path, cwd)


def crawl_with_misbehaving_file_reader(argv, stdout_path, stderr_path, cwd):
    """The command's main() with file_text_or_misbehave reading documents' files (ForkedCrawl's target)."""
    import crawler.page_reader

    crawler.page_reader.file_text = file_text_or_misbehave
    _cli_main_with_output_to(argv, stdout_path, stderr_path, cwd)


def crawl_with_a_pool_that_cannot_start(argv, stdout_path, stderr_path, cwd):
    """The command's main() with the crawl's pool of readers failing to start, as when no process can be forked."""
    import crawler.page_reader

    def cannot_start(workers, timeout):
        raise OSError(11, "Resource temporarily unavailable")

    crawler.page_reader.WorkerPool = cannot_start
    _cli_main_with_output_to(argv, stdout_path, stderr_path, cwd)
