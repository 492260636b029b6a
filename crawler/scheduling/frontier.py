"""The shared frontier: scrapy-redis's scheduler and dupe filter, with every request leased.

scrapy-redis keeps the queue (a sorted set by priority) and the fingerprints of every request
ever scheduled (its dupe filter) in Redis, so that any number of workers crawl one frontier and
none schedules a URL another has. It forgets a request the moment a worker pops it, though, so a
worker killed with requests in flight would lose them. This subclass:

- pops a request and records it in the popping worker's lease hash in one Lua script, and gives
  the lease back once Scrapy is done with the request: fetched, its callback run, its items
  through the pipelines and its new requests in the frontier (``release_done``);
- puts the leases of a worker that stopped answering back into the frontier (``reclaim``);
- checks the dupe filter and pushes a new request in one Lua script too, since a kill between the
  two would mark the URL seen without it ever being queued.

Compatibility with Scrapy 2.19: scrapy-redis 0.9.1's scheduler has the interface the engine asks
for (``open``, ``close``, ``enqueue_request``, ``next_request``, ``has_pending_requests``), and its
queue serializes requests with ``Request.to_dict``, callbacks by name. Besides the leases, this
subclass builds itself from our settings (keys per crawl and run) rather than scrapy-redis's; never
uses ``SCHEDULER_IDLE_BEFORE_CLOSE``, which makes ``next_request`` block the event loop in BRPOP
(the end of the crawl is decided in ``crawler.scheduling.workers`` instead); and avoids the
``Spider.log()`` and ``stats.inc_value(spider=...)`` calls Scrapy 2.19 deprecates.
"""

import logging

from redis import RedisError
from scrapy.http import Request
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from crawler.redis_store.connection import RedisUnreachable, connect, redacted
from crawler.redis_store.keys import RunKeys
from crawler.state.keeper import crawl_state

logger = logging.getLogger(__name__)

# How long a finished run's status stays, so that a worker still deciding sees "finished".
FINISHED_STATUS_SECONDS = 24 * 3600

