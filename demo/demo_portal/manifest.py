"""The ground-truth manifest: what a correct crawl and extraction of the demo yields.

All strings are NFC with whitespace collapsed. The JSON can be streamed
article by article (``iter_manifest_json``) so a 20,000-article manifest is
never held in memory twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .content import Article, Site

GENERATOR = "portal-archive demo portal"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def article_record(article: Article, base_url: str) -> dict:
    stub = article.stub
    images = []
    for index, image in enumerate(article.images):
        # The first image is the image field (large style); others sit in the body.
        src = image.style_path("large") if index == 0 else image.original_path
        # An empty alt attribute marks a decorative image: records say null, never "".
        images.append({"url": absolute(base_url, src), "caption": image.caption,
                       "alt": image.alt or None})
    return {
        "nid": stub.nid,
        "url": absolute(base_url, stub.path),
        "title": stub.title,
        "lead": article.lead,
        "paragraphs": list(article.paragraphs),
        "body_text": article.body_text,
        "author": article.author,
        "source": article.source,
        "published_at": stub.published.isoformat(),
        "category": stub.category.name,
        "breadcrumb": ["Trang chủ", "Tin tức", stub.category.name],
        "tags": [tag.name for tag in article.tags],
        "images": images,
        "attachments": [{"url": absolute(base_url, a.path), "title": a.title,
                         "media_type": a.media_type} for a in article.attachments],
        "text_form": stub.text_form,
    }


def redirects(site: Site, base_url: str) -> dict[str, str]:
    """Every redirect the server answers for a known target (all 301)."""
    moved = {}
    for stub in site.stubs:
        moved[absolute(base_url, f"/node/{stub.nid}")] = absolute(base_url, stub.path)
    for page in site.pages:
        moved[absolute(base_url, f"/node/{page.nid}")] = absolute(base_url, page.path)
    for stub in site.front_page_query_links():
        moved[absolute(base_url, f"/?q=node/{stub.nid}")] = absolute(base_url, stub.path)
    for category in site.categories:
        moved[absolute(base_url, f"/taxonomy/term/{category.tid}")] = absolute(
            base_url, category.path)
    for path, target in site.withdrawn.items():
        moved[absolute(base_url, path)] = absolute(base_url, target)
    return moved


def _head(site: Site, base_url: str) -> dict:
    return {
        "generator": GENERATOR,
        "seed": site.seed,
        "edition": site.edition,
        "articles_count": len(site.stubs),  # edition 2 adds articles to the --articles ones
        "base_url": base_url,
        "categories": [{"name": c.name, "slug": c.slug, "url": absolute(base_url, c.path)}
                       for c in site.categories],
    }


def _tail(site: Site, base_url: str) -> dict:
    return {
        "pages": [absolute(base_url, page.path) for page in site.pages],
        "missing": [absolute(base_url, stub.path) for stub in site.deleted],
        "redirects": redirects(site, base_url),
        # What changed since the edition before (empty lists for edition 1): new and edited
        # articles, and (lifecycle.py) removed, unlisted and restored ones; `details`: how each
        # edition-3 article was revised or removed.
        "changes": {name: [absolute(base_url, stub.path) for stub in getattr(site, name)]
                    for name in ("added", "edited", "removed", "unlisted", "restored")}
                   | {"details": _details(site, base_url)},
    }


def _details(site: Site, base_url: str) -> dict[str, str]:
    details = {absolute(base_url, stub.path): stub.revision for stub in site.edited if stub.revision}
    for stub in site.removed:
        details[absolute(base_url, stub.path)] = "redirect" if stub.path in site.withdrawn else "404"
    return details


def build_manifest(site: Site, base_url: str, extra: dict | None = None) -> dict:
    """``extra``: sections the fault and trap layers add (what they injected where), when enabled."""
    manifest = _head(site, base_url)
    manifest["articles"] = [article_record(site.article(s.nid), base_url) for s in site.stubs]
    manifest.update(_tail(site, base_url))
    manifest.update(extra or {})
    return manifest


def iter_manifest_json(site: Site, base_url: str, batch: int = 200,
                       extra: dict | None = None) -> Iterator[bytes]:
    """The same JSON as ``json.dumps(build_manifest(...))``, in pieces."""
    head = json.dumps(_head(site, base_url), ensure_ascii=False)
    yield (head[:-1] + ', "articles": [').encode()
    for start in range(0, len(site.stubs), batch):
        records = (json.dumps(article_record(site.article(s.nid), base_url), ensure_ascii=False)
                   for s in site.stubs[start:start + batch])
        yield ((", " if start else "") + ", ".join(records)).encode()
    tail = json.dumps({**_tail(site, base_url), **(extra or {})}, ensure_ascii=False)
    yield ("], " + tail[1:]).encode()
