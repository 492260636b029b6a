"""The README's main job, for real: crawl the demo portal over HTTP and check every output."""

import gzip
import json
import subprocess
import sys
from collections import Counter
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.warc.check import verify
from conftest import read_jsonl
from record.schema import problems
from demo_portal import DEMO_PROFILE

BOILERPLATE = ["You are here", "Thời tiết", "LIÊN KẾT WEBSITE", "Ý KIẾN BẠN ĐỌC", "Đang truy cập", "Tổng lượt truy cập", "Bản quyền thuộc", "Gửi ý kiến", "Bản in"]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def records_by_path(demo_articles):
    return {path_of(r["url"]): r for r in demo_articles}


@pytest.fixture(scope="module")
def truth_by_path(demo_crawl):
    return {path_of(a["url"]): a for a in demo_crawl["manifest"]["articles"]}


def test_one_record_per_manifest_article(demo_articles, truth_by_path):
    paths = [path_of(r["url"]) for r in demo_articles]
    duplicates = [p for p, n in Counter(paths).items() if n > 1]
    assert not duplicates
    assert set(paths) == set(truth_by_path)


@pytest.mark.parametrize("field", ["title", "lead", "paragraphs", "body_text", "author", "source", "published_at", "category", "breadcrumb", "tags"])
def test_fields_equal_the_truth(records_by_path, truth_by_path, field):
    wrong = {p: (records_by_path[p][field], truth[field]) for p, truth in truth_by_path.items() if records_by_path[p][field] != truth[field]}
    assert not wrong, f"{len(wrong)} records differ, e.g. {next(iter(wrong.items()))}"


def test_images_and_attachments_equal_the_truth(records_by_path, truth_by_path):
    for path, truth in truth_by_path.items():
        record = records_by_path[path]
        assert [(path_of(i["url"]), i["caption"], i["alt"]) for i in record["images"]] == [(path_of(i["url"]), i["caption"], i["alt"]) for i in truth["images"]], path
        assert [(path_of(a["url"]), a["title"], a["media_type"]) for a in record["attachments"]] == [(path_of(a["url"]), a["title"], a["media_type"]) for a in truth["attachments"]], path


def test_every_record_validates(demo_articles):

    assert all(not problems(r) for r in demo_articles)


def test_no_boilerplate_in_any_field(demo_articles):
    for record in demo_articles:
        dump = json.dumps(record, ensure_ascii=False)
        leaks = [marker for marker in BOILERPLATE if marker in dump]
        assert not leaks, (record["url"], leaks)


def test_nfd_pages_give_nfc_records(demo_crawl, records_by_path):
    decomposed = [a for a in demo_crawl["manifest"]["articles"] if a["text_form"] == "NFD"]
    assert decomposed
    for truth in decomposed:
        record = records_by_path[path_of(truth["url"])]
        assert (record["title"], record["paragraphs"], record["author"]) == (truth["title"], truth["paragraphs"], truth["author"])


def test_404_links_are_listed_with_their_reason(demo_crawl):
    failures = read_jsonl(demo_crawl["output"] / "failures.jsonl")
    failed = {path_of(f["url"]): f for f in failures}
    for url in demo_crawl["manifest"]["missing"]:
        assert failed[path_of(url)]["reason"] == "HTTP 404"
        assert failed[path_of(url)]["referer"]


def test_run_report_and_summary(demo_crawl):
    report = json.loads((demo_crawl["output"] / "run.json").read_text())
    assert report["finish_reason"] == "finished"
    assert report["counts"]["articles"] == len(demo_crawl["manifest"]["articles"])
    assert report["counts"]["failures"] == len(read_jsonl(demo_crawl["output"] / "failures.jsonl"))
    assert report["counts"]["pages"] > report["counts"]["articles"]
    assert f"{report['counts']['articles']} written to articles.jsonl" in demo_crawl["stdout"]
    assert str(demo_crawl["output"].resolve()) in demo_crawl["stdout"]


