"""Nightly re-crawls of the same output directory: only what changed is fetched and written,
a killed crawl resumes, and two runs never write to one directory at once."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.replay import ReplayServer
from archive.warc.check import verify
from demo_portal import DEMO_PROFILE, DemoPortal
from support.crawls import crawl_demo_profile, fast_settings, read_jsonl

FAST = fast_settings(PORTAL_RECHECK_OLD_EVERY_DAYS=0)
# A crawl killed midway has pages in its pool of readers: that crawl, and its resumption, keep the pool.
WITH_READERS = fast_settings(PORTAL_RECHECK_OLD_EVERY_DAYS=0, PORTAL_EXTRACTION_WORKERS=None)


def responses(output):
    found = Counter()
    for path in sorted((output / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "revisit"):
                    found[(record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                           record.http_headers.get_statuscode())] += 1
    return found


def test_second_run_fetches_only_what_changed(two_editions):
    output, first, second = two_editions.output, two_editions.first, two_editions.second
    run1, run2 = two_editions.run1, two_editions.run2
    changes = second["changes"]
    assert changes["added"] and changes["edited"]
    assert run1["counts"]["articles_new"] == len(first["articles"])
    assert run2["counts"]["articles_new"] == len(changes["added"])
    assert run2["counts"]["articles_changed"] == len(changes["edited"])
    assert run2["counts"]["articles_not_modified"] == len(first["articles"]) - len(changes["edited"])
    articles = {a["url"] for a in second["articles"]}
    fetched = Counter({uri: n for (kind, uri, status), n in responses(output).items()
                       if kind == "response" and status == "200" and uri in articles})
    assert {uri for uri, n in fetched.items() if n == 2} == set(changes["edited"])
    assert all(fetched[uri] == 1 for uri in changes["added"])


def test_edited_articles_get_a_new_version_that_names_the_old(two_editions):
    output, second, run2 = two_editions.output, two_editions.second, two_editions.run2
    records = read_jsonl(output / "articles.jsonl")
    by_url = {}
    for record in records:
        by_url.setdefault(record["canonical_url"], []).append(record)
    truth = {a["url"]: a for a in second["articles"]}
    for url in second["changes"]["edited"]:
        old, new = by_url[url]
        assert (old["version"], new["version"]) == (1, 2)
        assert new["supersedes"] == old["content_hash"] != new["content_hash"]
        assert new["run_id"] == run2["run_id"] != old["run_id"]
        assert new["paragraphs"] == truth[url]["paragraphs"]
    assert all(len(versions) == 1 for url, versions in by_url.items() if url not in second["changes"]["edited"])
    assert {r["canonical_url"] for r in records} == set(truth)


def revisits(output):
    for path in sorted((output / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "revisit":
                    yield record


def test_unchanged_pages_are_revisits_that_replay(two_editions):
    output, first, second = two_editions.output, two_editions.first, two_editions.second
    found = list(revisits(output))
    not_modified = [r for r in found if r.rec_headers.get_header("WARC-Profile").endswith("/server-not-modified")]
    identical = [r for r in found if r.rec_headers.get_header("WARC-Profile").endswith("/identical-payload-digest")]
    assert len(not_modified) == len(first["articles"]) - len(second["changes"]["edited"])
    assert identical and all(r.http_headers.get_statuscode() == "200" for r in identical)
    assert all(r.rec_headers.get_header("WARC-Refers-To") for r in found)
    assert verify([output]).ok
    unchanged = next(a for a in first["articles"] if a["url"] not in second["changes"]["edited"])
    revisit = identical[0]
    uri = revisit.rec_headers.get_header("WARC-Target-URI")
    timestamp = "".join(c for c in revisit.rec_headers.get_header("WARC-Date") if c.isdigit())[:14]
    with ReplayServer(output) as replay:
        with urllib.request.urlopen(replay.url_for(uri, timestamp, "id_")) as answer:
            assert answer.status == 200
            assert answer.headers["Memento-Datetime"]
        # An article confirmed by a 304 replays as the capture it confirmed, at any later time.
        with urllib.request.urlopen(replay.url_for(unchanged["url"], "2099", "id_")) as answer:
            assert answer.status == 200
            assert unchanged["title"].encode() in answer.read()


def test_a_killed_crawl_resumes_and_loses_nothing(tmp_path):
    output = tmp_path / "out"
    with DemoPortal(articles=200) as portal:
        command = [str(Path(sys.executable).parent / "portal-archive"), "crawl", "--profile", str(DEMO_PROFILE),
                   "--start-url", portal.base_url, "--output", str(output), *WITH_READERS, "-s", "CONCURRENT_REQUESTS=2"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while len(read_jsonl(output / "articles.jsonl")) < 60 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        written_before = len(read_jsonl(output / "articles.jsonl"))
        assert 60 <= written_before < 200
        assert list((output / "warc").glob("*.open"))

        result = crawl_demo_profile(portal.base_url, output, check=False, PORTAL_RECHECK_OLD_EVERY_DAYS=0, CONCURRENT_REQUESTS=2,
                                    PORTAL_EXTRACTION_WORKERS=None)
        truth = [a["url"] for a in portal.manifest()["articles"]]
    report = json.loads((output / "run.json").read_text())
    assert report["resumed"] and report["warc_recovered"]
    assert "recovered:" in result.stdout
    urls = [r["url"] for r in read_jsonl(output / "articles.jsonl")]
    assert sorted(urls) == sorted(truth)  # every article, none twice
    assert not list((output / "warc").glob("*.open"))
    assert verify([output]).ok


def test_a_second_run_on_the_same_output_refuses(tmp_path):
    output = tmp_path / "out"
    with DemoPortal(articles=300) as portal:
        command = [str(Path(sys.executable).parent / "portal-archive"), "crawl", "--profile", str(DEMO_PROFILE),
                   "--start-url", portal.base_url, "--output", str(output), *FAST, "-s", "CONCURRENT_REQUESTS=1"]
        first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while not (output / "state.sqlite").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            second = subprocess.run(command, capture_output=True, text=True, timeout=60)
        finally:
            first.send_signal(signal.SIGTERM)
            first.wait(timeout=60)
    assert second.returncode == 4
    assert "another crawl is already writing to" in second.stderr


def test_since_limits_the_records(tmp_path):
    with DemoPortal(articles=60) as portal:
        crawl_demo_profile(portal.base_url, tmp_path, "--since", "2024-01-01", PORTAL_RECHECK_OLD_EVERY_DAYS=0)
        truth = [a for a in portal.manifest()["articles"] if a["published_at"] >= "2024-01-01"]
    records = read_jsonl(tmp_path / "articles.jsonl")
    assert truth and sorted(r["url"] for r in records) == sorted(a["url"] for a in truth)
    assert json.loads((tmp_path / "run.json").read_text())["counts"]["articles_before_since"] == 60 - len(truth)
