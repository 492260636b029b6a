"""The one way every part of a distributed crawl reaches Redis, and the one message when it cannot."""

import os
import re
import socket
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialWithJitterBackoff
from redis.retry import Retry

# Reconnect once (a connection dropped by a proxy or a server timeout), then fail with a clear
# error: a crawl whose frontier is gone stops, it does not wait. Redis answers our commands in
# well under a millisecond, so five seconds of silence means it is not going to.
CLIENT_OPTIONS = {
    "retry": Retry(ExponentialWithJitterBackoff(base=0.1, cap=0.5), retries=1),
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
}


class RedisUnreachable(RuntimeError):
    def __init__(self, url: str, error: Exception | str):
        super().__init__(f"cannot reach Redis at {redacted(url)}: {error}")


def redacted(url: str) -> str:
    """The URL without its password, fit for logs and error messages."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str) -> redis.Redis:
    """A client for `url`, checked with a PING: RedisUnreachable when nothing answers."""
    try:
        client = redis.Redis.from_url(url, **CLIENT_OPTIONS)
        client.ping()
    except (redis.RedisError, ValueError) as error:
        raise RedisUnreachable(url, error) from None
    return client


def default_worker_id() -> str:
    """host-pid: unique across machines and processes, and says where to look for the worker."""
    host = re.sub(r"[^A-Za-z0-9.-]+", "-", socket.gethostname()).strip("-.") or "host"
    return f"{host}-{os.getpid()}"
