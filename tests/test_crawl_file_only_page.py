"""A page whose only content is a PDF in a viewer gives no article record (no text to record), and
the crawl still archives the PDF with the page, as what its reader sees (docs/schema.md)."""

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from support.commands import run_crawl
from support.crawls import fast_settings, read_jsonl
from test_crawl_edges import Site, html

NOTICE = Path(__file__).parent / "golden" / "fallback" / "notice-pdf-viewer-only.html"
PDF_PATH = "/uploads/2023/06/lich-tiep-cong-dan-thang-7-2023.pdf"  # the viewer's ?file= in the golden page
ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Họp phụ huynh đầu năm</title></head>
<body><h1>Họp phụ huynh đầu năm</h1><div class="ngay">05/09/2023 08:00</div><div class="noi-dung"><p>Nhà trường tổ chức họp phụ huynh đầu năm học tại
các lớp, trao đổi kế hoạch dạy học và lịch sinh hoạt của học sinh.</p><p>Các lớp gửi biên bản về văn phòng trước
thứ Sáu, viết riêng cho phép thử này.</p></div></body></html>"""


def test_a_pdf_only_page_gives_no_record_and_its_pdf_is_archived(tmp_path):
    portal = Site()
    portal.routes.update({
        "/": html('<html lang="vi"><body><a href="/thong-bao/lich-tiep-cong-dan-91.html">Lịch</a>'
                  '<a href="/tin-tuc/hop-phu-huynh-12.html">Họp</a></body></html>'),
        "/thong-bao/lich-tiep-cong-dan-91.html": html(NOTICE.read_text(encoding="utf-8")),
        "/tin-tuc/hop-phu-huynh-12.html": html(ARTICLE),
        PDF_PATH: (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%%EOF\n"),
    })
    output = tmp_path / "out"
    try:
        result = run_crawl("--start-url", f"{portal.url}/", "--output", output, *fast_settings(), check=False)
    finally:
        portal.close()
    assert result.returncode in (0, 1), result.stderr[-2000:]
    records = read_jsonl(output / "articles.jsonl")
    assert [r["url"] for r in records] == [f"{portal.url}/tin-tuc/hop-phu-huynh-12.html"]
    assert portal.hits[PDF_PATH] == 1
    archived = set()
    for warc in (output / "warc").glob("*.warc.gz"):
        with warc.open("rb") as stream:
            archived |= {r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream) if r.rec_type == "response"}
    assert f"{portal.url}{PDF_PATH}" in archived
