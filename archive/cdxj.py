"""CDXJ indexes (the format of pywb and ReplayWeb.page), built with cdxj-indexer."""

from pathlib import Path

from cdxj_indexer.main import write_cdx_index


def write_cdxj(warc_paths: list[Path], output: Path) -> int:
    """Index the WARC files into one sorted CDXJ file; returns the number of index lines.

    File names in the index are the WARCs' base names, so the index works wherever the
    WARC directory is mounted (pywb's archive_paths, a WACZ's archive/ folder).
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8") as out:
        write_cdx_index(out, [str(p) for p in warc_paths], {"sort": True})
    with open(output, encoding="utf-8") as lines:
        return sum(1 for _ in lines)
