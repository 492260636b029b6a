"""A crawl of a portal full of traps and hostile pages ends, stays bounded and on the site, obeys
robots.txt whatever the pages say, and leaves a valid archive with a clear reason for each refusal."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from demo_portal import DemoPortal
from demo_portal.trap_site import EVENT_MONTHS, FORBIDDEN, LAST_LISTING_PAGE, MALFORMED_TEXT, MALFORMED_TITLE, SESSION_PAGES
from support.commands import run_cli, run_crawl
from support.crawls import fast_settings, read_jsonl

MAX_COPIES = 3
MAX_RESPONSE_SIZE = 4_000_000
READ_SIZE = 1 << 16  # the size limit is checked per network read, so up to one read more is kept
BUDGET = 25
SETTINGS = fast_settings(CONCURRENT_REQUESTS=16, CONCURRENT_REQUESTS_PER_DOMAIN=16, PORTAL_RETRY_BACKOFF_BASE=0.1,
                         PORTAL_MAX_RESPONSE_SIZE=MAX_RESPONSE_SIZE, PORTAL_MAX_FETCH_TIME=2, DOWNLOAD_TIMEOUT=5,
                         PORTAL_TRAP_MAX_COPIES=MAX_COPIES, PORTAL_EXTRACTION_WORKERS=None)  # hostile pages go to the readers' pool
# What a crawl may write: its own files, WARCs, index and run reports (names never come from URLs).
OUTPUT_FILES = re.compile(r"(articles|rejects|failures)\.jsonl|run\.json|state\.sqlite(-journal|-wal|-shm)?|crawl\.log|\.lock"
                          r"|runs/\d{8}T\d{6}Z\.json|warc/[A-Za-z0-9.-]+\.warc\.gz|indexes/index\.cdxj")


def crawl(start_url, workdir, *extra):
    """The crawl command run from ``workdir`` (so that a file written beside the output would show)."""
    return run_crawl("--profile", "drupal7", "--start-url", start_url, "--output", "out", *SETTINGS, *extra,
                     check=False, timeout=300, cwd=workdir)


@pytest.fixture(scope="module")
def trap_crawl(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("traps")
    with DemoPortal(articles=10, traps=True) as portal:
        result = crawl(portal.base_url + "bay/", workdir)
        manifest = portal.manifest()
    output = workdir / "out"
    return {"workdir": workdir, "output": output, "result": result, "manifest": manifest, "hits": manifest["traps"]["hits"],
            "base": manifest["base_url"].rstrip("/"), "report": json.loads((output / "run.json").read_text()),
            "failures": read_jsonl(output / "failures.jsonl"), "records": read_jsonl(output / "articles.jsonl")}


def hits_under(hits: dict, prefix: str) -> dict:
    return {path: n for path, n in hits.items() if path.startswith(prefix)}


def responses_by_url(output) -> dict:
    return {r.rec_headers.get_header("WARC-Target-URI"): (r, payload) for r, payload in warc_records(output) if r.rec_type == "response"}


def warc_records(output):
    """Records and their payloads, Content-Encoding undone (a gzip bomb only as far as anything was kept)."""
    for path in sorted((output / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                yield record, record.content_stream().read(MAX_RESPONSE_SIZE + READ_SIZE + 1)


def test_the_crawl_ends_and_leaves_a_valid_archive(trap_crawl):
    report = trap_crawl["report"]
    assert report["finish_reason"] == "finished"
    assert (report["status"], trap_crawl["result"].returncode) == ("partial", 1), trap_crawl["result"].stderr[-3000:]
    assert run_cli("verify", trap_crawl["output"]).stdout.rstrip().endswith(": OK")


def test_every_article_of_the_portal_is_still_archived(trap_crawl):
    extracted = {r["canonical_url"] for r in trap_crawl["records"]}
    assert {a["url"] for a in trap_crawl["manifest"]["articles"]} <= extracted


def test_endless_url_spaces_are_cut_short(trap_crawl):
    hits = trap_crawl["hits"]
    # A page is fetched only if it starts the crawl or a page whose links were followed links it;
    # links are followed on pages with their own text and on the first MAX_COPIES copies of a text.
    assert hits["/bay/lich"] <= 1 + 2 * (len(EVENT_MONTHS) + MAX_COPIES)  # a link back and a link on
    assert hits["/bay/trang"] <= 1 + (LAST_LISTING_PAGE + 1) + MAX_COPIES
    assert sum(hits_under(hits, "/bay/ban-sao/").values()) <= 1 + MAX_COPIES
    nested = hits_under(hits, "/bay/ngon-ngu/")
    assert sum(nested.values()) <= 1 + 2 * MAX_COPIES
    assert all(max(p.split("/").count("en"), p.split("/").count("vi")) <= 2 for p in nested)
    # Session ids are canonicalised away: each page once, however many ids it was linked with.
    assert hits_under(hits, "/bay/phien/") == {f"/bay/phien/{n}": 1 for n in SESSION_PAGES}


def test_robots_txt_is_obeyed_whatever_the_pages_say(trap_crawl):
    hits = trap_crawl["hits"]
    # The index links there, a redirect and a meta refresh lead there, a sitemap lists a page there.
    assert hits["/bay/"] and hits["/bay/chuyen-huong-cam"] and hits["/bay/lam-moi.html"] and hits["/bay/sitemap-xxe.xml"]
    assert hits_under(hits, FORBIDDEN) == {}
    assert trap_crawl["report"]["counts"]["robots_forbidden"] >= 4
    user_agents = {r.http_headers.get_header("User-Agent") for r, _ in warc_records(trap_crawl["output"]) if r.rec_type == "request"}
    assert len(user_agents) == 1 and user_agents.pop().startswith("portal-archive/")


def test_hostile_sitemaps_expand_no_entity_and_read_no_file(trap_crawl):
    hits, failures = trap_crawl["hits"], {f["url"]: f for f in trap_crawl["failures"]}
    assert all(hits[urlsplit(url).path] == 1 for url in trap_crawl["manifest"]["traps"]["sitemaps"])
    assert "/bay/evil.dtd" not in hits  # the external DTD of the XXE sitemap was never loaded
    assert failures[trap_crawl["base"] + "/bay/sitemap-laughs.xml"]["reason"].startswith("sitemap not read to the end: ")
    # A page the spider cannot read at all is a failure with the parser's words, not a traceback in a log.
    assert failures[trap_crawl["base"] + "/bay/sitemap-rong.xml"]["reason"].startswith("parse error: XMLSyntaxError: ")
    passwd = Path("/etc/passwd").read_bytes().split(b"\n", 1)[0]
    assert passwd and all(passwd not in payload for _, payload in warc_records(trap_crawl["output"]))
    assert all(line.split()[3].startswith(trap_crawl["base"]) for line in (trap_crawl["output"] / "crawl.log").read_text().splitlines())


def test_bodies_without_end_are_cut_and_marked(trap_crawl):
    base, failures = trap_crawl["base"], {f["url"]: f["reason"] for f in trap_crawl["failures"]}
    responses = responses_by_url(trap_crawl["output"])
    # Both limits apply to the endless page here (it races the gzip bomb for the reactor's time):
    # whichever stops it, no more than the size limit and one network read is kept.
    endless, payload = responses[base + "/bay/rat-lon.html"]
    assert endless.rec_headers.get_header("WARC-Truncated") in ("length", "time")
    assert len(payload) <= MAX_RESPONSE_SIZE + READ_SIZE
    assert failures[base + "/bay/rat-lon.html"] in ("truncated (length limit)", "truncated (time limit)")
    trickle, _ = responses[base + "/bay/nho-giot.html"]
    assert trickle.rec_headers.get_header("WARC-Truncated") == "time"
    assert failures[base + "/bay/nho-giot.html"] == "truncated (time limit)"
    # The gzip bomb is archived as it came (about 1 MB of gzip) and refused before it fills memory.
    bomb, _ = responses[base + "/bay/bom.html"]
    assert bomb.http_headers.get_header("Content-Encoding") == "gzip"
    assert int(bomb.http_headers.get_header("Content-Length")) < 2 << 20
    assert failures[base + "/bay/bom.html"].startswith("DecompressedTooLarge: body over PORTAL_MAX_DECOMPRESSED_SIZE")


def test_hostile_text_comes_out_as_correct_unicode_or_not_at_all(trap_crawl):
    records = {r["url"]: r for r in trap_crawl["records"]}
    for article in trap_crawl["manifest"]["traps"]["articles"]:
        record = records[article["url"]]
        assert (record["title"], record["paragraphs"]) == (article["title"], article["paragraphs"])
        declared_right = "charset" not in article["content_type"]  # no charset: read as UTF-8 without fuss
        assert bool(record["text_encoding_note"]) != declared_right, record["text_encoding_note"]
    malformed = records[trap_crawl["base"] + "/bay/hong.html"]
    assert malformed["title"] == MALFORMED_TITLE and malformed["paragraphs"][0].startswith(MALFORMED_TEXT)
    binary = trap_crawl["base"] + "/bay/nhi-phan.html"
    assert binary not in records and trap_crawl["hits"]["/bay/nhi-phan.html"] == 1


def test_markup_nested_too_deep_is_archived_but_not_read(trap_crawl):
    assert trap_crawl["hits"]["/bay/sau.html"] == 1
    assert "/bay/duoi-day.html" not in trap_crawl["hits"]  # its only link lies below libxml2's 2,048 levels


def test_hostile_links_stay_on_the_site_and_nothing_is_written_outside_the_output(trap_crawl):
    requested = [line.split()[3] for line in (trap_crawl["output"] / "crawl.log").read_text().splitlines()]
    assert trap_crawl["base"] + "/bay/tu-duong-dan.html" in requested  # reached through /bay/../bay/
    assert max(map(len, requested)) <= 2083 and not any("/bay/dai/aaa" in url for url in requested)
    assert [p.name for p in trap_crawl["workdir"].iterdir()] == ["out"]
    written = [p.relative_to(trap_crawl["output"]).as_posix() for p in trap_crawl["output"].rglob("*") if p.is_file()]
    assert written and all(OUTPUT_FILES.fullmatch(name) for name in written), written


@pytest.fixture(scope="module")
def limits_crawl(tmp_path_factory):
    """A crawl that starts at an endless chain of unique pages and at a page without end, with a
    small page budget and no time limit, so that only the budget and the size limit can stop it."""
    workdir = tmp_path_factory.mktemp("limits")
    with DemoPortal(articles=10, traps=True) as portal:
        result = crawl(portal.base_url + "bay/vo-tan/1", workdir, "--start-url", portal.base_url + "bay/rat-lon.html",
                       "-s", f"PORTAL_MAX_PAGES_PER_SITE={BUDGET}", "-s", "PORTAL_MAX_FETCH_TIME=0")
        manifest = portal.manifest()
    return {"output": workdir / "out", "result": result, "hits": manifest["traps"]["hits"], "base": manifest["base_url"].rstrip("/")}


def test_a_page_without_end_is_kept_up_to_the_size_limit(limits_crawl):
    url = limits_crawl["base"] + "/bay/rat-lon.html"
    record, payload = responses_by_url(limits_crawl["output"])[url]
    assert record.rec_headers.get_header("WARC-Truncated") == "length"
    assert MAX_RESPONSE_SIZE < len(payload) <= MAX_RESPONSE_SIZE + READ_SIZE
    assert payload.startswith(b"<html><body><table>")
    assert {f["url"]: f["reason"] for f in read_jsonl(limits_crawl["output"] / "failures.jsonl")}[url] == "truncated (length limit)"


def test_an_endless_chain_of_unique_pages_stops_at_the_page_budget(limits_crawl):
    output, hits = limits_crawl["output"], limits_crawl["hits"]
    report = json.loads((output / "run.json").read_text())
    assert (report["finish_reason"], report["status"], limits_crawl["result"].returncode) == ("finished", "partial", 1)
    over = [f for f in read_jsonl(output / "failures.jsonl") if f["reason"] == f"not fetched: page budget of {BUDGET} reached for the site"]
    assert over and all(f["attempts"] == 0 for f in over)
    log = [line.split() for line in (output / "crawl.log").read_text().splitlines()]
    fetched = {url for _, _, _, url, *_ in log}
    assert not fetched & {f["url"] for f in over}
    # Pages the spider asked for (not images, scripts and styles; a redirect's target is asked for by the redirect).
    pages = {url for url in fetched if not urlsplit(url).path.startswith(("/sites/", "/misc/", "/modules/"))}
    redirects = sum(1 for _, status, *_ in log if status.startswith("3"))
    assert len(pages) - redirects <= BUDGET
    assert sum(hits_under(hits, "/bay/vo-tan/").values()) <= BUDGET
