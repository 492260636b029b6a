"""URL routing for the demo portal: request path -> ``Response``.

This is where the site's HTTP personality is decided: which paths exist,
which redirect (Drupal globalredirect: /node/N and /?q=node/N to the alias),
which 404, which responses are chunked, and which headers a Drupal 7 site on
Apache sends (Expires 1978, two Set-Cookie headers, Link, ETag...).
"""

from __future__ import annotations

import gzip
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote, urlsplit

from . import assets, documents, feeds, listings, render
from .content import TZ, Article, LruCache, Site, attachment_for
from .manifest import iter_manifest_json
from .redesign import Redesign, redesigned_article_page

HTML = "text/html; charset=utf-8"
DRUPAL_EXPIRES = "Sun, 19 Nov 1978 05:00:00 GMT"  # Drupal's birthday, on every page
THEME_MTIME = datetime(2019, 1, 1, 8, 0, tzinfo=TZ)
CHUNKED_NID_MODULUS = 3  # articles with nid % 3 == 0 are sent chunked

IMAGE_PATH = re.compile(
    r"^/sites/default/files/(?:styles/(large|medium|thumbnail)/public/)?"
    r"(\d{4}-\d{2})/anh-(\d+)-(\d+)\.jpg$")
PDF_PATH = re.compile(r"^/sites/default/files/van-ban/([a-z0-9-]+-so-(\d+)-[a-z0-9-]+\.pdf)$")
FILE_LIKE = re.compile(r"\.(?:jpe?g|png|gif|ico|css|js|pdf|docx?|xlsx?|txt|xml)$", re.I)


@dataclass
class Response:
    status: int
    content_type: str | None = None
    body: bytes = b""
    stream: Callable[[], Iterator[bytes]] | None = None  # generated body, always chunked
    headers: list[tuple[str, str]] = field(default_factory=list)
    chunked: bool = False
    compressible: bool = False  # text: gzip it when the client accepts gzip
    etag: str | None = None
    drupal: bool = True  # sent by Drupal (X-Generator), not a file Apache serves
    # A network fault (faults.py) that writes to the socket itself instead of a normal answer.
    deliver: Callable[[BaseHTTPRequestHandler], None] | None = None
    _gzipped: bytes | None = None

    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped


def _apache_etag(body: bytes, modified: datetime) -> str:
    return f'"{len(body):x}-{int(modified.timestamp()) * 1_000_000:x}"'


def article_etag(article: Article) -> str:
    """An article page's ETag: a digest of the article itself, not of the page bytes.

    The page around the article (the header's date bar, the "Tin mới" sidebar, the "Tin liên
    quan" block) changes on every page whenever anything is published, as in edition 2. Like a
    Drupal site behind a reverse-proxy cache that validates node pages by the node, the ETag
    (and Last-Modified, ``ArticleStub.modified``) change only when the article does: a re-crawl
    gets 304 for an untouched article and 200 with a new ETag for an edited one. The digest
    covers every field of the article (title, text, byline, tags, images, attachments, dates,
    the edit time) and nothing that depends on the host, port or the rest of the site.
    """
    return '"' + hashlib.sha1(repr(article).encode("utf-8")).hexdigest()[:20] + '"'


def static_file(body: bytes, content_type: str, modified: datetime,
                compressible: bool = False) -> Response:
    """A file Apache serves directly: no cookies, long expiry, Apache ETag."""
    return Response(200, content_type, body, compressible=compressible, drupal=False,
                    etag=_apache_etag(body, modified),
                    headers=[("Last-Modified", feeds.http_date(modified)),
                             ("Cache-Control", "max-age=1209600")])


