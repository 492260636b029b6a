"""Vietnamese text written in the 8-bit font encodings of the 1990s, turned back into Unicode.

Before Unicode, Vietnamese documents were typed in TCVN3 (ABC, fonts ``.VnTime``) or VNI-Windows
(fonts ``VNI-Times``). The bytes are ordinary Latin-1 code points, so a browser with the fonts
installed showed Vietnamese, and every page served as windows-1252 — or converted to UTF-8 by a
tool that thought it was — shows ``Tr­êng`` (TCVN3) or ``Vieät Nam`` (VNI) instead. Portals still
carry such pages in old sections. Conversion works on the parsed tree's text nodes, after entity
decoding (editors wrote ``Tr&shy;&ecirc;ng``), and leaves nodes already in Unicode alone, since
migrated pages mix the two.
"""

import re
import unicodedata

from lxml import etree

from extraction.html_blocks import write

# TCVN 5712:1993 VN3, the "ABC" font encoding: byte (as a Latin-1 character) → letter.
_TCVN3 = dict(zip(
    "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
))
# Characters that are not letters in Latin-1: inside a word they only make sense as TCVN3.
_TCVN3_SYMBOLS = frozenset("µ¸¶·¹¨»¾¼½©®ª«¬\xad¡¢§£¤¥¦×÷Þþ")

# VNI-Windows writes a vowel as its base letter followed by one byte for the marks.
_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _both_cases(table: dict[str, str]) -> dict[str, str]:
    return {**table, **{k.upper(): v for k, v in table.items()}}


_TONES, _CIRCUMFLEX, _BREVE = map(_both_cases, (_TONES, _CIRCUMFLEX, _BREVE))
_VNI_SINGLE = {**_VNI_LETTERS, **{k.upper(): v.upper() for k, v in _VNI_LETTERS.items()}}
_VNI_SEQUENCE = re.compile(
    "(?P<base>[aeouyAEOUYôöÔÖ])(?P<tone>[" + "".join(_TONES) + "])"
    "|(?P<cbase>[aeoAEO])(?P<circumflex>[" + "".join(_CIRCUMFLEX) + "])"
    "|(?P<bbase>[aA])(?P<breve>[" + "".join(_BREVE) + "])"
    "|(?P<single>[" + "".join(_VNI_SINGLE) + "])"
)
# Letter pairs no Vietnamese word in Unicode has: a mark byte that is no Vietnamese letter
# (ø û ï å ä ë ü) after a vowel, a second vowel mark on ơ/ư, "öô" (ươ), â/á/à/ã after a or e,
# and đ (ñ) opening a word. Pairs Unicode does have ("HOÀNG", "hoá", "quân") are not evidence.
# Each pair is found by its second letter, then what precedes it is looked at: a pattern that
# opens with one character class is scanned for in C, and the second letters are far rarer in
# Vietnamese text than the vowels that open most pairs.
_VNI_EVIDENCE = re.compile(
    "[øûïåäëüØÛÏÅÄËÜùõÙÕâáàãÂÁÀÃôÔñÑ]"
    "(?:(?<=[aeouyAEOUYôöÔÖ][øûïåäëüØÛÏÅÄËÜ])"
    "|(?<=[ôöÔÖ][ùõÙÕ])"
    "|(?<=[öÖ][ôÔ])"
    "|(?<=[aeAE][âáàãÂÁÀÃ])"
    "|(?<=[aeyAEY][ùÙ])"
    # đ: ñ opening a word, before a vowel.
    "|(?<!\\S[ñÑ])(?<=[ñÑ])[aeiouyôöAEIOUYÔÖ])"
)
# The letters of the pairs above that Vietnamese in Unicode never has (ö: ư, ñ: đ, and the mark
# bytes): without them, only the pairs of letters Unicode text has everywhere are left to look for,
# which a pattern opening with fewer of those letters finds faster (`_has_vni_evidence`).
_VNI_RARE_LETTERS = "øûïåäëüØÛÏÅÄËÜöÖñÑ"
_VNI_COMMON_PAIRS = re.compile("[ùõÙÕâáàãÂÁÀÃ](?:(?<=[ôÔ][ùõÙÕ])|(?<=[aeAE][âáàãÂÁÀÃ])|(?<=[aeyAEY][ùÙ]))")
# Letters no Latin-1 decoding can produce: a text node holding one is already Unicode.
_UNICODE_VIETNAMESE = re.compile("[đĐăĂơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
_ATTRIBUTES = ("alt", "title")
_SKIPPED = {"script", "style"}
_MIN_EVIDENCE = 3
_MIN_SHARE = 0.3
# Fewer words than this are a stray symbol or a foreign name: not worth a note.
_MIN_FLAGGED = 2

NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows"}


def _is_tcvn3_word(word: str) -> bool:
    return any(c in _TCVN3_SYMBOLS for c in word) and any(c.isascii() and c.isalpha() for c in word)


def _is_vni_word(word: str) -> bool:
    return bool(_VNI_EVIDENCE.search(word))


def _has_vni_evidence(text: str) -> bool:
    """``_VNI_EVIDENCE.search(text)``, for a page's whole text: the rare letters are looked for
    first (with `in`), and without them only the common pairs can be there."""
    for letter in _VNI_RARE_LETTERS:
        if letter in text:
            return bool(_VNI_EVIDENCE.search(text))
    return bool(_VNI_COMMON_PAIRS.search(text))


def _vni_replace(match: re.Match) -> str:
    if match["single"]:
        return _VNI_SINGLE[match["single"]]
    if match["base"]:
        base = {"ô": "ơ", "ö": "ư", "Ô": "Ơ", "Ö": "Ư"}.get(match["base"], match["base"])
        return unicodedata.normalize("NFC", base + _TONES[match["tone"]])
    if match["cbase"]:
        return unicodedata.normalize("NFC", match["cbase"] + "\u0302" + _CIRCUMFLEX[match["circumflex"]])
    return unicodedata.normalize("NFC", match["bbase"] + "\u0306" + _BREVE[match["breve"]])


def vni_to_unicode(text: str) -> str:
    return _VNI_SEQUENCE.sub(_vni_replace, text)


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 has no capitals with tone marks: uppercase fonts (``.VnTimeH``) draw the small
    letters' bytes as capitals. A converted letter inside an otherwise capitalised word is one."""
    words = []
    for word in re.split(r"(\s+)", text):
        converted = "".join(_TCVN3.get(c, c) for c in word)
        plain = [c for c in word if c.isascii() and c.isalpha()]
        if converted != word and len(plain) >= 2 and all(c.isupper() for c in plain):
            converted = converted.upper()
        words.append(converted)
    return "".join(words)


_CONVERTERS = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}


