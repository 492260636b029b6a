"""What the extraction workers' fork server loads once (archive/extraction_pool.py), so that every
worker forked from it starts with it: the modules that read a page or an attached file, and the
record schema's compiled checks (fastjsonschema compiles them in about 0.1 s of CPU, which each
worker would otherwise spend on its first record). pypdf too, although only a crawl that meets a
PDF reads one: a worker that imported it for itself at its first PDF spent ~0.15 s of CPU and held
~16 MB of its own; forked with it, the workers share the fork server's copy. Portals with legal
documents (most of those this tool is for) link PDFs: the 20,000-article bench crawl's workers
grew 30 MB at its first PDFs without the preload (scale growth 23 % against 14 %)."""

import pebble  # noqa: F401 - what runs the worker's loop
import pypdf  # noqa: F401 - a document's PDF text (extraction/attachment_text.py imports it at the first PDF)

import archive.extraction_pool  # noqa: F401 - reextract's tasks
import extraction.page_reading  # noqa: F401 - the crawl's tasks
from record.schema import compile_checks

compile_checks()
