"""Browse a crawl in pywb on 127.0.0.1; Ctrl-C stops it.

Runs pywb from its own environment (`make replay-env`) over the crawl's warc/ and indexes/.
"""

import sys
import time
from pathlib import Path

from archive.replay import ReplayError, ReplayServer


def add_arguments(parser):
    parser.add_argument("crawl_dir", type=Path, metavar="DIR", help="a crawl output directory")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; anything else exposes the archive)")
    parser.add_argument("--collection", default="crawl", help="collection name in replay URLs")


def run(args) -> int:
    server = ReplayServer(args.crawl_dir, args.collection, args.host, args.port)
    try:
        server.start()
    except ReplayError as error:
        print(f"portal-archive replay: {error}", file=sys.stderr)
        return 1
    print(f"Replaying {args.crawl_dir} at {server.base_url}")
    print(f"Open {server.base_url}*/* to list captured URLs, or {server.base_url}<URL> for a page. Ctrl-C stops.")
    try:
        while server.process.poll() is None:
            time.sleep(0.5)
        print(f"portal-archive replay: pywb stopped (exit code {server.process.returncode})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping pywb.")
        return 0
    finally:
        server.stop()
