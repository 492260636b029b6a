"""`portal-archive extract` on saved pages, as profile authors use it."""

import json
import urllib.request

import pytest

from conftest import run_cli
from demo_portal import DEMO_PROFILE, DemoPortal


@pytest.fixture(scope="module")
def saved_pages(tmp_path_factory):
    """Five demo article pages saved to disk, with their truth."""
    folder = tmp_path_factory.mktemp("pages")
    with DemoPortal(articles=40) as portal:
        articles = portal.manifest()["articles"][:5]
        pages = []
        for index, truth in enumerate(articles):
            path = folder / f"page-{index}.html"
            path.write_bytes(urllib.request.urlopen(truth["url"]).read())
            pages.append((path, truth))
    return pages


def records(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


def test_url_map_as_json_and_tsv(saved_pages, tmp_path):
    as_json = tmp_path / "urls.json"
    as_json.write_text(json.dumps({str(p): t["url"] for p, t in saved_pages}))
    as_tsv = tmp_path / "urls.tsv"
    as_tsv.write_text("".join(f"{p.name}\t{t['url']}\n" for p, t in saved_pages))
    for url_map in (as_json, as_tsv):
        got = records(run_cli("extract", *[p for p, _ in saved_pages], "--url-map", url_map).stdout)
        assert [(r["url"], r["title"], r["paragraphs"], r["author"]) for r in got] == [
            (t["url"], t["title"], t["paragraphs"], t["author"]) for _, t in saved_pages
        ]
        assert all(r["profile"] == "drupal7" and r["warc"] is None for r in got)


def test_profile_by_name_and_url_from_the_canonical_link(saved_pages, tmp_path):
    path, truth = saved_pages[0]
    page = path.read_bytes().replace(b'<link rel="canonical" href="/', f'<link rel="canonical" href="{truth["url"].split("/tin-tuc")[0]}/'.encode())
    absolute = tmp_path / "absolute-canonical.html"
    absolute.write_bytes(page)
    [record] = records(run_cli("extract", absolute, "--profile", str(DEMO_PROFILE)).stdout)
    assert record["url"] == truth["url"] and record["profile"] == "demo"


def test_errors_are_clear_and_do_not_stop_other_pages(saved_pages, tmp_path):
    path, truth = saved_pages[0]
    result = run_cli("extract", path, tmp_path / "absent.html", "--url-map", _single_map(tmp_path, path, truth["url"]), check=False)
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 1
    assert "absent.html: cannot read" in result.stderr

    no_url = run_cli("extract", path, check=False)
    assert no_url.returncode == 2 and "no URL" in no_url.stderr

    unknown = run_cli("extract", path, "--url", truth["url"], "--profile", "joomla9", check=False)
    assert unknown.returncode == 2 and "no profile named 'joomla9'" in unknown.stderr

    two_with_url = run_cli("extract", path, path, "--url", truth["url"], check=False)
    assert two_with_url.returncode == 2 and "--url names one page" in two_with_url.stderr


def test_a_listing_page_is_not_an_article(tmp_path):
    with DemoPortal(articles=40) as portal:
        listing = urllib.request.urlopen(portal.base_url + "tin-tuc/kinh-te").read()
        url = portal.base_url + "tin-tuc/kinh-te"
    path = tmp_path / "listing.html"
    path.write_bytes(listing)
    result = run_cli("extract", path, "--url", url, "--profile", "drupal7", check=False)
    assert result.returncode == 1 and "not an article" in result.stderr and result.stdout == ""


def _single_map(tmp_path, path, url):
    mapping = tmp_path / "one.json"
    mapping.write_text(json.dumps({str(path): url}))
    return mapping
