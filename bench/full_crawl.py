"""The full pipeline, exactly as ``portal-archive crawl`` runs it, timed from inside the process.

``python -m bench.full_crawl --result RESULT.json -- <portal-archive crawl options>``. The
crawl's fetches are the lines of its crawl.log: one per HTTP response the WARC capture saw.
"""

import argparse
import cProfile
import contextlib
import io
import time
from pathlib import Path

from bench.crawl_result import CrawlResult
from cli import build_parser


def _import_components() -> None:
    """Import every pipeline component before the clock starts, as the bare spider's Scrapy is:
    a real crawl runs for hours, and module loading is not what the figure is about. Imported
    here, not at the top: multiprocessing imports the main module into each extraction worker,
    which would then load Scrapy (0.4 s of a worker's CPU the crawl itself never costs it)."""
    from scrapy.utils.misc import load_object

    from crawler import settings as project_settings

    for table in (project_settings.DOWNLOADER_MIDDLEWARES, project_settings.ITEM_PIPELINES, project_settings.EXTENSIONS):
        for path in table:
            load_object(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.full_crawl", description=__doc__.splitlines()[0])
    parser.add_argument("--result", type=Path, required=True, help="where to write the timing (JSON)")
    parser.add_argument("--cprofile", type=Path, help="also profile the crawl with cProfile into this file")
    parser.add_argument("crawl_options", nargs=argparse.REMAINDER, help="options of portal-archive crawl, after --")
    args = parser.parse_args(argv)
    options = args.crawl_options[1:] if args.crawl_options[:1] == ["--"] else args.crawl_options
    crawl_args = build_parser().parse_args(["crawl", *options])
    if crawl_args.output is None:
        parser.error("give the crawl an --output directory: its crawl.log is how fetches are counted")
    _import_components()
    from cli import crawl  # loads Scrapy: see _import_components

    profiler = cProfile.Profile() if args.cprofile else contextlib.nullcontext()
    started, cpu_started = time.perf_counter(), time.process_time()
    # The crawl summary goes nowhere: run.json has it all.
    with contextlib.redirect_stdout(io.StringIO()), profiler:
        exit_code = crawl.run(crawl_args)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    if args.cprofile:
        profiler.dump_stats(args.cprofile)
    crawl_log = crawl_args.output / "crawl.log"
    fetches = crawl_log.read_bytes().count(b"\n") if crawl_log.exists() else 0
    # The workers' CPU is added by the parent, which watches them from outside (bench.crawl_result).
    CrawlResult(seconds=seconds, fetches=fetches, cpu_seconds=cpu_seconds, exit_code=exit_code).save(args.result)
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
