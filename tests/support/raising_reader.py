"""A page reader that raises on purpose, for the tests of the worker pool: workers import what they
run by name, so it lives in a module, not in a test. A page whose URL contains ``/raise-here``
raises RuntimeError, as a bug in extraction would."""

from archive.extraction_pool import ExtractionTask, extract

RAISES = "/raise-here"


def extract_or_raise(task: ExtractionTask):
    if RAISES in task.page.url:
        raise RuntimeError(f"extraction broke on {task.page.url}")
    return extract(task)
