"""Distributed crawling: several workers, on any machines, crawl one frontier kept in Redis.

``portal-archive crawl --redis redis://HOST:PORT/DB`` (or the ``PORTAL_REDIS_URL`` setting) turns
it on; see docs/distributed.md. The pieces:

- ``addon``: the Scrapy add-on that turns the one setting into the scheduler, extension and
  defaults a distributed crawl needs;
- ``frontier``: scrapy-redis's scheduler and dupe filter, with every request leased to the worker
  that took it until Scrapy is done with it;
- ``workers``: each worker's presence (a heartbeat), the return of a dead worker's requests, and
  the end of the crawl: when the frontier is empty and no worker holds a request;
- ``keys`` and ``connection``: the Redis key names and the one way of connecting to Redis.
"""
