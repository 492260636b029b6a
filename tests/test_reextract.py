"""Re-extraction from the archive gives back the records the crawl wrote."""

import json

from conftest import read_jsonl, run_cli

RUN_DEPENDENT = {"run_id"}  # documented in docs/schema.md: which run wrote a record


def test_reextract_rebuilds_the_deleted_records(demo_crawl, tmp_path):
    crawl_records = read_jsonl(demo_crawl["output"] / "articles.jsonl")
    result = run_cli("reextract", demo_crawl["output"] / "warc", "--output", tmp_path / "again")
    assert f"{len(crawl_records)} record(s) written" in result.stdout
    rebuilt = read_jsonl(tmp_path / "again" / "articles.jsonl")
    assert len(rebuilt) == len(crawl_records)
    by_capture = {r["warc"]["record_id"]: r for r in rebuilt}
    for original in crawl_records:
        again = by_capture[original["warc"]["record_id"]]
        for field in original.keys() - RUN_DEPENDENT:
            assert again[field] == original[field], (original["url"], field)
        assert again["run_id"] is None


def test_compare_reports_per_field_changes(demo_crawl, tmp_path):
    old = tmp_path / "old.jsonl"
    records = read_jsonl(demo_crawl["output"] / "articles.jsonl")
    records[0]["title"] = "Tiêu đề cũ"
    records[1]["author"] = "Tác giả khác"
    old.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:-1]), encoding="utf-8")
    result = run_cli("reextract", demo_crawl["output"] / "warc", "--output", tmp_path / "new", "--compare", old)
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["matched"] == len(records) - 1 and report["only_in_new"] == 1 and report["only_in_old"] == 0
    assert report["changed_fields"]["title"] == 1
    assert report["changed_fields"]["author"] == 1


def test_reextract_refuses_to_overwrite_and_needs_warcs(demo_crawl, tmp_path):
    (tmp_path / "articles.jsonl").write_text("")
    assert run_cli("reextract", demo_crawl["output"] / "warc", "--output", tmp_path, check=False).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("reextract", empty, "--output", tmp_path / "out", check=False)
    assert result.returncode == 2 and "no WARC files" in result.stderr
