"""`export` writes documents.parquet: one row per document, its dates typed as dates, a card
section and a plot (documents per type and year)."""

import json
from pathlib import Path

import duckdb

from archive.dataset.document_export import PLOT_NAME
from archive.dataset.export import export
from extraction.document import extract_document, merge_documents
from extraction.page import Page
from extraction.resolve import resolve_profile
from record.schema import problems

GOLDEN = Path(__file__).parent / "golden" / "documents"


def _golden_document() -> dict:
    parts = []
    for tab in ("toanvan", "thuoctinh"):
        page = Page(f"https://vbpl.vn/TW/Pages/vbpq-{tab}.aspx?dvid=13&ItemID=88001", (GOLDEN / f"vbpl-{tab}-luat.html").read_bytes())
        parts.append(extract_document(page, resolve_profile(page=page)))
    document = merge_documents(parts)
    document["attachments"][0].update(text="LUẬT LƯU TRỮ SỐ CÔNG CỘNG")
    document["attachments"][1].update(text_note="text not read from application/msword")
    return document


def test_export_writes_documents_parquet_with_dates_typed_as_dates(tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "articles.jsonl").write_text("", encoding="utf-8")
    first = _golden_document()
    second = dict(first, canonical_url="https://vbpl.vn/tw/pages/vbpq-toanvan.aspx?ItemID=88002", title="NGHỊ ĐỊNH",
                  document_type="Nghị định", issued_on="2021-03-02", effective_on=None)
    newer = dict(first, version=2, status="Hết hiệu lực một phần")
    for record in (first, second):
        record["version"] = 1
    assert all(problems(r) == [] for r in (first, second, newer))
    (crawl / "documents.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (first, second, newer)), encoding="utf-8")

    result = export(crawl)

    parquet = result.path.with_name("documents.parquet")
    types = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{parquet}'").fetchall()}
    assert {types[c] for c in ("issued_on", "effective_on", "expires_on", "gazette_on")} == {"DATE"}
    rows = duckdb.sql(f"SELECT document_number, issued_on, effective_on, status, attachments[1].text "
                      f"FROM '{parquet}' ORDER BY issued_on").fetchall()
    assert [(r[0], str(r[1]), r[2] and str(r[2]), r[3]) for r in rows] == [
        ("34/2019/QH14", "2019-06-14", "2020-01-01", "Hết hiệu lực một phần"),  # the latest version only
        ("34/2019/QH14", "2021-03-02", None, "Còn hiệu lực"),
    ]
    assert rows[0][4] == "LUẬT LƯU TRỮ SỐ CÔNG CỘNG"
    card = result.card.read_text(encoding="utf-8")
    assert "## Documents" in card and "| Luật | 2019 | 1 |" in card and "| Nghị định | 2021 | 1 |" in card
    plot = result.path.with_name(result.path.name + ".plots") / PLOT_NAME
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
