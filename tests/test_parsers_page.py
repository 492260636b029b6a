"""Decoding a page: declared charset first, corrected when the bytes say otherwise."""

import unicodedata

from extraction.page import Page

TEXT = "Tiếng Việt có dấu ở đây, người dân đồng bào"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258_form(letter: str) -> str:
    decomposed = unicodedata.normalize("NFD", letter)
    tones = "".join(c for c in decomposed if c in TONES)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES)) + tones


def test_utf8_under_a_single_byte_declaration_is_read_as_utf8():
    body = f'<html><head><meta charset="iso-8859-1"></head><body>{TEXT}</body></html>'.encode()
    decoded = Page("http://x.vn/", body).decoded()
    assert TEXT in decoded.text
    assert decoded.note == "the page says its charset is cp1252 but the bytes are UTF-8; read as UTF-8"


def test_windows_1258_under_a_utf8_declaration_is_read_as_windows_1258():
    # windows-1258 has ơ, ư, â… as letters and writes tone marks as combining characters after them.
    text = "".join(map(_cp1258_form, "Người dân đón Tết ở Hòa Lâm, mưa nhiều"))
    body = f'<html><head><meta charset="utf-8"></head><body>{text}</body></html>'.encode("cp1258", "strict")
    decoded = Page("http://x.vn/", body).decoded()
    assert "Người dân đón Tết ở Hòa Lâm, mưa nhiều" in decoded.text
    assert decoded.note.endswith("read as cp1258")


def test_correct_declarations_give_no_note():
    for body, content_type in ((f"<p>{TEXT}</p>".encode(), "text/html; charset=utf-8"), (b"<p>plain ASCII</p>", None),
                               (f"<p>{TEXT}</p>".encode("utf-16"), "text/html; charset=utf-16")):
        decoded = Page("http://x.vn/", body, content_type).decoded()
        assert decoded.note is None and ("plain ASCII" in decoded.text or TEXT in decoded.text)


def test_text_is_nfc():
    body = unicodedata.normalize("NFD", f'<meta charset="utf-8"><p>{TEXT}</p>').encode()
    assert TEXT in Page("http://x.vn/", body).text()
