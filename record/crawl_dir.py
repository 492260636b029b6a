"""A crawl output directory: every path in it, whether it is ours, its lock, and its records.

    articles.jsonl    article records, every version, appended across runs (record/ledger.py)
    documents.jsonl   document records (legal documents, their tabs merged), likewise
    rejects.jsonl     records that failed the JSON Schema, with the reasons
    failures.jsonl    URLs that failed, with the reason and the run
    run.json          the last run's report; runs/<run_id>.json keeps each run's
    state.sqlite      the crawl state (what was fetched, ETags, WARC locations, outcomes)
    crawl.log         one line per HTTP response
    warc/             the WARC files (*.warc.gz, the one being written *.warc.gz.open)
    indexes/index.cdxj and <name>.wacz: the index and package made after each run
    dataset/          exports (portal-archive export)
    .lock             held by the crawl writing here; it names it, and stays as the mark of a crawl

A crawl writes only into a directory that is new, empty, or one a crawl of ours wrote; anything
else is refused before a byte is read or written in it. Commands that write elsewhere (export,
merge) never write over a crawl's own files.
"""

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from record.exit_codes import USAGE
from record.jsonl import JsonLinesError, read_jsonl, read_jsonl_positions
from record.ledger import LEDGER_FIELDS, VersionLedger
from record.run_lock import LOCK_NAME, CrawlLocked, RunLock, written_by_a_crawl

ARTICLES = "articles.jsonl"
DOCUMENTS = "documents.jsonl"
REJECTS = "rejects.jsonl"
FAILURES = "failures.jsonl"
RUN_REPORT = "run.json"
RUNS = "runs"
STATE = "state.sqlite"
CRAWL_LOG = "crawl.log"
WARC = "warc"
INDEXES = "indexes"
DATASET = "dataset"
WARC_SUFFIX = ".warc.gz"
WACZ_SUFFIX = ".wacz"

# What every run report has (crawler/extensions/run_report.py writes it).
RUN_REPORT_KEYS = ("run_id", "status", "exit_code", "counts")
_SQLITE_HEADER = b"SQLite format 3\x00"
_OWN_FILES = frozenset({ARTICLES, DOCUMENTS, REJECTS, FAILURES, RUN_REPORT, STATE, f"{STATE}-wal", f"{STATE}-shm",
                        f"{STATE}-journal", CRAWL_LOG, LOCK_NAME})
_OWN_FOLDERS = frozenset({RUNS, WARC, INDEXES})
_PLAIN_NAME = re.compile(r"[^/\\\x00]+")


class NotACrawlDirectory(FileNotFoundError):
    pass


class NotOurDirectory(ValueError):
    """A directory a crawl must not write into: a file, unwritable, or holding another tool's files."""
    exit_code = USAGE


# Why a crawl does not start in a directory: one line each, and the exit code it stands for.
REFUSALS = (CrawlLocked, NotOurDirectory)


def default_output(profile_name: str, now: datetime | None = None) -> Path:
    """output/<profile>-<local time>: a new directory for a crawl not given one."""
    return Path("output") / f"{profile_name}-{(now or datetime.now()):%Y%m%d-%H%M%S}"


def check_plain_name(name: str, what: str = "name") -> str:
    """A file name without a folder in it (no '/', not '.' or '..'), or ValueError."""
    if not _PLAIN_NAME.fullmatch(name) or name in (".", ".."):
        raise ValueError(f"{what} {name!r} must be a plain name, without '/' or '..'")
    return name


def _is_run_report(path: Path) -> bool:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(report, dict) and all(key in report for key in RUN_REPORT_KEYS)


def _first_line(path: Path) -> bytes | None:
    """The first complete line of a file (None if it has none yet)."""
    with open(path, "rb") as stream:
        line = stream.readline()
    return line if line.endswith(b"\n") else None


