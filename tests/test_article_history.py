"""ArticleHistory (record/history.py): each article's latest version, as written, whether it was
read at the start or numbered by this run."""

import json

from record.history import ArticleHistory
from record.jsonl import JsonLinesFile


def article(url: str, body: str) -> dict:
    return {"canonical_url": url, "url": url, "title": "Tiêu đề", "body_text": body, "fetched_at": "t"}


def _numbered_and_written(history: ArticleHistory, articles: JsonLinesFile, record: dict, run: str) -> bool:
    if history.next_version(record, run):
        articles.write(record)
        return True
    return False


def test_the_latest_version_is_the_last_written_whether_read_at_the_start_or_numbered_since(tmp_path):
    path = tmp_path / "articles.jsonl"
    first = ArticleHistory(path)
    with JsonLinesFile(path) as articles:
        for body in ("một", "hai"):
            assert _numbered_and_written(first, articles, article("http://x/a", body), "R1")
        assert _numbered_and_written(first, articles, article("http://x/b", "khác"), "R1")
        assert first.latest_record("http://x/a")["body_text"] == "hai"  # two versions in one run: the second
    # An unfinished line left by a killed run: cut off by the next writer, never read as a version.
    with open(path, "a", encoding="utf-8") as killed:
        killed.write(json.dumps(article("http://x/a", "bốn"))[:40])
    second = ArticleHistory(path)
    assert second.latest_record("http://x/a")["body_text"] == "hai"
    with JsonLinesFile(path) as articles:
        changed = article("http://x/a", "ba")
        assert _numbered_and_written(second, articles, changed, "R2")
        assert changed["version"] == 3 and changed["changes"] is not None
        assert not _numbered_and_written(second, articles, article("http://x/a", "ba"), "R2")  # unchanged
        assert second.latest_record("http://x/a")["body_text"] == "ba"
        assert second.latest_record("http://x/b")["body_text"] == "khác"
        assert second.latest_record("http://x/c") is None
    assert [json.loads(line)["version"] for line in path.read_text(encoding="utf-8").splitlines()] == [1, 2, 1, 3]
