"""The VNI evidence pattern, written to be scanned for by its rarer second letter, finds a pair
exactly where the plain list of pairs does (the words that vote and the page-level pre-check
both rely on it)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.legacy_encoding import _VNI_EVIDENCE

# The pairs as first written: a vowel then a mark byte that is no Vietnamese letter, a second
# vowel mark on ơ/ư, "öô", â/á/à/ã after a or e, ù after a, e or y, and ñ opening a word.
PLAIN_PAIRS = re.compile(
    "[aeouyAEOUYôöÔÖ][øûïåäëüØÛÏÅÄËÜ]|[ôöÔÖ][ùõÙÕ]|[öÖ][ôÔ]|[aeAE][âáàãÂÁÀÃ]|[aeyAEY][ùÙ]|[ñÑ](?<!\\S[ñÑ])[aeiouyôöAEIOUYÔÖ]"
)
LETTERS = st.text(alphabet="aeiouyAEOUYôöÔÖøûïåäëüØÛÏÅÄËÜùõÙÕâáàãÂÁÀÃñÑbx \n\t.ơ", max_size=12)


@settings(max_examples=3000, deadline=None)
@given(LETTERS)
def test_a_pair_is_found_exactly_where_the_plain_pattern_finds_one(text):
    assert bool(_VNI_EVIDENCE.search(text)) == bool(PLAIN_PAIRS.search(text))


def test_examples():
    assert _VNI_EVIDENCE.search("Vieät") and _VNI_EVIDENCE.search("ñaøo") and _VNI_EVIDENCE.search("Tröôøng")
    assert not _VNI_EVIDENCE.search("Thông báo về việc quân sự") and not _VNI_EVIDENCE.search("xñao")
