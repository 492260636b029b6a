"""Replay of a demo crawl in real pywb, checked over HTTP and in headless Chromium."""

import json
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.replay import ReplayError, ReplayServer, find_wayback, pywb_config
from archive.warc.check import verify

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def replay(demo_crawl):
    with ReplayServer(demo_crawl["output"]) as server:
        yield server


@pytest.fixture(scope="module")
def seed_capture(demo_crawl, demo_articles):
    """The seed article's record and the response record its provenance points at."""
    [record] = [r for r in demo_articles if r["title"].startswith("UBND tỉnh tổ chức hội nghị tổng kết phong trào")]
    location = record["warc"]
    with open(demo_crawl["output"] / "warc" / location["filename"], "rb") as stream:
        stream.seek(location["offset"])
        response = next(iter(ArchiveIterator(stream)))
        payload = response.raw_stream.read()
    timestamp = "".join(c for c in response.rec_headers.get_header("WARC-Date") if c.isdigit())[:14]
    return record, timestamp, payload


def test_id_mode_returns_the_stored_bytes(replay, seed_capture):
    record, timestamp, payload = seed_capture
    request = urllib.request.Request(replay.url_for(record["url"], timestamp, "id_"), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 200
        assert answer.headers["Content-Encoding"] == "gzip"
        assert answer.read() == payload


def test_chromium_shows_the_replayed_article(replay, seed_capture, tmp_path):
    record, timestamp, _ = seed_capture
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: `make test` installs it"
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path}", "--dump-dom", replay.url_for(record["url"], timestamp)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f'id="page-title">{record["title"]}</h1>' in result.stdout
    assert record["paragraphs"][1][:80] in result.stdout


def test_metadata_records_are_never_served_as_the_page(replay, seed_capture):
    record, _, _ = seed_capture
    with urllib.request.urlopen(replay.url_for(record["url"], "", "id_")) as answer:
        assert answer.headers["Content-Type"].startswith("text/html")


def test_index_and_wacz(demo_crawl):
    output = demo_crawl["output"]
    index = (output / "indexes" / "index.cdxj").read_text(encoding="utf-8").splitlines()
    indexed = {json.loads(line.split(" ", 2)[2]).get("url") for line in index}
    articles = [json.loads(line) for line in (output / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {a["url"] for a in articles} <= indexed
    [wacz] = output.glob("*.wacz")
    result = subprocess.run([str(Path(sys.executable).parent / "wacz"), "validate", "-f", str(wacz)], capture_output=True, text=True)
    assert result.returncode == 0 and "is valid" in result.stdout, result.stdout + result.stderr
    with zipfile.ZipFile(wacz) as package:
        pages = [json.loads(line) for line in package.read("pages/pages.jsonl").decode().splitlines()]
        assert {"datapackage.json", "datapackage-digest.json"} <= set(package.namelist())
    assert pages[0]["format"] == "json-pages-1.0"
    assert {(p["url"], p["title"]) for p in pages[1:]} == {(a["url"], a["title"]) for a in articles}


def test_verify_passes_on_the_crawl(demo_crawl):
    assert verify([demo_crawl["output"]]).ok


def test_replay_command_serves_and_stops_on_ctrl_c(demo_crawl):
    command = [str(Path(sys.executable).parent / "portal-archive"), "replay", str(demo_crawl["output"])]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        first_line = process.stdout.readline()
        assert first_line.startswith("Replaying ") and " at http://127.0.0.1:" in first_line
        base_url = first_line.rsplit(" at ", 1)[1].strip()
        with urllib.request.urlopen(base_url) as answer:
            assert answer.status == 200
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    port = int(base_url.split(":")[2].split("/")[0])
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # pywb is gone too


def _ignoring_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("stop, start_with", [(signal.SIGTERM, None), (signal.SIGHUP, None), (signal.SIGINT, _ignoring_sigint)])
def test_replay_command_stops_pywb_on_each_stop_signal(demo_crawl, stop, start_with):
    # start_with: SIGINT ignored when the command starts, as a script's background job has it.
    command = [str(Path(sys.executable).parent / "portal-archive"), "replay", str(demo_crawl["output"])]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, preexec_fn=start_with)
    try:
        base_url = process.stdout.readline().rsplit(" at ", 1)[1].strip()
    finally:
        process.send_signal(stop)
        assert process.wait(timeout=30) == 0
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", int(base_url.split(":")[2].split("/")[0]))) != 0


def a_crawl_directory(path: Path) -> Path:
    (path / "indexes").mkdir(parents=True)
    (path / "indexes" / "index.cdxj").write_text("")
    (path / "warc").mkdir()
    return path


@pytest.mark.parametrize("option, value, says", [
    ("--host", "999.1.1.1", "cannot listen on 999.1.1.1:0"),
    ("--host", "192.0.2.1", "cannot listen on 192.0.2.1:0"),  # not an address of this machine
    ("--port", "99999", "port 99999: give 0 to 65535"),
    ("--collection", "my crawl", "collection name 'my crawl': use letters, digits, '-' and '_'"),
    ("--collection", "x:\n    archive_paths: /", "collection name"),
])
def test_bad_replay_options_get_one_line_and_start_nothing(tmp_path, option, value, says):
    crawl = a_crawl_directory(tmp_path / "crawl")
    before = sorted(p.relative_to(crawl) for p in crawl.rglob("*"))
    result = subprocess.run([str(Path(sys.executable).parent / "portal-archive"), "replay", str(crawl), option, value],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("portal-archive replay: ") and says in result.stderr
    assert len(result.stderr.splitlines()) <= 2 and "Traceback" not in result.stderr and result.stdout == ""
    assert sorted(p.relative_to(crawl) for p in crawl.rglob("*")) == before


def test_a_bad_name_never_reaches_pywb(tmp_path):
    server = ReplayServer(a_crawl_directory(tmp_path / "crawl"), collection="my crawl")
    with pytest.raises(ReplayError):
        server.start()
    assert server.process is None


def test_the_config_holds_any_folder_name_as_plain_text(tmp_path):
    crawl = a_crawl_directory(tmp_path / 'x"\n    archive_paths: / #\'é: !!python/name:os.system')
    config_file = tmp_path / "config.yaml"
    config_file.write_text(pywb_config(crawl, "crawl"), encoding="utf-8")
    # Read back by pywb's own loader, in pywb's environment.
    pywb_python = find_wayback().with_name("python")
    read = subprocess.run([str(pywb_python), "-c", "import json, sys; from pywb.utils.loaders import load_yaml_config;"
                           " print(json.dumps(load_yaml_config(sys.argv[1])))", str(config_file)],
                          capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(read.stdout) == {
        "collections": {"crawl": {"index_paths": f"{crawl.resolve() / 'indexes'}/", "archive_paths": f"{crawl.resolve() / 'warc'}/"}},
        "framed_replay": False, "enable_memento": True}


def test_pywb_replays_a_crawl_in_an_oddly_named_folder_and_writes_nothing_there(demo_crawl, demo_articles, tmp_path):
    crawl = tmp_path / "đêm: 1 #\"bản sao\"'"
    for folder in ("warc", "indexes"):
        shutil.copytree(demo_crawl["output"] / folder, crawl / folder)
    before = sorted(p.relative_to(crawl) for p in crawl.rglob("*"))
    with ReplayServer(crawl) as server:
        with urllib.request.urlopen(server.url_for(demo_articles[0]["url"])) as answer:
            assert answer.status == 200
    assert sorted(p.relative_to(crawl) for p in crawl.rglob("*")) == before
