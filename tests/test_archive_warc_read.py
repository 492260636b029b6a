"""Reading WARC files back: gzip members streamed in blocks, records with their offsets, files cut
while written, chunked bodies decoded strictly, and recovery of an .open file."""

import gzip
import io
from datetime import datetime, timezone

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.exchange import Exchange, HttpRequest, HttpResponse
from archive.warc.files import OPEN_SUFFIX
from archive.warc.http_body import UndecodableBody, decoded_body, dechunked
from archive.warc.members import BLOCK_SIZE, CutMember, gzip_members
from archive.warc.pages import archived_pages
from archive.warc.read import UnreadableWarc, unreadable_from_the_start, warc_records
from archive.warc.recovery import recover_open_file
from archive.warc.write import RotatingWarcWriter

PAGE = "<html><head><title>Thông báo</title></head><body><p>Nội dung</p></body></html>".encode()


def exchange(url, body=PAGE, status=200):
    return Exchange(
        HttpRequest("GET", url, []),
        HttpResponse(status, "OK", "HTTP/1.1", [("Content-Type", "text/html; charset=utf-8")], body),
        datetime(2026, 3, 1, tzinfo=timezone.utc), ip_address="127.0.0.1",
    )


def written(tmp_path, bodies):
    """A closed WARC file with one exchange per body, and where each response went."""
    writer = RotatingWarcWriter(tmp_path, {"software": "test"}, worker_id="r")
    locations = [writer.write_exchange(exchange(f"http://h.vn/{i}", body)) for i, body in enumerate(bodies)]
    writer.close()
    [name] = writer.closed_files
    return tmp_path / name, locations


class ReadSizes(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.sizes = []

    def read(self, size=-1):
        self.sizes.append(size)
        return super().read(size)


def test_members_are_read_in_blocks_with_the_writers_offsets(tmp_path):
    path, locations = written(tmp_path, [b"a" * 300_000, bytes(range(256)) * 2000, PAGE])
    stream = ReadSizes(path.read_bytes())
    members = [(m.start, m.read_through()) for m in gzip_members(stream)]
    assert all(0 < size <= BLOCK_SIZE for size in stream.sizes)  # never the whole file at once
    assert len(members) == 7  # warcinfo, then a response and a request per exchange
    assert [(start, end - start) for start, end in members[1::2]] == [(loc.offset, loc.length) for loc in locations]
    assert members[-1][1] == len(stream.getvalue())


def test_records_come_with_the_offset_a_reader_seeks_to(tmp_path):
    path, locations = written(tmp_path, [PAGE, b"x" * 100_000])
    responses = [(s.offset, s.record.rec_headers.get_header("WARC-Record-ID"), len(s.record.raw_stream.read()))
                 for s in warc_records(path) if s.record.rec_type == "response"]
    assert responses == [(loc.offset, loc.record_id, size) for loc, size in zip(locations, [len(PAGE), 100_000])]


def test_plain_warc_records_have_their_own_offsets(tmp_path):
    path, _ = written(tmp_path, [PAGE, PAGE])
    plain = tmp_path / "plain.warc"
    plain.write_bytes(gzip.decompress(path.read_bytes()))
    offsets = [s.offset for s in warc_records(plain)]
    data = plain.read_bytes()
    assert len(offsets) == 5 and all(data[o:o + 8] == b"WARC/1.1" for o in offsets)


@pytest.mark.parametrize("plain", [False, True])
def test_a_file_cut_while_written_says_where(tmp_path, plain):
    path, locations = written(tmp_path, [PAGE, b"y" * 50_000])
    data = gzip.decompress(path.read_bytes()) if plain else path.read_bytes()
    cut = tmp_path / ("cut.warc" if plain else "cut.warc.gz")
    cut_at = (data.index(b"y" * 100) + 1000) if plain else locations[1].offset + 500
    cut.write_bytes(data[:cut_at])
    seen = []
    with pytest.raises(UnreadableWarc) as raised:
        for stored in warc_records(cut):
            seen.append(stored.record.rec_type)
            stored.record.raw_stream.read()
    assert raised.value.cut and raised.value.offset > 0 and str(cut) in str(raised.value)
    assert seen[:4] == ["warcinfo", "response", "request", "response"]
    assert unreadable_from_the_start(cut) is None  # its start is WARC: what comes before the cut is usable


def test_not_warc_empty_and_trailing_garbage(tmp_path):
    noise, empty, text = tmp_path / "noise.warc.gz", tmp_path / "empty.warc.gz", tmp_path / "a.txt"
    noise.write_bytes(bytes(range(7, 250)) * 20)
    empty.write_bytes(b"")
    text.write_text("xin chào\n", encoding="utf-8")
    arc_like = tmp_path / "old.warc"
    arc_like.write_bytes(b"http://h.vn/ 127.0.0.1 20260101000000 text/html 5\nhello")  # an ARC header, not WARC
    for path in (noise, text, arc_like):
        assert unreadable_from_the_start(path).problem == "not a gzip/WARC file"
    assert unreadable_from_the_start(empty).problem == "empty: no WARC records"
    path, _ = written(tmp_path, [PAGE])
    tail = tmp_path / "tail.warc.gz"
    tail.write_bytes(path.read_bytes() + b"junk")
    with pytest.raises(UnreadableWarc) as raised:
        list(warc_records(tail))
    assert raised.value.offset == path.stat().st_size and not raised.value.cut


@pytest.mark.parametrize("declared", ["9", "99999"])
def test_a_wrong_warc_content_length_is_an_error_not_a_guess(tmp_path, declared):
    path, _ = written(tmp_path, [PAGE])
    members = [m.read() for m in gzip_members(open(path, "rb"))]
    real = members[0].split(b"Content-Length: ")[1].split(b"\r\n")[0]
    members[0] = members[0].replace(b"Content-Length: " + real, b"Content-Length: " + declared.encode(), 1)
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"".join(gzip.compress(m) for m in members))
    error = unreadable_from_the_start(bad)
    assert error is not None and error.offset == 0 and "Content-Length" in error.problem


