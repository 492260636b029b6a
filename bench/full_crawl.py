"""The full pipeline, exactly as ``portal-archive crawl`` runs it, timed from inside the process.

``python -m bench.full_crawl --result RESULT.json -- <portal-archive crawl options>``. The
crawl's fetches are the lines of its crawl.log: one per HTTP response the WARC capture saw. The
clock starts once the crawl's components are loaded, as the bare spider's (bench/crawl_imports.py).
"""

import argparse
import cProfile
import contextlib
import io
import time
from pathlib import Path

from bench.crawl_result import CrawlResult
from cli import build_parser


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
    # Scrapy and the crawl's components are loaded here, not at the top: multiprocessing imports the
    # main module into each extraction worker, which would then load Scrapy (0.4 s of a worker's CPU
    # the crawl itself never costs it).
    from bench.crawl_imports import import_crawl_components
    from cli import crawl
    from crawler.spiders import portal  # noqa: F401 - the spider cli.crawl starts

    try:
        import_crawl_components(crawl.crawl_settings(crawl_args, crawl_args.profile or crawl.AUTO, crawl_args.start_url, crawl_args.output))
    except ValueError as error:
        parser.error(str(error))

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
