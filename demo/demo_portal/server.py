"""``DemoPortal``: the demo site served over real HTTP/1.1 on a local port.

The HTTP layer decides only transport matters (gzip when the client accepts
it, chunked transfer when the route asks for it and the client speaks
HTTP/1.1, 304 for a matching If-None-Match or, without one, a satisfied
If-Modified-Since, HEAD). What to send is decided by ``routes.Router``.
"""

from __future__ import annotations

import socket
import sys
import threading
import zlib
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, urlunsplit

from .content import Site, build_site
from .families import family_router
from .faults import FaultInjector, FaultPlan
from .manifest import build_manifest
from .redesign import Redesign
from .routes import Response, Router
from .trap_site import TrapSite

CHUNKS_PER_BODY = 4  # chunked bodies are written in this many pieces


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (q-values honoured)."""
    weights = {}
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name.strip():
            weights[name.strip().lower()] = weight
    for coding in ("gzip", "x-gzip", "*"):
        if coding in weights:
            return weights[coding] > 0
    return False


def split_evenly(body: bytes, pieces: int) -> list[bytes]:
    size = max(1, -(-len(body) // pieces))
    return [body[i:i + size] for i in range(0, len(body), size)]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # small header + body writes must not wait for ACKs
    timeout = 60  # close idle keep-alive connections

    server: "_Server"

    def version_string(self) -> str:
        return "Apache"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        if self.server.log_requests:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_POST(self) -> None:
        """A form submitted: the families that take postbacks answer it (families/sharepoint.py)."""
        length = self.headers.get("Content-Length", "0")
        body = self.rfile.read(int(length)) if length.isdigit() else b""
        self._respond(head=False, body=body)

    def _respond(self, head: bool, body: bytes | None = None) -> None:
        try:
            if body is None:
                response = self.server.router.handle(*self._target_and_host())
            elif hasattr(self.server.router, "handle_post"):
                response = self.server.router.handle_post(*self._target_and_host(), body)
            else:
                response = Response(405, "text/plain", b"Method Not Allowed", headers=[("Allow", "GET, HEAD")])
        except Exception:  # a bug in rendering must not kill the connection thread
            self.server.handle_error(self.request, self.client_address)
            self.send_error(500)
            return
        if response.deliver is not None:  # an injected network fault writes to the socket itself
            response.deliver(self)
            return
        use_gzip = response.compressible and accepts_gzip(self.headers.get("Accept-Encoding", ""))
        chunked = (response.chunked or response.stream is not None) and \
            self.request_version == "HTTP/1.1"
        etag = response.etag
        if etag and use_gzip:
            etag = etag[:-1] + '-gzip"'  # as Apache's mod_deflate marks the variant
        if self._not_modified(response, etag):
            self.send_response(304)
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(response.status)
        self._send_headers(response, etag, use_gzip)
        if response.stream is not None:
            self._send_stream(response, use_gzip, chunked, head)
            return
        body = response.gzipped() if use_gzip else response.body
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if not head:
                self._write_chunks(split_evenly(body, CHUNKS_PER_BODY))
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

    def _target_and_host(self) -> tuple[str, str | None]:
        """The request target and the host it names: a target in absolute form (``GET http://host/path``,
        as a crawl sends it through demo_portal.crawl_route) carries its own host, which wins over Host."""
        split = urlsplit(self.path)
        if split.scheme in ("http", "https") and split.netloc:
            return urlunsplit(("", "", split.path or "/", split.query, "")), split.netloc
        return self.path, self.headers.get("Host")

    def _not_modified(self, response: Response, etag: str | None) -> bool:
        """Conditional GET/HEAD: If-None-Match decides when sent, else If-Modified-Since."""
        if response.status != 200:
            return False
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return bool(etag) and etag in if_none_match
        since = self.headers.get("If-Modified-Since")
        modified = next((value for name, value in response.headers if name == "Last-Modified"),
                        None)
        if not since or not modified:
            return False
        try:
            return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):  # unparsable or naive dates: ignore the condition
            return False

    def _send_headers(self, response: Response, etag: str | None, use_gzip: bool) -> None:
        for name, value in response.headers:
            self.send_header(name, value)
        if response.drupal:
            self.send_header("X-Generator", "Drupal 7 (http://drupal.org)")
        if etag:
            self.send_header("ETag", etag)
        if response.compressible:
            self.send_header("Vary", "Accept-Encoding")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        if response.content_type:
            self.send_header("Content-Type", response.content_type)

    def _send_stream(self, response: Response, use_gzip: bool, chunked: bool, head: bool) -> None:
        pieces = response.stream()
        if use_gzip:
            pieces = _gzip_stream(pieces)
        if not chunked:  # an HTTP/1.0 client: buffer to learn the length
            body = b"".join(pieces)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if not head:
            self._write_chunks(pieces)

    def _write_chunks(self, pieces) -> None:
        for piece in pieces:
            if piece:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")


def _gzip_stream(pieces):
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: gzip container
    for piece in pieces:
        data = compressor.compress(piece)
        if data:
            yield data
    yield compressor.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, router: Router, log_requests: bool):
        self.router = router
        self.log_requests = log_requests
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """End keep-alive connections so their threads stop serving after stop()."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if self.log_requests and not isinstance(error, (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class DemoPortal:
    """The bundled demo Drupal 7 portal.

    >>> with DemoPortal(articles=50) as portal:
    ...     portal.base_url        # "http://127.0.0.1:54321/"
    """

    def __init__(self, articles: int = 650, seed: int = 2020, host: str = "127.0.0.1",
                 port: int = 0, log_requests: bool = False, edition: int = 1,
                 redesign_after: int | None = None, faults: FaultPlan | None = None,
                 traps: bool = False, family: str = "drupal7"):
        self.site: Site = build_site(articles, seed, edition)
        # Another family's markup (families/): the same articles, without the Drupal site's extra layers.
        self.family = family_router(family, self.site, lambda: self.base_url)
        if self.family is not None and (redesign_after is not None or faults is not None or traps):
            raise ValueError(f"the {family} demo has no redesign, faults or traps: those are the drupal7 demo's")
        self.host = host
        self.port = port
        self.log_requests = log_requests
        redesign = Redesign(redesign_after) if redesign_after is not None else None
        self.router = Router(self.site, lambda: self.base_url, redesign=redesign)
        # Optional layers around the router: injected faults (faults.py), traps under /bay/ (traps.py).
        self.faults = FaultInjector(self.router, faults) if faults is not None else None
        self.traps = TrapSite(self.faults or self.router, self.router) if traps else None
        self._handler = self.family or self.traps or self.faults or self.router
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the demo portal is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> "DemoPortal":
        if self._server is not None:
            return self
        self._server = _Server((self.host, self.port), self._handler, self.log_requests)
        # From now on ``port`` is the bound one: a restart, or another edition of the portal
        # started with ``port=portal.port``, serves the same URLs.
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name="demo-portal", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def manifest(self) -> dict:
        """The ground truth, as ``GET /__manifest__.json`` returns it."""
        if self.family is not None:
            return self.family.manifest(self.base_url)
        return build_manifest(self.site, self.base_url, extra=self.router.manifest_extra(self.base_url))

    def __enter__(self) -> "DemoPortal":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
