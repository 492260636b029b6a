"""What the crawler must never do, whatever its environment: listen beyond this machine by default,
go through a proxy nobody asked for, or put an operator's secrets into the archive."""

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.replay import ReplayServer
from cli import build_parser
from demo_portal import DEMO_PROFILE, DemoPortal
from demo_portal.launcher import running_demo_portal
from support.crawls import fast_settings

SECRET = "s3cret-Operator-Value"
PROXY = f"http://proxyuser:{SECRET}@127.0.0.1:9"  # port 9 (discard): nothing answers there
HOSTILE_ENVIRONMENT = {
    **{name: PROXY for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")},
    "AWS_SECRET_ACCESS_KEY": SECRET, "PGPASSWORD": SECRET, "GITHUB_TOKEN": SECRET, "REQUESTS_CA_BUNDLE": f"/tmp/{SECRET}.pem",
}
FAST = fast_settings(PORTAL_RETRY_BACKOFF_BASE=0.1)


def test_servers_listen_on_loopback_unless_told_otherwise(tmp_path):
    with DemoPortal(articles=5) as portal:
        assert portal._server.server_address[0] == "127.0.0.1"
        assert portal.base_url.startswith("http://127.0.0.1:")
    with running_demo_portal(articles=5) as url:  # python -m demo_portal
        assert url.startswith("http://127.0.0.1:")
    replay = build_parser().parse_args(["replay", str(tmp_path)])
    assert replay.host == "127.0.0.1"
    assert ReplayServer(tmp_path).base_url.startswith("http://127.0.0.1:")


def crawl_with_hostile_environment(url, output, *extra):
    environment = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
    command = [str(Path(sys.executable).parent / "portal-archive"), "crawl", "--profile", str(DEMO_PROFILE), "--start-url", url,
               "--output", str(output), *FAST, *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env={**environment, **HOSTILE_ENVIRONMENT})


def test_proxies_and_secrets_from_the_environment_stay_out_of_the_archive(tmp_path):
    with DemoPortal(articles=5) as portal:
        result = crawl_with_hostile_environment(portal.base_url, tmp_path)
    # The proxy in the environment was not used: it would have refused every connection.
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    needles = [SECRET.encode(), base64.b64encode(f"proxyuser:{SECRET}".encode()), b"proxyuser"]
    for path in (tmp_path / "warc").glob("*.warc.gz"):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                content = record.rec_headers.to_bytes() + (record.http_headers.to_bytes() if record.http_headers else b"")
                content += record.content_stream().read()
                assert not [n for n in needles if n in content], record.rec_headers.get_header("WARC-Type")
                if record.rec_type == "warcinfo":
                    assert "proxy" not in content.decode("utf-8").lower()
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.name.endswith(".warc.gz"):
            assert not [n for n in needles if n in path.read_bytes()], path


def test_a_proxy_is_used_only_when_the_operator_asks(tmp_path):
    with DemoPortal(articles=5) as portal:
        result = crawl_with_hostile_environment(portal.base_url, tmp_path, "-s", "HTTPPROXY_ENABLED=True")
    report = json.loads((tmp_path / "run.json").read_text())
    # Every request went to the (dead) proxy from the environment, so nothing could be fetched.
    assert (result.returncode, report["counts"]["pages_ok"]) == (3, 0)
    assert report["failures_by_reason"] and all("Connection" in reason for reason in report["failures_by_reason"])
