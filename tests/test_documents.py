"""Legal documents as records: the vbpl.vn-style tabs we wrote (tests/golden/documents/), their
merge, attachments hidden in JavaScript and viewers, document dates, and attachment text."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli
from lxml import html

from demo_portal.documents_pdf import scanned_pdf, text_pdf
from extraction.attachment_text import MAX_FILE_BYTES, file_text, unread
from extraction.dates import parse_day
from extraction.document import extract_document, merge_documents
from extraction.fields.media import attachments
from extraction.page import Page
from extraction.profiles import ProfileError, load_profile
from extraction.resolve import resolve_profile
from record.schema import problems

GOLDEN = Path(__file__).parent / "golden" / "documents"
FULL_TEXT_URL = "https://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?dvid=13&ItemID=88001&Keyword="
PROPERTIES_URL = "https://vbpl.vn/TW/Pages/vbpq-thuoctinh.aspx?dvid=13&ItemID=88001&Keyword="


def _document(name: str, url: str) -> dict:
    page = Page(url, (GOLDEN / name).read_bytes())
    return extract_document(page, resolve_profile(page=page))


def test_extract_prints_the_document_record_of_a_full_text_page():
    result = run_cli("extract", GOLDEN / "vbpl-toanvan-luat.html", "--url", FULL_TEXT_URL)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in records] == ["document"]
    record = records[0]
    assert problems(record) == []
    assert record["title"] == "LUẬT LƯU TRỮ SỐ CÔNG CỘNG"  # the heading, not the site's "Trung ương"
    assert (record["issued_on"], record["effective_on"]) == ("2019-06-14", "2020-01-01")
    assert record["status"] == "Còn hiệu lực"
    assert (record["signer"], record["signer_title"]) == ("Trần Minh Khoa", "Chủ tịch Quốc hội")
    assert (record["document_number"], record["document_type"], record["issuing_body"]) == ("34/2019/QH14", "Luật", "Quốc hội")
    assert [(a["url"].rsplit("/", 1)[-1], a["media_type"]) for a in record["attachments"]] == [
        ("VanBanGoc_34.2019.QH14.pdf", "application/pdf"), ("34.2019.QH14.doc", "application/msword"),
    ]
    assert all(a["title"] != "Xem nhanh" for a in record["attachments"])
    assert record["paragraphs"][2] == "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"
    assert record["canonical_url"] == "https://vbpl.vn/tw/pages/vbpq-toanvan.aspx?ItemID=88001"


def test_the_properties_tab_reads_its_labels_and_never_takes_the_gazette_date_for_the_issue_date():
    record = _document("vbpl-thuoctinh-luat.html", PROPERTIES_URL)
    assert problems(record) == []
    assert record["title"] == "Luật 34/2019/QH14" and record["abstract"] == "Lưu trữ số công cộng"
    assert (record["issued_on"], record["effective_on"], record["gazette_on"]) == ("2019-06-14", "2020-01-01", "2019-07-08")
    assert (record["issuing_body"], record["signer_title"], record["signer"]) == ("Quốc hội", "Chủ tịch Quốc hội", "Trần Minh Khoa")
    assert record["status"] == "Còn hiệu lực" and record["scope"] == "Toàn quốc"
    assert record["full_text"] is None and record["paragraphs"] == []


def test_the_two_tabs_of_a_document_merge_into_one_record_whatever_their_order():
    full_text = _document("vbpl-toanvan-luat.html", FULL_TEXT_URL)
    properties = _document("vbpl-thuoctinh-luat.html", PROPERTIES_URL)
    assert full_text["canonical_url"] == properties["canonical_url"]
    merged = merge_documents([properties, full_text])
    assert merged == merge_documents([full_text, properties])
    assert problems(merged) == []
    assert merged["title"] == "LUẬT LƯU TRỮ SỐ CÔNG CỘNG" and merged["abstract"] == "Lưu trữ số công cộng"
    assert merged["gazette_on"] == "2019-07-08" and merged["full_text"].startswith("LUẬT")
    assert merged["pages"] == sorted([FULL_TEXT_URL, PROPERTIES_URL])
    assert len(merged["attachments"]) == 2


def test_a_page_without_a_document_section_or_without_a_document_gives_none():
    page = Page(FULL_TEXT_URL, (GOLDEN / "vbpl-toanvan-luat.html").read_bytes())
    assert extract_document(page, load_profile("sharepoint")) is None
    assert extract_document(page, None) is None
    other = Page("https://vbpl.vn/TW/Pages/Home.aspx", "<html><body><div class='box-tab-vb'>Trang chủ</div></body></html>".encode())
    assert extract_document(other, load_profile("vbpl")) is None


@pytest.mark.parametrize("markup, expected", [
    ("""<a href="javascript:downloadfile('QD 12.pdf','/Lists/Attachments/7/QD%2012.pdf');">Tải về</a>""",
     ("https://site.example/Lists/Attachments/7/QD%2012.pdf", "QD 12.pdf", "application/pdf")),
    ("""<a onclick="downloadFile('5f3a9c','../../upload/1/20200101/kh-45.doc')" class="btn">Tải về tại đây</a>""",
     ("https://site.example/upload/1/20200101/kh-45.doc", "kh-45.doc", "application/msword")),
    ("""<iframe src="/3rdparty/pdfjs/web/viewer.html?file=/upload/1/tb-3.pdf"></iframe>""",
     ("https://site.example/upload/1/tb-3.pdf", "tb-3.pdf", "application/pdf")),
    ("""<a href="/_layouts/15/WopiFrame.aspx?sourcedoc=/Lists/A/1/ct-2.docx">Xem nhanh</a>""",
     ("https://site.example/Lists/A/1/ct-2.docx", "ct-2.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
    ("""<object data="/files/nq-9.pdf" type="application/pdf"></object>""",
     ("https://site.example/files/nq-9.pdf", "nq-9.pdf", "application/pdf")),
])
def test_attachments_hidden_in_javascript_and_viewers_are_found(markup, expected):
    root = html.fromstring(f"<div>{markup}<a href='javascript:void(0)'>In</a><a href='/tin-tuc/a.html'>Tin</a></div>")
    found = attachments(root, "https://site.example/a/b/page.html", ())
    assert [(a["url"], a["title"], a["media_type"]) for a in found] == [expected]


@pytest.mark.parametrize("text, day", [
    ("Hà Nội, ngày 28 tháng 11 năm 2013", "2013-11-28"),
    ("28/11/2013", "2013-11-28"),
    ("Ngày có hiệu lực: 01/01/2014", "2014-01-01"),
    ("ngày\n  27 tháng\n   3 năm\n 2017", "2017-03-27"),
    ("30 tháng 8, 2024", "2024-08-30"),
    ("31/02/2020", None),
    ("Không rõ", None),
])
def test_document_dates_in_every_form(text, day):
    found = parse_day(text)
    assert (found.isoformat() if found else None) == day


def test_pdf_text_is_extracted_exactly_and_a_scan_is_noted_not_failed():
    lines = ["QUYẾT ĐỊNH số 7/QĐ-UBND", "Về việc phê duyệt kế hoạch chuyển đổi số (giai đoạn 2024-2025)"]
    assert file_text(text_pdf(lines), "application/pdf").text == "\n".join(lines)
    scan = file_text(scanned_pdf(2), "application/octet-stream")
    assert scan.text is None and "scanned PDF" in scan.note and "2 pages" in scan.note
    assert file_text(b"%PDF-1.4 cut", "application/pdf").note.startswith("PDF not readable")


def test_a_files_text_has_no_control_characters():
    # A PDF's unmapped glyphs come out as control characters (here written into its text): they go.
    marked = ["QUYẾT ĐỊNH\x07 số\x13 7/QĐ-UBND", "Về việc\x01 phê duyệt\x7f kế hoạch\ufffe chuyển đổi số"]
    assert file_text(text_pdf(marked), "application/pdf").text == "QUYẾT ĐỊNH số 7/QĐ-UBND\nVề việc phê duyệt kế hoạch chuyển đổi số"


def test_docx_text_is_read_and_binary_doc_is_noted():
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as archive:
        archive.writestr("word/document.xml", (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            '<w:p><w:r><w:t>Kế hoạch </w:t></w:r><w:r><w:t>số 45</w:t></w:r></w:p><w:p><w:r><w:t>Điều 1.</w:t></w:r></w:p>'
            '</w:body></w:document>'))
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert file_text(body.getvalue(), docx).text == "Kế hoạch số 45\nĐiều 1."
    assert file_text(b"\xd0\xcf\x11\xe0", "application/msword").note == "text not read from application/msword"


def test_a_file_not_read_at_all_is_told_before_reading_with_file_texts_answer():
    """What a crawl learns before handing a file to a worker: the answer file_text gives such a file."""
    refused = [(b"\xd0\xcf\x11\xe0", "application/msword"), (b"PK\x03\x04", ""),
               (b"%PDF-1.4" + b" " * MAX_FILE_BYTES, "application/octet-stream")]
    for body, media_type in refused:
        assert unread(body, media_type) == file_text(body, media_type) and unread(body, media_type).text is None
    assert unread(b"%PDF-1.4 " + b" " * MAX_FILE_BYTES, "").note == "file of 20.0 MB over the 20 MB text limit"
    # Read ones, a PDF sent as octet-stream among them, are left to file_text: even a broken one.
    assert unread(text_pdf(["Điều 1."]), "application/octet-stream") is None
    assert unread(b"%PDF-1.4 cut", "application/pdf") is None
    assert unread(b"PK", "application/vnd.openxmlformats-officedocument.wordprocessingml.document; charset=binary") is None


def test_a_bad_document_section_stops_at_load(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('family = "x"\n[document]\ndetect = [".a"]\n[document.labels]\n"Số" = "numero"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="unknown field 'numero'"):
        load_profile(str(bad))
    bad.write_text('family = "x"\n[document]\nid_pattern = "ItemID=\\\\d+"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="exactly one group"):
        load_profile(str(bad))


VIETTEL_DOCUMENT = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Văn bản</title>
<meta property="article:published_time" itemprop="datePublished" content="2019-03-11T08:42:10+0700"></head><body>
<div class="legal-document-detailLayout-default"><table>
<tr><td class="td-title">Tiêu đề văn bản</td><td>Kế hoạch tổ chức ngày hội đọc sách của trường</td></tr>
<tr><td class="td-title">Số hiệu</td><td>12/KH-THCS</td></tr>
<tr><td class="td-title">Ngày ban hành</td><td>05/03/2019</td></tr>
<tr><td class="td-title">Ngày hiệu lực</td><td></td></tr>
<tr><td class="td-title">Trạng thái</td><td>Đã có hiệu lực</td></tr></table></div>
<script>$.extend(VHV,{ pageId: "Article.LegalDocument.detail" });</script></body></html>"""


def test_a_document_says_when_its_page_was_posted_apart_from_its_own_dates():
    page = Page("http://thcs.example.edu.vn/van-ban/ke-hoach-ngay-hoi-doc-sach.html", VIETTEL_DOCUMENT.encode())
    record = extract_document(page, load_profile("viettel"))
    assert record["title"] == "Kế hoạch tổ chức ngày hội đọc sách của trường"
    assert (record["issued_on"], record["effective_on"]) == ("2019-03-05", None)
    assert record["posted_at"] == "2019-03-11T08:42:10+07:00"
