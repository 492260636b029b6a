"""Our extraction against plain trafilatura on the golden corpus, written to docs/quality.md.

    python tests/golden/quality_report.py [OUTPUT.md]

Every golden page that is an article is read twice: by `portal-archive extract`'s path (profile
chosen as the golden case says, fallback when needed) and by ``trafilatura.extract`` with
metadata and default settings. Both are scored against the page's reviewed expected record.
"""

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

import trafilatura

from extraction.dates import parse_machine_date, to_iso
from extraction.page import Page
from extraction.text import normalize_text

sys.path.insert(0, str(Path(__file__).parent))
from regenerate import extract_golden, golden_pages  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REALPAGES_BEGIN = "<!-- realpages -->"
_TOKEN = re.compile(r"\w+")
# Furniture and byline text that must never be in a body (PORTALS.md), as a reader would spot it.
LEAK_MARKERS = (
    "You are here", "Bạn đang ở đây", "Truy cập nội dung luôn", "Thời tiết", "Liên kết website", "Chọn liên kết",
    "Ý kiến bạn đọc", "Gửi ý kiến", "Đang truy cập", "Lượt truy cập", "Lượt xem", "Bản quyền thuộc", "Bản in",
    "Tin liên quan", "Các tin khác", "Tin cùng chuyên mục", "Tin tức - Sự kiện", "Chia sẻ", "Ngày đăng", "Cập nhật:",
    "Tin, ảnh:", "Tin:", "T/h:", "Nguồn:", "Nguồn tin:", "Tác giả:", "Theo Báo", "Theo Cổng",
)


@dataclass
class Scores:
    pages: int = 0
    title: list[bool] = field(default_factory=list)
    body_f1: list[float] = field(default_factory=list)
    author: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    leaks: int = 0

    def add(self, expected: dict, title, body, author, date) -> None:
        truth_body = " ".join(filter(None, (expected["lead"], expected["body_text"])))
        self.pages += 1
        self.title.append(normalize_text(title) == expected["title"])
        self.body_f1.append(token_f1(truth_body, body or ""))
        self.author.append((normalize_text(author) or None) == expected["author"])
        self.date.append(date == expected["published_at"])
        self.leaks += any(marker.casefold() in (body or "").casefold() for marker in LEAK_MARKERS if marker.casefold() not in truth_body.casefold())


def token_f1(truth: str, found: str) -> float:
    """F1 of the bags of lower-cased word tokens."""
    expected, got = _bag(truth), _bag(found)
    common = sum(min(n, got.get(t, 0)) for t, n in expected.items())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def _bag(text: str) -> dict[str, int]:
    bag: dict[str, int] = {}
    for token in _TOKEN.findall(normalize_text(text).lower()):
        bag[token] = bag.get(token, 0) + 1
    return bag


def _trafilatura_record(page: Path, url: str) -> dict:
    # The page decoded as our extraction decodes it, so both read the same characters.
    html = Page(url, page.read_bytes()).text()
    found = json.loads(trafilatura.extract(html, url=url, output_format="json", with_metadata=True) or "{}")
    moment = parse_machine_date(found.get("date") or "")
    return {"title": found.get("title"), "text": found.get("text"), "author": found.get("author"), "date": to_iso(moment) if moment else None}


def score() -> dict[str, tuple[Scores, Scores]]:
    families: dict[str, tuple[Scores, Scores]] = {}
    for page in golden_pages():
        case, ours = extract_golden(page)
        expected = case["expected"]
        if expected is None:
            continue
        mine, theirs = families.setdefault(page.parent.name, (Scores(), Scores()))
        mine.add(expected, ours["title"], " ".join(filter(None, (ours["lead"], ours["body_text"]))), ours["author"], ours["published_at"])
        other = _trafilatura_record(page, case["url"])
        theirs.add(expected, other["title"], other["text"], other["author"], other["date"])
    return families


def beats(mine: Scores, theirs: Scores) -> dict[str, bool]:
    """Column by column, whether our extraction does better than trafilatura, or is already
    perfect (where trafilatura is perfect too, nobody can do better)."""
    return {
        "title": sum(mine.title) > sum(theirs.title) or all(mine.title),
        "body_f1": mean(mine.body_f1) > mean(theirs.body_f1) or mean(mine.body_f1) == 1,
        "author": sum(mine.author) > sum(theirs.author) or all(mine.author),
        "date": sum(mine.date) > sum(theirs.date) or all(mine.date),
        "leaks": mine.leaks < theirs.leaks or mine.leaks == 0,
    }


def _row(name: str, tool: str, s: Scores) -> str:
    share = lambda values: f"{sum(values)}/{len(values)}"  # noqa: E731
    return f"| {name} | {tool} | {s.pages} | {share(s.title)} | {mean(s.body_f1):.3f} | {share(s.author)} | {share(s.date)} | {s.leaks} |"


def report(families: dict[str, tuple[Scores, Scores]]) -> str:
    lines = [
        "# Extraction quality on the golden corpus",
        "",
        "Generated by `make quality` (`tests/golden/quality_report.py`); do not edit by hand.",
        "",
        "Every golden page that is an article (`tests/golden/<family>/`, listing pages left out) is read",
        "by our extraction (the family profile, or the generic fallback) and by plain",
        "`trafilatura.extract(html, output_format=\"json\", with_metadata=True)` with default settings,",
        "and both are scored against the page's reviewed expected record:",
        "",
        "- **title exact**: the headline, character for character (not the portlet header or site name);",
        "- **body F1**: word-token F1 against the expected lead and body together (trafilatura has no",
        "  separate lead, so it is not penalised for keeping the sapo in its text);",
        "- **author**: the byline's author, exactly (null when the page names none);",
        "- **date with time**: the publication moment to the minute, in +07:00;",
        "- **leaks**: pages whose body carries furniture or byline text (\"Lượt xem\", \"Tin liên quan\",",
        "  \"Tin, ảnh:\", \"Nguồn:\"…) — lower is better.",
        "",
        "The expected records were written by our extraction and then read and checked by hand, so",
        "our rows show where the extraction now departs from the reviewed truth (a regression), and",
        "trafilatura's rows how far a generic extractor is from it. `tests/test_golden_pages.py` fails",
        "when ours stops beating trafilatura on any column.",
        "",
        "| family | extraction | pages | title exact | body F1 | author | date with time | leaks |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, (mine, theirs) in sorted(families.items()):
        lines += [_row(name, "ours", mine), _row(name, "trafilatura", theirs)]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    output = Path(argv[0]) if argv else ROOT / "docs" / "quality.md"
    text = report(score())
    # The development set's section (bench/realpages_report.py) needs pages kept outside
    # the project: carried over as it is.
    old = output.read_text(encoding="utf-8") if output.exists() else ""
    if REALPAGES_BEGIN in old:
        text += "\n" + old[old.index(REALPAGES_BEGIN):]
    output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
