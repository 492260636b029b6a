"""Text and XML discovery files: robots.txt, xmlsitemap's sitemap.xml, RSS feeds.

These take the absolute base (``http://host:port``) from the request's Host
header, as Drupal does when it builds absolute URLs.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import format_datetime

from .content import ArticleStub, Site
from .markup import esc

SITEMAP_CHUNK = 500  # xmlsitemap's default number of links per sitemap page

ROBOTS_TXT = """#
# robots.txt
#
# This file is to prevent the crawling and indexing of certain parts
# of your site by web crawlers and spiders run by sites like Yahoo!
# and Google. By telling these "robots" where not to crawl on your site,
# you save bandwidth and server resources.
#
# This file will be ignored unless it is at the root of your host:
# Used:    http://example.com/robots.txt
# Ignored: http://example.com/site/robots.txt
#
# For more information about the robots.txt standard, see:
# http://www.robotstxt.org/robotstxt.html

User-agent: *
# CSS, JS, Images
Allow: /misc/*.css$
Allow: /misc/*.css?
Allow: /misc/*.js$
Allow: /misc/*.js?
Allow: /misc/*.gif
Allow: /misc/*.jpg
Allow: /misc/*.jpeg
Allow: /misc/*.png
Allow: /modules/*.css$
Allow: /modules/*.css?
Allow: /modules/*.js$
Allow: /modules/*.js?
Allow: /modules/*.gif
Allow: /modules/*.jpg
Allow: /modules/*.jpeg
Allow: /modules/*.png
Allow: /profiles/*.css$
Allow: /profiles/*.css?
Allow: /profiles/*.js$
Allow: /profiles/*.js?
Allow: /profiles/*.gif
Allow: /profiles/*.jpg
Allow: /profiles/*.jpeg
Allow: /profiles/*.png
Allow: /themes/*.css$
Allow: /themes/*.css?
Allow: /themes/*.js$
Allow: /themes/*.js?
Allow: /themes/*.gif
Allow: /themes/*.jpg
Allow: /themes/*.jpeg
Allow: /themes/*.png
# Directories
Disallow: /includes/
Disallow: /misc/
Disallow: /modules/
Disallow: /profiles/
Disallow: /scripts/
Disallow: /themes/
# Files
Disallow: /CHANGELOG.txt
Disallow: /cron.php
Disallow: /INSTALL.mysql.txt
Disallow: /INSTALL.pgsql.txt
Disallow: /INSTALL.sqlite.txt
Disallow: /install.php
Disallow: /INSTALL.txt
Disallow: /LICENSE.txt
Disallow: /MAINTAINERS.txt
Disallow: /update.php
Disallow: /UPGRADE.txt
Disallow: /xmlrpc.php
# Paths (clean URLs)
Disallow: /admin/
Disallow: /comment/reply/
Disallow: /filter/tips/
Disallow: /node/add/
Disallow: /search/
Disallow: /user/
Disallow: /user/register/
Disallow: /user/password/
Disallow: /user/login/
Disallow: /user/logout/
Disallow: /print/
Disallow: /printmail/
# Paths (no clean URLs)
Disallow: /?q=admin/
Disallow: /?q=comment/reply/
Disallow: /?q=filter/tips/
Disallow: /?q=node/add/
Disallow: /?q=search/
Disallow: /?q=user/password/
Disallow: /?q=user/register/
Disallow: /?q=user/login/
Disallow: /?q=user/logout/
Disallow: /?q=print/
"""


def robots_txt(origin: str) -> str:
    return ROBOTS_TXT + f"\nSitemap: {origin}/sitemap.xml\n"


def _w3c(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")  # 2020-01-17T09:45+07:00


def sitemap_entries(site: Site) -> list[tuple[str, str | None, str, str]]:
    """(path, lastmod, changefreq, priority) for every URL xmlsitemap lists."""
    newest = _w3c(site.newest[0].published) if site.newest else None
    entries = [("/", newest, "daily", "1.0"), ("/tin-tuc", newest, "daily", "0.8")]
    for category in site.categories:
        listing = site.by_category[category.tid]
        entries.append((category.path, _w3c(listing[0].published) if listing else None,
                        "daily", "0.7"))
    entries += [(page.path, None, "yearly", "0.3") for page in site.pages]
    # An edited article's lastmod is its edit time (editions 2 and 3), as xmlsitemap reports "changed".
    entries += [(stub.path, _w3c(stub.modified if stub.updated or stub.revised else stub.published), "monthly", "0.5")
                for stub in site.stubs if not stub.unlisted]
    return entries


def sitemap_page_count(site: Site) -> int:
    count = len(site.stubs) + len(site.categories) + len(site.pages) + 2
    return 1 if count <= SITEMAP_CHUNK else -(-count // SITEMAP_CHUNK)


def sitemap_xml(site: Site, origin: str, page: int | None) -> str | None:
    """The index (page None, large sites), one chunk (1..k), or the whole urlset."""
    pages = sitemap_page_count(site)
    if page is None and pages > 1:
        items = "\n".join(f"<sitemap><loc>{origin}/sitemap.xml?page={number}</loc>"
                          f"<lastmod>{_w3c(site.newest[0].published)}</lastmod></sitemap>"
                          for number in range(1, pages + 1))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{items}\n</sitemapindex>\n")
    if page is None:
        chunk = sitemap_entries(site)
    elif pages > 1 and 1 <= page <= pages:
        chunk = sitemap_entries(site)[(page - 1) * SITEMAP_CHUNK:page * SITEMAP_CHUNK]
    else:
        return None
    urls = []
    for path, lastmod, changefreq, priority in chunk:
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        urls.append(f"<url><loc>{origin}{path}</loc>{modified}"
                    f"<changefreq>{changefreq}</changefreq><priority>{priority}</priority></url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(urls) + "\n</urlset>\n")


def rss_xml(site: Site, origin: str, stubs: list[ArticleStub], title: str, link: str,
            feed_path: str) -> str:
    """Drupal's RSS 2.0 feed (rss.xml, taxonomy/term/TID/feed)."""
    items = []
    for stub in stubs:
        article = site.article(stub.nid)
        description = esc(f"<p>{esc(article.lead or article.paragraphs[0])}</p>")
        items.append(f"""<item>
 <title>{esc(stub.title)}</title>
 <link>{origin}{stub.path}</link>
 <description>{description}</description>
 <pubDate>{format_datetime(stub.published)}</pubDate>
 <dc:creator>{esc(article.author or "admin")}</dc:creator>
 <guid isPermaLink="false">{stub.nid} at {origin}</guid>
</item>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xml:base="{origin}{link}" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
 <title>{esc(title)}</title>
 <link>{origin}{link}</link>
 <description></description>
 <language>vi</language>
 <atom:link href="{origin}{feed_path}" rel="self" type="application/rss+xml" />
{chr(10).join(items)}
</channel>
</rss>
"""


def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)
