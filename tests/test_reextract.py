"""Re-extraction from the archive gives back the records the crawl wrote."""

import gzip
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from archive.extraction_pool import ExtractionTask, extract, extract_in_order
from cli import main
from extraction.page import Page
from conftest import read_jsonl, run_cli
from demo_portal import DEMO_PROFILE
from support import raising_reader, readers

GOLDEN = Path(__file__).parent / "golden"
RUN_DEPENDENT = {"run_id"}  # documented in docs/schema.md: which run wrote a record


def test_reextract_rebuilds_the_deleted_records(demo_crawl, tmp_path):
    crawl_records = read_jsonl(demo_crawl["output"] / "articles.jsonl")
    # The demo's profile is a file, not a known profile name: the warcinfo's record of it is not followed.
    result = run_cli("reextract", demo_crawl["output"] / "warc", "--output", tmp_path / "again", "--profile", DEMO_PROFILE)
    assert f"{len(crawl_records)} record(s) written" in result.stdout
    rebuilt = read_jsonl(tmp_path / "again" / "articles.jsonl")
    assert len(rebuilt) == len(crawl_records)
    by_capture = {r["warc"]["record_id"]: r for r in rebuilt}
    for original in crawl_records:
        again = by_capture[original["warc"]["record_id"]]
        for field in original.keys() - RUN_DEPENDENT:
            assert again[field] == original[field], (original["url"], field)
        assert again["run_id"] is None


def test_compare_reports_per_field_changes(two_editions, tmp_path):
    old = tmp_path / "old.jsonl"
    records = read_jsonl(two_editions.output / "articles.jsonl")
    records[0]["title"] = "Tiêu đề cũ"
    records[1]["author"] = "Tác giả khác"
    old.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:-1]), encoding="utf-8")
    result = run_cli("reextract", two_editions.output / "warc", "--output", tmp_path / "new", "--compare", old, "--profile", DEMO_PROFILE)
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["matched"] == len(records) - 1 and report["only_in_new"] == 1 and report["only_in_old"] == 0
    assert report["changed_fields"]["title"] == 1
    assert report["changed_fields"]["author"] == 1


def test_reextract_refuses_to_overwrite_and_needs_warcs(two_editions, tmp_path):
    (tmp_path / "articles.jsonl").write_text("")
    assert run_cli("reextract", two_editions.output / "warc", "--output", tmp_path, check=False).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("reextract", empty, "--output", tmp_path / "out", check=False)
    assert result.returncode == 2 and "no WARC files" in result.stderr


def _written_warc(tmp_path):
    """The smallest real WARC: a warcinfo record, as every file of ours begins."""
    from archive.warc.write import RotatingWarcWriter
    writer = RotatingWarcWriter(tmp_path, {"software": "test"}, worker_id="x")
    writer.write_resource("urn:test", "text/plain", b"x")
    writer.close()
    return tmp_path / writer.closed_files[0]


def _bad_content_length(tmp_path):
    path = _written_warc(tmp_path / "w")
    text = gzip.decompress(path.read_bytes())
    first_length = text.split(b"Content-Length: ")[1].split(b"\r\n")[0]
    bad = tmp_path / "bad-length.warc.gz"
    bad.write_bytes(gzip.compress(text.replace(b"Content-Length: " + first_length, b"Content-Length: 3", 1)))
    return bad


