"""The demo portal on Viettel's portal platform ("EduPortal").

Pages are ``div.ModuleWrapper`` blocks in ``.panel`` frames, the page type is in the inline
``$.extend(VHV,{ pageId: "…" })`` script, articles are schema.org NewsArticles with the visible
"Ngày đăng: dd/mm/yyyy - HH:MM" line, URLs are ``/tin-tuc-su-kien/<category>/<slug>.html``, print
copies ``/?page=Article.Print.detail&id=<24 hex>`` name the article in their canonical link. A
category page shows its newest teasers; the older ones come only from the "Xem thêm" button's
JSON endpoint, batch after batch.
"""

from __future__ import annotations

from ..content import ArticleStub
from ..markup import attr, esc
from .common import FamilyPortal, body_html, dmy_hm, html, json_response, not_found, number, object_id

SECTION = "tin-tuc-su-kien"
BATCH = 3  # teasers on a category page, and per "Xem thêm" batch
SITE_ID = "1732"
_PAGE_IDS = ("home", "login", "Article.Print.detail")


class ViettelPortal(FamilyPortal):
    family = "viettel"
    theme_files = {'/3rdparty/bootstrap/css/bootstrap.min.css': 'text/css', '/css/1.49/1732/2/style.css': 'text/css', '/publish/js/lib2-1.49.min.js': 'application/javascript', '/App/Corporate/images/logo.png': 'image/png', '/App/Corporate/images/eduportal.png': 'image/png'}

    def __init__(self, site, base_url):
        super().__init__(site, base_url)
        self.by_id = {object_id(stub): stub for stub in site.stubs}
        self.by_path = {self.article_path(stub): stub for stub in site.stubs}

    def article_path(self, stub: ArticleStub) -> str:
        return f"/{SECTION}/{stub.category.slug}/{stub.slug}.html"

    def breadcrumb(self, stub):
        return ["Trang chủ", "Tin tức - Sự kiện", stub.category.name]

    def page(self, path: str, query: dict[str, list[str]]):
        if path == "/" and query.get("page", ["home"])[0] in _PAGE_IDS:
            page_id = query.get("page", ["home"])[0]
            if page_id == "Article.Print.detail":
                stub = self.by_id.get(query.get("id", [""])[0])
                return html(self._print(stub)) if stub else not_found()
            return html(self._home() if page_id == "home" else self._login())
        if path == "/ajax/Content.Article.selectAll":
            return self._batch(number(query, "categoryId", 0), number(query, "pageNo"))
        if stub := self.by_path.get(path):
            return html(self._article(stub))
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == SECTION and (category := self.site.category_by_slug(parts[1])):
            return html(self._category(category))
        return not_found()

    # --- pages -----------------------------------------------------------------------------

    def _page(self, page_id: str, title: str, main: str, head: str = "") -> str:
        menu = "".join(f'<li><a href="/{SECTION}/{c.slug}">{esc(c.name)}</a></li>' for c in self.site.categories)
        newest = "".join(f'<li><a href="{self.article_path(s)}">{esc(s.title)}</a></li>' for s in self.site.newest[:5])
        return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8" /><title>{esc(title)}</title>
<meta name="Author" content="{attr(self.site.name)}" /><meta name="copyright" content="{attr(self.site.name)}" />
{head}<link rel="stylesheet" href="/3rdparty/bootstrap/css/bootstrap.min.css" />
<link rel="stylesheet" href="/css/1.49/{SITE_ID}/2/style.css" />
<script src="/publish/js/lib2-1.49.min.js"></script>
<script>$.extend(VHV,{{ pageId: "{page_id}", serverTime: 1700000000, domainRoot: '/', version:'1.49', site:'{SITE_ID}', securityToken: '{"ab" * 32}' }}); if(window.vhvInit){{vhvInit();}}</script>
</head><body>
<div class="region-top"><div id="module1" class="ModuleWrapper"><div class="time-news"><span class="time-home-gio">Monday, {self.site.today:%d/%m/%Y}</span></div>
<a href="/"><img src="/App/Corporate/images/logo.png" alt="{attr(self.site.name)}" /></a>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/?page=login">Đăng nhập</a></li>{menu}</ul></div></div>
<div id="whole-page"><div id="page-content" class="columns-widget columns9-3"><div class="col-left">
{main}
</div><div class="col-right"><div id="module7" class="ModuleWrapper"><div class="panel panel-default frame5b02b5081a2f4e0d9c3e7f10" id="frameBoundB7">
<div class="panel-heading"><div class="panel-title">Tin tức mới</div></div><div class="panel-body"><ul>{newest}</ul></div></div></div>
<div id="module8" class="ModuleWrapper"><div class="panel panel-default" id="frameBoundB8"><div class="panel-heading"><div class="panel-title">Thống kê truy cập</div></div>
<div class="panel-body"><p>Đang truy cập: 12</p><p>Hôm nay: 345</p></div></div></div></div></div></div>
<div id="page-footer" class="region-bottom"><div id="module9" class="ModuleWrapper"><div class="contact-footer"><p class="title-web">{esc(self.site.name)}</p>
<p>Hỗ trợ &amp; phát triển bởi <a href="http://edu.viettel.vn/"><img src="/App/Corporate/images/eduportal.png" title="EduPortal" alt="EduPortal" /></a></p></div>
<form><input type="hidden" name="securityToken" value="{"ab" * 32}" /><input type="hidden" name="submitFormId" value="9" /></form></div></div>
</body></html>"""

    def _teaser(self, stub: ArticleStub) -> str:
        return f"""<article class="item-block detailType2 Article-News" itemscope itemtype="http://schema.org/NewsArticle">