def warc_records(output):
    for path in sorted((output / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                payload = record.raw_stream.read()  # before asking the offset, which moves the stream
                yield path.name, iterator.get_record_offset(), record, payload


def test_warcs_pass_warcio_check_and_verify(demo_crawl):
    files = sorted(str(p) for p in (demo_crawl["output"] / "warc").glob("*.warc.gz"))
    assert files and not list((demo_crawl["output"] / "warc").glob("*.open"))
    result = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    report = verify(files)
    assert report.ok, "\n".join(map(str, report.problems[:20]))


def test_record_provenance_points_at_its_response(demo_crawl, demo_articles):
    warc_dir = demo_crawl["output"] / "warc"
    for record in demo_articles[:50]:
        location = record["warc"]
        with open(warc_dir / location["filename"], "rb") as stream:
            stream.seek(location["offset"])
            archived = next(iter(ArchiveIterator(stream)))
        assert archived.rec_type == "response"
        assert archived.rec_headers.get_header("WARC-Record-ID") == location["record_id"]
        assert archived.rec_headers.get_header("WARC-Target-URI") == record["url"]


def test_bodies_are_stored_as_received(demo_crawl):
    encodings = Counter()
    for _, _, record, payload in warc_records(demo_crawl["output"]):
        if record.rec_type != "response":
            continue
        encoding = record.http_headers.get_header("Content-Encoding")
        encodings[encoding] += 1
        if encoding == "gzip" and payload:
            assert payload[:2] == b"\x1f\x8b"
            gzip.decompress(payload)
        assert record.http_headers.get_header("Content-Length") == str(len(payload))
        assert record.http_headers.get_header("Transfer-Encoding") is None
    assert encodings["gzip"] > 100 and encodings[None] > 0


def test_requisites_and_metadata_are_archived(demo_crawl):
    kinds, metadata = Counter(), []
    for _, _, record, payload in warc_records(demo_crawl["output"]):
        if record.rec_type == "response":
            kinds[(record.http_headers.get_header("Content-Type") or "").split(";")[0]] += 1
        elif record.rec_type == "metadata":
            metadata.append((record.rec_headers.get_header("Content-Type"), payload.decode()))
    assert kinds["text/css"] and kinds["application/javascript"] + kinds["text/javascript"] and kinds["image/jpeg"] and kinds["application/pdf"]
    assert metadata and all(content_type == "application/warc-fields" for content_type, _ in metadata)
    assert any("outlink: http://" in text for _, text in metadata)


def test_each_crawl_log_line_names_the_record_of_its_own_fetch(demo_crawl):
    # robots.txt is fetched twice (by Scrapy's robots.txt middleware, then by the spider for its
    # Sitemap lines): its second line names the revisit record it wrote, not the first response.
    records = {f"{name}:{offset}": record.rec_headers.get_header("WARC-Target-URI")
               for name, offset, record, _ in warc_records(demo_crawl["output"]) if record.rec_type in ("response", "revisit")}
    lines = [line.split() for line in (demo_crawl["output"] / "crawl.log").read_text(encoding="utf-8").splitlines()]
    named = [fields[-1] for fields in lines]
    assert len(set(named)) == len(named) == len(records)
    assert all(records[where] == fields[3] for where, fields in zip(named, lines))


def test_crawl_log_and_configuration_are_in_the_warc(demo_crawl):
    resources = {record.rec_headers.get_header("WARC-Target-URI"): payload for _, _, record, payload in warc_records(demo_crawl["output"]) if record.rec_type == "resource"}
    assert b" 200 " in resources["urn:portal-archive:crawl-log"]
    assert json.loads(resources["urn:portal-archive:configuration"])["settings"]["PORTAL_PROFILE"] == str(DEMO_PROFILE)
    assert b"HTTP 404" in resources["urn:portal-archive:failures"]
