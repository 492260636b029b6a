"""The demo portal's documents section ("Văn bản"): a paged listing, and two tabs per document.

``/van-ban`` (``?page=N``) lists the documents; ``/van-ban/ID`` is the full text ("Toàn văn": the
heading block with the place-date line, the text, the files) and ``/van-ban/ID/thuoc-tinh`` the
properties ("Thuộc tính": number, type, issuing body, signer, dates, validity). Only the two tabs
together hold every field, as on vbpl.vn-style portals. The files are hidden the ways real portals
hide them: ``href="javascript:downloadfile('name','path')"``, ``onclick="downloadFile('id','path')"``,
and a plain link; most are PDFs with a text layer (documents_pdf.py), one is a scan without text
and one a Word file. Every text here is written for the demo. The profile's ``[document]`` section
(profile.toml) describes these pages; the manifest's ``documents`` section is the ground truth.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date

from .documents_pdf import scanned_pdf, text_pdf
from .listings import pager
from .markup import attr, body_classes, breadcrumb_html, esc
from .render import Chrome, html_page

LISTING = "/van-ban"
PAGE_SIZE = 4
FILES = "/sites/default/files/vanban"
PDF, DOCX = "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PROVINCE_BODY = "Ủy ban nhân dân tỉnh Hòa Lâm"


@dataclass(frozen=True)
class File:
    name: str  # under FILES/<year>/
    link: str  # how the page links it: "href", "javascript" or "onclick"
    label: str  # the link's text; "Tải về" says only what the link does, so the file's name is its title
    lines: tuple[str, ...]  # the text layer; () for a scan
    media_type: str = PDF

    def title(self) -> str:
        return self.name if self.label == "Tải về" else self.label


@dataclass(frozen=True)
class Document:
    item_id: int
    number: str
    kind: str
    abstract: str
    signer: str
    signer_title: str
    issued_on: date
    effective_on: date
    status: str
    paragraphs: tuple[str, ...]
    files: tuple[File, ...]
    expires_on: date | None = None
    related: tuple[int, ...] = ()

    @property
    def path(self) -> str:
        return f"{LISTING}/{self.item_id}"

    def file_path(self, file: File) -> str:
        return f"{FILES}/{self.issued_on.year}/{file.name}"


DOCUMENTS = (
    Document(
        101, "15/2019/QĐ-UBND", "Quyết định",
        "Ban hành Quy chế quản lý và vận hành Cổng thông tin điện tử tỉnh Hòa Lâm",
        "Nguyễn Văn Bình", "Chủ tịch", date(2019, 3, 12), date(2019, 3, 22), "Còn hiệu lực",
        ("Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý và vận hành Cổng thông tin điện tử tỉnh Hòa Lâm.",
         "Điều 2. Quyết định này có hiệu lực sau mười ngày kể từ ngày ký.",
         "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, ngành chịu trách nhiệm thi hành Quyết định này."),
        (File("qd-15-2019-qd-ubnd.pdf", "javascript", "Tải về",
              ("QUYẾT ĐỊNH SỐ 15/2019/QĐ-UBND", "Ban hành Quy chế quản lý Cổng thông tin điện tử tỉnh Hòa Lâm.",
               "Quy chế gồm bốn chương, mười hai điều.")),),
    ),
    Document(
        102, "03/CT-UBND", "Chỉ thị",
        "Về tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2020",
        "Trần Thị Hoa", "Phó Chủ tịch", date(2020, 2, 10), date(2020, 2, 10), "Còn hiệu lực",
        ("Năm 2019, mưa lũ trái mùa gây thiệt hại tại nhiều huyện miền núi của tỉnh.",
         "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành rà soát phương án ứng phó trước mùa mưa bão."),
        (File("ct-03-ct-ubnd.pdf", "onclick", "Chỉ thị 03/CT-UBND (bản ký số)",
              ("CHỈ THỊ SỐ 03/CT-UBND", "Tăng cường phòng, chống thiên tai năm 2020.",
               "Các huyện hoàn thành diễn tập ứng phó trước tháng Sáu.")),),
    ),
    Document(
        103, "45/KH-UBND", "Kế hoạch",
        "Triển khai chuyển đổi số tỉnh Hòa Lâm giai đoạn 2021 - 2025",
        "Lê Minh Tâm", "Phó Chủ tịch", date(2021, 4, 5), date(2021, 4, 5), "Còn hiệu lực",
        ("Mục tiêu đến năm 2025: mọi thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình.",
         "Các sở, ngành xây dựng kho dữ liệu dùng chung trước quý IV năm 2022."),
        (File("kh-45-kh-ubnd.pdf", "href", "Kế hoạch 45/KH-UBND",
              ("KẾ HOẠCH SỐ 45/KH-UBND", "Chuyển đổi số tỉnh Hòa Lâm giai đoạn 2021 - 2025.")),
         File("kh-45-kh-ubnd-ban-scan.pdf", "javascript", "Tải về", ())),
        related=(101,),
    ),
    Document(
        104, "1203/UBND-VX", "Công văn",
        "Về việc tổ chức các hoạt động chào mừng Ngày Nhà giáo Việt Nam 20/11",
        "Lê Minh Tâm", "Phó Chủ tịch", date(2021, 11, 8), date(2021, 11, 8), "Còn hiệu lực",
        ("Ủy ban nhân dân tỉnh giao Sở Giáo dục và Đào tạo chủ trì tổ chức gặp mặt nhà giáo tiêu biểu.",),
        (File("cv-1203-ubnd-vx.docx", "onclick", "Công văn 1203/UBND-VX",
              ("CÔNG VĂN SỐ 1203/UBND-VX", "Tổ chức gặp mặt nhà giáo tiêu biểu ngày 18 tháng 11."), DOCX),),
    ),
    Document(
        105, "27/2018/QĐ-UBND", "Quyết định",
        "Quy định mức thu phí tham quan Khu di tích lịch sử Đồi Chè",
        "Nguyễn Văn Bình", "Chủ tịch", date(2018, 7, 20), date(2018, 8, 1), "Hết hiệu lực",
        ("Điều 1. Mức thu phí tham quan là hai mươi nghìn đồng một lượt người lớn.",
         "Điều 2. Trẻ em dưới sáu tuổi được miễn phí."),
        (File("qd-27-2018-qd-ubnd.pdf", "href", "Quyết định 27/2018/QĐ-UBND",
              ("QUYẾT ĐỊNH SỐ 27/2018/QĐ-UBND", "Mức thu phí tham quan Khu di tích Đồi Chè.")),),
        expires_on=date(2022, 1, 1),
    ),
    Document(
        106, "88/TB-UBND", "Thông báo",
        "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với Sở Giáo dục và Đào tạo",
        "Nguyễn Văn Bình", "Chủ tịch", date(2022, 6, 15), date(2022, 6, 15), "Còn hiệu lực",
        ("Sở Giáo dục và Đào tạo hoàn thành sắp xếp điểm trường lẻ trước năm học mới.",
         "Các huyện bố trí đủ giáo viên tiếng Anh cho bậc tiểu học."),
        (File("tb-88-tb-ubnd.pdf", "javascript", "Tải về",
              ("THÔNG BÁO SỐ 88/TB-UBND", "Kết luận buổi làm việc với Sở Giáo dục và Đào tạo.")),),
    ),
)
_BY_ID = {document.item_id: document for document in DOCUMENTS}


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _file_link(document: Document, file: File) -> str:
    path = document.file_path(file)
    if file.link == "javascript":
        return f"<a href=\"javascript:downloadfile('{attr(file.name)}','{attr(path)}')\">{esc(file.label)}</a>"
    if file.link == "onclick":
        return f"<a href=\"#\" onclick=\"downloadFile('{document.item_id}-{len(file.name)}','{attr(path)}'); return false;\">{esc(file.label)}</a>"
    return f'<a href="{attr(path)}" type="{file.media_type}">{esc(file.label)}</a>'


def _files(document: Document) -> str:
    items = "".join(f"<li>{_file_link(document, f)}</li>" for f in document.files)
    return f'<div class="van-ban-tep-dinh-kem"><h3>Tệp đính kèm</h3><ul>{items}</ul></div>'


def _tabs(document: Document, active: str) -> str:
    tabs = (("toan-van", "Toàn văn", document.path), ("thuoc-tinh", "Thuộc tính", f"{document.path}/thuoc-tinh"))
    items = "".join(f'<li class="{"active" if name == active else "tab"}"><a href="{href}">{label}</a></li>'
                    for name, label, href in tabs)
    return f'<ul class="tabs-van-ban">{items}</ul>'


def _page(chrome: Chrome, document: Document, active: str, inner: str) -> str:
    title = f"{document.kind} {document.number}"
    main = f"""<div id="block-system-main" class="block block-system">
