"""The garbage collector's pace during a crawl (crawler/extensions/gc_pacing.py), and as it was after."""

import gc
from types import SimpleNamespace

from scrapy import signals
from scrapy.signalmanager import SignalManager

from crawler.extensions.gc_pacing import YOUNG_COLLECTION_AFTER, GcPacing


def _paced_crawler():
    """A crawler's signals with the extension connected (kept alive, as the crawler's extension manager keeps it)."""
    crawler = SimpleNamespace()
    crawler.signals = SignalManager(crawler)  # sent by this crawler only, as Scrapy's are
    crawler.pacing = GcPacing.from_crawler(crawler)
    return crawler


def test_objects_alive_at_the_start_are_frozen_and_young_collections_wait_until_the_engine_stops():
    before = gc.get_threshold()
    crawler = _paced_crawler()
    crawler.signals.send_catch_log(signals.engine_started)
    try:
        assert gc.get_threshold() == (YOUNG_COLLECTION_AFTER, *before[1:])
        assert gc.get_freeze_count() > 0
    finally:
        crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_two_crawls_in_one_process_leave_the_pace_as_it_was_whichever_stops_first():
    before = gc.get_threshold()
    first, second = _paced_crawler(), _paced_crawler()
    first.signals.send_catch_log(signals.engine_started)
    second.signals.send_catch_log(signals.engine_started)
    first.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold()[0] == YOUNG_COLLECTION_AFTER  # the second still runs
    second.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_an_engine_that_never_started_changes_nothing_when_it_stops():
    before = gc.get_threshold()
    _paced_crawler().signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == before
