"""What every family's pages share: the article's text as served, dates, responses, the manifest."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from urllib.parse import parse_qs, unquote, urlsplit

from .. import assets
from ..article_body import BYLINE_STYLES
from ..content import Article, ArticleStub, Site
from ..manifest import build_manifest
from ..markup import esc, rich_text
from ..routes import HTML, Response

PAGE_SIZE = 10


def body_html(article: Article) -> str:
    """The article's paragraphs as an editor typed them, the byline lines right-aligned at the end."""
    parts = [f"<p>{rich_text(p)}</p>" for p in article.raw_paragraphs]
    style = BYLINE_STYLES[article.nid % len(BYLINE_STYLES)]
    parts += [style.format(esc(line)) for line in article.byline_lines]
    return "\n".join(parts)


def dmy_hm(moment: datetime, between: str = " ") -> str:
    return f"{moment:%d/%m/%Y}{between}{moment:%H:%M}"


def object_id(stub: ArticleStub) -> str:
    """A 24-hex id as MongoDB makes them: the creation time's Unix seconds, then 8 bytes of our own."""
    tail = hashlib.sha1(f"demo:{stub.nid}".encode()).hexdigest()[:16]
    return f"{int(stub.published.timestamp()):08x}{tail}"


def pages_of(stubs, page: int) -> tuple[list[ArticleStub], int]:
    """One page (1-based) of a newest-first listing, and the number of pages."""
    count = max(1, -(-len(stubs) // PAGE_SIZE))
    return list(stubs[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]), count


def html(text: str, status: int = 200) -> Response:
    return Response(status, HTML, text.encode("utf-8"), compressible=True, drupal=False,
                    headers=[("Cache-Control", "private, max-age=0")])


def json_response(data) -> Response:
    return Response(200, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode(),
                    compressible=True, drupal=False)


def not_found(title: str = "Không tìm thấy trang") -> Response:
    return html(f"<!DOCTYPE html><html lang=\"vi\"><head><title>{esc(title)}</title></head>"
                f"<body><h1>404</h1><p>{esc(title)}</p></body></html>", status=404)


def target_parts(target: str) -> tuple[str, dict[str, list[str]]]:
    split = urlsplit(target)
    return unquote(split.path) or "/", parse_qs(split.query)


def number(query: dict[str, list[str]], name: str, default: int = 1) -> int:
    value = query.get(name, [""])[0]
    return int(value) if value.isdigit() and int(value) > 0 else default


class FamilyPortal:
    """A family's router: `page` (its own GET/HEAD pages, behind `handle`), `handle_post`, and the manifest with the family's URLs."""

    breadcrumb_root = "Trang chủ"
    # Its pages show the time to the minute only: so does the truth.
    shows_seconds = True

    def __init__(self, site: Site, base_url: Callable[[], str]):
        self.site = site
        self._base_url = base_url

    # The theme's files every page asks for (path -> content type), served so that replay looks right.
    theme_files: dict[str, str] = {}

    def article_path(self, stub: ArticleStub) -> str:
        raise NotImplementedError

    def theme_file(self, path: str) -> Response | None:
        content_type = self.theme_files.get(path)
        if content_type is None:
            return None
        body = assets.png(32, 32, (20, 80, 160, 255)) if content_type == "image/png" else f"/* {type(self).family} demo theme */\n".encode()
        return Response(200, content_type, body, drupal=False, headers=[("Cache-Control", "max-age=1209600")])

    def breadcrumb(self, stub: ArticleStub) -> list[str]:
        return [self.breadcrumb_root, stub.category.name]

    def handle(self, target: str, host: str | None) -> Response:
        """The manifest and the theme's files, as every family serves them, then the family's own pages."""
        path, query = target_parts(target)
        if path == "/__manifest__.json":
            return self.manifest_response(host)
        return self.theme_file(path) or self.page(path, query)

    def page(self, path: str, query: dict[str, list[str]]) -> Response:
        raise NotImplementedError

    def handle_post(self, target: str, host: str | None, body: bytes) -> Response:
        return Response(405, HTML, b"Method Not Allowed", drupal=False, headers=[("Allow", "GET, HEAD")])

    def manifest_response(self, host: str | None) -> Response:
        origin = f"http://{host}/" if host else self._base_url()
        return json_response(self.manifest(origin))

    def manifest(self, base_url: str) -> dict:
        manifest = build_manifest(self.site, base_url)
        root = base_url.rstrip("/")
        by_nid = {stub.nid: stub for stub in self.site.stubs}
        for record in manifest["articles"]:
            stub = by_nid[record["nid"]]
            record.update(url=root + self.article_path(stub), images=[], attachments=[], tags=[],
                          breadcrumb=self.breadcrumb(stub))
            if not self.shows_seconds:
                record["published_at"] = stub.published.replace(second=0).isoformat()
        manifest.update(family=type(self).family, pages=[], missing=[], redirects={})
        return manifest

    def manifest_extra(self, base_url: str) -> dict:
        return {}
