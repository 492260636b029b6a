"""A bundled demo Drupal 7 provincial portal ("Cổng thông tin điện tử tỉnh Hòa Lâm").

A deterministic local HTTP server for ``portal-archive crawl --demo``, tests and
benchmarks, with a ground-truth manifest of every article::

    with DemoPortal(articles=50) as portal:
        portal.base_url      # "http://127.0.0.1:PORT/"
        portal.manifest()    # same as GET /__manifest__.json
"""

from .content import Site, build_site
from .server import DemoPortal

__all__ = ["DemoPortal", "Site", "build_site"]
