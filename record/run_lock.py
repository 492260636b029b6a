"""One crawl at a time per output directory: a second scheduled run refuses instead of interleaving."""

import fcntl
import os
from datetime import datetime, timezone
from pathlib import Path


class CrawlLocked(RuntimeError):
    pass


class RunLock:
    def __init__(self, directory: Path):
        self.path = Path(directory) / ".lock"
        self._file = None

    def acquire(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown process"
            handle.close()
            raise CrawlLocked(f"another crawl is already writing to {self.path.parent} ({holder}); not starting a second one") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(timezone.utc).isoformat(timespec='seconds')}\n")
        handle.flush()
        self._file = handle
        return self

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def check(self) -> None:
        """Raise CrawlLocked if a crawl holds the lock now (take and give back at once)."""
        self.acquire().release()
