"""The rules behind retries and trap detection, one by one (crawls exercise them in test_reliability_*)."""

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from scrapy.settings import Settings

from demo_portal.faults import KINDS, LASTING, TRANSIENT, FaultPlan
from crawler.middlewares.retry import BackoffRetryMiddleware, retry_after_seconds
from crawler.trap_rules import DuplicatePages, PageBudget, UrlRules
from extraction.page_discovery import text_fingerprint

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("value, seconds", [
    (b"120", 120.0), ("  7 ", 7.0), (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
    (format_datetime(NOW - timedelta(hours=1), usegmt=True), 0.0), (b"soon", None), (b"", None), (None, None), (b"-5", None),
])
def test_retry_after_takes_seconds_or_a_date(value, seconds):
    assert retry_after_seconds(value, now=NOW) == seconds


def backoff(**settings):
    values = Settings({"RETRY_ENABLED": True, "RETRY_TIMES": 3, "RETRY_HTTP_CODES": [503, 429], "RETRY_PRIORITY_ADJUST": -1,
                       "RETRY_GIVE_UP_LOG_LEVEL": "ERROR", "RETRY_EXCEPTIONS": [],
                       "PORTAL_RETRY_BACKOFF_BASE": 2.0, "PORTAL_RETRY_BACKOFF_MAX": 10.0, "PORTAL_RETRY_AFTER_MAX": 300.0, **settings})
    return BackoffRetryMiddleware(values)


def test_backoff_doubles_up_to_its_maximum():
    middleware = backoff()
    assert [middleware.delay(n, None) for n in (1, 2, 3, 4, 5)] == [2.0, 4.0, 8.0, 10.0, 10.0]


def test_retry_after_is_a_floor_never_a_shortcut():
    middleware = backoff()
    assert middleware.delay(1, 30.0) == 30.0
    assert middleware.delay(3, 1.0) == 8.0


def test_fault_plan_is_the_same_for_the_same_seed():
    targets = [f"/tin-tuc/muc/bai-{n}" for n in range(400)]
    first, again, other = FaultPlan(seed=7), FaultPlan(seed=7), FaultPlan(seed=8)
    plan = [first.fault_for(t, True) for t in targets]
    assert plan == [again.fault_for(t, True) for t in targets]
    assert plan != [other.fault_for(t, True) for t in targets]
    assert set(plan) == {None, *KINDS}
    assert 0.15 < sum(k is not None for k in plan) / len(plan) < 0.35  # rate 0.25


def test_lasting_faults_only_hit_articles_and_robots_never_faults():
    plan = FaultPlan(seed=3, rate=1.0)
    kinds = {plan.fault_for(f"/tin-tuc?page={n}", is_article=False) for n in range(300)}
    assert kinds == set(TRANSIENT) and not kinds & set(LASTING)
    assert plan.fault_for("/robots.txt", True) is None and plan.fault_for("/__manifest__.json", True) is None


def test_fault_plan_refuses_what_it_cannot_do():
    with pytest.raises(ValueError, match="unknown fault kinds: teleport"):
        FaultPlan(seed=1, kinds=("teleport",))
    with pytest.raises(ValueError, match="between 0 and 1"):
        FaultPlan(seed=1, rate=1.5)


@pytest.mark.parametrize("url, rule", [
    ("http://h.vn/en/vi/en/vi/en/gioi-thieu", "repeated_segment"),
    ("http://h.vn/tin-tuc/tin-tuc/tin-tuc/a", "repeated_segment"),
    ("http://h.vn/" + "/".join(f"c{n}" for n in range(17)), "deep_path"),
    ("http://h.vn/tim?" + "&".join(f"f{n}=1" for n in range(17)), "query_explosion"),
])
def test_trap_urls_are_told_by_their_shape(url, rule):
    assert UrlRules().verdict(url)[0] == rule


@pytest.mark.parametrize("url", [
    "http://h.vn/en/vi/gioi-thieu",  # a segment twice is allowed
    "http://h.vn/web/guest/-/asset_publisher/x/content/-/view/-/a",  # Liferay's /-/ is not a word
    "http://h.vn/2011/11/11/11/bai-viet",  # nor are numbers
    "http://h.vn/web/guest/tin-tuc?p_p_id=101&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view&_101_cur=2&_101_delta=20",
])
def test_honest_urls_pass(url):
    assert UrlRules().verdict(url) is None


def test_copies_differ_only_in_digits():
    assert text_fingerprint("Không có sự kiện nào trong tháng 04/2019.") == text_fingerprint("Không có sự kiện nào  trong tháng 11/2031.")
    assert text_fingerprint("Trang a") != text_fingerprint("Trang b")
    copies = DuplicatePages(allowed=3)
    fingerprint = text_fingerprint("x")
    assert [copies.seen("h.vn", fingerprint) for _ in range(5)] == [False, False, False, True, True]
    assert copies.seen("other.vn", fingerprint) is False  # counted per site


def test_budget_counts_each_url_once_per_site():
    budget = PageBudget(limit=2)
    assert budget.admit("a.vn", "http://a.vn/1") and budget.admit("a.vn", "http://a.vn/2")
    assert budget.admit("a.vn", "http://a.vn/1")  # already admitted: linked again, not counted again
    assert not budget.admit("a.vn", "http://a.vn/3")
    assert budget.admit("b.vn", "http://b.vn/1")
    assert PageBudget(limit=0).admit("a.vn", "http://a.vn/anything")
