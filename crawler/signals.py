"""Signals of our own, sent through Scrapy's signal manager."""

# Sent by the spider once it has read a page's links: (response, outlinks, referer).
# The WARC capture middleware answers with a metadata record beside the page's response.
page_links_extracted = object()

# Sent by the spider for every article record it extracts: (response, record, profile).
# The template drift extension counts which fields each profile still finds.
article_extracted = object()

# Sent by the spider when a crawl on `--profile auto` has recognised (or failed to recognise) the
# site from its first page: (response, recognition), a crawler.profile_choice.Recognition.
# The WARC capture middleware records it beside that page's response.
profile_recognised = object()
