"""What the extraction workers' fork server loads once (archive/extraction_pool.py), so that every
worker forked from it starts with it: the modules that read a page or an attached file, and the
record schema's compiled checks (fastjsonschema compiles them in about 0.1 s of CPU, which each
worker would otherwise spend on its first record). pypdf too, although only a crawl that meets a
PDF reads one: a worker that imported it for itself at its first PDF spent ~0.15 s of CPU and held
~16 MB of its own; forked with it, the workers share the fork server's copy. Portals with legal
documents (most of those this tool is for) link PDFs: the 20,000-article bench crawl's workers
grew 30 MB at its first PDFs without the preload (scale growth 23 % against 14 %).

Tables that the readers load at their first use are loaded here too (`load_lazy_tables`): each
worker used to load them for itself, ~0.1 s of CPU at its first pages (again in a worker replaced
after a timeout). Not justext's stop words of every language, which trafilatura's generic reading
loads at its first page that needs them (~0.17 s): they take 27 MB, which every worker's RSS
would then count (the 20,000-article bench crawl's workers: 187 -> 253 MB), where now only a
worker that reads such a page holds them."""

import mimetypes

import pebble  # noqa: F401 - what runs the worker's loop
import pypdf  # noqa: F401 - a document's PDF text (extraction/attachment_text.py imports it at the first PDF)
import tld.utils  # trafilatura's (through courlan): it reads a page's domain with this list

import archive.extraction_pool  # noqa: F401 - reextract's tasks
import extraction.page_reading  # noqa: F401 - the crawl's tasks
from extraction.fields.published import all_family_date_formats
from record.schema import compile_checks


def load_lazy_tables() -> None:
    # The generic reader's: the public-suffix list, and the dates of every family's profile
    # (each profile read from its TOML file); an attachment's type by its extension (media.py).
    tld.utils.get_tld_names()
    all_family_date_formats()
    mimetypes.init()


compile_checks()
load_lazy_tables()
