"""Template drift: the extension's counts and verdicts, and a real crawl of a demo portal that is
redesigned halfway through."""

import json
import urllib.request

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

import crawler.settings as project_settings
from support.commands import run_crawl
from support.crawls import read_jsonl
from demo_portal import DEMO_PROFILE, DemoPortal
from crawler.extensions.template_drift import TemplateDrift
from extraction.article import extract_article
from extraction.page import Page
from extraction.profiles import load_profile
from crawler.spiders.portal import PortalSpider

DEMO = load_profile(str(DEMO_PROFILE))


def drift_settings(**overrides) -> dict:
    """The DRIFT_* defaults of crawler/settings.py, as a crawl has them, with overrides."""
    return {**{k: v for k, v in vars(project_settings).items() if k.startswith("DRIFT_")}, **overrides}


def build(**settings):
    crawler = get_crawler(PortalSpider, settings_dict=drift_settings(**{"DRIFT_MIN_PAGES": 4, **settings}))
    crawler.stats.open_spider()
    return crawler, TemplateDrift.from_crawler(crawler)


def record(**fields):
    base = {"title": "Tiêu đề", "body_text": "Nội dung.", "published_at": "2020-01-17T09:45:00+07:00", "lead": None,
            "author": "PV", "fallback_fields": []}
    return {**base, **fields}


def test_disabled_by_setting():
    crawler = get_crawler(PortalSpider, settings_dict=drift_settings(DRIFT_ENABLED=False))
    with pytest.raises(NotConfigured):
        TemplateDrift.from_crawler(crawler)


def test_healthy_crawl_has_an_empty_drift_list_and_counts_fields():
    crawler, drift = build()
    for _ in range(5):
        drift.article_extracted(None, record(), DEMO)
    drift.spider_closed(None, "finished")
    assert crawler.stats.get_value("portal/template_drift") == []
    counts = crawler.stats.get_value("portal/field_counts")["demo"]
    assert counts["pages"] == 5 and counts["title"] == 5 and counts["author"] == 5 and counts["lead"] == 0


def test_fields_the_fallback_filled_count_as_missing(caplog):
    crawler, drift = build()
    for index in range(10):
        missing = index >= 3  # 7 of 10 pages: the profile lost the title and body
        fields = record(fallback_fields=["title", "body_text"] if missing else [])
        drift.article_extracted(None, fields, DEMO)
    drift.spider_closed(None, "finished")
    assert crawler.stats.get_value("portal/template_drift") == [
        "template drift: profile demo: title missing on 7 of 10 article pages (70%)",
        "template drift: profile demo: body_text missing on 7 of 10 article pages (70%)",
    ]
    assert "template drift: profile demo: title missing on 7 of 10 article pages (70%)" in caplog.text


def test_thresholds_are_settings():
    crawler, drift = build(DRIFT_MIN_PAGES=20, DRIFT_MAX_MISSING_SHARE=0.5)
    for _ in range(10):
        drift.article_extracted(None, record(published_at=None), DEMO)
    drift.spider_closed(None, "finished")
    assert crawler.stats.get_value("portal/template_drift") == []  # too few pages to judge
    crawler, drift = build(DRIFT_MAX_MISSING_SHARE=0.5)
    for index in range(10):
        drift.article_extracted(None, record(published_at=None if index < 5 else "2020-01-17T09:45:00+07:00"), DEMO)
    drift.spider_closed(None, "finished")
    assert crawler.stats.get_value("portal/template_drift") == []  # 50 % is not more than 50 %


def test_the_redesign_is_a_different_theme_and_the_default_is_untouched():
    with DemoPortal(articles=30) as plain, DemoPortal(articles=30, redesign_after=1) as redesigned:
        url = plain.manifest()["articles"][2]["url"]
        path = url.split("/", 3)[3]
        before = urllib.request.urlopen(plain.base_url + path).read().replace(plain.base_url.encode(), b"")
        first = urllib.request.urlopen(redesigned.base_url + path).read().replace(redesigned.base_url.encode(), b"")
        second = urllib.request.urlopen(redesigned.base_url + path).read()
    assert first == before
    assert b"page-title" in first and b"page-title" not in second and b'class="noi-dung"' in second
    old = extract_article(Page(url, first), DEMO)
    new = extract_article(Page(url, second), DEMO)
    assert old["extraction"] == "profile"
    assert new["extraction"] == "fallback" and {"title", "body_text", "published_at"} <= set(new["fallback_fields"])
    # The fallback still recovers the article from the new theme.
    assert (new["title"], new["paragraphs"], new["published_at"]) == (old["title"], old["paragraphs"], old["published_at"])


def test_a_crawl_of_a_redesigned_portal_reports_drift(tmp_path):
    output = tmp_path / "out"
    result = run_crawl(
        "--demo", "--demo-articles", 120, "--demo-redesign-after", 40, "--output", output,
        "-s", "LOG_LEVEL=ERROR", "-s", "DRIFT_MIN_PAGES=30", "-s", "PORTAL_EXTRACTION_WORKERS=0", check=False,
    )
    assert "template drift: profile demo: title missing on" in result.stderr
    assert "template drift: profile demo: body_text missing on" in result.stderr
    articles = read_jsonl(output / "articles.jsonl")
    assert any(a["extraction"] == "profile" for a in articles)
    assert any(a["extraction"] == "fallback" for a in articles)


def test_a_healthy_demo_crawl_reports_no_drift(demo_crawl):
    log = (demo_crawl["output"] / "run.json").read_text(encoding="utf-8")
    assert "template drift" not in log and "template drift" not in demo_crawl["stdout"]
    assert json.loads(log)  # the run report is there to be read
