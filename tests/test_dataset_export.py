"""`portal-archive export` of a real demo crawl, read back the ways researchers read it: the
project's loader (pandas and Arrow), DuckDB and Hugging Face `datasets`, checked against the demo
portal's ground truth."""

import gzip
import json
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.dataset import load
from conftest import run_cli

SAMPLE = 25  # articles compared field by field, spread over the crawl


def path_of(url: str) -> str:
    return urlsplit(url).path


def value(cell):
    """pandas shows a missing string as NaN; the manifest says None."""
    return None if cell is None or (isinstance(cell, float) and pd.isna(cell)) else cell


@pytest.fixture(scope="module")
def exported(demo_crawl, tmp_path_factory):
    path = tmp_path_factory.mktemp("dataset") / "articles.parquet"
    result = run_cli("export", demo_crawl["output"], "--output", path)
    return path, result.stdout


@pytest.fixture(scope="module")
def truth(demo_crawl):
    return {path_of(a["url"]): a for a in demo_crawl["manifest"]["articles"]}


@pytest.fixture(scope="module")
def sample(truth):
    paths = sorted(truth)
    return [truth[p] for p in paths[:: max(1, len(paths) // SAMPLE)]]


def test_one_command_writes_the_dataset_its_card_report_and_plots(exported, truth):
    path, stdout = exported
    assert f"Exported {len(truth)} records" in stdout
    for sidecar in ("articles.parquet.card.md", "articles.parquet.report.html"):
        assert (path.parent / sidecar).stat().st_size > 1000, sidecar
    plots = sorted((path.parent / "articles.parquet.plots").glob("*.png"))
    assert [p.name for p in plots] == ["articles-per-month.png", "crawl-growth.png", "documents-per-type-and-year.png",
                                      "field-completeness.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for p in plots)
    assert not list(path.parent.glob("*.partial"))


def test_the_loader_gives_the_manifest_articles(exported, truth, sample):
    frame = load(exported[0])
    assert len(frame) == len(truth)
    assert sorted(map(path_of, frame["url"])) == sorted(truth)
    assert str(frame["published_at"].dtype) == "datetime64[us, UTC+07:00]"
    rows = {path_of(url): row for url, row in zip(frame["url"], frame.itertuples())}
    for article in sample:
        row = rows[path_of(article["url"])]
        assert row.title == article["title"]
        assert row.published_at.isoformat() == article["published_at"]
        assert value(row.author) == article["author"]
        assert list(row.paragraphs) == article["paragraphs"]
        assert [image["caption"] for image in row.images] == [image["caption"] for image in article["images"]]
    assert Counter(frame["category"]) == Counter(a["category"] for a in truth.values())


def test_arrow_types_keep_zones_lists_and_structs(exported):
    table = load(exported[0], as_="arrow")
    schema = table.schema
    assert schema.field("published_at").type == pa.timestamp("us", tz="+07:00")
    assert schema.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("paragraphs").type == pa.list_(pa.string())
    assert pa.types.is_struct(schema.field("images").type.value_type)
    assert [f.name for f in schema.field("warc").type] == ["filename", "record_id", "offset"]
    assert table.column("warc").null_count == 0


def test_duckdb_reads_the_parquet(exported, truth, sample):
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
    source = f"read_parquet('{exported[0]}')"
    assert connection.execute(f"SELECT count(*) FROM {source}").fetchone()[0] == len(truth)
    counts = dict(connection.execute(f"SELECT category, count(*) FROM {source} GROUP BY category").fetchall())
    assert counts == Counter(a["category"] for a in truth.values())
    rows = connection.execute(
        f"SELECT url, title, CAST(published_at AS VARCHAR), author, paragraphs, warc.offset FROM {source}").fetchall()
    by_path = {path_of(row[0]): row for row in rows}
    for article in sample:
        _, title, published, author, paragraphs, offset = by_path[path_of(article["url"])]
        # DuckDB prints a TIMESTAMPTZ in the session's zone as "YYYY-MM-DD HH:MM:SS+07".
        assert published == article["published_at"].replace("T", " ")[:-3]
        assert (title, author, paragraphs) == (article["title"], article["author"], article["paragraphs"])
        assert offset >= 0


def test_hugging_face_datasets_loads_the_parquet(exported, truth, sample, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    from datasets import load_dataset

    dataset = load_dataset("parquet", data_files=str(exported[0]), split="train", cache_dir=str(tmp_path))
    assert dataset.num_rows == len(truth)
    assert dataset.features["published_at"].dtype == "timestamp[us, tz=+07:00]"
    by_path = {path_of(url): index for index, url in enumerate(dataset["url"])}
    for article in sample:
        row = dataset[by_path[path_of(article["url"])]]
        assert row["published_at"].isoformat() == article["published_at"]
        assert (row["title"], row["author"], row["paragraphs"]) == (article["title"], article["author"], article["paragraphs"])


def test_the_crawl_directory_and_a_jsonl_export_load_as_the_same_table(demo_crawl, exported, tmp_path):
    parquet = load(exported[0], as_="arrow")
    run_cli("export", demo_crawl["output"], "--format", "jsonl.gz", "--output", tmp_path / "articles.jsonl.gz")
    with gzip.open(tmp_path / "articles.jsonl.gz", "rt", encoding="utf-8") as lines:
        first = json.loads(next(lines))
    assert first["published_at"].endswith("+07:00")
    assert load(tmp_path / "articles.jsonl.gz", as_="arrow").equals(parquet)
    assert load(demo_crawl["output"], as_="arrow").equals(parquet)


def test_each_row_opens_its_archived_page(demo_crawl, exported, sample):
    frame = load(exported[0])
    rows = {path_of(url): warc for url, warc in zip(frame["url"], frame["warc"])}
    for article in sample[:5]:
        location = rows[path_of(article["url"])]
        warc_file = demo_crawl["output"] / "warc" / location["filename"]
        with open(warc_file, "rb") as stream:
            stream.seek(location["offset"])
            record = next(iter(ArchiveIterator(stream)))
        assert record.rec_headers.get_header("WARC-Record-ID") == location["record_id"]
        assert path_of(record.rec_headers.get_header("WARC-Target-URI")) == path_of(article["url"])
        # The command the card and docs/dataset.md give.
        warcio = Path(sys.executable).parent / "warcio"
        page = subprocess.run([warcio, "extract", "--payload", warc_file, str(location["offset"])],
                              capture_output=True, check=True, timeout=60).stdout.decode("utf-8")
        assert article["title"] in page


def test_segment_adds_vietnamese_words_that_keep_every_letter(two_editions, tmp_path):
    # The 60-article collection, not the 650-article demo crawl: the same sentences, and segmenting
    # the 650 took about 9 s of CPU.
    output = tmp_path / "segmented.parquet"
    run_cli("export", two_editions.output, "--segment", "--output", output)
    frame = load(output)
    assert len(frame) == len(two_editions.second["articles"])
    syllables = words = 0
    for body, segmented in zip(frame["body_text"], frame["body_segmented"]):
        assert "".join(segmented.replace("_", "").split()) == "".join(body.split())
        assert segmented.count("\n\n") == body.count("\n\n")
        syllables += len(body.split())
        words += len(segmented.split())
    assert " kế_hoạch " in " ".join(frame["body_segmented"])  # "Theo kế hoạch, …": one word
    # Many words have two syllables, so there are clearly fewer words than syllables.
    assert words < 0.9 * syllables


def test_a_directory_that_is_not_a_crawl_is_a_usage_error(tmp_path):
    result = run_cli("export", tmp_path, check=False)
    assert result.returncode == 2
    assert "no articles.jsonl" in result.stderr


def test_timestamps_are_the_records_instants(exported, demo_articles):
    frame = load(exported[0])
    fetched = dict(zip(frame["url"], frame["fetched_at"]))
    for record in demo_articles[:50]:
        assert fetched[record["url"]] == datetime.fromisoformat(record["fetched_at"])


def test_a_field_without_a_column_stops_the_export_and_leaves_no_file(demo_articles, tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    records = [dict(r) for r in demo_articles[:3]]
    records[2]["reading_time"] = 3  # a field the schema gained, the dataset's columns not yet
    (crawl / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for format in ("parquet", "jsonl.gz"):
        result = run_cli("export", crawl, "--format", format, check=False)
        assert result.returncode == 1
        assert "reading_time" in result.stderr and "arrow_schema.py" in result.stderr
        assert not list((crawl / "dataset").iterdir())
