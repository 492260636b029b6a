"""Hot spots: where a crawl and an extraction spend their time, from cProfile (standard library).

cProfile charges a little to every call, so code that makes many small calls looks somewhat
worse than it is; the ranking is what matters. Two views per run: functions by their own time,
and the project's functions by time spent in them and what they call.
"""

import cProfile
import pstats
import sysconfig
from pathlib import Path

from bench import REPO
from bench.crawl_result import run_timed_crawl
from bench.crawl_settings import PIPELINE_ONLY_SETTINGS, SHARED_SETTINGS, as_cli_options
from bench.saved_pages import SavedPage
from extraction.page_reading import ReadingRules, read_page
from extraction.profiles import load_profile
from demo_portal import DEMO_PROFILE

PROJECT_PACKAGES = ("record/", "extraction/", "archive/", "crawler/", "pipelines/")
# Entry points whose cumulative time is the whole run: no information in ranking them.
ENTRY_POINTS = ("cli/",)
# Where a crawl's time goes, by the function that does each job (its time includes its callees).
# Where the crawl process's time goes, by the function that does each job (its time includes its
# callees). Pages are read (parsed, links, extraction, schema check) by the workers: their hot
# spots are the reading's profile below, not these.
CRAWL_COMPONENTS = {
    "handing pages to the workers and back (PageReader.read)": ("crawler/page_reader.py", "read"),
    "a callback's output through the spider middlewares (Scrapy)": ("scrapy/core/scraper.py", "handle_spider_output_async"),
    "following links (PortalSpider._follow)": ("crawler/spiders/portal.py", "_follow"),
    "scheduling requests (engine.crawl: dupefilter, queue)": ("scrapy/core/engine.py", "crawl"),
    "item pipelines": ("scrapy/pipelines/__init__.py", "process_item_async"),
    "WARC capture of exchanges": ("crawler/middlewares/warc_capture.py", "process_response"),
    "WARC metadata records (outlinks)": ("crawler/middlewares/warc_capture.py", "page_links_extracted"),
}
# Where a worker's time goes on a page.
READING_COMPONENTS = {
    "decoding and parsing (once)": ("extraction/parsed_page.py", "parse"),
    "links": ("extraction/links.py", "page_links"),
    "article extraction": ("extraction/article.py", "extract_article"),
    "record schema check": ("record/schema.py", "problems"),
}
# Shown relative to where they live: site-packages, the standard library, this repository.
_PREFIXES = sorted({*(sysconfig.get_paths()[key] for key in ("purelib", "platlib", "stdlib")), str(REPO)},
                   key=len, reverse=True)


def _short(path: str) -> str:
    for prefix in _PREFIXES:
        if path.startswith(prefix + "/"):
            return path[len(prefix) + 1:]
    return path


def _rows(stats: pstats.Stats) -> list[dict]:
    total = stats.total_tt or 1.0
    rows = []
    for (path, line, name), (_, calls, own, cumulative, _) in stats.stats.items():
        where = _short(path)
        rows.append({
            "function": f"{where}:{line}({name})" if line else name, "file": where, "name": name, "calls": calls,
            "own_percent": round(own / total * 100, 1), "cumulative_percent": round(cumulative / total * 100, 1),
        })
    return rows


def components(rows: list[dict], table: dict[str, tuple[str, str]]) -> dict[str, float]:
    """Cumulative share of each job's function; a job whose function is not found is left out."""
    shares = {}
    for job, (file, name) in table.items():
        found = [r["cumulative_percent"] for r in rows if r["file"].endswith(file) and r["name"] == name]
        if found:
            shares[job] = max(found)
    return shares


def summarize(stats: pstats.Stats, top: int, component_table: dict[str, tuple[str, str]] | None = None) -> dict:
    """The top functions by own time, and the project's top functions by cumulative time."""
    rows = _rows(stats)
    by_own = sorted(rows, key=lambda r: r["own_percent"], reverse=True)[:top]
    project = sorted(
        (r for r in rows if r["file"].startswith(PROJECT_PACKAGES) and not r["file"].startswith(ENTRY_POINTS)),
        key=lambda r: r["cumulative_percent"], reverse=True,
    )[:top]
    keep = ("function", "calls", "own_percent", "cumulative_percent")
    return {
        "total_seconds": round(stats.total_tt, 2),
        "components_percent": components(rows, component_table or {}),
        "by_own_time": [{k: r[k] for k in keep} for r in by_own],
        "project_by_cumulative_time": [{k: r[k] for k in keep} for r in project],
    }


def profile_crawl(base_url: str, workdir: Path, top: int) -> dict:
    """A full-pipeline crawl of the running demo portal under cProfile, in its own process
    (the crawl only: start-up and imports are not profiled)."""
    workdir.mkdir(parents=True, exist_ok=True)
    profile_file = workdir / "crawl.prof"
    options = ["--profile", str(DEMO_PROFILE), "--start-url", base_url, "--output", str(workdir / "crawl"),
               *as_cli_options({**SHARED_SETTINGS, **PIPELINE_ONLY_SETTINGS})]
    run_timed_crawl("bench.full_crawl", workdir / "result.json", ["--cprofile", str(profile_file), "--", *options])
    return summarize(pstats.Stats(str(profile_file)), top, CRAWL_COMPONENTS)


def profile_extraction(pages: list[SavedPage], top: int, passes: int = 3) -> dict:
    """A worker's job on each page: the one parse, its links and the rest of the page's
    discovery, the article record and its schema check (extraction/page_reading.py)."""
    rules = ReadingRules(pinned=load_profile(str(DEMO_PROFILE)))
    inputs = [page.page() for page in pages]
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(passes):
        for page in inputs:
            read_page(page, rules)
    profiler.disable()
    return summarize(pstats.Stats(profiler), top, READING_COMPONENTS)
