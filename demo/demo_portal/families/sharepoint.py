"""The demo portal on SharePoint 2013 with a Vietnamese vendor's news web parts.

Every page is one ASP.NET form (``aspnetForm``) carrying ``__VIEWSTATE`` and ``__EVENTVALIDATION``.
The news list ``/Trang/tin-tuc-su-kien.aspx`` shows ten articles and pages only by postback: its
pager links are ``javascript:__doPostBack('…$rptPaging$ctlNN$lnkPage','')``, and the server answers
a POST of the form with that target (and the view state it issued) with the page asked for. The
home page links the newest articles and article pages link none, so the older articles are
reached only through postback pages. Articles: ``/Trang/ChiTietTinTuc.aspx?nid=N``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import parse_qs

from ..content import ArticleStub
from ..markup import attr, esc
from .common import FamilyPortal, body_html, html, not_found, number, pages_of, target_parts

LIST_PATH = "/Trang/tin-tuc-su-kien.aspx"
PAGER = "ctl00$PlaceHolderMain$g_3f1b2c4d$ctl00$rptPaging$ctl{:02d}$lnkPage"
_PAGER_TARGET = re.compile(r"^ctl00\$PlaceHolderMain\$g_3f1b2c4d\$ctl00\$rptPaging\$ctl(\d{2})\$lnkPage$")


def view_state(page: int) -> str:
    """The list's state as the server issues it (which page is shown), signed so that a forged one fails."""
    state = f"news-list:page={page}"
    mac = hashlib.sha256(b"demo-machine-key:" + state.encode()).hexdigest()[:16]
    return base64.b64encode(f"{state}|{mac}".encode()).decode()


def _state_page(value: str) -> int | None:
    try:
        state, mac = base64.b64decode(value, validate=True).decode().split("|")
    except (ValueError, UnicodeDecodeError):
        return None
    page = state.removeprefix("news-list:page=")
    return int(page) if page.isdigit() and view_state(int(page)) == value else None


class SharePointPortal(FamilyPortal):
    family = "sharepoint"
    theme_files = {'/_layouts/15/init.js': 'application/javascript', '/_layouts/15/1066/styles/Themable/corev15.css': 'text/css', '/PublishingImages/logo.png': 'image/png'}

    def article_path(self, stub: ArticleStub) -> str:
        return f"/Trang/ChiTietTinTuc.aspx?nid={stub.nid}"

    def breadcrumb(self, stub):
        return ["Trang chủ", "Tin tức - Sự kiện"]

    def page(self, path: str, query: dict[str, list[str]]):
        if path in ("/", "/Trang/Default.aspx"):
            return html(self._home())
        if path == LIST_PATH:
            return html(self._list(1))
        if path == "/Trang/ChiTietTinTuc.aspx" and (stub := self.site.stub(number(query, "nid", 0))):
            return html(self._article(stub))
        return not_found()

    def handle_post(self, target: str, host: str | None, body: bytes):
        path, _ = target_parts(target)
        form = parse_qs(body.decode("utf-8", "replace"))
        if path != LIST_PATH:
            return not_found()
        shown = _state_page(form.get("__VIEWSTATE", [""])[0])
        pager = _PAGER_TARGET.match(form.get("__EVENTTARGET", [""])[0])
        if shown is None or not form.get("__EVENTVALIDATION") or pager is None:
            # What ASP.NET says to a postback without the state it issued.
            return html("<html><body><h1>Server Error in '/' Application.</h1><p>Invalid postback or callback argument.</p></body></html>", 500)
        _, count = pages_of(self.site.newest, 1)
        return html(self._list(min(int(pager.group(1)), count)))

    # --- pages -----------------------------------------------------------------------------

    def _page(self, title: str, main: str, head: str = "", state_page: int = 1, action: str = "./Default.aspx") -> str:
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="vi-VN"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="GENERATOR" content="Microsoft SharePoint" /><title>{esc(title)}</title>
{head}<link rel="stylesheet" href="/_layouts/15/1066/styles/Themable/corev15.css" />
<script src="/_layouts/15/init.js"></script></head>
<body><form name="aspnetForm" method="post" action="{attr(action)}" id="aspnetForm">
<div><input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x5A1C{"0" * 28},{state_page}" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{view_state(state_page)}" />
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" /></div>
<script type="text/javascript">function __doPostBack(eventTarget, eventArgument) {{ var f = document.forms['aspnetForm'];
f.__EVENTTARGET.value = eventTarget; f.__EVENTARGUMENT.value = eventArgument; f.submit(); }}</script>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header"><a href="/"><img src="/PublishingImages/logo.png" alt="{attr(self.site.name)}" /></a>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="{LIST_PATH}">Tin tức - Sự kiện</a></li></ul></div>
<div id="ctl00_PlaceHolderMain_pnMain">{main}</div>
<div class="footer"><p>Bản quyền thuộc {esc(self.site.name)}</p></div>
</div></div>
<div><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{view_state(state_page)[::-1]}" /></div>
</form></body></html>"""

    def _items(self, stubs) -> str:
        return "\n".join(f'<li class="item"><a href="{self.article_path(s)}">{esc(s.title)}</a> '
                         f'<span class="date">({s.published:%d/%m/%Y})</span></li>' for s in stubs)

    def _home(self) -> str:
        main = f'<div class="ms-webpart-zone"><h2 class="ms-webpart-titleText">Tin mới</h2><ul class="news-list">{self._items(self.site.newest[:5])}</ul></div>'
        return self._page(self.site.name, main)

    def _list(self, page: int) -> str:
        stubs, count = pages_of(self.site.newest, page)
        links = []
        for number_ in range(1, count + 1):
            if number_ == page:
                links.append(f'<span class="current">{number_}</span>')
            else:
                links.append(f'<a href="javascript:__doPostBack(\'{PAGER.format(number_)}\',\'\')">{number_}</a>')
        main = (f'<div class="ms-webpart-zone"><h1 class="ms-rteElement-H1">Tin tức - Sự kiện</h1><ul class="news-list">'
                f'{self._items(stubs)}</ul><div class="paging" id="ctl00_PlaceHolderMain_g_3f1b2c4d_ctl00_pnPaging">'
                f'{" ".join(links)}</div></div>')
        return self._page("Tin tức - Sự kiện", main, state_page=page, action="./tin-tuc-su-kien.aspx")

    def _article(self, stub: ArticleStub) -> str:
        article = self.site.article(stub.nid)
        lead = f'<div id="divArticleSummary">{esc(article.lead)}</div>' if article.lead else ""
        main = f"""<div class="ms-breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="{LIST_PATH}">Tin tức - Sự kiện</a></div>
<div id="ctl00_PlaceHolderMain_pnlChiTiet" class="chitiettin">
<div id="divArticleTitle">{esc(stub.title)}</div>
<div id="divArticleDate">{stub.published:%d/%m/%Y %H:%M:%S}</div>
{lead}
<div id="divArticleDescription">
{body_html(article)}
</div></div>"""
        head = f'<link rel="canonical" href="{self.article_path(stub)}" />\n'
        return self._page(stub.title, main, head, action=f"./ChiTietTinTuc.aspx?nid={stub.nid}")
