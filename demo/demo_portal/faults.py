"""Fault injection: the demo portal as slow, flaky and oddly configured as real government portals.

A ``FaultPlan`` decides from its seed alone which URL gets which fault, so a crawl of the same
portal with the same plan meets the same faults. ``FaultInjector`` wraps the portal's router and
applies them. Faults are of two lifetimes:

- transient, on any page: the first ``transient_failures`` requests of the URL fail, the next
  ones are answered normally (what a retry, or the next night's run, is for);
- lasting, on article pages only: every request of the URL fails (or, for ``changing``, differs).
  Keeping them off listings and sitemaps means every article stays discoverable, so a test can
  demand that each one ends up either archived or listed as a failure.

Network-level faults (timeouts, resets, short bodies, slow bodies) are written to the socket by
``Response.deliver``; the rest are ordinary responses. With no plan nothing here runs and every
response is byte-identical to the fault-free portal.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, quote, urlsplit

from .routes import HTML, Response, Router

TRANSIENT = ("server_error", "timeout", "reset", "truncated_body", "redirect_chain", "rate_limited")
LASTING = ("server_error_permanent", "redirect_loop", "slow_body", "changing")
KINDS = TRANSIENT + LASTING
HOP_PATH = "/__faults__/hop"
# Never faulty: the ground truth, and robots.txt (its failure would change what may be crawled).
EXEMPT = frozenset({"/__manifest__.json", "/robots.txt"})
SERVER_ERRORS = (500, 502, 503, 504)


@dataclass(frozen=True)
class FaultPlan:
    seed: int
    rate: float = 0.25  # share of URLs that get a fault
    kinds: tuple[str, ...] = KINDS
    transient_failures: int = 2  # requests a transient fault breaks before the URL works
    stall_seconds: float = 3.0  # a "timeout" answers nothing for this long, then hangs up
    slow_seconds: float = 3.0  # a "slow_body" takes this long to send its body
    retry_after: int = 1  # seconds a 429 asks the client to wait
    redirect_hops: int = 3  # length of a redirect chain

    def __post_init__(self):
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds: {', '.join(sorted(unknown))} (known: {', '.join(KINDS)})")
        if not 0 <= self.rate <= 1:
            raise ValueError(f"fault rate must be between 0 and 1, got {self.rate}")

    def draw(self, target: str) -> tuple[float, int]:
        """Two numbers the seed and the target decide: a chance in [0, 1) and a pick."""
        digest = hashlib.sha256(f"{self.seed}|{target}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64, int.from_bytes(digest[8:16], "big")

    def fault_for(self, target: str, is_article: bool) -> str | None:
        """The fault of a request target (path and query), or None; the same for the same seed."""
        if urlsplit(target).path in EXEMPT:
            return None
        eligible = [k for k in self.kinds if is_article or k in TRANSIENT]
        chance, pick = self.draw(target)
        if not eligible or chance >= self.rate:
            return None
        return eligible[pick % len(eligible)]


@dataclass
class _Ledger:
    """Requests per target and what was injected: shared by the server's handler threads."""
    attempts: Counter = field(default_factory=Counter)
    injected: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_attempt(self, target: str) -> int:
        with self.lock:
            self.attempts[target] += 1
            return self.attempts[target]

    def note(self, target: str, kind: str, attempt: int) -> None:
        with self.lock:
            self.injected.append({"target": target, "fault": kind, "attempt": attempt})


