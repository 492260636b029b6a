"""The crawl's stats collector (crawler/stats.py) keeps stats as Scrapy's in-memory collector does."""

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.stats import CrawlStats


def _apply(stats) -> dict:
    stats.open_spider()
    stats.set_value("portal/run_id", "20260101T000000Z")
    for key in ("portal/articles", "portal/articles", "portal/failures"):
        stats.inc_value(key)
    stats.inc_value("portal/bytes", 500, start=100)
    stats.max_value("scheduler/depth", 3)
    stats.max_value("scheduler/depth", 2)
    stats.min_value("first", 5)
    stats.min_value("first", 4)
    return {**stats.get_stats(), "one": stats.get_value("portal/articles"), "none": stats.get_value("missing", "-")}


def test_the_crawl_keeps_the_same_stats_as_scrapys_collector():
    crawler = get_crawler(settings_dict={"STATS_DUMP": False})
    ours = _apply(CrawlStats(crawler))
    assert ours == _apply(MemoryStatsCollector(crawler))
    assert ours["portal/articles"] == 2 and ours["portal/bytes"] == 600 and ours["scheduler/depth"] == 3


def test_a_crawl_uses_it():
    assert project_settings.STATS_CLASS == "crawler.stats.CrawlStats"
    assert type(get_crawler(settings_dict={"STATS_CLASS": project_settings.STATS_CLASS}).stats) is CrawlStats
