"""A mid-crawl redesign of the demo portal, to see template drift detection at work.

``DemoPortal(redesign_after=N)``: once N article pages have been served, article pages come in
a new theme that is no longer Drupal's: the headline in a styled div instead of
``h1#page-title``, the body in ``div.noi-dung`` instead of the body field, the date as plain text
without RDFa. A crawl with the demo profile then sees titles, bodies and dates vanish.
"""

from __future__ import annotations

import threading

from .content import Article, Site
from .markup import attr, breadcrumb_html, esc, rich_text
from .render import Chrome, html_page


class Redesign:
    """Counts article pages served; after `after` of them, the new theme is on."""

    def __init__(self, after: int):
        self.after = after
        self._served = 0
        self._lock = threading.Lock()

    def new_theme_now(self) -> bool:
        with self._lock:
            self._served += 1
            return self._served > self.after


def redesigned_article_page(site: Site, chrome: Chrome, article: Article) -> str:
    stub = article.stub
    paragraphs = "\n".join(f"<p>{rich_text(p)}</p>" for p in (*article.raw_paragraphs, *article.byline_lines))
    main = f"""<div class="bai-viet">
<div class="tieu-de-bai">{esc(stub.title)}</div>
<div class="thong-tin-bai">Ngày đăng: {stub.published:%d/%m/%Y %H:%M:%S}</div>
<div class="noi-dung">
{paragraphs}
</div>
</div>"""
    head = f'<link rel="canonical" href="{attr(stub.path)}" />\n'
    crumbs = breadcrumb_html(("Trang chủ", "/"), ("Tin tức", "/tin-tuc"), (stub.category.name, stub.category.path))
    return html_page(chrome, title=stub.title, body_class="giao-dien-moi", main=main, breadcrumb=crumbs, head=head)