@pytest.mark.parametrize("make_input, says", [
    (lambda d: (d / "noise.warc.gz", (d / "noise.warc.gz").write_bytes(bytes(range(3, 256)) * 99))[0], "not a gzip/WARC file"),
    (lambda d: (d / "notes.txt", (d / "notes.txt").write_text("chỉ là chữ\n", encoding="utf-8"))[0], "not a gzip/WARC file"),
    (lambda d: (d / "empty.warc.gz", (d / "empty.warc.gz").write_bytes(b""))[0], "empty: no WARC records"),
    (_bad_content_length, "Content-Length"),
    (lambda d: d / "absent.warc.gz", "no such file or directory"),
])
def test_bad_inputs_get_one_line_exit_2_and_no_output(tmp_path, capsys, make_input, says):
    (tmp_path / "w").mkdir()
    path = make_input(tmp_path)
    assert main(["reextract", str(path), "--output", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and says in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("compare_bytes, says", [(None, "no such file"), (bytes(range(256)) * 4, "not a JSON Lines file"),
                                                 (b'{"title": "x"}\n', "without canonical_url")])
def test_a_bad_compare_file_is_refused_before_any_work(tmp_path, capsys, compare_bytes, says):
    old = tmp_path / "old.jsonl"
    if compare_bytes is not None:
        old.write_bytes(compare_bytes)
    code = main(["reextract", str(_written_warc(tmp_path)), "--output", str(tmp_path / "out"), "--compare", str(old)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and str(old) in err and says in err
    assert not (tmp_path / "out").exists()


def test_a_truncated_warc_is_read_up_to_the_cut_with_a_warning(two_editions, tmp_path):
    [first, *_] = sorted((two_editions.output / "warc").glob("*.warc.gz"))
    cut = tmp_path / "in" / first.name
    cut.parent.mkdir()
    data = first.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    result = run_cli("reextract", cut, "--output", tmp_path / "out", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [warning] = [line for line in result.stderr.splitlines() if "warning" in line]
    assert str(cut) in warning and "cut short" in warning
    written = read_jsonl(tmp_path / "out" / "articles.jsonl")
    assert 0 < len(written) < len(read_jsonl(two_editions.output / "articles.jsonl"))
    assert all(r["warc"]["offset"] < len(data) // 2 for r in written)


def test_an_output_that_is_a_file_or_holds_rejects_is_refused(tmp_path, capsys):
    warc = _written_warc(tmp_path)
    (tmp_path / "file").write_text("x")
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "rejects.jsonl").write_text('{"url": "u"}\n')
    for output in (tmp_path / "file", tmp_path / "crawl"):
        assert main(["reextract", str(warc), "--output", str(output)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(output) in err
    assert (tmp_path / "crawl" / "rejects.jsonl").read_text() == '{"url": "u"}\n'


def test_jobs_give_the_same_records_in_the_same_order(two_editions, tmp_path):
    # Two runs' WARC files, 113 HTML pages: past the window of pages two jobs read ahead (64).
    outputs = {}
    for jobs in ("1", "2"):
        result = run_cli("reextract", two_editions.output / "warc", "--output", tmp_path / jobs, "--profile", DEMO_PROFILE,
                         "--jobs", jobs)
        assert "record(s) written" in result.stdout
        outputs[jobs] = (tmp_path / jobs / "articles.jsonl").read_bytes()
    assert outputs["2"] == outputs["1"]
    assert outputs["1"].count(b"\n") == len(read_jsonl(two_editions.output / "articles.jsonl"))


def _golden_pages_with(*odd_urls: str) -> list[Page]:
    captured = datetime(2026, 1, 1, tzinfo=timezone.utc)  # records made at different moments are the same
    pages = [Page(f"https://example.gov.vn/tin/{name}", path.read_bytes(), fetched_at=captured)
             for name, path in enumerate(sorted((GOLDEN / "drupal7").glob("*.html")) * 3)]
    for position, url in enumerate(odd_urls):
        pages.insert(4 + position * 3, Page(url, pages[0].body, fetched_at=captured))
    return pages


def test_a_page_that_kills_its_worker_is_a_failure_and_the_rest_go_on():
    pages = _golden_pages_with(f"https://example.gov.vn{readers.DIES}")
    expected = [(page.url, extract(ExtractionTask(page)).record) for page in pages if readers.DIES not in page.url]
    outcomes = list(extract_in_order(((page.url, ExtractionTask(page)) for page in pages), jobs=2,
                                     extract_page=readers.extract_or_misbehave))

    assert [url for url, _ in outcomes] == [page.url for page in pages]
    [(url, died)] = [(url, o) for url, o in outcomes if o.failure]
    assert readers.DIES in url and "worker died" in died.failure and "-9" in died.failure and died.record is None
    assert [(url, o.record) for url, o in outcomes if not o.failure] == expected
    assert all(record is not None for _, record in expected)


def test_a_page_past_the_time_bound_is_a_failure_and_the_rest_are_read():
    pages = _golden_pages_with(f"https://example.gov.vn{readers.HANGS}", f"https://example.gov.vn{readers.HANGS}/2")
    # 3 s: far above a golden page's reading, even a fresh worker's first under a neighbour's load;
    # the batch holding both pages takes it once, then each of them alone.
    outcomes = list(extract_in_order(((page.url, ExtractionTask(page)) for page in pages), jobs=2, timeout=3,
                                     extract_page=readers.extract_or_misbehave))

    assert [url for url, _ in outcomes] == [page.url for page in pages]
    failed = [(url, o.failure) for url, o in outcomes if o.failure]
    assert [url for url, _ in failed] == [page.url for page in pages if readers.HANGS in page.url]
    assert all("took more than 3 s" in failure and "replaced" in failure for _, failure in failed)
    # The workers stopped were replaced: the pages after them were read all the same.
    assert sum(1 for _, o in outcomes if o.record is not None) == len(pages) - 2


def test_a_page_that_raises_stops_the_run_after_the_pages_before_it_as_with_one_job():
    pages = _golden_pages_with(f"https://example.gov.vn{raising_reader.RAISES}")
    for jobs in (1, 2):
        outcomes = extract_in_order(((page.url, ExtractionTask(page)) for page in pages), jobs=jobs,
                                    extract_page=raising_reader.extract_or_raise)
        read = []
        with pytest.raises(RuntimeError, match="extraction broke on"):
            for url, outcome in outcomes:
                read.append((url, outcome.record is not None))
        assert read == [(page.url, True) for page in pages[:4]]  # the pages before it, read whole


def _warc_with_problems_between_pages(directory: Path) -> list[Path]:
    """Pages, then a body that does not decode, a revisit of a response no file holds, more pages;
    and a copy of that file cut short: problems met reading and problems met decoding, in turn."""
    from archive.exchange import Exchange, HttpRequest, HttpResponse
    from archive.warc.exchange_records import IDENTICAL_PAYLOAD, StoredCopy
    from archive.warc.write import RotatingWarcWriter

    body = (GOLDEN / "drupal7").glob("*.html").__next__().read_bytes()
    captured = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def exchange(name, headers, payload):
        response = HttpResponse(200, "OK", "HTTP/1.1", [("Content-Type", "text/html; charset=utf-8"), *headers], payload)
        return Exchange(HttpRequest("GET", f"https://example.gov.vn/tin/{name}", []), response, captured)

    writer = RotatingWarcWriter(directory, {"software": "test"}, worker_id="p")
    for number in range(90):
        writer.write_exchange(exchange(number, [("Content-Encoding", "gzip")], gzip.compress(body)))
        if number in (20, 70):
            writer.write_exchange(exchange(f"bad-{number}", [("Content-Encoding", "gzip")], b"not gzip"))
        if number == 40:
            nowhere = StoredCopy("https://example.gov.vn/x", "2026-01-01T00:00:00Z", "<urn:uuid:nowhere>", "sha1:X")
            writer.write_exchange(exchange("revisit", [], body), revisit_of=nowhere, profile=IDENTICAL_PAYLOAD)
    writer.close()
    whole = directory / writer.closed_files[0]
    cut = directory / ("z-cut-" + whole.name)
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    return [whole, cut]


def test_two_jobs_list_the_same_problems_in_the_same_order_as_one(tmp_path):
    from archive.reextract import reextract

    warcs = _warc_with_problems_between_pages(tmp_path)
    summaries = {jobs: reextract(warcs, tmp_path / str(jobs), jobs=jobs) for jobs in (1, 2)}
    problems = [str(problem) for problem in summaries[1].problems]
    assert [str(problem) for problem in summaries[2].problems] == problems
    assert ["does not decode" in p for p in problems] == [True, False, True, True, False, False]
    assert "revisit of <urn:uuid:nowhere>" in problems[1] and "cut short" in problems[-1]
    assert summaries[2].pages == summaries[1].pages > 100
    assert (tmp_path / "2" / "articles.jsonl").read_bytes() == (tmp_path / "1" / "articles.jsonl").read_bytes()


def test_jobs_must_be_a_positive_whole_number(tmp_path, capsys):
    warc = _written_warc(tmp_path)
    for bad in ("0", "two", "-1"):
        with pytest.raises(SystemExit) as exit:
            main(["reextract", str(warc), "--output", str(tmp_path / "out"), "--jobs", bad])
        assert exit.value.code == 2 and "--jobs" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
