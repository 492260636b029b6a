"""A collection that grew over two runs (edition 1, then edition 2 of the demo portal with added
and edited articles) exports as the latest version of each article, or every version on request."""

import json
import shutil
from collections import Counter

import pytest

from archive.dataset import load
from record.crawl_dir import CrawlDirectory
from support.commands import run_cli


@pytest.fixture(scope="module")
def two_runs(two_editions):
    changes = two_editions.second["changes"]
    assert changes["added"] and changes["edited"]
    return two_editions.output, two_editions.first, two_editions.second


def test_latest_version_of_each_article(two_runs, tmp_path):
    output, _, second = two_runs
    result = run_cli("export", output, "--output", tmp_path / "latest.parquet")
    frame = load(tmp_path / "latest.parquet")
    truth = {a["url"]: a for a in second["articles"]}
    assert f"Exported {len(truth)} records" in result.stdout
    assert sorted(frame["canonical_url"]) == sorted(truth)  # one row per article
    rows = {row.canonical_url: row for row in frame.itertuples()}
    for url in second["changes"]["edited"]:
        assert rows[url].version == 2
        assert list(rows[url].paragraphs) == truth[url]["paragraphs"]
    for url in second["changes"]["added"]:
        assert rows[url].version == 1
    assert set(frame["version"]) == {1, 2}


def test_all_versions_keeps_the_edited_articles_history(two_runs, tmp_path):
    output, first, second = two_runs
    run_cli("export", output, "--all-versions", "--output", tmp_path / "all.parquet")
    frame = load(tmp_path / "all.parquet")
    edited = set(second["changes"]["edited"])
    assert len(frame) == len(second["articles"]) + len(edited)
    versions = Counter(frame["canonical_url"])
    assert {url for url, n in versions.items() if n == 2} == edited
    old_paragraphs = {a["url"]: a["paragraphs"] for a in first["articles"]}
    by_version = {(row.canonical_url, row.version): row for row in frame.itertuples()}
    for url in edited:
        old, new = by_version[url, 1], by_version[url, 2]
        assert new.supersedes == old.content_hash
        assert new.run_id > old.run_id
        assert list(old.paragraphs) == old_paragraphs[url]


def test_the_loader_reads_both_views_from_the_crawl_directory(two_runs):
    output, _, second = two_runs
    assert load(output, as_="arrow").num_rows == len(second["articles"])
    assert load(output, as_="arrow", all_versions=True).num_rows == len(second["articles"]) + len(second["changes"]["edited"])


def test_the_card_counts_both_runs(two_runs, tmp_path):
    output, first, second = two_runs
    run_cli("export", output, "--output", tmp_path / "articles.parquet")
    card = (tmp_path / "articles.parquet.card.md").read_text(encoding="utf-8")
    runs = sorted(p.stem for p in (output / "runs").glob("*.json"))
    assert len(runs) == 2
    # run | started | finished | status | pages | new | changed
    assert f"| {runs[0]} |" in card and f"| {len(first['articles'])} | 0 |" in card
    assert f"| {len(second['changes']['added'])} | {len(second['changes']['edited'])} |" in card
    assert f"| runs | 2: first started" in card


def test_a_crawl_appending_while_we_export_is_read_as_a_snapshot(two_runs, tmp_path):
    """A line being written has no newline yet, and what is appended after the first pass is not read."""
    output, _, second = two_runs
    copy = tmp_path / "crawl"
    shutil.copytree(output, copy, ignore=shutil.ignore_patterns("warc", "state.sqlite*"))
    articles = copy / "articles.jsonl"
    written = articles.read_text(encoding="utf-8").splitlines()
    last = json.loads(written[-1])
    newer = json.dumps({**last, "version": last["version"] + 1}, ensure_ascii=False) + "\n"
    with open(articles, "a", encoding="utf-8") as stream:
        stream.write(newer[:200])
    crawl_dir = CrawlDirectory(copy)
    assert crawl_dir.ledger().latest[last["canonical_url"]] == last["version"]
    with open(articles, "a", encoding="utf-8") as stream:
        stream.write(newer[200:])
    assert len(list(crawl_dir.articles(all_versions=True))) == len(written)
    latest = [r for r in crawl_dir.articles() if r["canonical_url"] == last["canonical_url"]]
    assert [r["version"] for r in latest] == [last["version"]]
