"""What changed and what vanished: three editions of the demo portal crawled into one directory,
then `portal-archive changes`. One three-edition crawl is shared by every test here; the fault
window is a fourth run, on a copy of the directory as it was after edition 2."""

import json
import shutil
import subprocess
import unicodedata
import urllib.request
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from archive.replay import ReplayServer
from conftest import read_jsonl, run_cli
from demo_portal import DEMO_PROFILE, DemoPortal
from demo_portal.faults import FaultPlan
from record.schema import problems
from support.commands import run_crawl

ARTICLES = 30
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING", "-s", "WACZ_ENABLED=0",
            "-s", "PORTAL_RECHECK_OLD_EVERY_DAYS=0", "-s", "PORTAL_UNLISTED_AFTER_RUNS=1", "-s", "PORTAL_REQUISITES_ENABLED=0",
            "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
            "-s", "PORTAL_EXTRACTION_WORKERS=0"]  # pages read in the crawl's process: no pool to start (support/crawls.py)
# A fault window: half the URLs fail with 5xx or time out, for longer than one retry waits.
FAULTS = FaultPlan(seed=11, rate=0.5, kinds=("server_error", "timeout", "server_error_permanent"), stall_seconds=1.0)
FAULT_SETTINGS = ["-s", "RETRY_TIMES=1", "-s", "PORTAL_RETRY_BACKOFF_BASE=0.1", "-s", "DOWNLOAD_TIMEOUT=1"]


def crawl(portal, output, *extra):
    run_crawl("--profile", DEMO_PROFILE, "--start-url", portal.base_url, "--output", output, *SETTINGS, *extra, check=False)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("changes")
    output, manifests, port = root / "out", {}, 0
    for edition in (1, 2, 3):
        with DemoPortal(articles=ARTICLES, edition=edition, port=port) as portal:
            port, manifests[edition] = portal.port, portal.manifest()
            crawl(portal, output)
        if edition == 2:
            shutil.copytree(output, root / "before-faults")
    return {"root": root, "output": output, "manifests": manifests, "port": port}


@pytest.fixture(scope="module")
def report(editions):
    return json.loads(run_cli("changes", editions["output"], "--format", "json").stdout)


def truth(manifests) -> set[tuple[str, str]]:
    two, three = manifests[2]["changes"], manifests[3]["changes"]
    expected = {("edited", url) for url in two["edited"] + three["edited"]}
    expected |= {("removed", url) for url in three["removed"]}
    expected |= {("unlisted", url) for url in two["unlisted"] + three["unlisted"]}
    return expected | {("restored", url) for url in three["restored"]}


def test_changes_lists_exactly_what_the_editions_changed(editions, report):
    manifests = editions["manifests"]
    found = [(entry["kind"], entry["url"]) for entry in report["changes"]]
    assert len(found) == len(set(found))
    assert set(found) == truth(manifests)
    assert report["counts"] == {kind: Counter(k for k, _ in found)[kind] for kind in ("edited", "removed", "unlisted", "restored")}
    moments = [entry["changed_at"] for entry in report["changes"]]
    assert moments == sorted(moments, reverse=True)  # newest first
    assert {kind for kind, _ in found} == {"edited", "removed", "unlisted", "restored"}


def test_each_change_carries_its_diff(editions, report):
    two, three = editions["manifests"][2], editions["manifests"][3]
    before = {a["url"]: a for a in two["articles"]}
    after = {a["url"]: a for a in three["articles"]}
    by_url = {(e["kind"], e["url"]): e for e in report["changes"]}
    for url, how in three["changes"]["details"].items():
        if how == "number":
            entry = by_url["edited", url]
            [change] = entry["paragraphs"]
            assert change["op"] == "changed" and change["old"] != change["new"]
            assert change["old"] in before[url]["paragraphs"] and change["new"] in after[url]["paragraphs"]
            assert [c for c in change["new"] if c.isdigit()] != [c for c in change["old"] if c.isdigit()]
        elif how == "paragraph":
            entry = by_url["edited", url]
            assert [p["op"] for p in entry["paragraphs"]] == ["removed"]
            assert entry["paragraphs"][0]["old"] == before[url]["paragraphs"][1]
        elif how == "title":
            entry = by_url["edited", url]
            assert {"field": "title", "old": before[url]["title"], "new": after[url]["title"]} in entry["values"]
            assert entry["paragraphs"] == []
        else:
            entry = by_url["removed", url]
            evidence = entry["evidence"]
            assert len(evidence["captures"]) == 2  # seen twice before the tombstone
            assert all(c["warc"]["filename"].endswith(".warc.gz") for c in evidence["captures"])
            if how == "404":
                assert [c["http_status"] for c in evidence["captures"]] == [404, 404]
            else:
                category = next(c["url"] for c in three["categories"] if c["name"] == before[url]["category"])
                assert evidence["http_status"] == 301 and evidence["location"] == category
            assert entry["before"]["status"] == "published" and entry["after"]["status"] == "removed"
    for url in two["changes"]["edited"]:  # edition 2's correction note at the end of the last paragraph
        [change] = by_url["edited", url]["paragraphs"]
        assert change["op"] == "changed" and change["new"].startswith(change["old"]) and "Cập nhật lúc" in change["new"]
    [restored] = [e for e in report["changes"] if e["kind"] == "restored"]
    assert restored["before"]["status"] == "unlisted" and restored["fields"] == ["status"]
    for entry in (e for e in report["changes"] if e["kind"] == "unlisted"):
        assert entry["evidence"]["http_status"] in (200, 304) and entry["removed_at"]


