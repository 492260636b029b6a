"""A bundled demo Drupal 7 provincial portal ("Cổng thông tin điện tử tỉnh Hòa Lâm").

A deterministic local HTTP server for ``portal-archive crawl --demo``, tests and
benchmarks, with a ground-truth manifest of every article::

    with DemoPortal(articles=50) as portal:
        portal.base_url      # "http://127.0.0.1:PORT/"
        portal.manifest()    # same as GET /__manifest__.json
"""

from pathlib import Path

from .content import Site, build_site
from .server import DemoPortal

# The demo's site profile (extends drupal7): lives with the demo, not among the product's profiles.
DEMO_PROFILE = Path(__file__).with_name("profile.toml")

__all__ = ["DEMO_PROFILE", "DemoPortal", "Site", "build_site"]
