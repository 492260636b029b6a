"""portal-archive's Scrapy project: spiders, site profiles, parsers and middlewares."""

import os
from importlib.metadata import PackageNotFoundError, version

# Scrapy's cookie middleware and surt (CDXJ indexing) use tldextract, which otherwise downloads
# the public-suffix list from the Internet on first use. A crawler aimed at one portal must not
# talk to anybody else: use the snapshot tldextract ships.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

try:
    __version__ = version("portal-archive")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
