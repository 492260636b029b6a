"""The demo portal's site model: categories, tags, articles, pages.

``build_site`` plans every article cheaply (node id, category, date, headline,
slug, tags, how many images and attachments): that is all listings, sitemaps
and URL lookups need. The text of an article (lead, paragraphs, byline,
captions) is generated only when asked for, by ``Site.article(nid)``, from a
random generator seeded with ``"<seed>:<nid>"``; the headline is drawn from
the same generator, so replaying it reproduces the plan exactly. Everything
is deterministic for ``(articles, seed, edition)``.

Editions model re-crawls of the same portal. Edition 1 is the site as first
crawled. Edition 2 is the same portal some days later (January 2026):
``max(3, articles // 50)`` articles were added (node ids after the basic
pages, so no existing URL changes meaning) and the articles with
``nid % 40 == 7`` were edited (a dated "(Cập nhật lúc ...: ...)" correction
appended to their last paragraph; ``ArticleStub.updated`` is the edit time).
Everything else about an edition-1 article is unchanged in edition 2, except that
one is unlisted. Edition 3 revises, removes, unlists and restores a few more
(lifecycle.py).

Raw strings (``raw_paragraphs``, ``raw_lead``) keep the stray double spaces and
no-break spaces that the pages serve; the truth properties (``paragraphs``,
``lead``) are collapsed, as a correct extractor should output them.
"""

from __future__ import annotations

import base64
import hashlib
import random
import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone

from . import lifecycle
from . import vocabulary as vocab
from .seed_article import SEED_BYLINE, SEED_AUTHOR, SEED_PARAGRAPHS, SEED_PUBLISHED, SEED_TITLE

TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2025, 12, 31)
SEED_NID = 1
NFD_EVERY = 25  # every 25th node is served in Unicode NFD
MAX_DELETED = 5
EDITIONS = (1, 2, 3)
EDITION_2_START = date(2026, 1, 1)  # edition 2's additions and edits fall in its first week
EDITION_2_DAYS = 7
EDIT_MODULUS, EDIT_REMAINDER = 40, 7  # edition 2 edits the articles with nid % 40 == 7
TAG_TID_OFFSET = 100  # categories are terms 1..7, tags 101..


def collapse(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) to one space."""
    return " ".join(text.split())


def slugify(text: str, max_length: int = 100) -> str:
    """Pathauto-style ASCII slug: no diacritics, đ→d, words joined by '-'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def thousands(number: int) -> str:
    """Vietnamese digit grouping: 12345 -> '12.345'."""
    return f"{number:,}".replace(",", ".")


