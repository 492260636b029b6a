"""The dataset card: a README in Markdown beside the export that says what was crawled, when, what
the records hold and lack, how to load them, and how to cite the portal.

Every value that comes from the crawl (a category, a start URL, a failure's reason, a folder name)
is written as plain text: Markdown viewers render inline HTML and links, so a portal's
``<script>`` or ``[x](javascript:…)`` must reach the reader as the characters it is.
"""

from html import escape

from archive.dataset.describe import ExportInfo, Table, tables
from archive.dataset.plots import Plot
from archive.dataset.stats import CrawlHistory, DatasetStats

ATTRIBUTION = """\
The articles are the portal's content, published by the government body that runs it, with the
authors and sources each record names (`author`, `source`). portal-archive and whoever made this
export grant no licence to them: the rights stay where they were. Check the portal's own terms of use
before you redistribute the text or the images, and cite the portal for every article you use: its
name, the article's title, its `published_at` date, its `url`, and the date it was archived
(`fetched_at`) with the WARC file it is in.
"""


# Markdown's own characters that could start a link, an image, a code span or end a table cell.
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`[]|"})


def plain(value) -> str:
    """``value`` as Markdown text that renders as exactly its characters, on one line."""
    text = " ".join(str(value).split())
    return escape(text, quote=False).translate(_MARKDOWN_SPECIALS)


def markdown_table(table: Table) -> str:
    lines = [f"## {plain(table.title)}", ""]
    if table.note:
        lines += [plain(table.note), ""]
    if not table.rows:
        return "\n".join(lines + ["None.", ""])
    lines.append("| " + " | ".join(map(plain, table.headers)) + " |")
    lines.append("|" + "|".join(" --- " for _ in table.headers) + "|")
    lines += ["| " + " | ".join(map(plain, row)) + " |" for row in table.rows]
    return "\n".join(lines + [""])


def _loading(info: ExportInfo) -> str:
    name = info.path.name
    if info.format == "parquet":
        duckdb = f"duckdb.sql(\"SELECT category, count(*) FROM read_parquet('{name}') GROUP BY ALL\")"
        hugging_face = f'load_dataset("parquet", data_files="{name}", split="train")'
    else:
        duckdb = f"duckdb.sql(\"SELECT category, count(*) FROM read_json('{name}') GROUP BY ALL\")"
        # datasets reads JSON timestamps as UTC without zone; the Parquet export keeps +07:00.
        hugging_face = f'load_dataset("json", data_files="{name}", split="train")  # published_at in UTC'
    return f"""## Loading

```python
from archive.dataset import load
articles = load("{name}")                 # pandas DataFrame; as_="arrow" for a pyarrow Table

import duckdb
{duckdb}

from datasets import load_dataset
articles = {hugging_face}
```

`published_at` keeps the portal's +07:00 offset and `fetched_at` is UTC. docs/dataset.md in
portal-archive has more recipes; docs/schema.md documents every field.
"""


OPENING_A_PAGE = """\
## Opening the archived page

Each record's `warc` column says where the archived response behind it is: the WARC file in the
crawl's `warc/` directory, the record's `WARC-Record-ID`, and the byte `offset` of its gzip member.
`portal-archive replay CRAWL_DIR` serves the whole crawl in pywb on 127.0.0.1 and shows the page at
`<replay URL><url>`; to read the one record, seek to the offset
(`warcio extract --payload warc/FILE OFFSET`).
"""


def render_card(info: ExportInfo, stats: DatasetStats, history: CrawlHistory, plots: list[Plot],
                report_name: str, plots_dir_name: str) -> str:
    title = plain(", ".join(history.portals) or info.crawl_dir.name)
    parts = [
        f"# Articles archived from {title}",
        "",
        f"{stats.records} article records from the government portal {title}, crawled by portal-archive and "
        f"exported with {info.what}. Every record keeps the location of the archived page in the WARC files.",
        "",
    ]
    parts += [markdown_table(table) for table in tables(info, stats, history)]
    parts += ["## Plots", "", f"The report [{plain(report_name)}](<{report_name}>) shows these and opens offline.", ""]
    parts += [f"![{plain(plot.title)}](<{plots_dir_name}/{plot.name}>)" for plot in plots]
    parts += ["", _loading(info), OPENING_A_PAGE, "## Licence and attribution", "", ATTRIBUTION]
    return "\n".join(parts)
