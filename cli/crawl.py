"""Crawl a portal (or the bundled demo portal) into WARC files and article records.

Outputs go to one directory per crawl: articles.jsonl, rejects.jsonl, failures.jsonl, run.json
and warc/*.warc.gz. Scrapy settings pass through with -s NAME=VALUE.
"""

import contextlib
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from extraction.profiles import ProfileError, load_profile
from extraction.urls import web_url_problem
from record.crawl_dir import REFUSALS, CrawlDirectory, default_output
from record.exit_codes import FAILED, USAGE
from crawler.redis_store.connection import RedisUnreachable, connect, default_worker_id, redacted
from crawler.redis_store.keys import NAME_PATTERN

# Scrapy takes about a second to load, so it is loaded only once the directory is ours: a crawl
# refused for a locked directory (a nightly run overlapping the last one) refuses at once.
if TYPE_CHECKING:
    from scrapy.settings import Settings

AUTO = "auto"
# Kept in step with demo/demo_portal/families (the demo is not importable in a plain install).
DEMO_FAMILIES = ("drupal7", "liferay", "sharepoint", "viettel")
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
    parser.add_argument("--demo-edition", type=int, choices=(1, 2, 3), default=1, metavar="N",
                        help="the demo portal as first crawled (1), days later (2: articles added, edited, one unlisted),"
                             " or weeks later (3: articles revised, removed, unlisted, restored); same address for each")
    parser.add_argument("--demo-faults", type=int, metavar="SEED",
                        help="serve the demo portal with injected faults, the same ones for the same SEED (docs/reliability.md)")
    parser.add_argument("--demo-family", choices=DEMO_FAMILIES, default="drupal7",
                        help="the CMS family whose markup and discovery quirks the demo portal speaks (default drupal7);"
                             " other than drupal7 the crawl recognises the family itself (--profile auto)")
    parser.add_argument("--demo-redesign-after", type=int, metavar="N", help="the demo portal changes its article theme after N article pages (template drift)")
    parser.add_argument("--profile", help="site or family profile: a name (e.g. drupal7) or a path to a .toml file;"
                        " 'auto' (the default with --start-url): the site's family is recognised from its pages")
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


def crawl_settings(args, profile_name: str, start_urls: list[str], output: Path) -> "Settings":
    """The Scrapy settings of a crawl with these options; ValueError naming a bad -s."""
    from scrapy.settings import Settings

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
    names = []
    for assignment in args.set:
        name, sep, value = assignment.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"-s takes NAME=VALUE, got {assignment!r}")
        names.append(name.strip())
        settings.set(name.strip(), value, priority="cmdline")
    _check_setting_types(settings, names)
    return settings


def _check_setting_types(settings: "Settings", names: list[str]) -> None:
    """A -s value that a setting of a number, a flag or a list cannot take: ValueError naming it."""
    defaults = type(settings)()
    defaults.setmodule("crawler.settings")
    readers = ((bool, settings.getbool, "true or false"), (int, settings.getint, "a whole number"),
               (float, settings.getfloat, "a number"), (dict, settings.getdict, "a JSON object"),
               (list, settings.getlist, "a list"))
    for name in names:
        default = defaults.get(name)
        for kind, read, meaning in readers:
            if isinstance(default, kind):
                try:
                    read(name)
                except (ValueError, TypeError):
                    raise ValueError(f"-s {name}={settings.get(name)!r}: {name} takes {meaning} (default {default!r})") from None
                break


