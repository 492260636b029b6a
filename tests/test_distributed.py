"""Distributed crawling for real: a redis-server on 127.0.0.1, worker processes running the CLI
against the demo portal, and `portal-archive merge` of what they wrote."""

import json
import os
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.merge import latest_versions
from archive.warc.check import verify
from archive.wacz import validate_wacz
from conftest import read_jsonl, run_cli
from demo_portal import DEMO_PROFILE, DemoPortal
from record.run_lock import RunLock
from crawler.state import Capture, Outcome
from crawler.state.redis import RedisState
from redis_server import RedisServer, free_port
from support.commands import ForkedCrawl
from support.crawls import fast_settings

ARTICLES = 150
FAST = fast_settings(WACZ_ENABLED=None, CONCURRENT_REQUESTS_PER_DOMAIN=4, PORTAL_RECHECK_OLD_EVERY_DAYS=0)
# A worker killed or cut off midway has pages in its pool of readers: those crawls keep the pool.
WITH_READERS = fast_settings(WACZ_ENABLED=None, CONCURRENT_REQUESTS_PER_DOMAIN=4, PORTAL_RECHECK_OLD_EVERY_DAYS=0,
                             PORTAL_EXTRACTION_WORKERS=None)


class Worker:
    """`portal-archive crawl --redis` in a process of its own (forked, support/commands.py); its output goes to files."""
    started: list["Worker"] = []

    def __init__(self, portal_url, redis_url, crawl, worker_id, output, *extra, settings=FAST):
        self.crawl = ForkedCrawl("--profile", DEMO_PROFILE, "--start-url", portal_url, "--redis", redis_url,
                                 "--crawl-name", crawl, "--worker-id", worker_id, "--output", output, *settings, *extra)
        Worker.started.append(self)

    def poll(self) -> int | None:
        return self.crawl.process.exitcode

    def kill(self) -> None:
        os.kill(self.crawl.process.pid, signal.SIGKILL)
        self.crawl.process.join()

    def finish(self, timeout: float = 180) -> tuple[int, str, str]:
        result = self.crawl.wait(timeout, check=False)
        return result.returncode, result.stdout, result.stderr