def decimal_vi(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class Category:
    tid: int
    name: str
    slug: str

    @property
    def path(self) -> str:
        return f"/tin-tuc/{self.slug}"


@dataclass(frozen=True, slots=True)
class Tag:
    tid: int
    name: str

    @property
    def path(self) -> str:
        return f"/taxonomy/term/{self.tid}"


@dataclass(frozen=True, slots=True)
class Image:
    nid: int
    number: int  # 1-based position in the article
    month: str  # upload folder, "2020-01"
    caption: str
    alt: str

    @property
    def file_name(self) -> str:
        return f"anh-{self.nid}-{self.number}.jpg"

    @property
    def original_path(self) -> str:
        return f"/sites/default/files/{self.month}/{self.file_name}"

    def style_path(self, style: str) -> str:
        """An image-style derivative URL; Drupal adds an ``itok`` token."""
        return (f"/sites/default/files/styles/{style}/public/{self.month}/"
                f"{self.file_name}?itok={image_token(style, self.month, self.file_name)}")


def image_token(style: str, month: str, file_name: str) -> str:
    digest = hashlib.sha256(f"{style}:{month}/{file_name}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:8]


@dataclass(frozen=True, slots=True)
class Attachment:
    title: str  # the link text, e.g. "Quyết định số 1234-QĐ-UBND.pdf"
    file_name: str  # "quyet-dinh-so-1234-qd-ubnd.pdf"
    media_type: str = "application/pdf"

    @property
    def path(self) -> str:
        return f"/sites/default/files/van-ban/{self.file_name}"


def attachment_for(nid: int, index: int, kind_index: int) -> Attachment:
    kind, code = vocab.DOCUMENT_KINDS[kind_index]
    number = attachment_number(nid, index)
    title = f"{kind} số {number}-{code}"
    return Attachment(title=f"{title}.pdf", file_name=f"{slugify(title)}.pdf")


def attachment_number(nid: int, index: int) -> int:
    """Document numbers are unique per (nid, index), so file names are too."""
    return 100 + nid * 3 + index


@dataclass(frozen=True, slots=True)
class ArticleStub:
    """The cheap part of an article, planned for every node up front."""

    nid: int
    title: str
    slug: str
    category: Category
    published: datetime
    tag_tids: tuple[int, ...]
    image_count: int
    attachment_kinds: tuple[int, ...]  # index into DOCUMENT_KINDS per attachment
    deleted: bool = False
    updated: datetime | None = None  # when a later edition edited the article
    # Served but linked from no listing, feed or sitemap (lifecycle.py); not part of the ETag.
    unlisted: bool = field(default=False, repr=False)
    revision: str | None = None  # edition 3's revision (lifecycle.REVISIONS), made at `revised`
    revised: datetime | None = None

    @property
    def modified(self) -> datetime:
        """The node's "changed" time (Last-Modified): saved 2 hours after publishing, or edited."""
        return self.revised or self.updated or self.published + timedelta(hours=2)

    @property
    def path(self) -> str:
        return f"{self.category.path}/{self.slug}"

    @property
    def text_form(self) -> str:
        return "NFD" if self.nid % NFD_EVERY == 0 else "NFC"

    @property
    def image_month(self) -> str:
        return self.published.strftime("%Y-%m")

    def attachments(self) -> tuple[Attachment, ...]:
        return tuple(attachment_for(self.nid, index, kind)
                     for index, kind in enumerate(self.attachment_kinds))


@dataclass(frozen=True, slots=True)
class Article:
    """A full article. ``raw_*`` fields are as served; properties are truth."""

    stub: ArticleStub
    raw_lead: str | None
    raw_paragraphs: tuple[str, ...]
    byline_lines: tuple[str, ...]
    author: str | None
    source: str | None
    tags: tuple[Tag, ...]
    images: tuple[Image, ...]
    inline_image_after: tuple[int, ...]  # images[1:] follow these paragraph indexes
    attachments: tuple[Attachment, ...]
    lead: str | None = field(init=False)  # truth: collapsed
    paragraphs: tuple[str, ...] = field(init=False)  # truth: collapsed

    def __post_init__(self) -> None:
        object.__setattr__(self, "lead", collapse(self.raw_lead) if self.raw_lead else None)
        object.__setattr__(self, "paragraphs", tuple(collapse(p) for p in self.raw_paragraphs))

    @property
    def nid(self) -> int:
        return self.stub.nid

    @property
    def title(self) -> str:
        return self.stub.title

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class BasicPage:
    """A Drupal "Basic page" node (node-type-page): no date, not an article."""

    nid: int
    path: str
    title: str
    paragraphs: tuple[str, ...]


class LruCache:
    """A small thread-safe LRU map."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)


@dataclass
class Site:
    seed: int
    articles_count: int
    categories: tuple[Category, ...]
    tags: tuple[Tag, ...]
    stubs: tuple[ArticleStub, ...]  # live articles, stubs[nid - 1]
    deleted: tuple[ArticleStub, ...]  # removed nodes some related blocks still link
    pages: tuple[BasicPage, ...]
    related_deleted: dict[int, tuple[ArticleStub, ...]]
    name: str = vocab.SITE_NAME
    province: str = vocab.PROVINCE
    edition: int = 1
    added: tuple[ArticleStub, ...] = ()  # new in this edition (also in stubs)
    edited: tuple[ArticleStub, ...] = ()  # changed in this edition (also in stubs)
    # What this edition took away or gave back (lifecycle.py): removed ones are in `deleted`,
    # the others in `stubs`; `withdrawn`: path of a removed article -> the listing it redirects to.
    removed: tuple[ArticleStub, ...] = ()
    unlisted: tuple[ArticleStub, ...] = ()
    restored: tuple[ArticleStub, ...] = ()
    withdrawn: dict[str, str] = field(default_factory=dict)
    by_path: dict[str, ArticleStub] = field(default_factory=dict, repr=False)
    by_category: dict[int, tuple[ArticleStub, ...]] = field(default_factory=dict, repr=False)
    by_tag: dict[int, tuple[ArticleStub, ...]] = field(default_factory=dict, repr=False)
    newest: tuple[ArticleStub, ...] = field(default=(), repr=False)
    terms: dict[int, Category | Tag] = field(default_factory=dict, repr=False)
    _by_nid: dict[int, ArticleStub] = field(default_factory=dict, repr=False)
    _position: dict[int, int] = field(default_factory=dict, repr=False)  # in its category
    _siblings: dict[int, tuple[ArticleStub, ...]] = field(default_factory=dict, repr=False)  # unlisted too
    _articles: LruCache = field(default_factory=lambda: LruCache(4096), repr=False)

    def __post_init__(self) -> None:
        newest_first = lambda stub: (stub.published, stub.nid)  # noqa: E731
        self.by_path = {stub.path: stub for stub in self.stubs + self.deleted}
        self._by_nid = {stub.nid: stub for stub in self.stubs}
        every = tuple(sorted(self.stubs, key=newest_first, reverse=True))
        self.newest = tuple(s for s in every if not s.unlisted)
        self.terms = {term.tid: term for term in self.categories + self.tags}
        for category in self.categories:
            siblings = tuple(s for s in every if s.category.tid == category.tid)
            self._siblings[category.tid] = siblings  # an unlisted article's page has neighbours too
            self.by_category[category.tid] = tuple(s for s in siblings if not s.unlisted)
            self._position.update((s.nid, index) for index, s in enumerate(siblings))
        for tag in self.tags:
            self.by_tag[tag.tid] = tuple(s for s in self.newest if tag.tid in s.tag_tids)

    @property
    def today(self) -> date:
        """The date in the header's date bar: the day of the newest article."""
        return self.newest[0].published.date() if self.newest else LAST_DAY

    def stub(self, nid: int) -> ArticleStub | None:
        """A live article by node id (edition-2 additions have ids after the basic pages)."""
        return self._by_nid.get(nid)

    def article(self, nid: int) -> Article:
        article = self._articles.get(nid)
        if article is None:
            article = generate_article(self, self._by_nid[nid])
            self._articles.put(nid, article)
        return article

    def category_by_slug(self, slug: str) -> Category | None:
        return next((c for c in self.categories if c.slug == slug), None)

    def term(self, tid: int) -> Category | Tag | None:
        return self.terms.get(tid)

    def page_by_path(self, path: str) -> BasicPage | None:
        return next((p for p in self.pages if p.path == path), None)

    def related(self, stub: ArticleStub, count: int = 4) -> list[ArticleStub]:
        """ "Tin liên quan": newer neighbours in the category, plus dead links."""
        siblings = self._siblings[stub.category.tid]
        position = self._position[stub.nid]
        chosen = [s for s in siblings[max(0, position - count):position]]
        chosen += [s for s in siblings[position + 1:position + 1 + count - len(chosen)]]
        return list(self.related_deleted.get(stub.nid, ())) + [s for s in chosen[:count] if not s.unlisted]

    def others(self, stub: ArticleStub, count: int = 5) -> list[ArticleStub]:
        """ "Các tin khác": the next older articles of the category."""
        siblings = self._siblings[stub.category.tid]
        position = self._position[stub.nid]
        older = list(siblings[position + 1 + 4:position + 1 + 4 + count])
        chosen = older or [s for s in siblings if s is not stub][-count:]
        return [s for s in chosen if not s.unlisted]

    def front_page_short_links(self) -> list[ArticleStub]:
        """Articles the home page links by ``/node/NNN`` rather than alias."""
        return list(self.newest[1:5:2])

    def front_page_query_links(self) -> list[ArticleStub]:
        """Articles the home page links by ``/?q=node/NNN`` (non-clean URLs)."""
        notices = self.by_category[self.categories[5].tid]
        return list(notices[1:3])


def build_site(articles: int = 650, seed: int = 2020, edition: int = 1) -> Site:
    """Plan a deterministic site of ``articles`` live articles, as of ``edition`` (1, 2 or 3)."""
    if articles < 1:
        raise ValueError("articles must be at least 1")
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(map(str, EDITIONS))}, not {edition!r}")
    site_rng = random.Random(f"{seed}:site")
    categories = tuple(Category(tid, name, slug)
                       for tid, (name, slug) in enumerate(vocab.CATEGORIES, start=1))
    tags = tuple(Tag(TAG_TID_OFFSET + i, name) for i, name in enumerate(vocab.TAGS, start=1))
    plan = _plan_categories_and_dates(site_rng, categories, articles)

    used_slugs: set[str] = set()
    stubs = [_seed_stub(categories, used_slugs)]
    for nid in range(2, articles + 1):
        category, published = plan[nid]
        stubs.append(_plan_stub(seed, nid, category, published, used_slugs))

    deleted, related_deleted = _plan_deleted(seed, site_rng, stubs, used_slugs)
    next_nid = articles + len(deleted) + 1
    pages = (
        BasicPage(next_nid, "/gioi-thieu", "Giới thiệu", _ABOUT_PARAGRAPHS),
        BasicPage(next_nid + 1, "/lien-he", "Liên hệ", _CONTACT_PARAGRAPHS),
    )
    added, edited = [], []
    if edition >= 2:  # everything above is edition 1, planned exactly as before
        added = _plan_additions(seed, categories, articles, next_nid + len(pages), used_slugs)
        edited = _plan_edits(seed, stubs, before=added[-1].published)
        for stub in edited:
            stubs[stub.nid - 1] = stub
        stubs += added
    changes = lifecycle.Lifecycle()
    if edition >= 2:
        changes.unlisted = lifecycle.edition_2_unlisted(stubs)
        stubs = _replaced(stubs, changes.unlisted)
    if edition >= 3:
        # Edition 3's changes are its own; edition 2's edits and additions stay as they were.
        changes = lifecycle.plan_edition_3(stubs, _ordinary, lambda stub: _draw_paragraphs(*_plan_again(seed, stub)))
        edited = changes.revised
        stubs = [s for s in _replaced(stubs, changes.revised + changes.unlisted + changes.restored)
                 if s.nid not in {r.nid for r in changes.removed}]
        deleted += changes.removed
        added = []
    return Site(seed=seed, articles_count=articles, categories=categories, tags=tags,
                stubs=tuple(stubs), deleted=tuple(deleted), pages=pages,
                related_deleted=related_deleted, edition=edition, added=tuple(added),
                edited=tuple(edited), removed=tuple(changes.removed), unlisted=tuple(changes.unlisted),
                restored=tuple(changes.restored), withdrawn=changes.withdrawn)


def _replaced(stubs: list[ArticleStub], changed: list[ArticleStub]) -> list[ArticleStub]:
    by_nid = {stub.nid: stub for stub in changed}
    return [by_nid.get(stub.nid, stub) for stub in stubs]


def _ordinary(stub: ArticleStub) -> bool:
    """An article edition 3 may revise, remove or unlist: not the seed, an edition-2 edit or an NFD page."""
    return (stub.nid != SEED_NID and stub.nid % EDIT_MODULUS != EDIT_REMAINDER
            and stub.text_form == "NFC" and stub.updated is None)


def _plan_again(seed: int, stub: ArticleStub) -> tuple[random.Random, ArticleStub, dict[str, str]]:
    """The generator of an article positioned after its plan's draws, as generate_article has it."""
    rng = random.Random(f"{seed}:{stub.nid}")
    slots = _draw_plan(rng, stub.category, stub.published)[0]
    return rng, stub, slots


def _plan_edits(seed, stubs, before: datetime) -> list[ArticleStub]:
    """Edition 2's edits: the articles with nid % 40 == 7 (never the seed article).

    Edits fall in edition 2's week, before its newest article (the header's date).
    """
    edited = []
    for stub in stubs:
        if stub.nid == SEED_NID or stub.nid % EDIT_MODULUS != EDIT_REMAINDER:
            continue
        rng = random.Random(f"{seed}:edit:{stub.nid}")
        day = EDITION_2_START + timedelta(days=rng.randrange(EDITION_2_DAYS))
        moment = time(rng.randint(7, 20), rng.randint(0, 59), rng.randint(0, 59))
        updated = min(datetime.combine(day, moment, TZ), before - timedelta(minutes=30))
        edited.append(replace(stub, updated=updated))
    return edited


def _plan_additions(seed, categories, articles, first_nid, used_slugs) -> list[ArticleStub]:
    """Edition 2's new articles: published in its first week, after every edition-1 node.

    Node ids continue after the basic pages and grow with the publication time; categories
    are taken in a shuffled round so the additions spread over them.
    """
    rng = random.Random(f"{seed}:edition-2")
    count = max(3, articles // 50)
    order = list(categories)
    rng.shuffle(order)
    start = datetime.combine(EDITION_2_START, time(0, 0), TZ)
    moments = sorted(start + timedelta(days=index * (EDITION_2_DAYS - 1) // (count - 1),
                                       seconds=rng.randint(7 * 3600, 21 * 3600))
                     for index in range(count))
    return [_plan_stub(seed, first_nid + index, order[index % len(order)], moment, used_slugs)
            for index, moment in enumerate(moments)]


def _plan_categories_and_dates(rng, categories, articles):
    """Nodes are created in date order, like a real site: nid grows with time."""
    span_days = (LAST_DAY - FIRST_DAY).days + 1
    later = max(articles - 1, 1)
    # The first articles cover every category once, so small sites have them all.
    order = list(categories)
    rng.shuffle(order)
    weights = (3, 3, 2, 2, 2, 1, 2)
    plan = {}
    for nid in range(2, articles + 1):
        if nid - 2 < len(order):
            category = order[nid - 2]
        else:
            category = rng.choices(categories, weights=weights)[0]
        day = FIRST_DAY + timedelta(days=int((nid - 2 + rng.random()) * span_days / later))
        moment = time(rng.randint(6, 21), rng.randint(0, 59), rng.randint(0, 59))
        plan[nid] = (category, datetime.combine(min(day, LAST_DAY), moment, TZ))
    return plan


def _unique_slug(title: str, nid: int, used: set[str]) -> str:
    """Pathauto's alias, made unique by appending the node id on a collision."""
    base = slugify(title)
    slug, attempt = base, 0
    while slug in used:
        attempt += 1
        slug = f"{base}-{nid}" if attempt == 1 else f"{base}-{nid}-{attempt}"
    used.add(slug)
    return slug


def _seed_stub(categories, used_slugs) -> ArticleStub:
    category = next(c for c in categories if c.name == "An ninh - Quốc phòng")
    tags = tuple(TAG_TID_OFFSET + vocab.TAGS.index(name) + 1
                 for name in ("An ninh trật tự", "Hội nghị"))
    return ArticleStub(
        nid=SEED_NID, title=SEED_TITLE, slug=_unique_slug(SEED_TITLE, SEED_NID, used_slugs),
        category=category, published=datetime.fromisoformat(SEED_PUBLISHED),
        tag_tids=tags, image_count=0, attachment_kinds=())


def _plan_stub(seed, nid, category, published, used_slugs, deleted=False) -> ArticleStub:
    rng = random.Random(f"{seed}:{nid}")
    slots, title, tag_tids, image_count, kinds = _draw_plan(rng, category, published)
    return ArticleStub(nid=nid, title=title, slug=_unique_slug(title, nid, used_slugs),
                       category=category, published=published, tag_tids=tag_tids,
                       image_count=image_count, attachment_kinds=kinds, deleted=deleted)


def _plan_deleted(seed, rng, stubs, used_slugs):
    """A few nodes were deleted after other articles' related blocks linked them."""
    count = min(MAX_DELETED, len(stubs) // 6)
    anchors = rng.sample(stubs[1:], count) if count else []
    deleted, related = [], {}
    for offset, anchor in enumerate(anchors, start=1):
        published = min(anchor.published + timedelta(days=1, hours=3),
                        datetime.combine(LAST_DAY, time(23, 0), TZ))
        gone = _plan_stub(seed, len(stubs) + offset, anchor.category, published,
                          used_slugs, deleted=True)
        deleted.append(gone)
        related.setdefault(anchor.nid, ())
        related[anchor.nid] += (gone,)
    return deleted, related


def _draw_plan(rng: random.Random, category: Category, published: datetime):
    """The draws shared by planning and full generation (same order in both)."""
    slots = _draw_slots(rng, published)
    title = rng.choice(vocab.TITLES[category.slug]).format(**slots)
    if not title.endswith(".") and rng.random() < 0.12:
        title += "."  # editors sometimes end headlines with a full stop
    tag_count = rng.choice((0, 1, 1, 2, 2, 3, 4))
    tag_tids = tuple(sorted(TAG_TID_OFFSET + 1 + i
                            for i in rng.sample(range(len(vocab.TAGS)), tag_count)))
    image_count = rng.choice((0, 1, 1, 1, 2, 2, 3))
    heavy = category.slug in ("thong-bao", "chi-dao-dieu-hanh")
    attachment_count = rng.choice((0, 1, 1, 2) if heavy else (0, 0, 0, 0, 0, 0, 1))
    kinds = tuple(rng.randrange(len(vocab.DOCUMENT_KINDS)) for _ in range(attachment_count))
    return slots, title, tag_tids, image_count, kinds


def _draw_slots(rng: random.Random, published: datetime) -> dict[str, str]:
    year, month = published.year, published.month
    leader_name, position = rng.choice(vocab.LEADERS)
    district = rng.choice(vocab.DISTRICTS)
    company = rng.choice(vocab.COMPANIES)
    months = rng.choice((3, 6, 9))
    school_start = year if month >= 8 else year - 1
    month2 = rng.randint(month, 12)
    return {
        "province": vocab.PROVINCE, "year": str(year), "prev_year": str(year - 1),
        "next_year": str(year + 1), "month": str(month), "day": str(published.day),
        "month2": f"{month2:02d}", "day2": str(rng.randint(1, 14)),
        "day3": str(rng.randint(15, 28)),
        "district": district, "District": district[0].upper() + district[1:],
        "commune": rng.choice(vocab.COMMUNES), "department": rng.choice(vocab.DEPARTMENTS),
        "leader": f"{leader_name} - {position}", "leader_name": leader_name,
        "person": rng.choice(vocab.PEOPLE), "ministry": rng.choice(vocab.MINISTRIES),
        "other_province": rng.choice(vocab.OTHER_PROVINCES),
        "company": company, "Company": company, "project": rng.choice(vocab.PROJECTS),
        "festival": rng.choice(vocab.FESTIVALS), "model": rng.choice(vocab.MODELS),
        "disease": rng.choice(vocab.DISEASES), "disaster": rng.choice(vocab.DISASTERS),
        "venue": rng.choice(vocab.VENUES), "season": rng.choice(vocab.SEASONS),
        "school_year": f"{school_start}-{school_start + 1}",
        "small": str(rng.randint(2, 30)), "small2": str(rng.randint(2, 40)),
        "big": thousands(rng.randint(1200, 98000)), "crowd": thousands(rng.randint(150, 5000)),
        "gifts": thousands(rng.randint(100, 2000)),
        "gift_value": thousands(rng.choice((300, 500, 1000, 1500)) * 1000),
        "pct": decimal_vi(rng.uniform(85, 99.9)), "pct_small": decimal_vi(rng.uniform(2, 15)),
        "months": str(months), "period": f"{months} tháng đầu năm {year}",
        "yield_": decimal_vi(rng.uniform(52, 68)), "doc_no": str(rng.randint(120, 3500)),
    }


def generate_article(site: Site, stub: ArticleStub) -> Article:
    """The full article for a planned stub (deterministic, from its seed)."""
    if stub.nid == SEED_NID:
        return _seed_article(site, stub)
    rng = random.Random(f"{site.seed}:{stub.nid}")
    slots, _title, _tags, _images, _kinds = _draw_plan(rng, stub.category, stub.published)
    paragraphs = _draw_paragraphs(rng, stub, slots)
    wants_lead = rng.random() < 0.55 and stub.category.slug != "thong-bao"
    lead = _draw_lead(rng, stub, slots) if wants_lead else None
    byline_lines, author, source = _draw_byline(rng)
    images = tuple(_draw_image(rng, stub, number, slots)
                   for number in range(1, stub.image_count + 1))
    last_slot = max(len(paragraphs) - 2, 0)
    inline_after = tuple(sorted(rng.randint(0, last_slot) for _ in images[1:]))
    if stub.updated is not None:  # after every draw, so the rest of the article is unchanged
        paragraphs = paragraphs[:-1] + (f"{paragraphs[-1]} {correction_note(stub)}",)
    paragraphs = lifecycle.revise_paragraphs(paragraphs, stub.revision)
    return Article(
        stub=stub, raw_lead=lead, raw_paragraphs=paragraphs, byline_lines=byline_lines,
        author=author, source=source, tags=tuple(site.term(t) for t in stub.tag_tids),
        images=images, inline_image_after=inline_after, attachments=stub.attachments())


CORRECTIONS = (
    "điều chỉnh số liệu theo báo cáo chính thức của cơ quan chức năng",
    "bổ sung ý kiến chỉ đạo của lãnh đạo UBND tỉnh",
    "đính chính chức danh và tên địa danh cho chính xác",
    "bổ sung thông tin về thời gian, địa điểm tổ chức",
)


def correction_note(stub: ArticleStub) -> str:
    """The editor's dated note an edited article ends with (edition 2)."""
    reason = CORRECTIONS[stub.nid // EDIT_MODULUS % len(CORRECTIONS)]
    return f"(Cập nhật lúc {stub.updated:%H:%M} ngày {stub.updated:%d/%m/%Y}: {reason}.)"


def _seed_article(site: Site, stub: ArticleStub) -> Article:
    return Article(stub=stub, raw_lead=None, raw_paragraphs=SEED_PARAGRAPHS,
                   byline_lines=(SEED_BYLINE,), author=SEED_AUTHOR, source=None,
                   tags=tuple(site.term(t) for t in stub.tag_tids), images=(),
                   inline_image_after=(), attachments=())


def _draw_paragraphs(rng, stub, slots) -> tuple[str, ...]:
    pool = vocab.CATEGORY_SENTENCES[stub.category.slug] + vocab.GENERAL_SENTENCES
    order = rng.sample(pool, len(pool))  # each sentence used once, as far as it goes
    paragraphs = []
    for index in range(rng.randint(2, 8)):
        take = rng.randint(1, 3)
        chosen = [order[(index * 3 + k) % len(order)].format(**slots) for k in range(take)]
        paragraphs.append(" ".join(chosen))
    if rng.random() < 0.5:
        paragraphs[-1] += " " + rng.choice(vocab.CLOSING_SENTENCES).format(**slots)
    if rng.random() < 0.3:
        paragraphs[-1] += "/."  # "./." closes many official texts
    if rng.random() < 0.4:
        paragraphs = [_stray_spaces(rng, p) for p in paragraphs]
    return tuple(paragraphs)


def _stray_spaces(rng: random.Random, text: str) -> str:
    """Editor debris: a few spaces doubled or turned into no-break spaces."""
    words = text.split(" ")
    for _ in range(rng.randint(0, 3)):
        gap = rng.randrange(1, len(words)) if len(words) > 1 else 0
        if gap:
            words[gap] = rng.choice(("  ", " \xa0", "\xa0 ", "\xa0")) + words[gap]
    return " ".join(words)


def _draw_lead(rng, stub, slots) -> str:
    opener = rng.choice(vocab.LEAD_OPENERS).format(**slots)
    closer = rng.choice(vocab.LEAD_CLOSERS).format(**slots)
    lead = f"{opener}, {_as_clause(stub.title)}."
    if closer:
        lead += " " + closer
    if rng.random() < 0.3:
        lead = lead.replace(", ", ",  ", 1)  # a stray double space in the lead too
    return lead


_KEEP_CAPITAL = {"Chủ", "Phó", "Công", "Bệnh", "Tỉnh", "Sở", "Lãnh", "Nông", "Kỳ", "Đoàn"}


def _as_clause(title: str) -> str:
    """A headline as the rest of a sentence: no final stop, common nouns lowered."""
    title = title.rstrip(".")
    first = title.split(" ", 1)[0]
    if first in _KEEP_CAPITAL or first.isupper() or first[0].isdigit():
        return title
    return title[0].lower() + title[1:]


def _draw_byline(rng) -> tuple[tuple[str, ...], str | None, str | None]:
    """The byline lines as printed, and the truth (author, source)."""
    reporter = rng.choice(vocab.REPORTERS)
    capitals = rng.choice(vocab.REPORTERS_IN_CAPITALS)
    outlet = rng.choice(vocab.OUTLETS)
    form = rng.choices(
        ("th", "tin_anh", "tin", "nguon", "theo", "pv", "bbt", "caps", "name_and_source", "none"),
        weights=(18, 15, 12, 12, 8, 6, 4, 10, 10, 5))[0]
    if form == "th":
        return (f"T/h: {reporter}",), reporter, None
    if form == "tin_anh":
        return (f"Tin, ảnh: {reporter}",), reporter, None
    if form == "tin":
        return (f"Tin: {reporter}",), reporter, None
    if form == "nguon":
        return (f"Nguồn: {outlet}",), None, outlet
    if form == "theo":
        return (f"Theo {outlet}",), None, outlet
    if form == "pv":
        return ("PV",), "PV", None
    if form == "bbt":
        return ("BBT",), "BBT", None
    if form == "caps":
        return (capitals,), capitals, None
    if form == "name_and_source":
        name_line, author = rng.choice(((f"T/h: {reporter}", reporter),
                                        (f"Tin, ảnh: {reporter}", reporter),
                                        (capitals, capitals)))
        return (name_line, f"Nguồn: {outlet}"), author, outlet
    return (), None, None


def _draw_image(rng, stub, number, slots) -> Image:
    caption = rng.choice(vocab.CAPTIONS).format(**slots)
    if rng.random() < 0.5:
        caption += f" Ảnh: {rng.choice(vocab.REPORTERS)}"
    alt = rng.choice(vocab.ALTS + (caption.split(" Ảnh:")[0].rstrip("."),))
    return Image(nid=stub.nid, number=number, month=stub.image_month, caption=caption, alt=alt)


_ABOUT_PARAGRAPHS = (
    f"Tỉnh {vocab.PROVINCE} có diện tích tự nhiên hơn 4.800 km², dân số khoảng 1,2 triệu người, "
    "gồm 1 thành phố, 1 thị xã và 7 huyện.",
    "Cổng thông tin điện tử tỉnh là kênh thông tin chính thức của UBND tỉnh trên môi trường mạng, "
    "cung cấp thông tin về hoạt động chỉ đạo, điều hành và các dịch vụ công trực tuyến.",
)
_CONTACT_PARAGRAPHS = (
    "Ban Biên tập Cổng thông tin điện tử tỉnh - Văn phòng UBND tỉnh.",
    f"Địa chỉ: Số 1 đường Trần Hưng Đạo, thành phố {vocab.PROVINCE}, tỉnh {vocab.PROVINCE}.",
    "Điện thoại: 0210 3812 345 - Email: bbt@hoalam.gov.vn",
)
