"""A crawl of a flaky portal loses nothing: every article is archived and extracted, or listed with
its reason; transient faults are retried (spaced out, Retry-After obeyed); the next run, once the
portal is healthy again, archives what the first one could not."""

import http.client
import json
from collections import defaultdict
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.warc.check import verify
from demo_portal import DemoPortal
from demo_portal.faults import KINDS, FaultPlan
from demo_portal.launcher import running_demo_portal
from support.commands import run_crawl
from support.crawls import crawl_demo_profile, read_jsonl

ARTICLES = 60
PLAN = FaultPlan(seed=7)
RETRY_TIMES = 3
BACKOFF_BASE = 0.1
# Faults that outlast every retry of a run, and the reason each leaves in failures.jsonl.
LASTING_REASONS = {
    "server_error_permanent": "HTTP 500",
    "redirect_loop": "IgnoreRequest: max redirections reached",
    "slow_body": "truncated (time limit)",
}
# A stall (3 s) outlasts the download timeout; a slow body (3 s) outlasts the fetch time limit.
SETTINGS = {"CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "RETRY_TIMES": RETRY_TIMES,
            "PORTAL_RETRY_BACKOFF_BASE": BACKOFF_BASE, "DOWNLOAD_TIMEOUT": 2.5, "PORTAL_MAX_FETCH_TIME": 2}