def line_count(path: Path) -> int:
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def wait_for_lines(path: Path, lines: int, process: Worker, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while line_count(path) < lines:
        assert process.poll() is None, f"the worker ended before writing {lines} lines to {path}"
        assert time.monotonic() < deadline, f"no {lines} lines in {path} after {timeout} s"
        time.sleep(0.05)


def crawl_with_two_workers(portal_url, redis_url, crawl, output, *extra) -> dict[str, tuple[int, str, str]]:
    """Worker a first; worker b once a has fetched a few pages, so that the frontier has work for it.

    (A worker that finds the frontier empty looks again at Scrapy's engine heartbeat, 5 s later.)
    """
    fetched_before = line_count(output / "a" / "crawl.log")
    first = Worker(portal_url, redis_url, crawl, "a", output, *extra)
    wait_for_lines(output / "a" / "crawl.log", fetched_before + 5, first)
    second = Worker(portal_url, redis_url, crawl, "b", output, *extra)
    return {"a": first.finish(), "b": second.finish()}


def records(path: Path, types=("response", "revisit")):
    for warc in sorted(path.glob("**/warc/*.warc.gz")):
        with open(warc, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in types:
                    yield warc, record


def fetches_by_uri(output: Path, worker_id: str | None = None) -> Counter:
    """Every fetch leaves a response record, or a revisit record when the payload was already stored."""
    where = output / worker_id if worker_id else output
    return Counter(r.rec_headers.get_header("WARC-Target-URI") for _, r in records(where))


@pytest.fixture(scope="module", autouse=True)
def no_worker_left_running():
    """A test that fails half-way leaves no crawl behind it."""
    yield
    for worker in Worker.started:
        if worker.poll() is None:
            worker.kill()


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture(scope="module")
def portal():
    with DemoPortal(articles=ARTICLES) as running:
        yield running


@pytest.fixture(scope="module")
def first_run(portal, redis_server, tmp_path_factory):
    output = tmp_path_factory.mktemp("distributed") / "crawl"
    results = crawl_with_two_workers(portal.base_url, redis_server.url, "hoa-lam", output)
    return output, results


@pytest.fixture(scope="module")
def merged_first_run(first_run, tmp_path_factory):
    output, _ = first_run
    merged = tmp_path_factory.mktemp("merged") / "hoa-lam"
    result = run_cli("merge", output, "--output", merged)
    return merged, result


@pytest.fixture(scope="module")
def second_run(first_run, merged_first_run, portal, redis_server):
    """The next night: the same command on both workers, the same crawl name."""
    output, _ = first_run
    run1_ids = {r.rec_headers.get_header("WARC-Record-ID"): warc.parent.parent.name
                for warc, r in records(output, ("response",))}
    # Conditional requests answered 304 go fast: a politeness delay makes the run last long enough
    # for worker b to take its share.
    results = crawl_with_two_workers(portal.base_url, redis_server.url, "hoa-lam", output, "-s", "DOWNLOAD_DELAY=0.05")
    return output, results, run1_ids


def test_both_workers_finish_the_crawl_together(first_run):
    output, results = first_run
    for worker_id, (code, stdout, stderr) in results.items():
        assert code == 0, f"worker {worker_id}: {stdout[-2000:]}\n{stderr[-3000:]}"
        report = json.loads((output / worker_id / "run.json").read_text())
        assert report["finish_reason"] == "finished"
    run_ids = {json.loads((output / w / "run.json").read_text())["run_id"] for w in results}
    assert len(run_ids) == 1  # one run, joined by both
    # The crawl was shared, not done by one worker while the other waited.
    assert all(sum(fetches_by_uri(output, w).values()) > 50 for w in results)


def test_every_article_recorded_once_across_workers(first_run, portal):
    output, _ = first_run
    urls = [r["url"] for w in ("a", "b") for r in read_jsonl(output / w / "articles.jsonl")]
    assert sorted(urls) == sorted(a["url"] for a in portal.manifest()["articles"])


def test_no_url_fetched_twice(first_run):
    output, _ = first_run
    fetched = fetches_by_uri(output)
    robots = {uri: n for uri, n in fetched.items() if uri.endswith("/robots.txt")}
    # Scrapy's robots.txt middleware fetches it in each worker, outside the frontier, for its own
    # use; the spider's request for it (for the Sitemap: lines) goes through the frontier, once.
    assert list(robots.values()) == [3]
    assert {uri: n for uri, n in fetched.items() if n > 1 and uri not in robots} == {}


def test_worker_warcs_verify(first_run):
    output, _ = first_run
    result = run_cli("verify", output / "a", output / "b")
    assert result.stdout.strip().endswith(": OK")
    assert {p.parent.parent.name for p in output.glob("*/warc/*.warc.gz")} == {"a", "b"}
    assert not list(output.glob("*/*.wacz"))  # the merged collection gets the one package


def test_merge_gives_the_manifest(merged_first_run, portal):
    merged, result = merged_first_run
    articles = read_jsonl(merged / "articles.jsonl")
    assert sorted(a["url"] for a in articles) == sorted(a["url"] for a in portal.manifest()["articles"])
    warcs = {p.name for p in (merged / "warc").glob("*.warc.gz")}
    assert {a["warc"]["filename"] for a in articles} <= warcs
    indexed = {json.loads(line.split(" ", 2)[2]).get("url") for line in (merged / "indexes" / "index.cdxj").open()}
    assert {a["url"] for a in articles} <= indexed
    assert verify([merged]).ok
    valid, said = validate_wacz(merged / "hoa-lam.wacz")
    assert valid, said
    assert f"articles:  {len(articles)}" in result.stdout


def test_next_run_revisits_what_either_worker_fetched(second_run, portal):
    output, results, run1_ids = second_run
    for worker_id, (code, stdout, stderr) in results.items():
        assert code == 0, f"worker {worker_id}: {stdout[-2000:]}\n{stderr[-3000:]}"
    reports = [json.loads((output / w / "run.json").read_text()) for w in ("a", "b")]
    assert sum(r["counts"]["articles_not_modified"] for r in reports) == ARTICLES
    assert sum(r["counts"]["articles"] for r in reports) == 0
    referred = [(warc.parent.parent.name, r.rec_headers.get_header("WARC-Refers-To"))
                for warc, r in records(output, ("revisit",))]
    assert len(referred) >= ARTICLES
    assert all(refers_to in run1_ids for _, refers_to in referred)
    # Worker a confirms pages that worker b fetched the night before, and the other way round.
    assert {(w, run1_ids[refers_to]) for w, refers_to in referred} >= {("a", "b"), ("b", "a")}
    assert verify([output]).ok


def test_a_killed_worker_loses_nothing(portal, redis_server, tmp_path):
    output = tmp_path / "crawl"
    timeout = ["-s", "PORTAL_WORKER_TIMEOUT=4"]
    survivor = Worker(portal.base_url, redis_server.url, "killed", "a", output, *timeout, settings=WITH_READERS)
    wait_for_lines(output / "a" / "crawl.log", 5, survivor)
    victim = Worker(portal.base_url, redis_server.url, "killed", "b", output, *timeout, settings=WITH_READERS)
    wait_for_lines(output / "b" / "crawl.log", 20, victim)
    victim.kill()
    assert list((output / "b" / "warc").glob("*.warc.gz.open"))

    code, stdout, stderr = survivor.finish()
    assert code == 0, f"{stdout[-2000:]}\n{stderr[-3000:]}"
    assert "worker b stopped answering" in stderr
    merged = tmp_path / "merged"
    result = run_cli("merge", output, "--output", merged, "--no-wacz")
    assert "recovered: " in result.stdout
    articles = read_jsonl(merged / "articles.jsonl")
    assert sorted(a["url"] for a in articles) == sorted(a["url"] for a in portal.manifest()["articles"])
    assert {a["warc"]["filename"] for a in articles} <= {p.name for p in (merged / "warc").glob("*.warc.gz")}
    assert verify([merged]).ok
    assert list((output / "b" / "warc").glob("*.warc.gz.open"))  # the input is left as it was


def test_a_killed_worker_restarted_under_its_id_picks_up_its_requests(portal, redis_server, tmp_path):
    output = tmp_path / "crawl"
    # Worker a held to 20 pages a second: under load it took the whole frontier before b, slower to
    # start, had fetched 20 pages.
    other = Worker(portal.base_url, redis_server.url, "restarted", "a", output, "-s", "DOWNLOAD_DELAY=0.05", settings=WITH_READERS)
    wait_for_lines(output / "a" / "crawl.log", 5, other)
    victim = Worker(portal.base_url, redis_server.url, "restarted", "b", output, settings=WITH_READERS)
    wait_for_lines(output / "b" / "crawl.log", 20, victim)
    victim.kill()
    # Long before its key expires (30 s): the restart itself gives back what the killed process held.
    code, stdout, stderr = Worker(portal.base_url, redis_server.url, "restarted", "b", output, settings=WITH_READERS).finish()
    report = json.loads((output / "b" / "run.json").read_text())
    assert report["finish_reason"] == "finished", f"{code}\n{stdout[-2000:]}\n{stderr[-3000:]}"
    assert report["warc_recovered"]  # the restart closed the WARC file the killed process left open
    assert "left by an earlier run of worker b back in the frontier" in stderr
    code, stdout, stderr = other.finish()
    assert code == 0, f"{stdout[-2000:]}\n{stderr[-3000:]}"
    urls = {r["url"] for w in ("a", "b") for r in read_jsonl(output / w / "articles.jsonl")}
    assert urls == {a["url"] for a in portal.manifest()["articles"]}
    assert not list(output.glob("*/warc/*.open"))
    assert verify([output]).ok


def test_unreachable_redis_is_a_clear_failure(portal, tmp_path):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    result = run_cli("crawl", "--profile", str(DEMO_PROFILE), "--start-url", portal.base_url, "--redis", closed,
                     "--output", tmp_path, check=False, timeout=60)
    assert result.returncode == 3
    assert f"cannot reach Redis at {closed}: " in result.stderr


def test_redis_going_away_mid_crawl_stops_the_worker(portal, tmp_path):
    with RedisServer(tmp_path / "redis") as server:
        process = Worker(portal.base_url, server.url, "cut-off", "a", tmp_path / "crawl", settings=WITH_READERS)
        wait_for_lines(tmp_path / "crawl" / "a" / "articles.jsonl", 10, process)
    code, _, stderr = process.finish(timeout=60)
    assert code == 3
    assert f"cannot reach Redis at {server.url}: " in stderr
    assert json.loads((tmp_path / "crawl" / "a" / "run.json").read_text())["finish_reason"] == "redis_unreachable"


def test_merge_refuses_a_directory_still_being_written(first_run, tmp_path):
    output, _ = first_run
    lock = RunLock(output / "a").acquire()
    try:
        result = run_cli("merge", output, "--output", tmp_path / "merged", check=False)
    finally:
        lock.release()
    assert result.returncode == 4
    assert "merge when it has finished" in result.stderr


def test_redis_state_is_shared_and_keeps_dates(redis_server):
    one, other = (RedisState.from_uri(f"{redis_server.url}?crawl=state-test") for _ in range(2))
    run_id, resumed = one.begin_run("20260101T000000Z", "2026-01-01T00:00:00+00:00")
    assert (run_id, resumed) == ("20260101T000000Z", False)
    assert other.begin_run("20260101T000005Z", "2026-01-01T00:00:05+00:00") == ("20260101T000000Z", True)
    one.save_outcome(Outcome("http://x/a", run_id, "recorded", published_at="2025-12-31T08:00:00+07:00"))
    other.save_outcome(Outcome("http://x/a", run_id, "not_modified"))
    other.save_outcome(Outcome("http://x/b", run_id, "failed", reason="HTTP 503"))
    assert one.outcome("http://x/a") == Outcome("http://x/a", run_id, "not_modified", published_at="2025-12-31T08:00:00+07:00")
    assert list(one.urls_with_outcome("failed")) == ["http://x/b"]
    capture = Capture("http://x/a", 200, "2026-01-01T00:00:01+00:00", "2026-01-01T00:00:01Z", "sha1:ABC",
                      "w.warc.gz", "<urn:uuid:1>", 123, etag='"e"', last_modified=None)
    one.save_capture(capture)
    assert other.capture("http://x/a") == capture
    one.finish_run(run_id, "2026-01-01T01:00:00+00:00", "finished")
    # A finished run's id stays known: a crawl starting in its second waits for the next (keeper.py).
    assert other.knows_run(run_id) and not other.knows_run("20260102T000000Z")
    assert other.begin_run("20260102T000000Z", "2026-01-02T00:00:00+00:00") == ("20260102T000000Z", False)
    one.close()
    other.close()


def test_merge_counts_versions_across_workers():
    def record(worker_run, fetched_at, content):
        return {"canonical_url": "http://x/a", "url": "http://x/a", "run_id": worker_run, "fetched_at": fetched_at,
                "content_hash": content, "version": 1, "supersedes": None}
    # Run 1 by worker a; run 2 by worker b, which knew nothing of version 1; run 2 again after a kill.
    history = [record("R2", "2026-01-02T00:00:09", "h2"), record("R1", "2026-01-01T00:00:00", "h1"),
               record("R2", "2026-01-02T00:00:01", "h2")]
    [latest] = latest_versions(history)
    assert (latest["content_hash"], latest["version"], latest["supersedes"]) == ("h2", 2, "h1")
    assert latest["fetched_at"] == "2026-01-02T00:00:01"  # the capture that brought the change
