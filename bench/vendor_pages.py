"""Large, deeply nested article pages in the shape of vendor portal platforms, made by the bench.

Real vendor-platform pages (a portal suite's news detail) are 100-200 KB: the article is a few
KB inside a dozen levels of layout wrappers, mega-menus and sidebar portlets full of links. No
profile reads them, so the generic reader does. These pages are written here, with our own
Vietnamese text, in that shape: ``vendor_page(kilobytes)`` grows the chrome and the article
together, so a page twice as large has twice the elements at the same depth.
"""

from datetime import datetime, timezone

from extraction.page import Page

# Layout wrappers around every region, as portal suites nest them (zone, row, column, portlet,
# portlet body, content box...).
WRAPPER_DEPTH = 14
_SENTENCES = (
    "Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ trọng tâm của năm mới.",
    "Các sở, ngành và địa phương đã báo cáo kết quả thực hiện các chỉ tiêu phát triển kinh tế, xã hội trên địa bàn.",
    "Lãnh đạo tỉnh đề nghị đẩy nhanh tiến độ giải ngân vốn đầu tư công, cải cách thủ tục hành chính và chuyển đổi số.",
    "Nhiều mô hình sản xuất nông nghiệp ứng dụng công nghệ cao đã mang lại thu nhập ổn định cho người dân vùng nông thôn.",
    "Hội nghị cũng biểu dương các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua yêu nước.",
)
_LINK_TITLES = (
    "Tăng cường công tác phòng, chống thiên tai trong mùa mưa bão",
    "Triển khai kế hoạch chuyển đổi số cấp xã giai đoạn mới",
    "Hội thảo khoa học về bảo tồn di sản văn hóa phi vật thể",
    "Kết quả tuyển sinh vào lớp 10 trung học phổ thông công lập",
    "Thông báo lịch tiếp công dân định kỳ của lãnh đạo tỉnh",
)


def _wrapped(inner: str, name: str) -> str:
    opening = "".join(f'<div class="{name}-l{level} portlet-wrapper"><div class="inner">' for level in range(WRAPPER_DEPTH // 2))
    return opening + inner + "</div></div>" * (WRAPPER_DEPTH // 2)


def _portlet(number: int, links: int) -> str:
    items = "".join(
        f'<li class="item"><div class="thumb"><a href="/tin-tuc/{number}-{i}"><img src="/img/{number}-{i}.jpg" alt=""/></a></div>'
        f'<div class="info"><a class="title" href="/tin-tuc/{number}-{i}">{_LINK_TITLES[(number + i) % len(_LINK_TITLES)]} ({i + 1})</a>'
        f'<span class="date">({(i % 28) + 1:02d}/0{(i % 9) + 1}/2025)</span></div></li>'
        for i in range(links)
    )
    return _wrapped(f'<div class="portlet-title"><span>Tin cùng chuyên mục {number}</span></div><ul class="list">{items}</ul>',
                    f"portlet-{number}")


def _article(paragraphs: int) -> str:
    text = "".join(f"<p>{_SENTENCES[i % len(_SENTENCES)]} {_SENTENCES[(i + 2) % len(_SENTENCES)]}</p>" for i in range(paragraphs))
    return _wrapped(
        '<div class="news-detail"><h1 class="title">Tỉnh tổng kết công tác năm và triển khai nhiệm vụ năm mới</h1>'
        '<div class="meta"><span class="date">Thứ Hai, 06/01/2025 - 10:15</span></div>'
        f'<div class="content">{text}<p style="text-align:right"><strong>Minh Anh</strong></p></div></div>',
        "article",
    )


def vendor_page_html(kilobytes: int) -> str:
    """A page of about `kilobytes` KB: the article's length and the number of sidebar portlets
    both grow with it, at the same depth."""
    scale = max(1, round(kilobytes / 9.5))
    menu = "".join(f'<li><a href="/chuyen-muc/{i}">{_LINK_TITLES[i % len(_LINK_TITLES)][:24]}</a></li>' for i in range(20))
    sidebar = "".join(_portlet(n, 12) for n in range(2 * scale))
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"/>'
        "<title>Tỉnh tổng kết công tác năm và triển khai nhiệm vụ năm mới - Cổng thông tin điện tử tỉnh</title>"
        '<meta property="og:title" content="Tỉnh tổng kết công tác năm và triển khai nhiệm vụ năm mới"/></head><body>'
        + _wrapped(f'<ul class="mega-menu">{menu}</ul>', "header")
        + '<div class="row"><div class="col-main">' + _article(4 * scale) + "</div>"
        + f'<div class="col-side">{sidebar}</div></div>'
        + _wrapped("<p>Bản quyền thuộc Ủy ban nhân dân tỉnh. Địa chỉ: số 1 đường Trần Phú.</p>", "footer")
        + "</body></html>"
    )


def vendor_page(kilobytes: int, number: int = 0) -> Page:
    body = vendor_page_html(kilobytes).encode("utf-8")
    return Page(url=f"https://portal.example.gov.vn/tin-tuc/chi-tiet-{number}", body=body,
                content_type="text/html; charset=utf-8", fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