<h2 class="entry-title" itemprop="headline"><a href="{self.article_path(stub)}">{esc(stub.title)}</a></h2>
<time class="post-date updated">{stub.published:%d/%m/%Y}</time>
<meta itemprop="datePublished" content="{stub.published.isoformat()}" /></article>"""

    def _home(self) -> str:
        teasers = "\n".join(self._teaser(s) for s in self.site.newest[:8])
        main = f'<div id="module3" class="ModuleWrapper"><section class="section-list Article-Detail-default">{teasers}</section></div>'
        return self._page("home", self.site.name, main)

    def _login(self) -> str:
        main = ('<div id="module3" class="ModuleWrapper"><div class="login-default section-login"><h1>Đăng nhập</h1>'
                '<form method="post"><input type="text" name="username" /><input type="password" name="password" /></form></div></div>')
        return self._page("login", "Đăng nhập", main)

    def _category(self, category) -> str:
        stubs = self.site.by_category[category.tid]
        teasers = "\n".join(self._teaser(s) for s in stubs[:BATCH])
        more = (f'<a class="btn-view-more" href="javascript:void(0)" data-url="/ajax/Content.Article.selectAll?categoryId='
                f'{category.tid}&amp;pageNo=2">Xem thêm</a>') if len(stubs) > BATCH else ""
        head = (f'<meta property="og:type" content="article" /><meta name="title" itemprop="headline" content="{attr(category.name)}" />\n'
                f'<meta property="article:published_time" content="2018-05-21T19:01:12+07:00" />\n')
        main = (f'<div id="module4" class="ModuleWrapper"><div class="panel panel-default" id="frameBoundB4"><div class="panel-heading">'
                f'<div class="panel-title">{esc(category.name)}</div></div><div class="panel-body">'
                f'<section class="section-list Article-Detail-listType4">{teasers}</section>'
                f'<div class="default-pagination" id="pagination4"></div>{more}</div></div></div>')
        return self._page("Article.News.list", category.name, main, head)

    def _batch(self, tid: int, page: int):
        stubs = self.site.by_category.get(tid, ())
        chosen = stubs[(page - 1) * BATCH:page * BATCH] if page > 1 else ()
        following = (f"/ajax/Content.Article.selectAll?categoryId={tid}&pageNo={page + 1}"
                     if chosen and page * BATCH < len(stubs) else None)
        return json_response({
            "pageNo": page, "itemsPerPage": BATCH, "totalItems": len(stubs), "next": following,
            "items": [{"id": object_id(s), "title": s.title, "url": self.article_path(s),
                       "publishedTime": int(s.published.timestamp())} for s in chosen],
        })

    def _article(self, stub: ArticleStub) -> str:
        article = self.site.article(stub.nid)
        path = self.article_path(stub)
        siblings = self.site.by_category[stub.category.tid]
        position = siblings.index(stub)
        related = "".join(f'<li><a href="{self.article_path(s)}">{esc(s.title)}</a></li>'
                          for s in siblings[max(0, position - 3):position])  # newer ones only
        lead = f'<div class="article-brief">{esc(article.lead)}</div>' if article.lead else ""
        head = (f'<link rel="canonical" href="{path}" /><meta property="og:type" content="article" />\n'
                f'<meta property="og:title" content="{attr(stub.title)}" />\n')
        main = f"""<div id="module5" class="ModuleWrapper"><section class="news-detail-default">
<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/{SECTION}/{stub.category.slug}">Tin tức - Sự kiện</a></li><li>{esc(stub.category.name)}</li></ol>
<article class="Article-News" itemscope itemtype="http://schema.org/NewsArticle">
<h1 itemprop="headline">{esc(stub.title)}</h1>
<meta itemprop="datePublished" content="{stub.published.isoformat()}" />
<div class="news-date">Ngày đăng: {dmy_hm(stub.published, " - ")}</div>
{lead}
<div class="content-detail" itemprop="articleBody">
{body_html(article)}
</div>
<div class="share-social"><a href="javascript:printArticle('{object_id(stub)}')">In bài viết</a>
<a class="print-article" href="/?page=Article.Print.detail&amp;id={object_id(stub)}">Bản in</a> <span>Chia sẻ</span></div>
</article>
<div class="relatedArticles"><div class="panel-title">Bài tin liên quan</div><ul>{related}</ul></div>
</section></div>"""
        return self._page("Article.News.detail", stub.title, main, head)

    def _print(self, stub: ArticleStub) -> str:
        article = self.site.article(stub.nid)
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8" /><title>{esc(stub.title)}</title>
<link rel="canonical" href="{self.article_path(stub)}" />
<script>$.extend(VHV,{{ pageId: "Article.Print.detail", site:'{SITE_ID}' }});</script></head>
<body><div id="print_page"><div class="header_page"><img src="/App/Corporate/images/logo.png" alt="" /> In trang (Ctr + P)</div>
<div id="detail_page"><div class="main_content_detail"><div class="block_timer_share"><div class="block_timer">{dmy_hm(stub.published, " | ")}</div></div>
<div class="title_news"><h1>{esc(stub.title)}</h1></div><div class="short_intro">{esc(article.lead or "")}</div>
<div class="fck_detail">{body_html(article)}</div></div></div></div></body></html>"""