class Router:
    def __init__(self, site: Site, base_url: Callable[[], str], cache_size: int = 1024,
                 redesign: Redesign | None = None):
        self.site = site
        self.redesign = redesign
        self.chrome = render.Chrome(site)
        self._base_url = base_url
        self._cache = LruCache(cache_size)
        # Extra manifest sections (base URL -> dict) from the fault and trap layers, when enabled.
        self.manifest_extras: list[Callable[[str], dict]] = [documents.manifest_section]
        self._static = {
            f"/sites/all/themes/{assets.THEME}/css/style.css": (assets.STYLE_CSS.encode(), "text/css"),
            "/misc/drupal.js": (assets.DRUPAL_JS.encode(), "application/javascript"),
            "/misc/jquery.js": (assets.JQUERY_JS.encode(), "application/javascript"),
            f"/sites/all/themes/{assets.THEME}/favicon.ico": (assets.favicon(), "image/vnd.microsoft.icon"),
            "/sites/default/files/logo.png": (assets.png(64, 64, (183, 28, 28, 255)), "image/png"),
            "/misc/feed.png": (assets.png(16, 16, (255, 140, 0, 255)), "image/png"),
            "/modules/file/icons/application-pdf.png": (assets.png(16, 16, (200, 0, 0, 255)), "image/png"),
        }

    def handle(self, target: str, host: str | None) -> Response:
        """The response for a request target; cached except for the manifest."""
        origin = f"http://{host}" if host else self._base_url().rstrip("/")
        split = urlsplit(target)
        path = unquote(split.path) or "/"
        if path == "/__manifest__.json":
            base = f"{origin}/"  # the URLs as the asking client reaches the site, like every link
            extra = self.manifest_extra(base)
            return Response(200, "application/json; charset=utf-8", compressible=True,
                            chunked=True, stream=lambda: iter_manifest_json(self.site, base, extra=extra))
        stub = self.site.by_path.get(path) if self.redesign else None
        if stub is not None and not stub.deleted and self.redesign.new_theme_now():
            return self._article(stub.nid, redesigned=True)
        key = (target, origin)
        response = self._cache.get(key)
        if response is None:
            response = self._route(path, parse_qs(split.query), origin)
            self._cache.put(key, response)
        return response

    def manifest_extra(self, base_url: str) -> dict:
        return {key: value for extra in self.manifest_extras for key, value in extra(base_url).items()}

    def _route(self, path: str, query: dict[str, list[str]], origin: str) -> Response:
        site = self.site
        if path == "/":
            if "q" in query:
                return self._legacy_query(query["q"][0], origin)
            return self._html(listings.front_page(site, self.chrome), chunked=True)
        if path in self._static:
            body, content_type = self._static[path]
            return static_file(body, content_type, THEME_MTIME,
                               compressible=content_type.startswith(("text/", "application/javascript")))
        if path == "/robots.txt":
            return self._text(feeds.robots_txt(origin), "text/plain; charset=utf-8")
        if path == "/sitemap.xml":
            page = _int(query.get("page", [""])[0], None)
            xml = feeds.sitemap_xml(site, origin, page)
            return self._text(xml, "text/xml; charset=utf-8") if xml else self._not_found(path)
        if path == "/rss.xml":
            return self._text(feeds.rss_xml(site, origin, list(site.newest[:20]), site.name, "/",
                                            "/rss.xml"), "application/rss+xml; charset=utf-8")
        if path == "/tin-tuc":
            return self._html(listings.news_index(site, self.chrome), chunked=True)
        if path == "/sitemap":
            return self._html(listings.site_map_page(site, self.chrome))
        stub = site.by_path.get(path)
        if stub is not None and path in site.withdrawn:  # removed, sent to its listing (edition 3)
            return self._redirect(origin + site.withdrawn[path])
        if stub is not None:
            return self._article(stub.nid) if not stub.deleted else self._not_found(path)
        page = site.page_by_path(path)
        if page is not None:
            return self._html(render.basic_page(self.chrome, page))
        parts = path.strip("/").split("/")
        if parts[0] == "tin-tuc" and len(parts) == 2 and site.category_by_slug(parts[1]):
            category = site.category_by_slug(parts[1])
            html = listings.category_page(site, self.chrome, category, _page(query))
            return self._html(html, chunked=True) if html else self._not_found(path)
        if parts[:2] == ["taxonomy", "term"] and len(parts) in (3, 4):
            return self._term(path, parts, query, origin)
        if parts[0] == "node" and len(parts) == 2:
            return self._node_redirect(parts[1], origin, path)
        if parts[0] in ("print", "printmail") and len(parts) == 2 and site.stub(_int(parts[1], 0)):
            article = site.article(int(parts[1]))
            if parts[0] == "print":
                return self._html(render.print_page(site, article))
            return self._html(render.printmail_page(self.chrome, article))
        if parts[0] == "van-ban" or path.startswith(documents.FILES + "/"):
            return self._document(path, query)
        match = IMAGE_PATH.match(path)
        if match:
            return self._image(path, *match.groups())
        match = PDF_PATH.match(path)
        if match:
            return self._pdf(path, match.group(1), int(match.group(2)))
        return self._not_found(path)

    # --- pages -----------------------------------------------------------

    def _article(self, nid: int, redesigned: bool = False) -> Response:
        site = self.site
        stub = site.stub(nid)
        page = redesigned_article_page if redesigned else render.article_page
        html = page(site, self.chrome, site.article(nid))
        if stub.text_form == "NFD":
            html = unicodedata.normalize("NFD", html)
        body = html.encode("utf-8")
        headers = [("Last-Modified", feeds.http_date(stub.modified)),
                   ("Link", f'<{stub.path}>; rel="canonical",</node/{nid}>; rel="shortlink"')]
        response = self._html(body, chunked=nid % CHUNKED_NID_MODULUS == 0,
                              cache_control="public, max-age=300", headers=headers)
        response.etag = article_etag(site.article(nid))
        return response

    def _term(self, path, parts, query, origin) -> Response:
        term = self.site.term(_int(parts[2], 0))
        if term is None or (len(parts) == 4 and parts[3] != "feed"):
            return self._not_found(path)
        if len(parts) == 4:
            listing = self.site.by_category.get(term.tid)
            if listing is None:
                listing = self.site.by_tag[term.tid]
            stubs = list(listing[:10])
            link = getattr(term, "path", path)
            return self._text(feeds.rss_xml(self.site, origin, stubs, term.name, link, path),
                              "application/rss+xml; charset=utf-8")
        if term.tid in self.site.by_category:  # a category: its alias is canonical
            return self._redirect(origin + term.path)
        html = listings.term_page(self.site, self.chrome, term, _page(query))
        return self._html(html, chunked=True) if html else self._not_found(path)

    def _node_redirect(self, raw_nid: str, origin: str, path: str) -> Response:
        nid = _int(raw_nid, 0)
        stub = self.site.stub(nid)
        if stub is not None:
            return self._redirect(origin + stub.path)
        page = next((p for p in self.site.pages if p.nid == nid), None)
        return self._redirect(origin + page.path) if page else self._not_found(path)

    def _legacy_query(self, q: str, origin: str) -> Response:
        """Non-clean URLs (?q=node/N, ?q=tin-tuc/...) redirect to the clean alias."""
        match = re.fullmatch(r"node/(\d+)", q)
        if match:
            return self._node_redirect(match.group(1), origin, "/?q=" + q)
        target = "/" + q.strip("/")
        if target != "/" and self._route(target, {}, origin).status == 200:
            return self._redirect(origin + target)
        return self._not_found("/?q=" + q)

    def _document(self, path: str, query: dict[str, list[str]]) -> Response:
        """The documents section (documents.py): listing, full text and properties tabs, files."""
        if (html := documents.page_for(self.chrome, path, _page(query))) is not None:
            return self._html(html)
        if (file := documents.file_body(path)) is not None:
            return static_file(*file, THEME_MTIME)
        return self._not_found(path)

    # --- files -----------------------------------------------------------

    def _image(self, path, style, month, raw_nid, raw_number) -> Response:
        stub = self.site.stub(int(raw_nid))
        number = int(raw_number)
        if stub is None or stub.image_month != month or not 1 <= number <= stub.image_count:
            return self._not_found(path)
        width, height = assets.IMAGE_SIZES[style or "original"]
        body = assets.flat_jpeg(width, height, assets.jpeg_level(f"{raw_nid}-{raw_number}"))
        return static_file(body, "image/jpeg", stub.published)

    def _pdf(self, path, name, number) -> Response:
        nid, index = divmod(number - 100, 3)
        stub = self.site.stub(nid)
        if stub is None or index >= len(stub.attachment_kinds):
            return self._not_found(path)
        attachment = attachment_for(nid, index, stub.attachment_kinds[index])
        if attachment.file_name != name:
            return self._not_found(path)
        body = assets.attachment_pdf(attachment.title, stub.title, stub.published)
        return static_file(body, "application/pdf", stub.published)

    # --- response builders -------------------------------------------------

    def _html(self, html: str | bytes, *, status: int = 200, chunked: bool = False,
              cache_control: str = "no-cache, must-revalidate",
              headers: list[tuple[str, str]] | None = None) -> Response:
        body = html.encode("utf-8") if isinstance(html, str) else html
        session = hashlib.md5(body[:4096]).hexdigest()
        cookies = [("Set-Cookie", f"SESS{hashlib.md5(b'hoalam').hexdigest()}={session}; "
                                  "path=/; HttpOnly"),
                   ("Set-Cookie", "has_js=1; path=/")]
        return Response(status, HTML, body, chunked=chunked, compressible=True,
                        headers=[("Expires", DRUPAL_EXPIRES), ("Cache-Control", cache_control),
                                 ("Content-Language", "vi"), ("X-Content-Type-Options", "nosniff"),
                                 ("X-Frame-Options", "SAMEORIGIN"), *cookies, *(headers or [])])

    def _text(self, text: str, content_type: str) -> Response:
        return Response(200, content_type, text.encode("utf-8"), compressible=True,
                        headers=[("Cache-Control", "max-age=3600")])

    def _redirect(self, location: str) -> Response:
        return Response(301, None, headers=[("Location", location), ("Expires", DRUPAL_EXPIRES),
                                            ("Cache-Control", "no-cache, must-revalidate")])

    def _not_found(self, path: str) -> Response:
        if FILE_LIKE.search(path) or path.startswith("/sites/"):
            return Response(404, HTML, render.fast_404(path).encode(), compressible=True)
        return self._html(render.not_found_page(self.chrome, path), status=404)


def _int(text: str, default):
    return int(text) if text.isdigit() else default


def _page(query: dict[str, list[str]]) -> int:
    return _int(query.get("page", ["0"])[0], 0)
