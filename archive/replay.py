"""Replay a crawl in pywb: a collection over the crawl's own WARC files and CDXJ index.

pywb pins libraries older than the crawler's stack (redis, cryptography, brotlipy), so it runs
from its own virtual environment (``make replay-env`` makes ``.venv-replay``) as a child process.
Its configuration and log live in a temporary folder: replay reads a crawl and writes nothing into
it, so a crawl on read-only storage replays too.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYWB_ENV = "PORTAL_ARCHIVE_PYWB"
# pywb's own rule for collection names; the name is also a path segment of every replay URL.
COLLECTION_NAME = re.compile(r"[A-Za-z0-9_-]+")


class ReplayError(RuntimeError):
    """Replay cannot start with what it was given (crawl directory, address, name, pywb's install)."""


class PywbFailed(ReplayError):
    """pywb started but exited or did not answer."""


def find_wayback() -> Path:
    """pywb's ``wayback``: $PORTAL_ARCHIVE_PYWB, the project's .venv-replay, or the PATH."""
    candidates = [os.environ.get(PYWB_ENV), PROJECT_ROOT / ".venv-replay" / "bin" / "wayback", shutil.which("wayback")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ReplayError(f"pywb is not installed: run `make replay-env`, or set {PYWB_ENV} to its `wayback` program")


def check_collection_name(name: str) -> str:
    if not COLLECTION_NAME.fullmatch(name):
        raise ReplayError(f"collection name {name!r}: use letters, digits, '-' and '_'")
    return name


def reserve_port(host: str, port: int) -> int:
    """``port`` (0: a free one) if ``host`` is an address of this machine and the port can be bound there."""
    if not 0 <= port <= 65535:
        raise ReplayError(f"port {port}: give 0 to 65535")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
            return probe.getsockname()[1]
    except OSError as error:  # gaierror (not an address) included
        raise ReplayError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def pywb_config(crawl_dir: Path, collection: str) -> str:
    """config.yaml naming the crawl's index and WARC folders in place. Written as JSON, which YAML
    reads as it is, so every value is a quoted, escaped string whatever the folder is called."""
    crawl_dir = crawl_dir.resolve()
    index = crawl_dir / "indexes"
    if not any(index.glob("*.cdxj")):
        raise ReplayError(f"{crawl_dir} has no CDXJ index in indexes/: is it a crawl output directory?")
    config = {
        "collections": {check_collection_name(collection): {"index_paths": f"{index}/", "archive_paths": f"{crawl_dir / 'warc'}/"}},
        # Frameless replay: the replay URL shows the archived page itself, with no top frame.
        "framed_replay": False,
        "enable_memento": True,
    }
    return json.dumps(config, indent=2) + "\n"


class ReplayServer:
    def __init__(self, crawl_dir: Path, collection: str = "crawl", host: str = "127.0.0.1", port: int = 0):
        self.crawl_dir = Path(crawl_dir)
        self.collection = collection
        self.host = host
        self.port = port
        self.process: subprocess.Popen | None = None
        self._root: Path | None = None

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/{self.collection}/"

    def url_for(self, url: str, timestamp: str = "", modifier: str = "") -> str:
        """`id_` as modifier gives the stored bytes; none gives the rewritten page."""
        return f"{self.base_url}{timestamp}{modifier}/{url}" if timestamp or modifier else f"{self.base_url}{url}"

    def start(self, timeout: float = 60.0) -> "ReplayServer":
        """Everything is checked before pywb starts; pywb is stopped if it does not come up."""
        wayback = find_wayback()
        config = pywb_config(self.crawl_dir, self.collection)
        self.port = reserve_port(self.host, self.port)
        self._root = Path(tempfile.mkdtemp(prefix="portal-archive-replay-"))
        (self._root / "config.yaml").write_text(config, encoding="utf-8")
        try:
            with open(self._root / "pywb.log", "ab") as log:
                self.process = subprocess.Popen([str(wayback), "--bind", self.host, "--port", str(self.port)],
                                                cwd=self._root, stdout=subprocess.DEVNULL, stderr=log)
            self._wait_until_up(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_up(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise PywbFailed(f"pywb exited with code {self.process.returncode}: {self._last_log_line()}")
            try:
                with urllib.request.urlopen(self.base_url, timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answered: the server is up
            except OSError:
                time.sleep(0.2)
        raise PywbFailed(f"pywb did not answer on {self.base_url} within {timeout:.0f} s: {self._last_log_line()}")

    def _last_log_line(self) -> str:
        lines = (self._root / "pywb.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return lines[-1] if lines else "it logged nothing"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
