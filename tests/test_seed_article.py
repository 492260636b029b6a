"""The real article page in ../shared/seed: its record keeps the story and loses the furniture."""

import json
import unicodedata
import urllib.request

import pytest

from conftest import SHARED, run_cli
from demo_portal import DemoPortal
from extraction.text import normalize_text

FURNITURE = ["You are here", "Thời tiết", "LIÊN KẾT WEBSITE", "Ý KIẾN BẠN ĐỌC"]


@pytest.fixture(scope="module")
def seed():
    lines = [line for line in (SHARED / "seed" / "article-page-as-text.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[0] == "You are here"
    headline, *paragraphs = lines[1:5]
    assert lines[5].startswith("T/h: Mai Hiếu")
    return {"title": normalize_text(headline), "paragraphs": [normalize_text(p) for p in paragraphs]}


def check(record, seed):
    assert record["title"] == seed["title"]
    assert record["title"].endswith(".")
    assert record["paragraphs"] == seed["paragraphs"] and len(record["paragraphs"]) == 3
    assert record["body_text"] == "\n\n".join(seed["paragraphs"])
    assert record["author"] == "Mai Hiếu" and record["source"] is None
    assert record["lead"] is None
    assert record["published_at"] == "2020-01-17T09:45:00+07:00"
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
