"""What later editions of the demo portal take away, change and give back.

Edition 2 also unlists one article (node 3): still served at its URL, gone from every listing,
feed, sitemap and related block. Edition 3 is the portal weeks later (February 2026), starting
from edition 2:

- three articles are revised: a number in the body changed, a paragraph removed, a new title;
- two are removed: one answers 404, one redirects (301) to its category's listing;
- one is unlisted;
- the article edition 2 unlisted is listed again, unchanged (restored).

Each role goes to the first node, in node id order, that suits it (a number to change, three
paragraphs and no inline image to lose one); the seed article, edition 2's edits and the NFD
pages are left alone. Nothing here draws random numbers: the rest of the site is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

UNLISTED_IN_EDITION_2 = 3  # node id
NUMBER, PARAGRAPH, TITLE = "number", "paragraph", "title"
REVISIONS = (NUMBER, PARAGRAPH, TITLE)
GONE_404, GONE_REDIRECT = "404", "redirect"
EDITION_3_REVISED = datetime(2026, 2, 3, 9, 0, tzinfo=timezone(timedelta(hours=7)))
_NUMBER = re.compile(r"\d+")


@dataclass
class Lifecycle:
    """What an edition changed about existing articles, besides edition 2's additions and edits."""
    revised: list = field(default_factory=list)  # stubs, with .revision set
    removed: list = field(default_factory=list)  # stubs, deleted
    withdrawn: dict[str, str] = field(default_factory=dict)  # path of a removed article -> where it redirects
    unlisted: list = field(default_factory=list)
    restored: list = field(default_factory=list)


def edition_2_unlisted(stubs: list) -> list:
    """Edition 2 unlists node 3 (when the site has one)."""
    return [replace(s, unlisted=True) for s in stubs if s.nid == UNLISTED_IN_EDITION_2]


def plan_edition_3(stubs: list, ordinary: Callable, paragraphs_of: Callable) -> Lifecycle:
    """Roles for edition 3 among `stubs` (edition 2's live articles, node 3 unlisted).

    `ordinary(stub)`: whether an article may take a role; `paragraphs_of(stub)`: its planned paragraphs.
    """
    wanted = [(GONE_404, None), (GONE_REDIRECT, None), ("unlisted", None),
              (NUMBER, lambda s: any(_NUMBER.search(p) for p in paragraphs_of(s))),
              (PARAGRAPH, lambda s: len(paragraphs_of(s)) >= 3 and s.image_count <= 1),
              (TITLE, None)]
    lifecycle, taken = Lifecycle(), set()
    for role, suits in wanted:
        stub = next((s for s in stubs if s.nid not in taken and not s.unlisted and ordinary(s)
                     and (suits is None or suits(s))), None)
        if stub is None:
            raise ValueError(f"edition 3 needs more articles: none left to take the role {role!r}")
        taken.add(stub.nid)
        moment = EDITION_3_REVISED + timedelta(hours=len(taken))
        if role in (GONE_404, GONE_REDIRECT):
            lifecycle.removed.append(replace(stub, deleted=True))
            if role == GONE_REDIRECT:
                lifecycle.withdrawn[stub.path] = stub.category.path
        elif role == "unlisted":
            lifecycle.unlisted.append(replace(stub, unlisted=True))
        elif role == TITLE:
            lifecycle.revised.append(replace(stub, title=revised_title(stub.title), revision=TITLE, revised=moment))
        else:
            lifecycle.revised.append(replace(stub, revision=role, revised=moment))
    lifecycle.restored = [replace(s, unlisted=False) for s in stubs if s.unlisted]
    return lifecycle


def revised_title(title: str) -> str:
    return f"{title.rstrip('.')} (đính chính)"


def revise_paragraphs(paragraphs: tuple[str, ...], revision: str | None) -> tuple[str, ...]:
    """The body of an edition-3 revision: the first number in it plus 2, or the second paragraph dropped."""
    if revision == NUMBER:
        index = next(i for i, p in enumerate(paragraphs) if _NUMBER.search(p))
        changed = _NUMBER.sub(lambda m: str(int(m.group()) + 2), paragraphs[index], count=1)
        return paragraphs[:index] + (changed,) + paragraphs[index + 1:]
    if revision == PARAGRAPH:
        return paragraphs[:1] + paragraphs[2:]
    return paragraphs
