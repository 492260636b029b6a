"""The `portal-archive` command as the tests run it.

`run_cli` runs the installed command in a process of its own, as a user does. `run_crawl` runs the
same `cli.main` for a crawl in a process forked from a fork server that has loaded the crawler
once: a crawl needs a fresh process (Twisted's reactor cannot be started twice), but not a fresh
interpreter that loads Scrapy again (about two seconds of CPU each time).
"""

import concurrent.futures
import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

_FORKS = multiprocessing.get_context("forkserver")
# What a crawl loads, imported once by the fork server (installed modules only: it does not see the
# tests' sys.path). None of them installs a Twisted reactor, which each crawl installs for itself.
_FORKS.set_forkserver_preload([
    "cli", "cli.crawl", "scrapy.crawler", "scrapy.core.engine", "scrapy.core.downloader.handlers.http11",
    "scrapy.extensions.telnet", "crawler.spiders.portal", "archive.wacz", "archive.cdxj", "record.schema",
    # Loaded by each crawl's components otherwise.
    "pipelines.documents", "pipelines.versions", "crawler.scheduling.addon",
    "crawler.extensions.run_report", "crawler.spidermiddlewares.trap_guard", "crawler.middlewares.warc_capture",
])


def _completed(command, returncode, stdout, stderr, check: bool) -> subprocess.CompletedProcess:
    if check and returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {returncode}\n{stdout[-3000:]}\n{stderr[-5000:]}")
    return subprocess.CompletedProcess(command, returncode, stdout, stderr)


def run_cli(*args, check=True, timeout=600) -> subprocess.CompletedProcess:
    """The installed command, as a user runs it."""
    command = [str(Path(sys.executable).parent / "portal-archive"), *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    return _completed(command, result.returncode, result.stdout, result.stderr, check)


def _cli_main_with_output_to(argv: list[str], stdout_path: str, stderr_path: str, cwd: str | None) -> None:
    """In the forked process: the command's main(), its output going where a subprocess's would be caught."""
    for fd, path in ((1, stdout_path), (2, stderr_path)):
        with open(path, "wb") as file:
            os.dup2(file.fileno(), fd)
    if cwd is not None:
        os.chdir(cwd)
    from cli import main

    sys.exit(main(argv))


class ForkedCrawl:
    """`portal-archive crawl ARGS` started in a process forked from the fork server: the command's own main()."""

    def __init__(self, *args, cwd: Path | None = None, target=_cli_main_with_output_to):
        """`target`: what runs in the forked process (a stand-in that patches something first)."""
        self.argv = ["crawl", *map(str, args)]
        self._scratch = tempfile.TemporaryDirectory(prefix="crawl-output-")
        self._stdout, self._stderr = Path(self._scratch.name, "stdout"), Path(self._scratch.name, "stderr")
        self._stdout.touch(), self._stderr.touch()
        self.process = _FORKS.Process(target=target,
                                      args=(self.argv, str(self._stdout), str(self._stderr), cwd and str(cwd)))
        self.process.start()

    def wait(self, timeout=600, check=True) -> subprocess.CompletedProcess:
        self.process.join(timeout)
        timed_out = self.process.exitcode is None
        if timed_out:
            self.process.kill()
            self.process.join()
        try:
            if timed_out:
                raise AssertionError(f"portal-archive {' '.join(self.argv)} still running after {timeout} s")
            return _completed(["portal-archive", *self.argv], self.process.exitcode, self._stdout.read_text(),
                              self._stderr.read_text(), check)
        finally:
            self._scratch.cleanup()


def run_crawl(*args, check=True, timeout=600, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`portal-archive crawl ARGS` run to its end in a forked process (ForkedCrawl)."""
    return ForkedCrawl(*args, cwd=cwd).wait(timeout, check)


def call_forked(function, *args, timeout=120):
    """function(*args) run in a process forked from the fork server (Scrapy loaded, no reactor
    installed), as a fresh process would run it; what it returns. `function` is imported by name there."""
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=_FORKS) as pool:
        return pool.submit(function, *args).result(timeout)
