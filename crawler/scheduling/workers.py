"""Each worker's presence in a distributed crawl, the return of a dead worker's requests, and the end.

Every second a worker renews a key in Redis that expires after PORTAL_WORKER_TIMEOUT seconds,
gives back the leases of the requests it is done with (so that a kill sends back to the frontier
only what was in progress, give or take a second's work), and returns to the frontier the leases
of every worker whose key has expired: killed, crashed, or cut off from the network.

When a worker's engine has nothing to do, Scrapy asks whether to close (``spider_idle``). The
answer is no while anything is queued or leased anywhere, or a worker is still reading its start
requests: another worker's page in progress may add a hundred links. A worker closes as
"finished" only when the whole crawl is done, and the engine's own heartbeat (every 5 s) makes an
idle worker look at the frontier again in the meantime.
"""

import logging

from redis import RedisError
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request
from scrapy.utils.asyncio import create_looping_call

from crawler.scheduling.frontier import FrontierLost, LeasingScheduler

logger = logging.getLogger(__name__)

BEAT_SECONDS = 1.0


class WorkerPresence:
    def __init__(self, crawler):
        self.crawler = crawler
        self.timeout = crawler.settings.getfloat("PORTAL_WORKER_TIMEOUT")
        self.frontier: LeasingScheduler | None = None
        self.heartbeat = None

    @classmethod
    def from_crawler(cls, crawler):
        presence = cls(crawler)
        if presence.timeout < 3 * BEAT_SECONDS:
            raise ValueError(f"PORTAL_WORKER_TIMEOUT is {presence.timeout:g} s; a worker must be allowed to miss"
                             f" a beat or two (one every {BEAT_SECONDS:g} s): give it 3 or more")
        crawler.signals.connect(presence.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(presence.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(presence.spider_closed, signal=signals.spider_closed)
        return presence

    def spider_opened(self, spider):
        self.frontier = self.crawler.engine.scheduler
        keys, me = self.frontier.keys, self.frontier.worker
        with self.frontier.server.pipeline() as transaction:
            transaction.sadd(keys.workers, me)
            # Until its start requests are all scheduled, a worker may still add work: the crawl is not over.
            transaction.sadd(keys.starting, me)
            transaction.set(keys.alive(me), "1", px=int(self.timeout * 1000))
            transaction.execute()
        self.heartbeat = create_looping_call(self.beat)
        self.heartbeat.start(BEAT_SECONDS, now=False)

    def held_requests(self) -> set[Request]:
        """Every request the engine holds: downloading, or being scraped (callback and item pipelines).

        The engine hands a request from the downloader to the scraper within one chain of callbacks,
        so a request it still holds is never missing from both at the moment this is called.
        """
        engine = self.crawler.engine
        scraping = engine.scraper.slot
        return set(engine.downloader.active) | scraping.active | {request for _, request, _ in scraping.queue}

    def beat(self):
        frontier = self.frontier
        if frontier.stopped:
            return
        keys, me = frontier.keys, frontier.worker
        try:
            with frontier.server.pipeline() as transaction:
                transaction.set(keys.alive(me), "1", px=int(self.timeout * 1000))
                # Back in the run if it was given up for dead while it was only slow.
                transaction.sadd(keys.workers, me)
                transaction.exists(keys.status)
                *_, run_exists = transaction.execute()
            if not run_exists:
                raise frontier.lost()
            frontier.release_done(self.held_requests())
            self.reclaim_from_the_dead()
        except RedisError as error:
            frontier.lose_redis(error)
        except FrontierLost as error:
            frontier.stop_crawl(str(error), "frontier_lost")

    def reclaim_from_the_dead(self) -> None:
        frontier = self.frontier
        keys, me = frontier.keys, frontier.worker
        others = sorted(w.decode() for w in frontier.server.smembers(keys.workers) if w.decode() != me)
        with frontier.server.pipeline(transaction=False) as pipeline:
            for worker in others:
                pipeline.exists(keys.alive(worker))
            alive = pipeline.execute()
        for worker in (w for w, is_alive in zip(others, alive) if not is_alive):
            returned = frontier.reclaim(worker)
            if returned >= 0:
                logger.warning("worker %s stopped answering: %d request(s) it held went back to the frontier", worker, returned)
                self.crawler.stats.inc_value("portal/requests_reclaimed", returned)

    def spider_idle(self, spider):
        frontier = self.frontier
        if frontier.stopped:
            raise DontCloseSpider  # already closing, for a reason other than "finished"
        try:
            frontier.release_done(set())  # idle: the engine holds no request at all
            frontier.server.srem(frontier.keys.starting, frontier.worker)
            self.reclaim_from_the_dead()
            if frontier.drained():
                self.heartbeat.stop()
                logger.info("the frontier is empty and no worker holds a request: run %s is done", frontier.keys.run_id)
                return
        except RedisError as error:
            frontier.lose_redis(error)
        except FrontierLost as error:
            frontier.stop_crawl(str(error), "frontier_lost")
        raise DontCloseSpider

    def spider_closed(self, spider, reason):
        if self.heartbeat is not None and self.heartbeat.running:
            self.heartbeat.stop()
        frontier = self.frontier
        if frontier is None or frontier.stopped:
            return
        keys, me = frontier.keys, frontier.worker
        try:
            with frontier.server.pipeline() as transaction:
                transaction.srem(keys.workers, me)
                transaction.srem(keys.starting, me)
                transaction.delete(keys.alive(me))
                transaction.execute()
        except RedisError as error:
            logger.error("worker %s could not say it left: %s", me, error)
