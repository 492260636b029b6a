"""Two crawls started a moment apart into one directory, again and again: the first archives, the
second is refused in one line, and nothing is corrupted (issue: .open recovery ran before the lock).

The second is the installed command, which refuses before it loads Scrapy; the first is the same
command's main() forked with Scrapy loaded (support/commands.py), so that a round costs little.
"""

import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from archive.warc.check import verify
from demo_portal import DEMO_PROFILE, DemoPortal
from support.commands import ForkedCrawl
from support.crawls import fast_settings

ROUNDS = 20
AT_ONCE = 10  # rounds run side by side, each in a directory of its own: a round mostly waits on its crawl's delay
# Enough pages (about 35) one at a time that the first crawl, which takes the directory at once,
# still holds it (3.5 s and more) when the second, started up to 1 s later, asks for it.
FIRST_CRAWL = fast_settings(DOWNLOAD_DELAY=0.1, RANDOMIZE_DOWNLOAD_DELAY=False, CONCURRENT_REQUESTS_PER_DOMAIN=1, LOG_LEVEL="ERROR")
TEXT_FILES = re.compile(r".*\.(jsonl|json|log|cdxj)")


def crawl_arguments(start_url: str, output: Path) -> list[str]:
    return ["--profile", str(DEMO_PROFILE), "--start-url", start_url, "--output", str(output), *FIRST_CRAWL]


def race(start_url: str, output: Path, apart: float) -> list[subprocess.CompletedProcess]:
    """Two crawls into `output`, the second started `apart` seconds after the first."""
    first = ForkedCrawl(*crawl_arguments(start_url, output))
    time.sleep(apart)
    second = subprocess.run([str(Path(sys.executable).parent / "portal-archive"), "crawl", *crawl_arguments(start_url, output)],
                            capture_output=True, text=True, timeout=120)
    return [first.wait(timeout=120, check=False), second]


def test_of_two_crawls_started_a_moment_apart_one_archives_and_the_other_is_refused(tmp_path):
    apart = [0.1 + 0.9 * round / (ROUNDS - 1) for round in range(ROUNDS)]  # 0.1 s to 1 s
    outputs = [tmp_path / f"round-{round}" for round in range(ROUNDS)]
    with DemoPortal(articles=5) as portal, ThreadPoolExecutor(AT_ONCE) as pool:
        rounds = list(pool.map(lambda args: race(portal.base_url, *args), zip(outputs, apart)))
    for output, crawls in zip(outputs, rounds):
        # Usually the first started takes the lock; under load the second may get there first.
        [ran] = [c for c in crawls if c.returncode != 4]
        [refused] = [c for c in crawls if c.returncode == 4]
        assert ran.returncode == 0, (output, ran.stderr[-2000:])
        assert "WARC:      1 file(s)" in ran.stdout, ran.stdout
        assert len(refused.stderr.strip().splitlines()) == 1 and "another crawl is already writing to" in refused.stderr
        assert refused.stdout == ""
        assert verify([output / "warc"]).ok, output
        # A hole written by a second writer reads as NULs: in a text file they never belong; in a
        # WARC file verify (above) finds it, as a member that does not inflate or fails its CRC. A
        # NUL run cannot tell it there: a body kept as sent (a JPEG, in stored blocks) may hold one.
        for path in (p for p in output.rglob("*") if p.is_file() and TEXT_FILES.fullmatch(p.name)):
            assert b"\x00" not in path.read_bytes(), path
