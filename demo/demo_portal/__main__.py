"""``python -m demo_portal``: serve the demo portal until SIGTERM/SIGINT.

Prints exactly one line, ``DEMO_PORTAL_URL=http://127.0.0.1:PORT/``, once the
server is accepting connections.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .content import EDITIONS
from .faults import FaultPlan
from .server import DemoPortal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo_portal",
                                     description="Serve the bundled demo Drupal 7 portal.")
    parser.add_argument("--articles", type=int, default=650, help="number of articles (650)")
    parser.add_argument("--seed", type=int, default=2020, help="content seed (2020)")
    parser.add_argument("--edition", type=int, default=1, choices=EDITIONS,
                        help="1 = as first crawled; 2 = days later, with new and edited "
                             "articles (1)")
    parser.add_argument("--redesign-after", type=int, default=None, metavar="N",
                        help="after N article pages, serve article pages in a new, non-Drupal theme")
    parser.add_argument("--faults", type=int, default=None, metavar="SEED",
                        help="inject faults (5xx, timeouts, resets, short bodies, redirect chains "
                             "and loops, 429, changing pages), the same ones for the same SEED")
    parser.add_argument("--fault-rate", type=float, default=FaultPlan.rate, metavar="SHARE",
                        help=f"share of URLs that get a fault ({FaultPlan.rate})")
    parser.add_argument("--traps", action="store_true",
                        help="serve crawler traps and hostile pages under /bay/")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port, 0 = any free port (0)")
    parser.add_argument("--log-requests", action="store_true",
                        help="log every request to stderr")
    args = parser.parse_args(argv)
    try:
        faults = None if args.faults is None else FaultPlan(args.faults, args.fault_rate)
    except ValueError as error:
        parser.error(str(error))

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    portal = DemoPortal(articles=args.articles, seed=args.seed, host=args.host, port=args.port,
                        log_requests=args.log_requests, edition=args.edition,
                        redesign_after=args.redesign_after, traps=args.traps,
                        faults=faults)
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
