"""`portal-archive extract` given inputs it cannot use: one line naming the input and exit 2 (or,
for a page that is no article or too large to read, no record and exit 1), never a traceback."""

import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from extraction.article import MAX_EXTRACTION_BYTES
from small_inputs import SAVED_PAGE, saved_page_title, saved_page_url


def extract(capsys, *args) -> tuple[int, list[dict], str]:
    status = main(["extract", *map(str, args)])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("url, reason", [
    ("http://[::1", "Invalid IPv6 URL"),
    ("garbage", "not an absolute http(s) URL"),
    ("javascript:alert(1)", "not an absolute http(s) URL"),
    ("http://tinh.gov.vn:99999/a", "Port out of range"),
    ("http:///no-host", "not an absolute http(s) URL"),
])
def test_a_url_that_is_no_page_address(capsys, url, reason):
    status, records, err = extract(capsys, SAVED_PAGE, "--url", url)
    assert status == 2 and records == []
    assert f"--url {url!r}" in one_line(err) and reason in err


def test_a_canonical_link_that_is_no_url(capsys, tmp_path):
    page = tmp_path / "broken-canonical.html"
    page.write_bytes(SAVED_PAGE.read_bytes().replace(b"<head>", b'<head><link rel="canonical" href="http://[::1/tin-tuc/a">', 1))
    status, records, err = extract(capsys, page)
    assert status == 2 and records == []
    assert one_line(err).startswith(f"{page}: its canonical link 'http://[::1/tin-tuc/a' is not a usable URL")


def test_links_that_are_no_urls_inside_a_page_are_passed_over(capsys, tmp_path):
    page = tmp_path / "broken-links.html"
    broken = b'<head><base href="http://[::1"><link rel="canonical" href="http://[::1/x">'
    page.write_bytes(SAVED_PAGE.read_bytes().replace(b"<head>", broken, 1).replace(b'src="', b'src="http://[::1/', 1))
    status, [record], err = extract(capsys, page, "--url", saved_page_url())
    assert status == 0 and record["title"] == saved_page_title()
    assert record["canonical_url"].startswith(saved_page_url().split("?")[0].rsplit("/", 1)[0])
    assert all("[" not in image["url"] for image in record["images"])


@pytest.mark.parametrize("name, content, message", [
    ("urls.json", "[1, 2]", "expected a JSON object mapping page paths to URLs"),
    ("urls.json", '{"page.html": 5}', "expected a JSON object mapping page paths to URLs"),
    ("urls.json", "{not json", "not valid JSON"),
    ("urls.tsv", "page.html only-one-column\n", "expected two tab-separated columns"),
])
def test_a_url_map_that_is_no_map(capsys, tmp_path, name, content, message):
    url_map = tmp_path / name
    url_map.write_text(content, encoding="utf-8")
    status, records, err = extract(capsys, SAVED_PAGE, "--url-map", url_map)
    assert status == 2 and records == []
    assert str(url_map) in one_line(err) and message in err


def test_a_url_map_with_an_unusable_url(capsys, tmp_path):
    url_map = tmp_path / "urls.json"
    url_map.write_text(json.dumps({SAVED_PAGE.name: "http://[::1"}), encoding="utf-8")
    status, records, err = extract(capsys, SAVED_PAGE, "--url-map", url_map)
    assert status == 2 and records == []
    assert one_line(err).startswith(f"{SAVED_PAGE}: its URL in {url_map} 'http://[::1' is not a usable URL")


@pytest.mark.parametrize("make, message", [
    (lambda folder: folder / "absent.html", "cannot read: No such file or directory"),
    (lambda folder: folder, "cannot read: Is a directory"),
])
def test_a_page_that_cannot_be_read(capsys, tmp_path, make, message):
    status, records, err = extract(capsys, make(tmp_path), "--url", "https://tinh.gov.vn/a")
    assert status == 2 and records == []
    assert message in one_line(err)


