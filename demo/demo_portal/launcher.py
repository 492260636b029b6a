"""Runs the demo portal in its own process, so it never competes with a crawl for the GIL."""

import contextlib
import subprocess
import sys


@contextlib.contextmanager
def running_demo_portal(articles: int = 650, seed: int = 2020, extra_args: tuple[str, ...] = (),
                        edition: int = 1, faults: int | None = None):
    """Start ``python -m demo_portal`` on 127.0.0.1 and a free port; yield its base URL.

    ``faults``: a seed, to serve the portal with injected faults (demo/demo_portal/faults.py).
    """
    command = [sys.executable, "-m", "demo_portal", "--articles", str(articles), "--seed", str(seed), "--port", "0",
               "--edition", str(edition), *extra_args]
    if faults is not None:
        command += ["--faults", str(faults)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        if not line.startswith("DEMO_PORTAL_URL="):
            raise RuntimeError(f"the demo portal did not start (said {line!r}, exit code {process.poll()})")
        yield line.split("=", 1)[1]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