class CrawlDirectory:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = RunLock(self.path)
        self._ledger: VersionLedger | None = None
        self._ledger_end = 0
        self._claim_made: list[Path] = []

    @classmethod
    def existing(cls, path: Path) -> "CrawlDirectory":
        """A crawl directory to read (export, load): one with articles.jsonl."""
        crawl = cls(path)
        if not crawl.articles_file.is_file():
            raise NotACrawlDirectory(f"{crawl.path} has no {ARTICLES}: is it a crawl output directory?")
        return crawl

    # The paths.
    articles_file = property(lambda self: self.path / ARTICLES)
    documents_file = property(lambda self: self.path / DOCUMENTS)
    rejects_file = property(lambda self: self.path / REJECTS)
    failures_file = property(lambda self: self.path / FAILURES)
    run_report_file = property(lambda self: self.path / RUN_REPORT)
    runs_dir = property(lambda self: self.path / RUNS)
    state_file = property(lambda self: self.path / STATE)
    crawl_log = property(lambda self: self.path / CRAWL_LOG)
    warc_dir = property(lambda self: self.path / WARC)
    index_file = property(lambda self: self.path / INDEXES / "index.cdxj")
    dataset_dir = property(lambda self: self.path / DATASET)
    lock_file = property(lambda self: self.path / LOCK_NAME)

    def run_report_of(self, run_id: str) -> Path:
        return self.runs_dir / f"{check_plain_name(run_id, 'run id')}.json"

    def wacz_file(self, name: str | None = None) -> Path:
        """<name>.wacz, the crawl's package (the name defaults to the directory's)."""
        return self.path / (check_plain_name(name or self.path.resolve().name, "collection name") + WACZ_SUFFIX)

    def warc_files(self) -> list[Path]:
        """The closed WARC files, in name order (which is the order they were written)."""
        return sorted(self.warc_dir.glob("*" + WARC_SUFFIX))

    # Whose directory it is.
    def refusal(self) -> str | None:
        """Why a crawl may not write here, or None. Reads a few bytes; writes nothing."""
        path = self.path
        if path.exists() and not path.is_dir():
            return f"{path} is a file, not a directory"
        for parent in path.absolute().parents:
            if parent.exists():
                if not parent.is_dir():
                    return f"{path} is under {parent}, which is a file"
                break
        if not path.exists():
            return None
        names = sorted(entry.name for entry in path.iterdir())
        foreign = self._foreign_files()
        if not foreign and set(names) - {LOCK_NAME} and not self.is_marked():
            foreign = names[:5] + (["…"] if len(names) > 5 else [])
        if foreign:
            return (f"{path} holds files portal-archive did not write ({', '.join(foreign)});"
                    " crawl into a new or empty directory, or one a crawl of ours wrote")
        return None

    def _foreign_files(self) -> list[str]:
        """Our file names holding something else."""
        foreign = []
        # Empty for an instant while a crawl that has just taken it writes its name.
        if self.lock_file.is_file() and self.lock_file.stat().st_size and not written_by_a_crawl(self.lock_file):
            foreign.append(f"{LOCK_NAME}: not a crawl's lock")
        if self.run_report_file.exists() and not _is_run_report(self.run_report_file):
            foreign.append(f"{RUN_REPORT}: not a run report of ours")
        if self.articles_file.is_file():
            line = _first_line(self.articles_file)
            if line is not None:
                try:
                    next(read_jsonl(self.articles_file, required=LEDGER_FIELDS))
                except JsonLinesError as error:
                    foreign.append(f"{ARTICLES}: {error.problem}")
        elif self.articles_file.exists():
            foreign.append(f"{ARTICLES}: not a file")
        if self.state_file.exists():
            with open(self.state_file, "rb") as stream:
                if stream.read(len(_SQLITE_HEADER)) not in (_SQLITE_HEADER, b""):
                    foreign.append(f"{STATE}: not an SQLite database")
        if self.warc_dir.exists() and not self.warc_dir.is_dir():
            foreign.append(f"{WARC}: not a directory")
        return foreign

    def claim(self) -> "CrawlDirectory":
        """Lock the directory for this process's crawl, if it is ours to write; raises REFUSALS.

        Checked before the lock (so that another tool's directory gets no .lock) and again under
        it (another crawl may have written in between).
        """
        for attempt in ("before", "under the lock"):
            if reason := self.refusal():
                if attempt != "before":
                    self.release()
                raise NotOurDirectory(reason)
            if attempt == "before":
                # What the claim adds (the lock file, the folders it is in), for withdraw() to take away.
                made = (self.lock_file, self.path.absolute(), *self.path.absolute().parents)
                self._claim_made = [path for path in made if not path.exists()]
                try:
                    self._lock.acquire()
                except OSError as error:
                    raise NotOurDirectory(f"{self.path}: cannot write there ({error.strerror})") from None
        return self

    def release(self) -> None:
        self._lock.release()

    def withdraw(self) -> None:
        """Give the directory up before the crawl wrote anything: released, and the lock file and folders
        the claim made removed again, so that a crawl refused at the start leaves no trace."""
        for path in self._claim_made:
            with contextlib.suppress(OSError):  # a folder something else has written into stays
                if path == self.lock_file:
                    path.unlink()
                else:
                    path.rmdir()
        self._claim_made = []
        self.release()

    def check_unlocked(self) -> None:
        """Raise CrawlLocked if a crawl is writing here now."""
        self._lock.check()

    def owns(self, path: Path) -> bool:
        """Whether `path` is this directory or one of the crawl's own files (never to be written by others)."""
        root, target = self.path.resolve(), Path(path).resolve()
        if target == root:
            return True
        try:
            parts = target.relative_to(root).parts
        except ValueError:
            return False
        return parts[0] in _OWN_FOLDERS or (len(parts) == 1 and (parts[0] in _OWN_FILES or parts[0].endswith(WACZ_SUFFIX)))

    def is_marked(self) -> bool:
        """Written by a crawl of ours: its lock file, or a run report."""
        return written_by_a_crawl(self.lock_file) or _is_run_report(self.run_report_file)

    # The records, read back.
    def ledger(self) -> VersionLedger:
        """The latest version of each article, from one pass over articles.jsonl.

        The pass stops at the last complete line, and articles() reads up to the same byte: a
        crawl may be appending while we read.
        """
        if self._ledger is None:
            ledger = VersionLedger()
            for end, record in read_jsonl_positions(self.articles_file, required=("canonical_url",)):
                ledger.add(record)
                self._ledger_end = end
            self._ledger = ledger
        return self._ledger

    def articles(self, all_versions: bool = False) -> Iterator[dict]:
        """Every version in the order written, or the latest version of each article."""
        ledger = self.ledger()
        pending = dict(ledger.latest)
        for record in read_jsonl(self.articles_file, required=("canonical_url",), end=self._ledger_end):
            if all_versions:
                yield record
            elif pending.get(record["canonical_url"]) == (record.get("version") or 0):
                # Popped so that a version written twice (which the crawler never does) is exported once.
                del pending[record["canonical_url"]]
                yield record

    def wacz_pages(self) -> list[dict]:
        """The pages a WACZ package lists: each article's latest capture, with its title."""
        return [{"url": r["url"], "title": r["title"]} for r in self.articles() if r.get("warc")]

    def run_report(self) -> dict | None:
        """The last run's report, if it is one of ours."""
        if not _is_run_report(self.run_report_file):
            return None
        return json.loads(self.run_report_file.read_text(encoding="utf-8"))

    def run_reports(self) -> list[dict]:
        """Each run's report, oldest first: runs/*.json, or run.json alone for a crawl before runs/."""
        paths = sorted(self.runs_dir.glob("*.json")) or [self.run_report_file]
        reports = [json.loads(p.read_text(encoding="utf-8")) for p in paths if _is_run_report(p)]
        return sorted(reports, key=lambda report: report.get("run_id") or "")

    def write_run_report(self, report: dict) -> None:
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        self.path.mkdir(parents=True, exist_ok=True)
        self.run_report_file.write_text(text, encoding="utf-8")
        if report.get("run_id"):
            self.runs_dir.mkdir(exist_ok=True)
            self.run_report_of(report["run_id"]).write_text(text, encoding="utf-8")

    def failures(self) -> Iterator[dict]:
        return read_jsonl(self.failures_file, required=("url", "reason"))

    def rejects(self) -> Iterator[dict]:
        return read_jsonl(self.rejects_file)


def crawl_owning(path: Path) -> CrawlDirectory | None:
    """The crawl directory of ours that `path` is, or is one of the files of, if any."""
    path = Path(path).absolute()
    for candidate in (path, *path.parents):
        crawl = CrawlDirectory(candidate)
        if candidate.is_dir() and crawl.is_marked() and crawl.owns(path):
            return crawl
    return None
