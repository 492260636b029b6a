"""``python -m bench [--quick] [--output DIR]``: run every benchmark and write the two reports."""

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.export import measure_export
from bench.extraction import measure_extraction
from bench import REPO
from bench.machine import describe_machine
from bench.overhead import measure_pipeline_overhead
from bench.profiling import profile_crawl, profile_extraction
from bench.reextract_speed import measure_reextract
from bench.report import BenchResults, render_again, write_reports
from bench.saved_pages import save_article_pages
from bench.scale import measure_scale
from bench.size_growth import measure_size_growth
from bench.sizes import FULL, QUICK
from bench.warc_writing import measure_warc_writing
from demo_portal.launcher import running_demo_portal


def _step(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _load_average() -> list[float]:
    return [round(load, 2) for load in os.getloadavg()]


def run(quick: bool, output: Path) -> BenchResults:
    sizes = QUICK if quick else FULL
    started = time.monotonic()
    results = BenchResults(
        mode="quick" if quick else "full", generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        elapsed_seconds=0.0, machine=describe_machine(), load_average={"start": _load_average()},
    )
    with tempfile.TemporaryDirectory(prefix="portal-archive-bench-") as scratch:
        workdir = Path(scratch)
        with running_demo_portal(sizes.overhead_articles) as base_url:
            _step(f"pipeline overhead: {sizes.overhead_pairs} bare/full pairs, {sizes.overhead_articles}-article portal")
            figures, results.details["pipeline_overhead"] = measure_pipeline_overhead(
                base_url, sizes.overhead_pairs, workdir / "overhead")
            results.figures += figures
            _step("crawl hot spots (cProfile)")
            results.hot_spots["crawl"] = profile_crawl(base_url, workdir / "profile", sizes.profile_top)
            pages = save_article_pages(base_url, sizes.extraction_pages)
        _step(f"extraction: {len(pages)} pages, {sizes.extraction_repetitions} passes")
        figures, results.details["extraction"] = measure_extraction(pages, sizes.extraction_repetitions)
        results.figures += figures
        results.hot_spots["extraction"] = profile_extraction(pages, sizes.profile_top)
        _step(f"extraction cost against page size: vendor-style pages, {sizes.growth_repetitions} passes")
        figures, results.details["size_growth"] = measure_size_growth(sizes.growth_repetitions, sizes.growth_per_pass)
        results.figures += figures
        _step(f"reextract: {sizes.reextract_captures} captures, 1 and 2 jobs, {sizes.reextract_repetitions} passes")
        figures, results.details["reextract"] = measure_reextract(pages, sizes.reextract_captures, sizes.reextract_repetitions)
        results.figures += figures
        _step(f"WARC writing: {sizes.warc_exchanges} exchanges, {sizes.warc_repetitions} passes")
        figures, results.details["warc_writing"] = measure_warc_writing(pages, sizes.warc_exchanges, sizes.warc_repetitions)
        results.figures += figures
        _step(f"scale: a {sizes.scale_articles}-article crawl")
        figures, results.details["scale"] = measure_scale(sizes.scale_articles, workdir / "scale")
        results.figures += figures
        _step("export of that crawl to Parquet")
        figures, results.details["export"] = measure_export(workdir / "scale" / "crawl", workdir / "export")
        results.figures += figures
    results.load_average["end"] = _load_average()
    # Rounded as benchmarks.json keeps it, so rendering again from the JSON gives the same text.
    results.elapsed_seconds = round(time.monotonic() - started, 1)
    write_reports(results, output)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0].strip("`: "))
    parser.add_argument("--quick", action="store_true", help="every step at a tiny size, once (a smoke run; numbers mean nothing)")
    parser.add_argument("--output", type=Path, default=REPO / "docs", help="where benchmarks.md and .json go (default docs/)")
    parser.add_argument("--render-only", action="store_true",
                        help="measure nothing: rewrite benchmarks.md from benchmarks.json and bench/findings.md")
    args = parser.parse_args(argv)
    if args.render_only:
        render_again(args.output)
        return 0
    results = run(args.quick, args.output)
    for figure in results.figures:
        if figure.target:
            print(f"{figure.name}: {figure.value} {figure.unit} (target {figure.target}: {'met' if figure.met else 'NOT met'})")
    print(f"wrote {args.output / 'benchmarks.md'} and {args.output / 'benchmarks.json'} in {results.elapsed_seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
