"""Readings that wait together go to the crawl's workers in batches (crawler/page_reader.py), and a
batch that fails is read again one call a task: only the call at fault fails.

Ten files asked for in one turn of the event loop are handed over in batches of four, four and
then two (two workers, a task each); the file that kills its worker takes its batch down with it, and
the three others of that batch are read again on their own and come back as if read alone.
"""

import asyncio

import crawler.page_reader
from crawler.page_reader import PageReader
from extraction.attachment_text import file_text
from support import readers

PDF = "application/pdf"


def _read_together(reader: PageReader, bodies: list[bytes]) -> list:
    async def read_all():
        return await asyncio.gather(*(reader.read_file(body, PDF) for body in bodies))

    return asyncio.run(read_all())


def test_only_the_file_that_kills_its_worker_fails_in_its_batch(monkeypatch):
    monkeypatch.setattr(crawler.page_reader, "file_text", readers.file_text_or_misbehave)
    bodies = [b"%PDF-1.4 not a whole file " + str(number).encode() for number in range(10)]
    bodies[3] += readers.FILE_DIES
    reader = PageReader(2, timeout=60, choice=None, requisites=False)
    try:
        found = _read_together(reader, bodies)
        again = _read_together(reader, bodies[:3] + bodies[4:])  # the pool goes on with a new worker
    finally:
        reader.close()
    assert found[3].startswith("text not read: the worker reading the file died (")
    expected = [file_text(body, PDF) for body in bodies]
    assert expected[0].note  # pypdf's reason, given by the worker as here
    assert found[:3] + found[4:] == expected[:3] + expected[4:] == again
