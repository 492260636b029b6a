"""RSS and Atom feeds as a source of article URLs.

A page names its feeds in ``<link rel="alternate" type="application/rss+xml|atom+xml">`` (read
with the page: extraction/page_discovery.py; followed even where the profile keeps such URLs out of
the crawl as pages: the site declares them); a feed it links like a page is recognised by its
content. Each feed's item links are then followed like any link.
"""

from parsel import Selector
from scrapy.http import Response

from extraction.urls import absolute_url


def is_feed(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def item_links(response: Response) -> list[str]:
    """The links of a feed's items (RSS <item><link>, Atom <entry><link rel=alternate>); one that
    names no address (``http://[bad``, a port out of range) is left out, as on a page."""
    document = Selector(text=response.text, type="xml")
    document.remove_namespaces()
    links = document.xpath("//item/link/text()").getall()
    links += document.xpath("//entry/link[not(@rel) or @rel='alternate']/@href").getall()
    return [url for link in links if link.strip() and (url := absolute_url(response.url, link))]
