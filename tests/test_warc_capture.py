"""What the crawler writes to WARC is what the server sent, byte for byte."""

import http.client
from collections import Counter
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.warc.check import verify
from demo_portal import DemoPortal
from support.crawls import crawl_demo_profile, read_jsonl


def fetch_raw(url: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """The response as the server sends it to a client that accepts gzip (chunk framing removed)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={"Accept-Encoding": "gzip"})
    response = connection.getresponse()
    result = response.status, response.getheaders(), response.read()
    connection.close()
    return result


def archived(output):
    found = {}
    for path in sorted((output / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "request"):
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    found[(record.rec_type, uri)] = (record, record.raw_stream.read(), record.http_headers.to_bytes())
    return found


@pytest.fixture(scope="module")
def small_crawl(tmp_path_factory):
    output = tmp_path_factory.mktemp("capture") / "out"
    with DemoPortal(articles=80) as portal:
        crawl_demo_profile(portal.base_url, output, WACZ_ENABLED=None, WARC_MAX_SIZE=150000)
        manifest = portal.manifest()
        # Fetched again now, while the server is up, to compare with what the crawl stored.
        chunked = next(a["url"] for a in manifest["articles"] if a["nid"] % 3 == 0 and a["attachments"])
        biggest = Counter(a["url"].rsplit("/", 1)[0] for a in manifest["articles"]).most_common(1)[0][0]  # category listing
        truth = {url: fetch_raw(url) for url in [
            chunked, biggest + "?page=1",
            next(a for a in manifest["articles"] if a["attachments"])["attachments"][0]["url"],
            next(a for a in manifest["articles"] if a["images"])["images"][0]["url"],
        ]}
    return output, truth, chunked


def test_bodies_match_the_server_byte_for_byte(small_crawl):
    output, truth, chunked = small_crawl
    records = archived(output)
    for url, (status, headers, body) in truth.items():
        record, payload, head = records[("response", url)]
        assert payload == body, url
        assert record.http_headers.get_statuscode() == str(status)
        sent_encoding = dict((k.lower(), v) for k, v in headers).get("content-encoding")
        assert record.http_headers.get_header("Content-Encoding") == sent_encoding
        assert record.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    kinds = {url: records[("response", url)][0].http_headers.get_header("Content-Type") for url in truth}
    assert any(k.startswith("application/pdf") for k in kinds.values()) and any(k.startswith("image/jpeg") for k in kinds.values())


def test_chunked_gzip_response_follows_the_policy(small_crawl):
    output, truth, chunked = small_crawl
    _, headers, body = truth[chunked]
    assert ("Transfer-Encoding", "chunked") in headers and ("Content-Encoding", "gzip") in headers
    record, payload, head = archived(output)[("response", chunked)]
    assert b"Transfer-Encoding" not in head
    assert f"Content-Length: {len(body)}\r\n".encode() in head
    assert head.count(b"Set-Cookie: ") == 2
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")


def test_request_record_keeps_the_query_string(small_crawl):
    output, truth, _ = small_crawl
    listing = next(url for url in truth if "?page=1" in url)
    request, _, head = archived(output)[("request", listing)]
    assert head.startswith(f"GET {urlsplit(listing).path}?page=1 HTTP/1.1\r\n".encode())
    assert f"Host: {urlsplit(listing).netloc}\r\n".encode() in head
    assert b"Accept-Encoding: gzip" in head and b"User-Agent: portal-archive/" in head


def test_small_rotation_size_gives_many_valid_files(small_crawl):
    output, _, _ = small_crawl
    files = sorted((output / "warc").glob("*.warc.gz"))
    assert len(files) >= 3
    assert [f.name.split("-")[3] for f in files] == [f"{n:05d}" for n in range(1, len(files) + 1)]
    report = verify(files)
    assert report.ok, "\n".join(map(str, report.problems[:10]))


def test_size_limit_keeps_the_first_bytes_and_marks_them(tmp_path):
    with DemoPortal(articles=20) as portal:
        result = crawl_demo_profile(portal.base_url, tmp_path, check=False, WACZ_ENABLED=None, PORTAL_MAX_RESPONSE_SIZE=3000)
    assert result.returncode == 1 and ": partial" in result.stdout  # cut pages are failures worth a retry
    truncated = [r for (kind, _), (r, payload, _) in archived(tmp_path).items()
                 if kind == "response" and r.rec_headers.get_header("WARC-Truncated") == "length"]
    assert truncated
    assert verify([tmp_path]).ok
    reasons = {f["reason"] for f in read_jsonl(tmp_path / "failures.jsonl")}
    assert "truncated (length limit)" in reasons