<div class="content">
<div class="van-ban-chi-tiet" id="van-ban-{document.item_id}">
{_tabs(document, active)}
{inner}
{_files(document)}
</div>
</div>
</div>"""
    return html_page(chrome, title=title, h1=document.abstract, main=main,
                     body_class=body_classes("other", f"page-van-ban page-van-ban-{document.item_id}"),
                     breadcrumb=breadcrumb_html(("Trang chủ", "/"), ("Văn bản", LISTING)))


def full_text_page(chrome: Chrome, document: Document) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in document.paragraphs)
    issued = document.issued_on
    inner = f"""<div class="van-ban-toan-van">
<table class="van-ban-phan-dau"><tr>
<td class="co-quan">{esc(PROVINCE_BODY.upper())}<br />Số: {esc(document.number)}</td>
<td class="quoc-hieu">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br />Độc lập - Tự do - Hạnh phúc<br />
<em class="dia-danh-ngay">Hòa Lâm, ngày {issued.day} tháng {issued.month} năm {issued.year}</em></td>
</tr></table>
<div class="van-ban-noi-dung">
{body}
</div>
<p class="chu-ky">TM. ỦY BAN NHÂN DÂN<br />{esc(document.signer_title.upper())}<br />{esc(document.signer)}</p>
</div>"""
    return _page(chrome, document, "toan-van", inner)


def properties_page(chrome: Chrome, document: Document) -> str:
    rows = [("Số ký hiệu", document.number), ("Loại văn bản", document.kind), ("Cơ quan ban hành", PROVINCE_BODY),
            ("Người ký", document.signer), ("Chức danh", document.signer_title), ("Ngày ban hành", _day(document.issued_on)),
            ("Ngày có hiệu lực", _day(document.effective_on)),
            ("Ngày hết hiệu lực", _day(document.expires_on) if document.expires_on else "Chưa xác định"),
            ("Tình trạng hiệu lực", document.status), ("Trích yếu", document.abstract)]
    table = "".join(f'<tr><td class="label">{esc(label)}</td><td>{esc(value)}</td></tr>' for label, value in rows)
    related = "".join(f'<li><a href="{_BY_ID[i].path}">{esc(_BY_ID[i].kind)} {esc(_BY_ID[i].number)}</a></li>'
                      for i in document.related)
    related_block = f'<div class="van-ban-lien-quan"><h3>Văn bản liên quan</h3><ul>{related}</ul></div>' if related else ""
    inner = f'<table class="van-ban-thuoc-tinh">{table}</table>\n{related_block}'
    return _page(chrome, document, "thuoc-tinh", inner)


def listing_page(chrome: Chrome, page: int) -> str | None:
    """``/van-ban?page=N``, newest first; None past the last page."""
    ordered = sorted(DOCUMENTS, key=lambda d: (d.issued_on, d.item_id), reverse=True)
    total = -(-len(ordered) // PAGE_SIZE)
    if not 0 <= page < total:
        return None
    rows = "".join(
        f'<tr><td>{esc(d.number)}</td><td>{_day(d.issued_on)}</td>'
        f'<td><a href="{d.path}">{esc(d.kind)} {esc(d.number)}</a><div class="trich-yeu">{esc(d.abstract)}</div></td></tr>'
        for d in ordered[page * PAGE_SIZE:(page + 1) * PAGE_SIZE])
    main = f"""<div id="block-system-main" class="block block-system">
