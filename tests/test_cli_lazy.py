"""The command's light subcommands never load the crawler's stack: Scrapy, scrapy-redis, Twisted, the demo portal."""

import importlib
import json
import os
import subprocess
import sys

import pytest

import cli
from small_inputs import SAVED_PAGE, saved_page_title, saved_page_url, write_small_warc

HEAVY = ("scrapy", "scrapy_redis", "twisted", "demo_portal")

# Runs `portal-archive ARGS` in a fresh interpreter, then prints (to stderr, last line) which heavy
# modules ended up loaded. With BLOCK=1 those modules cannot be imported at all.
WRAPPER = f"""
import importlib.abc, json, os, sys
HEAVY = {HEAVY!r}

class Unimportable(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in HEAVY:
            raise ImportError(f"{{name}} is made unimportable by the test")
        return None

if os.environ.get("BLOCK") == "1":
    sys.meta_path.insert(0, Unimportable())
from cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)), file=sys.stderr)
sys.exit(code)
"""


def run_light(tmp_path, *args, block: bool):
    wrapper = tmp_path / "light_cli.py"
    wrapper.write_text(WRAPPER, encoding="utf-8")
    result = subprocess.run([sys.executable, str(wrapper), *map(str, args)], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "BLOCK": "1" if block else "0"})
    loaded = json.loads(result.stderr.strip().splitlines()[-1])
    return result, loaded


@pytest.mark.parametrize("args", [["--help"], ["verify", "--help"], ["extract", "--help"], ["export", "--help"],
                                  ["replay", "--help"]])
def test_help_works_without_the_crawler_stack(tmp_path, args):
    result, loaded = run_light(tmp_path, *args, block=True)
    assert result.returncode == 0, result.stderr
    assert "usage: portal-archive" in result.stdout
    assert loaded == []


def test_verify_and_extract_work_without_the_crawler_stack(tmp_path):
    warc = write_small_warc(tmp_path / "small.warc.gz")
    verified, loaded = run_light(tmp_path, "verify", warc, block=True)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.strip().endswith("3 record(s): OK")
    assert loaded == []

    extracted, loaded = run_light(tmp_path, "extract", SAVED_PAGE, "--url", saved_page_url(), block=True)
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout)["title"] == saved_page_title()
    assert loaded == []


def test_verify_does_not_even_try_to_load_the_crawler_stack(tmp_path):
    """Unblocked: a guarded `try: import scrapy` would pass the blocked run yet still load Scrapy here."""
    result, loaded = run_light(tmp_path, "verify", write_small_warc(tmp_path / "small.warc.gz"), block=False)
    assert result.returncode == 0, result.stderr
    assert loaded == []


def test_crawl_help_still_lists_its_options(tmp_path):
    result, loaded = run_light(tmp_path, "crawl", "--help", block=False)
    assert result.returncode == 0 and "--demo" in result.stdout and "--start-url" in result.stdout
    assert "scrapy" not in loaded  # the crawler stack loads only once a crawl has claimed its directory


@pytest.mark.parametrize("name", list(cli.SUBCOMMANDS))
def test_each_subcommand_help_line_is_its_module_docstring(name):
    subcommand = cli.SUBCOMMANDS[name]
    assert subcommand.help == importlib.import_module(subcommand.module).__doc__.splitlines()[0]
