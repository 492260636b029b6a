"""Paragraphs that are page furniture, not article text: the profile's boilerplate lists, applied.

A paragraph is furniture when its whole text is a listed label ("Tin liên quan", "Bản in"), a
listed label with a counter ("Lượt xem: 1.523", "Đang truy cập: 45"), starts with a listed
prefix ("Bản quyền thuộc …"), is the header's date bar ("Thứ Sáu, 17/01/2020"), or is a prompt
to download the attached file ("Tải văn bản về tại đây: …").
"""

import re
from dataclasses import dataclass
from functools import cache

from extraction.dates import DATE_BAR
from extraction.profiles import Profile, family_profiles

# A prompt to fetch the attached file ("Tải Nghị định về tại đây: 76.pdf", "File đính kèm: …"): the
# file is one of the attachments, the prompt is not text of the article.
_DOWNLOAD_PROMPT = re.compile(
    r"^(?:(?:tải|download|xem)(?: xuống| về)?\b[^.!?]{0,60}?\b(?:tại đây|ở đây|tại link|tại)\s*:|"
    r"(?:file|tệp|tập tin|tài liệu|văn bản) đính kèm\s*:|tải về\s*:)",
    re.IGNORECASE,
)
_MAX_PROMPT = 200


def _without_counter(text: str) -> str:
    """The text less a counter closing a label ("Lượt xem: 1.523"), found from the end rather than
    by a pattern tried at every position of a long paragraph: the text before the white space,
    ':' and '.' ahead of the first digit of its closing run of digits (\\d is str.isdecimal), '.',
    ',' and white space (\\s is str.isspace)."""
    run = len(text)
    while run and ((c := text[run - 1]).isdecimal() or c in ".," or c.isspace()):
        run -= 1
    digit = next((i for i in range(run, len(text)) if text[i].isdecimal()), None)
    if digit is None:
        return text
    while digit and ((c := text[digit - 1]).isspace() or c in ":."):
        digit -= 1
    return text[:digit]


@dataclass(frozen=True)
class Furniture:
    texts: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, profile: Profile | None) -> "Furniture":
        """A profile's lists; without a profile, those of every family (all Vietnamese portals)."""
        return cls(profile.boilerplate_paragraphs, profile.boilerplate_prefixes) if profile else _all_families()

    def __contains__(self, paragraph: str) -> bool:
        folded = paragraph.strip().rstrip(":").strip().casefold()
        without_counter = _without_counter(folded)
        if folded in self.texts or without_counter.rstrip(":").strip() in self.texts:
            return True
        if len(folded) <= _MAX_PROMPT and _DOWNLOAD_PROMPT.match(folded):
            return True
        return folded.startswith(self.prefixes) or bool(DATE_BAR.match(paragraph.strip()))

    def strip_trailing(self, line: str) -> str:
        """A line without the button label it ends with ("Nguồn:baogialai.com.vn Copy link")."""
        folded = line.casefold()
        for label in self.texts:
            if folded.endswith(" " + label) and len(label) < len(folded):
                return line[:len(line) - len(label)].rstrip()
        return line

    def strip(self, paragraphs: list[str]) -> list[str]:
        return [p for p in paragraphs if p not in self]


@cache
def _all_families() -> Furniture:
    families = family_profiles()
    texts = frozenset().union(*(f.boilerplate_paragraphs for f in families))
    prefixes = tuple(dict.fromkeys(p for f in families for p in f.boilerplate_prefixes))
    return Furniture(texts, prefixes)
