"""Text normalisation shared by every extracted field."""

import html
import re
import unicodedata

# NBSP, narrow NBSP, zero-width space and friends: portals paste them from word processors.
_INVISIBLE_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u3000"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WHITESPACE = re.compile(r"\s+")
# An entity still present after the HTML parser decoded the markup once: the text was escaped twice.
_LEFTOVER_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def normalize_text(text: str | None) -> str:
    """NFC, one space between words, no leading or trailing space, entities decoded once more."""
    if not text:
        return ""
    if "&" in text and _LEFTOVER_ENTITY.search(text):
        text = html.unescape(text)
    text = text.translate(_INVISIBLE_SPACES).translate(_ZERO_WIDTH)
    text = _WHITESPACE.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text)


def optional_text(text: str | None) -> str | None:
    """Like normalize_text, but an empty result is None (for optional record fields)."""
    return normalize_text(text) or None
