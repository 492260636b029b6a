"""Resident memory and CPU time of a running process and the workers it starts, sampled from
/proc in a thread (Linux; no dependency).

A crawl reads its pages in worker processes (crawler/page_reader.py): what the crawl costs is its
own process plus those workers, so the samplers here follow a process's descendants too, all but
the ones named apart (the demo portal a `--demo` crawl starts is the server, not the crawl).
"""

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
    # The same for the process's descendants (its extraction workers), summed: RSS now, CPU so far.
    descendants_rss_bytes: int = 0
    descendants_cpu_seconds: float = 0.0

    @property
    def total_rss_bytes(self) -> int:
        return self.rss_bytes + self.descendants_rss_bytes


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the parenthesised command name (the state is the
    first of them, the parent's pid the second); none once the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def read_cpu_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    if not fields:
        return 0.0
    # utime and stime are the 14th and 15th fields of the whole line.
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


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def descendants(pid: int, leave_out: str | None = None) -> list[int]:
    """Children, grandchildren...: the workers of a pool started from a fork server are the
    server's children. A process whose command line holds `leave_out` is left out, with its own."""
    found = []
    for child in child_pids(pid):
        if leave_out and leave_out in command_line(child):
            continue
        found += [child, *descendants(child, leave_out)]
    return found


# multiprocessing's fork server only imports the workers' modules, once, and forks them: start-up,
# not work per page (the bare spider's imports are not timed either). Its workers are counted.
_FORK_SERVER = "multiprocessing.forkserver"


def _is_fork_server(pid: int) -> bool:
    """The fork server itself, not a worker it forked (which inherits its command line)."""
    fields = _stat_fields(pid)
    if not fields:
        return False
    return _FORK_SERVER in command_line(pid) and _FORK_SERVER not in command_line(int(fields[1]))


class DescendantsCPU:
    """CPU time and memory of a process's descendants (its workers), however short-lived: each is
    read every `interval` seconds and its last reading kept after it is gone (what it used in
    its last interval is lost: 0.1 s at most, per process, against a crawl's tens of seconds)."""

    def __init__(self, pid: int, leave_out: str | None = None, interval: float = 0.1):
        self.pid, self.leave_out, self.interval = pid, leave_out, interval
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="descendants-cpu", daemon=True)

    def read(self) -> tuple[int, float]:
        """(RSS bytes of the living descendants, CPU seconds of every descendant seen so far)."""
        rss = 0
        for child in descendants(self.pid, self.leave_out):
            if _is_fork_server(child):
                continue
            self._last[child] = max(self._last.get(child, 0.0), read_cpu_seconds(child))
            rss += (read_memory(child) or (0, 0))[0]
        return rss, sum(self._last.values())

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.read()

    def start(self) -> "DescendantsCPU":
        self._thread.start()
        return self

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.read()[1]


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
    """Samples a process (and its descendants but `leave_out`) every `interval` seconds until
    stopped or until the process is gone."""

    def __init__(self, pid: int, progress: Callable[[], int], interval: float = 0.5, leave_out: str | None = None):
        self.pid = pid
        self.progress = progress
        self.interval = interval
        self._descendants = DescendantsCPU(pid, leave_out)
        self.samples: list[MemorySample] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)
        self._started = 0.0

    def _sample(self) -> bool:
        memory = read_memory(self.pid)
        if memory is None:
            return False
        sample = MemorySample(time.monotonic() - self._started, *memory, self.progress(), read_cpu_seconds(self.pid),
                              *self._descendants.read())
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
