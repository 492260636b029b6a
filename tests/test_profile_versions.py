"""Profiles versioned by date: a page is read with the template the site had when it was captured."""

import re
from datetime import datetime, timedelta, timezone

import pytest

from demo_portal import DEMO_PROFILE, DemoPortal
from extraction.profiles import ProfileError, load_profile
from support.commands import run_cli, run_crawl
from support.crawls import crawl_demo_profile, fast_settings, read_jsonl

# The demo portal's redesigned theme (demo/demo_portal/redesign.py), as a site would declare it.
NEW_THEME = """
[article]
detect = ["body.giao-dien-moi"]
root = [".bai-viet"]
title = [".tieu-de-bai"]
body = [".noi-dung"]
published_at = []
published_at_visible = [".thong-tin-bai"]
"""


def profile_file(tmp_path, redesigned_at: datetime):
    path = tmp_path / "hoa-lam.toml"
    path.write_text(
        f'name = "hoa-lam"\nextends = "{DEMO_PROFILE}"\n\n[[versions]]\nvalid_from = {redesigned_at.isoformat()}\n'
        + NEW_THEME.replace("[article]", "[versions.article]"),
        encoding="utf-8",
    )
    return path


def test_the_version_valid_at_the_capture_date_is_chosen(tmp_path):
    moment = datetime(2026, 3, 1, tzinfo=timezone(timedelta(hours=7)))
    profile = load_profile(str(profile_file(tmp_path, moment)))
    before, after = profile.at(moment - timedelta(seconds=1)), profile.at(moment)
    assert before.article.title == load_profile(str(DEMO_PROFILE)).article.title
    assert after.article.title == (".tieu-de-bai",) and after.name == "hoa-lam"
    assert after.article.lead == before.article.lead  # what a version does not override, it inherits
    assert profile.at(None) is profile


@pytest.mark.parametrize(
    "entry, message",
    [
        ("[[versions]]\n[versions.article]\ntitle = ['h2']\n", "needs valid_from or valid_until"),
        ("[[versions]]\nvalid_from = 2020-01-01\n[versions.discovery]\nstart_urls = []\n", "overrides [article] and [boilerplate] only"),
        ("[[versions]]\nvalid_until = 'soon'\n", "not a date"),
    ],
)
def test_bad_versions_are_explained(tmp_path, entry, message):
    path = tmp_path / "bad.toml"
    path.write_text(f'name = "bad"\nextends = "{DEMO_PROFILE}"\n' + entry, encoding="utf-8")
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(str(path))


def test_crawls_before_and_after_a_redesign_read_with_one_profile_file(tmp_path):
    with DemoPortal(articles=40) as portal:
        port, truth = portal.port, {a["url"]: a for a in portal.manifest()["articles"]}
        crawl_demo_profile(portal.base_url, tmp_path / "before")
    redesigned_at = datetime.now(timezone.utc)
    profile = profile_file(tmp_path, redesigned_at)
    with DemoPortal(articles=40, redesign_after=0, port=port) as portal:
        # Read by the pool of readers, as by default: the versioned profile goes to its workers pickled.
        run_crawl("--profile", profile, "--start-url", portal.base_url, "--output", tmp_path / "after",
                  *fast_settings(PORTAL_EXTRACTION_WORKERS=None))

    def check(records):
        assert sorted(r["url"] for r in records) == sorted(truth)
        for record in records:
            expected = truth[record["url"]]
            assert (record["title"], record["paragraphs"], record["author"], record["source"], record["published_at"]) == (
                expected["title"], expected["paragraphs"], expected["author"], expected["source"], expected["published_at"])

    check(read_jsonl(tmp_path / "after" / "articles.jsonl"))  # the crawl itself used the new version
    for crawl in ("before", "after"):
        run_cli("reextract", tmp_path / crawl / "warc", "--output", tmp_path / f"again-{crawl}", "--profile", profile)
        check(read_jsonl(tmp_path / f"again-{crawl}" / "articles.jsonl"))
    both = run_cli("reextract", tmp_path / "before" / "warc", tmp_path / "after" / "warc", "--output", tmp_path / "both", "--profile", profile)
    assert "0 rejected" in both.stdout
    assert {r["url"] for r in read_jsonl(tmp_path / "both" / "articles.jsonl")} == set(truth)
