"""Documents as their own table: documents.parquet beside the articles, typed columns, a card
section and a plot (documents per type and year of issue).

The document record's JSON Schema in Arrow types: the four dates are ``date32`` (days, no time
zone: a decision is issued on a day, not at an instant), ``fetched_at`` is UTC, attachments and
related documents stay lists of structs. Only the latest version of each document is written.
"""

import io
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from archive.dataset.arrow_schema import FETCHED_AT_TZ, PROVENANCE_FIELDS, PUBLISHED_AT_TZ, RecordShapeError
from record.jsonl import read_jsonl

DATE_COLUMNS = ("issued_on", "effective_on", "expires_on", "gazette_on")
_text = pa.string()
_texts = pa.list_(_text)
DOCUMENT_ATTACHMENT = pa.struct([
    pa.field("url", _text, nullable=False), pa.field("title", _text, nullable=False),
    pa.field("media_type", _text, nullable=False), pa.field("text", _text), pa.field("text_note", _text),
])
RELATED = pa.struct([pa.field("url", _text), pa.field("title", _text, nullable=False)])
DOCUMENT_SCHEMA = pa.schema([
    pa.field("schema_version", _text, nullable=False),
    pa.field("kind", _text, nullable=False),
    pa.field("url", _text, nullable=False),
    pa.field("canonical_url", _text, nullable=False),
    pa.field("document_id", _text),
    pa.field("pages", _texts, nullable=False),
    pa.field("title", _text, nullable=False),
    *(pa.field(name, _text) for name in (
        "document_number", "document_type", "issuing_body", "signer", "signer_title")),
    *(pa.field(name, pa.date32()) for name in DATE_COLUMNS),
    pa.field("posted_at", pa.timestamp("us", tz=PUBLISHED_AT_TZ)),
    *(pa.field(name, _text) for name in ("status", "scope", "abstract", "full_text")),
    pa.field("paragraphs", _texts, nullable=False),
    pa.field("attachments", pa.list_(DOCUMENT_ATTACHMENT), nullable=False),
    pa.field("related", pa.list_(RELATED), nullable=False),
    pa.field("language", _text, nullable=False),
    pa.field("fetched_at", pa.timestamp("us", tz=FETCHED_AT_TZ), nullable=False),
    pa.field("profile", _text, nullable=False),
    pa.field("extraction", _text, nullable=False),
    pa.field("text_encoding_note", _text),
    *PROVENANCE_FIELDS,
])
PLOT_NAME = "documents-per-type-and-year.png"
_TOP_TYPES = 8


def latest_documents(path: Path) -> list[dict]:
    """The latest version of each document in documents.jsonl (by canonical_url)."""
    latest: dict[str, dict] = {}
    for record in read_jsonl(path, required=("canonical_url",)):
        known = latest.get(record["canonical_url"])
        if known is None or (record.get("version") or 0) >= (known.get("version") or 0):
            latest[record["canonical_url"]] = record
    return list(latest.values())


def _row(record: dict) -> dict:
    unknown = record.keys() - set(DOCUMENT_SCHEMA.names)
    if unknown:
        raise RecordShapeError(f"document {record.get('canonical_url')} has field(s) {', '.join(sorted(unknown))} "
                               "that documents.parquet has no column for: add them to archive/dataset/document_export.py")
    row = dict(record)
    for name in DATE_COLUMNS:
        row[name] = date.fromisoformat(row[name]) if row.get(name) else None
    row["fetched_at"] = datetime.fromisoformat(row["fetched_at"])
    row["posted_at"] = datetime.fromisoformat(row["posted_at"]) if row.get("posted_at") else None
    return row


def write_documents(records: list[dict], output: Path) -> Path:
    """documents.parquet from document records, written aside and renamed when whole."""
    partial = output.with_name(output.name + ".partial")
    table = pa.Table.from_pylist([_row(r) for r in records], schema=DOCUMENT_SCHEMA)
    pq.write_table(table, partial, compression="zstd")
    partial.replace(output)
    return output


def per_type_and_year(records: list[dict]) -> Counter:
    """(document type, year of issue) → how many; unknowns are "(no type)" and None."""
    return Counter((r.get("document_type") or "(no type)", int(r["issued_on"][:4]) if r.get("issued_on") else None)
                   for r in records)


def render_plot(records: list[dict]) -> bytes:
    """A stacked bar chart: documents per year of issue, one colour per type (the largest types)."""
    counts = per_type_and_year(records)
    by_type = Counter()
    for (kind, _), n in counts.items():
        by_type[kind] += n
    types = [kind for kind, _ in by_type.most_common(_TOP_TYPES)]
    years = sorted({year for _, year in counts if year is not None})
    figure = Figure(figsize=(8, 4))
    axes = figure.add_subplot()
    bottom = [0] * len(years)
    for kind in types:
        heights = [counts.get((kind, year), 0) for year in years]
        axes.bar([str(y) for y in years], heights, bottom=bottom, label=kind)
        bottom = [b + h for b, h in zip(bottom, heights)]
    axes.set_title("Documents per type and year of issue", usetex=False)
    axes.set_ylabel("documents")
    if types and years:
        axes.legend(fontsize="small")
    FigureCanvasAgg(figure)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def card_section(records: list[dict], parquet_name: str, plot_path: str) -> str:
    """The dataset card's section on documents (plain Markdown)."""
    counts = per_type_and_year(records)
    with_text = sum(1 for r in records for a in r["attachments"] if a.get("text"))
    scans = sum(1 for r in records for a in r["attachments"] if (a.get("text_note") or "").startswith("scanned"))
    lines = [
        "## Documents", "",
        f"`{parquet_name}` holds {len(records)} legal documents (one row each, their pages merged): number, type, issuing "
        "body, signer, the dates of issue, effect, expiry and gazette (typed as dates), status, abstract, full text, "
        f"and attachments with their text ({with_text} files with text, {scans} scans without). See docs/schema.md.", "",
        "| type | year | documents |", "| --- | --- | --- |",
    ]
    for (kind, year), n in sorted(counts.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
        lines.append(f"| {kind.replace('|', '/')} | {year or 'unknown'} | {n} |")
    lines += ["", f"![Documents per type and year]({plot_path})", ""]
    return "\n".join(lines)


def export_documents(documents_file: Path, articles_output: Path, card: Path) -> Path:
    """documents.parquet beside the articles' export, its plot in the articles' plots folder and
    its section at the end of their card."""
    records = latest_documents(documents_file)
    output = write_documents(records, articles_output.with_name("documents.parquet"))
    plots_dir = articles_output.with_name(f"{articles_output.name}.plots")
    plots_dir.mkdir(exist_ok=True)
    (plots_dir / PLOT_NAME).write_bytes(render_plot(records))
    with open(card, "a", encoding="utf-8") as stream:
        stream.write("\n" + card_section(records, output.name, f"{plots_dir.name}/{PLOT_NAME}"))
    return output
