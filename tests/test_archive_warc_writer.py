import gzip
import random
import subprocess
import sys
import zlib
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.exchange import Exchange, HttpRequest, HttpResponse
from archive.warc.files import OPEN_SUFFIX
from archive.warc.write import RotatingWarcWriter

HTML = "<html><head><title>Tin tức</title></head><body>Xin chào</body></html>".encode()
GZIPPED = gzip.compress(HTML, mtime=0)


def exchange(url="http://127.0.0.1:8080/tin-tuc?page=2&x=1", body=GZIPPED, headers=None):
    return Exchange(
        request=HttpRequest("GET", url, [("Accept-Encoding", "gzip, deflate"), ("User-Agent", "portal-archive/test")]),
        response=HttpResponse(
            status=200, reason="OK", protocol="HTTP/1.1",
            headers=headers if headers is not None else [
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                ("Set-Cookie", "SESSabc=1; path=/"), ("Set-Cookie", "has_js=1; path=/"),
                ("Content-Length", str(len(body))),
            ],
            body=body,
        ),
        fetched_at=datetime(2026, 11, 27, 12, 0, 0, 123456, tzinfo=timezone.utc),
        ip_address="127.0.0.1",
    )


def records(path: Path):
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            yield record, record.raw_stream.read()  # the stored payload, content coding untouched


def writer(tmp_path, **kwargs):
    return RotatingWarcWriter(tmp_path, warcinfo={"software": "portal-archive/test", "isPartOf": "test"}, worker_id="w1", **kwargs)


def test_response_keeps_bytes_as_received_and_request_points_at_it(tmp_path):
    out = writer(tmp_path)
    location = out.write_exchange(exchange())
    out.close()
    [path] = tmp_path.glob("*.warc.gz")
    found = list(records(path))
    assert [r.rec_type for r, _ in found] == ["warcinfo", "response", "request"]
    warcinfo_id = found[0][0].rec_headers.get_header("WARC-Record-ID")
    (response, payload), (request, request_body) = found[1], found[2]

    assert payload == GZIPPED  # still gzip-encoded, exactly as sent
    assert response.http_headers.get_header("Content-Encoding") == "gzip"
    assert response.http_headers.statusline == "200 OK" and response.http_headers.protocol == "HTTP/1.1"
    assert [v for k, v in response.http_headers.headers if k == "Set-Cookie"] == ["SESSabc=1; path=/", "has_js=1; path=/"]
    assert response.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert response.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert response.rec_headers.get_header("WARC-Block-Digest").startswith("sha1:")
    assert response.rec_headers.get_header("WARC-Date") == "2026-11-27T12:00:00.123456Z"

    # warcio reads a request line as method (its "protocol") and the rest
    assert (request.http_headers.protocol, request.http_headers.statusline) == ("GET", "/tin-tuc?page=2&x=1 HTTP/1.1")
    assert request.http_headers.get_header("Host") == "127.0.0.1:8080"
    assert request.rec_headers.get_header("WARC-Concurrent-To") == response.rec_headers.get_header("WARC-Record-ID")
    assert request.rec_headers.get_header("WARC-Target-URI") == response.rec_headers.get_header("WARC-Target-URI")
    assert request.rec_headers.get_header("WARC-Date") == response.rec_headers.get_header("WARC-Date")
    for record, _ in found[1:]:
        assert record.rec_headers.get_header("WARC-Warcinfo-ID") == warcinfo_id

    assert location.filename == path.name
    assert location.record_id == response.rec_headers.get_header("WARC-Record-ID")


def test_offset_reads_one_record_on_its_own(tmp_path):
    out = writer(tmp_path)
    out.write_exchange(exchange(url="http://h.vn/a"))
    location = out.write_exchange(exchange(url="http://h.vn/b"))
    out.close()
    with open(tmp_path / location.filename, "rb") as stream:
        stream.seek(location.offset)
        record = next(iter(ArchiveIterator(stream)))
        assert record.rec_headers.get_header("WARC-Target-URI") == "http://h.vn/b"
        assert record.rec_headers.get_header("WARC-Record-ID") == location.record_id


