"""Fixtures shared by the tests that crawl: crawls of the demo portal made once per session, for the
tests that only read what a crawl wrote. The helpers behind them are in support/."""

import pytest

from demo_portal import DemoPortal
from support.commands import run_cli, run_crawl
from support.crawls import crawl_two_editions, read_jsonl

__all__ = ["read_jsonl", "run_cli"]  # what test files written before support/ import from here

DEMO_ARTICLES = 650


@pytest.fixture(scope="session")
def demo_crawl(tmp_path_factory):
    """`portal-archive crawl --demo` run once: its output directory, stdout, and the portal's manifest."""
    output = tmp_path_factory.mktemp("demo-crawl") / "out"
    result = run_crawl("--demo", "--demo-articles", DEMO_ARTICLES, "--output", output, "-s", "LOG_LEVEL=WARNING")
    with DemoPortal(articles=DEMO_ARTICLES) as portal:
        manifest = portal.manifest()
    return {"output": output, "stdout": result.stdout, "manifest": manifest}


@pytest.fixture(scope="session")
def demo_articles(demo_crawl):
    return read_jsonl(demo_crawl["output"] / "articles.jsonl")


@pytest.fixture(scope="session")
def two_editions(tmp_path_factory):
    """Edition 1 of a 60-article demo portal crawled, then edition 2 (added and edited articles) into
    the same directory: a collection grown over two nightly runs. Tests only read it."""
    return crawl_two_editions(tmp_path_factory.mktemp("two-editions") / "out")
