"""The changes report as one self-contained HTML page: inline CSS, no script, readable on a phone.

Every value from the crawl (titles, texts, URLs, reasons) is escaped; links go only to http(s)
replay URLs. A changed paragraph shows the words that went and came (difflib on words), which
is presentation: the paragraphs themselves come diffed from the record (record/version_diff.py).
"""

import difflib
import html

from archive.changes import KINDS, counts

LABELS = {"edited": "Edited", "removed": "Removed", "unlisted": "Unlisted", "restored": "Restored"}
CSS = """
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:12px;color:#1b1b1b;background:#f6f6f4;max-width:60rem;margin-inline:auto}
h1{font-size:1.4rem;margin:.2rem 0 .6rem}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none;margin:0 0 1rem}
.counts li,.kind{border-radius:1rem;padding:.1rem .7rem;font-size:.9rem;font-weight:600}
article{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.8rem 1rem;margin:0 0 1rem;overflow-wrap:anywhere}
article h2{font-size:1.1rem;margin:.3rem 0}
.meta,.url{font-size:.85rem;color:#555;margin:.2rem 0}
.edited{background:#e8f0fe;color:#174ea6}.removed{background:#fce8e6;color:#a50e0e}
.unlisted{background:#fef7e0;color:#7a4f01}.restored{background:#e6f4ea;color:#0d652d}
.links{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0 .2rem}
.links a{display:inline-block;padding:.35rem .8rem;border:1px solid #174ea6;border-radius:.3rem;color:#174ea6;text-decoration:none}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border-top:1px solid #eee;padding:.3rem;text-align:left;vertical-align:top}
.para{margin:.4rem 0;padding:.4rem .6rem;border-left:4px solid #ccc;background:#fafafa}
.para.added{border-color:#0d652d}.para.removed{border-color:#a50e0e}.para.changed{border-color:#174ea6}
.para b{font-size:.8rem;text-transform:uppercase;color:#555;display:block}
del{background:#fce8e6;color:#a50e0e}ins{background:#e6f4ea;color:#0d652d;text-decoration:none}
.none{color:#555}
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _link(url: str, text: str) -> str:
    if not url.startswith(("http://", "https://")):
        return _e(text)
    return f'<a href="{_e(url)}" rel="noreferrer">{_e(text)}</a>'


def word_diff(old: str, new: str) -> str:
    """`new` with the words taken out of `old` in <del> and the words put in <ins>, escaped."""
    before, after = old.split(), new.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(_e(" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{_e(' '.join(before[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{_e(' '.join(after[j1:j2]))}</ins>")
    return " ".join(out)


def _paragraph(change: dict) -> str:
    op = change["op"]
    if op == "changed":
        where = f"paragraph {change['old_index'] + 1} → {change['new_index'] + 1}"
        body = word_diff(change["old"], change["new"])
    elif op == "removed":
        where, body = f"paragraph {change['old_index'] + 1}", f"<del>{_e(change['old'])}</del>"
    else:
        where, body = f"paragraph {change['new_index'] + 1}", f"<ins>{_e(change['new'])}</ins>"
    return f'<div class="para {_e(op)}"><b>{_e(op)} · {where}</b>{body}</div>'


def _values(values: list[dict]) -> str:
    if not values:
        return ""
    rows = "".join(f"<tr><th>{_e(v['field'])}</th><td><del>{_e(v['old'])}</del></td><td><ins>{_e(v['new'])}</ins></td></tr>"
                   for v in values)
    return f"<table><tr><th>field</th><th>before</th><th>after</th></tr>{rows}</table>"


def _items(items: list[dict]) -> str:
    parts = []
    for change in items:
        came = "".join(f"<li><ins>{_e(x)}</ins></li>" for x in change["added"])
        went = "".join(f"<li><del>{_e(x)}</del></li>" for x in change["removed"])
        parts.append(f"<p class=\"meta\">{_e(change['field'])}</p><ul>{went}{came}</ul>")
    return "".join(parts)


def _evidence(entry: dict) -> str:
    evidence = entry["evidence"]
    if not evidence:
        return ""
    return (f'<p class="meta">Seen gone at {_e(entry["removed_at"])}: {_e(evidence["reason"])}'
            f' (HTTP {_e(evidence["http_status"])}, {len(evidence["captures"])} capture(s))</p>')


def _entry(number: int, entry: dict) -> str:
    before, after = entry["before"], entry["after"]
    return f"""<article id="change-{number}">
<span class="kind {_e(entry['kind'])}">{_e(LABELS[entry['kind']])}</span>
<h2>{_e(entry['title'])}</h2>
<p class="url">{_e(entry['url'])}</p>
<p class="meta">Version {_e(entry['previous_version'])} → {_e(entry['version'])}, seen {_e(entry['changed_at'])}; changed: {_e(', '.join(entry['fields']) or '—')}</p>
{_evidence(entry)}{_values(entry['values'])}{''.join(_paragraph(p) for p in entry['paragraphs'])}{_items(entry['items'])}
<div class="links">{_link(before['replay'], f"Before (v{before['version']}, {before['captured_at']})")}{_link(after['replay'], f"After (v{after['version']}, {after['captured_at']})")}</div>
</article>"""


def as_html(entries: list[dict], title: str, since=None) -> str:
    found = counts(entries)
    summary = "".join(f'<li class="{kind}">{_e(LABELS[kind])}: {found[kind]}</li>' for kind in KINDS)
    body = "\n".join(_entry(n, e) for n, e in enumerate(entries, 1)) or '<p class="none">No article was edited, removed, unlisted or restored.</p>'
    scope = f" since {_e(since.isoformat())}" if since else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>What changed: {_e(title)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>What changed{scope}: {_e(title)}</h1>
<ul class="counts">{summary}</ul>
{body}
</body>
</html>
"""
