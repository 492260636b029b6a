"""Fixtures shared by the tests that crawl: the demo portal and one real crawl of it per session."""

import subprocess
import sys
from pathlib import Path

import pytest

import record.jsonl

from demo_portal import DemoPortal

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEMO_ARTICLES = 650


def read_jsonl(path: Path) -> list[dict]:
    return list(record.jsonl.read_jsonl(path))


def run_cli(*args, check=True, timeout=600) -> subprocess.CompletedProcess:
    """The installed command, as a user runs it."""
    command = [str(Path(sys.executable).parent / "portal-archive"), *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
    return result


@pytest.fixture(scope="session")
def demo_crawl(tmp_path_factory):
    """`portal-archive crawl --demo` run once: its output directory, stdout, and the portal's manifest."""
    output = tmp_path_factory.mktemp("demo-crawl") / "out"
    result = run_cli("crawl", "--demo", "--demo-articles", DEMO_ARTICLES, "--output", output, "-s", "LOG_LEVEL=WARNING")
    with DemoPortal(articles=DEMO_ARTICLES) as portal:
        manifest = portal.manifest()
    return {"output": output, "stdout": result.stdout, "manifest": manifest}


@pytest.fixture(scope="session")
def demo_articles(demo_crawl):
    return read_jsonl(demo_crawl["output"] / "articles.jsonl")
