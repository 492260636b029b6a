"""``python -m crawler.demo_portal``: serve the demo portal until SIGTERM/SIGINT.

Prints exactly one line, ``DEMO_PORTAL_URL=http://127.0.0.1:PORT/``, once the
server is accepting connections.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .content import EDITIONS
from .server import DemoPortal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.demo_portal",
                                     description="Serve the bundled demo Drupal 7 portal.")
    parser.add_argument("--articles", type=int, default=650, help="number of articles (650)")
    parser.add_argument("--seed", type=int, default=2020, help="content seed (2020)")
    parser.add_argument("--edition", type=int, default=1, choices=EDITIONS,
                        help="1 = as first crawled; 2 = days later, with new and edited "
                             "articles (1)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port, 0 = any free port (0)")
    parser.add_argument("--log-requests", action="store_true",
                        help="log every request to stderr")
    args = parser.parse_args(argv)

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    portal = DemoPortal(articles=args.articles, seed=args.seed, host=args.host, port=args.port,
                        log_requests=args.log_requests, edition=args.edition)
    portal.start()
    try:
        print(f"DEMO_PORTAL_URL={portal.base_url}", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        portal.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
