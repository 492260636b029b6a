import gzip
import io
from datetime import datetime, timezone

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.exchange import Exchange, HttpRequest, HttpResponse
from archive.warc.check import verify
from archive.warc.write import RotatingWarcWriter
from cli import main

HTML = "<html><title>Tin tức</title></html>".encode()


def exchange(body, headers, url="http://h.vn/a"):
    return Exchange(
        HttpRequest("GET", url, [("Accept-Encoding", "gzip")]),
        HttpResponse(200, "OK", "HTTP/1.1", headers, body),
        datetime(2026, 1, 1, tzinfo=timezone.utc),
        ip_address="127.0.0.1",
    )


def write(tmp_path, *exchanges):
    writer = RotatingWarcWriter(tmp_path, {"software": "test"}, worker_id="t")
    for item in exchanges:
        writer.write_exchange(item)
    writer.close()
    return tmp_path


def good():
    body = gzip.compress(HTML)
    return exchange(body, [("Content-Encoding", "gzip"), ("Content-Length", str(len(body)))])


def test_a_faithful_file_passes(tmp_path, capsys):
    write(tmp_path, good())
    report = verify([tmp_path])
    assert report.ok and report.files == 1 and report.records == 3
    assert main(["verify", str(tmp_path)]) == 0
    assert "1 file(s), 3 record(s): OK" in capsys.readouterr().out


def test_wrong_content_length_fails_precisely(tmp_path, capsys):
    write(tmp_path, exchange(HTML, [("Content-Length", "999")]))
    assert main(["verify", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"HTTP Content-Length is 999 but {len(HTML)} bytes are stored" in out
    assert "FAILED: 1 problem(s)" in out


def test_decompressed_body_under_gzip_header_fails(tmp_path):
    write(tmp_path, exchange(HTML, [("Content-Encoding", "gzip"), ("Content-Length", str(len(HTML)))]))
    [problem] = verify([tmp_path]).problems
    assert "stored decompressed" in problem.message


def test_missing_request_record_fails(tmp_path):
    path = tmp_path / "lonely.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        info = writer.create_warcinfo_record(path.name, {"software": "test"})
        writer.write_record(info)
        response = writer.create_warc_record(
            "http://h.vn/a", "response", payload=io.BytesIO(HTML), length=len(HTML),
            http_headers=StatusAndHeaders("200 OK", [("Content-Length", str(len(HTML)))], protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-IP-Address": "127.0.0.1", "WARC-Warcinfo-ID": info.rec_headers.get_header("WARC-Record-ID")},
        )
        writer.write_record(response)
    messages = [p.message for p in verify([path]).problems]
    assert messages == ["response for http://h.vn/a has no request record"]


def test_tampered_body_fails_the_digest(tmp_path):
    write(tmp_path, exchange(b"A" * 200, [("Content-Length", "200")]))
    [path] = tmp_path.glob("*.warc.gz")
    members = gzip.decompress(path.read_bytes())
    tampered = members.replace(b"A" * 200, b"B" * 200)
    # re-compress record by record so only the digest is wrong
    parts = tampered.split(b"WARC/1.1\r\n")[1:]
    path.write_bytes(b"".join(gzip.compress(b"WARC/1.1\r\n" + part) for part in parts))
    messages = " ".join(p.message for p in verify([path]).problems)
    assert "digest" in messages


def test_open_file_and_missing_warcinfo_are_reported(tmp_path):
    path = tmp_path / "x.warc.gz.open"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warc_record("urn:x", "resource", payload=io.BytesIO(b"x"), length=1, warc_content_type="text/plain"))
    messages = " ".join(p.message for p in verify([tmp_path]).problems)
    assert "still .open" in messages and "not warcinfo" in messages and "WARC-Warcinfo-ID" in messages


def test_two_records_in_one_gzip_member_fail(tmp_path):
    write(tmp_path, good())
    [path] = tmp_path.glob("*.warc.gz")
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes())))
    messages = " ".join(p.message for p in verify([path]).problems)
    assert "3 records in one gzip member" in messages


def test_nothing_to_verify_is_bad_input(tmp_path):
    assert main(["verify", str(tmp_path)]) == 2
    assert main(["verify", str(tmp_path / "absent")]) == 2


def test_empty_and_foreign_files_fail_with_one_line_each(tmp_path, capsys):
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "noise.warc.gz").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "notes.warc").write_text("không phải WARC\n", encoding="utf-8")
    assert main(["verify", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:-1] == [
        f"{tmp_path / 'empty.warc.gz'}: empty: no WARC records",
        f"{tmp_path / 'noise.warc.gz'}: not a gzip/WARC file",
        f"{tmp_path / 'notes.warc'}: not a gzip/WARC file",
    ]
    assert lines[-1] == "3 file(s), 0 record(s): FAILED: 3 problem(s)"


def test_a_file_cut_while_written_is_named_with_where_it_ends(tmp_path):
    write(tmp_path, good(), exchange(b"x" * 5000, [("Content-Length", "5000")], url="http://h.vn/b"))
    [path] = tmp_path.glob("*.warc.gz")
    data = path.read_bytes()
    path.write_bytes(data[:-40])
    cut, unpaired = verify([path]).problems
    assert cut.message == "gzip member is cut short" and 0 < cut.offset < len(data) - 40
    assert unpaired.message == "response for http://h.vn/b has no request record"


def test_a_hole_of_nuls_in_a_body_kept_as_sent_is_found(tmp_path):
    # A JPEG is kept as sent, in stored deflate blocks, and may itself hold runs of NULs: so a
    # hole (what a second writer leaves) there is found by the member's CRC, not by looking for NULs.
    photo = b"\xff\xd8\xff\xe0" + bytes(4096) + bytes(range(256)) * 64 + b"\xff\xd9"
    writer = RotatingWarcWriter(tmp_path, {"software": "test"}, worker_id="t")
    written = writer.write_exchange(exchange(photo, [("Content-Type", "image/jpeg"), ("Content-Length", str(len(photo)))]))
    writer.close()
    [path] = tmp_path.glob("*.warc.gz")
    data = bytearray(path.read_bytes())
    assert bytes(4096) in data and verify([tmp_path]).ok  # the body's own NULs, as sent
    body_at = data.index(bytes(range(256)) * 4, written.offset)
    data[body_at:body_at + 1024] = bytes(1024)
    path.write_bytes(bytes(data))
    report = verify([tmp_path])
    assert not report.ok
    assert report.problems[0].offset == written.offset and "gzip member does not decompress" in report.problems[0].message
