"""A document's files read beside the crawl by its pool of readers (crawler/page_reader.py): a file
whose reading outlasts the time bound, or kills its worker, costs that worker, not the crawl.

The demo portal serves two of its documents' files marked for tests/support/readers.py, which
stands in for the crawl's file reader: one file's reading hangs, after seeing the portal serve more
requests than the crawl holds in flight (had the reading stopped the crawl, no new request could
have reached the portal meanwhile); the other kills its worker. Both documents are written whole,
each of those files with a text_note giving the reason and its URL a failure with that reason, and
every other file is read as usual, the next file of the same document included.
"""

import threading
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from demo_portal import DEMO_PROFILE, DemoPortal
from support import readers
from support.commands import ForkedCrawl
from support.crawls import fast_settings, read_jsonl

HANGS = "/sites/default/files/vanban/2020/ct-03-ct-ubnd.pdf"  # document 102's only file
DIES = "/sites/default/files/vanban/2021/kh-45-kh-ubnd.pdf"  # document 103's first file of two
TIME_BOUND = 4
IN_FLIGHT = 4  # the crawl's CONCURRENT_REQUESTS: fewer than the requests the hanging reading waits for
assert IN_FLIGHT < readers.FETCHES_WHILE_READING


def _path(url: str) -> str:
    return urlsplit(url).path


class _MarkedFiles:
    """The demo's router, logging each request it serves (a line each), with the two files marked."""

    def __init__(self, portal: DemoPortal, served):
        self.handler, self.served = portal._handler, served
        self.marks = {HANGS: readers.FILE_HANGS + str(served).encode(), DIES: readers.FILE_DIES}
        self.lock = threading.Lock()

    def handle(self, target: str, host: str | None):
        with self.lock, self.served.open("ab") as log:
            log.write(target.encode() + b"\n")
        answer = self.handler.handle(target, host)
        if target not in self.marks:
            return answer
        return replace(answer, body=answer.body + b"\n" + self.marks[target] + b"\n", _gzipped=None)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("document-files")
    served = scratch / "served.log"
    served.touch()
    portal = DemoPortal(articles=120)
    portal._handler = _MarkedFiles(portal, served)
    with portal:
        result = ForkedCrawl("--profile", DEMO_PROFILE, "--start-url", portal.base_url, "--output", scratch / "crawl",
                             *fast_settings(PORTAL_EXTRACTION_TIMEOUT=TIME_BOUND, PORTAL_EXTRACTION_WORKERS=2,
                                            CONCURRENT_REQUESTS=IN_FLIGHT, CONCURRENT_REQUESTS_PER_DOMAIN=IN_FLIGHT),
                             target=readers.crawl_with_misbehaving_file_reader).wait(timeout=300, check=False)
        manifest = portal.manifest()
    return {"result": result, "output": scratch / "crawl", "manifest": manifest,
            "fetching_went_on": (scratch / "served.log.fetching-went-on").exists()}


def _attachments(crawl) -> dict[str, dict]:
    return {_path(a["url"]): a for d in read_jsonl(crawl["output"] / "documents.jsonl") for a in d["attachments"]}


def test_the_crawl_fetched_on_while_a_file_was_read_and_recorded_every_article(crawl):
    # Partial (1), as a crawl with failures is: the two files whose reading failed, and nothing else.
    assert crawl["result"].returncode == 1, crawl["result"].stderr[-3000:]
    assert "2 URL(s) failed" in crawl["result"].stderr
    assert crawl["fetching_went_on"]
    recorded = {r["url"] for r in read_jsonl(crawl["output"] / "articles.jsonl")}
    assert {a["url"] for a in crawl["manifest"]["articles"]} <= recorded


def test_a_file_past_the_time_bound_has_no_text_and_says_why(crawl):
    attachment = _attachments(crawl)[HANGS]
    assert attachment["text"] is None
    assert attachment["text_note"] == (f"text not read: reading the file took more than {TIME_BOUND} s "
                                       "(its worker was stopped and replaced)")


def test_a_file_that_kills_its_worker_has_no_text_and_says_why(crawl):
    note = _attachments(crawl)[DIES]["text_note"]
    assert note.startswith("text not read: the worker reading the file died (") and "exit code -9" in note


def test_every_document_is_written_whole_and_every_other_file_read(crawl):
    documents = read_jsonl(crawl["output"] / "documents.jsonl")
    assert sorted(_path(d["canonical_url"]) for d in documents) == sorted(_path(d["url"]) for d in crawl["manifest"]["documents"])
    got = _attachments(crawl)
    expected = {_path(a["url"]): a for d in crawl["manifest"]["documents"] for a in d["attachments"]}
    assert set(got) == set(expected)
    for path, file in expected.items():
        if path not in (HANGS, DIES):  # the scan after the file that killed its worker: read by its replacement
            assert got[path]["text"] == file["text"] and (got[path]["text_note"] is None) == (not file["scan"])


def test_only_the_files_whose_reading_failed_are_failures_with_their_notes_as_reasons(crawl):
    failures = {_path(f["url"]): f for f in read_jsonl(crawl["output"] / "failures.jsonl")
                if "/van-ban" in f["url"] or "/vanban/" in f["url"]}
    assert set(failures) == {HANGS, DIES}
    notes = _attachments(crawl)
    for path in (HANGS, DIES):
        assert failures[path]["reason"] == notes[path]["text_note"] and failures[path]["status"] == 200
