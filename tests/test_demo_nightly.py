"""`crawl --demo` as a nightly job: the demo portal keeps one address (http://127.0.0.1:8650/) from run
to run, even when its port is taken, so a second run into the same directory is incremental like a
real portal's, and a crawl killed midway resumes without duplicates."""

import errno
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.warc.check import verify
from demo_portal import DemoPortal
from demo_portal.crawl_route import DEMO_HOST, DEMO_ORIGIN, DEMO_PORT, RouteToDemoPortal
from support.commands import run_cli, run_crawl
from support.crawls import read_jsonl

QUIET = ["-s", "LOG_LEVEL=WARNING", "-s", "WACZ_ENABLED=0"]


def record_types(warc: Path) -> Counter:
    with open(warc, "rb") as stream:
        return Counter(record.rec_type for record in ArchiveIterator(stream))


def hold_the_demo_port() -> socket.socket | None:
    """A listener on 127.0.0.1:8650 that never answers, or None when another process already holds the port."""
    listener = socket.socket()
    try:
        listener.bind((DEMO_HOST, DEMO_PORT))
    except OSError as error:
        listener.close()
        assert error.errno == errno.EADDRINUSE
        return None
    listener.listen(16)
    listener.setblocking(False)
    return listener


def connections_to(listener: socket.socket) -> int:
    count = 0
    while True:
        try:
            listener.accept()[0].close()
            count += 1
        except BlockingIOError:
            return count


def test_a_second_demo_run_is_incremental_even_when_the_port_is_taken(tmp_path):
    output = tmp_path / "nightly"
    first = run_crawl("--demo", "--demo-articles", 40, "--output", output, *QUIET)
    assert f"at {DEMO_ORIGIN}" in first.stdout and "(40 new," in first.stdout

    listener = hold_the_demo_port()  # the second night, something else has the demo's port
    try:
        second = run_crawl("--demo", "--demo-articles", 40, "--output", output, *QUIET)
        if listener is not None:
            assert connections_to(listener) == 0  # the crawl reached the demo on its fallback port only
    finally:
        if listener is not None:
            listener.close()
    assert "(0 new, 0 changed;" in second.stdout

    records = read_jsonl(output / "articles.jsonl")
    assert len(records) == 40 == len({record["canonical_url"] for record in records})
    assert all(record["url"].startswith(DEMO_ORIGIN) for record in records)
    run2 = json.loads((output / "run.json").read_text())
    assert run2["counts"]["articles_new"] == 0 and run2["start_urls"] == [DEMO_ORIGIN]
    [second_warc] = [Path(output / "warc" / name) for name in run2["warc_files"]]
    found = record_types(second_warc)
    assert found["revisit"] > found["response"] > 0
    checked = verify([output])
    assert checked.ok, checked.problems[:5]


def demo_children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def ends_soon(pid: int) -> bool:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":  # ended, not yet reaped
                return True
        except FileNotFoundError:
            return True
        time.sleep(0.1)
    return False


def test_a_demo_crawl_stopped_by_sigint_then_killed_resumes_without_duplicates(tmp_path):
    output = tmp_path / "nightly"
    command = [str(Path(sys.executable).parent / "portal-archive"), "crawl", "--demo", "--demo-articles", "150",
               "--output", str(output), *QUIET, "-s", "CONCURRENT_REQUESTS=2",
               # Fetching runs ahead of the pages' readings by at most ~10 demo pages (5 MB by default,
               # the whole demo portal): a graceful stop finishes what was fetched, and must leave
               # most of the portal to the resume.
               "-s", "SCRAPER_SLOT_MAX_ACTIVE_SIZE=200000"]
    for stop, after_articles in ((signal.SIGINT, 30), (signal.SIGKILL, 70)):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while len(read_jsonl(output / "articles.jsonl")) < after_articles and time.monotonic() < deadline:
            time.sleep(0.05)
        portals = demo_children(process.pid)
        os.kill(process.pid, stop)
        process.wait(timeout=120)
        assert len(read_jsonl(output / "articles.jsonl")) < 150
        assert portals and all(ends_soon(portal) for portal in portals)  # the demo goes with its crawl, even a killed one

    finished = run_crawl(*command[2:], check=False, timeout=300)
    assert finished.returncode == 0, finished.stderr[-2000:]
    with DemoPortal(articles=150) as portal:
        truth = sorted(article["url"].replace(portal.base_url, DEMO_ORIGIN) for article in portal.manifest()["articles"])
    urls = [record["url"] for record in read_jsonl(output / "articles.jsonl")]
    assert sorted(urls) == truth  # every article once
    assert not list((output / "warc").glob("*.open"))
    checked = verify([output])
    assert checked.ok, checked.problems[:5]


def hold_the_demo_port_once_free(timeout: float = 120) -> socket.socket:
    """The demo's port held by this test, waiting for another test's demo crawl, which holds it only a while, to end."""
    deadline = time.monotonic() + timeout
    while (listener := hold_the_demo_port()) is None:
        assert time.monotonic() < deadline, f"port {DEMO_PORT} still taken after {timeout} s"
        time.sleep(0.2)
    return listener


def test_the_portal_answers_for_its_stable_address_on_a_fallback_port_and_ends_with_its_launcher():
    listener = hold_the_demo_port_once_free()
    process = subprocess.Popen([sys.executable, "-m", "demo_portal", "--articles", "5", "--until-stdin-closes"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        listening_url = process.stdout.readline().strip().split("=", 1)[1]
        assert listening_url != DEMO_ORIGIN
        # As a crawl asks through the route: the target in absolute form, naming the stable address.
        with socket.create_connection((DEMO_HOST, int(listening_url.rsplit(":", 1)[1].strip("/")))) as connection:
            connection.sendall(f"GET {DEMO_ORIGIN}sitemap.xml HTTP/1.1\r\nHost: {DEMO_HOST}:{DEMO_PORT}\r\n"
                               "Connection: close\r\n\r\n".encode())
            answer = b"".join(iter(lambda: connection.recv(65536), b""))
        assert answer.startswith(b"HTTP/1.1 200")
        assert f"<loc>{DEMO_ORIGIN}tin-tuc/".encode() in answer and listening_url.encode() not in answer
        process.stdin.close()  # what a killed launcher's pipe does
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
        process.wait()
        listener.close()
    assert "port 8650 is taken; serving on a free port instead" in process.stderr.read()


def test_the_route_sends_only_the_stable_address_to_the_portal():
    from scrapy import Request

    route = RouteToDemoPortal("127.0.0.1:43210")
    routed, elsewhere, other_port = Request(f"{DEMO_ORIGIN}tin-tuc"), Request("http://127.0.0.1:9/"), Request("http://example.org:8650/")
    for request in (routed, elsewhere, other_port):
        route.process_request(request)
    assert routed.meta["proxy"] == "http://127.0.0.1:43210"
    assert "proxy" not in elsewhere.meta and "proxy" not in other_port.meta
    with pytest.raises(ValueError):
        RouteToDemoPortal("10.0.0.1:80")  # the demo is only ever reached on this machine


@pytest.mark.parametrize("option, value", [("--demo-articles", "-5"), ("--demo-articles", "0"), ("--demo-redesign-after", "-1")])
def test_bad_demo_options_are_one_line(tmp_path, option, value):
    result = run_cli("crawl", "--demo", option, value, "--output", tmp_path / "out", check=False)
    assert result.returncode == 2
    assert result.stderr == f"portal-archive crawl: {option} {value}: give {'1' if option == '--demo-articles' else '0'} or more\n"
    assert not (tmp_path / "out").exists()