def test_a_missing_url_map_and_an_unknown_profile(capsys, tmp_path):
    status, _, err = extract(capsys, SAVED_PAGE, "--url-map", tmp_path / "absent.tsv")
    assert status == 2 and "absent.tsv: cannot read" in one_line(err)
    status, _, err = extract(capsys, SAVED_PAGE, "--url", saved_page_url(), "--profile", "../../pyproject")
    assert status == 2 and "no profile named '../../pyproject'" in one_line(err)


@pytest.mark.parametrize("body", [b"", b"   \n", b"<html></html>", b"\x00\xff\xfe binary", b"<p>"])
def test_an_empty_page_gives_no_record(capsys, tmp_path, body):
    page = tmp_path / "empty.html"
    page.write_bytes(body)
    status, records, err = extract(capsys, page, "--url", "https://tinh.gov.vn/tin-tuc/a")
    assert status == 1 and records == []
    assert one_line(err).startswith(f"{page}: not an article: no title")


def test_a_page_too_large_to_extract_gives_its_reason(capsys, tmp_path):
    page = tmp_path / "huge.html"
    page.write_bytes(b"<html><body>" + b"<p>Tin tuc</p>" * (MAX_EXTRACTION_BYTES // 14 + 1) + b"</body></html>")
    status, records, err = extract(capsys, page, "--url", "https://tinh.gov.vn/a")
    assert status == 1 and records == []
    assert "not extracted: page of 8.0 MB over the 8 MB extraction limit" in one_line(err)


def test_an_undeclared_windows_1258_page_is_not_said_to_declare_utf8(capsys, tmp_path):
    text = ("<html><head><title>Hội nghị tổng kết</title></head><body><h1>Hội nghị tổng kết công tác năm</h1>"
            + "<p>Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ mới.</p>" * 4
            + "</body></html>")
    page = tmp_path / "cp1258.html"
    page.write_bytes(b"".join(map(_windows_1258, text)))
    status, [record], err = extract(capsys, page, "--url", "https://tinh.gov.vn/a")
    assert status == 0
    assert record["text_encoding_note"] == "the page declares no charset but the bytes are not UTF-8; read as cp1258"
    assert record["title"] == "Hội nghị tổng kết công tác năm"


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _windows_1258(letter: str) -> bytes:
    """windows-1258 has â ê ô ơ ư ă but writes the tones as a combining mark after the letter."""
    try:
        return letter.encode("cp1258")
    except UnicodeEncodeError:
        decomposed = unicodedata.normalize("NFD", letter)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        return (base + "".join(c for c in decomposed if c in _TONE_MARKS)).encode("cp1258")


FRAGMENTS = st.sampled_from([
    "<html>", "<head>", "<title>Tin tức</title>", "<body>", "<h1>Hội nghị</h1>", "<p>Ủy ban nhân dân tỉnh</p>",
    '<link rel="canonical" href="http://[::1">', '<base href="http://h:abc/">', '<img src="http://[::1/a.png">',
    '<a href="http://h:99999/a.pdf">tệp</a>', '<meta property="article:published_time" content="2024-13-45">',
    "<table><tr><td><p>ô</p></td></tr></table>", "</div>", "<!-- x -->", "&amp;amp;", "\x00", "\udcff".encode("utf-8", "surrogateescape").decode("latin-1"),
    '<script type="application/ld+json">{"datePublished": 5}</script>', "Ngày đăng: 31/02/2024",
])


@given(st.lists(FRAGMENTS, max_size=12).map("".join), st.sampled_from([None, "drupal7", "liferay", "sharepoint"]))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_page_gives_a_record_or_one_line(capsys, tmp_path, markup, profile):
    page = tmp_path / "any.html"
    page.write_bytes(markup.encode("utf-8", "surrogatepass"))
    status, records, err = extract(capsys, page, "--url", "https://tinh.gov.vn/tin-tuc/a", *(["--profile", profile] if profile else []))
    assert "Traceback" not in err
    assert (status, len(records)) in ((0, 1), (1, 0))
    for record in records:
        assert record["title"] and record["body_text"]
