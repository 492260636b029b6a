"""The text of an attached file (PDF, DOCX), bounded in size and work, with a note when there is none.

PDF text is read with pypdf (pure Python, maintained, no system libraries). DOCX is a zip of
XML: its paragraphs are read with lxml, which the project has anyway, so it needs no library of
its own. Legacy binary .doc, spreadsheets and archives are not read; the note says so. A PDF of
scanned pages has no text layer: the note says that too, and the file is kept all the same.
"""

import io
import logging
import unicodedata
import zipfile
from dataclasses import dataclass

from lxml import etree

from extraction.text import without_controls

MAX_FILE_BYTES = 20 * 2**20
MAX_PDF_PAGES = 300
MAX_TEXT_CHARS = 500_000
# Fewer letters than this per page: the pages are pictures (a scan), whatever stray text they carry.
_SCAN_LETTERS_PER_PAGE = 10
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class FileText:
    text: str | None
    note: str | None = None


def _bounded(text: str, note: str | None = None) -> FileText:
    # A PDF's unmapped glyphs come out as control characters: they go, as from a page's text.
    text = unicodedata.normalize("NFC", "\n".join(line.rstrip() for line in without_controls(text).splitlines()).strip())
    if len(text) > MAX_TEXT_CHARS:
        return FileText(text[:MAX_TEXT_CHARS], f"text cut at {MAX_TEXT_CHARS:,} characters")
    return FileText(text or None, note)


def _pdf_text(body: bytes) -> FileText:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf reports damaged files it reads anyway through logging: a note here says enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = reader.pages
        count = len(pages)
        texts = [pages[i].extract_text() or "" for i in range(min(count, MAX_PDF_PAGES))]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, NotImplementedError) as error:
        return FileText(None, f"PDF not readable: {type(error).__name__}: {str(error)[:200]}")
    letters = sum(ch.isalpha() for text in texts for ch in text)
    if letters < _SCAN_LETTERS_PER_PAGE * max(len(texts), 1):
        return FileText(None, f"scanned PDF without a text layer ({count} page{'s' if count != 1 else ''})")
    cut = f"text of the first {MAX_PDF_PAGES} of {count} pages" if count > MAX_PDF_PAGES else None
    return _bounded("\n\n".join(texts), cut)


def _docx_text(body: bytes) -> FileText:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_FILE_BYTES * 5:
                return FileText(None, "DOCX text part too large to read")
            root = etree.fromstring(archive.read(info), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as error:
        return FileText(None, f"DOCX not readable: {type(error).__name__}")
    lines = ["".join(node.text or "" for node in paragraph.iter(f"{_WORD}t")) for paragraph in root.iter(f"{_WORD}p")]
    return _bounded("\n".join(line for line in lines if line.strip()))


_READERS = {
    "application/pdf": _pdf_text,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx_text,
}


def _reading_type(body: bytes, media_type: str) -> str:
    media_type = (media_type or "").split(";", 1)[0].strip().lower()
    if body[:5] == b"%PDF-":
        return "application/pdf"  # servers send PDFs as octet-stream, or name them .aspx
    return media_type


def unread(body: bytes, media_type: str) -> FileText | None:
    """Why a file's text is not read at all (a type without a reader, too large), or None when
    file_text reads it. Cheap: a crawl asks before handing a file to a worker (crawler/page_reader.py)."""
    media_type = _reading_type(body, media_type)
    if media_type not in _READERS:
        return FileText(None, f"text not read from {media_type or 'a file of unknown type'}")
    if len(body) > MAX_FILE_BYTES:
        return FileText(None, f"file of {len(body) / 2**20:.1f} MB over the {MAX_FILE_BYTES // 2**20} MB text limit")
    return None


def file_text(body: bytes, media_type: str) -> FileText:
    """The text of a file, or None and why not."""
    return unread(body, media_type) or _READERS[_reading_type(body, media_type)](body)
