"""The demo portal in other CMS families: the same site (demo_portal.content), served in each
family's real markup, URL shapes and discovery quirks, one module per family. Drupal 7 is the
portal's own markup (render.py, routes.py); the others are here:

- ``liferay``: portlet boundaries, Asset Publisher friendly URLs, listings paged by ``_cur``;
- ``sharepoint``: an ASP.NET form around every page; the news list is paged only by
  ``__doPostBack`` (a POST of the form with its view state), so most articles are reached only
  through postback pages;
- ``viettel``: ``.ModuleWrapper`` frames, schema.org NewsArticle detail, ``/<section>/<sub>/<slug>.html``
  URLs, print copies at ``/?page=Article.Print.detail&id=<hex>``, and category lists whose older
  teasers come only from a "Xem thêm" JSON endpoint.

The manifest is the ground truth for each: the drupal7 manifest with each article's URL, and the
fields the family does not show (images, attachments, tags) emptied.
"""

from .liferay import LiferayPortal
from .sharepoint import SharePointPortal
from .viettel import ViettelPortal

FAMILIES = ("drupal7", "liferay", "sharepoint", "viettel")
_ROUTERS = {"liferay": LiferayPortal, "sharepoint": SharePointPortal, "viettel": ViettelPortal}


def family_router(family: str, site, base_url):
    """The router serving `site` in `family`'s markup; None for drupal7 (routes.Router)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown demo family {family!r} (known: {', '.join(FAMILIES)})")
    return _ROUTERS[family](site, base_url) if family in _ROUTERS else None
