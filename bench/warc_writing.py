"""WARC writing: our RotatingWarcWriter against raw warcio writing the same records.

Both write a warcinfo record, then a response and a request record per exchange, one gzip
member each, to a fresh file. Throughput is megabytes of response bodies (as received) per CPU
second of this process (user + system, so the file writes count): on a shared 2-core machine
wall time mostly measures the neighbours. The writers alternate; the ratio is the median of
per-pass ratios. The bodies are the demo portal's pages as received, gzip-encoded: raw warcio
deflates each again at level 9; ours keeps such a body in stored deflate blocks of the record's
gzip member (archive/warc/member_output.py), which inflates to the same record.

Beside it, the gzip level: warcio compresses every record at level 9. The same pages' HTML,
decoded (as a server that does not gzip sends it: the case where the level matters, since a
body stored gzip-encoded as received hardly compresses again), is compressed one gzip member per
page at level 6 and at level 9, for the CPU time and size each costs.
"""

import shutil
import tempfile
import time
import zlib
from io import BytesIO
from itertools import cycle, islice
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.exchange import Exchange
from archive.warc.exchange_records import WARC_VERSION, warc_date
from archive.warc.write import RotatingWarcWriter
from bench.figures import Figure, at_least, informative, median
from bench.saved_pages import SavedPage

WARM_UP_EXCHANGES = 20
WARCINFO = {"software": "portal-archive benchmark", "format": "WARC File Format 1.1"}


def write_with_ours(exchanges: list[Exchange], directory: Path) -> None:
    writer = RotatingWarcWriter(directory, warcinfo=WARCINFO, prefix="ours")
    for exchange in exchanges:
        writer.write_exchange(exchange)
    writer.close()


def write_with_raw_warcio(exchanges: list[Exchange], directory: Path) -> None:
    with open(directory / "raw.warc.gz", "wb") as output:
        writer = WARCWriter(output, gzip=True, warc_version=WARC_VERSION)
        warcinfo = writer.create_warcinfo_record("raw.warc.gz", WARCINFO)
        writer.write_record(warcinfo)
        warcinfo_id = warcinfo.rec_headers.get_header("WARC-Record-ID")
        for exchange in exchanges:
            request, response = exchange.request, exchange.response
            date = warc_date(exchange)
            response_record = writer.create_warc_record(
                request.url, "response", payload=BytesIO(response.body), length=len(response.body),
                http_headers=StatusAndHeaders(f"{response.status} {response.reason}", response.headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": date, "WARC-Warcinfo-ID": warcinfo_id, "WARC-IP-Address": exchange.ip_address},
            )
            parts = urlsplit(request.url)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            request_record = writer.create_warc_record(
                request.url, "request", payload=BytesIO(request.body), length=len(request.body),
                http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", request.headers, protocol=""),
                warc_headers_dict={"WARC-Date": date, "WARC-Warcinfo-ID": warcinfo_id,
                                   "WARC-Concurrent-To": response_record.rec_headers.get_header("WARC-Record-ID")},
            )
            writer.write_record(response_record)
            writer.write_record(request_record)


def _megabytes_per_second(write, exchanges: list[Exchange], megabytes: float) -> float:
    directory = Path(tempfile.mkdtemp(prefix="bench-warc-"))
    try:
        started = time.process_time()
        write(exchanges, directory)
        return megabytes / (time.process_time() - started)
    finally:
        shutil.rmtree(directory)


def _gzip_cpu_seconds_and_bytes(bodies: list[bytes], level: int) -> tuple[float, int]:
    started, size = time.process_time(), 0
    for body in bodies:
        compressor = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        size += len(compressor.compress(body)) + len(compressor.flush())
    return time.process_time() - started, size


def measure_gzip_levels(pages: list[SavedPage], repetitions: int) -> tuple[list[Figure], dict]:
    bodies = [page.body for page in pages]
    runs: dict[int, list[tuple[float, int]]] = {9: [], 6: []}
    for _ in range(repetitions):
        for level in runs:
            runs[level].append(_gzip_cpu_seconds_and_bytes(bodies, level))
    speedup = median(nine[0] / six[0] for nine, six in zip(runs[9], runs[6]))
    growth = (runs[6][0][1] / runs[9][0][1] - 1) * 100
    figures = [
        informative("warc_gzip_level6_speedup_over_level9", speedup, "x", "CPU of gzip level 9 / level 6 on decoded HTML"),
        informative("warc_gzip_level6_size_increase_percent", growth, "%", "how much larger level 6 output is than level 9's"),
    ]
    details = {"pages": len(bodies), "megabytes": round(sum(map(len, bodies)) / 1e6, 2),
               "runs_cpu_seconds": {str(level): [round(c, 4) for c, _ in values] for level, values in runs.items()},
               "compressed_bytes": {str(level): values[0][1] for level, values in runs.items()}}
    return figures, details


def measure_warc_writing(pages: list[SavedPage], exchanges_count: int, repetitions: int) -> tuple[list[Figure], dict]:
    exchanges = [page.exchange() for page in islice(cycle(pages), exchanges_count)]
    megabytes = sum(len(e.response.body) for e in exchanges) / 1e6
    writers = {"ours": write_with_ours, "raw_warcio": write_with_raw_warcio}
    runs: dict[str, list[float]] = {name: [] for name in writers}
    for write in writers.values():  # first-use costs, not timed
        _megabytes_per_second(write, exchanges[:WARM_UP_EXCHANGES], 0.0)
    for _ in range(repetitions):
        for name, write in writers.items():
            runs[name].append(_megabytes_per_second(write, exchanges, megabytes))
    ratio = median(ours / raw for ours, raw in zip(runs["ours"], runs["raw_warcio"]))
    gzip_figures, gzip_details = measure_gzip_levels(pages, repetitions)
    figures = [
        informative("warc_writer_megabytes_per_second", median(runs["ours"]), "MB/s/core",
                    "RotatingWarcWriter.write_exchange, gzip, response bodies as received"),
        informative("raw_warcio_megabytes_per_second", median(runs["raw_warcio"]), "MB/s/core",
                    "warcio.WARCWriter, gzip, the same records"),
        at_least("warc_writer_vs_raw_warcio_ratio", ratio, "x", 0.9, "ours / raw warcio, per pass"),
        *gzip_figures,
    ]
    details = {"exchanges": len(exchanges), "megabytes": round(megabytes, 2), "repetitions": repetitions,
               "runs_megabytes_per_second": {name: [round(v, 2) for v in values] for name, values in runs.items()},
               "gzip_levels": gzip_details}
    return figures, details
