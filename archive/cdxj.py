"""CDXJ indexes (the format of pywb and ReplayWeb.page), built with cdxj-indexer.

POST requests are indexed with their body (cdxj-indexer's post-append), so that replay finds each
postback page of a listing by the form that asked for it.

A ``revisit`` record of a 304 (server-not-modified) stays in the WARC as the faithful record of
that exchange, but is left out of the index: pywb would replay the bare 304, where the reader
wants the capture the 304 confirmed, which the index still lists.
"""

import json
import os
import tempfile
from pathlib import Path

from cdxj_indexer.main import write_cdx_index


def _replayable(line: str) -> bool:
    fields = json.loads(line.split(" ", 2)[2])
    return not (fields.get("mime") == "warc/revisit" and fields.get("status") == "304")


def write_cdxj(warc_paths: list[Path], output: Path) -> int:
    """Index the WARC files into one sorted CDXJ file; returns the number of index lines.

    File names in the index are the WARCs' base names, so the index works wherever the
    WARC directory is mounted (pywb's archive_paths, a WACZ's archive/ folder).
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w+", encoding="utf-8", dir=output.parent, delete=False) as everything:
        # post_append: a POST (an ASP.NET postback pager) is indexed under its URL with the request
        # body appended (``?__wb_method=post&__EVENTTARGET=…``), as pywb looks such requests up.
        write_cdx_index(everything, [str(p) for p in warc_paths], {"sort": True, "post_append": True})
        everything.seek(0)
        kept = [line for line in everything if _replayable(line)]
    os.unlink(everything.name)
    output.write_text("".join(kept), encoding="utf-8")
    return len(kept)
