"""The one JSON Lines reader and writer: an unfinished last line is not a record; a bad line is named."""

import gzip

import pytest

from record.jsonl import JsonLinesError, JsonLinesFile, read_jsonl, read_jsonl_positions


def test_an_unfinished_last_line_is_skipped_by_readers_and_cut_by_the_next_writer(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"n": 1}\n\n{"n": 2}\n{"n": 3, "half')
    assert [r["n"] for r in read_jsonl(path)] == [1, 2]
    with JsonLinesFile(path) as lines:
        lines.write({"n": 4})
    assert [r["n"] for r in read_jsonl(path)] == [1, 2, 4]


def test_positions_let_a_second_pass_read_the_same_snapshot(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"n": 1}\n{"n": 2}\n', encoding="utf-8")
    [(_, first), (end, _)] = read_jsonl_positions(path)
    with open(path, "a", encoding="utf-8") as more:
        more.write('{"n": 3}\n')
    assert [r["n"] for r in read_jsonl(path, end=end)] == [1, 2] and first == {"n": 1}


@pytest.mark.parametrize("line, problem", [
    (b"{nope\n", "line 2: not a JSON line"),
    (b"[1, 2]\n", "line 2: a JSON list, not a record"),
    (b'{"url": null}\n', "line 2: the record has no url"),
])
def test_a_complete_line_that_is_not_a_record_names_the_file_and_line(tmp_path, line, problem):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"url": "http://x/"}\n' + line)
    with pytest.raises(JsonLinesError) as raised:
        list(read_jsonl(path, required=("url",)))
    assert str(raised.value).startswith(f"{path} {problem}")


def test_a_missing_file_has_no_records_and_gzip_is_read_the_same(tmp_path):
    assert list(read_jsonl(tmp_path / "none.jsonl")) == []
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as packed:
        packed.write('{"tiêu đề": "Hòa Lâm"}\n')
    assert list(read_jsonl(tmp_path / "a.jsonl.gz")) == [{"tiêu đề": "Hòa Lâm"}]
