"""What the tests share: running the command, crawling the demo portal, reading what a crawl wrote."""
