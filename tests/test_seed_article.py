"""The demo portal's seed article (the text of a real provincial-portal article, demo_portal/seed_article.py)
served in the portal's page: its record keeps the story and loses the furniture."""

import json
import unicodedata
import urllib.request

import pytest

from demo_portal import DemoPortal
from demo_portal.seed_article import SEED_PARAGRAPHS, SEED_PUBLISHED, SEED_TITLE
from extraction.text import normalize_text
from support.commands import run_cli

FURNITURE = ["You are here", "Thời tiết", "LIÊN KẾT WEBSITE", "Ý KIẾN BẠN ĐỌC"]


@pytest.fixture(scope="module")
def seed():
    return {"title": normalize_text(SEED_TITLE), "paragraphs": [normalize_text(p) for p in SEED_PARAGRAPHS]}


def check(record, seed):
    assert record["title"] == seed["title"]
    assert record["title"].endswith(".")
    assert record["paragraphs"] == seed["paragraphs"] and len(record["paragraphs"]) == 3
    assert record["body_text"] == "\n\n".join(seed["paragraphs"])
    assert record["author"] == "Mai Hiếu" and record["source"] is None
    assert record["lead"] is None
    assert record["published_at"] == SEED_PUBLISHED == "2020-01-17T09:45:00+07:00"
    dump = json.dumps(record, ensure_ascii=False)
    assert not [marker for marker in FURNITURE if marker in dump]


def test_seed_record_from_the_crawl(demo_articles, seed):
    [record] = [r for r in demo_articles if r["title"] == seed["title"]]
    check(record, seed)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_seed_record_from_a_saved_page(tmp_path, seed, form):
    with DemoPortal(articles=50) as portal:
        [truth] = [a for a in portal.manifest()["articles"] if a["title"] == seed["title"]]
        page = urllib.request.urlopen(truth["url"]).read()
    page = unicodedata.normalize(form, page.decode("utf-8")).encode("utf-8")
    assert (form == "NFD") == (unicodedata.normalize("NFC", page.decode()) != page.decode())
    saved = tmp_path / "seed.html"
    saved.write_bytes(page)
    result = run_cli("extract", saved, "--url", truth["url"])
    [line] = result.stdout.splitlines()
    check(json.loads(line), seed)
