"""Crawl state in Redis: one state shared by every worker of a distributed crawl.

URI: ``redis://HOST:PORT/DB?crawl=NAME`` (keys under ``portal-archive:NAME:state:``; without
``crawl``, under ``portal-archive:state:``). Whichever worker fetched a page, the others know its
ETag, payload digest and WARC record, so re-checks are conditional and an identical payload
becomes a revisit record pointing at the other worker's response.

Every write is a single command or a transaction, so two workers saving the same URL leave one
value or the other, never a mix. Captures and outcomes are JSON in hashes keyed by URL;
publication dates have a hash of their own, so that an outcome saved without one keeps the date
already known (as in the SQLite store) without reading it back first.
"""

import json
from dataclasses import asdict
from typing import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.redis_store.connection import connect
from crawler.redis_store.keys import PREFIX, crawl_prefix
from crawler.state import Capture, Outcome

# KEYS: current run, the run's record. ARGV: run id, started_at. Returns [run id, 1 if it was under way].
_BEGIN_RUN = """
local current = redis.call('GET', KEYS[1])
if current then return {current, 1} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'started_at', ARGV[2])
return {ARGV[1], 0}
"""
# KEYS: current run, the run's record. ARGV: run id, finished_at, status.
_FINISH_RUN = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[2], 'finished_at', ARGV[2], 'status', ARGV[3])
"""


def _json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class RedisState:
    def __init__(self, client, prefix: str):
        self.redis = client
        self.prefix = f"{prefix}:state"
        self._begin_run = client.register_script(_BEGIN_RUN)
        self._finish_run = client.register_script(_FINISH_RUN)

    @classmethod
    def from_uri(cls, uri: str) -> "RedisState":
        parts = urlsplit(uri)
        query = parse_qsl(parts.query)
        crawl = dict(query).get("crawl")
        server = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "crawl"])))
        return cls(connect(server), crawl_prefix(crawl) if crawl else PREFIX)

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def begin_run(self, run_id: str, started_at: str) -> tuple[str, bool]:
        """Join the run under way (started by another worker, or interrupted) or start `run_id`."""
        current, under_way = self._begin_run(keys=[self._key("run"), self._key(f"run:{run_id}")], args=[run_id, started_at])
        if under_way:
            return current.decode(), True
        return run_id, False

    def knows_run(self, run_id: str) -> bool:
        return bool(self.redis.exists(self._key(f"run:{run_id}")))

    def finish_run(self, run_id: str, finished_at: str, status: str) -> None:
        self._finish_run(keys=[self._key("run"), self._key(f"run:{run_id}")], args=[run_id, finished_at, status])

    def capture(self, url: str) -> Capture | None:
        stored = self.redis.hget(self._key("captures"), url)
        return Capture(**json.loads(stored)) if stored else None

    def save_capture(self, capture: Capture) -> None:
        self.redis.hset(self._key("captures"), capture.url, _json(asdict(capture)))

    def outcome(self, url: str) -> Outcome | None:
        with self.redis.pipeline(transaction=False) as pipeline:
            pipeline.hget(self._key("outcomes"), url)
            pipeline.hget(self._key("published"), url)
            stored, published = pipeline.execute()
        if not stored:
            return None
        return Outcome(**json.loads(stored), published_at=published.decode() if published else None)

    def save_outcome(self, outcome: Outcome) -> None:
        record = asdict(outcome)
        published = record.pop("published_at")
        with self.redis.pipeline() as transaction:
            transaction.hset(self._key("outcomes"), outcome.url, _json(record))
            if published is not None:
                transaction.hset(self._key("published"), outcome.url, published)
            transaction.execute()

    def urls_with_outcome(self, outcome: str) -> Iterator[str]:
        found = []
        for url, stored in self.redis.hscan_iter(self._key("outcomes")):
            if json.loads(stored)["outcome"] == outcome:
                found.append(url.decode())
        yield from sorted(found)

    def unlinked_runs(self, url: str) -> tuple[int, str | None]:
        stored = self.redis.hget(self._key("unlinked"), url)
        if not stored:
            return 0, None
        runs, run_id = json.loads(stored)
        return runs, run_id

    def save_unlinked_runs(self, url: str, runs: int, run_id: str) -> None:
        if runs:
            self.redis.hset(self._key("unlinked"), url, _json([runs, run_id]))
        else:
            self.redis.hdel(self._key("unlinked"), url)

    def commit(self) -> None:
        """Nothing to do: every write above is already in Redis."""

    def close(self) -> None:
        self.redis.close()