<div class="content"><div class="view view-van-ban">
<table class="views-table"><thead><tr><th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th></tr></thead>
<tbody>{rows}</tbody></table>
{pager(LISTING, page, total)}
</div></div>
</div>"""
    return html_page(chrome, title="Văn bản", h1="Văn bản", main=main,
                     body_class=body_classes("other", "page-van-ban"), breadcrumb=breadcrumb_html(("Trang chủ", "/")))


def _docx(lines: tuple[str, ...]) -> bytes:
    """A minimal Word file: its parts list, and one paragraph per line."""
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = "".join(f"<w:p><w:r><w:t>{esc(line)}</w:t></w:r></w:p>" for line in lines)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", (2021, 1, 1, 0, 0, 0)),
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                         f'ContentType="{DOCX}.main+xml"/></Types>')
        archive.writestr(zipfile.ZipInfo("word/document.xml", (2021, 1, 1, 0, 0, 0)),
                         f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{word}"><w:body>{paragraphs}</w:body></w:document>')
    return buffer.getvalue()


def file_body(path: str) -> tuple[bytes, str] | None:
    """(the file, its media type) for a path under FILES, or None."""
    for document in DOCUMENTS:
        for file in document.files:
            if document.file_path(file) == path:
                if file.media_type == DOCX:
                    return _docx(file.lines), DOCX
                return (text_pdf(list(file.lines)) if file.lines else scanned_pdf(2)), PDF
    return None


def page_for(chrome: Chrome, path: str, page: int) -> str | None:
    """The HTML of a documents-section path (listing, full text, properties), or None."""
    if path == LISTING:
        return listing_page(chrome, page)
    parts = path.strip("/").split("/")
    if len(parts) in (2, 3) and parts[0] == "van-ban" and parts[1].isdigit() and (document := _BY_ID.get(int(parts[1]))):
        if len(parts) == 2:
            return full_text_page(chrome, document)
        if parts[2] == "thuoc-tinh":
            return properties_page(chrome, document)
    return None


def manifest_section(base_url: str) -> dict:
    """The manifest's ``documents``: every field a correct crawl records for each document."""
    base = base_url.rstrip("/")
    return {"documents": [{
        "url": base + document.path,
        "pages": [base + document.path, f"{base}{document.path}/thuoc-tinh"],
        "title": document.abstract,
        "document_number": document.number,
        "document_type": document.kind,
        "issuing_body": PROVINCE_BODY,
        "signer": document.signer,
        "signer_title": document.signer_title,
        "issued_on": document.issued_on.isoformat(),
        "effective_on": document.effective_on.isoformat(),
        "expires_on": document.expires_on.isoformat() if document.expires_on else None,
        "status": document.status,
        "abstract": document.abstract,
        "paragraphs": list(document.paragraphs),
        "related": [{"url": base + _BY_ID[i].path, "title": f"{_BY_ID[i].kind} {_BY_ID[i].number}"} for i in document.related],
        "attachments": [{
            "url": base + document.file_path(file),
            "title": file.title(),
            "media_type": file.media_type,
            "text": "\n".join(file.lines) or None,
            "scan": not file.lines,
        } for file in document.files],
    } for document in DOCUMENTS]}
