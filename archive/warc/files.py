"""WARC files by name: what this project writes, and the one way every command finds them."""

from collections.abc import Iterable
from pathlib import Path

OPEN_SUFFIX = ".open"  # a file still being written (or left by a killed writer)
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_open(path: Path) -> bool:
    return path.name.endswith(OPEN_SUFFIX)


def closed_path(open_path: Path) -> Path:
    """The name an ``.open`` file gets once it is complete."""
    return open_path.with_name(open_path.name.removesuffix(OPEN_SUFFIX))


def is_warc_name(path: Path, include_open: bool = True) -> bool:
    name = path.name.removesuffix(OPEN_SUFFIX) if include_open else path.name
    return name.endswith(WARC_SUFFIXES)


def find_warc_files(paths: Iterable[Path], include_open: bool = True) -> list[Path]:
    """Files named in `paths` as they are (whatever their names); in directories named there,
    every WARC file at any depth (and ``.open`` ones when `include_open`), in name order."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and is_warc_name(p, include_open))
        else:
            found.append(path)
    return found


def open_warc_files(directory: Path) -> list[Path]:
    """The ``.open`` files a directory's writers left, in name order."""
    return sorted(p for p in directory.glob("*" + OPEN_SUFFIX) if is_warc_name(p))
