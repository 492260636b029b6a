"""The crawl report: one HTML file with the plots inside it as data: URIs and the card's tables.

Self-contained on purpose: it opens offline, from anywhere it is copied to, with no script.
"""

import base64
from html import escape

from archive.dataset.describe import ExportInfo, Table, tables
from archive.dataset.plots import Plot
from archive.dataset.stats import CrawlHistory, DatasetStats

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #202020; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.number { text-align: right; }
figure { margin: 1em 0 2em; }
figure img { max-width: 100%; border: 1px solid #eee; }
p.note { color: #555; max-width: 60em; }
"""


def _html_table(table: Table) -> str:
    parts = [f"<h2>{escape(table.title)}</h2>"]
    if table.note:
        parts.append(f'<p class="note">{escape(table.note)}</p>')
    if not table.rows:
        return "\n".join(parts + ["<p>None.</p>"])
    parts.append("<table>")
    if any(table.headers):
        parts.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in table.headers) + "</tr>")
    for row in table.rows:
        cells = "".join(f'<td class="number">{cell}</td>' if isinstance(cell, int) else f"<td>{escape(str(cell))}</td>"
                        for cell in row)
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</table>")
    return "\n".join(parts)


def _figure(plot: Plot) -> str:
    data = base64.b64encode(plot.png).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{escape(plot.title)}">'
            f"<figcaption>{escape(plot.title)}</figcaption></figure>")


def render_report(info: ExportInfo, stats: DatasetStats, history: CrawlHistory, plots: list[Plot]) -> str:
    title = f"Crawl report: {', '.join(history.portals) or info.crawl_dir.name}"
    sections = tables(info, stats, history)
    overview, rest = sections[0], sections[1:]
    body = [f"<h1>{escape(title)}</h1>", _html_table(overview), "<h2>Plots</h2>", *map(_figure, plots),
            *map(_html_table, rest)]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
