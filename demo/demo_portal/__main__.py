"""``python -m demo_portal``: serve the demo portal until SIGTERM/SIGINT.

Prints exactly one line, ``DEMO_PORTAL_URL=http://127.0.0.1:PORT/``, once the
server is accepting connections. PORT is 8650 unless that port is taken (then
any free one, said on stderr) or --port says otherwise.
"""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import threading

from .content import EDITIONS
from .crawl_route import DEMO_PORT
from .faults import FaultPlan
from .families import FAMILIES
from .server import DemoPortal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo_portal",
                                     description="Serve the bundled demo Drupal 7 portal.")
    parser.add_argument("--articles", type=int, default=650, help="number of articles (650)")
    parser.add_argument("--seed", type=int, default=2020, help="content seed (2020)")
    parser.add_argument("--edition", type=int, default=1, choices=EDITIONS,
                        help="1 = as first crawled; 2 = days later, with new and edited "
                             "articles and one unlisted; 3 = weeks later, with articles revised, "
                             "removed, unlisted and restored (1)")
    parser.add_argument("--redesign-after", type=int, default=None, metavar="N",
                        help="after N article pages, serve article pages in a new, non-Drupal theme")
    parser.add_argument("--faults", type=int, default=None, metavar="SEED",
                        help="inject faults (5xx, timeouts, resets, short bodies, redirect chains "
                             "and loops, 429, changing pages), the same ones for the same SEED")
    parser.add_argument("--fault-rate", type=float, default=FaultPlan.rate, metavar="SHARE",
                        help=f"share of URLs that get a fault ({FaultPlan.rate})")
    parser.add_argument("--family", choices=FAMILIES, default="drupal7",
                        help="serve the articles in this CMS family's markup and URLs (drupal7)")
    parser.add_argument("--traps", action="store_true",
                        help="serve crawler traps and hostile pages under /bay/")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=None,
                        help=f"port, 0 = any free port (default {DEMO_PORT}, or any free port when it is taken)")
    parser.add_argument("--until-stdin-closes", action="store_true",
                        help="also stop when stdin reaches its end: a launcher's pipe, closed even when the launcher is killed")
    parser.add_argument("--log-requests", action="store_true",
                        help="log every request to stderr")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error(f"--articles {args.articles}: give 1 or more")
    if args.port is not None and not 0 <= args.port <= 65535:
        parser.error(f"--port {args.port}: give 0 to 65535")
    if args.redesign_after is not None and args.redesign_after < 0:
        parser.error(f"--redesign-after {args.redesign_after}: give 0 or more")
    try:
        faults = None if args.faults is None else FaultPlan(args.faults, args.fault_rate)
    except ValueError as error:
        parser.error(str(error))

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if args.until_stdin_closes:
        threading.Thread(target=lambda: (sys.stdin.buffer.read(), stop.set()), daemon=True).start()
    try:
        portal = DemoPortal(articles=args.articles, seed=args.seed, host=args.host,
                            port=DEMO_PORT if args.port is None else args.port,
                            log_requests=args.log_requests, edition=args.edition,
                            redesign_after=args.redesign_after, traps=args.traps,
                            faults=faults, family=args.family)
    except ValueError as error:
        parser.error(str(error))
    try:
        portal.start()
    except OSError as error:
        if error.errno != errno.EADDRINUSE or args.port is not None:
            parser.exit(1, f"python -m demo_portal: cannot listen on {args.host}:{portal.port}: {error.strerror}\n")
        print(f"python -m demo_portal: port {DEMO_PORT} is taken; serving on a free port instead", file=sys.stderr)
        portal.port = 0
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
