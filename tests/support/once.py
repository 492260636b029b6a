"""What a whole test run makes once, whichever of pytest-xdist's processes asks first.

A session fixture is made once per process, and `make test` runs two: without this, the demo crawl
of 650 articles was made by both. The first process to ask makes it under a lock in the run's
shared temporary directory and writes what it returns there as JSON; the others wait for the lock
and read that. Tests only read what such a fixture made.
"""

import fcntl
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], dict]) -> dict:
    """make(directory) run once for the whole run; its result (JSON, a directory under `directory`)
    for every process. A result that failed is made again by the next process that asks."""
    base = tmp_path_factory.getbasetemp()
    # xdist's workers each get a directory under the run's own: their parent is shared, and no other run's.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    result_file = shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if result_file.exists():
            return json.loads(result_file.read_text(encoding="utf-8"))
        directory = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=shared))
        result = make(directory)
        result_file.write_text(json.dumps(result), encoding="utf-8")
        return result