def crawl(url, output):
    return crawl_demo_profile(url, output, check=False, **SETTINGS)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Run 1 against the portal with faults, run 2 against the same portal healthy, on one address and output."""
    output = tmp_path_factory.mktemp("faults") / "out"
    with DemoPortal(articles=ARTICLES, faults=PLAN) as portal:
        port = portal.port
        first = crawl(portal.base_url, output)
        manifest = portal.manifest()
    report1 = json.loads((output / "run.json").read_text())
    failures1 = read_jsonl(output / "failures.jsonl")
    records1 = read_jsonl(output / "articles.jsonl")
    with DemoPortal(articles=ARTICLES, port=port) as portal:
        second = crawl(portal.base_url, output)
    return {"output": output, "manifest": manifest, "first": first, "second": second, "report1": report1,
            "failures1": failures1, "records1": records1, "report2": json.loads((output / "run.json").read_text())}


def responses_by_url(output):
    found = defaultdict(list)
    for path in sorted((output / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    found[record.rec_headers.get_header("WARC-Target-URI")].append(record)
    return found


def test_the_fault_layer_changes_no_byte_when_it_injects_nothing():
    paths = ["/", "/tin-tuc", "/robots.txt", "/sitemap.xml", "/node/5", "/rss.xml", "/khong-co-trang-nay"]
    with DemoPortal(articles=20) as plain:
        paths.append(urlsplit(plain.manifest()["articles"][4]["url"]).path)
        expected = {(path, gzip): raw_response(plain, path, gzip) for path in paths for gzip in (True, False)}
    with DemoPortal(articles=20, port=plain.port, faults=FaultPlan(seed=1, rate=0.0)) as wrapped:
        for path, gzip in expected:
            assert raw_response(wrapped, path, gzip) == expected[path, gzip], path


def raw_response(portal, path, gzip):
    connection = http.client.HTTPConnection(urlsplit(portal.base_url).netloc, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
    response = connection.getresponse()
    result = response.status, [(k, v) for k, v in response.getheaders() if k != "Date"], response.read()
    connection.close()
    return result


def test_the_manifest_says_what_was_injected_where(two_runs):
    faults = two_runs["manifest"]["faults"]
    assert faults["plan"]["seed"] == PLAN.seed
    assert {event["fault"] for event in faults["injected"]} == set(KINDS)
    planned = faults["articles"]
    for event in faults["injected"]:
        if event["url"] in planned:
            assert event["fault"] == planned[event["url"]]


def test_every_article_is_archived_or_listed_with_its_reason(two_runs):
    planned = two_runs["manifest"]["faults"]["articles"]
    extracted = {r["canonical_url"] for r in two_runs["records1"]}
    failed = {f["url"]: f for f in two_runs["failures1"]}
    for article in two_runs["manifest"]["articles"]:
        url, fault = article["url"], planned.get(article["url"])
        if fault in LASTING_REASONS:
            assert failed[url]["reason"] == LASTING_REASONS[fault], url
            assert url not in extracted
        else:  # no fault, a transient one (retried until it went away) or a page that changes
            assert url in extracted, (url, fault, failed.get(url))
    assert set(LASTING_REASONS) <= set(planned.values())
    report = two_runs["report1"]
    assert (report["status"], report["exit_code"], two_runs["first"].returncode) == ("partial", 1, 1)
    for fault, reason in LASTING_REASONS.items():  # the run report counts them too
        assert report["failures_by_reason"][reason] == list(planned.values()).count(fault)


def test_failures_count_their_attempts_and_retries_back_off(two_runs):
    planned = two_runs["manifest"]["faults"]["articles"]
    failed = {f["url"]: f for f in two_runs["failures1"]}
    archived = responses_by_url(two_runs["output"])
    for url in (u for u, fault in planned.items() if fault == "server_error_permanent"):
        assert (failed[url]["status"], failed[url]["attempts"]) == (500, RETRY_TIMES + 1)
        dates = [warc_date(r) for r in archived[url]][:RETRY_TIMES + 1]
        assert [r.http_headers.get_statuscode() for r in archived[url]][:RETRY_TIMES + 1] == ["500"] * (RETRY_TIMES + 1)
        gaps = [(later - earlier).total_seconds() for earlier, later in zip(dates, dates[1:])]
        assert all(gap >= BACKOFF_BASE * 2 ** n for n, gap in enumerate(gaps)), gaps


def test_retry_after_is_waited_for(two_runs):
    archived = responses_by_url(two_runs["output"])
    rate_limited = [u for u, fault in two_runs["manifest"]["faults"]["articles"].items() if fault == "rate_limited"]
    assert rate_limited
    for url in rate_limited:
        statuses = [r.http_headers.get_statuscode() for r in archived[url]]
        assert statuses[:PLAN.transient_failures + 1] == ["429"] * PLAN.transient_failures + ["200"]
        dates = [warc_date(r) for r in archived[url]]
        assert all((later - earlier).total_seconds() >= PLAN.retry_after for earlier, later in zip(dates, dates[1:3]))


def test_a_slow_body_is_archived_as_truncated(two_runs):
    archived = responses_by_url(two_runs["output"])
    slow = [u for u, fault in two_runs["manifest"]["faults"]["articles"].items() if fault == "slow_body"]
    assert slow and all(archived[u][0].rec_headers.get_header("WARC-Truncated") == "time" for u in slow)


def test_the_next_run_on_a_healthy_portal_archives_the_rest(two_runs):
    output, manifest = two_runs["output"], two_runs["manifest"]
    assert two_runs["second"].returncode == 0, two_runs["second"].stdout
    extracted = {r["canonical_url"] for r in read_jsonl(output / "articles.jsonl")}
    assert extracted == {a["url"] for a in manifest["articles"]}
    first_failed = {f["url"] for f in two_runs["failures1"]} & {a["url"] for a in manifest["articles"]}
    assert two_runs["report2"]["counts"]["articles_new"] == len(first_failed)
    report = verify([output])
    assert report.ok, "\n".join(map(str, report.problems[:10]))


def test_the_crawl_command_passes_demo_faults_to_the_portal(tmp_path):
    with running_demo_portal(articles=5, faults=11) as url:
        connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=10)
        connection.request("GET", "/__manifest__.json")
        assert json.loads(connection.getresponse().read())["faults"]["plan"]["seed"] == 11
        connection.close()
    result = run_crawl("--demo", "--demo-articles", 6, "--demo-faults", 11, "--output", tmp_path, "-s", "LOG_LEVEL=WARNING",
                     "-s", "WACZ_ENABLED=0", "-s", "PORTAL_RETRY_BACKOFF_BASE=0.1", "-s", "DOWNLOAD_TIMEOUT=1", check=False)
    assert result.returncode in (0, 1), result.stderr[-3000:]
    statuses = json.loads((tmp_path / "run.json").read_text())["http_status"]
    assert {"429", "500", "502", "503", "504", "302"} & set(statuses)


def warc_date(record):
    return datetime.fromisoformat(record.rec_headers.get_header("WARC-Date").replace("Z", "+00:00"))
