"""Resident memory of a running process, sampled from /proc in a thread (Linux; no dependency)."""

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MemorySample:
    seconds: float  # since sampling started
    rss_bytes: int  # VmRSS: resident now
    peak_bytes: int  # VmHWM: the kernel's high-water mark, which catches peaks between samples
    progress: int  # how far the watched job had got (pages fetched)
    cpu_seconds: float  # user + system CPU time used so far


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def read_cpu_seconds(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    # Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def read_memory(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) in bytes, or None once the process is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # gone
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    try:
        return int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024
    except (KeyError, ValueError, IndexError):
        return None  # a zombie has no memory lines


def child_pids(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


class LineCounter:
    """Lines in a growing file, read incrementally: a crawl.log line is one page fetched."""

    def __init__(self, path: Path):
        self.path = path
        self._offset = 0
        self._lines = 0

    def __call__(self) -> int:
        try:
            with open(self.path, "rb") as stream:
                stream.seek(self._offset)
                chunk = stream.read()
        except OSError:
            return self._lines
        self._offset += len(chunk)
        self._lines += chunk.count(b"\n")
        return self._lines


class MemorySampler:
    """Samples a process every `interval` seconds until stopped or until the process is gone."""

    def __init__(self, pid: int, progress: Callable[[], int], interval: float = 0.5):
        self.pid = pid
        self.progress = progress
        self.interval = interval
        self.samples: list[MemorySample] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)
        self._started = 0.0

    def _sample(self) -> bool:
        memory = read_memory(self.pid)
        if memory is None:
            return False
        sample = MemorySample(time.monotonic() - self._started, *memory, self.progress(), read_cpu_seconds(self.pid))
        self.samples.append(sample)
        return True

    def _run(self) -> None:
        while self._sample() and not self._stop.wait(self.interval):
            pass

    def start(self) -> "MemorySampler":
        self._started = time.monotonic()
        self._thread.start()
        return self

    def stop(self) -> list[MemorySample]:
        self._stop.set()
        self._thread.join()
        return self.samples