class FaultInjector:
    """Wraps a ``Router`` (same ``handle``) and breaks responses as the plan says."""

    def __init__(self, router: Router, plan: FaultPlan):
        self.router = router
        self.plan = plan
        self.site = router.site
        self.ledger = _Ledger()
        router.manifest_extras.append(self.manifest_extra)

    def handle(self, target: str, host: str | None) -> Response:
        path = urlsplit(target).path
        if path == HOP_PATH:
            return self._hop(target)
        kind = self.plan.fault_for(target, self._is_article(path))
        if kind is None:
            return self.router.handle(target, host)
        attempt = self.ledger.next_attempt(target)
        if kind in TRANSIENT and attempt > self.plan.transient_failures:
            return self.router.handle(target, host)
        self.ledger.note(target, kind, attempt)
        return getattr(self, f"_{kind}")(target, host, attempt)

    def _is_article(self, path: str) -> bool:
        stub = self.site.by_path.get(path)
        return stub is not None and not stub.deleted

    def manifest_extra(self, base_url: str) -> dict:
        """What the manifest says about faults: the plan, each article's fault, what was done so far."""
        base = base_url.rstrip("/")
        articles = {}
        for stub in self.site.stubs:
            kind = self.plan.fault_for(stub.path, True)
            if kind:
                articles[base + stub.path] = kind
        with self.ledger.lock:
            injected = [{"url": base + e["target"], "fault": e["fault"], "attempt": e["attempt"]} for e in self.ledger.injected]
        plan = {name: getattr(self.plan, name) for name in self.plan.__dataclass_fields__}
        plan["kinds"] = list(plan["kinds"])
        return {"faults": {"plan": plan, "transient": list(TRANSIENT), "articles": articles, "injected": injected}}

    # --- ordinary responses ------------------------------------------------

    def _server_error(self, target, host, attempt) -> Response:
        status = SERVER_ERRORS[self.plan.draw(target)[1] % len(SERVER_ERRORS)]
        return _error_page(status, "Máy chủ đang bận, vui lòng thử lại sau.")

    def _server_error_permanent(self, target, host, attempt) -> Response:
        return _error_page(500, "Lỗi hệ thống.")

    def _rate_limited(self, target, host, attempt) -> Response:
        response = _error_page(429, "Quá nhiều yêu cầu.")
        response.headers.append(("Retry-After", str(self.plan.retry_after)))
        return response

    def _redirect_chain(self, target, host, attempt) -> Response:
        return _redirect(_hop_url(target, 1, loop=False))

    def _redirect_loop(self, target, host, attempt) -> Response:
        return _redirect(_hop_url(target, 1, loop=True))

    def _hop(self, target: str) -> Response:
        """One step of a chain: on to the next hop, and from the last back to the page itself."""
        query = parse_qs(urlsplit(target).query)
        destination = query.get("to", ["/"])[0]
        number = int(query.get("n", ["1"])[0]) if query.get("n", [""])[0].isdigit() else 1
        if "loop" not in query and number < self.plan.redirect_hops:
            return _redirect(_hop_url(destination, number + 1, loop=False))
        # The page of a loop redirects here again on every request: page, hop, page, hop…
        return _redirect(destination)

    def _changing(self, target, host, attempt) -> Response:
        """The page as served, plus a visitor counter that differs on every request (outside the article)."""
        response = self.router.handle(target, host)
        counter = f'<div class="visitor-counter">Đang truy cập: {attempt}</div></body>'.encode()
        return replace(response, body=response.body.replace(b"</body>", counter, 1), _gzipped=None,
                       headers=list(response.headers))

    # --- faults written to the socket ---------------------------------------

    def _timeout(self, target, host, attempt) -> Response:
        return Response(0, deliver=lambda handler: _stall(handler, self.plan.stall_seconds))

    def _reset(self, target, host, attempt) -> Response:
        return Response(0, deliver=_reset)

    def _truncated_body(self, target, host, attempt) -> Response:
        body = self.router.handle(target, host).body
        return Response(0, deliver=lambda handler: _send_identity(handler, body, body[:len(body) // 2]))

    def _slow_body(self, target, host, attempt) -> Response:
        body = self.router.handle(target, host).body
        return Response(0, deliver=lambda handler: _send_slowly(handler, body, self.plan.slow_seconds))


def _error_page(status: int, message: str) -> Response:
    body = f"<!DOCTYPE html><html><head><title>{status}</title></head><body><h1>{status}</h1><p>{message}</p></body></html>"
    return Response(status, HTML, body.encode(), compressible=True, drupal=False,
                    headers=[("Cache-Control", "no-cache")])


def _redirect(location: str) -> Response:
    return Response(302, None, drupal=False, headers=[("Location", location), ("Cache-Control", "no-cache")])


def _hop_url(destination: str, number: int, loop: bool) -> str:
    return f"{HOP_PATH}?n={number}&to={quote(destination, safe='')}" + ("&loop=1" if loop else "")


def _stall(handler, seconds: float) -> None:
    """Answer nothing; hang up when the client gives up or after ``seconds``, whichever is first."""
    handler.close_connection = True
    connection = handler.connection
    connection.settimeout(seconds)
    try:
        connection.recv(1)  # returns b"" as soon as the client closes its end
    except OSError:
        pass


def _reset(handler) -> None:
    """Begin a status line, then abort the connection with a TCP RST (SO_LINGER 0)."""
    handler.close_connection = True
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html")
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()


def _send_identity(handler, body: bytes, sent: bytes) -> None:
    """Headers promising ``body`` (no gzip, Content-Length), then only ``sent`` of it and a hang-up."""
    handler.close_connection = True
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(sent)


def _send_slowly(handler, body: bytes, seconds: float, pieces: int = 10) -> None:
    handler.close_connection = True
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    size = -(-len(body) // pieces)
    for start in range(0, len(body), size):
        handler.wfile.write(body[start:start + size])
        time.sleep(seconds / pieces)
