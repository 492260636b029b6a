"""Where a portal hides the way to its pages, beyond plain links and sitemaps: ASP.NET postback
pagers (postback.py), "Xem thêm" buttons fed by JSON endpoints (load_more.py) and RSS/Atom feeds
(feeds.py). Each module finds candidate requests or URLs; the spider decides scope and fetches.
"""
