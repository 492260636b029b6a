"""Signals of our own, sent through Scrapy's signal manager."""

# Sent by the spider once it has read a page's links: (response, outlinks, referer).
# The WARC capture middleware answers with a metadata record beside the page's response.
page_links_extracted = object()
