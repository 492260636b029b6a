"""Browse a crawl in pywb on 127.0.0.1; Ctrl-C stops it.

Runs pywb from its own environment (`make replay-env`) over the crawl's warc/ and indexes/, in
place: nothing is written into the crawl directory. Ctrl-C, SIGTERM or SIGHUP stop pywb with it.
Exit status: 0 stopped, 2 bad input (directory, address, collection name, pywb not installed),
3 pywb failed.
"""

import signal
import sys
import time
from pathlib import Path

from archive.replay import PywbFailed, ReplayError, ReplayServer
from record.exit_codes import FAILED, SUCCESS, USAGE


def add_arguments(parser):
    parser.add_argument("crawl_dir", type=Path, metavar="DIR", help="a crawl output directory")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; anything else exposes the archive)")
    parser.add_argument("--collection", default="crawl", help="collection name in replay URLs: letters, digits, '-' and '_' (default crawl)")


def run(args) -> int:
    # A service manager's stop (SIGTERM) or a closed terminal (SIGHUP) ends pywb as Ctrl-C does.
    # SIGINT too is set here: a process started with it ignored (a script's background job, a
    # parent that ignores it) would otherwise never hear Ctrl-C, as Python then leaves it ignored.
    for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, signal.default_int_handler)
    server = ReplayServer(args.crawl_dir, args.collection, args.host, args.port)
    try:
        server.start()
    except ReplayError as error:
        print(f"portal-archive replay: {error}", file=sys.stderr)
        return FAILED if isinstance(error, PywbFailed) else USAGE
    except KeyboardInterrupt:
        return SUCCESS
    try:
        print(f"Replaying {args.crawl_dir} at {server.base_url}", flush=True)
        print(f"Open {server.base_url}*/* to list captured URLs, or {server.base_url}<URL> for a page. Ctrl-C stops.", flush=True)
        while server.process.poll() is None:
            time.sleep(0.5)
        print(f"portal-archive replay: pywb stopped (exit code {server.process.returncode})", file=sys.stderr)
        return FAILED
    except KeyboardInterrupt:
        print("\nStopping pywb.")
        return SUCCESS
    finally:
        server.stop()
