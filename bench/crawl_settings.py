"""Scrapy settings that both sides of the overhead comparison share: same pace, same rules."""

from crawler import settings as project_settings
from cli.crawl import DEMO_SETTINGS

# What `portal-archive crawl --demo` uses against a local server (no throttle, no delay, 16 at a
# time), with robots.txt obeyed and the project's User-Agent on both sides.
SHARED_SETTINGS = {
    **DEMO_SETTINGS,
    "ROBOTSTXT_OBEY": True,
    "USER_AGENT": project_settings.USER_AGENT,
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
    "LOG_LEVEL": "WARNING",
}

# The pipeline figure is capture, parse, validate and JSON: no page requisites (the bare spider
# would not fetch them) and no CDXJ index or WACZ package after the crawl.
PIPELINE_ONLY_SETTINGS = {
    "PORTAL_REQUISITES_ENABLED": False,
    "WARC_INDEX_ENABLED": False,
}


def as_cli_options(settings: dict) -> list[str]:
    """``-s NAME=VALUE`` options of ``portal-archive crawl`` for a settings dict."""
    options = []
    for name, value in settings.items():
        options += ["-s", f"{name}={value}"]
    return options