def _join_distributed_crawl(args, label: str) -> int | None:
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
    args.crawl_name = args.crawl_name or label
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
    if args.demo and args.demo_articles < 1:
        print(f"portal-archive crawl: --demo-articles {args.demo_articles}: give 1 or more", file=sys.stderr)
        return USAGE
    if args.demo and args.demo_edition == 3:
        try:  # edition 3 needs a few ordinary articles to revise, remove and unlist
            demo_portal.build_site(args.demo_articles, args.demo_seed, args.demo_edition)
        except ValueError as error:
            print(f"portal-archive crawl: --demo-edition 3: {error}", file=sys.stderr)
            return USAGE
    if args.demo and args.demo_redesign_after is not None and args.demo_redesign_after < 0:
        print(f"portal-archive crawl: --demo-redesign-after {args.demo_redesign_after}: give 0 or more", file=sys.stderr)
        return USAGE
    # The drupal7 demo has a site profile of its own; the other families are recognised, as a real portal's.
    demo_profile = str(demo_portal.DEMO_PROFILE) if args.demo and args.demo_family == "drupal7" else AUTO
    profile_name = args.profile or (demo_profile if args.demo else AUTO)
    if profile_name == AUTO:
        if not (args.demo or args.start_url):
            print("portal-archive crawl: give the portal's address with --start-url URL (or --demo)", file=sys.stderr)
            return USAGE
        # Output and crawl names: the portal's host, as no profile names the crawl.
        label = f"demo-{args.demo_family}" if args.demo else (urlsplit(args.start_url[0]).hostname or AUTO)
    else:
        try:
            profile = load_profile(profile_name)
        except ProfileError as error:
            print(f"portal-archive crawl: {error}", file=sys.stderr)
            return USAGE
        if not (args.demo or args.start_url or profile.discovery.start_urls):
            print(f"portal-archive crawl: profile {profile.name!r} has no start URLs; give --start-url URL", file=sys.stderr)
            return USAGE
        label = profile.name
    for url in args.start_url:
        if problem := web_url_problem(url):
            print(f"portal-archive crawl: --start-url {url!r}: {problem}", file=sys.stderr)
            return USAGE
    if (problem := _join_distributed_crawl(args, label)) is not None:
        return problem
    if args.redis:
        # Every worker writes a crawl directory of its own; `portal-archive merge` joins them.
        output = (args.output or Path("output") / args.crawl_name) / args.worker_id
        print(f"Worker {args.worker_id} joining crawl {args.crawl_name} at {redacted(args.redis)}, writing to {output}")
    else:
        output = args.output or default_output(label)
    # Locked first, before anything in the directory is read or written, and held to the end.
    directory = CrawlDirectory(output)
    try:
        directory.claim()
    except REFUSALS as refused:
        print(f"portal-archive crawl: {refused}", file=sys.stderr)
        return refused.exit_code
    # Bad settings give the directory back as the claim found it; the demo portal's URL comes later.
    try:
        crawl_settings(args, profile_name, [], output)
    except ValueError as error:
        directory.withdraw()
        print(f"portal-archive crawl: {error}", file=sys.stderr)
        return USAGE
    try:
        return _crawl(args, profile_name, directory)
    finally:
        directory.release()


def _crawl(args, profile_name: str, directory: CrawlDirectory) -> int:
    output = directory.path
    started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with contextlib.ExitStack() as stack:
        start_urls = list(args.start_url)
        if args.demo:
            extra = ("--family", args.demo_family)
            if args.demo_redesign_after is not None:
                extra += ("--redesign-after", str(args.demo_redesign_after))
            from demo_portal.crawl_route import DEMO_ORIGIN, route_settings
            from demo_portal.launcher import running_demo_portal

            # Always crawled at DEMO_ORIGIN, wherever it listens: every run sees the same URLs.
            listens_at = stack.enter_context(running_demo_portal(args.demo_articles, args.demo_seed, extra_args=extra,
                                                                  edition=args.demo_edition, faults=args.demo_faults, port=None))
            print(f"Demo portal ({args.demo_family}) serving {args.demo_articles} articles at {DEMO_ORIGIN}")
            start_urls.append(DEMO_ORIGIN)
        settings = crawl_settings(args, profile_name, start_urls, output)
        if args.demo:
            route_settings(listens_at, settings)
        from scrapy.crawler import CrawlerProcess

        from crawler.spiders.portal import PortalSpider

        process = CrawlerProcess(settings)
        process.crawl(PortalSpider)
        process.start()
    # The crawl printed its summary (crawler/extensions/run_report.py); its verdict is the exit code.
    report = directory.run_report()
    if report is None or report.get("finished_at", "") < started_at:
        print(f"portal-archive crawl: the crawl wrote no run report in {output}; its log above says why", file=sys.stderr)
        return FAILED
    return report["exit_code"]