def test_chunked_bodies_decode_strictly_with_warcios_decoder():
    framed = b"5\r\nXin c\r\n4\r\nh\xc3\xa0o\r\n0\r\n\r\n"
    assert b"".join(dechunked(io.BytesIO(framed))) == "Xin chào".encode()
    headers = [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")]
    zipped = gzip.compress(PAGE)
    assert decoded_body(headers, b"%x\r\n%s\r\n0\r\n\r\n" % (len(zipped), zipped)) == PAGE
    for broken, reason in [(framed[:6], "cut inside a chunk"), (framed[:19], "ends before its last chunk"),
                           (b"<html>", "broken framing")]:
        with pytest.raises(UndecodableBody, match=reason):
            b"".join(dechunked(io.BytesIO(broken)))


def test_a_foreign_truncated_chunked_body_is_skipped_and_said(tmp_path):
    """Heritrix-style capture that keeps chunk framing, cut by a size limit: never passed on as a whole page."""
    path = tmp_path / "foreign.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "other"}))
        for name, body, truncated in [("whole", b"%x\r\n%s\r\n0\r\n\r\n" % (len(PAGE), PAGE), None),
                                      ("cut", b"%x\r\n%s" % (len(PAGE), PAGE[:20]), "length")]:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"http://h.vn/{name}", "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=http, warc_headers_dict={"WARC-Truncated": truncated} if truncated else {})
            writer.write_record(record)
    problems = []
    pages = list(archived_pages([path], problems))
    assert [(p.url, p.body) for p in pages] == [("http://h.vn/whole", PAGE)]
    [problem] = problems
    assert "chunked body is cut inside a chunk" in str(problem) and not problem.file_cut


def test_recovery_keeps_complete_pairs_only(tmp_path):
    path, locations = written(tmp_path, [PAGE, PAGE, b"z" * 40_000])
    opened = path.with_name(path.name + OPEN_SUFFIX)
    data = path.read_bytes()
    opened.write_bytes(data[:locations[2].offset + 300])  # the third response cut mid-write
    path.unlink()
    recovery = recover_open_file(opened)
    assert recovery.closed_file == path.name and recovery.records_kept == 5
    assert path.read_bytes() == data[:locations[2].offset] and not opened.exists()
    assert recovery.bytes_dropped == 300


def test_recovery_of_a_file_with_nothing_whole_removes_it(tmp_path):
    opened = tmp_path / ("x.warc.gz" + OPEN_SUFFIX)
    opened.write_bytes(gzip.compress(b"WARC/1.1\r\n")[:12])
    recovery = recover_open_file(opened)
    assert recovery.closed_file is None and not opened.exists() and recovery.bytes_dropped == 12


def test_a_damaged_member_is_not_taken_for_a_whole_one():
    member = gzip.compress(b"WARC/1.1\r\n" * 1000)
    damaged = member[:30] + bytes(40) + member[70:]
    with pytest.raises(CutMember):
        for found in gzip_members(io.BytesIO(damaged)):
            found.read()


class _Trickle(io.RawIOBase):
    """A file that hands out its bytes a few at a time, as a slow disk or pipe may."""

    def __init__(self, data: bytes, step: int):
        self._data, self._step, self._at = data, step, 0

    def readable(self):
        return True

    def read(self, size=-1):
        chunk = self._data[self._at:self._at + self._step]
        self._at += len(chunk)
        return chunk


@pytest.mark.parametrize("step", [1, 3, 7, 4096])
def test_a_member_reads_like_a_file_whatever_the_compressed_blocks(tmp_path, step):
    # warcio sniffs a stream's first read for gzip: a read of one byte ("W") was judged and lost,
    # and the next record then began "ARC/1.1". Reads must give what was asked until the member ends.
    path, _ = written(tmp_path, [PAGE, PAGE * 40, PAGE])
    data = path.read_bytes()
    for member in gzip_members(_Trickle(data, step)):
        assert member.read(8) == b"WARC/1.1"
        rest = member.read(300)
        assert len(rest) == 300 or member.read(1) == b""


def test_every_record_is_read_when_compressed_bytes_come_in_small_blocks(tmp_path, monkeypatch):
    path, locations = written(tmp_path, [PAGE * n for n in range(1, 30)])
    monkeypatch.setattr("archive.warc.members.BLOCK_SIZE", 5)
    stored = list(warc_records(path))
    assert len(stored) >= 2 * len(locations) and {r.record.rec_headers.get_header("WARC-Type") for r in stored} >= {"request", "response"}
