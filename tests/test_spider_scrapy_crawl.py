"""People who live in Scrapy: `scrapy crawl portal` from the project directory works the same."""

import subprocess
import sys
from pathlib import Path

from demo_portal import DEMO_PROFILE, DemoPortal
from support.crawls import fast_settings, read_jsonl

PROJECT = Path(__file__).resolve().parents[1]


def test_scrapy_crawl_with_spider_arguments(tmp_path):
    # With its pool of page readers, as a Scrapyd deployment runs it (started by Scrapy's own command).
    with DemoPortal(articles=30) as portal:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "scrapy"), "crawl", "portal", "-a", f"profile={DEMO_PROFILE}", "-a", f"start_urls={portal.base_url}",
             "-s", f"PORTAL_OUTPUT_DIR={tmp_path}", *fast_settings(WACZ_ENABLED=None, CONCURRENT_REQUESTS_PER_DOMAIN=8, PORTAL_EXTRACTION_WORKERS=None)],
            cwd=PROJECT, capture_output=True, text=True, timeout=300,
        )
        truth = {a["url"] for a in portal.manifest()["articles"]}
    assert result.returncode == 0, result.stderr[-3000:]
    assert {r["url"] for r in read_jsonl(tmp_path / "articles.jsonl")} == truth
    assert list((tmp_path / "warc").glob("*.warc.gz"))


def test_missing_start_url_is_a_clear_error(tmp_path):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "portal-archive"), "crawl", "--profile", "drupal7", "--output", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "has no start URLs; give --start-url URL" in result.stderr