def test_chunked_body_gets_a_consistent_content_length(tmp_path):
    out = writer(tmp_path)
    out.write_exchange(exchange(headers=[("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], body=HTML))
    out.write_exchange(exchange(url="http://h.vn/no-length", headers=[("Content-Type", "text/html")], body=HTML))
    out.close()
    [path] = tmp_path.glob("*.warc.gz")
    responses = [r for r, _ in records(path) if r.rec_type == "response"]
    for response in responses:
        assert response.http_headers.get_header("Transfer-Encoding") is None
        assert response.http_headers.get_header("Content-Length") == str(len(HTML))


def test_file_is_open_while_written_and_renamed_when_closed(tmp_path):
    out = writer(tmp_path)
    out.write_exchange(exchange())
    [open_file] = tmp_path.iterdir()
    assert open_file.name.endswith(".warc.gz" + OPEN_SUFFIX)
    out.close()
    [closed] = tmp_path.iterdir()
    assert closed.name == open_file.name[: -len(OPEN_SUFFIX)]
    assert out.closed_files == [closed.name]


def test_rotation_keeps_pairs_together_and_names_sort(tmp_path):
    out = writer(tmp_path, max_size=2000)
    for n in range(12):
        out.write_exchange(exchange(url=f"http://h.vn/page-{n}"))
    out.close()
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert len(files) > 2
    assert [f.name for f in files] == out.closed_files
    serials = [f.name.split("-")[3] for f in files]
    assert serials == sorted(serials) and len(set(serials)) == len(serials)
    uris = []
    for path in files:
        kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r, _ in records(path)]
        assert kinds[0][0] == "warcinfo"
        pairs = kinds[1:]
        assert len(pairs) % 2 == 0
        for (first, uri1), (second, uri2) in zip(pairs[::2], pairs[1::2]):
            assert (first, second) == ("response", "request") and uri1 == uri2
            uris.append(uri1)
    assert uris == [f"http://h.vn/page-{n}" for n in range(12)]


def test_warcio_check_passes(tmp_path):
    out = writer(tmp_path)
    out.write_exchange(exchange())
    out.write_resource("urn:portal-archive:log", "text/plain", b"log line\n")
    out.close()
    files = [str(p) for p in tmp_path.glob("*.warc.gz")]
    result = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "digest pass" in result.stdout


def test_a_body_the_server_compressed_is_stored_in_its_member_not_deflated_again(tmp_path):
    plain_page = "".join(f"<p>Tin tức số {n}: Xin chào</p>" for n in range(200)).encode()
    out = writer(tmp_path)
    encoded = out.write_exchange(exchange(url="http://h.vn/gzip"))
    plain = out.write_exchange(exchange(url="http://h.vn/plain", headers=[("Content-Type", "text/html")], body=plain_page))
    out.close()
    [path] = tmp_path.glob("*.warc.gz")
    data = path.read_bytes()
    encoded_member = data[encoded.offset:encoded.offset + encoded.length]
    plain_member = data[plain.offset:plain.offset + plain.length]

    assert GZIPPED in encoded_member  # as sent, in stored deflate blocks
    assert plain_page not in plain_member and len(plain_member) < len(plain_page) / 4  # deflated
    for member, body in ((encoded_member, GZIPPED), (plain_member, plain_page)):
        inflated = gzip.decompress(member)  # one member, one record, whatever its blocks
        assert inflated.startswith(b"WARC/1.1\r\n") and inflated.endswith(body + b"\r\n\r\n")
        assert inflated.count(b"WARC/1.1\r\n") == 1


def test_a_long_record_is_deflated_with_a_window_that_reaches_its_repeats(tmp_path):
    # 20 KB of digits that do not repeat within themselves, ten times: only a window longer than
    # 20 KB finds the repeats (compressors are fitted to each record's size).
    block = "".join(str(n * 7919 % 100003) for n in range(5000)).encode()[:20_000]
    out = writer(tmp_path)
    location = out.write_resource("urn:portal-archive:crawl-log", "text/plain", block * 10)
    small = out.write_resource("urn:portal-archive:note", "text/plain", b"one line\n")
    out.close()
    [path] = tmp_path.glob("*.warc.gz")
    data = path.read_bytes()
    member = data[location.offset:location.offset + location.length]
    assert gzip.decompress(member).endswith(block * 10 + b"\r\n\r\n")
    assert len(member) < 2 * len(zlib.compress(block, 9))  # the nine repeats cost next to nothing
    assert gzip.decompress(data[small.offset:small.offset + small.length]).endswith(b"one line\n\r\n\r\n")


def test_a_body_its_format_compressed_is_stored_in_its_member_and_other_types_are_deflated(tmp_path):
    photo = random.Random(7).randbytes(20_000)  # as incompressible as a JPEG's scan data
    diagram = b"\x89PNG\r\n\x1a\n" + bytes(20_000)  # a type left out of the table: deflated
    page = "".join(f"<p>Tin tức số {n}: Xin chào</p>" for n in range(200)).encode()
    out = writer(tmp_path)
    written = [
        (out.write_exchange(exchange(url=f"http://h.vn/{n}", headers=[("Content-Type", kind)], body=body)), body)
        for n, (kind, body) in enumerate((("Image/JPEG; charset=binary", photo), ("image/png", diagram), ("text/html", page)))
    ]
    out.close()
    [path] = tmp_path.glob("*.warc.gz")
    data = path.read_bytes()
    members = [data[location.offset:location.offset + location.length] for location, _ in written]

    assert photo in members[0]  # declared type matched whatever its case and parameters: stored as sent
    assert len(members[1]) < len(diagram) / 10 and len(members[2]) < len(page) / 4  # deflated
    for member, (_, body) in zip(members, written):
        inflated = gzip.decompress(member)  # one member, one record
        assert inflated.startswith(b"WARC/1.1\r\n") and inflated.endswith(body + b"\r\n\r\n")
        assert inflated.count(b"WARC/1.1\r\n") == 1
