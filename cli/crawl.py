"""Crawl a portal (or the bundled demo portal) into WARC files and article records.

Outputs go to one directory per crawl: articles.jsonl, rejects.jsonl, failures.jsonl, run.json
and warc/*.warc.gz. Scrapy settings pass through with -s NAME=VALUE.
"""

import contextlib
import json
import sys
from datetime import date, datetime
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.extensions.run_report import FAILED, LOCKED, USAGE
from extraction.profiles import ProfileError, load_profile
from record.run_lock import CrawlLocked, RunLock
from crawler.redis_store.connection import RedisUnreachable, connect, default_worker_id, redacted
from crawler.redis_store.keys import NAME_PATTERN
from crawler.spiders.portal import PortalSpider

# The demo portal runs on this machine: no need to be polite to it.
DEMO_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
}


def add_arguments(parser):
    parser.add_argument("--demo", action="store_true", help="start the bundled demo portal on 127.0.0.1 and crawl it")
    parser.add_argument("--demo-articles", type=int, default=650, metavar="N", help="articles in the demo portal (default 650)")
    parser.add_argument("--demo-seed", type=int, default=2020, metavar="N", help="seed of the demo portal's content")
    parser.add_argument("--demo-faults", type=int, metavar="SEED",
                        help="serve the demo portal with injected faults, the same ones for the same SEED (docs/reliability.md)")
    parser.add_argument("--demo-redesign-after", type=int, metavar="N", help="the demo portal changes its article theme after N article pages (template drift)")
    parser.add_argument("--profile", help="site or family profile: a name (e.g. drupal7) or a path to a .toml file")
    parser.add_argument("--start-url", action="append", default=[], metavar="URL", help="where to start (repeatable)")
    parser.add_argument("--output", type=Path, help="output directory (default: output/<profile>-<time>)")
    parser.add_argument("--contact", help="URL or e-mail the portal's webmaster can reach you at (goes into the User-Agent)")
    parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="only record articles published on or after this date")
    parser.add_argument("--redis", metavar="URL", help="distributed mode: join the crawl whose frontier is in this Redis"
                        " (redis://HOST:PORT/DB); the worker writes to OUTPUT/WORKER-ID, OUTPUT defaulting to"
                        " output/<crawl name> (docs/distributed.md)")
    parser.add_argument("--crawl-name", metavar="NAME", help="the crawl's name (default: the profile's); the workers of one crawl share it")
    parser.add_argument("--worker-id", metavar="ID", help="with --redis: this worker's name (default: host-pid)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="Scrapy setting (repeatable)")


def _settings(args, profile_name: str, start_urls: list[str], output: Path) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    if args.demo:
        settings.setdict(DEMO_SETTINGS, priority="project")
    settings.setdict({"PORTAL_PROFILE": profile_name, "PORTAL_START_URLS": start_urls, "PORTAL_OUTPUT_DIR": str(output)}, priority="cmdline")
    if args.since:
        settings.set("PORTAL_SINCE", args.since.isoformat(), priority="cmdline")
    if args.contact:
        settings.set("PORTAL_CONTACT", args.contact, priority="cmdline")
        settings.set("USER_AGENT", f"{settings.get('USER_AGENT')[:-1]}; +{args.contact})", priority="cmdline")
    for name, value in (("PORTAL_REDIS_URL", args.redis), ("PORTAL_CRAWL_NAME", args.crawl_name), ("PORTAL_WORKER_ID", args.worker_id)):
        if value:
            settings.set(name, value, priority="cmdline")
    for assignment in args.set:
        name, sep, value = assignment.partition("=")
        if not sep or not name:
            raise ValueError(f"-s takes NAME=VALUE, got {assignment!r}")
        settings.set(name.strip(), value, priority="cmdline")
    return settings


def _print_summary(output: Path) -> dict | None:
    try:
        report = json.loads((output / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print(f"The crawl wrote no run report in {output}.", file=sys.stderr)
        return None
    counts = report["counts"]
    print(
        f"\nCrawl {report['finish_reason']} in {report['elapsed_seconds']:.1f} s: {report['status']}"
        f" (profile {report['profile']}, run {report['run_id']}{', resumed' if report['resumed'] else ''})\n"
        f"  output:    {report['output_dir']}\n"
        f"  pages:     {counts['pages']} fetched, {counts['bytes'] / 1e6:.1f} MB\n"
        f"  articles:  {counts['articles']} written to articles.jsonl ({counts['articles_new']} new,"
        f" {counts['articles_changed']} changed; {counts['articles_unchanged'] + counts['articles_not_modified']} unchanged,"
        f" {counts['articles_not_due']} not due for a re-check; {counts['rejects']} rejected)\n"
        f"  failures:  {counts['failures']} (failures.jsonl)\n"
        f"  WARC:      {len(report['warc_files'])} file(s) in warc/, {counts['revisits']} revisit record(s)"
    )
    for recovered in report["warc_recovered"]:
        print(f"  recovered: {recovered['open_file']} from an interrupted run ({recovered['records_kept']} records kept)")
    for problem in report["problems"]:
        print(f"  problem:   {problem}", file=sys.stderr)
    return report


def _join_distributed_crawl(args, profile) -> int | None:
    """Check the names and the Redis server of a distributed crawl and fill in the defaults; an exit code if wrong."""
    for name in (args.crawl_name, args.worker_id):
        if name and not NAME_PATTERN.match(name):
            print(f"portal-archive crawl: {name!r}: crawl names and worker ids are letters, digits, '.', '_' and '-'", file=sys.stderr)
            return USAGE
    if args.worker_id and not args.redis:
        print("portal-archive crawl: --worker-id goes with --redis", file=sys.stderr)
        return USAGE
    if not args.redis:
        return None
    if args.demo:
        print("portal-archive crawl: --redis does not go with --demo, which gives every worker a portal of its own;"
              " start one (python -m demo_portal) and give its address with --start-url", file=sys.stderr)
        return USAGE
    try:
        connect(args.redis).close()
    except RedisUnreachable as error:
        print(f"portal-archive crawl: {error}", file=sys.stderr)
        return FAILED
    args.crawl_name = args.crawl_name or profile.name
    args.worker_id = args.worker_id or default_worker_id()
    return None


def run(args) -> int:
    if args.demo:
        try:
            import demo_portal
        except ImportError:
            print("portal-archive crawl: --demo needs the demo portal, which a plain install leaves out;"
                  " from a clone: pip install ./demo", file=sys.stderr)
            return USAGE
    profile_name = args.profile or (str(demo_portal.DEMO_PROFILE) if args.demo else None)
    if not profile_name:
        print("portal-archive crawl: give --demo, or --profile NAME (and --start-url URL for a family profile)", file=sys.stderr)
        return USAGE
    try:
        profile = load_profile(profile_name)
    except ProfileError as error:
        print(f"portal-archive crawl: {error}", file=sys.stderr)
        return USAGE
    if not (args.demo or args.start_url or profile.discovery.start_urls):
        print(f"portal-archive crawl: profile {profile.name!r} has no start URLs; give --start-url URL", file=sys.stderr)
        return USAGE
    if (problem := _join_distributed_crawl(args, profile)) is not None:
        return problem
    if args.redis:
        # Every worker writes a crawl directory of its own; `portal-archive merge` joins them.
        output = (args.output or Path("output") / args.crawl_name) / args.worker_id
        print(f"Worker {args.worker_id} joining crawl {args.crawl_name} at {redacted(args.redis)}, writing to {output}")
    else:
        output = args.output or Path("output") / f"{profile.name}-{datetime.now():%Y%m%d-%H%M%S}"
    try:
        RunLock(output).check()
    except CrawlLocked as error:
        print(f"portal-archive crawl: {error}", file=sys.stderr)
        return LOCKED

    with contextlib.ExitStack() as stack:
        start_urls = list(args.start_url)
        if args.demo:
            redesign = ("--redesign-after", str(args.demo_redesign_after)) if args.demo_redesign_after is not None else ()
            from demo_portal.launcher import running_demo_portal

            demo_url = stack.enter_context(running_demo_portal(args.demo_articles, args.demo_seed, extra_args=redesign,
                                                                faults=args.demo_faults))
            print(f"Demo portal serving {args.demo_articles} articles at {demo_url}")
            start_urls.append(demo_url)
        try:
            settings = _settings(args, profile_name, start_urls, output)
        except ValueError as error:
            print(f"portal-archive crawl: {error}", file=sys.stderr)
            return USAGE
        process = CrawlerProcess(settings)
        process.crawl(PortalSpider)
        process.start()

    report = _print_summary(output)
    return report["exit_code"] if report else FAILED
