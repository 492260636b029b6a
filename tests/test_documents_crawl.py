"""Legal documents through the whole crawl: the demo portal's documents section crawled, every
manifest document recorded once (its two tabs merged) with its files' text, the files archived,
a second run writing nothing new; and a document whose file cannot be fetched kept with a note."""

import asyncio
import json
from collections import Counter
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from scrapy.http import HtmlResponse, Request, Response
from twisted.internet.error import ConnectionRefusedError
from twisted.python.failure import Failure

from archive.warc.files import find_warc_files
from archive.warc.read import warc_records
from crawler.documents import DocumentChains
from demo_portal import DEMO_PROFILE, DemoPortal
from extraction.attachment_text import FileText
from extraction.page import Page
from extraction.page_reading import ReadingRules, read_page
from extraction.profiles import load_profile
from record.schema import problems
from support.commands import run_crawl
from support.crawls import fast_settings, read_jsonl

ARTICLES = 10
COMPARED = ("title", "document_number", "document_type", "issuing_body", "signer", "signer_title",
            "issued_on", "effective_on", "expires_on", "status", "abstract", "paragraphs")


def _path(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    output = tmp_path_factory.mktemp("documents") / "out"
    # With the pool of page readers, as the demo crawls: documents' readings come back from its workers.
    settings = fast_settings(PORTAL_EXTRACTION_WORKERS=None)
    first = run_crawl("--demo", "--demo-articles", ARTICLES, "--output", output, *settings)
    first_report = json.loads((output / "run.json").read_text())
    documents = read_jsonl(output / "documents.jsonl")
    second = run_crawl("--demo", "--demo-articles", ARTICLES, "--output", output, *settings)
    with DemoPortal(articles=ARTICLES) as portal:
        manifest = portal.manifest()["documents"]
    return SimpleNamespace(output=output, first=first, first_report=first_report, documents=documents,
                           second=second, manifest=manifest)


def test_every_manifest_document_is_one_record_with_its_fields(crawled):
    by_path = {_path(d["canonical_url"]): d for d in crawled.documents}
    assert len(crawled.documents) == len(by_path) == len(crawled.manifest) == 6
    for expected in crawled.manifest:
        record = by_path[_path(expected["url"])]
        assert {name: record[name] for name in COMPARED} == {name: expected[name] for name in COMPARED}
        # The two tabs are one record: the full text from one, the signer and effective date from the other.
        assert [_path(url) for url in record["pages"]] == [_path(url) for url in expected["pages"]]
        assert record["full_text"] == "\n\n".join(expected["paragraphs"])
        assert [(_path(r["url"]), r["title"]) for r in record["related"]] == [(_path(r["url"]), r["title"]) for r in expected["related"]]
        assert record["version"] == 1 and record["run_id"] == crawled.first_report["run_id"]


def test_attachment_text_is_the_files_text_and_the_scan_is_noted(crawled):
    by_path = {_path(d["canonical_url"]): d for d in crawled.documents}
    scans = 0
    for expected in crawled.manifest:
        got = {_path(a["url"]): a for a in by_path[_path(expected["url"])]["attachments"]}
        assert set(got) == {_path(a["url"]) for a in expected["attachments"]}
        for file in expected["attachments"]:
            attachment = got[_path(file["url"])]
            assert (attachment["title"], attachment["media_type"], attachment["text"]) == (file["title"], file["media_type"], file["text"])
            if file["scan"]:
                scans += 1
                assert attachment["text"] is None and "scanned PDF without a text layer" in attachment["text_note"]
            else:
                assert attachment["text_note"] is None
    assert scans == 1
    # The scan and the Word file are among them: a PDF text layer, a scan and a DOCX were all read.
    assert Counter(a["media_type"] for d in crawled.manifest for a in d["attachments"])[
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"] == 1


def test_documents_validate_and_the_run_counts_them(crawled):
    assert all(problems(record) == [] for record in crawled.documents)
    assert all(record["kind"] == "document" for record in crawled.documents)
    assert not any(r.get("kind") == "document" for r in read_jsonl(crawled.output / "articles.jsonl"))
    counts = crawled.first_report["counts"]
    assert (counts["documents"], counts["documents_new"], counts["documents_unfinished"]) == (6, 6, 0)
    assert counts["document_files"] == 7
    assert crawled.first_report["status"] == "success"
    assert "documents: 6 written to documents.jsonl (6 new" in crawled.first.stdout
    failures = read_jsonl(crawled.output / "failures.jsonl") if (crawled.output / "failures.jsonl").exists() else []
    assert not [f for f in failures if "/van-ban" in f["url"]]


def test_a_second_run_finds_every_document_unchanged(crawled):
    report = json.loads((crawled.output / "run.json").read_text())
    assert (report["counts"]["documents"], report["counts"]["documents_unchanged"]) == (0, 6)
    assert len(read_jsonl(crawled.output / "documents.jsonl")) == 6
    assert "documents: 0 written to documents.jsonl (0 new, 0 changed; 6 unchanged" in crawled.second.stdout


def test_files_and_tabs_are_archived_once_each_in_the_first_run(crawled):
    first_warcs = [p for p in find_warc_files([crawled.output / "warc"]) if p.name in crawled.first_report["warc_files"]]
    assert len(first_warcs) == len(crawled.first_report["warc_files"]) > 0
    captured = Counter()
    for path in first_warcs:
        for stored in warc_records(path):
            record = stored.record
            if record.rec_type in ("request", "response"):
                captured[(record.rec_type, _path(record.rec_headers.get_header("WARC-Target-URI")))] += 1
    for expected in crawled.manifest:
        for file in expected["attachments"]:
            assert captured[("request", _path(file["url"]))] == captured[("response", _path(file["url"]))] == 1
        for page in expected["pages"]:
            assert captured[("response", _path(page))] == 1


def _document_page() -> tuple:
    """The demo's profile, and the address and markup of its document 101 (one tab more, one file)."""
    import urllib.request

    with DemoPortal(articles=ARTICLES) as portal:
        url = portal.base_url.rstrip("/") + "/van-ban/101"
        return load_profile(str(DEMO_PROFILE)), url, urllib.request.urlopen(url).read()


def _chains_reading(profile, page_url: str, body: bytes):
    """A document's chain as the spider starts it, with the spider's parts a chain calls on stubbed."""
    counted = Counter()
    spider = SimpleNamespace(
        crawler=SimpleNamespace(stats=SimpleNamespace(inc_value=lambda key, count=1: counted.update({key: count}))),
        counted=counted, claimed=[], parse_document_tab=lambda r, **k: None, parse_document_file=lambda r, **k: None,
        on_document_failure=lambda f: None,
    )
    spider.claim = spider.claimed.append
    chains = DocumentChains(spider)
    response = HtmlResponse(page_url, body=body, encoding="utf-8", request=Request(page_url))
    return chains, spider, list(chains.read(response, _reading(page_url, body, profile)))


def _reading(url: str, body: bytes, profile):
    return read_page(Page(url=url, body=body, content_type="text/html; charset=utf-8"), ReadingRules(pinned=profile))


def test_a_file_that_cannot_be_fetched_leaves_a_note_and_the_document_is_kept():
    profile, url, body = _document_page()
    chains, spider, started = _chains_reading(profile, url, body)
    # The properties tab is asked for first, and claimed so that no link fetches it again.
    assert [_path(r.url) for r in started] == ["/van-ban/101/thuoc-tinh"] and spider.claimed == [started[0].url]
    assert started[0].dont_filter
    assert list(chains.read(HtmlResponse(url, body=body, request=Request(url)), _reading(url, body, profile))) == []
    # The tab failed: the chain goes on to the file, which fails too.
    tab_failure = Failure(ConnectionRefusedError("refused"))
    tab_failure.request = started[0]
    [file_request] = chains.failed(tab_failure)
    assert _path(file_request.url).endswith("qd-15-2019-qd-ubnd.pdf") and file_request.dont_filter
    file_failure = Failure(ConnectionRefusedError("refused"))
    file_failure.request = file_request
    [record] = chains.failed(file_failure)
    assert record["document_number"] is None  # the number is on the properties tab, which never came
    assert record["title"] and record["full_text"] and record["issued_on"] == "2019-03-12"
    [attachment] = record["attachments"]
    assert attachment["text"] is None and attachment["text_note"].startswith("not fetched: ConnectionRefusedError")
    assert problems(record) == [] and chains.unfinished() == 0
    assert spider.counted == {"portal/documents_extracted": 1}  # the file never came: not counted as read


class _FileReader:
    """The crawl's page reader as a document's chain sees it: the files it was asked to read, and its answer."""

    def __init__(self, answer: FileText):
        self.answer, self.asked = answer, []

    async def read_file(self, body: bytes, media_type: str) -> FileText:
        self.asked.append((body, media_type))
        return self.answer


async def _entries(generator) -> list:
    return [entry async for entry in generator]


# A server's generic type gives way to the one the page's link gave (here by the file's name).
@pytest.mark.parametrize(("declared", "read_as"), [("application/octet-stream", "application/pdf"),
                                                   ("Application/X-PDF; name=qd.pdf", "application/x-pdf")])
def test_a_files_text_is_what_the_reader_gives_for_the_type_the_server_or_the_link_names(declared, read_as):
    profile, url, body = _document_page()
    chains, spider, [tab] = _chains_reading(profile, url, body)
    [file_request] = chains.next_step(tab.cb_kwargs["document"])  # the tab came: on to the file
    spider.reader = _FileReader(FileText("Điều 1.", "a note"))
    arrived = Response(file_request.url, body=b"%PDF-1.4 ...", headers={"Content-Type": declared}, request=file_request)
    [record] = asyncio.run(_entries(chains.file_arrived(arrived, file_request.cb_kwargs["document"])))
    assert spider.reader.asked == [(b"%PDF-1.4 ...", read_as)]
    [attachment] = record["attachments"]
    assert (attachment["text"], attachment["text_note"]) == ("Điều 1.", "a note")
    assert spider.counted == {"portal/document_files": 1, "portal/documents_extracted": 1} and chains.unfinished() == 0


def test_a_file_cut_at_a_download_limit_is_not_read_and_the_document_is_kept():
    profile, url, body = _document_page()
    chains, spider, [tab] = _chains_reading(profile, url, body)
    [file_request] = chains.next_step(tab.cb_kwargs["document"])
    spider.reader = _FileReader(FileText("never asked"))
    file_request.meta["truncated"] = "length"
    arrived = Response(file_request.url, body=b"%PDF-1.4 cut", flags=["download_stopped"], request=file_request)
    [record] = asyncio.run(_entries(chains.file_arrived(arrived, file_request.cb_kwargs["document"])))
    assert spider.reader.asked == []
    [attachment] = record["attachments"]
    assert (attachment["text"], attachment["text_note"]) == (None, "file cut at the length limit: text not read")
