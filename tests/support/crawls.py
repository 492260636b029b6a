"""Crawls of the demo portal as the tests make them: the settings that make a crawl of a portal on this
machine fast, the demo's site profile crawled into a directory, and two editions crawled into one."""

import json
from dataclasses import dataclass
from pathlib import Path

import record.jsonl
from demo_portal import DEMO_PROFILE, DemoPortal
from support.commands import run_crawl

# A portal on this machine needs no politeness: no delay, no throttling, 16 requests at once as
# `crawl --demo` has it (a 60-article crawl took a second less than with the 2 a real portal gets).
# A quiet log; no WACZ package, which only the tests of packaging look at; pages read in the crawl's own process (the
# same readings, crawler/page_reader.py): starting the pool of readers (a fork server that loads
# the extraction modules, then its workers) cost each crawl about 1.3 s. The tests whose subject
# the pool touches drop the setting (PORTAL_EXTRACTION_WORKERS=None): the pool's own tests, hostile
# pages, crawls killed midway; the demo crawl and the installed command keep their defaults too.
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "LOG_LEVEL": "WARNING", "WACZ_ENABLED": False, "PORTAL_EXTRACTION_WORKERS": 0}


def fast_settings(**changes) -> list[str]:
    """`-s NAME=VALUE` arguments: the fast settings with `changes` (a change to None drops the setting)."""
    settings = {**FAST, **changes}
    return [part for name, value in settings.items() if value is not None for part in ("-s", f"{name}={value}")]


def read_jsonl(path: Path) -> list[dict]:
    return list(record.jsonl.read_jsonl(path))


def crawl_demo_profile(start_url: str, output: Path, *extra, check=True, **settings):
    """A portal serving the demo's markup crawled with the demo's site profile and the fast settings."""
    return run_crawl("--profile", DEMO_PROFILE, "--start-url", start_url, "--output", output,
                     *fast_settings(**settings), *extra, check=check)


@dataclass(frozen=True)
class TwoEditions:
    """One directory crawled from edition 1 of the demo portal, then from edition 2 on the same address."""
    output: Path
    first: dict  # each edition's manifest
    second: dict
    run1: dict  # each run's report
    run2: dict


def crawl_two_editions(output: Path, articles: int = 60) -> TwoEditions:
    # Every article is due for a re-check in run 2, so that what changed is found by fetching.
    with DemoPortal(articles=articles, edition=1) as portal:
        port, first = portal.port, portal.manifest()
        crawl_demo_profile(portal.base_url, output, PORTAL_RECHECK_OLD_EVERY_DAYS=0)
    run1 = json.loads((output / "run.json").read_text(encoding="utf-8"))
    with DemoPortal(articles=articles, edition=2, port=port) as portal:
        second = portal.manifest()
        crawl_demo_profile(portal.base_url, output, PORTAL_RECHECK_OLD_EVERY_DAYS=0)
    run2 = json.loads((output / "run.json").read_text(encoding="utf-8"))
    return TwoEditions(output, first, second, run1, run2)
