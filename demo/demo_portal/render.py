"""HTML rendering of the demo portal: page chrome, article pages, basic pages, 404s.

The markup follows what Drupal 7 core and common contrib modules print
(XHTML+RDFa page.tpl, node.tpl, field.tpl, Views blocks, comment form), with
the boilerplate that Vietnamese provincial portals add around it. Listing
pages live in ``listings.py``; XML and text feeds in ``feeds.py``.
"""

from __future__ import annotations

import re

from . import vocabulary as vocab
from .article_body import article_content
from .assets import THEME
from .content import Article, BasicPage, Site
from .markup import (CSS_JS_QUERY, attr, body_classes, breadcrumb_html, esc, field, link_list,
                     rich_text, submitted_text, token, views_block, weekday_date)

class Chrome:
    """The parts of every page that do not depend on the page: built once per site."""

    def __init__(self, site: Site):
        self.site = site
        self.header = self._header()
        self.menu = self._menu()
        self.sidebar = self._sidebar()
        self.footer = self._footer()

    def _header(self) -> str:
        site = self.site
        return f"""<div id="header"><div class="section clearfix">
<a href="/" title="Trang chủ" rel="home" id="logo"><img src="/sites/default/files/logo.png" alt="Trang chủ" /></a>
<div id="name-and-slogan"><div id="site-name"><strong><a href="/" title="Trang chủ" rel="home"><span>{esc(site.name)}</span></a></strong></div></div>
<div class="region region-header">
<div id="block-block-2" class="block block-block"><div class="content">
<div class="date-bar">{weekday_date(site.today)}</div>
<div class="text-size">Cỡ chữ <a href="#" class="font-smaller">A-</a> <a href="#" class="font-reset">A</a> <a href="#" class="font-larger">A+</a></div>
</div></div>
<div id="block-search-form" class="block block-search"><div class="content">
<form action="/search/node" method="post" id="search-block-form" accept-charset="UTF-8"><div><div class="container-inline">
<h2 class="element-invisible">Biểu mẫu tìm kiếm</h2>
<div class="form-item form-type-textfield form-item-search-block-form">
<label class="element-invisible" for="edit-search-block-form--2">Tìm kiếm </label>
<input title="Nhập từ tìm kiếm" placeholder="Nhập từ tìm kiếm" type="text" id="edit-search-block-form--2" name="search_block_form" value="" size="15" maxlength="128" class="form-text" />
</div>
<div class="form-actions form-wrapper" id="edit-actions"><input type="submit" id="edit-submit" name="op" value="Tìm kiếm" class="form-submit" /></div>
<input type="hidden" name="form_build_id" value="form-{token("search", length=43)}" />
<input type="hidden" name="form_id" value="search_block_form" />
</div></div></form>
</div></div>
</div>
</div></div>"""

    def _menu(self) -> str:
        categories = "\n".join(
            f'<li class="leaf"><a href="{c.path}">{esc(c.name)}</a></li>'
            for c in self.site.categories)
        return f"""<div id="navigation"><div class="section">
<div id="block-system-main-menu" class="block block-system block-menu">
<h2 class="element-invisible">Main menu</h2>
<div class="content">
<ul class="menu"><li class="first leaf"><a href="/" title="Trang chủ">Trang chủ</a></li>
<li class="leaf"><a href="/gioi-thieu">Giới thiệu</a></li>
<li class="expanded"><a href="/tin-tuc">Tin tức</a><ul class="menu">
{categories}
</ul></li>
<li class="leaf"><a href="/lien-he">Liên hệ</a></li>
<li class="last leaf"><a href="/sitemap">Sơ đồ cổng</a></li>
</ul>
</div>
</div>
</div></div>"""

    def _sidebar(self) -> str:
        latest = link_list(list(self.site.newest[:5]), with_dates=False)
        links = "\n".join(f'<option value="{attr(url)}">{esc(name)}</option>'
                          for name, url in WEBSITE_LINKS)
        return f"""<div id="sidebar-second" class="column sidebar"><div class="section">
<div class="region region-sidebar-second">
<div id="block-weather-system-1" class="block block-weather">
<h2>Thời tiết</h2>
<div class="content"><div class="weather"><span class="weather-city">TP. {esc(vocab.PROVINCE)}</span> <span class="weather-temperature">27°C</span> <span class="weather-condition">Nhiều mây, có mưa rào</span></div></div>
</div>
{views_block("tin-moi", "Tin mới", latest)}
<div id="block-block-5" class="block block-block">
<h2>LIÊN KẾT WEBSITE</h2>
<div class="content"><select name="lien_ket_website" class="form-select" onchange="if (this.value) window.open(this.value);">
<option value="" selected="selected">-- Chọn liên kết --</option>
{links}
</select></div>
</div>
<div id="block-poll-recent" class="block block-poll">
<h2>Thăm dò ý kiến</h2>
<div class="content"><form action="/poll" method="post" id="poll-view-voting" accept-charset="UTF-8"><div><div class="poll">
<div class="vote-form"><div class="choices"><div class="title">Bạn đánh giá thế nào về nội dung Cổng thông tin điện tử tỉnh?</div>
<div class="form-item form-type-radios form-item-choice"><div id="edit-choice" class="form-radios">
<div class="form-item form-type-radio form-item-choice"><input type="radio" id="edit-choice-1" name="choice" value="1" class="form-radio" /> <label class="option" for="edit-choice-1">Rất hữu ích </label></div>
<div class="form-item form-type-radio form-item-choice"><input type="radio" id="edit-choice-2" name="choice" value="2" class="form-radio" /> <label class="option" for="edit-choice-2">Hữu ích </label></div>
<div class="form-item form-type-radio form-item-choice"><input type="radio" id="edit-choice-3" name="choice" value="3" class="form-radio" /> <label class="option" for="edit-choice-3">Bình thường </label></div>
</div></div></div>
<input type="submit" id="edit-vote" name="op" value="Bình chọn" class="form-submit" /></div>
</div></div></form></div>
</div>
<div id="block-block-7" class="block block-block">
<h2>Tỷ giá ngoại tệ</h2>
<div class="content"><table class="exchange-rate"><thead><tr><th>Mã NT</th><th>Mua</th><th>Bán</th></tr></thead>
<tbody><tr><td>USD</td><td>23.150</td><td>23.290</td></tr><tr><td>EUR</td><td>25.312</td><td>26.445</td></tr><tr><td>JPY</td><td>205,83</td><td>215,07</td></tr></tbody></table></div>
</div>
<div id="block-statistics-popular" class="block block-statistics">
<h2>Thống kê truy cập</h2>
<div class="content"><ul class="visitor-counter"><li>Đang truy cập: 123</li><li>Hôm nay: 2.345</li><li>Tổng lượt truy cập: 4.567.890</li></ul></div>
</div>
</div>
</div></div>"""

    def _footer(self) -> str:
        province = esc(vocab.PROVINCE)
        return f"""<div id="footer-wrapper"><div class="section">
<div id="footer" class="clearfix"><div class="region region-footer">
<div id="block-block-1" class="block block-block"><div class="content">
<p><strong>Bản quyền thuộc Ủy ban nhân dân tỉnh {province}</strong></p>
<p>Cơ quan chủ quản: Văn phòng UBND tỉnh {province}. Chịu trách nhiệm chính: Chánh Văn phòng UBND tỉnh.</p>
<p>Địa chỉ: Số 1 đường Trần Hưng Đạo, thành phố {province}, tỉnh {province}. Điện thoại: 0210 3812 345. Email: bbt@hoalam.gov.vn</p>
<p>Ghi rõ nguồn "Cổng thông tin điện tử tỉnh {province}" khi phát hành lại thông tin từ website này.</p>
</div></div>
</div></div>
</div></div>"""


