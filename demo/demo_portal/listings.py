"""Listing pages: home, /tin-tuc, category Views pages, tag term pages, site map.

Listings page through Drupal's pager (``?page=N`` counting from 0, 10 items
per page, newest first, ``ul.pager`` as theme_pager prints it).
"""

from __future__ import annotations

from .assets import IMAGE_SIZES
from .content import ArticleStub, Category, Site, Tag
from .markup import (attr, body_classes, breadcrumb_html, esc, link_list, listing_date, token,
                     views_block)
from .render import Chrome, html_page

PAGE_SIZE = 10
PAGER_QUANTITY = 9


def page_count(items: int) -> int:
    return max(1, -(-items // PAGE_SIZE))


def summary(site: Site, stub: ArticleStub, limit: int = 200) -> str:
    """A teaser's text: the lead, or the start of the first paragraph."""
    article = site.article(stub.nid)
    text = article.lead or (article.paragraphs[0] if article.paragraphs else "")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def thumbnail(site: Site, stub: ArticleStub, style: str = "thumbnail") -> str:
    if not stub.image_count:
        return ""
    image = site.article(stub.nid).images[0]
    width, height = IMAGE_SIZES[style]
    return (f'<a href="{stub.path}"><img typeof="foaf:Image" src="{attr(image.style_path(style))}"'
            f' width="{width}" height="{height}" alt="{attr(image.alt)}" /></a>')


def pager(base: str, current: int, total_pages: int) -> str:
    """Drupal 7 theme_pager(): first/previous, a window of 9 numbers, next/last."""
    if total_pages <= 1:
        return ""

    def href(page: int) -> str:
        return base if page == 0 else f"{base}?page={page}"

    items = []
    if current > 0:
        items.append(("pager-first", f'<a title="Đến trang đầu" href="{href(0)}">« đầu</a>'))
        items.append(("pager-previous",
                      f'<a title="Đến trang trước" href="{href(current - 1)}">‹ trước</a>'))
    middle = -(-PAGER_QUANTITY // 2)
    first = current + 1 - middle + 1
    last = current + 1 + PAGER_QUANTITY - middle
    if last > total_pages:
        first += total_pages - last
        last = total_pages
    if first <= 0:
        last += 1 - first
        first = 1
    last = min(last, total_pages)
    if first > 1:
        items.append(("pager-ellipsis", "…"))
    for number in range(first, last + 1):
        if number == current + 1:
            items.append(("pager-current", str(number)))
        else:
            items.append(("pager-item",
                          f'<a title="Đến trang {number}" href="{href(number - 1)}">{number}</a>'))
    if last < total_pages:
        items.append(("pager-ellipsis", "…"))
    if current < total_pages - 1:
        items.append(("pager-next", f'<a title="Đến trang sau" href="{href(current + 1)}">tiếp ›</a>'))
        items.append(("pager-last",
                      f'<a title="Đến trang cuối" href="{href(total_pages - 1)}">cuối »</a>'))
    rendered = []
    for index, (css, inner) in enumerate(items):
        css += " first" if index == 0 else ""
        css += " last" if index == len(items) - 1 else ""
        rendered.append(f'<li class="{css}">{inner}</li>')
    return ('<h2 class="element-invisible">Trang</h2><div class="item-list"><ul class="pager">'
            + "\n".join(rendered) + "</ul></div>")


def feed_icon(tid: int, name: str) -> str:
    label = attr(f"Đăng ký RSS - {name}")
    return (f'<a href="/taxonomy/term/{tid}/feed" class="feed-icon" title="{label}">'
            f'<img typeof="foaf:Image" src="/misc/feed.png" width="16" height="16" alt="{label}" /></a>')


def category_page(site: Site, chrome: Chrome, category: Category, page: int) -> str | None:
    """The category's Views page; ``None`` when ``page`` is out of range."""
    stubs = site.by_category[category.tid]
    total = page_count(len(stubs))
    if not 0 <= page < total:
        return None
    rows = []
    chunk = stubs[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    for index, stub in enumerate(chunk, start=1):
        position = " views-row-first" if index == 1 else ""
        position += " views-row-last" if index == len(chunk) else ""
        rows.append(f"""<div class="views-row views-row-{index} views-row-{'odd' if index % 2 else 'even'}{position}">
<div class="views-field views-field-field-image"><div class="field-content">{thumbnail(site, stub)}</div></div>
<div class="views-field views-field-title"><span class="field-content"><a href="{stub.path}">{esc(stub.title)}</a></span></div>
<div class="views-field views-field-created"><span class="field-content">{listing_date(stub.published)}</span></div>
<div class="views-field views-field-body"><div class="field-content">{esc(summary(site, stub))}</div></div>
</div>""")
    main = f"""<div id="block-system-main" class="block block-system">
<div class="content">
<div class="view view-chuyen-muc view-id-chuyen_muc view-display-id-page view-dom-id-{token(category.slug, length=32)}">
<div class="view-content">
{chr(10).join(rows)}
</div>
{pager(category.path, page, total)}
</div>
{feed_icon(category.tid, category.name)}
</div>
</div>"""
    classes = body_classes("other", "page-taxonomy page-taxonomy-term page-taxonomy-term- "
                                    f"page-taxonomy-term-{category.tid}")
    head = (f'<link rel="alternate" type="application/rss+xml" title="{attr(category.name)}"'
            f' href="/taxonomy/term/{category.tid}/feed" />\n')
    return html_page(chrome, title=category.name, h1=category.name, body_class=classes, main=main,
                     head=head, breadcrumb=breadcrumb_html(("Trang chủ", "/"), ("Tin tức", "/tin-tuc")))


def node_teaser(site: Site, stub: ArticleStub) -> str:
    """node.tpl.php in teaser mode: note it is also a ``node-article``."""
    title = esc(stub.title)
    return f"""<div id="node-{stub.nid}" class="node node-article node-promoted node-teaser clearfix" about="{stub.path}" typeof="sioc:Item foaf:Document">
<h2><a href="{stub.path}">{title}</a></h2>
<span property="dc:title" content="{attr(stub.title)}" class="rdf-meta element-hidden"></span>
<div class="meta submitted"><span property="dc:date dc:created" content="{stub.published.isoformat()}" datatype="xsd:dateTime">{listing_date(stub.published)}</span></div>
<div class="content clearfix"><div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded"><p>{esc(summary(site, stub))}</p></div></div></div></div>
<ul class="links inline"><li class="node-readmore first last"><a href="{stub.path}" rel="tag" title="{attr(stub.title)}">Xem tiếp<span class="element-invisible"> về {title}</span></a></li></ul>
</div>"""


def term_page(site: Site, chrome: Chrome, tag: Tag, page: int) -> str | None:
    """taxonomy/term/TID for a tag: node teasers and a pager."""
    stubs = site.by_tag[tag.tid]
    total = page_count(len(stubs))
    if not 0 <= page < total:
        return None
    chunk = stubs[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    teasers = "\n".join(node_teaser(site, s) for s in chunk) or (
        "<p>Hiện chưa có nội dung nào được phân loại với thuật ngữ này.</p>")
    main = f"""<div id="block-system-main" class="block block-system">
<div class="content">
<div class="term-listing-heading"><div id="taxonomy-term-{tag.tid}" class="taxonomy-term vocabulary-tags"><div class="content"></div></div></div>
{teasers}
{pager(tag.path, page, total)}
{feed_icon(tag.tid, tag.name)}
</div>
</div>"""
    classes = body_classes("other", "page-taxonomy page-taxonomy-term page-taxonomy-term- "
                                    f"page-taxonomy-term-{tag.tid}")
    return html_page(chrome, title=tag.name, h1=tag.name, body_class=classes, main=main,
                     breadcrumb=breadcrumb_html(("Trang chủ", "/")))


def news_index(site: Site, chrome: Chrome) -> str:
    """/tin-tuc: the latest articles of every category."""
    blocks = []
    for category in site.categories:
        latest = list(site.by_category[category.tid][:5])
        more = f'<div class="more-link"><a href="{category.path}">Xem tiếp</a></div>'
        blocks.append(views_block(f"tin-tuc-{category.slug}", esc(category.name),
                                  link_list(latest) + more))
    classes = body_classes("other", "page-tin-tuc")
    return html_page(chrome, title="Tin tức", h1="Tin tức", body_class=classes,
                     main="\n".join(blocks), breadcrumb=breadcrumb_html(("Trang chủ", "/")))


def front_page(site: Site, chrome: Chrome) -> str:
    """The home page: featured news (some linked as /node/NNN), then per category."""
    short = {s.nid for s in site.front_page_short_links()}
    featured = []
    for stub in site.newest[:5]:
        href = f"/node/{stub.nid}" if stub.nid in short else stub.path
        featured.append(f"""<div class="views-row">
<div class="views-field views-field-field-image"><div class="field-content">{thumbnail(site, stub, "medium")}</div></div>
<div class="views-field views-field-title"><span class="field-content"><a href="{href}">{esc(stub.title)}</a></span></div>
<div class="views-field views-field-body"><div class="field-content">{esc(summary(site, stub))}</div></div>
</div>""")
    blocks = [views_block("tin-noi-bat", "Tin nổi bật", "\n".join(featured))]
    for category in site.categories:
        latest = list(site.by_category[category.tid][:5])
        blocks.append(views_block(f"trang-chu-{category.slug}", esc(category.name),
                                  link_list(latest)))
    old_style = "\n".join(f'<li><a href="/?q=node/{s.nid}">{esc(s.title)}</a></li>'
                          for s in site.front_page_query_links())
    blocks.append(f"""<div id="block-block-9" class="block block-block">
<h2>Văn bản mới</h2>
<div class="content"><ul>{old_style}</ul><div class="more-link"><a href="/van-ban">Văn bản chỉ đạo điều hành</a></div></div>
</div>""")
    head = f'<link rel="alternate" type="application/rss+xml" title="{attr(site.name)} RSS" href="/rss.xml" />\n'
    return html_page(chrome, title="", body_class=body_classes("front", "page-node"),
                     main="\n".join(blocks), head=head)


def site_map_page(site: Site, chrome: Chrome) -> str:
    """/sitemap ("Sơ đồ cổng"), as the site_map module prints it."""
    categories = "\n".join(f'<li><a href="{c.path}">{esc(c.name)}</a></li>' for c in site.categories)
    pages = "\n".join(f'<li><a href="{p.path}">{esc(p.title)}</a></li>' for p in site.pages)
    main = f"""<div id="block-system-main" class="block block-system">
<div class="content"><div id="site-map">
<div class="site-map-box site-map-box-menu"><h2 class="title">Danh mục chính</h2>
<div class="content"><ul class="site-map-menu"><li><a href="/">Trang chủ</a></li>
<li><a href="/tin-tuc">Tin tức</a><ul>{categories}</ul></li>
{pages}</ul></div></div>
</div></div>
</div>"""
    return html_page(chrome, title="Sơ đồ cổng", h1="Sơ đồ cổng",
                     body_class=body_classes("other", "page-sitemap"), main=main,
                     breadcrumb=breadcrumb_html(("Trang chủ", "/")))
