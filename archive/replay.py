"""Replay a crawl in pywb: a collection over the crawl's own WARC files and CDXJ index.

pywb pins libraries older than the crawler's stack (redis, cryptography, brotlipy), so it runs
from its own virtual environment (``make replay-env`` makes ``.venv-replay``) as a child process.
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYWB_ENV = "PORTAL_ARCHIVE_PYWB"


class ReplayError(RuntimeError):
    pass


def find_wayback() -> Path:
    """pywb's ``wayback``: $PORTAL_ARCHIVE_PYWB, the project's .venv-replay, or the PATH."""
    candidates = [os.environ.get(PYWB_ENV), PROJECT_ROOT / ".venv-replay" / "bin" / "wayback", shutil.which("wayback")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ReplayError(f"pywb is not installed: run `make replay-env`, or set {PYWB_ENV} to its `wayback` program")


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def write_config(crawl_dir: Path, collection: str) -> Path:
    """A pywb root for the crawl: config.yaml naming the crawl's index and WARC folders in place."""
    crawl_dir = crawl_dir.resolve()
    index = crawl_dir / "indexes"
    if not any(index.glob("*.cdxj")):
        raise ReplayError(f"{crawl_dir} has no CDXJ index in indexes/: is it a crawl output directory?")
    root = crawl_dir / "replay"
    root.mkdir(exist_ok=True)
    config = root / "config.yaml"
    # Frameless replay: the replay URL shows the archived page itself, with no top frame.
    config.write_text(
        f"collections:\n  {collection}:\n    index_paths: {index}/\n    archive_paths: {crawl_dir / 'warc'}/\n"
        "framed_replay: false\nenable_memento: true\n",
        encoding="utf-8",
    )
    return root


class ReplayServer:
    def __init__(self, crawl_dir: Path, collection: str = "crawl", host: str = "127.0.0.1", port: int = 0):
        self.crawl_dir = Path(crawl_dir)
        self.collection = collection
        self.host = host
        self.port = port or _free_port(host)
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/{self.collection}/"

    def url_for(self, url: str, timestamp: str = "", modifier: str = "") -> str:
        """`id_` as modifier gives the stored bytes; none gives the rewritten page."""
        return f"{self.base_url}{timestamp}{modifier}/{url}" if timestamp or modifier else f"{self.base_url}{url}"

    def start(self, timeout: float = 60.0) -> "ReplayServer":
        wayback = find_wayback()
        root = write_config(self.crawl_dir, self.collection)
        with open(root / "pywb.log", "ab") as log:
            self.process = subprocess.Popen(
                [str(wayback), "--bind", self.host, "--port", str(self.port)],
                cwd=root, stdout=subprocess.DEVNULL, stderr=log,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ReplayError(f"pywb exited with code {self.process.returncode}; see {root / 'pywb.log'}")
            try:
                with urllib.request.urlopen(self.base_url, timeout=2):
                    return self
            except urllib.error.HTTPError:
                return self  # it answered: the server is up
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise ReplayError(f"pywb did not answer on {self.base_url} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
