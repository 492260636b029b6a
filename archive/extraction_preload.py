"""What the extraction workers' fork server loads once (archive/extraction_pool.py), so that every
worker forked from it starts with it: the modules that read a page or an attached file, and the
record schema's compiled checks (fastjsonschema compiles them in about 0.1 s of CPU, which each
worker would otherwise spend on its first record). Not pypdf: only a crawl that meets a PDF reads
one, and a process that imports it holds ~16 MB more; a worker imports it at its first PDF
(~0.15 s of CPU, once)."""

import pebble  # noqa: F401 - what runs the worker's loop

import archive.extraction_pool  # noqa: F401 - reextract's tasks
import extraction.page_reading  # noqa: F401 - the crawl's tasks
from record.schema import compile_checks

compile_checks()