WEBSITE_LINKS = (
    ("Cổng TTĐT Chính phủ", "http://chinhphu.vn"),
    ("Bộ Kế hoạch và Đầu tư", "http://www.mpi.gov.vn"),
    ("Bộ Y tế", "https://moh.gov.vn"),
    ("Bộ Giáo dục và Đào tạo", "https://moet.gov.vn"),
    ("Bộ Nông nghiệp và Phát triển nông thôn", "https://www.mard.gov.vn"),
    ("Cổng dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
    ("Tỉnh Sơn Hà", "http://sonha.gov.vn.example"),
    ("Tỉnh Bắc Lĩnh", "http://baclinh.gov.vn.example"),
)


def html_page(chrome: Chrome, *, title: str, body_class: str, main: str,
              breadcrumb: str = "", head: str = "", h1: str | None = None) -> str:
    """A whole Drupal 7 page around ``main`` (the region-content markup)."""
    site = chrome.site
    full_title = f"{title} | {site.name}" if title else site.name
    heading = (f'<h1 class="title" id="page-title">{esc(h1)}</h1>\n'
               if h1 is not None else "")
    settings = ('{"basePath":"\\/","pathPrefix":"","ajaxPageState":{"theme":"%s",'
                '"theme_token":"%s"}}' % (THEME, token(title, length=43)))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN"
  "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi" version="XHTML+RDFa 1.0" dir="ltr"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/terms/"
  xmlns:foaf="http://xmlns.com/foaf/0.1/"
  xmlns:og="http://ogp.me/ns#"
  xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
  xmlns:sioc="http://rdfs.org/sioc/ns#"
  xmlns:sioct="http://rdfs.org/sioc/types#"
  xmlns:skos="http://www.w3.org/2004/02/skos/core#"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema#">

<head profile="http://www.w3.org/1999/xhtml/vocab">
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<link rel="shortcut icon" href="/sites/all/themes/{THEME}/favicon.ico" type="image/vnd.microsoft.icon" />
<meta name="Generator" content="Drupal 7 (http://drupal.org)" />
{head}  <title>{esc(full_title)}</title>
  <link type="text/css" rel="stylesheet" href="/sites/all/themes/{THEME}/css/style.css?{CSS_JS_QUERY}" media="all" />
  <script type="text/javascript" src="/misc/jquery.js?v=1.4.4"></script>
<script type="text/javascript" src="/misc/drupal.js?{CSS_JS_QUERY}"></script>
<script type="text/javascript">
<!--//--><![CDATA[//><!--
jQuery.extend(Drupal.settings, {settings});
//--><!]]>
</script>
</head>
<body class="{body_class}" >
  <div id="skip-link">
    <a href="#main-content" class="element-invisible element-focusable">Truy cập nội dung luôn</a>
  </div>
    <div id="page-wrapper"><div id="page">
{chrome.header}
{chrome.menu}
{breadcrumb}
<div id="main-wrapper" class="clearfix"><div id="main" class="clearfix">
<div id="content" class="column"><div class="section">
<a id="main-content"></a>
{heading}<div class="tabs"></div>
<div class="region region-content">
{main}
</div>
</div></div>
{chrome.sidebar}
</div></div>
{chrome.footer}
</div></div>
</body>
</html>
"""


def article_page(site: Site, chrome: Chrome, article: Article) -> str:
    stub = article.stub
    nid = stub.nid
    node = f"""<div id="block-system-main" class="block block-system">
<div class="content">
<div id="node-{nid}" class="node node-article node-promoted node-full clearfix" about="{stub.path}" typeof="sioc:Item foaf:Document">
<span property="dc:title" content="{attr(stub.title)}" class="rdf-meta element-hidden"></span><span property="sioc:num_replies" content="0" datatype="xsd:integer" class="rdf-meta element-hidden"></span>
<div class="meta submitted">
<span property="dc:date dc:created" content="{stub.published.isoformat()}" datatype="xsd:dateTime" rel="sioc:has_creator">{esc(submitted_text(stub))}</span>
</div>
<div class="content clearfix">
{article_content(article)}
</div>
<ul class="links inline"><li class="print_html first"><a href="/print/{nid}" title="Hiển thị phiên bản thân thiện với máy in của trang này." class="print-page" rel="nofollow">Bản in</a></li>
<li class="print_mail last"><a href="/printmail/{nid}" title="Gửi trang này cho bạn bè qua email." class="print-mail" rel="nofollow">Gửi email</a></li>
</ul>
<div class="share-links">Chia sẻ: <span class="addthis_button_facebook">Facebook</span> <span class="addthis_button_zalo">Zalo</span> <span class="copy-link">Copy link</span></div>
{comment_form(nid)}
</div>
</div>
</div>
{views_block("tin-lien-quan", "Tin liên quan", link_list(site.related(stub)))}
{views_block("cac-tin-khac", "Các tin khác", link_list(site.others(stub)))}"""
    head = (f'<link rel="canonical" href="{stub.path}" />\n'
            f'<link rel="shortlink" href="/node/{nid}" />\n'
            f'<meta property="og:title" content="{attr(stub.title)}" />\n'
            f'<meta property="og:type" content="article" />\n')
    crumbs = breadcrumb_html(("Trang chủ", "/"), ("Tin tức", "/tin-tuc"),
                             (stub.category.name, stub.category.path))
    classes = body_classes("node", f"page-node page-node- page-node-{nid} node-type-article")
    return html_page(chrome, title=stub.title, body_class=classes, main=node,
                     breadcrumb=crumbs, head=head, h1=stub.title)


def comment_form(nid: int) -> str:
    return f"""<div id="comments" class="comment-wrapper">
<h2 class="title comment-form">Ý KIẾN BẠN ĐỌC</h2>
<form class="comment-form" action="/comment/reply/{nid}" method="post" id="comment-form" accept-charset="UTF-8"><div>
<div class="form-item form-type-textfield form-item-name"><label for="edit-name">Họ và tên <span class="form-required" title="Trường này là bắt buộc.">*</span></label>
<input type="text" id="edit-name" name="name" value="" size="30" maxlength="60" class="form-text required" /></div>
<div class="form-item form-type-textfield form-item-mail"><label for="edit-mail">E-mail <span class="form-required" title="Trường này là bắt buộc.">*</span></label>
<input type="text" id="edit-mail" name="mail" value="" size="30" maxlength="64" class="form-text required" />
<div class="description">Nội dung của trường này được giữ kín và sẽ không được hiển thị công khai.</div></div>
<div class="field-type-text-long field-name-comment-body field-widget-text-textarea form-wrapper" id="edit-comment-body"><div id="comment-body-add-more-wrapper"><div class="form-item form-type-textarea form-item-comment-body-und-0-value">
<label for="edit-comment-body-und-0-value">Ý kiến <span class="form-required" title="Trường này là bắt buộc.">*</span></label>
<div class="form-textarea-wrapper resizable"><textarea class="text-full form-textarea required" id="edit-comment-body-und-0-value" name="comment_body[und][0][value]" cols="60" rows="5"></textarea></div>
</div></div></div>
<input type="hidden" name="form_build_id" value="form-{token("comment", nid)}" />
<input type="hidden" name="form_id" value="comment_node_article_form" />
<div class="form-actions form-wrapper" id="edit-actions"><input type="submit" id="edit-submit--2" name="op" value="Gửi ý kiến" class="form-submit" /></div>
</div></form>
</div>"""


def basic_page(chrome: Chrome, page: BasicPage) -> str:
    body = "".join(f"<p>{esc(p)}</p>" for p in page.paragraphs)
    main = f"""<div id="block-system-main" class="block block-system">
<div class="content">
<div id="node-{page.nid}" class="node node-page node-full clearfix" about="{page.path}" typeof="foaf:Document">
<span property="dc:title" content="{attr(page.title)}" class="rdf-meta element-hidden"></span>
<div class="content clearfix">
{field("body", "text-with-summary", [body], item_attrs=' property="content:encoded"')}
</div>
</div>
</div>
</div>"""
    head = (f'<link rel="canonical" href="{page.path}" />\n'
            f'<link rel="shortlink" href="/node/{page.nid}" />\n')
    classes = body_classes("node", f"page-node page-node- page-node-{page.nid} node-type-page")
    return html_page(chrome, title=page.title, body_class=classes, main=main, head=head,
                     breadcrumb=breadcrumb_html(("Trang chủ", "/")), h1=page.title)


def not_found_page(chrome: Chrome, path: str) -> str:
    """Drupal's themed 404 ("Không tìm thấy trang"), with the full chrome."""
    args = [a for a in re.split(r"[^a-z0-9]+", path.lower()) if a][:2]
    page_classes = " ".join("page-" + "-".join(args[:i + 1]) for i in range(len(args)))
    main = f"""<div id="block-system-main" class="block block-system">
<div class="content">
Không tìm thấy trang yêu cầu "{esc(path)}".</div>
</div>"""
    return html_page(chrome, title="Không tìm thấy trang", h1="Không tìm thấy trang",
                     body_class=body_classes("other", page_classes), main=main,
                     breadcrumb=breadcrumb_html(("Trang chủ", "/")))


def fast_404(path: str) -> str:
    """Drupal's 404_fast_html, used for missing files (images, PDFs, CSS...)."""
    return ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN" '
            '"http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
            '<head><title>404 Not Found</title></head><body><h1>Not Found</h1>'
            f'<p>The requested URL "{esc(path)}" was not found on this server.</p></body></html>')


