"""Pages read beside the crawl: what a page that is huge, slow to read or fatal to its worker costs.

The demo portal serves its articles with three odd pages linked from its home page: a 50 MB page,
a page whose reading outlasts the time bound, and a page whose reading kills its worker (SIGKILL).
tests/support/readers.py stands in for the crawl's page reader, to hang or die on those URLs only.
Each odd page is archived and recorded as a failure with its reason; every article is recorded.
"""

from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from demo_portal import DEMO_PROFILE, DemoPortal
from support import readers
from support.commands import ForkedCrawl
from support.crawls import fast_settings, read_jsonl

# Addresses of articles, as the demo's profile knows them.
BIG = "/tin-tuc/thu-nghiem/trang-rat-lon"
HANGS, DIES = f"/tin-tuc/thu-nghiem{readers.HANGS}", f"/tin-tuc/thu-nghiem{readers.DIES}"
ODD_PAGES = (BIG, HANGS, DIES)
BIG_SIZE = 50 * 2**20
# The hanging page costs its bound: well above any other page's task here, the 50 MB page's
# included. Reading that page to its size check takes ~3.3 s of a worker's CPU (one parse for its
# links and fingerprint); on a loaded machine (the suite on 2 cores beside other crawls) twice that
# and more: a 5 s bound turned its reason into a timeout at load 8.
TIME_BOUND = 15


def _with_body(answer, body: bytes):
    return replace(answer, body=body, _gzipped=None)  # not the gzip of the body it replaces


class _WithOddPages:
    """The demo's router, and the odd pages: linked from the home page, served as copies of an article."""

    def __init__(self, portal: DemoPortal):
        self.portal, self.handler = portal, portal._handler

    def handle(self, target: str, host: str | None):
        if target in ODD_PAGES:
            article = urlsplit(self.portal.manifest()["articles"][0]["url"]).path
            answer = self.handler.handle(article, host)
            if target != BIG:
                return answer
            # Fifty paragraphs of a megabyte each, inside the article: a huge page, not a deep one.
            filler = b"".join(b"<p>" + b"x" * (2**20 - 7) + b"</p>" for _ in range(50))
            return _with_body(answer, answer.body.replace(b"</body>", filler + b"</body>"))
        answer = self.handler.handle(target, host)
        if target != "/":
            return answer
        links = "".join(f'<a href="{path}">odd page</a>' for path in ODD_PAGES).encode()
        return _with_body(answer, answer.body.replace(b"</body>", links + b"</body>"))


@pytest.fixture(scope="module")
def odd_crawl(tmp_path_factory):
    output = tmp_path_factory.mktemp("odd") / "crawl"
    portal = DemoPortal(articles=12)
    portal._handler = _WithOddPages(portal)
    with portal:
        crawl = ForkedCrawl("--profile", DEMO_PROFILE, "--start-url", portal.base_url, "--output", output,
                            *fast_settings(PORTAL_EXTRACTION_TIMEOUT=TIME_BOUND, PORTAL_EXTRACTION_WORKERS=2),
                            target=readers.crawl_with_misbehaving_reader)
        result = crawl.wait(timeout=300, check=False)
        manifest, base = portal.manifest(), portal.base_url.rstrip("/")
    return {"result": result, "output": output, "manifest": manifest, "base": base}


def _failures(odd_crawl) -> dict[str, str]:
    return {f["url"]: f["reason"] for f in read_jsonl(odd_crawl["output"] / "failures.jsonl")}


def test_every_article_is_recorded_whatever_the_odd_pages_did(odd_crawl):
    assert odd_crawl["result"].returncode in (0, 1), odd_crawl["result"].stderr[-3000:]
    recorded = {r["url"] for r in read_jsonl(odd_crawl["output"] / "articles.jsonl")}
    assert {a["url"] for a in odd_crawl["manifest"]["articles"]} <= recorded
    assert not {odd_crawl["base"] + path for path in ODD_PAGES} & recorded


def test_a_50_mb_page_is_archived_whole_and_its_reading_ends_with_the_reason(odd_crawl):
    reason = _failures(odd_crawl)[odd_crawl["base"] + BIG]
    assert reason == "not extracted: page of 50.0 MB over the 8 MB extraction limit"
    sizes = []
    for path in (odd_crawl["output"] / "warc").glob("*.warc.gz"):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI").endswith(BIG):
                    sizes.append(len(record.content_stream().read()))
    assert len(sizes) == 1 and sizes[0] > BIG_SIZE


def test_a_page_past_the_time_bound_is_a_failure_and_its_worker_is_replaced(odd_crawl):
    reason = _failures(odd_crawl)[odd_crawl["base"] + HANGS]
    assert reason == f"not extracted: reading the page took more than {TIME_BOUND} s (its worker was stopped and replaced)"


def test_a_page_that_kills_its_worker_is_the_only_failure_of_that_worker(odd_crawl):
    url = odd_crawl["base"] + DIES
    reason = _failures(odd_crawl)[url]
    assert reason.startswith(f"not extracted: the extraction worker died while reading {url}") and "exit code -9" in reason
    # Nothing else failed to be read (the demo links a few missing pages: HTTP 404): the pages read
    # beside it, by the same pool, came out as usual.
    unread = {url for url, reason in _failures(odd_crawl).items() if not reason.startswith("HTTP 404")}
    assert unread == {odd_crawl["base"] + path for path in ODD_PAGES}


def test_a_pool_that_cannot_start_stops_the_crawl_with_one_line(tmp_path):
    with DemoPortal(articles=3) as portal:
        crawl = ForkedCrawl("--profile", DEMO_PROFILE, "--start-url", portal.base_url, "--output", tmp_path / "crawl",
                            *fast_settings(PORTAL_EXTRACTION_WORKERS=2), target=readers.crawl_with_a_pool_that_cannot_start)
        result = crawl.wait(timeout=120, check=False)
    said = [line for line in result.stderr.splitlines() if "extraction pool did not start" in line]
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert len(said) == 1 and said[0].endswith("extraction pool did not start: [Errno 11] Resource temporarily unavailable")
    assert "did not finish (extraction_pool_failed)" in result.stdout + result.stderr
