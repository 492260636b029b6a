"""Two crawls started a moment apart into one directory, again and again: the first archives, the
second is refused in one line, and nothing is corrupted (issue: .open recovery ran before the lock)."""

import re
import subprocess
import sys
import time
from pathlib import Path

from conftest import run_cli
from demo_portal import DEMO_PROFILE, DemoPortal

ROUNDS = 20
# Enough pages one at a time that the first crawl still holds the directory when the second starts.
FIRST_CRAWL = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR", "-s", "WACZ_ENABLED=False"]
TEXT_FILES = re.compile(r".*\.(jsonl|json|log|cdxj)")
NUL_RUN = b"\x00" * 64


def crawl_command(start_url: str, output: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "portal-archive"), "crawl", "--profile", str(DEMO_PROFILE),
            "--start-url", start_url, "--output", str(output), *FIRST_CRAWL]


def test_a_second_crawl_started_a_moment_later_is_refused_and_the_first_is_whole(tmp_path):
    with DemoPortal(articles=5) as portal:
        for round in range(ROUNDS):
            output = tmp_path / f"round-{round}"
            first = subprocess.Popen(crawl_command(portal.base_url, output), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(0.1 + 0.9 * round / (ROUNDS - 1))  # 0.1 s to 1 s apart
            second = subprocess.run(crawl_command(portal.base_url, output), capture_output=True, text=True, timeout=120)
            first_out, first_err = first.communicate(timeout=120)

            assert first.returncode == 0, (round, first_err[-2000:])
            assert second.returncode == 4, (round, second.stderr[-2000:])
            assert len(second.stderr.strip().splitlines()) == 1 and "another crawl is already writing to" in second.stderr
            assert "WARC:      1 file(s)" in first_out, first_out
            verified = run_cli("verify", output)
            assert verified.stdout.strip().endswith(": OK"), verified.stdout
            for path in (p for p in output.rglob("*") if p.is_file()):
                data = path.read_bytes()
                if TEXT_FILES.fullmatch(path.name):
                    assert b"\x00" not in data, path
                elif path.name.endswith(".warc.gz"):
                    assert NUL_RUN not in data, path
