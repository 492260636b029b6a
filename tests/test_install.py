"""A plain install, as a new user or a Scrapyd set-up makes it: the runtime wheel, no extras, in a fresh
virtual environment with the pip the interpreter ships (no upgrade). Slow (pip installs the whole
dependency tree), so everything is checked in this one test.
"""

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from small_inputs import SAVED_PAGE, saved_page_title, saved_page_url, write_small_warc

PROJECT = Path(__file__).resolve().parents[1]
# What a checkout holds besides the project's source: environments, outputs, build leftovers.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv*", "output", "build", "dist", "*.egg-info", "__pycache__",
                                    ".pytest_cache")


def run(command, **options) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=900, **options)
    assert result.returncode == 0, f"{command} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_runtime_wheel_installs_and_runs_with_the_bundled_pip(tmp_path):
    # Built from a copy, so build/ and *.egg-info never land in the checkout.
    source = tmp_path / "source"
    shutil.copytree(PROJECT, source, ignore=NOT_SOURCE)
    built = run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--wheel-dir", tmp_path / "dist", "-v"])
    warnings = re.findall(r"\w+Warning: .*", built.stdout + built.stderr)
    assert warnings == []  # e.g. setuptools' BuildBackendWarning about the license
    [wheel] = (tmp_path / "dist").glob("portal_archive-*.whl")
    with zipfile.ZipFile(wheel) as package:
        top_level = {name.split("/")[0] for name in package.namelist()}
    assert {"cli", "record", "extraction", "archive", "crawler", "pipelines"} <= top_level
    assert not {"demo_portal", "demo", "tests", "bench"} & top_level

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv])
    bundled_pip = run([venv / "bin" / "python", "-m", "pip", "--version"]).stdout
    import ensurepip
    assert bundled_pip.startswith(f"pip {ensurepip.version()} ")
    # Not byte-compiled at install (a third of the install's time): Python compiles what it imports.
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-compile", wheel])

    # Away from the checkout, with nothing of the development environment on the path.
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    command = venv / "bin" / "portal-archive"
    where = run([venv / "bin" / "python", "-c", "import cli; print(cli.__file__)"], cwd=tmp_path, env=env).stdout
    assert where.startswith(str(venv))
    assert "verify" in run([command, "--help"], cwd=tmp_path, env=env).stdout
    record = json.loads(run([command, "extract", SAVED_PAGE, "--url", saved_page_url()], cwd=tmp_path, env=env).stdout)
    assert record["title"] == saved_page_title()
    warc = write_small_warc(tmp_path / "small.warc.gz")
    assert run([command, "verify", warc], cwd=tmp_path, env=env).stdout.strip().endswith(": OK")

    no_demo = subprocess.run([command, "crawl", "--demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert no_demo.returncode == 2 and "pip install ./demo" in no_demo.stderr and "Traceback" not in no_demo.stderr
