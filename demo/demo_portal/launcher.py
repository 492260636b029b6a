"""Runs the demo portal in its own process, so it never competes with a crawl for the GIL."""

import contextlib
import subprocess
import sys


@contextlib.contextmanager
def running_demo_portal(articles: int = 650, seed: int = 2020, extra_args: tuple[str, ...] = (),
                        edition: int = 1, faults: int | None = None, port: int | None = 0):
    """Start ``python -m demo_portal`` on 127.0.0.1; yield the base URL it really listens on.

    ``port``: 0 for any free port; None for the stable one, 8650, or any free port when it is taken
    (a crawl reaches it at 8650 all the same: demo_portal.crawl_route).
    ``faults``: a seed, to serve the portal with injected faults (demo/demo_portal/faults.py).
    The portal also stops when this process dies, however it dies: its stdin is our pipe.
    """
    command = [sys.executable, "-m", "demo_portal", "--articles", str(articles), "--seed", str(seed),
               "--edition", str(edition), "--until-stdin-closes", *extra_args]
    if port is not None:
        command += ["--port", str(port)]
    if faults is not None:
        command += ["--faults", str(faults)]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        if not line.startswith("DEMO_PORTAL_URL="):
            raise RuntimeError(f"the demo portal did not start (said {line!r}, exit code {process.poll()})")
        yield line.split("=", 1)[1]
    finally:
        process.stdin.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
