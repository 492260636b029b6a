"""The demo portal on Liferay 6.2: portlets in ``p_p_id_…`` boundaries, the Asset Publisher.

Each category is a page ``/web/guest/<category>`` whose Asset Publisher lists ten abstracts and
pages with its own parameters (``?p_p_id=101_INSTANCE_<id>&p_p_lifecycle=0&…&_101_INSTANCE_<id>_cur=N``,
the portlet-state ones a crawl should drop). An article is the same portlet's full-content view,
``/web/guest/<category>/-/asset_publisher/<id>/content/<slug>``, in a theme that restyles it with
``.title-news``, ``.date-news`` and ``.content-news`` as .gov.vn themes do.
"""

from __future__ import annotations

from ..content import ArticleStub
from ..markup import attr, esc
from .common import FamilyPortal, body_html, dmy_hm, html, not_found, number, pages_of

INSTANCE = "Xk3hQ9tRbY2m"
PORTLET = f"101_INSTANCE_{INSTANCE}"


class LiferayPortal(FamilyPortal):
    family = "liferay"
    theme_files = {'/html/css/main.css': 'text/css', '/html/js/barebone.jsp': 'application/javascript', '/image/company_logo': 'image/png'}
    shows_seconds = False

    def __init__(self, site, base_url):
        super().__init__(site, base_url)
        self.by_path = {self.article_path(stub): stub for stub in site.stubs}

    def article_path(self, stub: ArticleStub) -> str:
        return f"/web/guest/{stub.category.slug}/-/asset_publisher/{INSTANCE}/content/{stub.slug}"

    def breadcrumb(self, stub):
        return ["Trang chủ", stub.category.name]

    def page(self, path: str, query: dict[str, list[str]]):
        if path in ("/", "/web/guest", "/web/guest/home"):
            return html(self._home())
        if stub := self.by_path.get(path):
            return html(self._article(stub))
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[:2] == ["web", "guest"] and (category := self.site.category_by_slug(parts[2])):
            return html(self._category(category, number(query, f"_{PORTLET}_cur")))
        return not_found()

    def _page(self, title: str, main: str, head: str = "") -> str:
        menu = "".join(f'<li><a href="/web/guest/{c.slug}"><span>{esc(c.name)}</span></a></li>' for c in self.site.categories)
        return f"""<!DOCTYPE html>
<html class="aui ltr" dir="ltr" lang="vi-VN"><head><title>{esc(title)} - {esc(self.site.name)}</title>
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
{head}<link href="/html/css/main.css?browserId=other&amp;themeId=hoalam_WAR_theme" rel="stylesheet" type="text/css" />
<script src="/html/js/barebone.jsp?browserId=other&amp;minifierType=js" type="text/javascript"></script>
</head><body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">
<a href="#main-content" id="skip-to-content">Truy cập nội dung luôn</a>
<div class="container-fluid" id="wrapper"><header id="banner"><a class="logo" href="/web/guest"><img alt="{attr(self.site.name)}" src="/image/company_logo" /></a>
<nav class="sort-pages modify-pages" id="navigation"><ul><li><a href="/web/guest"><span>Trang chủ</span></a></li>{menu}</ul></nav>
<a href="/c/portal/login?p_l_id=10180" rel="nofollow">Đăng nhập</a></header>
<div id="content"><div class="portlet-layout row-fluid"><div class="portlet-column span8" id="column-1">
{main}
</div></div></div>
<footer id="footer"><p>Bản quyền thuộc {esc(self.site.name)}</p></footer></div></body></html>"""

    def _portlet(self, inner: str, title: str) -> str:
        return f"""<div class="portlet-boundary portlet-boundary_101_ portlet-static portlet-asset-publisher" id="p_p_id_{PORTLET}_">
<span id="p_{PORTLET}"></span><section class="portlet" id="portlet_{PORTLET}"><header class="portlet-topper"><h2 class="portlet-title"><span class="portlet-title-text">{esc(title)}</span></h2></header>
<div class="portlet-content"><div class="portlet-content-container"><div class="portlet-body">
{inner}
</div></div></div></section></div>"""

    def _abstracts(self, stubs) -> str:
        return "\n".join(f"""<div class="asset-abstract"><h3 class="asset-title"><a href="{self.article_path(s)}">{esc(s.title)}</a></h3>
<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{s.published:%d/%m/%Y}</span></div></div>""" for s in stubs)

    def _home(self) -> str:
        return self._page("Trang chủ", self._portlet(self._abstracts(self.site.newest[:5]), "Tin mới"))

    def _category(self, category, page: int) -> str:
        stubs, count = pages_of(self.site.by_category[category.tid], page)
        base = f"/web/guest/{category.slug}?p_p_id={PORTLET}&amp;p_p_lifecycle=0&amp;p_p_state=normal&amp;p_p_mode=view&amp;p_p_col_id=column-1&amp;p_p_col_count=1"
        links = "".join(f'<li class="{"active" if n == page else ""}"><a href="{base}&amp;_{PORTLET}_cur={n}&amp;_{PORTLET}_delta=10">{n}</a></li>'
                        for n in range(1, count + 1))
        pager = f'<div class="taglib-page-iterator"><div class="lfr-pagination"><ul class="pagination">{links}</ul></div></div>' if count > 1 else ""
        return self._page(category.name, self._portlet(self._abstracts(stubs) + pager, category.name))

    def _article(self, stub: ArticleStub) -> str:
        article = self.site.article(stub.nid)
        lead = f'<div class="sapo-news">{esc(article.lead)}</div>' if article.lead else ""
        others = self.site.others(stub)
        inner = f"""<div class="taglib-header"><span class="header-back-to"><a href="/web/guest/{stub.category.slug}">Quay lại</a></span></div>
<div class="asset-full-content show-asset-title"><div class="news-detail">
<div class="title-news"><h1>{esc(stub.title)}</h1></div>
<div class="date-news">{dmy_hm(stub.published, " | ")}</div>
{lead}
<div class="journal-content-article content-news">
{body_html(article)}
</div></div>
<div class="asset-ratings"><span>Đánh giá</span></div></div>
<div class="other-news"><h3>Tin khác</h3><ul>{"".join(f'<li><a href="{self.article_path(s)}">{esc(s.title)}</a></li>' for s in others)}</ul></div>"""
        head = (f'<link href="{self.article_path(stub)}" rel="canonical" />\n'
                f'<meta property="og:title" content="{attr(stub.title)}" />\n')
        return self._page(stub.title, self._portlet(inner, stub.category.name), head)
