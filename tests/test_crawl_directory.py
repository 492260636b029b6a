"""The crawl directory: whose it is, what may be written into it, and one line for each bad input."""

import json
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.state.keeper import CrawlStateKeeper
from demo_portal import DEMO_PROFILE, DemoPortal
from record.crawl_dir import CrawlDirectory, NotOurDirectory, crawl_owning
from record.run_lock import CrawlLocked
from support.commands import run_cli
from support.crawls import crawl_demo_profile, fast_settings

FAST = fast_settings(WACZ_ENABLED=None)
SCRAPY = Path(sys.executable).parent / "scrapy"


def snapshot(directory: Path) -> dict[str, bytes | None]:
    """Every path under `directory` with its bytes (None for a folder), to see that nothing changed."""
    return {p.relative_to(directory).as_posix(): None if p.is_dir() else p.read_bytes() for p in sorted(directory.rglob("*"))}


def assert_one_line_refusal(result, code: int, *expected: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert all(text in lines[0] for text in expected), lines[0]


@pytest.fixture(scope="module")
def tiny_crawl(tmp_path_factory):
    """A 5-article crawl of the demo portal: a crawl directory of ours."""
    output = tmp_path_factory.mktemp("tiny") / "crawl"
    with DemoPortal(articles=5) as portal:
        crawl_demo_profile(portal.base_url, output, WACZ_ENABLED=None)
    return output


def foreign_directory(root: Path) -> Path:
    """What another tool might leave: its own WARC being written, records and run report of other shapes."""
    foreign = root / "other-tool"
    (foreign / "warc").mkdir(parents=True)
    (foreign / "warc" / "x.warc.gz.open").write_bytes(b"\x1f\x8b\x08\x00half a gzip member")
    (foreign / "articles.jsonl").write_text('{"id": 1, "text": "not ours"}\n', encoding="utf-8")
    (foreign / "run.json").write_text('{"started": "yesterday"}\n', encoding="utf-8")
    return foreign


def test_a_foreign_directory_is_refused_and_left_byte_for_byte_unchanged(tmp_path):
    foreign = foreign_directory(tmp_path)
    before = snapshot(foreign)
    result = run_cli("crawl", "--profile", "drupal7", "--start-url", "http://127.0.0.1:9/", "--output", foreign, check=False)
    assert_one_line_refusal(result, 2, str(foreign), "did not write", "run.json")
    assert snapshot(foreign) == before  # the .open file is not recovered, no .lock is added


@pytest.mark.parametrize("content, named", [
    ({"run.json": '{"run_id": "x"}'}, "run.json"),
    ({"articles.jsonl": '{"url": "http://a/"}\n'}, "articles.jsonl"),
    ({"articles.jsonl": "[1, 2]\n"}, "articles.jsonl"),
    ({"state.sqlite": "not a database"}, "state.sqlite"),
    ({"notes.txt": "mine"}, "notes.txt"),
    ({".lock": "held by some other program"}, ".lock"),
])
def test_a_directory_with_files_not_ours_is_refused(tmp_path, content, named):
    for name, text in content.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(NotOurDirectory, match=named.replace(".", r"\.")):
        CrawlDirectory(tmp_path).claim()
    assert snapshot(tmp_path) == before


def test_new_empty_and_our_own_directories_are_accepted(tmp_path, tiny_crawl):
    (tmp_path / "empty").mkdir()
    for path in (tmp_path / "new" / "deeper", tmp_path / "empty"):
        CrawlDirectory(path).claim().release()
        assert CrawlDirectory(path).is_marked()
    assert CrawlDirectory(tiny_crawl).refusal() is None
    assert CrawlDirectory(tiny_crawl).is_marked()


@pytest.mark.parametrize("output, expected", [
    ("a-file", "is a file"),
    ("a-file/under", "which is a file"),
    ("/proc/portal-archive-test", "cannot write there"),
])
def test_an_output_that_cannot_be_a_directory_is_one_line(tmp_path, output, expected):
    (tmp_path / "a-file").write_text("x")
    target = output if output.startswith("/") else tmp_path / output
    result = run_cli("crawl", "--profile", "drupal7", "--start-url", "http://127.0.0.1:9/", "--output", target, check=False)
    assert_one_line_refusal(result, 2, expected)


@pytest.mark.parametrize("arguments, expected", [
    (["--start-url", "garbage"], "'garbage'"),
    (["--start-url", "javascript:alert(1)"], "javascript:"),
    (["--start-url", "http://127.0.0.1:99999/"], "99999"),
    (["--start-url", "http://[::1"], "[::1"),
    (["--start-url", "http://127.0.0.1:9/", "-s", "CONCURRENT_REQUESTS=abc"], "CONCURRENT_REQUESTS"),
    (["--start-url", "http://127.0.0.1:9/", "-s", "ROBOTSTXT_OBEY=maybe"], "ROBOTSTXT_OBEY"),
    (["--start-url", "http://127.0.0.1:9/", "-s", "DOWNLOAD_DELAY=slow"], "DOWNLOAD_DELAY"),
])
def test_bad_crawl_inputs_are_one_line_and_touch_nothing(tmp_path, arguments, expected):
    output = tmp_path / "out"
    result = run_cli("crawl", "--profile", "drupal7", *arguments, "--output", output, check=False)
    assert_one_line_refusal(result, 2, expected)
    assert not output.exists()


def test_a_second_crawl_on_a_locked_directory_exits_4_in_one_line(tmp_path):
    held = CrawlDirectory(tmp_path / "out").claim()
    try:
        result = run_cli("crawl", "--profile", "drupal7", "--start-url", "http://127.0.0.1:9/", "--output", tmp_path / "out", check=False)
        scrapy = subprocess.run(
            [SCRAPY, "crawl", "portal", "-a", "profile=drupal7", "-a", "start_urls=http://127.0.0.1:9/",
             "-s", f"PORTAL_OUTPUT_DIR={tmp_path / 'out'}", "-s", "LOG_LEVEL=ERROR"],
            cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=120)
    finally:
        held.release()
    assert_one_line_refusal(result, 4, "another crawl is already writing to")
    assert_one_line_refusal(scrapy, 4, "scrapy crawl portal: another crawl is already writing to")


def test_a_crawl_that_starts_in_the_second_its_last_run_started_is_a_run_of_its_own(tmp_path):
    # A small site crawled twice in a row: the second crawl took the first run's id (the second
    # it started) and raised on the crawl state's key before fetching anything.
    def run() -> tuple[str, bool]:
        keeper = CrawlStateKeeper(get_crawler(settings_dict={"PORTAL_OUTPUT_DIR": str(tmp_path)}))
        keeper.spider_closed(None, "finished")
        keeper.engine_stopped()
        return keeper.run_id, keeper.resumed

    time.sleep(1 - datetime.now().microsecond / 1e6)  # both begin in one second, not across two
    (first, resumed_first), (second, resumed_second) = run(), run()
    assert not resumed_first and not resumed_second
    started = [datetime.strptime(run_id, "%Y%m%dT%H%M%SZ") for run_id in (first, second)]
    assert started[1] - started[0] == timedelta(seconds=1)


def test_export_never_writes_over_a_crawls_own_files(tiny_crawl):
    before = snapshot(tiny_crawl)
    for target in ("articles.jsonl", "run.json", "warc/new.parquet", "state.sqlite", "crawl.wacz", "."):
        result = run_cli("export", tiny_crawl, "--output", tiny_crawl / target, check=False)
        assert_one_line_refusal(result, 2, "is a file of the crawl in")
    assert snapshot(tiny_crawl) == before


def test_export_does_not_overwrite_a_file_it_did_not_write(tiny_crawl, tmp_path):
    precious = tmp_path / "thesis.parquet"
    precious.write_bytes(b"my own work")
    result = run_cli("export", tiny_crawl, "--output", precious, check=False)
    assert_one_line_refusal(result, 2, "is not an earlier export")
    assert precious.read_bytes() == b"my own work"
    # Its own earlier export, it writes again.
    again = tmp_path / "again.parquet"
    run_cli("export", tiny_crawl, "--output", again)
    run_cli("export", tiny_crawl, "--output", again)


def test_merge_names_and_outputs_stay_inside_the_output(tiny_crawl, tmp_path):
    before = snapshot(tiny_crawl)
    result = run_cli("merge", tiny_crawl, "--output", tmp_path / "merged", "--name", "../../escaped", check=False)
    assert_one_line_refusal(result, 2, "plain name")
    assert not (tmp_path / "merged").exists() and not list(tmp_path.parent.glob("escaped*"))
    result = run_cli("merge", tiny_crawl, "--output", tiny_crawl / "warc" / "merged", check=False)
    assert_one_line_refusal(result, 2, "is a file of the crawl in")
    assert snapshot(tiny_crawl) == before


@pytest.mark.parametrize("damage, expected", [
    ("{not json\n", "line 6: not a JSON line"),
    ('{"url": "http://x/", "run_id": "R", "fetched_at": "t", "content_hash": "h"}\n', "line 6: the record has no canonical_url"),
    ('"a string"\n', "line 6: a JSON str, not a record"),
])
def test_merge_of_bad_records_is_one_line(tiny_crawl, tmp_path, damage, expected):
    damaged = tmp_path / "damaged"
    shutil.copytree(tiny_crawl, damaged)
    with open(damaged / "articles.jsonl", "a", encoding="utf-8") as records:
        records.write(damage)
    result = run_cli("merge", damaged, "--output", tmp_path / "merged", check=False)
    assert_one_line_refusal(result, 2, str(damaged / "articles.jsonl"), expected)
    assert not (tmp_path / "merged").exists()


def test_merge_of_a_crawl_with_a_reextract_output_is_one_line(tiny_crawl, tmp_path):
    run_cli("reextract", tiny_crawl / "warc", "--output", tmp_path / "rebuilt", "--profile", DEMO_PROFILE)
    result = run_cli("merge", tiny_crawl, tmp_path / "rebuilt", "--output", tmp_path / "merged", check=False)
    assert_one_line_refusal(result, 2, "the record has no run_id", "merge takes the output directories of crawls")


def test_files_of_a_crawl_are_known_by_their_place(tiny_crawl, tmp_path):
    crawl = CrawlDirectory(tiny_crawl)
    owned = [crawl.articles_file, crawl.run_report_file, crawl.state_file, crawl.warc_dir / "any.warc.gz",
             crawl.index_file, crawl.wacz_file(), crawl.lock_file, crawl.runs_dir / "x.json", tiny_crawl]
    assert all(crawl.owns(p) for p in owned)
    assert not any(crawl.owns(p) for p in (crawl.dataset_dir / "articles.parquet", tiny_crawl / "notes.md", tmp_path / "x"))
    assert crawl_owning(crawl.warc_dir / "x.warc.gz").path == tiny_crawl
    assert crawl_owning(crawl.dataset_dir / "articles.parquet") is None


def test_a_run_report_names_counts_that_add_up(tiny_crawl):
    report = json.loads((tiny_crawl / "run.json").read_text(encoding="utf-8"))
    counts = report["counts"]
    assert counts["pages"] >= counts["pages_ok"] > 0
    assert counts["pages"] == sum(report["http_status"].values())
    assert counts["articles"] == counts["articles_new"] + counts["articles_changed"] == 5


def test_scrapy_crawl_gets_a_directory_of_its_own_and_prints_the_summary(tmp_path):
    with DemoPortal(articles=5) as portal:
        result = subprocess.run(
            [SCRAPY, "crawl", "portal", "-a", f"profile={DEMO_PROFILE}", "-a", f"start_urls={portal.base_url}", *FAST],
            cwd=tmp_path, env={**__import__("os").environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"},
            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    [directory] = (tmp_path / "output").iterdir()
    assert directory.name.startswith("demo-")
    assert "5 written to articles.jsonl" in result.stdout and str(directory.resolve()) in result.stdout
    assert CrawlDirectory(directory).run_report()["counts"]["articles"] == 5


def test_the_lock_is_reentrant_in_a_process_and_exclusive_between_processes(tmp_path):
    first = CrawlDirectory(tmp_path).claim()
    second = CrawlDirectory(tmp_path).claim()  # the CLI, then the crawl's own components
    other_process = [sys.executable, "-c", "import sys; from record.crawl_dir import CrawlDirectory;"
                     " CrawlDirectory(sys.argv[1]).check_unlocked()", str(tmp_path)]
    first.release()
    assert "CrawlLocked" in subprocess.run(other_process, capture_output=True, text=True).stderr
    second.release()
    assert subprocess.run(other_process, capture_output=True, text=True).returncode == 0
    with pytest.raises(CrawlLocked):
        held = subprocess.Popen([sys.executable, "-c", "import sys, time; from record.crawl_dir import CrawlDirectory;"
                                 " CrawlDirectory(sys.argv[1]).claim(); print('held', flush=True); time.sleep(30)", str(tmp_path)],
                                stdout=subprocess.PIPE, text=True)
        try:
            assert held.stdout.readline().strip() == "held"
            CrawlDirectory(tmp_path).claim()
        finally:
            held.kill()
            held.wait()


def test_checking_a_lock_writes_nothing(tmp_path):
    CrawlDirectory(tmp_path).check_unlocked()
    assert not list(tmp_path.iterdir())


def test_a_second_run_accounts_for_every_article_once(tmp_path):
    """Not due, unchanged (an article reached again through a redirecting /node/N link) and the rest add up."""
    output = tmp_path / "nightly"
    with DemoPortal(articles=20) as portal:
        for _ in range(2):
            crawl_demo_profile(portal.base_url, output, WACZ_ENABLED=None, PORTAL_RECHECK_RECENT_DAYS=0,
                               PORTAL_RECHECK_OLD_EVERY_DAYS=30)
    counts = CrawlDirectory(output).run_report()["counts"]
    accounted = ("articles_new", "articles_changed", "articles_unchanged", "articles_not_modified", "articles_not_due")
    assert counts["articles_not_due"] > 0
    assert sum(counts[name] for name in accounted) == 20, counts
    assert counts["pages"] >= counts["pages_ok"]
