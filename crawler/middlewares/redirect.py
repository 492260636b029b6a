"""Redirects that come back to a URL of their own chain are followed, not dropped without a trace.

Scrapy sends a redirect's target through the duplicate filter, which drops it if that URL was
already requested. For a chain that returns to where it started (``A → B → A``: portals do this
to set a cookie, or while a proxy warms up) that silently loses page A. Here such a target is
fetched again; a real loop then ends at REDIRECT_MAX_TIMES with an error that the spider records
as a failure, so the page is either archived or listed, never just missing.
"""

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.http import Request


class ChainAwareRedirectMiddleware(RedirectMiddleware):
    def process_response(self, request, response):
        result = super().process_response(request, response)
        if isinstance(result, Request) and result.url in result.meta.get("redirect_urls", ()):
            result.dont_filter = True
        return result
