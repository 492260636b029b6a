"""record/ and extraction/ are the Scrapy-free layers: every module of theirs imports, and a page
is extracted, in an interpreter where Scrapy and Twisted (and the layers above) cannot be imported."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNIMPORTABLE = ("scrapy", "twisted", "scrapy_redis", "crawler", "pipelines", "cli", "bench", "demo_portal")

SCRIPT = f"""
import importlib, importlib.abc, json, pkgutil, sys

class Unimportable(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {UNIMPORTABLE!r}:
            raise ImportError(name + " is made unimportable by the test")
        return None

sys.meta_path.insert(0, Unimportable())
imported = []
for package in ("record", "extraction"):
    root = importlib.import_module(package)
    imported.append(package)
    for module in pkgutil.walk_packages(root.__path__, package + "."):
        importlib.import_module(module.name)
        imported.append(module.name)

from extraction.article import extract_article
from extraction.page import Page
from extraction.resolve import resolve_profile
page = Page("https://tinh.gov.vn/tin-tuc/a", open(sys.argv[1], "rb").read())
record = extract_article(page, resolve_profile("drupal7"))
print(json.dumps({{"imported": imported, "title": record["title"],
                   "loaded": sorted(m for m in sys.modules if m.split(".")[0] in {UNIMPORTABLE!r})}}))
"""


def test_record_and_extraction_work_without_scrapy():
    page = ROOT / "tests" / "golden" / "drupal7" / "zen-theme-visible-date.html"
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["expected"]["title"]
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(page)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    modules = {str(p.relative_to(ROOT).with_suffix("")).replace("/", ".") for folder in ("record", "extraction") for p in (ROOT / folder).rglob("*.py")}
    modules = {m.removesuffix(".__init__") for m in modules}
    assert set(report["imported"]) == modules
    assert report["title"] == expected
    assert report["loaded"] == []
