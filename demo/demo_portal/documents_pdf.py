"""Tiny valid PDF files written byte by byte: signed documents with a text layer, and scans without.

A text PDF uses the standard Helvetica font. Vietnamese letters outside Latin-1 get one-byte
codes of their own, named in the font's /Differences and mapped back to Unicode by a /ToUnicode
CMap, so that text extraction gives the exact Vietnamese text (a viewer without those glyphs may
draw boxes: the demo needs the text layer, not the looks). A scan is one grey image per page and
no text at all, like a photocopied decision.
"""

from __future__ import annotations

import zlib

_FIRST_CODE = 128


def _codes(lines: list[str]) -> dict[str, int]:
    """One byte per character: ASCII as itself, everything else from 128 up (at most 128 of them)."""
    others = sorted({ch for line in lines for ch in line if ord(ch) > 126})
    if len(others) > 256 - _FIRST_CODE:
        raise ValueError("too many distinct non-ASCII characters for one simple font")
    return {ch: _FIRST_CODE + i for i, ch in enumerate(others)}


def _escape(data: bytes) -> bytes:
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _document(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalog) with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer is `lines`, one per line."""
    codes = _codes(lines)
    content = bytearray(b"BT /F1 11 Tf 14 TL 56 790 Td\n")
    for line in lines:
        encoded = bytes(codes.get(ch, ord(ch)) if ord(ch) > 126 else ord(ch) for ch in line)
        content += b"(" + _escape(encoded) + b") Tj T*\n"
    content += b"ET\n"
    differences = b" ".join(b"%d /uni%04X" % (code, ord(ch)) for ch, code in codes.items())
    pairs = [(c, c) for c in range(32, 127)] + [(code, ord(ch)) for ch, code in codes.items()]
    # A CMap's bfchar block holds at most 100 entries.
    blocks = b"".join(
        b"%d beginbfchar\n" % len(chunk) + b"".join(b"<%02X> <%04X>\n" % pair for pair in chunk) + b"endbfchar\n"
        for chunk in (pairs[i:i + 100] for i in range(0, len(pairs), 100))
    )
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n" + blocks
        + b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    return _document([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding "
        b"/WinAnsiEncoding /Differences [" + differences + b"] >> /ToUnicode 6 0 R >>",
        _stream(bytes(content)),
        _stream(cmap),
    ])


def scanned_pdf(pages: int = 1) -> bytes:
    """A PDF of `pages` grey pictures and no text: what a scanner gives."""
    width, height = 60, 85
    pixels = bytes((200 + (x * y) % 40) for y in range(height) for x in range(width))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for _ in range(pages):
        page_number, image_number, content_number = len(objects) + 1, len(objects) + 2, len(objects) + 3
        kids.append(b"%d 0 R" % page_number)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 %d 0 R >> >> "
                       b"/Contents %d 0 R >>" % (image_number, content_number))
        objects.append(_stream(pixels, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                                       b"/BitsPerComponent 8 " % (width, height)))
        objects.append(_stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q\n"))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return _document(objects)
