"""Fixtures shared by the tests that crawl: crawls of the demo portal made once per test run (once
for all of pytest-xdist's processes, support/once.py), for the tests that only read what a crawl
wrote. The helpers behind them are in support/."""

import dataclasses
from pathlib import Path

import pytest

from demo_portal import DemoPortal
from support.commands import run_cli, run_crawl
from support.crawls import TwoEditions, crawl_two_editions, read_jsonl
from support.once import made_once

__all__ = ["read_jsonl", "run_cli"]  # what test files written before support/ import from here

DEMO_ARTICLES = 650

# The files that take longest under `make test` (tens of seconds each), slowest first. Run first, so
# that pytest-xdist's processes end together: a long file sent last kept one process busy while the
# other had nothing left (xdist sends files with the most tests first unless told not to, and these
# have few). Other files follow in their usual order.
SLOWEST_FIRST = [
    "test_distributed.py", "test_install.py", "test_crawl_directory.py", "test_reextract.py", "test_dataset_export.py",
    "test_demo_nightly.py", "test_run_lock.py", "test_incremental.py", "test_crawl_families.py", "test_bench_smoke.py",
    "test_operations.py", "test_crawl_demo.py", "test_dataset_versions.py", "test_changes.py", "test_reliability_faults.py",
    "test_replay.py", "test_profile_versions.py", "test_css_match.py", "test_template_drift.py", "test_crawl_page_reading.py",
    "test_reliability_security.py",
]


def pytest_collection_modifyitems(items):
    rank = {name: place for place, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # a stable sort: each file's tests keep their order


def _crawl_the_demo(directory: Path) -> dict:
    output = directory / "out"
    result = run_crawl("--demo", "--demo-articles", DEMO_ARTICLES, "--output", output, "-s", "LOG_LEVEL=WARNING")
    with DemoPortal(articles=DEMO_ARTICLES) as portal:
        manifest = portal.manifest()
    return {"output": str(output), "stdout": result.stdout, "manifest": manifest}


@pytest.fixture(scope="session")
def demo_crawl(tmp_path_factory):
    """`portal-archive crawl --demo` run once: its output directory, stdout, and the portal's manifest."""
    made = made_once(tmp_path_factory, "demo-crawl", _crawl_the_demo)
    return {**made, "output": Path(made["output"])}


@pytest.fixture(scope="session")
def demo_articles(demo_crawl):
    return read_jsonl(demo_crawl["output"] / "articles.jsonl")


def _two_editions(directory: Path) -> dict:
    editions = crawl_two_editions(directory / "out")
    return {**dataclasses.asdict(editions), "output": str(editions.output)}


@pytest.fixture(scope="session")
def two_editions(tmp_path_factory) -> TwoEditions:
    """Edition 1 of a 60-article demo portal crawled, then edition 2 (added and edited articles) into
    the same directory: a collection grown over two nightly runs. Tests only read it."""
    made = made_once(tmp_path_factory, "two-editions", _two_editions)
    return TwoEditions(**{**made, "output": Path(made["output"])})
