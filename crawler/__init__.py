"""portal-archive's Scrapy project: spiders, site profiles, parsers and middlewares."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("portal-archive")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
