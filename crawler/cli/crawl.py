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

from crawler.demo_portal.launcher import running_demo_portal
from crawler.extensions.run_report import FAILED, LOCKED, USAGE
from crawler.profiles import ProfileError, load_profile
from crawler.run_lock import CrawlLocked, RunLock
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
    parser.add_argument("--profile", help="site or family profile: a name (e.g. drupal7) or a path to a .toml file")
    parser.add_argument("--start-url", action="append", default=[], metavar="URL", help="where to start (repeatable)")
    parser.add_argument("--output", type=Path, help="output directory (default: output/<profile>-<time>)")
    parser.add_argument("--contact", help="URL or e-mail the portal's webmaster can reach you at (goes into the User-Agent)")
    parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="only record articles published on or after this date")
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


def run(args) -> int:
    profile_name = args.profile or ("demo" if args.demo else None)
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
    output = args.output or Path("output") / f"{profile.name}-{datetime.now():%Y%m%d-%H%M%S}"
    try:
        RunLock(output).check()
    except CrawlLocked as error:
        print(f"portal-archive crawl: {error}", file=sys.stderr)
        return LOCKED

    with contextlib.ExitStack() as stack:
        start_urls = list(args.start_url)
        if args.demo:
            demo_url = stack.enter_context(running_demo_portal(args.demo_articles, args.demo_seed))
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
