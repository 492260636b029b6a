"""`crawl --start-url URL` alone: the profile is found by itself, and a crawl that finds no articles says so."""

import functools
import http.server
import json
import threading

import pytest

from conftest import run_cli
from crawler.extensions.run_report import too_few_articles
from record.exit_codes import FAILED, PARTIAL

FAST = ("-s", "LOG_LEVEL=WARNING", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")


def _counts(html_pages: int, articles: int, rejects: int = 0, shaped: int = 0) -> dict:
    return {"html_pages": html_pages, "documents": 0, "documents_unchanged": 0, "articles": articles, "articles_unchanged": 0, "articles_not_modified": 0,
            "articles_not_due": 0, "articles_before_since": 0, "rejects": rejects, "article_shaped_pages": shaped}


def test_no_articles_at_all_is_a_failed_run_and_far_too_few_a_partial_one():
    nothing = too_few_articles(_counts(652, 0, shaped=104), "drupal7", 40, 0.05)
    assert nothing[0] == FAILED
    assert "no article recorded from 652 HTML page(s) with profile drupal7 (104 page(s) looked like articles)" in nothing[1]
    assert "--profile auto" in nothing[1] and "\n" not in nothing[1]
    assert too_few_articles(_counts(652, 3), "auto", 40, 0.05)[0] == PARTIAL
    assert too_few_articles(_counts(5, 0, rejects=2), "auto", 40, 0.05)[0] == PARTIAL  # records there were, all invalid
    assert too_few_articles(_counts(30, 1), "auto", 40, 0.05) is None  # too few pages to judge a share on
    assert too_few_articles(_counts(100, 5), "auto", 40, 0.05) is None
    assert too_few_articles(_counts(0, 0), "auto", 40, 0.05) is None  # nothing read: the fetch problems say why


@pytest.fixture(scope="module")
def site_without_articles(tmp_path_factory):
    """A small site of link pages and undated notices: nothing any profile or the generic reader takes for an article."""
    root = tmp_path_factory.mktemp("no-articles")
    names = [f"trang-{n}.html" for n in range(12)]
    for index, name in enumerate(["index.html", *names]):
        links = "".join(f'<li><a href="{other}">Mục {n}</a></li>' for n, other in enumerate(names))
        (root / name).write_text(f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Danh mục {index}</title></head>'
                                 f"<body><ul>{links}</ul><p>Thông báo: lịch tiếp công dân của xã thay đổi.</p></body></html>",
                                 encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def test_a_crawl_that_finds_no_article_is_not_success_and_says_why_in_one_line(site_without_articles, tmp_path):
    result = run_cli("crawl", "--start-url", site_without_articles, "--output", tmp_path / "out", *FAST, check=False)
    report = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    # Failed when nothing was recorded at all; partial when the generic reader's records were all rejected.
    assert result.returncode == report["exit_code"] and (report["status"], report["exit_code"]) in (("failed", FAILED), ("partial", PARTIAL))
    assert report["profile"] == "auto" and report["profile_choice"]["recognised"]["family"] is None
    assert report["counts"]["html_pages"] == 13
    [line] = [line for line in result.stderr.splitlines() if "problem:" in line]
    assert "no article recorded from 13 HTML page(s) with profile auto (no family recognised" in line
    assert report["problems"] == [line.split("problem:", 1)[1].strip()]


def test_crawl_without_an_address_or_profile_is_one_line_and_exit_2(tmp_path):
    result = run_cli("crawl", "--output", tmp_path / "out", check=False)
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    assert result.stderr.strip() == "portal-archive crawl: give the portal's address with --start-url URL (or --demo)"
