"""WACZ packages (WARCs, CDXJ index, pages.jsonl, datapackage.json and its digest), built with py-wacz."""

import contextlib
import io
import json
import tempfile
from pathlib import Path

from wacz.main import main as wacz_main

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Article pages"}


class WaczError(RuntimeError):
    pass


def _run_wacz(args: list[str]) -> tuple[int, str]:
    """py-wacz prints progress to stdout; keep it for error messages instead of the console."""
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        code = wacz_main(args)
    return code or 0, said.getvalue()


def write_wacz(warc_paths: list[Path], pages: list[dict], output: Path, title: str = "", description: str = "") -> Path:
    """Package the WARCs; `pages` are {"url", "title"} of the pages replay should list (the articles)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        pages_file = Path(scratch) / "pages.jsonl"
        lines = [PAGES_HEADER, *({"url": p["url"], "title": p["title"]} for p in pages)]
        pages_file.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
        args = ["create", "-o", str(output), "-p", str(pages_file)]
        if title:
            args += ["--title", title]
        if description:
            args += ["--desc", description]
        code, said = _run_wacz(args + [str(p) for p in warc_paths])
    if code != 0 or not output.exists():
        raise WaczError(f"wacz create failed ({code}): {said.strip()[-500:]}")
    return output


def validate_wacz(path: Path) -> tuple[bool, str]:
    code, said = _run_wacz(["validate", "-f", str(path)])
    return code == 0, said
