"""Every demo family crawled end to end with no profile given: the crawl recognises the family.

The drupal7 demo is crawled by its address (`--start-url`), the others with `--demo --demo-family F`,
which runs on `--profile auto` too. Each portal holds the same 36 articles; the manifest is the truth.
"""

import gzip
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.replay import ReplayServer
from conftest import read_jsonl
from demo_portal import DemoPortal
from demo_portal.families import FAMILIES
from demo_portal.families.common import PAGE_SIZE
from demo_portal.families.viettel import BATCH
from support.commands import run_crawl

ARTICLES = 36
# As `crawl --demo` crawls (16 requests at once), the drupal7 portal too; pages read by the pool of
# readers, as by default: one page at a time until one names the family.
FAST = ("-s", "LOG_LEVEL=WARNING", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _crawl(family: str, output: Path) -> dict:
    with DemoPortal(articles=ARTICLES, family=family) as portal:
        manifest = portal.manifest()
        if family == "drupal7":  # the demo's own site profile is for --demo: here, only the address
            result = run_crawl("--start-url", portal.base_url, "--output", output, *FAST, check=False)
    if family != "drupal7":
        result = run_crawl("--demo", "--demo-family", family, "--demo-articles", ARTICLES, "--output", output,
                           *FAST, check=False)
    return {"output": output, "result": result, "manifest": manifest,
            "records": read_jsonl(output / "articles.jsonl") if (output / "articles.jsonl").exists() else [],
            "report": json.loads((output / "run.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def crawl_of(tmp_path_factory):
    done = {}

    def crawl(family: str) -> dict:
        if family not in done:
            done[family] = _crawl(family, tmp_path_factory.mktemp(f"crawl-{family}") / "out")
        return done[family]
    return crawl


def _warc_records(output: Path):
    for path in sorted((output / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                yield record, record.content_stream().read()


@pytest.mark.parametrize("family", FAMILIES)
def test_every_article_recorded_with_title_date_and_author(crawl_of, family):
    crawl = crawl_of(family)
    assert crawl["result"].returncode == 0, crawl["result"].stderr[-3000:]
    records = {path_of(r["url"]): r for r in crawl["records"]}
    truth = {path_of(a["url"]): a for a in crawl["manifest"]["articles"]}
    assert set(truth) <= set(records), f"missing {sorted(set(truth) - set(records))[:3]}"
    for path, article in truth.items():
        record = records[path]
        assert (record["title"], record["published_at"]) == (article["title"], article["published_at"]), path
        assert "T" in record["published_at"] and not record["published_at"].endswith("T00:00:00+07:00"), path
        if article["author"]:
            assert record["author"] == article["author"], path
    assert any(a["author"] for a in truth.values())


@pytest.mark.parametrize("family", FAMILIES)
def test_no_listing_or_other_page_is_recorded(crawl_of, family):
    crawl = crawl_of(family)
    paths = [path_of(r["url"]) for r in crawl["records"]]
    assert len(paths) == len(set(paths))
    # The drupal7 demo also holds legal documents (issue 17): those pages are the documents', not listings.
    documents = {path_of(d["url"]) for d in crawl["manifest"].get("documents", [])}
    assert set(paths) - documents == {path_of(a["url"]) for a in crawl["manifest"]["articles"]}


@pytest.mark.parametrize("family", FAMILIES)
def test_the_recognised_family_is_in_run_json_and_the_warc(crawl_of, family):
    crawl = crawl_of(family)
    report = crawl["report"]
    assert report["profile"] == "auto" and report["status"] == "success"
    assert report["profile_choice"]["recognised"]["family"] == family
    assert report["profile_choice"]["recognised"]["markers"]
    assert f"profile auto ({family}, recognised at" in crawl["result"].stdout
    said = [body for record, body in _warc_records(crawl["output"])
            if record.rec_type == "metadata" and b"profile-recognised:" in body]
    assert said == [said[0]] and f"profile-recognised: {family}\r\n".encode() in said[0]


def test_sharepoint_articles_only_behind_postbacks_are_recorded(crawl_of):
    crawl = crawl_of("sharepoint")
    newest = sorted(crawl["manifest"]["articles"], key=lambda a: a["published_at"], reverse=True)
    behind_postbacks = {path_of(a["url"]) for a in newest[PAGE_SIZE:]}  # not on the home page nor list page 1
    assert len(behind_postbacks) == ARTICLES - PAGE_SIZE
    assert behind_postbacks <= {path_of(r["url"]) for r in crawl["records"]}
    assert crawl["report"]["counts"]["postbacks"] >= -(-ARTICLES // PAGE_SIZE) - 1


def _postbacks(output: Path) -> list[tuple[str, str, str, bytes]]:
    found = []
    for record, body in _warc_records(output):
        if record.rec_type == "request" and record.http_headers.protocol == "POST":
            found.append((record.rec_headers.get_header("WARC-Target-URI"), record.rec_headers.get_header("WARC-Date"),
                          record.http_headers.get_header("Content-Type"), body))
    return found


def test_sharepoint_postbacks_are_in_the_warc_with_their_bodies(crawl_of):
    posts = _postbacks(crawl_of("sharepoint")["output"])
    targets = set()
    for url, _, content_type, body in posts:
        form = parse_qs(body.decode())
        assert urlsplit(url).path == "/Trang/tin-tuc-su-kien.aspx" and content_type == "application/x-www-form-urlencoded"
        assert form["__VIEWSTATE"] and form["__EVENTVALIDATION"]
        targets.add(form["__EVENTTARGET"][0])
    assert len(targets) == len(posts) >= 3  # each pager page asked for once


def test_replay_serves_a_postback_listing_page(crawl_of):
    crawl = crawl_of("sharepoint")
    url, date, content_type, body = max(_postbacks(crawl["output"]), key=lambda post: parse_qs(post[3].decode())["__EVENTTARGET"][0])
    asked = int(re.search(r"\$ctl(\d+)\$lnkPage$", parse_qs(body.decode())["__EVENTTARGET"][0]).group(1))
    timestamp = "".join(c for c in date if c.isdigit())[:14]
    with ReplayServer(crawl["output"]) as replay:
        request = urllib.request.Request(replay.url_for(url, timestamp, "id_"), data=body,
                                         headers={"Content-Type": content_type}, method="POST")
        with urllib.request.urlopen(request) as answer:
            page = answer.read()
            if answer.headers.get("Content-Encoding") == "gzip":
                page = gzip.decompress(page)
    assert asked > 1
    assert f'<span class="current">{asked}</span>' in page.decode()


def test_viettel_print_copies_are_known_by_their_address_and_never_fetched(crawl_of):
    # Every article links its print copy; the Viettel profile names the copies' URL shape as not to crawl.
    crawl = crawl_of("viettel")
    assert not [r for r in crawl["records"] if "Article.Print" in r["url"]]
    fetched = [record.rec_headers.get_header("WARC-Target-URI") for record, _ in _warc_records(crawl["output"])
               if record.rec_type == "response"]
    assert fetched and not [url for url in fetched if "Article.Print" in url]


def test_viettel_articles_only_behind_load_more_are_recorded(crawl_of):
    crawl = crawl_of("viettel")
    articles = crawl["manifest"]["articles"]
    newest = sorted(articles, key=lambda a: a["published_at"], reverse=True)
    linked_by_pages = {path_of(a["url"]) for a in newest[:8]}  # the home page's teasers and sidebar
    by_category: dict[str, list] = {}
    for article in newest:
        by_category.setdefault(article["category"], []).append(article)
    behind_button = {path_of(a["url"]) for items in by_category.values() for a in items[BATCH:]} - linked_by_pages
    assert behind_button
    assert behind_button <= {path_of(r["url"]) for r in crawl["records"]}
    log = (crawl["output"] / "crawl.log").read_text(encoding="utf-8")
    assert re.search(r" 200 \d+ \S+/ajax/Content\.Article\.selectAll\?categoryId=\d+&pageNo=2 \S+ application/json ", log)
