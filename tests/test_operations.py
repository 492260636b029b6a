"""The scheduling recipes of docs/operations.md, run as written (with this machine's paths)."""

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from demo_portal import DEMO_PROFILE, DemoPortal

PROJECT = Path(__file__).resolve().parents[1]
OPERATIONS = (PROJECT / "docs" / "operations.md").read_text(encoding="utf-8")


def block_after(marker: str) -> str:
    return re.search(rf"<!-- {marker} -->\n```\n(.*?)```", OPERATIONS, re.S).group(1)


def demo_profile(tmp_path, url) -> Path:
    profile = tmp_path / "my-portal.toml"
    profile.write_text(f'name = "my-portal"\nextends = "{DEMO_PROFILE}"\n[discovery]\nstart_urls = ["{url}"]\n', encoding="utf-8")
    return profile


def test_the_cron_line_runs_and_runs_again(tmp_path):
    line = block_after("cron-line").strip()
    minute, hour, *_ = line.split()[:5]
    assert (minute, hour) == ("30", "2")
    command = line.split(None, 5)[5]
    with DemoPortal(articles=30) as portal:
        profile = demo_profile(tmp_path, portal.base_url)
        command = (command.replace("/srv/portal-archive", str(PROJECT))
                   .replace("/etc/portal-archive/my-portal.toml", str(profile))
                   .replace("/srv/archive/my-portal", str(tmp_path / "archive"))
                   .replace("/var/log/portal-archive/my-portal.log", str(tmp_path / "crawl.log")))
        command += " -s LOG_LEVEL=WARNING -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=0"  # the demo needs no politeness
        for _ in range(2):
            assert subprocess.run(["sh", "-c", command], timeout=300).returncode == 0
    assert (tmp_path / "crawl.log").read_text().count("Crawl finished") == 2
    first, second = [json.loads(p.read_text()) for p in sorted((tmp_path / "archive" / "runs").glob("*.json"))]
    assert first["counts"]["articles_new"] == 30 and first["status"] == "success"
    counts = second["counts"]
    assert counts["articles_new"] == counts["articles_changed"] == 0
    # Old articles wait for their re-check day; the few reached through /node/N redirects are re-read.
    assert counts["articles_not_due"] >= 25
    assert counts["articles_unchanged"] + counts["articles_not_modified"] + counts["articles_not_due"] >= 30


def test_the_systemd_service_command_runs(tmp_path):
    unit = block_after("systemd-service")
    exec_start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1)
    assert re.search(r"^WorkingDirectory=/srv/portal-archive$", unit, re.M)
    with DemoPortal(articles=20) as portal:
        profile = demo_profile(tmp_path, portal.base_url)
        command = (exec_start.replace("/srv/portal-archive", str(PROJECT))
                   .replace("/etc/portal-archive/%i.toml", str(profile))
                   .replace("/srv/archive/%i", str(tmp_path / "archive")))
        no_politeness = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0"]  # the demo needs none (AutoThrottle's start delay cost ~5 s)
        result = subprocess.run(command.split() + ["-s", "LOG_LEVEL=WARNING", *no_politeness], cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "20 new" in result.stdout


def test_scrapyd_egg_carries_profiles_schema_and_settings(tmp_path):
    # Built from a copy, as scrapyd-deploy would, so build/ and *.egg-info stay out of the checkout.
    source = tmp_path / "source"
    for name in ("record", "extraction", "archive", "crawler", "pipelines", "cli"):
        shutil.copytree(PROJECT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "README.md", "scrapy.cfg"):
        shutil.copy(PROJECT / name, source / name)
    subprocess.run([sys.executable, "setup.py", "-q", "bdist_egg", "-d", str(tmp_path)], cwd=source, check=True, capture_output=True)
    [egg] = tmp_path.glob("*.egg")
    with zipfile.ZipFile(egg) as package:
        names = set(package.namelist())
        entry_points = package.read("EGG-INFO/entry_points.txt").decode()
    assert {"extraction/profiles/drupal7.toml", "record/schemas/article.schema.json", "crawler/settings.py"} <= names
    assert "[scrapy]\nsettings = crawler.settings" in entry_points
