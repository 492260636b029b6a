"""Extraction cost against page size: large, deep vendor-style pages read by the generic path.

Pages made by `bench/vendor_pages.py` (our own text in the shape of vendor portal platforms:
the article inside a dozen levels of wrappers, beside sidebar portlets of links) at a small and
a large size, read with no profile, as `portal-archive extract` reads a page of an unknown
platform. Cost is CPU milliseconds per 100 KB of HTML; the growth figure is the large page's
cost per KB over the small page's, so 1 means cost grows in proportion to size, and more than
1 that it grows faster (the size-times-depth walks this section is here to catch). trafilatura
with metadata reads the same large page beside it. Pages alternate, pass after pass; each value
is the median over passes.
"""

import time

import trafilatura

from bench.figures import Figure, at_least, below, informative, median
from bench.vendor_pages import vendor_page
from extraction.article import extract_article

SMALL_KB, LARGE_KB = 15, 150
WARM_UP = 2


def _cpu_milliseconds(extract, item, times: int) -> float:
    started = time.process_time()
    for _ in range(times):
        extract(item)
    return (time.process_time() - started) * 1000 / times


def measure_size_growth(repetitions: int, per_pass: int) -> tuple[list[Figure], dict]:
    pages = {"small": vendor_page(SMALL_KB), "large": vendor_page(LARGE_KB)}
    kilobytes = {name: len(page.body) / 1024 for name, page in pages.items()}
    ours = lambda page: extract_article(page, None)  # noqa: E731 - the call timed
    theirs = lambda page: trafilatura.extract(page.body, url=page.url, with_metadata=True)  # noqa: E731
    for page in pages.values():
        for _ in range(WARM_UP):
            ours(page), theirs(page)
    runs: dict[str, list[float]] = {"small": [], "large": [], "trafilatura_large": []}
    for _ in range(repetitions):
        runs["small"].append(_cpu_milliseconds(ours, pages["small"], per_pass))
        runs["large"].append(_cpu_milliseconds(ours, pages["large"], per_pass))
        runs["trafilatura_large"].append(_cpu_milliseconds(theirs, pages["large"], per_pass))
    per_100kb = {name: median(runs[name]) / kilobytes[name] * 100 for name in ("small", "large")}
    speedup = median(t / o for o, t in zip(runs["large"], runs["trafilatura_large"]))
    figures = [
        informative("extraction_vendor_small_ms_per_100kb", per_100kb["small"], "ms",
                    f"generic path, a {kilobytes['small']:.0f} KB vendor-style page, CPU ms per 100 KB"),
        informative("extraction_vendor_large_ms_per_100kb", per_100kb["large"], "ms",
                    f"generic path, a {kilobytes['large']:.0f} KB vendor-style page, CPU ms per 100 KB"),
        below("extraction_cost_growth_large_vs_small", per_100kb["large"] / per_100kb["small"], "x", 1.25,
              "cost per KB of the large page / of the small one (1: cost in proportion to size)"),
        informative("extraction_vendor_large_ms_per_page", median(runs["large"]), "ms",
                    "generic path, CPU ms for the large page"),
        at_least("extraction_vendor_speedup_vs_trafilatura", speedup, "x", 5,
                 "trafilatura.extract(with_metadata=True) CPU / ours, on the large page"),
    ]
    details = {"kilobytes": {k: round(v, 1) for k, v in kilobytes.items()}, "repetitions": repetitions, "per_pass": per_pass,
               "runs_cpu_milliseconds": {k: [round(v, 2) for v in values] for k, values in runs.items()}}
    return figures, details
