"""Small inputs for the command's first-contact tests: a saved article page and a WARC file that verifies."""

import json
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOLDEN = Path(__file__).resolve().parent / "golden"
SAVED_PAGE = GOLDEN / "drupal7" / "zen-theme-visible-date.html"


def saved_page_url() -> str:
    return json.loads(SAVED_PAGE.with_suffix(".json").read_text(encoding="utf-8"))["url"]


def saved_page_title() -> str:
    return json.loads(SAVED_PAGE.with_suffix(".json").read_text(encoding="utf-8"))["expected"]["title"]


def write_small_warc(path: Path) -> Path:
    """warcinfo, then one request and its response, linked as `verify` requires."""
    body = "<html><body><p>Xin chào</p></body></html>".encode()
    url = "http://127.0.0.1/"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        warcinfo = writer.create_warcinfo_record(path.name, {"software": "portal-archive tests"})
        writer.write_record(warcinfo)
        linked = {"WARC-Warcinfo-ID": warcinfo.rec_headers.get_header("WARC-Record-ID")}
        request = writer.create_warc_record(
            url, "request", payload=BytesIO(b""), warc_headers_dict=linked,
            http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "127.0.0.1")], is_http_request=True))
        response = writer.create_warc_record(
            url, "response", payload=BytesIO(body), warc_headers_dict={**linked, "WARC-IP-Address": "127.0.0.1"},
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(body)))], protocol="HTTP/1.1"))
        writer.write_request_response_pair(request, response)
    return path
