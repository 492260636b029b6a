"""Scrapy's cookie middleware, without the work that cannot change what it does.

Portals need cookies (ASP.NET sessions behind postback pagers, Drupal's session), so this is
Scrapy's CookiesMiddleware, every rule kept: request.cookies, dont_merge_cookies, the cookiejar
meta key, COOKIES_DEBUG, cookies set by redirects. The crawl process runs it on every exchange,
and two parts of it were paid per page for nothing:

- each cookie received was checked against the public-suffix list (tldextract) anew, though a
  crawl meets a handful of cookie domains: the answer is kept per domain;
- a response without Set-Cookie or Set-Cookie2 (files, images, redirects of most servers) went
  through http.cookiejar's extraction, which finds nothing in it.
"""

from functools import lru_cache

from scrapy.downloadermiddlewares.cookies import CookiesMiddleware, _is_public_domain
from scrapy.utils.httpobj import urlparse_cached

# The public-suffix list is read once per process, so a domain's answer never changes.
_public_domain = lru_cache(maxsize=4096)(_is_public_domain)


class PortalCookiesMiddleware(CookiesMiddleware):
    def _process_cookies(self, cookies, *, jar, request):
        # Scrapy's rule: a cookie for a public suffix (a TLD, a shared host) is kept only for the
        # host that set it, and as that host's.
        hostname = urlparse_cached(request).hostname
        if hostname is None:
            return
        request_domain = hostname.lower()
        for cookie in cookies:
            cookie_domain = cookie.domain.removeprefix(".")
            if cookie_domain and _public_domain(cookie_domain):
                if cookie_domain != request_domain:
                    continue
                cookie.domain = request_domain
            jar.set_cookie_if_ok(cookie, request)

    def process_response(self, request, response):
        if "Set-Cookie" not in response.headers and "Set-Cookie2" not in response.headers:
            return response
        return super().process_response(request, response)