def test_tombstones_are_versions_the_schema_accepts(editions):
    records = read_jsonl(editions["output"] / "articles.jsonl")
    assert all(problems(record) == [] for record in records)
    latest = {}
    for record in records:
        latest[record["canonical_url"]] = record
    gone = {url: r["status"] for url, r in latest.items() if r["status"] != "published"}
    three = editions["manifests"][3]["changes"]
    assert gone == {url: "removed" for url in three["removed"]} | {url: "unlisted" for url in three["unlisted"]}
    for url in gone:  # a tombstone keeps the last content, and supersedes it
        versions = [r for r in records if r["canonical_url"] == url]
        assert versions[-1]["paragraphs"] == versions[-2]["paragraphs"]
        assert versions[-1]["supersedes"] == versions[-2]["content_hash"] != versions[-1]["content_hash"]


def test_a_fault_window_makes_no_false_tombstone(editions):
    output = editions["root"] / "before-faults"
    written = len(read_jsonl(output / "articles.jsonl"))
    with DemoPortal(articles=ARTICLES, edition=3, port=editions["port"], faults=FAULTS) as portal:
        crawl(portal, output, *FAULT_SETTINGS)
        injected = portal.manifest()["faults"]["injected"]
    three = editions["manifests"][3]
    known = {a["url"] for a in editions["manifests"][2]["articles"]}
    failed = {f["url"] for f in read_jsonl(output / "failures.jsonl")}
    assert {i["url"] for i in injected} & known & failed  # known articles did fail with 5xx or timeouts
    tombstones = [r for r in read_jsonl(output / "articles.jsonl")[written:] if r["status"] != "published"]
    allowed = {(url, "removed") for url in three["changes"]["removed"]} | {(url, "unlisted") for url in three["changes"]["unlisted"]}
    assert {(r["canonical_url"], r["status"]) for r in tombstones} <= allowed


@pytest.fixture(scope="module")
def replay(editions):
    with ReplayServer(editions["output"]) as server:
        yield server


def page_text(html: bytes) -> str:
    return " ".join(unicodedata.normalize("NFC", lxml.html.fromstring(html).text_content()).split())


def test_the_html_report_opens_in_chromium_and_its_links_replay_both_texts(editions, report, replay, tmp_path):
    page = tmp_path / "changes.html"
    run_cli("changes", editions["output"], "--format", "html", "--replay-url", replay.base_url, "--output", page)
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: `make test` installs it"
    result = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=120)
    dom = lxml.html.fromstring(result.stdout)
    cards = dom.cssselect("article")
    assert len(cards) == len(report["changes"])
    assert not dom.cssselect("script")
    details = editions["manifests"][3]["changes"]["details"]
    [url] = [u for u, how in details.items() if how == "number"]
    [card] = [c for c in cards if c.cssselect("p.url")[0].text_content() == url]
    [change] = next(e for e in report["changes"] if e["url"] == url)["paragraphs"]
    assert card.cssselect("del") and card.cssselect("ins")  # the number that went, and the one that came
    before, after = [a.get("href") for a in card.cssselect(".links a")]
    assert before.startswith(replay.base_url) and after.startswith(replay.base_url) and before != after
    with urllib.request.urlopen(before) as answer:
        then = page_text(answer.read())
    with urllib.request.urlopen(after) as answer:
        now = page_text(answer.read())
    assert change["old"] in then and change["new"] not in then
    assert change["new"] in now and change["old"] not in now


def test_bad_input_is_one_line_and_exit_2(editions, tmp_path):
    for args in (["--since", "2026-02-30"], ["--replay-url", "javascript:alert(1)"], ["--output", editions["output"] / "run.json"]):
        result = run_cli("changes", editions["output"], *args, check=False)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    result = run_cli("changes", tmp_path, check=False)
    assert result.returncode == 2 and "articles.jsonl" in result.stderr


def test_the_dataset_knows_status_removal_and_versions(editions, tmp_path):
    import pyarrow.parquet as pq

    three = editions["manifests"][3]["changes"]
    run_cli("export", editions["output"], "--output", tmp_path / "latest.parquet")
    latest = {row["canonical_url"]: row for row in pq.read_table(tmp_path / "latest.parquet").to_pylist()}
    gone = {url: (row["status"], row["version_count"]) for url, row in latest.items() if row["status"] != "published"}
    assert gone == {url: ("removed", 2) for url in three["removed"]} | {url: ("unlisted", 2) for url in three["unlisted"]}
    assert all(latest[url]["removed_at"] is not None for url in gone)
    [restored] = three["restored"]
    assert latest[restored]["version_count"] == 3 and latest[restored]["changes"]["kind"] == "restored"
    run_cli("export", editions["output"], "--all-versions", "--output", tmp_path / "all.parquet")
    rows = pq.read_table(tmp_path / "all.parquet").to_pylist()
    [number] = [u for u, how in three["details"].items() if how == "number"]
    [edit] = [r for r in rows if r["canonical_url"] == number and r["version"] == 2]
    assert [p["op"] for p in edit["changes"]["paragraphs"]] == ["changed"] and edit["version_count"] == 2
    card = (tmp_path / "all.parquet.card.md").read_text(encoding="utf-8")
    edited = len(editions["manifests"][2]["changes"]["edited"]) + len(three["edited"])
    assert f"{edited} edited, {len(three['removed'])} removed, 2 unlisted, 1 restored" in card