def print_page(site: Site, article: Article) -> str:
    """The print module's printer-friendly page (robots.txt disallows /print/)."""
    body = "\n".join(f"<p>{rich_text(p)}</p>" for p in article.raw_paragraphs)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi" xml:lang="vi">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(article.title)} | {esc(site.name)}</title>
<meta name="robots" content="noindex, nofollow" />
<link rel="canonical" href="{article.stub.path}" /></head>
<body>
<div class="print-logo"><img class="print-logo" src="/sites/default/files/logo.png" alt="" /></div>
<div class="print-site_name">Xuất bản trên {esc(site.name)}</div>
<h1 class="print-title">{esc(article.title)}</h1>
<div class="print-content">{body}</div>
<div class="print-source_url"><strong>URL nguồn:</strong> {article.stub.path}</div>
</body>
</html>
"""


def printmail_page(chrome: Chrome, article: Article) -> str:
    """The print module's "send by e-mail" form (robots.txt disallows /printmail/)."""
    main = f"""<div id="block-system-main" class="block block-system">
<div class="content">
<form action="/printmail/{article.nid}" method="post" id="print-mail-form" accept-charset="UTF-8"><div>
<div class="form-item form-type-textfield form-item-fld-from-addr"><label for="edit-fld-from-addr">Email của bạn </label>
<input type="text" id="edit-fld-from-addr" name="fld_from_addr" value="" size="60" maxlength="128" class="form-text" /></div>
<div class="form-item form-type-textarea form-item-txt-to-addrs"><label for="edit-txt-to-addrs">Gửi tới </label>
<textarea id="edit-txt-to-addrs" name="txt_to_addrs" cols="60" rows="3" class="form-textarea"></textarea></div>
<div class="form-item form-type-item"><label>Trang được gửi </label><a href="{article.stub.path}">{esc(article.title)}</a></div>
<input type="submit" id="edit-submit" name="op" value="Gửi email" class="form-submit" />
<input type="hidden" name="form_id" value="print_mail_form" />
</div></form>
</div>
</div>"""
    return html_page(chrome, title="Gửi trang này cho bạn bè", h1="Gửi trang này cho bạn bè",
                     body_class=body_classes("other", f"page-printmail page-printmail-{article.nid}"),
                     main=main, breadcrumb=breadcrumb_html(("Trang chủ", "/")))

