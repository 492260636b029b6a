"""What the extraction workers' fork server loads once (archive/extraction_pool.py), so that every
worker forked from it starts with it: the modules that read a page, and the record schema's
compiled checks (fastjsonschema compiles them in about 0.1 s of CPU, which each worker would
otherwise spend on its first record)."""

import pebble  # noqa: F401 - what runs the worker's loop

import archive.extraction_pool  # noqa: F401 - reextract's tasks
import extraction.page_reading  # noqa: F401 - the crawl's tasks
from record.schema import compile_checks

compile_checks()
