"""Text normalisation shared by every extracted field."""

import html
import re
import unicodedata

# Zero-width spaces and joiners, pasted from word processors: not whitespace to `\s`, so taken out
# first. NBSP, narrow NBSP and the other wide spaces are whitespace to `\s` and `str.strip`.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Control characters that are not whitespace (C0, DEL, C1), and the noncharacters U+FFFE and U+FFFF:
# a word processor's paste leaves some (field marks \x13-\x15, \x07), which a browser shows as
# nothing; those that are whitespace to `str.split` (\x0b, \x0c, \x1c-\x1f, \x85) become spaces
# with the rest.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufffe\uffff]")
# An entity still present after the HTML parser decoded the markup once: the text was escaped twice.
_LEFTOVER_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def normalize_text(text: str | None) -> str:
    """NFC, one space between words, no leading or trailing space, leftover entities decoded,
    no control characters."""
    if not text:
        return ""
    # Escaped twice or more often: decode until none is left, so normalised text stays as it is.
    while "&" in text and _LEFTOVER_ENTITY.search(text) and (decoded := html.unescape(text)) != text:
        text = decoded
    # (Each looked for with `in`, which is far faster than the class tried at every position.)
    if not text.isascii() and ("\u200b" in text or "\u200c" in text or "\u200d" in text or "\u2060" in text or "\ufeff" in text):
        text = _ZERO_WIDTH.sub("", text)
    # str.split() splits at what `\s` matches (str.isspace): one space between words, none around.
    text = " ".join(text.split())
    # isprintable() is false for any control character (and for some format characters, which the
    # search then leaves): a scan in C, where the search would cost every text a pass in re.
    if not text.isprintable() and _CONTROL.search(text):
        text = " ".join(without_controls(text).split())
    return unicodedata.normalize("NFC", text)


def without_controls(text: str) -> str:
    """The text less its control characters that are not blank (line breaks and tabs stay)."""
    return _CONTROL.sub("", text)


def optional_text(text: str | None) -> str | None:
    """Like normalize_text, but an empty result is None (for optional record fields)."""
    return normalize_text(text) or None


# Letters only Vietnamese uses: đ ă ơ ư ĩ ũ and the precomposed block U+1EA0–U+1EF9 (ạ ả ấ … ỹ).
_VIETNAMESE_LETTER = re.compile("[đĐăĂơƠưƯĩĨũŨ\u1ea0-\u1ef9]")


def looks_vietnamese(text: str) -> bool:
    """Whether a text is Vietnamese: in Vietnamese prose about one word in four has such a letter."""
    words = len(text.split())
    found = len(_VIETNAMESE_LETTER.findall(unicodedata.normalize("NFC", text)))
    return found >= 3 and found >= 0.05 * words