# KEYS: seen, frontier. ARGV: fingerprint, score, request.
_SCHEDULE_IF_UNSEEN = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""
# KEYS: frontier, leases. Returns the request with the lowest score (highest priority), or nil.
_POP_AND_LEASE = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
redis.call('HSET', KEYS[2], popped[1], popped[2])
return popped[1]
"""
# KEYS: frontier, leases, workers, starting, alive. ARGV: worker, "1" to do nothing if it is alive.
# Returns how many requests went back to the frontier, or -1 if the worker is alive after all.
_RECLAIM = """
if ARGV[2] == '1' and redis.call('EXISTS', KEYS[5]) == 1 then return -1 end
local leased = redis.call('HGETALL', KEYS[2])
for i = 1, #leased, 2 do redis.call('ZADD', KEYS[1], leased[i + 1], leased[i]) end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
return #leased / 2
"""
# KEYS: frontier, starting, workers, status. ARGV: prefix of the lease hashes.
# 1: nothing queued, nobody starting, nothing leased; 0: work remains; -1: the run's data is gone.
_DRAINED = """
local status = redis.call('GET', KEYS[4])
if not status then return -1 end
if status == 'finished' then return 1 end
if redis.call('ZCARD', KEYS[1]) > 0 or redis.call('SCARD', KEYS[2]) > 0 then return 0 end
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('HLEN', ARGV[1] .. worker) > 0 then return 0 end
end
return 1
"""


class FrontierLost(RuntimeError):
    """Redis answers but no longer has the run: it restarted without persistence."""


class LeasingScheduler(Scheduler):
    def __init__(self, server, keys: RunKeys, worker: str, crawler):
        super().__init__(server, dupefilter=RFPDupeFilter(server, keys.seen))
        self.keys = keys
        self.worker = worker
        self.crawler = crawler
        self.stats = crawler.stats
        self.url = crawler.settings.get("PORTAL_REDIS_URL")
        # The requests this worker took from the frontier, with their bytes as stored in its lease hash.
        self.leased: dict[Request, bytes] = {}
        self.stopped = False
        self._schedule_if_unseen = server.register_script(_SCHEDULE_IF_UNSEEN)
        self._pop_and_lease = server.register_script(_POP_AND_LEASE)
        self._reclaim = server.register_script(_RECLAIM)
        self._drained = server.register_script(_DRAINED)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        # Every worker of the crawl joins the same run (a shared crawl state), so the same keys.
        keys = RunKeys(settings.get("PORTAL_CRAWL_NAME"), crawl_state(crawler).run_id)
        return cls(connect(settings.get("PORTAL_REDIS_URL")), keys, settings.get("PORTAL_WORKER_ID"), crawler)

    def open(self, spider):
        # scrapy-redis's open() does this too, and logs with the Spider.log() Scrapy 2.19 deprecates.
        self.spider = spider
        self.queue = PriorityQueue(self.server, spider, self.keys.frontier)
        self.server.set(self.keys.status, "open", nx=True)
        # A worker restarted under the same id before its key expired: what it held is ours to redo.
        if (requeued := self.reclaim(self.worker, only_if_dead=False)) > 0:
            logger.warning("put %d request(s) left by an earlier run of worker %s back in the frontier", requeued, self.worker)
        logger.info("worker %s on run %s of crawl %s: %d request(s) in the frontier",
                    self.worker, self.keys.run_id, self.keys.crawl, len(self.queue))

    def stop_crawl(self, problem: str, reason: str) -> None:
        """Stop this worker, once, saying why: without the frontier there is nothing to go on with."""
        if self.stopped:
            return
        self.stopped = True
        logger.error("%s", problem)
        engine = self.crawler.engine
        if engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=reason))

    def lose_redis(self, error: Exception) -> None:
        self.stop_crawl(str(RedisUnreachable(self.url, error)), "redis_unreachable")

    def __len__(self):
        return 0 if self.stopped else len(self.queue)

    def has_pending_requests(self) -> bool:
        try:
            return len(self) > 0
        except RedisError as error:
            self.lose_redis(error)
            return False

    def enqueue_request(self, request: Request) -> bool:
        if self.stopped:
            return False
        data = self.queue._encode_request(request)
        score = -request.priority  # scrapy-redis's PriorityQueue: the lowest score is popped first
        try:
            if request.dont_filter:
                self.server.zadd(self.keys.frontier, {data: score})
            elif not self._schedule_if_unseen(keys=[self.keys.seen, self.keys.frontier],
                                              args=[self.df.request_fingerprint(request), score, data]):
                self.df.log(request, self.spider)
                return False
        except RedisError as error:
            self.lose_redis(error)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.stopped:
            return None
        try:
            data = self._pop_and_lease(keys=[self.keys.frontier, self.keys.leases(self.worker)])
        except RedisError as error:
            self.lose_redis(error)
            return None
        if data is None:
            return None
        request = self.queue._decode_request(data)
        self.leased[request] = data
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def release_done(self, held: set[Request]) -> int:
        """Give back the leases of the requests the engine no longer holds; returns how many."""
        done = [request for request in self.leased if request not in held]
        if done:
            self.server.hdel(self.keys.leases(self.worker), *(self.leased[r] for r in done))
            for request in done:
                del self.leased[request]
        return len(done)

    def reclaim(self, worker: str, only_if_dead: bool = True) -> int:
        """Put a dead worker's leases back in the frontier; -1 if it turns out to be alive."""
        keys = self.keys
        return self._reclaim(keys=[keys.frontier, keys.leases(worker), keys.workers, keys.starting, keys.alive(worker)],
                             args=[worker, "1" if only_if_dead else "0"])

    def drained(self) -> bool:
        """True when the run is over for every worker: nothing queued, leased, or about to be seeded."""
        keys = self.keys
        state = self._drained(keys=[keys.frontier, keys.starting, keys.workers, keys.status], args=[keys.leases_prefix])
        if state == -1:
            raise self.lost()
        return state == 1

    def lost(self) -> FrontierLost:
        return FrontierLost(f"Redis at {redacted(self.url)} no longer has run {self.keys.run_id} of crawl {self.keys.crawl!r}"
                            " (restarted without persistence?): its frontier is lost")

    def close(self, reason):
        if self.stopped:
            return
        keys = self.keys
        try:
            with self.server.pipeline() as transaction:
                # The engine closes only when every request in progress has been dealt with.
                transaction.delete(keys.leases(self.worker))
                if reason == "finished":
                    transaction.delete(keys.frontier, keys.seen, keys.starting, keys.workers)
                    transaction.set(keys.status, "finished", ex=FINISHED_STATUS_SECONDS)
                transaction.execute()
        except RedisError as error:
            logger.error("%s", RedisUnreachable(self.url, error))
        self.leased.clear()
