"""One crawl at a time per output directory: a second scheduled run refuses instead of interleaving.

The lock is an flock on DIR/.lock, held by the process that crawls for the whole crawl. Within
that process it is re-entrant: the CLI takes it before Scrapy starts, the crawl's components take
it again, and it is given back when the last of them releases it.
"""

import fcntl
import os
import re
from datetime import datetime, timezone
from pathlib import Path

from record.exit_codes import LOCKED

LOCK_NAME = ".lock"
# What the lock file says while a crawl holds it; it stays after the crawl, marking the directory as ours.
_HOLDER = "portal-archive crawl, pid {pid}, since {since}"
_OUR_HOLDERS = re.compile(r"portal-archive crawl, pid \d+, since \S+|pid \d+ since \S+")  # the second: before 0.2


class CrawlLocked(RuntimeError):
    exit_code = LOCKED


# Lock file -> [its open handle, how many holders in this process].
_HELD: dict[Path, list] = {}


def written_by_a_crawl(lock_file: Path) -> bool:
    """Whether a lock file is one a portal-archive crawl wrote."""
    try:
        text = lock_file.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return False
    return bool(_OUR_HOLDERS.fullmatch(text))


class RunLock:
    def __init__(self, directory: Path):
        self.path = Path(directory) / LOCK_NAME
        self._held = False

    def _key(self) -> Path:
        return self.path.parent.resolve() / LOCK_NAME

    def _refused(self, handle) -> CrawlLocked:
        handle.seek(0)
        holder = handle.read().strip() or "a process that is starting"
        handle.close()
        return CrawlLocked(f"another crawl is already writing to {self.path.parent} ({holder}); not starting a second one")

    def acquire(self) -> "RunLock":
        if self._held:
            return self
        key = self._key()
        if key in _HELD:
            _HELD[key][1] += 1
            self._held = True
            return self
        while True:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+", encoding="utf-8")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise self._refused(handle) from None
            # A crawl that withdrew (CrawlDirectory.withdraw) removed the file we opened: lock the new one.
            if self.path.exists() and os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path)):
                break
            handle.close()
        handle.seek(0)
        handle.truncate()
        handle.write(_HOLDER.format(pid=os.getpid(), since=datetime.now(timezone.utc).isoformat(timespec="seconds")) + "\n")
        handle.flush()
        _HELD[key] = [handle, 1]
        self._held = True
        return self

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        key = self._key()
        held = _HELD[key]
        held[1] -= 1
        if held[1] == 0:
            del _HELD[key]
            fcntl.flock(held[0], fcntl.LOCK_UN)
            held[0].close()

    def check(self) -> None:
        """Raise CrawlLocked if another process holds the lock now. Writes nothing, makes no lock file:
        without one, no crawl holds the directory."""
        if not self.path.exists() or self._key() in _HELD:
            return
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise self._refused(handle) from None
            fcntl.flock(handle, fcntl.LOCK_UN)