def _text_slots(root: etree._Element):
    """(element, slot) of every piece of text a reader sees: text, tail, alt and title."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            if element.tail:
                yield element, "tail"
            continue
        if element.tag not in _SKIPPED and element.text:
            yield element, "text"
        if element.tail:
            yield element, "tail"
        for name in _ATTRIBUTES:
            if element.get(name):
                yield element, name


def _read(element, slot) -> str:
    return getattr(element, slot) if slot in ("text", "tail") else element.get(slot)


# Each looked for with str.find: far faster than a character class tried at every position.
_TCVN3_SYMBOL_LIST = tuple(sorted(_TCVN3_SYMBOLS))
_ASCII_LETTER = re.compile("[A-Za-z]")


def _has_tcvn3_word(text: str) -> bool:
    """Whether a run of non-blank characters holds both a TCVN3 symbol and an ASCII letter: what
    `_is_tcvn3_word` looks for, so a lone "»" between breadcrumb links does not count. Only the
    runs around the (few, on a Unicode page) symbols are looked at."""
    for symbol in _TCVN3_SYMBOL_LIST:
        at = text.find(symbol)
        while at >= 0:
            start = end = at
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            while end < len(text) and not text[end].isspace():
                end += 1
            if _ASCII_LETTER.search(text, start, end):
                return True
            at = text.find(symbol, at + 1)
    return False


# (From the element down rather than from the document's root, "//": a third fewer instructions.)
_ALT_AND_TITLE = etree.XPath("descendant-or-self::*/@alt | descendant-or-self::*/@title", smart_strings=False)


def _may_hold_legacy_text(root: etree._Element) -> bool:
    """A quick look at all the page's text at once (serialised by lxml, not joined node by node):
    without a TCVN3-looking word or a VNI mark sequence anywhere, no word can vote, and the
    node-by-node walk is skipped."""
    text = etree.tostring(root, method="text", encoding="unicode") + " " + " ".join(_ALT_AND_TITLE(root))
    return _has_tcvn3_word(text) or _has_vni_evidence(text)


def detect(texts: list[str]) -> tuple[str | None, int]:
    """The legacy encoding the texts are in ("tcvn3", "vni" or None) and how many words say so."""
    candidates = [t for t in texts if not _UNICODE_VIETNAMESE.search(t)]
    words = [w for t in candidates for w in t.split() if not w.isascii()]
    votes = {"tcvn3": sum(map(_is_tcvn3_word, words)), "vni": sum(map(_is_vni_word, words))}
    encoding = max(votes, key=votes.get)
    return (encoding if votes[encoding] else None), votes[encoding]


def repair_legacy_text(root: etree._Element) -> str | None:
    """Convert TCVN3 or VNI text in the tree to Unicode, in place; a note saying what was done.

    The note is None for a page in Unicode. A page with a few legacy-looking words but too few
    to be sure is flagged, not converted: a wrong conversion would garble good text.
    """
    if not _may_hold_legacy_text(root):
        return None
    slots = list(_text_slots(root))
    texts = [_read(e, s) for e, s in slots]
    encoding, evidence = detect(texts)
    if encoding is None or evidence < _MIN_FLAGGED:
        return None
    non_ascii_words = sum(1 for t in texts if not _UNICODE_VIETNAMESE.search(t) for w in t.split() if not w.isascii())
    if evidence < _MIN_EVIDENCE or evidence < _MIN_SHARE * non_ascii_words:
        return f"some text looks like {NAMES[encoding]} legacy encoding; left unconverted ({evidence} words)"
    convert = _CONVERTERS[encoding]
    for (element, slot), text in zip(slots, texts):
        if not text.isascii() and not _UNICODE_VIETNAMESE.search(text):
            write(element, slot, convert(text))
    return f"converted from {NAMES[encoding]} legacy encoding"
