"""Extraction speed: our profile extraction against trafilatura on the same saved article pages.

Measured in CPU seconds of this (single-threaded) process, so the figure is per core. Our
records carry title, date, author, tags and more, so the target compares against trafilatura
with metadata; its plain text-only call is reported beside. Each is handed the page as it would
be in practice (ours a Page, trafilatura the decompressed bytes and URL). The extractors
alternate, pass after pass, after an untimed warm-up; a speed-up is the median of the per-pass
ratios.
"""

import time

import trafilatura

from bench.figures import Figure, at_least, informative, median
from bench.saved_pages import SavedPage
from extraction.article import extract_article
from extraction.profiles import load_profile
from demo_portal import DEMO_PROFILE

PROFILE = str(DEMO_PROFILE)
WARM_UP_PAGES = 10


def _articles_per_cpu_second(extract, inputs) -> float:
    started = time.process_time()
    for item in inputs:
        extract(item)
    return len(inputs) / (time.process_time() - started)


def extractors(pages: list[SavedPage]) -> dict:
    """Each extractor with its inputs prepared as it would receive them in practice."""
    profile = load_profile(PROFILE)
    ours = [page.page() for page in pages]
    raw = [(page.url, page.body) for page in pages]
    return {
        "ours": (lambda page: extract_article(page, profile), ours),
        # Our records carry title, date, author, tags...: trafilatura's comparable call.
        "trafilatura_with_metadata": (lambda item: trafilatura.extract(item[1], url=item[0], with_metadata=True), raw),
        # Its plainest call, body text only: the fastest it goes.
        "trafilatura_text_only": (lambda item: trafilatura.extract(item[1], url=item[0]), raw),
    }



def measure_extraction(pages: list[SavedPage], repetitions: int) -> tuple[list[Figure], dict]:
    runs: dict[str, list[float]] = {}
    candidates = extractors(pages)
    for extract, inputs in candidates.values():  # lazy imports, compiled patterns, caches: not timed
        for item in inputs[:WARM_UP_PAGES]:
            extract(item)
    for _ in range(repetitions):
        for name, (extract, inputs) in candidates.items():
            runs.setdefault(name, []).append(_articles_per_cpu_second(extract, inputs))
    speedups = {
        rival: median(ours / theirs for ours, theirs in zip(runs["ours"], runs[rival]))
        for rival in ("trafilatura_with_metadata", "trafilatura_text_only")
    }
    figures = [
        informative("extraction_articles_per_second_per_core", median(runs["ours"]), "articles/s/core",
                    f"extract_article with the {PROFILE!r} profile, full record"),
        informative("trafilatura_articles_per_second_per_core", median(runs["trafilatura_with_metadata"]),
                    "articles/s/core", "trafilatura.extract(with_metadata=True)"),
        at_least("extraction_speedup_vs_trafilatura", speedups["trafilatura_with_metadata"], "x", 10,
                 "ours / trafilatura with metadata (the comparable output), per pass"),
        informative("extraction_speedup_vs_trafilatura_text_only", speedups["trafilatura_text_only"], "x",
                    "ours / trafilatura.extract() with defaults (body text only)"),
    ]
    details = {"pages": len(pages), "repetitions": repetitions,
               "runs_articles_per_cpu_second": {name: [round(v, 1) for v in values] for name, values in runs.items()}}
    return figures, details
