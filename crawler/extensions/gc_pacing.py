"""Python's garbage collector paced for a crawl, from the engine's start to its stop.

With the collector's defaults the crawl's process spent ~0.47 s of CPU collecting during the
bench's pipeline crawl (764 fetches; ~0.6 ms a page): 3 full collections that each walked every
object the imports and the crawl's components had made (~90 ms each), and ~250 young ones, one
every 700 new container objects. Objects alive when the engine starts (modules, settings,
components) are frozen out of the collector's walks (gc.freeze), and a young collection waits for
YOUNG_COLLECTION_AFTER new objects: ~0.04 s. Cyclic garbage is still collected, a little later.
When the last crawl of the process stops, both are undone, so that a process running crawl after
crawl (the tests) collects what each left.
"""

import gc

from scrapy import signals

YOUNG_COLLECTION_AFTER = 10_000

_crawls_running = 0
_thresholds_before: tuple[int, ...] = ()


class GcPacing:
    def __init__(self):
        self._started = False

    @classmethod
    def from_crawler(cls, crawler):
        pacing = cls()
        crawler.signals.connect(pacing.engine_started, signal=signals.engine_started)
        crawler.signals.connect(pacing.engine_stopped, signal=signals.engine_stopped)
        return pacing

    def engine_started(self):
        global _crawls_running, _thresholds_before
        if _crawls_running == 0:
            _thresholds_before = gc.get_threshold()
            gc.set_threshold(YOUNG_COLLECTION_AFTER, *_thresholds_before[1:])
        _crawls_running += 1
        self._started = True
        gc.freeze()

    def engine_stopped(self):
        global _crawls_running
        if not self._started:
            return
        self._started = False
        _crawls_running -= 1
        if _crawls_running == 0:
            gc.unfreeze()
            gc.set_threshold(*_thresholds_before)
