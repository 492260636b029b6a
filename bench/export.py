"""Export at scale: the Parquet export of the scale crawl.

`portal-archive export` of the 20,000-article crawl above, in its own process, its memory sampled
like the crawl's. The export streams, so its peak must not follow the size of the collection.
"""

import subprocess
import sys
import time
from pathlib import Path

from bench.figures import Figure, below, informative
from bench.memory import MemorySampler

MB = 1e6
PEAK_RSS_LIMIT_MB = 500


def measure_export(crawl_dir: Path, workdir: Path) -> tuple[list[Figure], dict]:
    workdir.mkdir(parents=True, exist_ok=True)
    output = workdir / "articles.parquet"
    command = [str(Path(sys.executable).parent / "portal-archive"), "export", str(crawl_dir), "--output", str(output)]
    started = time.monotonic()
    with open(workdir / "console.log", "w", encoding="utf-8") as console:
        process = subprocess.Popen(command, stdout=console, stderr=subprocess.STDOUT)
        sampler = MemorySampler(process.pid, progress=lambda: 0).start()
        exit_code = process.wait()
    seconds = time.monotonic() - started
    samples = sampler.stop()
    if exit_code != 0 or not samples:
        raise RuntimeError(f"the export exited {exit_code}: see {workdir / 'console.log'}")
    with open(crawl_dir / "articles.jsonl", encoding="utf-8") as lines:
        records = sum(1 for _ in lines)
    peak = max(max(s.rss_bytes for s in samples), samples[-1].peak_bytes) / MB
    figures = [
        informative("export_records", records, "records", "article records exported (latest version of each)"),
        informative("export_seconds", seconds, "s", "portal-archive export to Parquet, card and report included"),
        below("export_peak_rss_mb", peak, "MB", PEAK_RSS_LIMIT_MB, "export process, VmRSS sampled every 0.5 s and VmHWM"),
    ]
    return figures, {"parquet_mb": round(output.stat().st_size / MB, 1)}
