"""Scrapy's per-fetch and per-item DEBUG lines made only when a handler shows them (crawler/log_formatter.py)."""

import logging

import pytest
from scrapy.http import HtmlResponse, Request

import crawler.log_formatter
from crawler.log_formatter import ShownOnlyLogFormatter, shown


def _logger_with(handler_level: int | None, name: str = "isolated") -> tuple[logging.Logger, logging.Handler]:
    """A logger out of logging's registry (pytest's capture reaches every registered one), under
    a parent logger with the handler; its level DEBUG, whatever the test run's root says."""
    parent = logging.Logger(f"{name}.parent", logging.DEBUG)
    handler = logging.NullHandler(handler_level or logging.NOTSET)
    if handler_level is not None:
        parent.addHandler(handler)
    logger = logging.Logger(name, logging.DEBUG)
    logger.parent = parent
    return logger, handler


def test_a_record_is_shown_when_a_handler_up_the_loggers_takes_its_level():
    logger, handler = _logger_with(logging.INFO)
    assert not shown(logger, logging.DEBUG)
    assert shown(logger, logging.INFO)
    handler.setLevel(logging.DEBUG)
    assert shown(logger, logging.DEBUG)
    quiet, _ = _logger_with(logging.DEBUG)
    quiet.setLevel(logging.WARNING)  # the logger's own level comes first
    assert not shown(quiet, logging.INFO)


def test_a_logger_that_does_not_propagate_reaches_no_handler_above_it():
    logger, _ = _logger_with(logging.DEBUG)
    logger.propagate = False
    assert not shown(logger, logging.INFO)  # no handler at all: logging's last resort, WARNING and above
    assert shown(logger, logging.WARNING)


@pytest.mark.parametrize("level, made", [(logging.INFO, False), (logging.DEBUG, True)])
def test_crawled_and_scraped_lines_are_made_only_when_shown(monkeypatch, level, made):
    monkeypatch.setattr(crawler.log_formatter, "_ENGINE", _logger_with(level, "scrapy.core.engine")[0])
    monkeypatch.setattr(crawler.log_formatter, "_SCRAPER", _logger_with(level, "scrapy.core.scraper")[0])
    formatter = ShownOnlyLogFormatter()
    response = HtmlResponse("http://127.0.0.1/a", body=b"<html></html>", request=Request("http://127.0.0.1/a"))
    crawled = formatter.crawled(response.request, response, None)
    scraped = formatter.scraped({"url": "http://127.0.0.1/a"}, response, None)
    assert (crawled is not None, scraped is not None) == (made, made)
    if made:
        assert crawled["level"] == scraped["level"] == logging.DEBUG
