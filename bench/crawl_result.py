"""What a timed crawl process reports back to the benchmark: written as JSON, read by the parent."""

import json
import subprocess
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from bench import REPO
from bench.memory import DescendantsCPU


@dataclass(frozen=True)
class CrawlResult:
    # Wall time of the crawl itself, interpreter start-up and imports excluded.
    seconds: float
    # HTTP responses received off the wire (redirects, robots.txt and 404s included).
    fetches: int
    # CPU time of the crawl process over the same span (the demo portal runs in another process):
    # what a crawl costs whatever the neighbours on the machine are doing.
    cpu_seconds: float
    exit_code: int = 0
    # CPU time of the processes the crawl started to read its pages (its extraction workers).
    worker_cpu_seconds: float = 0.0

    @property
    def fetches_per_second(self) -> float:
        return self.fetches / self.seconds if self.seconds else 0.0

    @property
    def cpu_milliseconds_per_fetch(self) -> float:
        """The crawl process and its workers: all the CPU a page costs."""
        return (self.cpu_seconds + self.worker_cpu_seconds) * 1000 / self.fetches if self.fetches else 0.0

    @property
    def crawl_process_cpu_milliseconds_per_fetch(self) -> float:
        return self.cpu_seconds * 1000 / self.fetches if self.fetches else 0.0

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "CrawlResult":
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def timed_crawl_command(module: str, result_path: Path, args: list[str]) -> list[str]:
    """``python -m <module> --result PATH ARGS``: bench.full_crawl or bench.bare_spider."""
    return [sys.executable, "-m", module, "--result", str(result_path), *args]


def run_timed_crawl(module: str, result_path: Path, args: list[str], timeout: float = 1800) -> CrawlResult:
    """Run a timed crawl to its end and read back what it measured, with the CPU time of the
    workers it started, read from here (a sampler inside the crawl would cost the crawl CPU)."""
    command = timed_crawl_command(module, result_path, args)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    # A --demo crawl's portal is its child too, but it is the server, not the crawl.
    workers = DescendantsCPU(process.pid, leave_out="demo_portal").start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    finally:
        worker_cpu_seconds = workers.stop()
    if process.returncode != 0 or not result_path.exists():
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}\n{stdout[-2000:]}\n{stderr[-4000:]}")
    return replace(CrawlResult.load(result_path), worker_cpu_seconds=worker_cpu_seconds)
