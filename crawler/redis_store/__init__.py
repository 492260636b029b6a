"""Where a distributed crawl keeps its shared state in Redis: connections and key names."""
